"""What the runtime needs to know about each question to score it and report it."""

from __future__ import annotations

from typing import Any

from builder.model.course import (
    DONT_KNOW,
    ChoiceQuestion,
    Diagnostic,
    Matching,
    Ordering,
    Scenario,
    TrueFalse,
    variant_roots,
)


def question_data(
    question: Any, module_id: str, family: str | None = None, weight: int = 1
) -> dict[str, Any]:
    """Answer key and reporting facts for one question (no text: the page holds that).

    `family` is the id that every `variant_of` relative of the question shares; `weight` is
    how much it counts in the score (see model/weights.py).
    """
    data: dict[str, Any] = {
        "type": question.type,
        "module": module_id,
        "objective": question.objectives[0],
        "objectives": list(question.objectives),
        "weighting": weight,
    }
    if family is not None:
        data["family"] = family
    if isinstance(question, ChoiceQuestion):
        data["options"] = [o.id for o in question.options]
        data["correct"] = question.correct_ids()
    elif isinstance(question, TrueFalse):
        data["options"] = ["true", "false"]
        data["correct"] = ["true" if question.answer else "false"]
    elif isinstance(question, Matching):
        data["options"] = [p.id for p in question.pairs]
        data["correct"] = [p.id for p in question.pairs]
        if question.distractors:
            data["targets"] = question.target_ids()
    elif isinstance(question, Ordering):
        data["options"] = [i.id for i in question.items]
        data["correct"] = [i.id for i in question.items]
    elif isinstance(question, Scenario):
        # Each node's choices as [id, next node, ending, score]; "" where there is none.
        data["start"] = question.start
        data["nodes"] = {
            n.id: [[c.id, c.next or "", c.end or "", c.score] for c in n.choices]
            for n in question.nodes
        }
    return data


def distractor_ids(question: Matching) -> list[str]:
    """Spare targets are numbered: a pair id starts with a letter, so they never clash."""
    return question.target_ids()[len(question.pairs) :]


def families(questions: list[Any]) -> dict[str, str]:
    """Question id -> the id its `variant_of` family shares, for questions that have one."""
    roots = variant_roots(questions)
    linked = {root for qid, root in roots.items() if root != qid}
    return {qid: root for qid, root in roots.items() if root in linked}


def diagnostic_data(diagnostic: Diagnostic) -> dict[str, Any]:
    """What the runtime needs to place an organisation and draw its profile (no text)."""
    return {
        "questions": [s.id for s in diagnostic.questions],
        "scale": {o.id: o.score for o in diagnostic.scale},
        "answers": diagnostic.answer_ids(),
        "dontKnow": DONT_KNOW if diagnostic.dont_know else None,
        "top": max(o.score for o in diagnostic.scale),
        "elements": [
            {"id": e.id, "questions": diagnostic.statements_of(e.id)} for e in diagnostic.elements
        ],
        "bands": [
            {"id": compiled["id"], "title": band.title, "rules": compiled["rules"]}
            for band, compiled in zip(diagnostic.bands, diagnostic.compiled_rules(), strict=True)
        ],
    }


def diagnostic_view(diagnostic: Diagnostic) -> dict[str, Any]:
    """What the self-assessment's page shows: statements grouped by element, numbered in order."""
    groups: list[tuple[Any, list[Any]]] = [
        (e, [s for s in diagnostic.questions if s.element == e.id]) for e in diagnostic.elements
    ]
    if not diagnostic.elements:
        groups = [(None, list(diagnostic.questions))]
    answers = [{"id": o.id, "text": o.text} for o in diagnostic.scale]
    if diagnostic.dont_know:
        answers.append({"id": DONT_KNOW, "text": diagnostic.dont_know})
    return {
        "diagnostic": diagnostic,
        "groups": groups,
        "numbers": {s.id: n for n, s in enumerate(diagnostic.questions, 1)},
        "answers": answers,
        "dont_know_id": DONT_KNOW,
        "top": max(o.score for o in diagnostic.scale),
    }
