"""Read every input, check it against the course, and write the report: what the CLI calls."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from builder.interface.catalogue import PSEUDO, served_by

from .course_index import CourseIndex, index_course
from .read_csv import looks_like_csv, read_csv_file
from .read_xapi import is_url, lrs_source, read_lrs, read_statement_file
from .records import Collector, ReportInputError

FORMATS = ("html", "json", "csv")


def load_index(course_dir: Path, language: str | None = None) -> CourseIndex:
    """The course's index, the report's own words in `language` (the course's by default),
    and the course's texts (titles, prompts, options, roles) in that language where the
    course has them translated (untranslated texts keep the course's own)."""
    from builder import api

    model, _ = api.validate(course_dir)
    source = model.course.language
    if language and served_by(language) != served_by(source):
        model = _translated(course_dir, model, language)
    index = index_course(model, language)
    index.language = source  # an answer's language when its record does not say
    return index


def _translated(root: Path, model: Any, language: str) -> Any:
    from builder.load.localise import localise, pseudo_translations
    from builder.load.translations import read_translations
    from builder.model.problems import Problems

    found = read_translations(root, language, Problems())
    if not found and language.lower() == PSEUDO.lower():
        found = pseudo_translations(model)
    return localise(model, language, found, allow_partial=True)[0]


def collect(
    inputs: list[str],
    index: CourseIndex,
    lrs_auth: str | None = None,
    lrs_filters: dict[str, str] | None = None,
    collector: Collector | None = None,
    since: Callable[[str], str | None] | None = None,
) -> Collector:
    """Every input into `collector` (a new one if none). `since`: with a store, the time to ask
    an LRS for statements since, by its statements URL."""
    collector = collector if collector is not None else Collector(index)
    for given in inputs:
        if is_url(given):
            filters = dict(lrs_filters or {})
            if since is not None:
                filters["ascending"] = "true"  # oldest first: a stopped read goes on from there
                after = since(lrs_source(given))
                if after and (not filters.get("since") or _later(after, filters["since"])):
                    filters["since"] = after
            read_lrs(given, collector, lrs_auth, filters)
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


def collect_through_store(
    inputs: list[str],
    index: CourseIndex,
    store_path: Path,
    lrs_auth: str | None = None,
    lrs_filters: dict[str, str] | None = None,
    since_store: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Collector:
    """Every input into the store, then every answer that stands from the store."""
    from .store import Store, StoreWriter

    store = Store(store_path)
    try:
        writer = StoreWriter(index, store, progress)
        since = store.since if since_store else (lambda _source: None)
        try:
            collect(inputs, index, lrs_auth, lrs_filters, writer, since)
        except (ReportInputError, KeyboardInterrupt) as exc:
            kept = store.count()
            stopped = "stopped" if isinstance(exc, KeyboardInterrupt) else str(exc)
            raise ReportInputError(
                f"{stopped}; {store_path} keeps the {kept:,} answers read before: run again "
                "with --since-store to go on from there"
            ) from None
        writer.flush()
        return store.replay(Collector(index))
    finally:
        store.close()


def _later(one: str, other: str) -> bool:
    from .store import moment

    return moment(one) > moment(other)


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
    store: Path | None = None,
    since_store: bool = False,
    progress: Callable[[int], None] | None = None,
    language: str | None = None,
) -> str:
    """The report in `output`'s format, its own words in `language` (the course's by default)."""
    from .summary import summarise

    index = load_index(course_dir, language)
    if store is not None:
        collector = collect_through_store(
            inputs, index, store, lrs_auth, lrs_filters, since_store, progress
        )
    else:
        collector = collect(
            inputs, index, lrs_auth, lrs_filters, Collector(index, progress=progress)
        )
    if len(collector) == 0 and not collector.has_roles():
        where = ", ".join([*inputs, *([str(store)] if store is not None else [])])
        raise ReportInputError(f"{where}: no answers to questions of this course were found")
    report = summarise(collector, index, min_group)
    if output == "json":
        from .output_text import as_json

        return as_json(report)
    if output == "csv":
        from .output_text import as_csv

        return as_csv(report)
    from .output_html import as_html

    return as_html(report, index.words)


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
