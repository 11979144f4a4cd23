"""The report's own words come from the interface catalogues: the course's language by
default, another with --language. In en-XA every word of the report is pseudo-localised but
the data (ids, question types); in Welsh the plural forms follow CLDR's rules."""

from __future__ import annotations

import copy
import json
import re
import uuid
from pathlib import Path

import pytest
from lxml import html as lxml_html
from report_helpers import make_course, simulate

from builder.interface import catalogue
from builder.interface.catalogue import Interface
from builder.tools.report.output_html import _overview
from builder.tools.report.run import load_index, make_report

REPO = Path(__file__).resolve().parents[1]
WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """The bundled course's index and simulated statements of 60 learners, in two roles."""
    from report_helpers import Model

    index = load_index(REPO)
    statements, _ = simulate(index, 60, Model(retry=0.3), seed=5, iri=index.iri)
    statements += scenario_answers(statements, index)
    path = tmp_path_factory.mktemp("language") / "statements.ndjson"
    path.write_text("\n".join(json.dumps(s) for s in statements), encoding="utf-8")
    return index, str(path)


def scenario_answers(statements: list[dict], index) -> list[dict]:
    """Each learner's choice at every scenario decision (the simulation answers questions only)."""
    firsts = {s["actor"]["account"]["name"]: s for s in statements}
    made = []
    for number, (_, first) in enumerate(sorted(firsts.items())):
        for n, (key, node) in enumerate(sorted(index.nodes.items())):
            statement = copy.deepcopy(first)
            statement["id"] = str(uuid.UUID(int=number * 1000 + n + 1, version=4))
            statement["object"]["id"] = f"{index.iri}/questions/{key}"
            statement["result"] = {"response": node.choices[(number + n) % len(node.choices)]}
            made.append(statement)
    return made


def data_words(index) -> set[str]:
    """What the report shows as data, in any language: ids and question types."""
    found = {"true", "false"}
    for item in index.items.values():
        found |= {item.id, item.module, item.type, *item.options, *item.objectives}
    for node in index.nodes.values():
        found |= {node.scenario, node.id, node.module, *node.choices}
    found |= set(index.objectives)
    found |= {module for module, _ in index.objectives.values()}
    return found


def english_left(page: str, data: set[str]) -> list[str]:
    """Every text node and label on the page with a word in plain ASCII that is not data."""
    tree = lxml_html.fromstring(page.encode("utf-8"))
    texts = [t for t in tree.xpath("//body//text()[not(ancestor::style)]")]
    texts += tree.xpath("//@aria-label | //title/text()")
    return [text.strip()[:80] for text in texts if english(text, data)]


def english(text: str, data: set[str]) -> bool:
    """Whether `text` holds a word in plain ASCII letters that is not data."""
    rest = re.sub(r"[a-z0-9]+(?:-[a-z0-9]+)*", lambda m: "" if m[0] in data else m[0], text)
    return bool(WORD.search(rest))


def test_every_word_of_the_en_xa_report_is_pseudo_localised(bundled):
    index, statements = bundled
    page = make_report([statements], REPO, "html", min_group=3, language="en-XA")
    assert '<html lang="en-XA">' in page
    for section in ("roles", "choices", "objectives", "scenarios", "self-assessment"):
        assert f'<h2 id="{section}">[' in page, section  # every section is there, and localised
    assert english_left(page, data_words(index)) == []


def test_the_check_finds_an_english_word_left_in_the_report(bundled):
    index, statements = bundled
    page = make_report([statements], REPO, "html", min_group=3, language="en-XA")
    broken = page.replace("</main>", "<p>Facility</p></main>")
    assert english_left(broken, data_words(index)) == ["Facility"]


