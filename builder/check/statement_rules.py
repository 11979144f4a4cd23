"""The accessibility statement's fields that need a person: warned about while missing."""

from __future__ import annotations

from builder.check.locations import COURSE_FILE, field_line
from builder.load.loader import Loaded
from builder.model.problems import Problems


def check_statement_fields(loaded: Loaded, problems: Problems) -> None:
    """Once `accessibility:` is begun, each field still missing is a warning: the statement
    goes out as a draft that says what is missing."""
    course = loaded.course
    if course is None or course.accessibility is None:
        return
    for name in course.accessibility.missing():
        problems.warning(
            field_line(loaded, COURSE_FILE, "accessibility"),
            f"accessibility.{name} is missing: the accessibility statement says so plainly "
            "until it is filled in",
            rule="statement",
        )
