"""The files a theme names (its logo and font files), read from the course folder."""

from __future__ import annotations

from pathlib import Path

from builder.discover.sources import COURSE_FILE
from builder.load.yamlfile import YamlDoc
from builder.model.course import Course
from builder.model.problems import Location, Problems

LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp")
FONT_TYPES = (".woff2", ".woff", ".ttf", ".otf")


def read_theme_files(
    root: Path, course: Course, doc: YamlDoc | None, problems: Problems
) -> dict[str, bytes]:
    """Path in the course folder -> bytes, for the logo and each font file."""
    theme = course.theme
    wanted: list[tuple[str, tuple[str, ...], tuple[str | int, ...]]] = []
    if theme.logo:
        wanted.append((theme.logo.file, LOGO_TYPES, ("theme", "logo", "file")))
    if theme.font:
        for n, name in enumerate(theme.font.files):
            wanted.append((name, FONT_TYPES, ("theme", "font", "files", n)))
    files: dict[str, bytes] = {}
    base = root.resolve()
    for name, types, loc in wanted:
        where = Location(COURSE_FILE, doc.line(loc) if doc else None)
        field = ".".join(str(part) for part in loc)
        path = (root / name).resolve()
        if not path.is_relative_to(base):
            problems.error(where, f'{field}: "{name}" is outside the course folder')
        elif not name.lower().endswith(types):
            problems.error(where, f'{field}: "{name}" must be one of: {", ".join(types)}')
        elif not path.is_file():
            problems.error(where, f'{field}: "{name}" does not exist in the course folder')
        else:
            files[name] = path.read_bytes()
    return files
