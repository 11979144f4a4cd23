"""What the handbook template shows: one plain record per part."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup


@dataclass
class ActivityView:
    title: str
    page: str
    body: Markup
    steps: int
    minutes: int
    prepare: list[str]
    pairing: list[str]
    timing: str
    produces: Markup | None
    heading: str = ""


@dataclass
class TemplateView:
    anchor: str
    title: str
    module_number: int
    module_title: str
    page: str
    body: Markup


@dataclass
class LensView:
    role: str
    title: str
    body: Markup
    place: int = 0  # the role's place in the course's roles, from 1: lens colours go by place


@dataclass
class DiscussionTopic:
    page: str
    lenses: list[LensView]
    questions: list[str]


@dataclass
class ChoiceRow:
    label: str
    text: str
    correct: bool
    feedback: str


@dataclass
class QuestionView:
    id: str
    number: int
    prompt: str  # safe HTML: emphasis kept
    type: str
    type_label: str
    objectives: str
    weighting: int
    answers: list[str]  # the right answer(s), as the key states them
    choices: list[ChoiceRow] = field(default_factory=list)  # single, multiple, true-false
    pairs: list[Any] = field(default_factory=list)  # matching
    items: list[Any] = field(default_factory=list)  # ordering
    distractors: list[str] = field(default_factory=list)  # matching: spare targets
    flow: Any = None  # scenario: a ScenarioFlow
    final_only: bool = False  # `use: final`: never in the knowledge check
    play: Any = None  # scenario: a PlayPlan (who plays whom, the debrief questions)


@dataclass
class ModuleView:
    number: int
    id: str
    title: str
    minutes: int
    objectives: list[Any]
    intro: Markup
    key_points: Markup
    key_points_source: str
    activities: list[ActivityView]
    topics: list[DiscussionTopic]
    general_questions: list[str]
    quiz: Any
    questions: list[QuestionView]
    discussion: list[str] = field(default_factory=list)  # the questions the agenda uses

    @property
    def activity_minutes(self) -> int:
        return sum(a.minutes for a in self.activities)


@dataclass
class RuleView:
    because: str
    conditions: list[str]


@dataclass
class BandView:
    title: str
    text: str
    rules: list[RuleView]
    default: bool
    because: str
    next_steps: list[str]


@dataclass
class StatementView:
    number: int
    prompt: str
    if_unknown: str


@dataclass
class StatementGroup:
    title: str  # the element's title; empty when the questionnaire has no elements
    statements: list[StatementView]


@dataclass
class SelfAssessmentView:
    answers: list[str]
    groups: list[StatementGroup]
    bands: list[BandView]
