"""`languages:` in course.yaml: it names the course's own language, and each language once."""

from __future__ import annotations

from builder.check.locations import COURSE_FILE, field_line
from builder.load.loader import Loaded
from builder.model.problems import Problems


def check_languages(loaded: Loaded, problems: Problems) -> None:
    course = loaded.course
    if course is None or not course.languages:
        return
    seen: set[str] = set()
    for index, tag in enumerate(course.languages):
        if tag.lower() in seen:
            problems.error(
                field_line(loaded, COURSE_FILE, "languages", index),
                f'languages: "{tag}" is listed twice',
            )
        seen.add(tag.lower())
    if course.language.lower() not in seen:
        problems.error(
            field_line(loaded, COURSE_FILE, "languages"),
            f"languages: must list the course's own language, {course.language} "
            "(the `language` the files are written in)",
        )
