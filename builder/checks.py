"""Course rules that span files: ids, references, answers, assets. Shape rules are in models."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from urllib.parse import unquote

from builder import markup
from builder.budget import check_reading_time
from builder.errors import Location, Problems
from builder.load import Loaded
from builder.models import (
    ChoiceQuestion,
    CourseModel,
    Diagnostic,
    Module,
    SingleChoice,
)

RESERVED_PAGE_IDS = {"overview", "quiz"}
DRIVE_PATH = re.compile(r"^[A-Za-z]:[\\/]")  # C:\Pictures\map.png
EXAMPLE = {"image": "![A map of the exits](images/exits.png)", "link": "[the alarm](02-alarm.md)"}
COURSE_FILE = "course/course.yaml"


def check_course(loaded: Loaded, problems: Problems) -> CourseModel | None:
    """Apply every cross-file rule; return the assembled model when the course is usable."""
    # Rules that do not need course.yaml run even when it is broken, so one run reports
    # every mistake in every file.
    if loaded.course is not None:
        _check_module_list(loaded, problems)
    all_pages = {page.path for module in loaded.modules.values() for page in module.pages}
    for module in loaded.modules.values():
        _check_pages(module, problems)
        _check_references(module, all_pages, problems, loaded.refused)
    _check_unique_objectives(loaded, problems)
    _check_quizzes(loaded, problems)
    for module in loaded.modules.values():
        check_reading_time(module, loaded.docs.get(module.path), problems)
    if loaded.course is None:
        return None
    _check_final_assessment(loaded, problems)
    _check_self_assessment(loaded, problems)
    modules = [loaded.modules[m] for m in loaded.course.modules if m in loaded.modules]
    if problems.has_errors():
        return None
    diagnostic = loaded.diagnostics.get(loaded.course.self_assessment or "")
    return CourseModel(loaded.course, modules, diagnostic)


def _line(loaded: Loaded, path: str, *loc: str | int) -> Location:
    doc = loaded.docs.get(path)
    return Location(path, doc.line(loc) if doc else None)


def _check_module_list(loaded: Loaded, problems: Problems) -> None:
    assert loaded.course is not None
    seen: set[str] = set()
    for index, module_id in enumerate(loaded.course.modules):
        where = _line(loaded, COURSE_FILE, "modules", index)
        if module_id in seen:
            problems.error(where, f'modules: "{module_id}" is listed twice')
        seen.add(module_id)
        if module_id not in loaded.module_dirs:
            problems.error(
                where, f'modules: "{module_id}" is listed but modules/{module_id}/ does not exist'
            )
    for module_id, folder in loaded.module_dirs.items():
        if module_id not in seen:
            problems.warning(
                Location(folder),
                "is not listed in course/course.yaml modules, so it is not built",
                "unlisted-module",
            )


def _check_pages(module: Module, problems: Problems) -> None:
    seen: dict[str, str] = {}
    for page in module.pages:
        where = Location(page.path, 1)
        if page.id in RESERVED_PAGE_IDS:
            problems.error(where, f'the page id "{page.id}" is reserved; rename the file')
        if page.id in seen:
            problems.error(where, f'the page id "{page.id}" is also used by {seen[page.id]}')
        seen.setdefault(page.id, page.path)


def _check_references(
    module: Module, all_pages: set[str], problems: Problems, refused: set[str]
) -> None:
    """Every image resolves inside the module, every page link to a page; every asset is used."""
    folder = posixpath.dirname(module.path)
    used: set[str] = set()
    sources = [(module.path, module.intro_tokens)] + [(p.path, p.tokens) for p in module.pages]
    for path, tokens in sources:
        for kind, encoded, line, token in markup.references(tokens):
            # markdown-it %-encodes spaces and accents; files are named as the trainer typed.
            target = unquote(encoded)
            where = Location(path, line + 1 if line is not None else None)
            if kind == "image" and not token.content.strip():
                problems.warning(
                    where, f'image "{target}" has no alt text: describe it in ![...]', "alt-text"
                )
            if not target.strip():
                problems.error(where, f"the {kind} has no path: write it like {EXAMPLE[kind]}")
                continue
            if target.startswith("/") or DRIVE_PATH.match(target):
                problems.error(where, f'"{target}": use a path relative to the module folder')
                continue
            if markup.is_external(target):
                if kind == "image" and not target.lower().startswith(("data:", "#")):
                    problems.warning(
                        where,
                        f'image "{target}" is on another website and will not show: pages '
                        "show only images in the package; save it in the module's images/ folder",
                        "external-image",
                    )
                continue
            if "\\" in target:
                problems.error(where, f'"{target}": use / between folders, not \\')
                continue
            resolved = markup.resolve(folder, target)
            if resolved == folder:
                problems.error(where, f'"{target}" is the module folder, not a file')
                continue
            if kind == "link" and target.split("#")[0].endswith(".md"):
                if resolved not in all_pages:
                    problems.error(where, f'link to "{target}": no such page', "broken-link")
                continue
            if not resolved.startswith(folder + "/"):
                problems.error(where, f'"{target}" points outside the module folder')
                continue
            if resolved not in module.assets and resolved not in refused:
                problems.error(
                    where, f'{kind} "{target}" not found (looked for {resolved})', "missing-asset"
                )
            used.add(resolved)
    for asset in sorted(set(module.assets) - used):
        problems.warning(Location(asset), "is not used by any page", "unused-asset")


def _check_unique_objectives(loaded: Loaded, problems: Problems) -> None:
    seen: dict[str, Location] = {}
    for module in loaded.modules.values():
        for index, objective in enumerate(module.meta.objectives):
            where = _line(loaded, module.path, "objectives", index, "id")
            if objective.id in seen:
                first = _at(seen[objective.id])
                problems.error(where, f'objective "{objective.id}" is also defined in {first}')
            seen.setdefault(objective.id, where)


def _at(location: Location) -> str:
    """`path, line N`: where something was first seen, for "also used in" messages."""
    return f"{location.path}, line {location.line}" if location.line else location.path


def _check_quizzes(loaded: Loaded, problems: Problems) -> None:
    question_ids: dict[str, Location] = {}
    for stem, quiz in loaded.quizzes.items():
        path = loaded.quiz_paths[stem]
        module = loaded.modules.get(quiz.module)
        if module is None and quiz.module in loaded.module_dirs:
            pass  # the folder exists but its module.md has errors, reported already
        elif module is None:
            problems.error(
                _line(loaded, path, "module"),
                f'module: "{quiz.module}" is not a module (modules/{quiz.module}/ does not exist)',
            )
        elif module.quiz is not None:
            problems.error(
                _line(loaded, path, "module"), f'module "{quiz.module}" already has a question bank'
            )
        else:
            module.quiz = quiz
        if quiz.draw and quiz.draw > len(quiz.questions):
            problems.error(
                _line(loaded, path, "draw"),
                f"draw: {quiz.draw} questions asked for but the bank has {len(quiz.questions)}",
            )
        objectives = {o.id for o in module.meta.objectives} if module else None
        for index, question in enumerate(quiz.questions):
            _claim_question_id(loaded, path, index, question.id, question_ids, problems)
            _check_question(loaded, path, index, question, objectives, problems)
    for stem, diagnostic in loaded.diagnostics.items():
        _check_diagnostic(loaded, loaded.quiz_paths[stem], diagnostic, question_ids, problems)
    _check_objective_coverage(loaded, problems)


def _check_question(
    loaded: Loaded,
    path: str,
    index: int,
    question: object,
    objectives: set[str] | None,
    problems: Problems,
) -> None:
    qid = question.id  # type: ignore[attr-defined]
    label = f'question "{qid}"'
    for n, objective in enumerate(question.objectives):  # type: ignore[attr-defined]
        if objectives is not None and objective not in objectives:
            problems.error(
                _line(loaded, path, "questions", index, "objectives", n),
                f'{label}: objective "{objective}" is not an objective of this module '
                f"(known: {', '.join(sorted(objectives))})",
            )
    for key in ("options", "pairs", "items"):
        _check_unique_ids(loaded, path, index, key, getattr(question, key, None), label, problems)
    if isinstance(question, ChoiceQuestion):
        _check_answers(loaded, path, index, question, label, problems)


def _check_unique_ids(
    loaded: Loaded,
    path: str,
    index: int,
    key: str,
    entries: Iterable[object] | None,
    label: str,
    problems: Problems,
) -> None:
    seen: set[str] = set()
    noun = {"options": "option", "pairs": "pair", "items": "item"}[key]
    for n, entry in enumerate(entries or []):
        entry_id = entry.id  # type: ignore[attr-defined]
        if entry_id in seen:
            problems.error(
                _line(loaded, path, "questions", index, key, n, "id"),
                f'{label}: {noun} id "{entry_id}" is used twice',
            )
        seen.add(entry_id)


def _check_answers(
    loaded: Loaded, path: str, index: int, question: ChoiceQuestion, label: str, problems: Problems
) -> None:
    option_ids = [option.id for option in question.options]
    where = _line(loaded, path, "questions", index, "answer")
    if question.answer is not None and any(o.correct for o in question.options):
        problems.error(
            where, f"{label}: mark right options with `answer` or `correct: true`, not both"
        )
        return
    correct = question.correct_ids()
    for answer in correct:
        if answer not in option_ids:
            problems.error(
                where,
                f'{label}: answer "{answer}" is not one of the options ({", ".join(option_ids)})',
            )
    if isinstance(question, SingleChoice) and len(correct) != 1:
        problems.error(
            _line(loaded, path, "questions", index, "type"),
            f"{label}: a single-choice question needs exactly one right option, it has {len(correct)}",
        )
    elif not correct:
        problems.error(
            _line(loaded, path, "questions", index, "type"), f"{label}: no option is marked right"
        )


def _check_objective_coverage(loaded: Loaded, problems: Problems) -> None:
    for module in loaded.modules.values():
        if module.quiz is None:
            continue
        assessed = {o for q in module.quiz.questions for o in q.objectives}
        for index, objective in enumerate(module.meta.objectives):
            if objective.id not in assessed:
                problems.warning(
                    _line(loaded, module.path, "objectives", index, "id"),
                    f'objective "{objective.id}" is not assessed by any question',
                    "unassessed-objective",
                )


def _check_final_assessment(loaded: Loaded, problems: Problems) -> None:
    course = loaded.course
    assert course is not None
    final = course.final_assessment
    if final is None:
        return
    for module_id in course.modules:
        module = loaded.modules.get(module_id)
        if module is None:
            continue
        where = _line(loaded, COURSE_FILE, "final_assessment", "questions_per_module")
        if module.quiz is None and module_id in loaded.unreadable_quizzes:
            continue  # its bank has errors, reported already
        if module.quiz is None:
            problems.error(
                where,
                f'module "{module_id}" has no question bank (quizzes/{module_id}.yaml) '
                "for the final assessment to draw from",
            )
        elif final.questions_per_module > len(module.quiz.questions):
            problems.error(
                where,
                f"questions_per_module is {final.questions_per_module} but module "
                f'"{module_id}" has only {len(module.quiz.questions)} questions',
            )


def _check_self_assessment(loaded: Loaded, problems: Problems) -> None:
    course = loaded.course
    assert course is not None
    wanted = course.self_assessment
    if wanted and wanted not in loaded.diagnostics and wanted not in loaded.unreadable_quizzes:
        problems.error(
            _line(loaded, COURSE_FILE, "self_assessment"),
            f"self_assessment: quizzes/{wanted}.yaml is missing or is not `kind: diagnostic`",
        )


def _claim_question_id(
    loaded: Loaded,
    path: str,
    index: int,
    question_id: str,
    question_ids: dict[str, Location],
    problems: Problems,
) -> None:
    """Question ids are unique across the course: the LMS reports answers by them."""
    where = _line(loaded, path, "questions", index, "id")
    if question_id in question_ids:
        problems.error(
            where,
            f'question "{question_id}": the id is also used in {_at(question_ids[question_id])}',
        )
    question_ids.setdefault(question_id, where)


def _check_diagnostic(
    loaded: Loaded,
    path: str,
    diagnostic: Diagnostic,
    question_ids: dict[str, Location],
    problems: Problems,
) -> None:
    for index, statement in enumerate(diagnostic.questions):
        _claim_question_id(loaded, path, index, statement.id, question_ids, problems)
    previous = -1
    for index, band in enumerate(diagnostic.bands):
        if band.min <= previous:
            problems.error(
                _line(loaded, path, "bands", index, "min"),
                f'band "{band.id}": min must be higher than the band before it',
            )
        previous = band.min
    if diagnostic.bands[0].min != 0:
        problems.error(
            _line(loaded, path, "bands", 0, "min"), "the first band must start at min: 0"
        )
    top = max(o.score for o in diagnostic.scale) * len(diagnostic.questions)
    if diagnostic.bands[-1].min > top:
        problems.error(
            _line(loaded, path, "bands", len(diagnostic.bands) - 1, "min"),
            f"the top band can never be reached: the highest total is {top}",
        )
