"""The facilitator handbook prints to clean A4 pages in Chromium: none blank, none holding only
a heading, modules apart, and scenario steps numbered by path as the course numbers them."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
from handbook_pdf_checks import STEP, heading_only_pages, step_headings

from builder import api
from builder.handbook.views import render_handbook

REPO = Path(__file__).parents[2]


def print_to_pdf(browser, page_file: Path) -> tuple[bytes, list[str]]:
    """Chromium's print to PDF of the page, and every request the page made."""
    context = browser.new_context()
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(page_file.as_uri())
        return page.pdf(prefer_css_page_size=True, print_background=True), requests
    finally:
        context.close()


def test_the_bundled_handbook_prints_to_sane_pages(browser, tmp_path):
    model, _ = api.validate(REPO)
    page_file = tmp_path / "handbook.html"
    page_file.write_bytes(render_handbook(model))
    pdf, requests = print_to_pdf(browser, page_file)
    assert requests == [page_file.as_uri()]  # nothing else is loaded
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages = [pg.extract_text() or "" for pg in reader.pages]
    # Six scenario flows, a template a page and the answer key for 130 questions: about 125.
    assert 10 <= len(pages) <= 200
    for number, text in enumerate(pages, 1):
        assert len(text.split()) >= 20, f"page {number} is (nearly) blank: {text!r}"
    # Page numbers from the @page rules, and the A4 size.
    assert f"Page 2 of {len(pages)}" in pages[1]
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)
    # Every module, and every module's answer key, starts a page of its own.
    count = len(model.modules)
    for number, module in enumerate(model.modules, 1):
        starts = [t for t in pages if f"MODULE {number} OF {count}" in t]
        assert len(starts) == 1
        assert f"\n{module.meta.title}\n" in starts[0]
    keys = [t for t in pages if t.split("\n")[2:3] == ["Answer key: Knowledge check"]]
    assert len(keys) == count
    # No page holds only a heading (and a line or two) with its content pushed over.
    assert heading_only_pages(pdf, page_file.read_bytes()) == []
    # Scenario steps, numbered by path: each flow starts at Step 1, and no step is numbered
    # before the steps that come before it on a path.
    flows = step_headings(pdf)
    assert len(flows) == sum(
        q.type == "scenario" for m in model.modules if m.quiz for q in m.quiz.questions
    )
    for flow in flows:
        numbers = [int(STEP.match(line).group(1)) for line in flow]
        assert numbers[0] == 1 and numbers == sorted(numbers), flow
        assert all("(node " not in line for line in flow)
