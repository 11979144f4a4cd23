"""The facilitator handbook prints to clean A4 pages in Chromium: none blank, modules apart."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf

from builder import api
from builder.handbook.views import render_handbook

REPO = Path(__file__).parents[2]


def test_the_bundled_handbook_prints_to_sane_pages(browser, tmp_path):
    model, _ = api.validate(REPO)
    page_file = tmp_path / "handbook.html"
    page_file.write_bytes(render_handbook(model))
    context = browser.new_context()
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(page_file.as_uri())
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    finally:
        context.close()
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
