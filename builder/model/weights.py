"""How much each question counts in a quiz's score."""

from __future__ import annotations

from typing import Any

from builder.model.course import Course, FinalAssessment, Scenario

SCENARIO_WEIGHT: int = FinalAssessment.model_fields["scenario_weight"].default


def weight_of(question: Any, course: Course | None) -> int:
    """The question's own `weight:`; else, for a scenario, the final assessment's
    `scenario_weight` (a scenario of several decisions is worth more than one question);
    else 1. The same weight counts in the knowledge check and in the final assessment."""
    if question.weight is not None:
        return int(question.weight)
    if isinstance(question, Scenario):
        final = course.final_assessment if course is not None else None
        return final.scenario_weight if final is not None else SCENARIO_WEIGHT
    return 1
