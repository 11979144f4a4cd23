"""The accessibility statement's fields that need a person: warned about while missing."""

from __future__ import annotations

from builder.check.locations import COURSE_FILE, field_line
from builder.load.loader import Loaded
from builder.model.problems import Location, Problems

NO_SECTION = (
    "accessibility is missing: the accessibility statement is a draft until course.yaml "
    "gives accessibility.contact, accessibility.last_tested, accessibility.compliance and "
    "accessibility.enforcement"
)


def check_statement_fields(loaded: Loaded, problems: Problems) -> None:
    """Each field still missing is a warning, and so is a missing `accessibility:`: the
    statement goes out as a draft that says what is missing."""
    course = loaded.course
    if course is None:
        return
    if course.accessibility is None:
        problems.warning(Location(COURSE_FILE, None), NO_SECTION, rule="statement")
        return
    for name in course.accessibility.missing():
        problems.warning(
            field_line(loaded, COURSE_FILE, "accessibility"),
            f"accessibility.{name} is missing: the accessibility statement says so plainly "
            "until it is filled in",
            rule="statement",
        )
