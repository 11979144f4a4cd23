"""The scenario fixture course, built and unpacked into the browser tests' site."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from builder import api

FIXTURE = Path(__file__).parents[1] / "fixtures" / "scenario"


@pytest.fixture(scope="session")
def scenario_site(site, tmp_path_factory):
    """Adds scenario-scorm12/, scenario-scorm2004/ and scenario-web/ to the test site."""
    out = tmp_path_factory.mktemp("dist-scenario")
    for written in api.build(FIXTURE, out, ["scorm12", "scorm2004", "web"]).packages:
        target = written.path.stem.rsplit("-", 1)[1]
        with zipfile.ZipFile(written.path) as archive:
            archive.extractall(site / f"scenario-{target}")
    return site
