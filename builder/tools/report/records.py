"""Answers as the readers collect them: one learner, one interaction, one response each.

Every reader hands its answers to a Collector, which checks each interaction id against the
course (an unknown id is an error, never a guess), keeps learner ids only as opaque numbers,
and folds each answer into running totals (tally.py): what it keeps grows with learners and
questions, never with the statements read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .answers import (
    IDS_TAG,
    TRUE_WORDS,
    Dimensions,
    ReportInputError,
    is_right,
    parse_response,
    split_attempt,
)
from .course_index import CourseIndex
from .tally import Tally

__all__ = [
    "IDS_TAG", "TRUE_WORDS", "Collector", "Dimensions", "ReportInputError", "is_right",
    "parse_response", "split_attempt",
]  # fmt: skip


class Collector:
    """Each record checked, then into the running totals; learners numbered as first met."""

    def __init__(self, index: CourseIndex, progress: Callable[[int], None] | None = None) -> None:
        self.index = index
        self.progress = progress
        self.learners: dict[str, int] = {}
        self.skipped_other_course = 0
        self.read = 0  # statements or rows read, for the progress line
        self.seq = 0  # records kept, in the order read
        self._tally: Tally | None = None
        self.taken_back = False  # the store took a learner's totals back, to add them again

    @property
    def tally(self) -> Tally:
        if self._tally is None:
            self._tally = Tally(self.index)  # numpy, first needed here
        return self._tally

    def learner_number(self, key: str) -> int:
        number = self.learners.get(key)
        if number is None:
            number = self.learners[key] = self.tally.new_learner(self.seq)
        return number

    def add(
        self,
        where: str,
        learner_key: str,
        interaction: str,
        response: str | None,
        success: bool | None,
        session: int = 1,
        attempt: int = 1,
        dimensions: Dimensions | None = None,
    ) -> None:
        """One answer; `where` names the file and line or record for error messages."""
        self.check(where, interaction, response)
        self.keep(learner_key, interaction, response, success, session, attempt, dimensions)

    def keep(self, learner_key, interaction, response, success, session, attempt, dimensions):  # type: ignore[no-untyped-def]
        """An answer that has been checked: into the totals."""
        tally = self._tally or self.tally
        learner = self.learners.get(learner_key)
        if learner is None:
            learner = self.learners[learner_key] = tally.new_learner(self.seq)
        elif self.taken_back and tally.arrays["first_seq"][learner] < 0:
            tally.arrays["first_seq"][learner] = self.seq  # taken back by the store, met again
        version, language = (dimensions.version, dimensions.language) if dimensions else (None, None)
        tally.add(learner, interaction, response, success, session * 10_000 + attempt, version,
                  language)  # fmt: skip
        self.seq += 1

    def check(self, where: str, interaction: str, response: str | None) -> None:
        """An unknown role, zone or question id is an error, never a guess."""
        if interaction == "role":
            role = (response or "").strip()
            roles = self.index.roles
            if role not in roles:
                known = f"one of {', '.join(roles)}" if roles else "possible: the course has no roles"
                raise ReportInputError(f'{where}: the role "{role}" is not {known}')
            return
        if interaction == "self-assessment" and self.index.self_assessment is not None:
            zone = (response or "").strip()
            known = self.index.self_assessment.zones
            if known and zone not in known:
                raise ReportInputError(
                    f'{where}: unknown self-assessment zone "{zone}": the course has '
                    f"{', '.join(known)}"
                )
            return
        if not self.index.known(interaction):
            raise ReportInputError(
                f'{where}: unknown question id "{interaction}": no question, scenario '
                "decision or self-assessment statement of the course has this id"
            )

    def counted(self) -> None:
        """One more statement or row read: the progress line hears of every 4,096th."""
        self.read += 1
        if self.progress is not None and not self.read & 4095:
            self.progress(self.read)

    def voided(self, where: str, statement_id: str) -> None:
        """A voiding statement: an LRS never returns the statements it voided, so a whole read
        has nothing to take back; the store (store.py) takes back what it read before."""

    def page_read(self, source: str, statements: list[Any]) -> None:
        """An LRS page has been read: the store keeps it, and where to go on from."""

    def finish(self) -> Tally:
        """The totals, every answer folded in."""
        self.tally.fold()
        return self.tally

    def has_roles(self) -> bool:
        return bool((self.finish().view("role") >= 0).any())

    def __len__(self) -> int:
        """The answers kept (roles and zones apart)."""
        return self.finish().answers() if self._tally is not None else 0
