"""`languages:` in course.yaml: one set of packages and a handbook per language.

The Welsh texts come from translate-toolkit's pseudo-translator, through export and import.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from translate_helpers import WELSH, welsh_course

from builder import api
from builder.model.problems import CourseError

LANGUAGES = WELSH
CMI5 = "packages: [scorm12, scorm2004, cmi5]\niri: https://example.org/courses/fire\n"


@pytest.fixture
def course(tmp_path) -> Path:
    root = welsh_course(tmp_path)
    yaml = root / "course/course.yaml"
    text = yaml.read_text(encoding="utf-8").replace("packages: [scorm12, scorm2004]\n", CMI5)
    yaml.write_text(text, encoding="utf-8")
    return root


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_each_language_gets_its_own_packages_and_handbook(course, tmp_path):
    report = api.build(course, tmp_path / "dist")
    names = sorted(p.path.name for p in report.packages)
    assert names == [
        "fire-safety-1.0.0-cmi5.zip",
        "fire-safety-1.0.0-cy-cmi5.zip",
        "fire-safety-1.0.0-cy-scorm12.zip",
        "fire-safety-1.0.0-cy-scorm2004.zip",
        "fire-safety-1.0.0-scorm12.zip",
        "fire-safety-1.0.0-scorm2004.zip",
    ]
    assert report.handbook.path.name == "fire-safety-1.0.0-handbook.html"
    assert [h.path.name for h in report.handbooks] == ["fire-safety-1.0.0-cy-handbook.html"]
    handbook = report.handbooks[0].path.read_text(encoding="utf-8")
    assert '<html lang="cy">' in handbook
    assert '<h1 id="title">xxxFire safety basicsxxx' in handbook
    assert "xxxActivityxxx: xxxWalk the routexxx" in handbook  # the label is translated too
    assert report.statement.path.name == "fire-safety-1.0.0-accessibility.html"
    assert [s.path.name for s in report.statements] == ["fire-safety-1.0.0-cy-accessibility.html"]
    statement = report.statements[0].path.read_text(encoding="utf-8")
    assert '<html lang="cy">' in statement
    # The Welsh statement is the one each Welsh package carries, as the publisher posts it.
    carried = members(tmp_path / "dist" / "fire-safety-1.0.0-cy-scorm12.zip")["accessibility.html"]
    english = report.statement.path.read_text(encoding="utf-8")
    assert statement != english
    assert _body(statement) == _body(carried.decode("utf-8"))
    again = api.build(course, tmp_path / "dist")
    assert again.up_to_date
    assert [s.path.name for s in again.statements] == ["fire-safety-1.0.0-cy-accessibility.html"]
    assert again.statement.path == report.statement.path


def _body(html: str) -> str:
    """A statement page without its head (a package's has its own security policy)."""
    return html.split("<body", 1)[1]


def test_the_default_language_is_unchanged_by_adding_languages(course, tmp_path):
    api.build(course, tmp_path / "with")
    yaml = course / "course/course.yaml"
    yaml.write_text(
        yaml.read_text(encoding="utf-8").replace(LANGUAGES[1], LANGUAGES[0]), encoding="utf-8"
    )
    shutil.rmtree(course / "translations")
    without = api.build(course, tmp_path / "without")
    for written in without.packages:
        assert members(written.path) == members(tmp_path / "with" / written.path.name)


def test_the_welsh_packages_say_they_are_welsh(course, tmp_path):
    api.build(course, tmp_path / "dist")
    for fmt in ("scorm12", "scorm2004", "cmi5"):
        files = members(tmp_path / "dist" / f"fire-safety-1.0.0-cy-{fmt}.zip")
        pages = [n for n in files if n.endswith(".html")]
        assert pages
        for name in pages:
            assert re.search(rb'<html lang="cy">', files[name]), name
        page = files["pages/fire-basics/fire-triangle.html"].decode("utf-8")
        assert "<p>xxxEvery fire needs three things: <strong>heat</strong>" in page
        assert "<p>Every fire needs" not in page
    structure = etree.fromstring(
        members(tmp_path / "dist" / "fire-safety-1.0.0-cy-cmi5.zip")["cmi5.xml"]
    )
    langstrings = structure.findall(".//{*}langstring")
    assert langstrings and {s.get("lang") for s in langstrings} == {"cy"}
    assert all(s.text.startswith("xxx") for s in langstrings[:2])
    metadata = members(tmp_path / "dist" / "fire-safety-1.0.0-cy-scorm12.zip")["metadata.xml"]
    assert b"<language>cy</language>" in metadata.replace(b"lom:", b"")


def test_a_missing_translation_stops_the_build_naming_the_units(course, tmp_path):
    page = course / "translations/cy/modules/fire-basics/02-alarm.yaml"
    page.unlink()
    with pytest.raises(CourseError) as caught:
        api.build(course, tmp_path / "dist")
    [problem] = caught.value.problems
    assert problem.format().startswith(
        "translations/cy: error: 6 texts have no current cy translation: "
        "page/fire-basics/alarm:title, page/fire-basics/alarm:top.li1,"
    )
    assert not (tmp_path / "dist").exists() or not list((tmp_path / "dist").iterdir())


def test_a_stale_translation_counts_as_missing(course, tmp_path):
    quiz = course / "quizzes/fire-basics.yaml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace("text: Water", "text: A hose"), encoding="utf-8"
    )
    with pytest.raises(CourseError) as caught:
        api.build(course, tmp_path / "dist")
    assert (
        "1 texts have no current cy translation: "
        "quiz/fire-basics:questions.fire-01.options.b.text;" in caught.value.problems[0].message
    )


