"""Course rules that span files: ids, references, answers, assets. Shape rules are in models."""

from __future__ import annotations

import re

from builder.check.answer_length import SCORM_PACKAGES, check_answer_length
from builder.check.block_rules import check_blocks, nearest
from builder.check.contrast import check_theme_contrast
from builder.check.language_rules import check_languages
from builder.check.lint_coverage import check_recall_only
from builder.check.lint_duplicates import check_near_duplicates
from builder.check.lint_instruction import check_instructions
from builder.check.lint_keys import check_key_patterns
from builder.check.lint_scenarios import check_scenario_choices
from builder.check.lint_verdict import check_verdicts
from builder.check.lint_wording import check_wording
from builder.check.locations import COURSE_FILE, field_line, where_first
from builder.check.page_links import check_references
from builder.check.question_rules import check_quizzes
from builder.check.reading_budget import check_reading_time
from builder.check.statement_rules import check_statement_fields
from builder.load.loader import Loaded
from builder.model.course import CourseModel, Module
from builder.model.problems import Location, Problems

RESERVED_PAGE_IDS = {"overview", "quiz"}
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^\s/?#]+[^\s]*$")


def check_course(
    loaded: Loaded, problems: Problems, formats: list[str] | None = None
) -> CourseModel | None:
    """Apply every cross-file rule; return the assembled model when the course is usable.

    `formats` are the packages asked for on the command line (else course.yaml's).
    """
    # Rules that do not need course.yaml run even when it is broken, so one run reports
    # every mistake in every file.
    if loaded.course is not None:
        _check_module_list(loaded, problems)
    all_pages = {page.path for module in loaded.modules.values() for page in module.pages}
    unreadable = {d for m, d in loaded.module_dirs.items() if m not in loaded.modules}
    for module in loaded.modules.values():
        _check_pages(module, problems)
        check_references(module, all_pages, problems, loaded.refused, unreadable)
    check_blocks(loaded, problems)
    _check_unique_objectives(loaded, problems)
    check_quizzes(loaded, problems)
    lints = (
        check_key_patterns,
        check_scenario_choices,
        check_wording,
        check_verdicts,
        check_instructions,
        check_near_duplicates,
        check_recall_only,
    )
    for lint in lints:
        lint(loaded, problems)
    problems.drop_warnings_about_broken_questions()
    for module in loaded.modules.values():
        check_reading_time(module, loaded.docs.get(module.path), problems)
    if loaded.course is None:
        return None
    _check_final_assessment(loaded, problems)
    check_theme_contrast(loaded, problems)
    check_statement_fields(loaded, problems)
    _check_self_assessment(loaded, problems)
    check_languages(loaded, problems)
    if "cmi5" in (formats or loaded.course.packages):
        _check_iri(loaded, problems)
    if set(SCORM_PACKAGES) & set(formats or loaded.course.packages):
        check_answer_length(loaded, problems)
    modules = [loaded.modules[m] for m in loaded.course.modules if m in loaded.modules]
    if problems.has_errors():
        return None
    diagnostic = loaded.diagnostics.get(loaded.course.self_assessment or "")
    return CourseModel(loaded.course, modules, diagnostic, theme_files=loaded.theme_files)


def _check_module_list(loaded: Loaded, problems: Problems) -> None:
    assert loaded.course is not None
    seen: set[str] = set()
    course_ids = loaded.course.modules
    for index, module_id in enumerate(course_ids):
        where = field_line(loaded, COURSE_FILE, "modules", index)
        if module_id in seen:
            problems.error(where, f'modules: "{module_id}" is listed twice')
        seen.add(module_id)
        if module_id not in loaded.module_dirs:
            hint = nearest(module_id, sorted(set(loaded.module_dirs) - set(course_ids)))
            more = f'; did you mean "{hint}"?' if hint else ""
            problems.error(
                where,
                f'modules: "{module_id}" is listed but modules/{module_id}/ does not exist{more}',
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


def _check_unique_objectives(loaded: Loaded, problems: Problems) -> None:
    seen: dict[str, Location] = {}
    for module in loaded.modules.values():
        for index, objective in enumerate(module.meta.objectives):
            where = field_line(loaded, module.path, "objectives", index, "id")
            if objective.id in seen:
                first = where_first(seen[objective.id])
                problems.error(where, f'objective "{objective.id}" is also defined in {first}')
            seen.setdefault(objective.id, where)


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
        where = field_line(loaded, COURSE_FILE, "final_assessment", "questions_per_module")
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
            field_line(loaded, COURSE_FILE, "self_assessment"),
            f"self_assessment: quizzes/{wanted}.yaml is missing or is not `kind: diagnostic`",
        )


def _check_iri(loaded: Loaded, problems: Problems) -> None:
    """cmi5 ids are absolute IRIs made from the course's iri: only cmi5 needs one."""
    course = loaded.course
    assert course is not None
    example = f"https://learning.example.org/courses/{course.id}"
    if not course.iri:
        where = field_line(loaded, COURSE_FILE, "packages")
        if "cmi5" not in course.packages:
            where = field_line(loaded, COURSE_FILE, "id")
        problems.error(
            where,
            f'iri: is missing; a cmi5 package needs the course\'s absolute IRI, e.g. "{example}"',
        )
    elif not ABSOLUTE_IRI.match(course.iri):
        problems.error(
            field_line(loaded, COURSE_FILE, "iri"),
            f'iri: "{course.iri}" is not an absolute IRI; write it in full, e.g. "{example}"',
        )
