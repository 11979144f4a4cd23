"""Who a course is for, and the wording that frames it: `roles:`, `role_question:`, `framing:`.

Everything here has a neutral default, so a course that says nothing about its audience gets
no role question, plain "Activity" boxes and a handbook with general advice. A course for a
particular audience (the bundled one pairs managers with union representatives) says so in
its own course.yaml.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from builder.model.fields import Id, Strict, Text


class Role(Strict):
    id: Id = Field(description="role id, as lens blocks name it (`::: lens ID`)")
    label: Text = Field(description='the choice in the role question, e.g. "A home carer"')
    lens: Text | None = Field(
        None, description='heading of this role\'s lens boxes, e.g. "For home carers"; '
        "the label when left out",
    )
    group: Text | None = Field(
        None, description='the role\'s people as a group, e.g. "Home carers", for the report '
        "and the handbook; the label when left out",
    )
    person: Text | None = Field(
        None, description='one person in the role, e.g. "a home carer", for the handbook\'s '
        "discussion questions; the label in lower case when left out",
    )

    @property
    def lens_heading(self) -> str:
        return self.lens or self.label

    @property
    def group_name(self) -> str:
        return self.group or self.label

    @property
    def one_person(self) -> str:
        return self.person or self.label[:1].lower() + self.label[1:]


class RoleQuestion(Strict):
    prompt: Text = Field(
        "You are taking this course as", description="the role question's legend"
    )
    hint: Text | None = Field(
        "We show your role’s point of view first on each page. You can read the others too.",
        description="the line under the role question",
    )
    skippable: bool = Field(
        True, description="false: the trainee must answer it before starting the course"
    )


class HandbookFraming(Strict):
    subtitle: Text = Field(
        "Running the course face to face", description="the line under the handbook's title"
    )
    audience: Text = Field(
        "with the people it was written for",
        description='how the handbook\'s first sentence ends: "This handbook is for the '
        'person running <title> in a room, …"',
    )
    advice_heading: Text = Field(
        "Running the session", description="heading of the advice on running the room"
    )
    advice: list[Text] = Field(
        [
            "Agree ground rules at the start: everyone speaks for themselves, what is said "
            "in the room stays there, and disagreement is welcome as long as it is about the "
            "issue, not the person.",
            "Give everyone a fair share of the time. In the discussions, ask people to answer "
            "in turn, and notice who speaks first.",
            "Keep the focus on what people will do when they get back to work.",
        ],
        description="the advice on seating and running the room, one line each",
    )
    pair_up: Text = Field(
        "Put people in pairs or small groups, from the same organisation where you can, so "
        "that what they produce is something they can act on.",
        description="how to form pairs, for an activity that does not say",
    )
    pairing: list[Text] = Field(
        [
            "If the numbers are uneven, make a group of three rather than leaving anyone out.",
            "Where partners come from different organisations, let them work on one "
            "partner's organisation, with the other acting as a critical friend.",
        ],
        description="more pairing advice, shown with every activity",
    )


class ReportFraming(Strict):
    roles_heading: Text = Field(
        "Roles compared", description="heading of the report's section comparing the roles"
    )


class SelfAssessmentFraming(Strict):
    unknowns_heading: Text = Field(
        "Find out", description='heading over the statements answered "don\'t know"'
    )
    unknowns: Text = Field(
        "Each one is an action: agree who does it and by when, then come back and change "
        "your answer.",
        description='what the trainee does about a "don\'t know" answer',
    )


class Framing(Strict):
    activity: Text = Field("Activity", description="label of activity boxes")
    activities: Text = Field(
        "Activities", description="the same label for more than one, e.g. in the agenda"
    )
    action: Text = Field(
        "action", description='what a "don\'t know" answer in the self-assessment becomes'
    )
    actions: Text = Field("actions", description="the same word for more than one")
    self_assessment: SelfAssessmentFraming = Field(
        SelfAssessmentFraming(), description="the self-assessment's wording"
    )
    handbook: HandbookFraming = Field(HandbookFraming(), description="the handbook's wording")
    report: ReportFraming = Field(ReportFraming(), description="the report's wording")


def _unique_ids(roles: list[Role]) -> list[Role]:
    ids = [r.id for r in roles]
    twice = next((i for i in ids if ids.count(i) > 1), None)
    if twice:
        raise ValueError(f'the role id "{twice}" is used twice')
    return roles


Roles = Annotated[list[Role], AfterValidator(_unique_ids), Field(max_length=20)]
