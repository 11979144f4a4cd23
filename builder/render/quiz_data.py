"""What the runtime needs to know about each question to score it and report it."""

from __future__ import annotations

from typing import Any

from builder.model.course import ChoiceQuestion, Matching, Ordering, TrueFalse


def question_data(question: Any, module_id: str) -> dict[str, Any]:
    """Answer key and reporting facts for one question (no text: the page holds that)."""
    data: dict[str, Any] = {
        "type": question.type,
        "module": module_id,
        "objective": question.objectives[0],
        "weighting": question.weighting,
    }
    if isinstance(question, ChoiceQuestion):
        data["options"] = [o.id for o in question.options]
        data["correct"] = question.correct_ids()
    elif isinstance(question, TrueFalse):
        data["options"] = ["true", "false"]
        data["correct"] = ["true" if question.answer else "false"]
    elif isinstance(question, Matching):
        data["options"] = [p.id for p in question.pairs]
        data["correct"] = [p.id for p in question.pairs]
    elif isinstance(question, Ordering):
        data["options"] = [i.id for i in question.items]
        data["correct"] = [i.id for i in question.items]
    return data
