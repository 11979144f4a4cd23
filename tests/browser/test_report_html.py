"""The HTML results report in Chromium: axe finds nothing, nothing is fetched, every chart has a
name and a table after it, it fits 320 px, and it prints."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pypdf
import pytest
from test_accessibility import assert_accessible

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from report_helpers import Model, make_course, simulate  # noqa: E402
from test_report_course import model as scenario_model  # noqa: E402
from test_report_course import statement  # noqa: E402

from builder.tools.report.course_index import index_course  # noqa: E402
from builder.tools.report.output_html import as_html  # noqa: E402
from builder.tools.report.read_xapi import add_statement  # noqa: E402
from builder.tools.report.records import Collector  # noqa: E402
from builder.tools.report.summary import summarise  # noqa: E402


def simulated_report(tmp_path: Path) -> str:
    _, index = make_course(tmp_path / "course", questions=10)
    statements, _ = simulate(index, 300, Model(), seed=4)
    others, _ = simulate(index, 2, Model(roles={"other": 1.0}), seed=5, first_number=300)
    collector = Collector(index)
    for n, s in enumerate(statements + others):
        add_statement(f"r{n}", s, collector)
    return as_html(summarise(collector, index, 5))


def scenario_report() -> str:
    index = index_course(scenario_model())
    collector = Collector(index)
    for n in range(12):
        who, role = f"p{n}", "rep" if n % 2 else "manager"
        for s in (
            statement(who, "role", role),
            statement(who, "q1", "a" if n % 3 else "b", bool(n % 3)),
            statement(who, "s1-n1", "a", True),
            statement(who, "s1-n2", "b" if n % 2 else "c"),
            statement(who, "sa-01", "b"),
            statement(who, "self-assessment", "good" if n % 4 else "danger"),
        ):
            add_statement(f"r{n}", s, collector)
    return as_html(summarise(collector, index, 5))


@pytest.fixture
def open_report(browser):  # type: ignore[no-untyped-def]
    contexts = []

    def show(html: str, width: int = 1280):  # type: ignore[no-untyped-def]
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.requests = []
        page.on("request", lambda r: page.requests.append(r.url))
        page.set_content(html)
        return page

    yield show
    for context in contexts:
        context.close()


@pytest.mark.parametrize("which", ["simulated", "scenarios"])
def test_axe_finds_nothing_and_nothing_is_fetched(open_report, tmp_path, which):
    html = simulated_report(tmp_path) if which == "simulated" else scenario_report()
    page = open_report(html)
    assert_accessible(page, f"report ({which})")
    assert page.requests == []
    assert page.evaluate("document.querySelectorAll('script, link, img, iframe').length") == 0


def test_every_chart_is_named_and_followed_by_its_table(open_report, tmp_path):
    page = open_report(simulated_report(tmp_path))
    charts = page.evaluate(
        """() => [...document.querySelectorAll('svg')].map((svg) => {
          const names = svg.getAttribute('aria-labelledby').split(' ');
          const after = svg.closest('figure').nextElementSibling;
          return { role: svg.getAttribute('role'),
                   title: document.getElementById(names[0]).textContent,
                   desc: document.getElementById(names[1]).textContent,
                   table: after && after.querySelector('table caption').textContent };
        })"""
    )
    assert [c["title"] for c in charts] == [
        "Facility and discrimination by question",
        "Facility by role",
        "Self-assessment zones by group",
    ]
    for chart in charts:
        assert chart["role"] == "img" and chart["desc"] and chart["table"]
    assert [c["table"] for c in charts] == [
        "Every question: facility, discrimination and attempts",
        "Facility by role",
        "Learners in each zone",
    ]


def test_nothing_scrolls_sideways_at_320px_but_wide_tables(open_report, tmp_path):
    page = open_report(simulated_report(tmp_path), width=320)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    regions = page.evaluate(
        "[...document.querySelectorAll('.scroll')].map(r => r.tabIndex === 0 && !!r.getAttribute('aria-label'))"
    )
    assert regions and all(regions)


def test_it_prints_to_pdf_without_its_navigation(open_report, tmp_path):
    page = open_report(simulated_report(tmp_path))
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
    pdf = page.pdf(format="A4", print_background=True)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert 3 <= len(reader.pages) <= 30
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Results report" in text and "How to read this report" in text
    assert all(p.extract_text().strip() for p in reader.pages)  # no blank page
