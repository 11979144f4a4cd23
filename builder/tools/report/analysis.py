"""Item analysis with numpy: facility, discrimination and choice rates, for everyone and by role.

Each learner's first attempt at a question measures the question (later attempts come after
its feedback); the last attempt measures what the learner ends up knowing (objective mastery).
Discrimination compares a question with the rest of the learner's score: the share right of
every other question they answered on a first attempt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from builder.interface.catalogue import SOURCE, Interface

from .course_index import CourseIndex, Item
from .records import Collector, ReportInputError, is_right, parse_response

UPPER_LOWER = 0.27
TOO_EASY, TOO_HARD = 0.95, 0.30


def _numpy() -> Any:
    try:
        import numpy
    except ImportError:
        raise ReportInputError(
            "dfc-course report needs numpy: install the report extra, "
            "pip install 'dfc-course[report]'"
        ) from None
    return numpy


@dataclass
class Table:
    """The answers as arrays, one row per (learner, interaction), first and last attempts."""

    np: Any
    learners: int
    role: Any  # per learner: index into the course's roles, or -1 when no role was given
    codes: dict[str, int]  # interaction id -> code
    first: Any  # row numbers (into the collector's columns) of first attempts
    last: Any
    learner: Any
    code: Any
    success: Any  # per row: 1 right, 0 wrong, -1 ungraded
    responses: list[str | None]
    all_rows: Any
    # (question, response) -> the response read: as many entries as different responses
    parsed: dict[tuple[str, str | None], list[str] | None] = field(default_factory=dict)

    def read(self, row: int, item: Item) -> list[str] | None:
        """The response of `row` as ids of `item`, read once however many rows give it."""
        key = (item.id, self.responses[row])
        if key not in self.parsed:
            kind = item.interaction_type
            self.parsed[key] = parse_response(key[1], kind, item.options, item.targets)
        return self.parsed[key]


def tabulate(collector: Collector, index: CourseIndex) -> Table:
    np = _numpy()
    codes: dict[str, int] = {}
    code = np.fromiter((codes.setdefault(i, len(codes)) for i in collector.interaction), np.int32,
                       count=len(collector))  # fmt: skip
    learner = np.frombuffer(collector.learner, dtype=np.int64)
    rank = np.frombuffer(collector.rank, dtype=np.int64)
    success = np.array(collector.outcome, dtype=np.int8)  # a copy: scored with the key below
    by_code = {c: i for i, c in codes.items()}
    for row in np.nonzero(success < 0)[0]:  # no result recorded: score it with the key
        item = index.items.get(by_code[int(code[row])])
        if item is not None and item.key:
            parsed = parse_response(
                collector.response[row], item.interaction_type, item.options, item.targets
            )
            if parsed is not None:
                success[row] = int(is_right(item.interaction_type, parsed, item.key))
    order = np.lexsort((np.arange(len(code)), rank, code, learner))
    pair = learner[order] * (len(codes) + 1) + code[order]
    starts = np.ones(len(order), dtype=bool)
    starts[1:] = pair[1:] != pair[:-1]
    ends = np.ones(len(order), dtype=bool)
    ends[:-1] = starts[1:]
    roles = np.full(len(collector.learners), -1, dtype=np.int8)
    for number, (_, role) in collector.roles.items():
        roles[number] = index.roles.index(role)
    return Table(np, len(collector.learners), roles, codes, order[starts], order[ends], learner,
                 code, success, collector.response, np.arange(len(code)))  # fmt: skip


def score_matrix(table: Table, items: list[Item], rows: Any) -> Any:
    """learners x items: 1 right, 0 wrong, nan not answered (or ungraded), from `rows`."""
    np = table.np
    matrix = np.full((table.learners, len(items)), np.nan)
    column = np.full(len(table.codes) + 1, -1, dtype=np.int64)
    for n, item in enumerate(items):
        if item.id in table.codes:
            column[table.codes[item.id]] = n
    cols = column[table.code[rows]]
    keep = (cols >= 0) & (table.success[rows] >= 0)
    matrix[table.learner[rows][keep], cols[keep]] = table.success[rows][keep]
    return matrix


def rest_scores(np: Any, matrix: Any) -> Any:
    """Per learner and item: the share right of the learner's other answered items."""
    answered = ~np.isnan(matrix)
    right = np.nan_to_num(matrix)
    total, count = right.sum(axis=1, keepdims=True), answered.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(answered & (count > 1), (total - right) / (count - 1), np.nan)


def point_biserial(np: Any, x: Any, rest: Any) -> float | None:
    if len(x) < 3 or x.std() == 0 or rest.std() == 0:
        return None
    return float(np.corrcoef(x, rest)[0, 1])


