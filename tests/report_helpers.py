"""Shared by the report tests: a generated course, simulated statements, and the same answers
written in every input format the report reads."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from gen_course import generate  # noqa: E402
from gen_statements import IRI, Model, Truth, simulate  # noqa: E402

from builder.tools.report.course_index import CourseIndex  # noqa: E402
from builder.tools.report.run import load_index  # noqa: E402

__all__ = ["IRI", "Model", "Truth", "simulate", "make_course", "as_neutral_csv", "as_moodle"]


def make_course(folder: Path, questions: int = 12) -> tuple[Path, CourseIndex]:
    """A one-module course of `questions` questions (all five types) and a self-assessment."""
    generate(folder, modules=1, pages=1, questions=questions)
    return folder, load_index(folder)


def _question(statement: dict[str, Any]) -> str:
    return statement["object"]["id"].rsplit("/questions/", 1)[1]


def _learner(statement: dict[str, Any]) -> str:
    return statement["actor"]["account"]["name"]


def _attempt(statement: dict[str, Any]) -> int:
    return statement["context"]["extensions"][f"{IRI}/extensions/attempt"]


def _scorm_id(statement: dict[str, Any]) -> str:
    attempt = _attempt(statement)
    return _question(statement) + (f"-attempt-{attempt}" if attempt > 1 else "")


def _result(statement: dict[str, Any], wrong: str = "incorrect") -> str:
    success = statement["result"].get("success")
    return "neutral" if success is None else ("correct" if success else wrong)


KINDS = {"choice": "choice", "true-false": "true-false", "matching": "matching",
         "sequencing": "sequencing", "likert": "likert", "other": "other"}  # fmt: skip


def as_neutral_csv(statements: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["learner", "attempt", "interaction_id", "type", "response", "result",
                     "timestamp"])  # fmt: skip
    for s in statements:
        kind = s["object"]["definition"]["interactionType"]
        writer.writerow([_learner(s), 1, _scorm_id(s), KINDS[kind], s["result"]["response"],
                         _result(s), s["timestamp"]])  # fmt: skip
    return out.getvalue()


def scorm12_response(statement: dict[str, Any]) -> str:
    """The SCORM 1.2 form the package writes: t/f, else `ids:` then the option ids joined by
    commas, matching pairs as item.target (docs/lms-behaviour.md)."""
    response = statement["result"]["response"]
    kind = statement["object"]["definition"]["interactionType"]
    if kind == "true-false":
        return response[0]
    if kind not in ("choice", "sequencing", "matching", "likert"):
        return response
    return "ids:" + response.replace("[,]", ",").replace("[.]", ".")


def as_moodle(statements: list[dict[str, Any]], identity: bool = True) -> str:
    """Moodle's Interactions report "Text file" download: tab-separated, one row per learner
    attempt, with Question, Response, Right answer and Result columns for each interaction."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for s in statements:
        rows.setdefault(_learner(s), []).append(s)
    width = max(len(v) for v in rows.values())
    head = ["Name", *(["Email address"] if identity else []), "Attempt", "Started on",
            "Last accessed on", "Score", "Simulated course"]  # fmt: skip
    for n in range(width):
        head += [f"Question {n}", f"Response {n}", f"Right answer {n}", f"Result {n}"]
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(head)
    for learner, answers in rows.items():
        row = [learner.replace("-", " ").title(), *([f"{learner}@example.org"] if identity else []),
               "1", "Monday, 2 November 2026, 10:00 AM", "Monday, 2 November 2026, 11:00 AM",
               "80", "80/100"]  # fmt: skip
        for s in answers:
            row += [_scorm_id(s), scorm12_response(s), "", _result(s, "wrong")]
        row += [""] * (len(head) - len(row))
        writer.writerow(row)
    return out.getvalue()


def as_ndjson(statements: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(s) + "\n" for s in statements)
