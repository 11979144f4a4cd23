"""Content translation: XLIFF 1.2 export, a real translation tool, import, status.

The translation tool is translate-toolkit: its `podebug` fills every target with a pseudo-
translation, and its XLIFF store reorders and drops units, as translation tools do.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from translate.storage import xliff as toolkit
from translate_helpers import podebug as toolkit_pseudo

from builder.load.inline_codes import pieces, plain_text, to_markdown
from builder.load.translations import read_translations
from builder.load.units import source_hash
from builder.model.problems import Problems
from builder.tools.translate.course_state import read_course
from builder.tools.translate.xliff import schema

REPO = Path(__file__).parents[1]
SHARED = Path(__file__).parents[2] / "shared" / "xliff-schemas"
OURS = REPO / "builder" / "tools" / "translate" / "schemas"


@pytest.fixture
def course(tmp_path) -> Path:
    root = tmp_path / "course"
    shutil.copytree(FIXTURES / "minimal", root)
    page = root / "modules/fire-basics/01-fire-triangle.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\nPress `Alarm` on the [panel](02-alarm.md) and *then* leave.\n",
        encoding="utf-8",
    )
    return root


def export(cli, root: Path, out: Path, language: str = "cy") -> Path:
    result = cli(
        "translate", "export", "--course", str(root), "--language", language, "--out", str(out)
    )
    assert result.exit_code == 0, result.output
    return out


def podebug(source: Path, out: Path) -> Path:
    return toolkit_pseudo(source, out, rewrite="unicode")


def toolkit_targets(path: Path) -> dict[str, str]:
    store = toolkit.xlifffile.parsefile(str(path))
    return {u.xmlelement.get("id"): u.target for u in store.units if not u.isheader()}


def test_the_export_is_valid_xliff_1_2(cli, course, tmp_path):
    file = export(cli, course, tmp_path / "cy.xlf")
    tree = etree.parse(str(file))
    validator = schema()
    assert validator.validate(tree), validator.error_log
    units = tree.getroot().findall(".//{*}trans-unit")
    ids = [u.get("id") for u in units]
    assert len(ids) == len(set(ids)) == len(read_course(course).units)
    paragraph = tree.find(".//{*}trans-unit[@id='page/fire-basics/fire-triangle:top.p2']")
    source = etree.tostring(paragraph.find("{*}source"), encoding="unicode")
    assert '<x id="1" ctype="x-code"/>' in source
    assert '<g id="2" ctype="link">panel</g>' in source
    assert '<g id="3" ctype="italic">then</g>' in source
    context = {c.get("context-type"): c.text for c in paragraph.iter("{*}context")}
    assert context["sourcefile"] == "modules/fire-basics/01-fire-triangle.md"
    assert context["linenumber"] == "11"
    assert "paragraph on the screen “The fire triangle”" in paragraph.find("{*}note").text
    title = tree.find(".//{*}trans-unit[@id='course:title']")
    assert title.get("maxwidth") == "200" and title.get("size-unit") == "char"
    assert "At most 200 characters." in title.find("{*}note").text


def test_our_schema_copies_are_the_published_files():
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED} is missing")
        pytest.skip("the shared schema folder is not beside this checkout")
    for name in ("xliff-core-1.2-strict.xsd", "xml.xsd"):
        assert (OURS / name).read_bytes() == (SHARED / name).read_bytes()


def test_a_broken_export_would_fail_the_schema(cli, course, tmp_path):
    """The validation the tests rely on can fail: a unit without <source> is refused."""
    file = export(cli, course, tmp_path / "cy.xlf")
    tree = etree.parse(str(file))
    source = tree.find(".//{*}source")
    source.getparent().remove(source)
    assert not schema().validate(tree)


def test_toolkit_round_trip_translates_every_unit(cli, course, tmp_path):
    filled = podebug(export(cli, course, tmp_path / "cy.xlf"), tmp_path / "cy-done.xlf")
    targets = toolkit_targets(filled)
    result = cli("translate", "import", str(filled), "--course", str(course))
    assert result.exit_code == 0, result.output
    units = read_course(course).units
    assert f"cy: {len(units)} translated, 0 stale, 0 missing" in result.stdout
    stored = read_translations(course, "cy", Problems())
    assert set(stored) == set(units)
    for unit_id, translation in stored.items():
        # What a reader sees of the stored Markdown is what the tool wrote.
        assert plain_text(pieces(translation.text)) == targets[unit_id].strip() or (
            not units[unit_id].markdown and translation.text == targets[unit_id].strip()
        )
        assert translation.hash == units[unit_id].hash
    code = stored["page/fire-basics/fire-triangle:top.p2"].text
    assert "`Alarm`" in code and "](02-alarm.md)" in code and code.count("*") == 2
    status = cli("translate", "status", "--course", str(course))
    assert f"cy (Welsh): {len(units)} translated, 0 stale, 0 missing" in status.stdout


def test_units_reordered_and_one_dropped_by_the_tool(cli, course, tmp_path):
    filled = podebug(export(cli, course, tmp_path / "cy.xlf"), tmp_path / "cy-done.xlf")
    store = toolkit.xlifffile.parsefile(str(filled))
    units = [u for u in store.units if not u.isheader()]
    for unit in units:
        store.removeunit(unit)
    dropped = units[3].xmlelement.get("id")
    for unit in reversed(units[:3] + units[4:]):
        store.addunit(unit)
    store.savefile(str(tmp_path / "reordered.xlf"))
    targets = toolkit_targets(tmp_path / "reordered.xlf")

    result = cli("translate", "import", str(tmp_path / "reordered.xlf"), "--course", str(course))

    assert result.exit_code == 0, result.output
    total = len(read_course(course).units)
    assert f"cy: {total - 1} translated, 0 stale, 1 missing" in result.stdout
    stored = read_translations(course, "cy", Problems())
    assert dropped not in stored
    for unit_id, text in targets.items():  # each text stays with its own id
        assert plain_text(pieces(stored[unit_id].text)).strip() == text.strip() or (
            stored[unit_id].text == text.strip()
        )
    status = cli("translate", "status", "--course", str(course))
    assert f"missing: {dropped} (" in status.stdout


def test_the_returned_source_text_is_never_trusted(cli, course, tmp_path):
    """A tool that rewrites <source> changes nothing; the hash from the export decides."""
    file = export(cli, course, tmp_path / "cy.xlf")
    tree = etree.parse(str(file))
    unit = tree.find(".//{*}trans-unit[@id='course:audience']")
    unit.find("{*}source").text = "Something   else    entirely"
    target = etree.SubElement(unit, "{urn:oasis:names:tc:xliff:document:1.2}target")
    unit.find("{*}source").addnext(target)
    target.text = "Pawb sy’n gweithio yn yr adeilad."
    tree.write(str(file))
    result = cli("translate", "import", str(file), "--course", str(course))
    assert result.exit_code == 0, result.output
    assert read_translations(course, "cy", Problems())["course:audience"].hash == source_hash(
        "Everyone who works in the building."
    )


def test_an_old_file_returned_late_never_makes_a_stale_translation_current(cli, course, tmp_path):
    old = podebug(export(cli, course, tmp_path / "old.xlf"), tmp_path / "old-done.xlf")
    quiz = course / "quizzes/fire-basics.yaml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace("text: Oxygen", "text: Oxygen in the air"),
        encoding="utf-8",
    )
    new = podebug(export(cli, course, tmp_path / "new.xlf"), tmp_path / "new-done.xlf")
    assert cli("translate", "import", str(new), "--course", str(course)).exit_code == 0
    unit_id = "quiz/fire-basics:questions.fire-01.options.a.text"
    current = read_translations(course, "cy", Problems())[unit_id]

    late = cli("translate", "import", str(old), "--course", str(course))

    assert late.exit_code == 1
    assert f'unit "{unit_id}" is stale' in late.stderr
    assert read_translations(course, "cy", Problems())[unit_id] == current


def test_a_changed_english_shows_as_stale_in_status_and_export(cli, course, tmp_path):
    filled = podebug(export(cli, course, tmp_path / "cy.xlf"), tmp_path / "done.xlf")
    assert cli("translate", "import", str(filled), "--course", str(course)).exit_code == 0
    quiz = course / "quizzes/fire-basics.yaml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace("text: Water", "text: Water from a hose"),
        encoding="utf-8",
    )
    status = cli("translate", "status", "--course", str(course))
    assert "1 stale, 0 missing" in status.stdout
    assert (
        "stale: quiz/fire-basics:questions.fire-01.options.b.text (quizzes/fire-basics.yaml:"
        in status.stdout
    )
    again = etree.parse(str(export(cli, course, tmp_path / "again.xlf")))
    unit = again.find(".//{*}trans-unit[@id='quiz/fire-basics:questions.fire-01.options.b.text']")
    assert unit.find("{*}target").get("state") == "needs-review-translation"
    kept = again.find(".//{*}trans-unit[@id='course:title']/{*}target")
    assert kept.get("state") == "translated"


def test_the_english_is_never_touched(cli, course, tmp_path):
    before = {p: p.read_bytes() for p in course.rglob("*") if p.is_file()}
    filled = podebug(export(cli, course, tmp_path / "cy.xlf"), tmp_path / "done.xlf")
    assert cli("translate", "import", str(filled), "--course", str(course)).exit_code == 0
    after = {p: p.read_bytes() for p in course.rglob("*") if p.is_file()}
    assert {p: after[p] for p in before} == before
    assert all("translations" in p.parts for p in set(after) - set(before))


def test_importing_twice_writes_the_same_files(cli, course, tmp_path):
    filled = podebug(export(cli, course, tmp_path / "cy.xlf"), tmp_path / "done.xlf")
    cli("translate", "import", str(filled), "--course", str(course))
    first = {p: p.read_bytes() for p in (course / "translations").rglob("*") if p.is_file()}
    cli("translate", "import", str(filled), "--course", str(course))
    second = {p: p.read_bytes() for p in (course / "translations").rglob("*") if p.is_file()}
    assert first == second and len(first) == 5


def test_export_refuses_the_course_language(cli, course, tmp_path):
    result = cli(
        "translate",
        "export",
        "--course",
        str(course),
        "--language",
        "en-gb",
        "--out",
        str(tmp_path / "x.xlf"),
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "error: en-gb is the course's own language (course/course.yaml language): "
        "choose the language to translate into\n"
    )


INLINE_TEXT = st.text(alphabet="ab *_`[]()!\\&<>#\n.:", max_size=40)


@settings(max_examples=300, deadline=None)
@given(INLINE_TEXT)
def test_inline_codes_round_trip_through_markdown(text):
    """Writing the pieces back as Markdown and reading them again gives the same pieces."""
    first = pieces(text)
    again = pieces(to_markdown(first, first))
    assert [(p.kind, p.text, p.ctype) for p in again] == [(p.kind, p.text, p.ctype) for p in first]


HASHES = st.text(alphabet="0123456789abcdef", min_size=16, max_size=16)
SCALARS = st.one_of(
    HASHES, st.sampled_from(["0304276256943829", "218197693424e015", "1e5", "true", "~", ""]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=30),
)  # fmt: skip
UNIT_IDS = st.from_regex(r"[a-z][a-z0-9/:.-]{0,20}", fullmatch=True)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(UNIT_IDS, st.fixed_dictionaries(
    {"source": HASHES | SCALARS, "text": SCALARS}), max_size=5))  # fmt: skip
def test_a_stored_translation_file_reads_back_as_written(data):
    """What `translate import` writes, the course's YAML reader reads back unchanged, even a
    hash such as 0304276256943829 that YAML 1.2 reads as a number when it is left plain (two
    of the bundled course's units had such hashes and would not build)."""
    import yaml

    from builder.load.yamlfile import parse_yaml
    from builder.tools.translate.store import _Dumper

    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    assert parse_yaml(text, "t.yaml").data == data
