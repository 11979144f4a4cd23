"""`dfc-course handbook`: Chromium prints the handbook to PDF, and its contents carry the page
numbers a reader finds each part on (read back with pypdf)."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
from click.testing import CliRunner
from handbook_pdf_checks import contents_pages, heading_only_pages, page_texts

from builder import api
from builder.cli import main
from builder.handbook.views import render_handbook

REPO = Path(__file__).parents[2]


def test_the_handbook_pdf_has_page_numbers_in_its_contents(browser, tmp_path):
    # `browser` only makes sure Chromium is installed; the command runs it itself.
    result = CliRunner().invoke(main, ["handbook", "--course", str(REPO), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    model, _ = api.validate(REPO)
    pdf_file = tmp_path / f"{model.course.id}-{model.course.version}-handbook.pdf"
    assert result.output == f"wrote {pdf_file}\n"
    pdf = pdf_file.read_bytes()
    texts = page_texts(pypdf.PdfReader(io.BytesIO(pdf)))
    entries = contents_pages(pdf)
    titles = [f"Module {n}: {m.meta.title}" for n, m in enumerate(model.modules, 1)]
    shown = [title for title, _, _ in entries]
    assert all(title in shown for title in titles), shown
    assert len(entries) >= len(titles) + 4
    for title, printed, lands_on in entries:
        assert printed == lands_on, (title, printed, lands_on)
    # What a reader finds on the page the contents name: each module's first page.
    count = len(model.modules)
    for number, module in enumerate(model.modules, 1):
        printed = next(p for t, p, _ in entries if t.startswith(f"Module {number}:"))
        first = " ".join(texts[printed - 1][:2])
        assert first.startswith(f"MODULE {number} OF {count}"), (module.id, printed, first)
    agenda = next(p for t, p, _ in entries if t == "Agenda")
    assert texts[agenda - 1][0] == "Agenda"
    assert heading_only_pages(pdf, render_handbook(model, page_numbers={"x": 1})) == []
