"""Question banks: unique ids across the course, answers that fit their question, objectives assessed."""

from __future__ import annotations

from collections.abc import Iterable

from builder.check.diagnostic_rules import check_diagnostic_shape
from builder.check.locations import field_line, where_first
from builder.check.scenario_rules import check_scenario
from builder.load.loader import Loaded
from builder.model.course import (
    ChoiceQuestion,
    Diagnostic,
    Matching,
    MultipleResponse,
    Scenario,
    SingleChoice,
)
from builder.model.problems import Location, Problems


def check_quizzes(loaded: Loaded, problems: Problems) -> None:
    question_ids: dict[str, Location] = {}
    for stem, quiz in loaded.quizzes.items():
        path = loaded.quiz_paths[stem]
        module = loaded.modules.get(quiz.module)
        if module is None and quiz.module in loaded.module_dirs:
            pass  # the folder exists but its module.md has errors, reported already
        elif module is None:
            problems.error(
                field_line(loaded, path, "module"),
                f'module: "{quiz.module}" is not a module (modules/{quiz.module}/ does not exist)',
            )
        elif module.quiz is not None:
            problems.error(
                field_line(loaded, path, "module"),
                f'module "{quiz.module}" already has a question bank',
            )
        else:
            module.quiz = quiz
        if quiz.draw and quiz.draw > len(quiz.questions):
            problems.error(
                field_line(loaded, path, "draw"),
                f"draw: {quiz.draw} questions asked for but the bank has {len(quiz.questions)}",
            )
        objectives = {o.id for o in module.meta.objectives} if module else None
        for index, question in enumerate(quiz.questions):
            _claim_question_id(loaded, path, index, question.id, question_ids, problems)
            _check_question(loaded, path, index, question, objectives, problems)
    for stem, diagnostic in loaded.diagnostics.items():
        _check_diagnostic(loaded, loaded.quiz_paths[stem], diagnostic, question_ids, problems)
    _check_variants_and_use(loaded, problems)
    _check_objective_coverage(loaded, problems)


def _check_variants_and_use(loaded: Loaded, problems: Problems) -> None:
    """`variant_of` names a question of the course; a knowledge check keeps some questions."""
    known = {q.id for quiz in loaded.quizzes.values() for q in quiz.questions}
    for stem, quiz in loaded.quizzes.items():
        path = loaded.quiz_paths[stem]
        for index, question in enumerate(quiz.questions):
            other = question.variant_of
            where = field_line(loaded, path, "questions", index, "variant_of")
            if other == question.id:
                problems.error(where, f'question "{question.id}": variant_of: names itself')
            elif other is not None and other not in known:
                problems.error(
                    where, f'question "{question.id}": variant_of: "{other}" is not a question'
                )
        practice = [q for q in quiz.questions if q.use != "final"]
        if not practice:
            problems.error(
                field_line(loaded, path, "questions"),
                "every question has `use: final`, so the knowledge check has none to ask",
            )
        elif quiz.draw and quiz.draw > len(practice) and quiz.draw <= len(quiz.questions):
            problems.error(
                field_line(loaded, path, "draw"),
                f"draw: {quiz.draw} questions asked for but the knowledge check has "
                f"{len(practice)} (the others have `use: final`)",
            )


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
                field_line(loaded, path, "questions", index, "objectives", n),
                f'{label}: objective "{objective}" is not an objective of this module '
                f"(known: {', '.join(sorted(objectives))})",
            )
    for key in ("options", "pairs", "items"):
        _check_unique_ids(loaded, path, index, key, getattr(question, key, None), label, problems)
    if isinstance(question, ChoiceQuestion):
        _check_answers(loaded, path, index, question, label, problems)
    if isinstance(question, Scenario):
        check_scenario(loaded, path, index, question, problems)
    if isinstance(question, Matching):
        matches = {p.match for p in question.pairs}
        for n, spare in enumerate(question.distractors):
            if spare in matches:
                problems.error(
                    field_line(loaded, path, "questions", index, "distractors", n),
                    f'{label}: distractor "{spare}" is also the match of an item',
                )


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
                field_line(loaded, path, "questions", index, key, n, "id"),
                f'{label}: {noun} id "{entry_id}" is used twice',
            )
        seen.add(entry_id)


def _check_answers(
    loaded: Loaded, path: str, index: int, question: ChoiceQuestion, label: str, problems: Problems
) -> None:
    option_ids = [option.id for option in question.options]
    where = field_line(loaded, path, "questions", index, "answer")
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
            field_line(loaded, path, "questions", index, "type"),
            f"{label}: a single-choice question needs exactly one right option, it has {len(correct)}",
        )
    elif not correct:
        problems.error(
            field_line(loaded, path, "questions", index, "type"),
            f"{label}: no option is marked right",
        )
    elif isinstance(question, MultipleResponse) and len(correct) == 1:
        problems.error(
            field_line(loaded, path, "questions", index, "type"),
            f"{label}: a multiple-response question needs two or more right options, it has "
            "one; for one right option use type: single",
        )


def _check_objective_coverage(loaded: Loaded, problems: Problems) -> None:
    for module in loaded.modules.values():
        if module.quiz is None:
            continue
        assessed = {o for q in module.quiz.questions for o in q.objectives}
        for index, objective in enumerate(module.meta.objectives):
            if objective.id not in assessed:
                problems.warning(
                    field_line(loaded, module.path, "objectives", index, "id"),
                    f'objective "{objective.id}" is not assessed by any question',
                    "unassessed-objective",
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
    where = field_line(loaded, path, "questions", index, "id")
    if question_id in question_ids:
        problems.error(
            where,
            f'question "{question_id}": the id is also used in {where_first(question_ids[question_id])}',
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
    check_diagnostic_shape(loaded, path, diagnostic, problems)