def upper_lower(np: Any, x: Any, rest: Any) -> float | None:
    """Share right in the top 27 % by rest score minus the share right in the bottom 27 %."""
    size = int(round(UPPER_LOWER * len(x)))
    if size < 1 or len(x) < 2 * size:
        return None
    order = np.argsort(rest, kind="stable")
    return float(x[order[-size:]].mean() - x[order[:size]].mean())


def choice_rates(table: Table, item: Item, rows: Any) -> list[dict[str, Any]] | None:
    """For choice and true-false questions: the share of responses choosing each option."""
    kind = item.interaction_type
    if kind not in ("choice", "true-false") or len(rows) == 0:
        return None
    counts = dict.fromkeys(item.options, 0)
    read = 0
    for row in rows.tolist():
        parsed = table.read(row, item)
        if parsed is None:
            continue
        read += 1
        for option in set(parsed):
            counts[option] += 1
    if read == 0:
        return None
    return [
        {"id": o, "key": o in item.key, "chosen": counts[o], "rate": counts[o] / read}
        for o in item.options
    ]


def item_figures(table: Table, items: list[Item], learner_mask: Any, min_group: int) -> list[dict]:
    """Every figure for each item, over the learners in `learner_mask`; an item answered by
    fewer than `min_group` of them is suppressed (None)."""
    np = table.np
    first = table.first[learner_mask[table.learner[table.first]]]
    rows_all = table.all_rows[learner_mask[table.learner]]
    matrix = score_matrix(table, items, first)
    rest = rest_scores(np, matrix)
    graded = rows_all[table.success[rows_all] >= 0]
    size = len(table.codes) + 1
    all_count = np.bincount(table.code[graded], minlength=size)
    all_right = np.bincount(table.code[graded], weights=table.success[graded], minlength=size)
    out: list[dict[str, Any] | None] = []
    for n, item in enumerate(items):
        answered = ~np.isnan(matrix[:, n])
        count = int(answered.sum())
        if count < min_group:
            out.append(None)
            continue
        x = matrix[answered, n]
        paired = answered & ~np.isnan(rest[:, n])
        code_id = table.codes.get(item.id, -1)
        item_first = first[table.code[first] == code_id]
        out.append(
            {
                "n": count,
                "facility": float(x.mean()),
                "point_biserial": point_biserial(np, matrix[paired, n], rest[paired, n]),
                "upper_lower": upper_lower(np, matrix[paired, n], rest[paired, n]),
                "all_attempts": {
                    "n": int(all_count[code_id]),
                    "facility": float(all_right[code_id] / all_count[code_id]),
                },
                "options": choice_rates(table, item, item_first),
            }
        )
    return out


def flags(figures: dict[str, Any], words: Interface | None = None) -> list[str]:
    """Why a trainer should look at this question again, in the language of `words`."""
    say = (words or Interface(SOURCE)).text
    found = []
    if figures["facility"] > TOO_EASY:
        found.append(say("report.flag.too_easy", limit=f"{TOO_EASY:.2f}"))
    if figures["facility"] < TOO_HARD:
        found.append(say("report.flag.too_hard", limit=f"{TOO_HARD:.2f}"))
    if figures["point_biserial"] is not None and figures["point_biserial"] < 0:
        found.append(say("report.flag.negative"))
    options = figures.get("options") or []
    keys = [o for o in options if o["key"]]
    least_key = min((o["chosen"] for o in keys), default=None)
    for option in options:
        if option["key"]:
            continue
        if option["chosen"] == 0:
            found.append(say("report.flag.dead", option=option["id"]))
        elif least_key is not None and option["chosen"] > least_key:
            found.append(say("report.flag.popular", option=option["id"]))
    return found


def mastery(table: Table, index: CourseIndex, learner_mask: Any, min_group: int) -> list[dict]:
    """Per objective: the share of learners whose last answers to its questions reach the
    pass mark of the question's quiz."""
    np = table.np
    items = list(index.items.values())
    last = table.last[learner_mask[table.learner[table.last]]]
    matrix = score_matrix(table, items, last)
    out = []
    for objective, (module, text) in index.objectives.items():
        columns = [n for n, item in enumerate(items) if objective in item.objectives]
        entry: dict[str, Any] = {"id": objective, "module": module, "text": text}
        sub = matrix[:, columns] if columns else np.empty((table.learners, 0))
        answered = (~np.isnan(sub)).sum(axis=1)
        learners = int((answered > 0).sum())
        if learners < min_group:
            entry.update(learners=None, mastery=None)
        else:
            share = np.nansum(sub, axis=1)[answered > 0] / answered[answered > 0]
            marks = np.array([items[n].pass_mark for n in columns]).min() / 100
            entry.update(learners=learners, mastery=float((share >= marks - 1e-9).mean()))
        out.append(entry)
    return out
