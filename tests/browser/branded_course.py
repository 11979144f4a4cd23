"""The bundled course under another organisation's theme, built into the browser tests' site.

Unlike the bundled look in every token: a teal header, a cream page, purple links, a rust
accent, a serif system font and a logo.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

from builder import api

REPO = Path(__file__).parents[2]
THEME = {
    "organisation": "Northshire Council",
    "colours": {
        "brand": "#0b4f4a",
        "text": "#202124",
        "background": "#fffdf7",
        "link": "#5b2a86",
        "accent": "#8a3a12",
        "right": "#1e6b2e",
        "wrong": "#a4262c",
    },
    "logo": {"file": "course/northshire.svg", "alt": "Northshire Council"},
    "font": {"family": ["Georgia", "Cambria", "serif"]},
}
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="32" viewBox="0 0 120 32">'
    '<rect width="32" height="32" rx="6" fill="#fffdf7"/>'
    '<path d="M8 24V8l16 16V8" stroke="#0b4f4a" stroke-width="4" fill="none"/>'
    '<text x="40" y="22" font-family="Georgia, serif" font-size="15" fill="#fffdf7">'
    "Northshire</text></svg>"
)


def branded_course(folder: Path, theme: dict | None = None) -> Path:
    """A copy of the bundled course with `theme` (default: THEME) in its course.yaml."""
    for part in ("course", "modules", "quizzes"):
        shutil.copytree(REPO / part, folder / part)
    course_file = folder / "course" / "course.yaml"
    data = yaml.safe_load(course_file.read_text(encoding="utf-8"))
    data["theme"] = theme or THEME
    course_file.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    (folder / "course" / "northshire.svg").write_text(LOGO, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def branded_site(site, tmp_path_factory):
    """Adds branded-scorm12/ and branded-web/ to the test site."""
    course = branded_course(tmp_path_factory.mktemp("branded"))
    out = tmp_path_factory.mktemp("dist-branded")
    for written in api.build(course, out, ["scorm12", "web"]).packages:
        target = written.path.stem.rsplit("-", 1)[1]
        with zipfile.ZipFile(written.path) as archive:
            archive.extractall(site / f"branded-{target}")
    return site
