"""Read every input, check it against the course, and write the report: what the CLI calls."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .course_index import CourseIndex, index_course
from .read_csv import looks_like_csv, read_csv_file
from .read_xapi import is_url, read_lrs, read_statement_file
from .records import Collector, ReportInputError

FORMATS = ("html", "json", "csv")


def load_index(course_dir: Path) -> CourseIndex:
    from builder import api

    model, _ = api.validate(course_dir)
    return index_course(model)


def collect(
    inputs: list[str],
    index: CourseIndex,
    lrs_auth: str | None = None,
    lrs_filters: dict[str, str] | None = None,
) -> Collector:
    collector = Collector(index)
    for given in inputs:
        if is_url(given):
            read_lrs(given, collector, lrs_auth, lrs_filters)
            continue
        path = Path(given)
        if not path.is_file():
            raise ReportInputError(f"{given}: no such file")
        if path.suffix.lower() in (".json", ".ndjson", ".jsonl"):
            read_statement_file(path, collector)
        elif looks_like_csv(path) or not _starts_like_json(path):
            read_csv_file(path, collector)
        else:
            read_statement_file(path, collector)
    return collector


def _starts_like_json(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] in (b"[", b"{")


def make_report(
    inputs: list[str],
    course_dir: Path,
    output: str = "html",
    min_group: int = 5,
    lrs_auth: str | None = None,
    lrs_filters: dict[str, str] | None = None,
) -> str:
    from .summary import summarise

    index = load_index(course_dir)
    collector = collect(inputs, index, lrs_auth, lrs_filters)
    if len(collector) == 0 and not collector.roles:
        where = ", ".join(inputs)
        raise ReportInputError(f"{where}: no answers to questions of this course were found")
    report = summarise(collector, index, min_group)
    if output == "json":
        from .output_text import as_json

        return as_json(report)
    if output == "csv":
        from .output_text import as_csv

        return as_csv(report)
    from .output_html import as_html

    return as_html(report)


def write_atomically(text: str, dest: Path) -> None:
    """Write the whole report or nothing: a failure never leaves half a file at `dest`."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's 0600
        os.replace(temp, dest)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
