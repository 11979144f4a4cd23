"""The every-type fixture course (one question of every kind, a scenario and a
self-assessment), built and unpacked into the browser tests' site."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from builder import api

FIXTURE = Path(__file__).parents[1] / "fixtures" / "every-type"


@pytest.fixture(scope="session")
def every_type_site(site, tmp_path_factory):
    """Adds every-type-scorm12/, every-type-scorm2004/ and every-type-web/ to the test site."""
    out = tmp_path_factory.mktemp("dist-every-type")
    for written in api.build(FIXTURE, out, ["scorm12", "scorm2004", "web"]).packages:
        target = written.path.stem.rsplit("-", 1)[1]
        with zipfile.ZipFile(written.path) as archive:
            archive.extractall(site / f"every-type-{target}")
    return site
