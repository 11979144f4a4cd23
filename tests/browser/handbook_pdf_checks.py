"""Checks on the handbook as Chromium prints it, read back with pypdf: what a reader sees."""

from __future__ import annotations

import io
import re

import lxml.html
import pypdf

RUNNING = re.compile(r"^(Facilitator handbook|Page \d+ of \d+)$")
SHORT = 45  # words: fewer on a page that does not end a part, and it holds only a heading
STEP = re.compile(r"^Step (\d+)")


def page_texts(reader: pypdf.PdfReader) -> list[list[str]]:
    """Each page's lines, without the running header and footer."""
    return [
        [ln for ln in (pg.extract_text() or "").split("\n") if ln.strip() and not RUNNING.match(ln)]
        for pg in reader.pages
    ]


def forced_starts(html: bytes, texts: list[list[str]]) -> set[int]:
    """The pages (0-based) where a part, an answer key or a template sheet begins: the page
    before one of them may end short."""
    doc = lxml.html.fromstring(html)
    heads = doc.xpath(
        "//section[contains(concat(' ', @class, ' '), ' part ')]"
        " | //section[contains(concat(' ', @class, ' '), ' template-sheet ')]"
        " | //section[contains(concat(' ', @class, ' '), ' answer-key ')]"
    )
    firsts = {" ".join(h.text_content().split()[:3]).casefold() for h in heads}
    return {
        n
        for n, lines in enumerate(texts)
        if lines and any(" ".join(lines[0].split()).casefold().startswith(f) for f in firsts)
    }


def heading_only_pages(pdf: bytes, html: bytes) -> list[tuple[int, list[str]]]:
    """(page number, lines) of each page that holds only a heading (and a line or two) while
    the next page carries on the same part: the heading's content was pushed over."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    texts = page_texts(reader)
    starts = forced_starts(html, texts)
    return [
        (n + 1, lines)
        for n, lines in enumerate(texts[:-1])
        if len(" ".join(lines).split()) < SHORT and n + 1 not in starts
    ]


def contents_pages(pdf: bytes) -> list[tuple[str, int, int]]:
    """(entry, page number printed beside it, page its link lands on) for each contents line."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    first = reader.pages[0]
    found = []
    for annot in first.get("/Annots") or []:
        link = annot.get_object()
        if link.get("/Subtype") != "/Link" or "/Dest" not in link:
            continue
        target = reader.get_destination_page_number(reader.named_destinations[link["/Dest"]])
        bottom, top = float(link["/Rect"][1]), float(link["/Rect"][3])
        line = _line_at(first, bottom, top)
        match = re.match(r"^\s*(?:\d+\.\s*)?(.*?)\s+(\d+)\s*$", line)
        found.append(
            (match.group(1), int(match.group(2)), target + 1) if match else (line, 0, target + 1)
        )
    return found


def _line_at(page: pypdf.PageObject, bottom: float, top: float) -> str:
    parts: list[tuple[float, str]] = []

    def visit(text, cm, tm, font, size):
        y = cm[5] + tm[5] * cm[3] if cm[3] else tm[5]
        x = cm[4] + tm[4] * cm[0] if cm[0] else tm[4]
        if text.strip() and bottom - 2 <= y <= top + 2:
            parts.append((x, text.strip()))

    page.extract_text(visitor_text=visit)
    return " ".join(t for _, t in sorted(parts))


def step_headings(pdf: bytes) -> list[list[str]]:
    """Each scenario's step headings in print order, as runs of "Step …" lines."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    runs: list[list[str]] = []
    for lines in page_texts(reader):
        for line in lines:
            if line.startswith("Step 1") and (not runs or runs[-1]):
                runs.append([line])
            elif STEP.match(line) and "(after Step" in line and runs:
                runs[-1].append(line)
    return runs
