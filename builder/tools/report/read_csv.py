"""SCORM interaction exports: Moodle's Interactions report download, and the neutral CSV.

Moodle, as its report class mod/scorm/report/interactions/classes/report.php writes it in
Moodle 4.1 (plugin version 2022112800; the columns are the same in 3.x): the "Text file"
download is tab-separated, one row per learner attempt: Name, the site's identity fields,
Attempt, Started on, Last accessed on, Score, one column per SCO, then for each interaction
index N (from 0) the columns chosen in the report's options: Question N (the interaction id),
Response N, Right answer N, Result N. The report needs Question N, and Response N or Result N.

The neutral CSV: a header row with learner, attempt, interaction_id, type, response, result,
timestamp, then one row per interaction; see docs/report.md.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from .records import Collector, Dimensions, ReportInputError, split_attempt

NEUTRAL_COLUMNS = (
    "learner",
    "attempt",
    "interaction_id",
    "type",
    "response",
    "result",
    "timestamp",
)
MOODLE_COLUMN = re.compile(r"^(Question|Response|Right answer|Result) ([0-9]+)$")
RESULTS = {
    "correct": True,
    "incorrect": False,
    "wrong": False,
    "neutral": None,
    "unanticipated": None,
    "": None,
}
SCORM_TYPES = {
    "true-false", "choice", "fill-in", "long-fill-in", "matching", "performance",
    "sequencing", "likert", "numeric", "other",
}  # fmt: skip
# What each course question type may be reported as (SCORM 1.2 calls "other" fill-in).
TYPE_FITS = {
    "single": {"choice"},
    "multiple": {"choice"},
    "true-false": {"true-false"},
    "matching": {"matching"},
    "ordering": {"sequencing"},
}


def looks_like_csv(path: Path) -> bool:
    return path.suffix.lower() in (".csv", ".tsv", ".txt")


def read_csv_file(path: Path, collector: Collector) -> None:
    """A Moodle Interactions download or a neutral CSV, told apart by their header rows."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        first = handle.readline()
        handle.seek(0)
        delimiter = "\t" if "\t" in first else ","
        reader = csv.reader(handle, delimiter=delimiter)
        header = next(reader, None)
        if header is None:
            raise ReportInputError(f"{path}:1: the file is empty: expected a header row")
        names = [h.strip() for h in header]
        if "Attempt" in names and any(MOODLE_COLUMN.match(n) for n in names):
            _read_moodle(path, reader, names, collector)
        else:
            _read_neutral(path, reader, names, collector)


def _result(where: str, text: str) -> bool | None:
    value = text.strip().lower()
    if value not in RESULTS:
        raise ReportInputError(
            f'{where}: result "{text}" is not correct, incorrect, wrong, neutral or empty'
        )
    return RESULTS[value]


def _attempt(where: str, text: str) -> int:
    value = text.strip()
    if not value.isdigit() or int(value) < 1:
        raise ReportInputError(f'{where}: attempt "{text}" is not a whole number from 1')
    return int(value)


def _read_neutral(path: Path, reader, names: list[str], collector: Collector) -> None:  # type: ignore[no-untyped-def]
    wanted = [n.lower().replace(" ", "_") for n in names]
    missing = [c for c in NEUTRAL_COLUMNS if c not in wanted]
    if missing:
        raise ReportInputError(
            f"{path}:1: not a Moodle Interactions report nor the neutral CSV: missing the "
            f"column{'s' if len(missing) > 1 else ''} {', '.join(missing)}"
        )
    at = {c: wanted.index(c) for c in NEUTRAL_COLUMNS}
    extra = {c: wanted.index(c) for c in ("version", "language") if c in wanted}
    for row in reader:
        where = f"{path}:{reader.line_num}"
        collector.counted()
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(names):
            raise ReportInputError(f"{where}: {len(row)} fields where the header has {len(names)}")
        learner = row[at["learner"]].strip()
        if not learner:
            raise ReportInputError(f"{where}: the learner is empty")
        session = _attempt(where, row[at["attempt"]])
        interaction, attempt = split_attempt(row[at["interaction_id"]].strip())
        if not interaction:
            raise ReportInputError(f"{where}: the interaction id is empty")
        kind = row[at["type"]].strip()
        if kind and kind not in SCORM_TYPES:
            raise ReportInputError(f'{where}: type "{kind}" is not a SCORM interaction type')
        item = collector.index.items.get(interaction)
        if kind and item is not None and kind not in TYPE_FITS.get(item.type, {kind}):
            raise ReportInputError(
                f'{where}: type "{kind}" does not fit {interaction}, a {item.type} question'
            )
        success = _result(where, row[at["result"]])
        response = row[at["response"]]
        said = {c: row[n].strip() or None for c, n in extra.items()}
        dimensions = Dimensions(said.get("version"), said.get("language"))
        collector.add(
            where, learner, interaction, response or None, success, session, attempt, dimensions
        )


def _read_moodle(path: Path, reader, names: list[str], collector: Collector) -> None:  # type: ignore[no-untyped-def]
    attempt_at = names.index("Attempt")
    columns: dict[int, dict[str, int]] = {}
    for position, name in enumerate(names):
        found = MOODLE_COLUMN.match(name)
        if found:
            columns.setdefault(int(found.group(2)), {})[found.group(1)] = position
    if not all("Question" in c for c in columns.values()):
        raise ReportInputError(
            f'{path}:1: the Moodle Interactions report has no "Question N" columns: download '
            'it again with "Summary of question" ticked in the report options'
        )
    if not all("Response" in c or "Result" in c for c in columns.values()):
        raise ReportInputError(
            f'{path}:1: the Moodle Interactions report has neither "Response N" nor "Result N" '
            'columns: tick "Summary of responses" or "Summary of result" in the report options'
        )
    for row in reader:
        where = f"{path}:{reader.line_num}"
        collector.counted()
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(names):
            raise ReportInputError(f"{where}: {len(row)} fields where the header has {len(names)}")
        if row[attempt_at].strip() in ("-", ""):
            continue  # a learner with no attempt
        session = _attempt(where, row[attempt_at])
        learner = "moodle:" + "\t".join(cell.strip() for cell in row[:attempt_at])
        for n in sorted(columns):
            cells = columns[n]
            interaction, attempt = split_attempt(row[cells["Question"]].strip())
            if not interaction:
                continue
            response = row[cells["Response"]] if "Response" in cells else ""
            result = row[cells["Result"]] if "Result" in cells else ""
            success = _result(f"{where}: Result {n}", result)
            collector.add(
                f"{where}: Question {n}", learner, interaction, response or None, success,
                session, attempt,
            )  # fmt: skip
