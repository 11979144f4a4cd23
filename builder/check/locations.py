"""Where a problem is: a file and the line of a field, for messages that name both; the banks in use."""

from __future__ import annotations

from builder.load.loader import Loaded
from builder.model.course import Quiz
from builder.model.problems import Location

COURSE_FILE = "course/course.yaml"


def field_line(loaded: Loaded, path: str, *loc: str | int) -> Location:
    doc = loaded.docs.get(path)
    return Location(path, doc.line(loc) if doc else None)


def where_first(location: Location) -> str:
    """`path, line N`: where something was first seen, for "also used in" messages."""
    return f"{location.path}, line {location.line}" if location.line else location.path


def attached_banks(loaded: Loaded) -> list[tuple[str, Quiz]]:
    """(path, bank) for each question bank that belongs to a module of the course."""
    return [
        (loaded.quiz_paths[stem], quiz)
        for stem, quiz in loaded.quizzes.items()
        if (module := loaded.modules.get(quiz.module)) is not None and module.quiz is quiz
    ]
