"""Course version and language are dimensions beside role: each group's figures are the figures
of a report over that group's statements alone."""

from __future__ import annotations

import csv
import io
import json

import pytest
from report_helpers import IRI, Model, as_neutral_csv, make_course, simulate

VERSION = f"{IRI}/extensions/course-version"


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    root = tmp_path_factory.mktemp("dimensions")
    course, index = make_course(root / "course", questions=8)
    statements, _ = simulate(index, 40, Model(retry=0.4), seed=11)
    learners = sorted({s["actor"]["account"]["name"] for s in statements})
    newer = set(learners[::2])  # every other learner took version 2.0.0, in Welsh
    for statement in statements:
        if statement["actor"]["account"]["name"] in newer:
            statement["context"]["extensions"][VERSION] = "2.0.0"
            statement["context"]["language"] = "cy"
        else:
            statement["context"]["language"] = "en-GB"
    return {"root": root, "course": course, "statements": statements, "newer": newer}


def report(cli, data, statements, name, extra=()):
    path = data["root"] / name
    path.write_text("\n".join(json.dumps(s) for s in statements), encoding="utf-8")
    args = ("report", str(path), "--course", str(data["course"]), "--format", "json", *extra)
    result = cli(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_each_version_and_language_has_the_figures_of_its_own_learners(cli, data):
    whole = report(cli, data, data["statements"], "all.ndjson")
    newer = [s for s in data["statements"] if s["actor"]["account"]["name"] in data["newer"]]
    older = [s for s in data["statements"] if s["actor"]["account"]["name"] not in data["newer"]]
    alone = {"2.0.0": report(cli, data, newer, "new.ndjson"),
             "1.0.0": report(cli, data, older, "old.ndjson")}  # fmt: skip
    # The course's own version (1.0.0) where a statement does not carry one.
    assert whole["learners_by_version"] == {"1.0.0": 20, "2.0.0": 20}
    assert whole["learners_by_language"] == {"cy": 20, "en-GB": 20}
    language = {"2.0.0": "cy", "1.0.0": "en-GB"}
    for item in whole["items"]:
        for version, part in alone.items():
            own = next(i for i in part["items"] if i["id"] == item["id"])
            expected = {"n": own["n"], "facility": own["facility"]} if own["n"] else None
            assert item["by_version"][version] == expected, (item["id"], version)
            assert item["by_language"][language[version]] == expected, (item["id"], version)
    # The figures for everyone are what they were: the dimensions only add.
    single = report(cli, data, [strip(s) for s in data["statements"]], "plain.ndjson")
    for key in ("items", "objectives", "learners_by_role", "self_assessment"):
        plain = [without_dimensions(i) for i in whole[key]] if key == "items" else whole[key]
        assert plain == ([without_dimensions(i) for i in single[key]] if key == "items"
                         else single[key])  # fmt: skip
    assert single["learners_by_version"] == {"1.0.0": 40}
    assert single["learners_by_language"] == {}


def strip(statement):
    out = json.loads(json.dumps(statement))
    out["context"]["extensions"].pop(VERSION, None)
    out["context"].pop("language", None)
    return out


def without_dimensions(item):
    return {k: v for k, v in item.items() if k not in ("by_version", "by_language")}


def test_a_small_group_is_suppressed(cli, data):
    whole = report(cli, data, data["statements"], "all.ndjson", ("--min-group", "21"))
    assert whole["learners_by_version"] == {"1.0.0": None, "2.0.0": None}
    assert all(v is None for i in whole["items"] for v in i["by_version"].values())


def test_the_neutral_csv_may_say_version_and_language(cli, data):
    rows = list(csv.reader(io.StringIO(as_neutral_csv(data["statements"]))))
    header = [*rows[0], "version", "language"]
    newer = data["newer"]
    body = [[*r, "2.0.0" if r[0] in newer else "", "cy" if r[0] in newer else ""] for r in rows[1:]]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *body])
    path = data["root"] / "dimensions.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    result = cli("report", str(path), "--course", str(data["course"]), "--format", "csv")
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    whole = report(cli, data, data["statements"], "all.ndjson")
    for row, item in zip(table, whole["items"], strict=True):
        for version in ("1.0.0", "2.0.0"):
            group = item["by_version"][version]
            assert row[f"version={version}_n"] == str(group["n"])
            assert row[f"version={version}_facility"] == str(group["facility"])
        assert row["language=cy_n"] == str(item["by_language"]["cy"]["n"])


def table_rows(page, caption):
    """The body rows of the table with `caption`, as lists of cell texts."""
    from lxml import html

    tree = html.fromstring(page)
    (table,) = tree.xpath(f'//table[caption="{caption}"]')
    return [[c.text_content() for c in row.xpath("th|td")] for row in table.xpath("tbody/tr")]


def test_the_html_shows_each_version_and_language_beside_role(cli, data):
    whole = report(cli, data, data["statements"], "all.ndjson")
    path = data["root"] / "all.ndjson"
    result = cli("report", str(path), "--course", str(data["course"]))
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert '<a href="#dimensions">Course versions and languages</a>' in page
    assert table_rows(page, "Learners by course version") == [["1.0.0", "20"], ["2.0.0", "20"]]
    assert table_rows(page, "Learners by language") == [
        ["cy (Welsh)", "20"], ["en-GB (English (United Kingdom))", "20"]
    ]  # fmt: skip
    rows = table_rows(page, "Facility by language")
    assert len(rows) == len(whole["items"])
    for row, item in zip(rows, whole["items"], strict=True):
        cy = item["by_language"]["cy"]
        assert row[0].startswith(item["id"])
        assert row[1:3] == [str(cy["n"]), f"{cy['facility']:.0%}"]


def test_the_html_dimension_words_come_from_the_catalogue(cli, data):
    from html import escape

    from builder.interface.catalogue import PSEUDO, Interface
    from builder.tools.report.output_html import as_html

    whole = report(cli, data, data["statements"], "all.ndjson")
    for language in ("cy", PSEUDO):
        words = Interface(language)
        page = as_html(whole, language)
        for key in ("heading", "version.heading", "language.learners_caption"):
            assert escape(words.text(f"report.dimension.{key}")) in page, (language, key)
        assert escape(words.text("report.dimension.version.heading")) != "Course versions"
    none = as_html({**whole, "learners_by_language": {}}, "cy")
    assert escape(Interface("cy").text("report.dimension.language.none")) in none
