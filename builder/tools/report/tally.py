"""Running totals of the answers: what the figures need and no more, so that memory grows with
learners × questions and never with the number of statements read.

For each learner and each question (scenario decision, self-assessment statement): the first
attempt and the last attempt (rank, result, response) and the count of graded and of right
answers; for each learner: role, zone, course version and language (the latest read), how many
answers they gave, and when they were first read (the order learners are reported in).

Answers come a batch at a time and are folded in with numpy. A learner's first attempt is the
lowest rank (session, then attempt) and, among equal ranks, the one read first; the last is the
highest rank and, among equal ranks, the one read last: as the report has always taken them.
"""

from __future__ import annotations

import io
import json
from array import array
from typing import Any

from .answers import ReportInputError, is_right, parse_response
from .course_index import CourseIndex

EMPTY, UNGRADED = -2, -1  # a cell without an answer; an answer that says neither right nor wrong
BATCH = 1 << 16  # answers held before they are folded in
# The arrays a tally is made of: per cell (learner × question), then per learner.
CELLS = {"first_rank": "i8", "first_out": "i1", "first_resp": "i4", "last_rank": "i8",
         "last_out": "i1", "last_resp": "i4", "graded": "i4", "right": "i4"}  # fmt: skip
PER_LEARNER = {"role": "i2", "zone": "i4", "version": "i4", "language": "i4", "answers": "i8",
               "first_seq": "i8"}  # fmt: skip
FILL = {"first_out": EMPTY, "last_out": EMPTY, "first_resp": -1, "last_resp": -1, "role": -1,
        "zone": -1, "version": -1, "language": -1, "first_seq": -1}  # fmt: skip


def numpy() -> Any:
    try:
        import numpy
    except ImportError:
        raise ReportInputError(
            "dfc-course report needs numpy: install the report extra, "
            "pip install 'dfc-course[report]'"
        ) from None
    return numpy


def columns_of(index: CourseIndex) -> dict[str, int]:
    """Every interaction that is an answer (not a role or a zone), numbered in course order."""
    sa = index.self_assessment
    ids = [*index.items, *index.nodes, *(sa.statements if sa is not None else [])]
    return {ident: n for n, ident in enumerate(dict.fromkeys(ids))}


