"""The course as a translator's tool sees it: its units, and how far each language has got."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from builder.check.course_rules import check_course
from builder.load.loader import load_sources
from builder.load.translations import FOLDER, Translation, read_translations
from builder.load.units import Unit, course_units, yaml_lines
from builder.model.course import CourseModel
from builder.model.problems import Problems, TrainerError

LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass
class CourseUnits:
    root: Path
    model: CourseModel
    units: dict[str, Unit]


def read_course(root: Path) -> CourseUnits:
    """Load and check the course (errors raise CourseError); list its units with their lines."""
    problems = Problems()
    loaded = load_sources(root, problems)
    model = check_course(loaded, problems)
    problems.raise_if_errors()
    assert model is not None
    quiz_paths = {quiz.module: loaded.quiz_paths[stem] for stem, quiz in loaded.quizzes.items()}
    quiz_paths.update({stem: loaded.quiz_paths[stem] for stem in loaded.diagnostics})
    units = course_units(model, quiz_paths)
    yaml_lines(units, loaded.docs)
    return CourseUnits(root, model, {unit.id: unit for unit in units})


@dataclass
class Progress:
    """How far one language has got: unit ids by state, in course order."""

    language: str
    translated: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def progress(course: CourseUnits, language: str, found: dict[str, Translation]) -> Progress:
    result = Progress(language)
    for unit_id, unit in course.units.items():
        stored = found.get(unit_id)
        if stored is None:
            result.missing.append(unit_id)
        elif stored.hash != unit.hash:
            result.stale.append(unit_id)
        else:
            result.translated.append(unit_id)
    return result


def read_language(course: CourseUnits, language: str) -> dict[str, Translation]:
    problems = Problems()
    found = read_translations(course.root, language, problems)
    problems.raise_if_errors()
    return found


def check_language(course: CourseUnits, language: str) -> None:
    """Refuse a language tag that is malformed or is the course's own language."""
    if not LANGUAGE.match(language):
        raise TrainerError(f'"{language}" is not a language tag such as cy or en-GB')
    if language.lower() == course.model.course.language.lower():
        raise TrainerError(
            f"{language} is the course's own language (course/course.yaml language): "
            "choose the language to translate into"
        )


def stored_languages(root: Path) -> list[str]:
    folder = root / FOLDER
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def language_name(language: str) -> str:
    """The language's English name where Babel knows it, e.g. "Welsh"."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language.replace("-", "_")).get_display_name("en") or language
    except (UnknownLocaleError, ValueError):
        return language
