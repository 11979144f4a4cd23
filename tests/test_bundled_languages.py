"""The bundled course in Welsh and en-XA: its every text exported, translated by translate-
toolkit's podebug, imported, and built with `languages: [en-GB, cy, en-XA]` without
--allow-partial. The Welsh packages and handbook have the Welsh interface and the translated
content; the English packages keep their names and are the same as a build without
`languages:`."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from translate_helpers import welsh_course

from builder import api

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("bundled-languages")
    course = welsh_course(tmp, source=REPO)
    yaml = course / "course/course.yaml"
    text = yaml.read_text(encoding="utf-8")
    yaml.write_text(text.replace("languages: [en-GB, cy]", "languages: [en-GB, cy, en-XA]"))
    report = api.build(course, tmp / "dist", ["scorm12"])
    assert report.warnings == []
    plain = tmp / "plain"
    for part in ("course", "modules", "quizzes"):
        shutil.copytree(REPO / part, plain / part)
    api.build(plain, tmp / "plain-dist", ["scorm12"])
    return tmp / "dist", tmp / "plain-dist"


@pytest.fixture(scope="module")
def unit_ids(built) -> list[str]:
    """The ids of the units in the XLIFF file the fixture exported."""
    tree = etree.parse(str(built[0].parent / "cy.xlf"))
    return [unit.get("id") for unit in tree.iter("{*}trans-unit")]


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_bundled_course_builds_in_each_language(built):
    dist, plain = built
    names = sorted(p.name for p in dist.iterdir())
    name = next(p.name for p in plain.iterdir() if p.name.endswith("-scorm12.zip"))
    stem = name[: -len("-scorm12.zip")]
    assert names == sorted(
        f"{stem}{lang}-{kind}" for lang in ("", "-cy", "-en-XA")
        for kind in ("scorm12.zip", "handbook.html", "accessibility.html")
    )  # fmt: skip
    assert members(dist / name) == members(plain / name)  # English unchanged


def test_the_welsh_package_has_the_welsh_interface_and_the_translated_content(built):
    dist, plain = built
    name = next(p.name for p in dist.iterdir() if p.name.endswith("-cy-scorm12.zip"))
    files = members(dist / name)
    index = files["index.html"].decode("utf-8")
    assert "Dechrau’r cwrs</button>" in index and "Start the course" not in index
    pages = [n for n in files if n.startswith("pages/") and n.endswith(".html")]
    assert len(pages) > 50
    for page_name in pages:
        page = files[page_name].decode("utf-8")
        assert '<html lang="cy"' in page, page_name
        assert 'lang="en-GB"' not in page, page_name  # nothing fell back to the English
    english = members(plain / name.replace("-cy-", "-"))
    page = "pages/communications/reaching-everyone.html"
    assert files[page] != english[page] and "xxx" in files[page].decode("utf-8")


def test_the_welsh_handbook_is_welsh_in_its_own_words_and_translated_in_the_course_s(built):
    dist, _ = built
    path = next(p for p in dist.iterdir() if p.name.endswith("-cy-handbook.html"))
    page = path.read_text(encoding="utf-8")
    assert '<html lang="cy"' in page
    assert "Siart troi i gasglu un pwynt gan bob pâr wrth adrodd yn ôl." in page
    assert "Mae’r gweithgaredd yn gofyn: “xxx" in page  # the translated lead paragraph
    assert "A flipchart" not in page and "The activity asks" not in page


@pytest.mark.parametrize(
    "kind",
    [
        r"^course:title$", r"^module/[a-z-]+:title$", r"^module/[a-z-]+:objectives\.",
        r"^page/[a-z-/]+:.*\.p\d+$", r"^page/[a-z-/]+:.*\.li\d+$", r"^page/[a-z-/]+:.*\.heading",
        r"^page/[a-z-/]+:.*\.cell\d+$", r"^page/[a-z-/]+:.*\.box\d+$", r"\.alt\d+$",
        r"^quiz/[a-z-]+:questions\.[a-z0-9-]+\.prompt$", r"\.options\.[a-z0-9-]+\.text$",
        r"\.options\.[a-z0-9-]+\.feedback$", r"\.nodes\.[a-z0-9-]+\.text$",
        r"\.choices\.[a-z0-9-]+\.(text|feedback)$", r"\.endings\.[a-z0-9-]+\.text$",
        r"^quiz/self-assessment:questions\.[a-z0-9-]+\.prompt$", r"^quiz/self-assessment:bands\.",
        r"^course:roles\.", r"^course:framing\.",
    ],
)  # fmt: skip
def test_the_export_holds_every_kind_of_text(unit_ids, kind):
    assert any(re.search(kind, unit) for unit in unit_ids), kind
