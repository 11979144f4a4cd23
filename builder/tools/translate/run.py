"""The three `dfc-course translate` commands, as functions the command line calls."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from builder.model.problems import Location, Problem
from builder.tools.translate.course_state import (
    check_language,
    language_name,
    progress,
    read_course,
    read_language,
    stored_languages,
)

SHOWN_MISSING = 20


def export(root: Path, language: str, out: Path | None) -> tuple[Path, str]:
    """Write the XLIFF file; return where, and a line saying what it holds."""
    from builder.tools.translate.export import export_xliff

    course = read_course(root)
    check_language(course, language)
    found = read_language(course, language)
    data = export_xliff(course, language, found)
    out = out or Path(f"{course.model.course.id}-{course.model.course.version}-{language}.xlf")
    out.write_bytes(data)
    state = progress(course, language, found)
    return out, (
        f"wrote {out}: {len(course.units)} units for {language_name(language)} ({language}); "
        f"{_counts(state)}"
    )


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def import_file(root: Path, file: Path, language: str | None) -> ImportResult:
    """Import what can be imported; refusals come back as problems naming unit and line."""
    from builder.tools.translate.import_xliff import XliffRefused, import_xliff
    from builder.tools.translate.store import store

    course = read_course(root)
    result = ImportResult()
    shown = str(file)
    try:
        imported = import_xliff(course, file.read_bytes(), language)
    except XliffRefused as exc:
        result.problems.append(Problem(Location(shown, exc.line), exc.message))
        return result
    for refusal in imported.refused:
        message = f'unit "{refusal.unit_id}" {refusal.message}'
        result.problems.append(Problem(Location(shown, refusal.line), message))
    existing = read_language(course, imported.language)
    written = store(course, imported.language, existing, imported.accepted)
    state = progress(course, imported.language, {**existing, **imported.accepted})
    result.lines.append(
        f"imported {len(imported.accepted)} units into translations/{imported.language}/ "
        f"({len(written)} files); refused {len(imported.refused)}; "
        f"{len(imported.empty)} had no translation"
    )
    result.lines.append(f"{imported.language}: {_counts(state)}")
    return result


def status(root: Path, show_all: bool) -> list[str]:
    """Per language: counts, then the missing and stale units with file and line."""
    course = read_course(root)
    languages = stored_languages(root)
    lines = []
    if not languages:
        return ["no translations yet: start with `dfc-course translate export --language LANG`"]
    for language in languages:
        state = progress(course, language, read_language(course, language))
        lines.append(f"{language} ({language_name(language)}): {_counts(state)}")
        waiting = [("missing", u) for u in state.missing] + [("stale", u) for u in state.stale]
        for kind, unit_id in waiting if show_all else waiting[:SHOWN_MISSING]:
            unit = course.units[unit_id]
            where = f"{unit.path}:{unit.line}" if unit.line else unit.path
            lines.append(f"  {kind}: {unit_id} ({where})")
        if not show_all and len(waiting) > SHOWN_MISSING:
            lines.append(f"  ... and {len(waiting) - SHOWN_MISSING} more (--all lists them)")
    return lines


def _counts(state) -> str:  # type: ignore[no-untyped-def]
    return (
        f"{len(state.translated)} translated, {len(state.stale)} stale, "
        f"{len(state.missing)} missing"
    )
