"""The self-assessment as the handbook prints it: statements by element, the placement rules
in words, and each band's meaning and next steps, so a pair can complete it on paper."""

from __future__ import annotations

from builder.handbook.view_types import (
    BandView,
    RuleView,
    SelfAssessmentView,
    StatementGroup,
    StatementView,
)
from builder.interface.catalogue import Interface
from builder.model.course import Condition, Diagnostic


def self_assessment_view(diagnostic: Diagnostic, words: Interface) -> SelfAssessmentView:
    numbers = {s.id: n for n, s in enumerate(diagnostic.questions, 1)}
    titles = {e.id: e.title for e in diagnostic.elements}
    groups: list[StatementGroup] = []
    for statement in diagnostic.questions:
        title = titles.get(statement.element or "", "")
        if not groups or groups[-1].title != title:
            groups.append(StatementGroup(title, []))
        groups[-1].statements.append(
            StatementView(numbers[statement.id], statement.prompt, statement.if_unknown or "")
        )
    answers = [o.text for o in diagnostic.scale]
    if diagnostic.dont_know:
        answers.append(diagnostic.dont_know)
    bands = [
        BandView(
            title=band.title,
            text=band.text,
            rules=[
                RuleView(
                    rule.because,
                    [condition_words(diagnostic, c, numbers, words) for c in rule.when],
                )
                for rule in band.rules
            ],
            default=not band.rules,
            because=band.because or "",
            next_steps=list(band.next_steps),
        )
        for band in diagnostic.bands
    ]
    return SelfAssessmentView(answers, groups, bands)


def condition_words(
    diagnostic: Diagnostic, condition: Condition, numbers: dict[str, int], words: Interface
) -> str:
    """One condition in words: `statement 17 is "Not at all"`, `every ... statement (12 to 15) ...`."""
    order = [o.id for o in diagnostic.scale]
    low = order.index(condition.at_least) if condition.at_least in order else 0
    high = order.index(condition.at_most) if condition.at_most in order else len(order) - 1
    answers = [words.text("handbook.condition.answer", answer=o.text) for o in diagnostic.scale]
    allowed = answers[low]
    for answer in answers[low + 1 : high + 1]:
        allowed = words.text("handbook.condition.either", one=allowed, other=answer)
    if condition.statement:
        number = numbers.get(condition.statement, "?")
        return words.text("handbook.condition.statement", number=number, allowed=allowed)
    title = next((e.title for e in diagnostic.elements if e.id == condition.element), "")
    members = [numbers[q] for q in diagnostic.statements_of(condition.element or "")]
    span = (
        words.text("handbook.condition.span", first=members[0], last=members[-1])
        if len(members) > 1
        else str(members[0])
    )
    return words.text("handbook.condition.element", title=title, span=span, allowed=allowed)
