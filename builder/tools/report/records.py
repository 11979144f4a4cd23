"""Answers as the readers collect them: one learner, one interaction, one response each.

Every reader hands its answers to a Collector, which checks each interaction id against the
course (an unknown id is an error, never a guess) and keeps learner ids only as opaque numbers.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from builder.model.problems import TrainerError

from .course_index import CourseIndex

ATTEMPT_SUFFIX = re.compile(r"^(.+)-attempt-([1-9][0-9]*)$")
TRUE_WORDS = {
    "true": "true",
    "t": "true",
    "1": "true",
    "false": "false",
    "f": "false",
    "0": "false",
}
IDS_TAG = "ids:"  # SCORM 1.2 answers by option id: docs/lms-behaviour.md


class ReportInputError(TrainerError):
    """Bad report input: the message names the file and the line or record."""


def split_attempt(interaction_id: str) -> tuple[str, int]:
    """`lead-04-attempt-2` -> ("lead-04", 2); an id without the suffix is attempt 1."""
    found = ATTEMPT_SUFFIX.match(interaction_id)
    return (found.group(1), int(found.group(2))) if found else (interaction_id, 1)


@dataclass(frozen=True)
class Dimensions:
    """What an answer says beside the answer: the course version and language it was given in,
    and the statement id (xAPI) that the store uses to tell duplicates apart."""

    version: str | None = None
    language: str | None = None
    statement_id: str | None = None


@dataclass
class Collector:
    """Answers in columns (cheap at 100,000 statements), plus each learner's role and zone."""

    index: CourseIndex
    learners: dict[str, int] = field(default_factory=dict)
    # One entry an answer, kept small (about 33 bytes): numbers in typed arrays, and each text
    # (question id, response) one shared string however often it is met.
    learner: array[int] = field(default_factory=lambda: array("q"))
    interaction: list[str] = field(default_factory=list)
    rank: array[int] = field(default_factory=lambda: array("q"))  # a learner's attempts in order
    response: list[str | None] = field(default_factory=list)
    outcome: array[int] = field(default_factory=lambda: array("b"))  # 1 right, 0 wrong, -1 unsaid
    texts: dict[str, str] = field(default_factory=dict)
    roles: dict[int, tuple[int, str]] = field(default_factory=dict)  # learner -> (order, role)
    zones: dict[int, tuple[int, str]] = field(default_factory=dict)
    # Dimensions beside role: each learner's latest course version and language, when known.
    versions: dict[int, str] = field(default_factory=dict)
    languages: dict[int, str] = field(default_factory=dict)
    skipped_other_course: int = 0
    read: int = 0  # statements or rows read, for the progress line
    progress: Callable[[int], None] | None = None

    def learner_number(self, key: str) -> int:
        number = self.learners.get(key)
        if number is None:
            number = self.learners[key] = len(self.learners)
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
        """An answer that has been checked: into the columns."""
        learner = self.learner_number(learner_key)
        if dimensions is not None and dimensions.version:
            self.versions[learner] = dimensions.version
        elif learner not in self.versions and self.index.version:
            self.versions[learner] = self.index.version  # the course index's, when not said
        if dimensions is not None and dimensions.language:
            self.languages[learner] = dimensions.language
        order = len(self.interaction) + len(self.roles) + len(self.zones)
        if interaction == "role":
            role = (response or "").strip()
            self.roles[learner] = max(self.roles.get(learner, (-1, "")), (order, role))
            return
        if interaction == "self-assessment" and self.index.self_assessment is not None:
            zone = (response or "").strip()
            self.zones[learner] = max(self.zones.get(learner, (-1, "")), (order, zone))
            return
        texts = self.texts
        self.learner.append(learner)
        self.interaction.append(texts.setdefault(interaction, interaction))
        self.rank.append(session * 10_000 + attempt)
        self.response.append(None if response is None else texts.setdefault(response, response))
        self.outcome.append(-1 if success is None else int(success))

    @property
    def success(self) -> list[bool | None]:
        """Each answer's result as read: right, wrong, or None when the record does not say."""
        return [None if o < 0 else bool(o) for o in self.outcome]

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

    def role_of(self, learner: int) -> str | None:
        found = self.roles.get(learner)
        return found[1] if found else None

    def __len__(self) -> int:
        return len(self.interaction)


def parse_response(
    raw: str | None, kind: str, options: list[str], targets: list[str] | None = None
) -> list[str] | None:
    """A response as a list of option ids (matching: "item.target" entries), read in the form
    that the response itself names, never guessed: the SCORM 1.2 package writes `ids:a,c` and
    `ids:x.y`; SCORM 2004 and xAPI write `a[,]c` and `x[.]y`; a true-false answer is
    true/false (t/f, 1/0). None when it is not a response of this question: an id the question
    does not have is never read as anything else. `targets`: a matching question's targets,
    when they are more than its items (spare targets)."""
    if raw is None:
        return None
    text = raw.strip()
    if kind == "true-false":
        word = TRUE_WORDS.get(text.lower())
        return [word] if word else None
    tagged = text.startswith(IDS_TAG)
    if tagged:
        text = text[len(IDS_TAG) :]
    if kind == "other":
        return [text]
    if kind == "likert":
        return [text] if text in options else None
    parts = text.split(",") if tagged else text.split("[,]")
    parts = [p.strip() for p in parts if p.strip()]
    known = set(options)
    if kind == "matching":
        pairs = []
        for part in parts:
            item, sep, target = part.partition("." if tagged else "[.]")
            if not sep or item not in known or target not in set(targets or options):
                return None
            pairs.append(f"{item}.{target}")
        return pairs
    return parts if all(p in known for p in parts) else None


def is_right(kind: str, response: list[str], key: list[str]) -> bool:
    """The runtime's own rule: the same set of choices, every pair matched, the order kept."""
    if kind == "matching":
        return sorted(response) == sorted(f"{k}.{k}" for k in key)
    if kind == "sequencing":
        return response == key
    return sorted(response) == sorted(key)
