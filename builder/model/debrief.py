"""A scenario's debrief (`debrief:` on a scenario question) and a module's chosen discussion
questions (`discussion:` in a module's front matter), for the facilitator handbook.

In a room, a pair plays each scenario twice. In the first round each partner takes the
decisions of the character their role `plays`; in the second round they swap. Then the room
debriefs with the scenario's own questions. The agenda says who plays whom, in the words of
the course's `roles:`; a scenario without a debrief gets the handbook's general questions.

A module's `discussion:` names the two or three questions its ten-minute discussion slot
uses; the handbook still prints the questions it draws from the module's lens boxes, as
spares. The builder writes none of this wording: it belongs to the course.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, Field, model_validator

from builder.model.fields import Id, Strict, Text


class Part(Strict):
    role: Id = Field(description="a role id from course.yaml `roles:`")
    plays: Text = Field(
        description="the character whose decisions that role takes in the first round, "
        'e.g. "Anita, the service manager"'
    )


class Debrief(Strict):
    parts: list[Part] = Field(
        [],
        max_length=6,
        description="who plays whom in the first round; the partners swap for the second",
    )
    questions: list[Text] = Field(
        min_length=2, max_length=5, description="the debrief questions, for this scenario"
    )

    @model_validator(mode="after")
    def _one_part_per_role(self) -> Debrief:
        seen: set[str] = set()
        for part in self.parts:
            if part.role in seen:
                raise ValueError(f'role "{part.role}" has two parts: give each role one')
            seen.add(part.role)
        return self


def debrief_field() -> Any:
    return Field(
        None,
        description="for the handbook: who plays whom when a pair plays the scenario, and "
        "the questions for the debrief afterwards",
    )


def _two_or_three(questions: list[str]) -> list[str]:
    if len(questions) == 1:
        raise ValueError("list two or three questions, or leave discussion out")
    return questions


# A plain `list[Text]` to the translation tools, which find translatable fields by type.
DiscussionQuestions = Annotated[list[Text], AfterValidator(_two_or_three)]


def discussion_field() -> Any:
    return Field(
        [],
        max_length=3,
        description="the two or three discussion questions the handbook's agenda uses for "
        "this module; the questions drawn from its lens boxes are printed as spares",
    )
