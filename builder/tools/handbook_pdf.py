"""`dfc-course handbook`: the facilitator handbook printed to PDF by Chromium, its contents
with page numbers.

Chromium prints CSS page counters but not `target-counter()`, so a contents line cannot find
its own page number. This prints twice: the first PDF's links say on which page each part
starts, and the second print carries those numbers (the contents fill the title page, so
the numbers never move a page break). The numbers are checked in the second PDF.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from builder.model.problems import TrainerError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--disable-gpu", "--no-sandbox", "--no-pdf-header-footer", "--no-first-run")
PASSES = 3  # a later pass only if numbers moved a break, which the title page should prevent


def find_browser() -> str:
    for name in BROWSERS:
        if found := shutil.which(name):
            return found
    raise TrainerError(
        "printing the handbook to PDF needs Chromium (or Google Chrome) on the PATH; install "
        "it, or open the HTML handbook in a browser and print it from there"
    )


def print_pdf(browser: str, html: Path, pdf: Path, timeout: float = 600) -> None:
    """Chromium's own print of `html` to `pdf`, with the page size and margins of its CSS."""
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [browser, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", html.as_uri()],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    if done.returncode != 0 or not pdf.is_file():
        raise TrainerError(f"{Path(browser).name} could not print the handbook to PDF")


def link_pages(pdf: bytes) -> dict[str, int]:
    """{anchor: page number} for each link on the first page (the contents)."""
    try:
        import pypdf
    except ImportError:
        raise TrainerError(
            "printing the handbook to PDF needs pypdf: pip install 'dfc-course[pdf]'"
        ) from None
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    named = reader.named_destinations
    pages = {}
    for annot in reader.pages[0].get("/Annots") or []:
        link = annot.get_object()
        dest = link.get("/Dest")
        if link.get("/Subtype") == "/Link" and isinstance(dest, str) and dest in named:
            pages[dest.lstrip("/")] = reader.get_destination_page_number(named[dest]) + 1
    return pages


def handbook_pdf(render: Callable[[dict[str, int]], bytes], dest: Path) -> Path:
    """Print the handbook that `render(page_numbers)` makes to `dest`, numbers filled in."""
    browser = find_browser()
    numbers: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as work:
        html, pdf = Path(work, "handbook.html"), Path(work, "handbook.pdf")
        for _ in range(PASSES):
            html.write_bytes(render(numbers))
            print_pdf(browser, html, pdf)
            found = link_pages(pdf.read_bytes())
            if found == numbers:
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(pdf, dest)
                return dest
            numbers = found
    raise TrainerError("the handbook's page numbers did not settle; print it from a browser")
