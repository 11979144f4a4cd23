"""Problems found in a course, where they are, and how they are shown to the trainer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

QUESTION_NAMED = re.compile(r'\bquestion "([^"]+)"')


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in the trainer's files: a path relative to the course root and a 1-based line."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the course, in the trainer's words."""

    location: Location
    message: str
    severity: Severity = Severity.ERROR
    rule: str = "error"

    def sort_key(self) -> tuple[str, int, str]:
        return (self.location.path, self.location.line or 0, self.message)

    def format(self) -> str:
        """Return the one-line form `path:line: level: message`."""
        return f"{self.location}: {self.severity.value}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.location.path,
            "line": self.location.line,
            "severity": self.severity.value,
            "rule": self.rule,
            "message": self.message,
        }


class CourseError(Exception):
    """The course cannot be built; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(self.summary())

    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    def summary(self) -> str:
        count = len(self.errors()) or len(self.problems)
        noun = "problem" if count == 1 else "problems"
        return f"the course has {count} {noun}; nothing was built"


class Problems:
    """Collects problems from every stage so all of them are reported in one run."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def error(self, location: Location, message: str, rule: str = "error") -> None:
        self.items.append(Problem(location, message, Severity.ERROR, rule))

    def warning(self, location: Location, message: str, rule: str = "warning") -> None:
        self.items.append(Problem(location, message, Severity.WARNING, rule))

    def drop_warnings_about_broken_questions(self) -> None:
        """No lint warning about a question that already has an error: fix the error first."""
        broken = {q for p in self.items if p.severity is Severity.ERROR for q in _questions(p)}
        self.items = [
            p for p in self.items
            if p.severity is Severity.ERROR or not broken.intersection(_questions(p))
        ]  # fmt: skip

    def extend(self, problems: list[Problem]) -> None:
        self.items.extend(problems)

    def has_errors(self, strict: bool = False) -> bool:
        return any(p.severity is Severity.ERROR or strict for p in self.items)

    def raise_if_errors(self, strict: bool = False) -> None:
        if self.has_errors(strict):
            raise CourseError(self.items)

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=Problem.sort_key)


def _questions(problem: Problem) -> list[str]:
    """The question ids a message names (`question "fire-01"`)."""
    return QUESTION_NAMED.findall(problem.message)


class TrainerError(ValueError):
    """A request the trainer can put right (for example a file that already exists)."""