def test_the_en_xa_csv_and_json_carry_pseudo_localised_flags_and_suppressed_marks(bundled):
    index, statements = bundled
    rows = make_report([statements], REPO, "csv", min_group=40, language="en-XA").splitlines()
    assert rows[0].startswith("id,module,type,objectives,n,facility,")  # column names are ids
    assert "[ƒéŵéŕ ţĥàñ 40 " in rows[1]
    report = json.loads(make_report([statements], REPO, "json", min_group=3, language="en-XA"))
    flags = [flag for item in report["items"] for flag in item["flags"]]
    data = data_words(index)
    assert flags and all(flag.startswith("[") and not english(flag, data) for flag in flags)


def test_the_report_is_in_the_course_language_unless_told(bundled, tmp_path):
    _, statements = bundled
    english = make_report([statements], REPO, "html", min_group=3)
    assert english == make_report([statements], REPO, "html", min_group=3, language="en-GB")
    assert '<html lang="en-GB">' in english and "How to read this report" in english
    welsh = make_report([statements], REPO, "html", min_group=3, language="cy")
    assert '<html lang="cy">' in welsh
    assert '<h2 id="reading">Sut i ddarllen yr adroddiad hwn</h2>' in welsh
    assert "How to read this report" not in welsh
    course, _ = make_course(tmp_path / "course", questions=6)
    yaml = course / "course" / "course.yaml"
    yaml.write_text(
        yaml.read_text(encoding="utf-8").replace("language: en-GB", "language: cy"),
        encoding="utf-8",
    )
    index = load_index(course)
    assert index.words == "cy" and index.language == "cy"
    own, _ = simulate(index, 8, seed=2)
    path = tmp_path / "own.ndjson"
    path.write_text("\n".join(json.dumps(s) for s in own), encoding="utf-8")
    assert '<html lang="cy">' in make_report([str(path)], course, "html", min_group=1)


def test_a_welsh_report_of_an_english_course_keeps_english_as_the_answers_language(bundled):
    _, statements = bundled
    report = json.loads(make_report([statements], REPO, "json", min_group=3, language="cy"))
    assert report["suppressed"] == "llai na 3"
    assert load_index(REPO, "cy").language == "en-GB"  # the course's, not the report's


def test_the_cli_offers_the_shipped_languages_and_refuses_others(cli, bundled):
    _, statements = bundled
    args = ("report", statements, "--course", str(REPO), "--min-group", "3")
    result = cli(*args, "--language", "fr")
    assert result.exit_code == 2
    assert 'no interface catalogue for "fr": use cy, en-GB or en-XA' in result.output
    result = cli(*args, "--language", "CY")
    assert result.exit_code == 0 and '<html lang="cy">' in result.stdout


def overview(language: str, count: int) -> str:
    report = {"learners_by_role": {}, "role_names": {}, "learners": count, "answers": 7,
              "learners_without_role": 0, "min_group": 5}  # fmt: skip
    return _overview(report, "fewer than 5", Interface(language))


def test_welsh_counts_take_the_form_cldr_gives_them(monkeypatch):
    """0, 1, 2, 3, 6 and 7 learners are CLDR's zero, one, two, few, many and other in Welsh:
    with a catalogue whose six forms differ, each count shows its own."""
    forms = ("zero", "one", "two", "few", "many", "other")
    marked = dict(catalogue.messages("cy"))
    marked["report.learners"] = {form: f"{form}:{{count}}" for form in forms}
    monkeypatch.setattr(catalogue, "messages", lambda language: marked)
    for count, form in zip((0, 1, 2, 3, 6, 7), forms, strict=True):
        assert f"Rhoddodd {form}:{count} 7 o atebion" in overview("cy", count)


def test_the_welsh_report_words_count_with_the_right_noun():
    assert "Rhoddodd 1 dysgwr" in overview("cy", 1)
    assert "Rhoddodd 2 ddysgwr" in overview("cy", 2)
    assert "Rhoddodd 1,234 o ddysgwyr 7 o atebion" in overview("cy", 1234)
    assert "<p>1,234 learners gave 7 answers.</p>" in overview("en-GB", 1234)