def test_allow_partial_falls_back_with_a_warning_and_lang(course, tmp_path):
    page = course / "translations/cy/modules/fire-basics/01-fire-triangle.yaml"
    text = page.read_text(encoding="utf-8")
    start = text.index("page/fire-basics/fire-triangle:top.p1:")
    end = text.index("page/fire-basics/fire-triangle:top.li1:")
    page.write_text(text[:start] + text[end:], encoding="utf-8")
    report = api.build(course, tmp_path / "dist", allow_partial=True)
    assert [w.format() for w in report.warnings] == [
        "translations/cy: warning: 1 texts have no current cy translation and stay in en-GB: "
        "page/fire-basics/fire-triangle:top.p1"
    ]
    files = members(tmp_path / "dist" / "fire-safety-1.0.0-cy-scorm12.zip")
    page_html = files["pages/fire-basics/fire-triangle.html"].decode("utf-8")
    assert '<p lang="en-GB">Every fire needs three things' in page_html
    assert "<li>xxxHeat, fuel" in page_html  # translated blocks carry no lang of their own
    with pytest.raises(CourseError):
        api.build(course, tmp_path / "strict", allow_partial=True, strict=True)


def test_a_tight_list_item_falls_back_on_the_item(course, tmp_path):
    page = course / "translations/cy/modules/fire-basics/01-fire-triangle.yaml"
    text = page.read_text(encoding="utf-8")
    start = text.index("page/fire-basics/fire-triangle:top.li1:")
    end = text.index("page/fire-basics/fire-triangle:top.li2:")
    page.write_text(text[:start] + text[end:], encoding="utf-8")
    api.build(course, tmp_path / "dist", allow_partial=True)
    files = members(tmp_path / "dist" / "fire-safety-1.0.0-cy-scorm12.zip")
    assert '<li lang="en-GB">Heat, fuel and oxygen' in files[
        "pages/fire-basics/fire-triangle.html"
    ].decode("utf-8")


def test_the_welsh_packages_have_a_welsh_interface(course, tmp_path):
    api.build(course, tmp_path / "dist")
    files = members(tmp_path / "dist" / "fire-safety-1.0.0-cy-scorm12.zip")
    index = files["index.html"].decode("utf-8")
    assert "Dechrau’r cwrs</button>" in index and "Start the course" not in index
    assert '"interface":{' in index and '"language":"cy"' in index
    page = files["pages/fire-basics/fire-triangle.html"].decode("utf-8")
    assert "<h2>Pwyntiau allweddol</h2>" in page and "Key points" not in page
    overview = files["pages/fire-basics/overview.html"].decode("utf-8")
    assert "2 dudalen a gwiriad gwybodaeth" in overview
    quiz = files["pages/fire-basics/quiz.html"].decode("utf-8")
    assert "Cwestiwn 1</span>" in quiz and "Gwirio’r atebion" in quiz and "Question" not in quiz
    english = members(tmp_path / "dist" / "fire-safety-1.0.0-scorm12.zip")["index.html"]
    assert b'"interface"' not in english and b"Start the course</button>" in english


