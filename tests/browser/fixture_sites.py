"""Fixture courses built and unpacked into the browser tests' site, one folder a package."""

from __future__ import annotations

import zipfile
from pathlib import Path

from builder import api

FIXTURES = Path(__file__).parents[1] / "fixtures"


def unpack_fixture(site: Path, out: Path, name: str) -> Path:
    """Build tests/fixtures/<name> as SCORM 1.2, SCORM 2004 and web packages into `out`, and
    unpack each into the site as <name>-scorm12/, <name>-scorm2004/ and <name>-web/."""
    for written in api.build(FIXTURES / name, out, ["scorm12", "scorm2004", "web"]).packages:
        target = written.path.stem.rsplit("-", 1)[1]
        with zipfile.ZipFile(written.path) as archive:
            archive.extractall(site / f"{name}-{target}")
    return site