class Tally:
    """The running totals of one report."""

    def __init__(self, index: CourseIndex) -> None:
        np = self.np = numpy()
        self.index = index
        self.codes = columns_of(index)
        self.width = len(self.codes)
        self.items = [index.items.get(ident) for ident in self.codes]
        self.role_codes = {role: n for n, role in enumerate(index.roles)}
        sa = index.self_assessment
        # Texts met, each numbered once: responses, zones, versions, languages.
        self.names: dict[str, dict[str, int]] = {
            "resp": {}, "zone": dict.fromkeys(sa.zones if sa is not None else ()),
            "version": {}, "language": {}}  # fmt: skip
        self.names["zone"] = {z: n for n, z in enumerate(self.names["zone"])}
        self.responses = self.names["resp"]
        self.scored: dict[tuple[int, int], int] = {}  # (column, response) -> scored with the key
        self.learners = 0
        self.capacity = 0
        self.arrays: dict[str, Any] = {
            name: np.full((0, self.width) if name in CELLS else 0, FILL.get(name, 0), dtype)
            for name, dtype in {**CELLS, **PER_LEARNER}.items()
        }
        self._clear_batch()

    def _clear_batch(self) -> None:
        self.b_cell, self.b_rank = array("q"), array("q")
        self.b_out, self.b_resp = array("b"), array("q")

    # --- adding --------------------------------------------------------------------------

    def new_learner(self, seq: int) -> int:
        """A learner met for the first time, at the `seq`-th record read; returns its number."""
        number = self.learners
        if number == self.capacity:
            self._grow(max(1024, self.capacity * 3 // 2))
        self.learners += 1
        self.arrays["first_seq"][number] = seq
        return number

    def _grow(self, capacity: int) -> None:
        np = self.np
        for name, old in self.arrays.items():
            shape = (capacity, self.width) if name in CELLS else capacity
            new = np.full(shape, FILL.get(name, 0), dtype=old.dtype)
            new[: len(old)] = old
            self.arrays[name] = new
        self.capacity = capacity

    def number(self, kind: str, text: str) -> int:
        names = self.names[kind]
        found = names.get(text)
        if found is None:
            found = names[text] = len(names)
        return found

    def add(self, learner: int, interaction: str, response: str | None, success: bool | None,
            rank: int, version: str | None, language: str | None) -> bool:  # fmt: skip
        """One checked record; True when it is an answer (not a role or a zone)."""
        arrays = self.arrays
        if version:
            arrays["version"][learner] = self.number("version", version)
        if language:
            arrays["language"][learner] = self.number("language", language)
        if interaction == "role":
            arrays["role"][learner] = self.role_codes[(response or "").strip()]
            return False
        if interaction == "self-assessment" and self.index.self_assessment is not None:
            arrays["zone"][learner] = self.number("zone", (response or "").strip())
            return False
        column = self.codes[interaction]
        if response is None:
            resp = -1
        else:
            resp = self.responses.get(response)
            if resp is None:
                resp = self.number("resp", response)
        out = self._score(column, resp, response) if success is None else int(success)
        self.b_cell.append(learner * self.width + column)
        self.b_rank.append(rank)
        self.b_out.append(out)
        self.b_resp.append(resp)
        if len(self.b_cell) >= BATCH:
            self.fold()
        return True

    def _score(self, column: int, resp: int, response: str | None) -> int:
        """No result recorded: scored with the question's key when it has one."""
        found = self.scored.get((column, resp))
        if found is None:
            item, found = self.items[column], UNGRADED
            if item is not None and item.key:
                kind = item.interaction_type
                parsed = parse_response(response, kind, item.options, item.targets)
                if parsed is not None:
                    found = int(is_right(kind, parsed, item.key))
            self.scored[(column, resp)] = found
        return found

    def fold(self) -> None:
        """The answers held into the totals."""
        if not self.b_cell:
            return
        np, a = self.np, self.arrays
        cell = np.frombuffer(self.b_cell, dtype=np.int64)
        rank = np.frombuffer(self.b_rank, dtype=np.int64)
        out = np.frombuffer(self.b_out, dtype=np.int8)
        resp = np.frombuffer(self.b_resp, dtype=np.int64)
        flat = {name: a[name].reshape(-1) for name in CELLS}
        graded = out >= 0
        np.add.at(flat["graded"], cell[graded], 1)
        np.add.at(flat["right"], cell[out == 1], 1)
        np.add.at(a["answers"], cell // self.width, 1)
        order = np.lexsort((np.arange(len(cell)), rank, cell))
        ordered = cell[order]
        starts = np.ones(len(order), dtype=bool)
        starts[1:] = ordered[1:] != ordered[:-1]
        ends = np.ones(len(order), dtype=bool)
        ends[:-1] = starts[1:]
        for side, rows in (("first", order[starts]), ("last", order[ends])):
            where, ranks = cell[rows], rank[rows]
            held = flat[f"{side}_rank"][where]
            empty = flat[f"{side}_out"][where] == EMPTY
            # An earlier answer of the same rank stays first; a later one becomes last.
            take = empty | ((ranks < held) if side == "first" else (ranks >= held))
            where, rows = where[take], rows[take]
            flat[f"{side}_rank"][where] = rank[rows]
            flat[f"{side}_out"][where] = out[rows]
            flat[f"{side}_resp"][where] = resp[rows]
        self._clear_batch()

    def forget(self, learner: int) -> None:
        """Take back everything of one learner, to be added again (a void in the store)."""
        self.fold()
        for name, values in self.arrays.items():
            values[learner] = FILL.get(name, 0)

    # --- reading -------------------------------------------------------------------------

    def view(self, name: str) -> Any:
        return self.arrays[name][: self.learners]

    def texts(self, kind: str) -> list[str]:
        return list(self.names[kind])

    def answers(self) -> int:
        return int(self.view("answers").sum())

    # --- keeping (the store) -------------------------------------------------------------

    def dump(self) -> bytes:
        """The whole tally as bytes: numpy's own format, then the texts as JSON."""
        self.fold()
        np, buffer = self.np, io.BytesIO()
        arrays = {name: self.view(name) for name in self.arrays}
        texts = json.dumps({"names": self.names, "width": self.width}).encode("utf-8")
        arrays["texts"] = np.frombuffer(texts, dtype=np.uint8)
        np.savez(buffer, **arrays)
        return buffer.getvalue()

    def load(self, raw: bytes) -> None:
        np = self.np
        with np.load(io.BytesIO(raw)) as found:
            texts = json.loads(bytes(found["texts"]).decode("utf-8"))
            if texts["width"] != self.width:
                raise ValueError("the tally was made for another course")
            self.names = texts["names"]
            self.responses = self.names["resp"]
            learners = len(found["first_seq"])
            self._grow(max(1024, learners))
            for name in self.arrays:
                self.arrays[name][:learners] = found[name]
            self.learners = learners
