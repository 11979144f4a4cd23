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

from .answers import parse_response
from .course_index import CourseIndex, Item
from .tally import EMPTY, Tally

UPPER_LOWER = 0.27
TOO_EASY, TOO_HARD = 0.95, 0.30


@dataclass
class Table:
    """The totals as arrays over the learners (in the order first read) and the course's
    questions: first and last attempts, and all attempts counted."""

    np: Any
    learners: int
    role: Any  # per learner: index into the course's roles, or -1 when no role was given
    codes: dict[str, int]  # interaction id -> column, for the interactions answered at all
    first_out: Any  # learners x columns: 1 right, 0 wrong, -1 ungraded, -2 no answer
    first_resp: Any  # learners x columns: the response's number in `responses`, -1 none
    last_out: Any
    last_resp: Any
    graded: Any  # learners x columns: answers graded, at any attempt
    right: Any
    responses: list[str]
    zone: Any  # per learner: index into `zones`, or -1
    zones: list[str]
    version: Any  # per learner: index into `versions`, or -1
    versions: list[str]
    language: Any
    languages: list[str]
    answers: int = 0
    # (question, response) -> the response read: as many entries as different responses
    parsed: dict[tuple[str, int], list[str] | None] = field(default_factory=dict)

    def read(self, resp: int, item: Item) -> list[str] | None:
        """Response number `resp` as ids of `item`, read once however many give it."""
        key = (item.id, resp)
        if key not in self.parsed:
            raw = None if resp < 0 else self.responses[resp]
            self.parsed[key] = parse_response(raw, item.interaction_type, item.options, item.targets)
        return self.parsed[key]

    def counts(self, side: str, code: int, mask: Any) -> tuple[int, list[tuple[int, int]]]:
        """The learners in `mask` with a `side` ("first", "last") answer to column `code`, and
        how many of them gave each response: [(response number, learners)]."""
        np = self.np
        out = getattr(self, f"{side}_out")[:, code]
        chosen = mask & (out != EMPTY)
        resp = getattr(self, f"{side}_resp")[chosen, code]
        found = np.bincount(resp + 1)
        return int(chosen.sum()), [(r - 1, int(k)) for r, k in enumerate(found.tolist()) if k]


def tabulate(tally: Tally, index: CourseIndex) -> Table:
    """The totals of `tally` for the figures: learners in the order first read."""
    np = tally.np
    first_seq = tally.view("first_seq")
    present = np.nonzero(first_seq >= 0)[0]
    order = present[np.argsort(first_seq[present], kind="stable")]
    same = len(order) == tally.learners and bool((order == np.arange(len(order))).all())

    def rows(name: str) -> Any:
        values = tally.view(name)
        return values if same else values[order]

    first_out = rows("first_out")
    answered = (first_out != EMPTY).any(axis=0)
    codes = {ident: n for ident, n in tally.codes.items() if answered[n]}
    return Table(np, len(order), rows("role"), codes, first_out, rows("first_resp"),
                 rows("last_out"), rows("last_resp"), rows("graded"), rows("right"),
                 tally.texts("resp"), rows("zone"), tally.texts("zone"), rows("version"),
                 tally.texts("version"), rows("language"), tally.texts("language"),
                 int(rows("answers").sum()))  # fmt: skip


def score_matrix(table: Table, items: list[Item], side: str, mask: Any) -> Any:
    """learners x items: 1 right, 0 wrong, nan not answered (or ungraded, or not in `mask`),
    at the `side` ("first" or "last") attempt."""
    np = table.np
    out = getattr(table, f"{side}_out")
    matrix = np.full((table.learners, len(items)), np.nan)
    for n, item in enumerate(items):
        code = table.codes.get(item.id)
        if code is not None:
            column = out[:, code]
            graded = mask & (column >= 0)
            matrix[graded, n] = column[graded]
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


def choice_rates(table: Table, item: Item, mask: Any) -> list[dict[str, Any]] | None:
    """For choice and true-false questions: the share of first responses choosing each option."""
    kind = item.interaction_type
    code = table.codes.get(item.id)
    if kind not in ("choice", "true-false") or code is None:
        return None
    given, responses = table.counts("first", code, mask)
    if given == 0:
        return None
    counts = dict.fromkeys(item.options, 0)
    read = 0
    for resp, learners in responses:
        parsed = table.read(resp, item)
        if parsed is None:
            continue
        read += learners
        for option in set(parsed):
            counts[option] += learners
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
    matrix = score_matrix(table, items, "first", learner_mask)
    rest = rest_scores(np, matrix)
    out: list[dict[str, Any] | None] = []
    for n, item in enumerate(items):
        answered = ~np.isnan(matrix[:, n])
        count = int(answered.sum())
        if count < min_group:
            out.append(None)
            continue
        x = matrix[answered, n]
        paired = answered & ~np.isnan(rest[:, n])
        code = table.codes[item.id]
        all_count = int(table.graded[learner_mask, code].sum())
        all_right = int(table.right[learner_mask, code].sum())
        out.append(
            {
                "n": count,
                "facility": float(x.mean()),
                "point_biserial": point_biserial(np, matrix[paired, n], rest[paired, n]),
                "upper_lower": upper_lower(np, matrix[paired, n], rest[paired, n]),
                "all_attempts": {"n": all_count, "facility": all_right / all_count},
                "options": choice_rates(table, item, learner_mask),
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
    matrix = score_matrix(table, items, "last", learner_mask)
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
