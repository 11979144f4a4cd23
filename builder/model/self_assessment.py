"""The self-assessment (`kind: diagnostic`): its scale, elements, statements and placement rules."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from builder.model.fields import Id, Strict, Text

DONT_KNOW = "dont-know"  # the answer id of a diagnostic's "don't know" answer


class ScaleOption(Strict):
    id: Id = Field(description="answer id, unique in the scale")
    text: Text = Field(description="the answer as the trainee reads it")
    score: int = Field(ge=0, le=100, description="points this answer gives in the profile")


class Element(Strict):
    id: Id = Field(description="element id, unique in the questionnaire")
    title: Text = Field(description="the element's name, as the profile shows it")


class Statement(Strict):
    id: Id = Field(description="statement id, unique in the course")
    prompt: Text = Field(description="the statement to rate")
    element: Id | None = Field(None, description="id of the element the statement belongs to")
    if_unknown: Text | None = Field(
        None, description='the action shown when the answer is "don\'t know"'
    )


class Condition(Strict):
    statement: Id | None = Field(None, description="id of the statement the condition reads")
    element: Id | None = Field(
        None, description="id of an element: every one of its statements must meet it"
    )
    at_least: Id | None = Field(None, description="the lowest answer (scale id) that meets it")
    at_most: Id | None = Field(None, description="the highest answer (scale id) that meets it")


class Rule(Strict):
    because: Text = Field(description="why this rule places an organisation here, in words")
    when: list[Condition] = Field(min_length=1, description="conditions that must all hold")


class Band(Strict):
    id: Id = Field(description="band id")
    title: Text = Field(description="the result's name")
    text: Text = Field(description="what the result means")
    rules: list[Rule] = Field(
        [], description="any one rule places the organisation here; none: the default band"
    )
    because: Text | None = Field(
        None, description="why the default band applies, shown when no rule placed it"
    )
    next_steps: list[Text] = Field(min_length=1, description="what to do next")


class Diagnostic(Strict):
    kind: Literal["diagnostic"]
    title: Text = Field(description="heading of the questionnaire")
    intro: Text = Field(description="how to complete it")
    scale: list[ScaleOption] = Field(min_length=2, max_length=10)
    dont_know: Text | None = Field(
        None, description='text of a "don\'t know" answer offered beside the scale'
    )
    elements: list[Element] = Field([], description="the parts the profile is shown by")
    questions: list[Statement] = Field(min_length=1)
    bands: list[Band] = Field(min_length=1)

    def answer_ids(self) -> list[str]:
        """Every answer a statement offers, in order: the scale, then "don't know"."""
        return [o.id for o in self.scale] + ([DONT_KNOW] if self.dont_know else [])

    def compiled_rules(self) -> list[dict[str, Any]]:
        """Each band's rules as statement ids and scale positions, as the runtime reads them.

        A condition on an element becomes one on each of its statements.
        """
        position = {o.id: n for n, o in enumerate(self.scale)}
        compiled = []
        for band in self.bands:
            rules = []
            for rule in band.rules:
                conditions = []
                for c in rule.when:
                    ids = [c.statement] if c.statement else self.statements_of(c.element or "")
                    conditions.append(
                        {
                            "questions": ids,
                            "min": position.get(c.at_least or "", 0),
                            "max": position.get(c.at_most or "", len(self.scale) - 1),
                        }
                    )
                rules.append(conditions)
            compiled.append({"id": band.id, "rules": rules})
        return compiled

    def statements_of(self, element_id: str) -> list[str]:
        return [s.id for s in self.questions if s.element == element_id]

    def place(self, answers: dict[str, str]) -> tuple[Band, int | None]:
        """The band `answers` (statement id -> answer id) place an organisation in.

        Bands with rules are tried in file order; the first with a rule whose conditions all
        hold wins, and the number of that rule comes back with it. Otherwise the band
        without rules applies (None). A "don't know", or no answer, meets no condition.
        """
        position = {o.id: n for n, o in enumerate(self.scale)}
        for band, compiled in zip(self.bands, self.compiled_rules(), strict=True):
            for number, conditions in enumerate(compiled["rules"]):
                if all(
                    answers.get(q) in position and c["min"] <= position[answers[q]] <= c["max"]
                    for c in conditions
                    for q in c["questions"]
                ):
                    return band, number
        return next(b for b in self.bands if not b.rules), None


# What the loader assembles from several files: plain dataclasses, not parsed input.
