"""`--format json` (the report's structure as it is) and `--format csv` (one row per question)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

CSV_COLUMNS = [
    "id", "module", "type", "objectives", "n", "facility", "point_biserial", "upper_lower",
    "first_attempts_n", "first_attempts_facility", "all_attempts_n", "all_attempts_facility",
]  # fmt: skip


DIMENSIONS = ("version", "language")


def csv_columns(roles: list[str], values: dict[str, list[str]] | None = None) -> list[str]:
    """The CSV's header: two columns for each of the course's roles, then flags and texts, then
    two for each version and language met (`version=1.0.0_n`, `language=cy_facility`)."""
    by_role = [f"{r}_{name}" for r in roles for name in ("n", "facility")]
    by_value = [
        f"{dimension}={value}_{name}"
        for dimension in DIMENSIONS
        for value in (values or {}).get(dimension, [])
        for name in ("n", "facility")
    ]
    return [*CSV_COLUMNS, *by_role, "flags", "prompt", "options", *by_value]


def as_json(report: dict[str, Any]) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def as_csv(report: dict[str, Any]) -> str:
    hidden = report["suppressed"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    roles = list(report["role_names"])
    values = {d: list(report.get(f"learners_by_{d}") or {}) for d in DIMENSIONS}
    writer.writerow(csv_columns(roles, values))
    for item in report["items"]:

        def cell(value: Any) -> Any:
            return hidden if value is None else value

        disc = item["discrimination"] or {}
        attempts = item["attempts"] or {}
        first, every = attempts.get("first") or {}, attempts.get("all") or {}
        row = [item["id"], item["module"], item["type"], " ".join(item["objectives"]),
               cell(item["n"]), cell(item["facility"]),
               _blank_or(disc.get("point_biserial"), item["n"], hidden),
               _blank_or(disc.get("upper_lower"), item["n"], hidden),
               cell(first.get("n")), cell(first.get("facility")),
               cell(every.get("n")), cell(every.get("facility"))]  # fmt: skip
        for role in roles:
            group = item["by_role"][role]
            row += [hidden, hidden] if group is None else [group["n"], group["facility"]]
        row.append("; ".join(item["flags"]))
        row.append(item.get("prompt", ""))
        row.append("; ".join(f"{o['id']}: {o['text']}" for o in item["options"] or []))
        for dimension in DIMENSIONS:
            for value in values[dimension]:
                group = item[f"by_{dimension}"][value]
                row += [hidden, hidden] if group is None else [group["n"], group["facility"]]
        writer.writerow(row)
    return out.getvalue()


def _blank_or(value: float | None, n: int | None, hidden: str) -> Any:
    """A discrimination index: suppressed with its group, blank when it cannot be computed."""
    if n is None:
        return hidden
    return "" if value is None else value
