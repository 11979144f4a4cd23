"""Template sheets in the handbook: the blank columns to write in take at least half the width."""

from __future__ import annotations

import re

import lxml.html
from markupsafe import Markup

from builder import api
from builder.handbook.template_sheet import widen_write_in_columns
from builder.handbook.views import templates
from tests.helpers import FIXTURES

TABLE = (
    "<p>Before</p><table><thead><tr><th>Question</th><th>What you agreed</th></tr></thead>"
    "<tbody><tr><td>The driver that holds the others back</td><td></td></tr>"
    "<tr><td>Manager's action</td><td> </td></tr></tbody></table><p>After</p>"
)


def widths(table) -> list[tuple[float, bool]]:
    """(width in per cent, or 0 when the browser decides; blank to write in) of each column."""
    return [
        (float(re.sub(r"[^\d.]", "", col.get("style") or "") or 0), col.get("class") == "write-in")
        for col in table.xpath("colgroup/col")
    ]


def test_a_blank_column_beside_a_label_column_gets_half_the_width():
    html = widen_write_in_columns(Markup(TABLE))
    doc = lxml.html.fragment_fromstring(str(html), create_parent="div")
    assert widths(doc.find("table")) == [(0, False), (50.0, True)]
    assert doc.text_content().startswith("Before") and doc.text_content().endswith("After")


def test_a_table_with_no_blank_column_is_left_alone():
    filled = TABLE.replace("<td></td>", "<td>x</td>").replace("<td> </td>", "<td>y</td>")
    assert widen_write_in_columns(Markup(filled)) == Markup(filled)


def test_every_template_of_the_bundled_course_leaves_half_its_tables_to_write_in():
    model, _ = api.validate(FIXTURES.parents[1])
    tables = [
        table
        for sheet in templates(model)
        for table in lxml.html.fragment_fromstring(str(sheet.body), create_parent="div").iter(
            "table"
        )
    ]
    assert len(tables) >= 6
    for table in tables:
        cols = widths(table)
        assert 50 <= sum(w for w, blank in cols if blank) <= 100.2