def test_the_pseudo_locale_builds_without_translations(tmp_path):
    root = tmp_path / "course"
    shutil.copytree(Path(__file__).parent / "fixtures" / "minimal", root)
    yaml = root / "course/course.yaml"
    text = yaml.read_text(encoding="utf-8").replace(
        WELSH[0], "language: en-GB\nlanguages: [en-GB, en-XA]\n"
    )
    yaml.write_text(text, encoding="utf-8")
    report = api.build(root, tmp_path / "dist", ["scorm12"])
    assert report.warnings == []
    files = members(tmp_path / "dist" / "fire-safety-1.0.0-en-XA-scorm12.zip")
    page = files["pages/fire-basics/fire-triangle.html"].decode("utf-8")
    assert '<html lang="en-XA">' in page and "<h2>[Ķéý þöîñţš" in page
    assert "<strong>[ĥéàţ" in page or "<strong>ĥéàţ" in page  # content too, codes kept
    assert "Every fire" not in page


def drop_units(path: Path, *ids: str) -> None:
    """Take the translations of `ids` out of one translation file."""
    kept, skipping = [], False
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if not line.startswith((" ", "#")):
            skipping = line.rstrip().rstrip(":") in ids
        if not skipping:
            kept.append(line)
    path.write_text("".join(kept), encoding="utf-8")


def test_yaml_texts_that_fall_back_carry_their_own_lang(course, tmp_path):
    """A course.yaml or quiz text left in English in a Welsh package is marked en-GB where it
    shows, and only there; a <title> or an attribute gets the plain text."""
    drop_units(course / "translations/cy/course/course.yaml", "course:title")
    drop_units(
        course / "translations/cy/quizzes/fire-basics.yaml",
        "quiz/fire-basics:questions.fire-01.prompt",
        "quiz/fire-basics:questions.fire-01.options.b.text",
    )
    report = api.build(course, tmp_path / "dist", allow_partial=True)
    assert "3 texts have no current cy translation and stay in en-GB" in report.warnings[0].format()
    files = members(tmp_path / "dist" / "fire-safety-1.0.0-cy-scorm12.zip")
    quiz = files["pages/fire-basics/quiz.html"].decode("utf-8")
    assert '<span lang="en-GB">Which of these is part of the fire triangle?</span></legend>' in quiz
    assert '<label for="q-fire-01-b"><span lang="en-GB">Water</span></label>' in quiz
    assert '<label for="q-fire-01-a">xxxOxygenxxx</label>' in quiz  # translated: no lang
    assert '<p class="dfc-course-title"><span lang="en-GB">Fire safety basics</span></p>' in quiz
    assert re.search(r"<title>[^<]*Fire safety basics</title>", quiz)
    index = files["index.html"].decode("utf-8")
    assert '<h1><span lang="en-GB">Fire safety basics</span></h1>' in index
    assert "<title>Fire safety basics</title>" in index
    handbook = (tmp_path / "dist" / "fire-safety-1.0.0-cy-handbook.html").read_text("utf-8")
    assert '<h1 id="title"><span lang="en-GB">Fire safety basics</span></h1>' in handbook
    # The English package is untouched: no lang of its own anywhere.
    english = members(tmp_path / "dist" / "fire-safety-1.0.0-scorm12.zip")
    assert 'lang="en-GB"><' not in english["pages/fire-basics/quiz.html"].decode("utf-8")


def test_reordering_options_and_pages_keeps_each_translation_on_its_own_text(course, tmp_path):
    """Unit ids come from YAML ids and page ids, never from positions: with the options of a
    question swapped and the pages in another order, every translation is still current and
    sits with the text it translates."""
    quiz = course / "quizzes/fire-basics.yaml"
    text = quiz.read_text(encoding="utf-8")
    oxygen = (
        "      - id: a\n        text: Oxygen\n        correct: true\n"
        "        feedback: A fire needs oxygen, heat and fuel.\n"
    )
    water = "      - id: b\n        text: Water\n        feedback: Water puts many fires out.\n"
    assert oxygen + water in text
    quiz.write_text(text.replace(oxygen + water, water + oxygen), encoding="utf-8")
    pages = course / "modules/fire-basics"
    (pages / "01-fire-triangle.md").rename(pages / "03-fire-triangle.md")
    report = api.build(course, tmp_path / "dist", ["scorm12"])
    assert report.warnings == []
    files = members(tmp_path / "dist" / "fire-safety-1.0.0-cy-scorm12.zip")
    page = files["pages/fire-basics/quiz.html"].decode("utf-8")
    water_at, oxygen_at = page.index('value="b">'), page.index('value="a">')
    assert water_at < oxygen_at  # the new order
    assert page[water_at:].split("</label>")[0].endswith(">xxxWaterxxx")
    assert page[oxygen_at:].split("</label>")[0].endswith(">xxxOxygenxxx")
    triangle = files["pages/fire-basics/fire-triangle.html"].decode("utf-8")
    assert "<p>xxxEvery fire needs three things: <strong>heat</strong>" in triangle
