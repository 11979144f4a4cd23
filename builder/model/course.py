"""The course model: what a trainer writes, as typed and checked data.

Field descriptions are reused in error hints and the README. Shape rules live here;
rules that span files (ids that clash, objectives that do not exist) live in builder/check/.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import AliasChoices, Field

from builder.model.accessibility import Accessibility
from builder.model.activity import ActivityNeeds, activities_field
from builder.model.approval import Approval, ReleaseStamp
from builder.model.audience import Framing, Role, RoleQuestion, Roles
from builder.model.debrief import (
    Debrief,
    DiscussionQuestions,
    debrief_field,
    discussion_field,
)
from builder.model.fields import ID_PATTERN, Id, Percent, Strict, TargetName, Text
from builder.model.guidance import GuidanceSection, guidance_field
from builder.model.languages import LanguageTag, languages_field
from builder.model.self_assessment import (
    DONT_KNOW,
    Band,
    Condition,
    Diagnostic,
    Element,
    Rule,
    ScaleOption,
    Statement,
)
from builder.model.theme import Theme


class FinalAssessment(Strict):
    title: Text = Field("Final assessment", description="heading of the final assessment")
    questions_per_module: int = Field(
        3, ge=1, description="questions drawn from each module's bank per attempt"
    )
    pass_mark: Percent = Field(80, description="score needed to pass, in per cent")
    attempts: int = Field(0, ge=0, description="attempts allowed; 0 means no limit")
    shuffle: bool = Field(True, description="shuffle questions and options per attempt")
    scenario_weight: int = Field(
        3,
        ge=1,
        le=10,
        description="how many questions' worth a scenario counts in the score, unless the "
        "scenario sets its own weight",
    )
    failed_with_attempts_left: Literal["incomplete", "failed"] = Field(
        "incomplete",
        description="status the LMS gets after a fail with attempts left; some LMSs "
        "refuse a new attempt once they hold failed",
    )


class Lint(Strict):
    near_duplicates: float = Field(
        0.8,
        gt=0,
        le=1,
        description="share of content words two questions in different banks may have in "
        "common before they are reported as near-duplicates",
    )


class Course(Strict):
    id: Id = Field(description="short id that names the packages")
    title: Text = Field(description="course title shown to trainees and in the LMS")
    version: Text = Field(description='course version, in quotes, e.g. "1.0.0"')
    language: str = Field(
        pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
        description="language as a BCP 47 tag, e.g. en-GB",
    )
    languages: list[LanguageTag] = languages_field()
    description: Text = Field(description="one or two sentences for the LMS catalogue")
    audience: Text = Field(description="who the course is for")
    modules: list[Id] = Field(min_length=1, description="module ids in the order taught")
    final_assessment: FinalAssessment | None = Field(
        None, description="the graded assessment drawn from the module banks"
    )
    self_assessment: Id | None = Field(
        None, description="id of a diagnostic questionnaire in quizzes/"
    )
    iri: str | None = Field(
        None,
        description="the course's absolute IRI, e.g. https://learning.example.org/courses/"
        "my-course; cmi5 packages build their ids from it",
    )
    packages: list[TargetName] = Field(
        ["scorm12", "scorm2004"], min_length=1, description="packages to build"
    )
    lint: Lint = Field(Lint(), description="settings of the item-writing lint rules")
    approval: Approval | None = Field(
        None, description="who must sign a version off before a release build"
    )
    guidance: list[GuidanceSection] = guidance_field()
    accessibility: Accessibility | None = Field(
        None, description="the parts of the accessibility statement only people can give"
    )
    theme: Theme = Field(
        Theme(), description="the organisation's look: name, colours, logo and font"
    )
    roles: Roles = Field(
        [], description="who takes the course; none: no role question and no lens blocks"
    )
    role_question: RoleQuestion = Field(RoleQuestion(), description="the role question's wording")
    framing: Framing = Field(Framing(), description="wording that frames the course")

    def role(self, role_id: str) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)


class Objective(Strict):
    id: Id = Field(description="objective id, unique in the course")
    text: Text = Field(description="what the trainee will be able to do")


class ModuleMeta(Strict):
    title: Text = Field(description="module title")
    minutes: int = Field(ge=1, le=600, description="estimated minutes to complete")
    objectives: list[Objective] = Field(min_length=1, description="learning objectives")
    discussion: DiscussionQuestions = discussion_field()
    activities: dict[Id, ActivityNeeds] = activities_field()


class Option(Strict):
    id: Id = Field(description="option id, unique in its question")
    text: Text = Field(description="the option as the trainee reads it")
    correct: bool = Field(False, description="true for a right option")
    feedback: Text = Field(description="why this option is right or wrong")


class Pair(Strict):
    id: Id = Field(description="pair id, unique in its question")
    item: Text = Field(description="the thing to match")
    match: Text = Field(description="its right match")
    feedback: Text = Field(description="why this match is right")


class OrderItem(Strict):
    id: Id = Field(description="item id, unique in its question")
    text: Text = Field(description="the item as the trainee reads it")
    feedback: Text = Field(description="why the item belongs in its place")


class QuestionCore(Strict):
    """What every question type has: an id, its objectives, and how it is used."""

    id: Id = Field(description="question id, unique in the course")
    objectives: list[Id] = Field(min_length=1, description="objective ids it assesses")
    weight: int | None = Field(
        None,
        ge=1,
        le=10,
        validation_alias=AliasChoices("weight", "weighting"),
        description="how much it counts in the score (1 to 10); default 1, and for a scenario "
        "the final assessment's scenario_weight (`weighting:` is read as the same field)",
    )
    use: Literal["any", "final"] = Field(
        "any",
        description="final: only in the final assessment, never in the knowledge check",
    )
    variant_of: Id | None = Field(
        None, description="id of a question this one is a variant of; never asked together"
    )


class QuestionBase(QuestionCore):
    prompt: Text = Field(description="the question")


class ChoiceQuestion(QuestionBase):
    options: list[Option] = Field(min_length=2, max_length=26)
    answer: list[Id] | Id | None = Field(
        None, description="id(s) of the right option(s), instead of `correct: true`"
    )

    def correct_ids(self) -> list[str]:
        """Ids of the right options, however the trainer marked them."""
        if self.answer is not None:
            return [self.answer] if isinstance(self.answer, str) else list(self.answer)
        return [option.id for option in self.options if option.correct]


class SingleChoice(ChoiceQuestion):
    type: Literal["single"]


class MultipleResponse(ChoiceQuestion):
    type: Literal["multiple"]


class TrueFalse(QuestionBase):
    type: Literal["true-false"]
    answer: bool = Field(description="the right answer, true or false")
    feedback_true: Text = Field(description='feedback for the answer "true"')
    feedback_false: Text = Field(description='feedback for the answer "false"')


class Matching(QuestionBase):
    type: Literal["matching"]
    pairs: list[Pair] = Field(min_length=2, max_length=26)
    distractors: list[Text] = Field(
        [], max_length=10, description="extra matches that belong to no item"
    )

    def target_ids(self) -> list[str]:
        """Every match offered, as answers name it: each pair's id, then the spare matches
        numbered 1, 2, ... (a pair id starts with a letter, so they never clash)."""
        return [p.id for p in self.pairs] + [str(n) for n in range(1, len(self.distractors) + 1)]


class Ordering(QuestionBase):
    type: Literal["ordering"]
    items: list[OrderItem] = Field(min_length=2, max_length=26)


class ScenarioChoice(Strict):
    id: Id = Field(description="choice id, unique in its node")
    text: Text = Field(description="what the trainee could do")
    next: Id | None = Field(None, description="the node this choice leads to")
    end: Id | None = Field(None, description="the ending this choice leads to")
    score: int = Field(ge=0, le=2, description="0 poor, 1 partial, 2 best")
    feedback: Text = Field(description="what happens next, and why")


class ScenarioNode(Strict):
    id: Id = Field(description="node id, unique in its scenario")
    text: Text = Field(description="the situation, in Markdown")
    choices: list[ScenarioChoice] = Field(min_length=2, max_length=10)


class Ending(Strict):
    id: Id = Field(description="ending id, unique in its scenario")
    text: Text = Field(description="how it turned out, and what it teaches")


class Scenario(QuestionCore):
    """A branching dilemma: one node at a time, each choice leading on or to an ending."""

    type: Literal["scenario"]
    title: Text = Field(description="the scenario's title")
    start: Id = Field(description="id of the first node")
    nodes: list[ScenarioNode] = Field(min_length=1, max_length=36)
    endings: list[Ending] = Field(min_length=1, max_length=36)
    debrief: Debrief | None = debrief_field()

    def node(self, node_id: str) -> ScenarioNode | None:
        return next((n for n in self.nodes if n.id == node_id), None)


Question = Annotated[
    SingleChoice | MultipleResponse | TrueFalse | Matching | Ordering | Scenario,
    Field(discriminator="type"),
]


class Quiz(Strict):
    module: Id = Field(description="id of the module this bank belongs to")
    title: Text = Field("Knowledge check", description="heading of the knowledge check")
    pass_mark: Percent = Field(80, description="score needed to pass, in per cent")
    draw: int | None = Field(None, ge=1, description="questions per attempt; all if left out")
    attempts: int = Field(0, ge=0, description="attempts allowed; 0 means no limit")
    shuffle: bool = Field(True, description="shuffle questions and options per attempt")
    questions: list[Question] = Field(min_length=1, description="the question bank")


@dataclass
class Page:
    """One content page: a Markdown file whose first line is its title."""

    id: str
    title: str
    path: str
    tokens: list[Any]
    words: int


@dataclass
class Module:
    id: str
    path: str
    meta: ModuleMeta
    intro_tokens: list[Any]
    pages: list[Page] = field(default_factory=list)
    assets: dict[str, bytes] = field(default_factory=dict)
    quiz: Quiz | None = None


def variant_roots(questions: list[Any]) -> dict[str, str]:
    """Question id -> the root of its `variant_of` chain (itself when it has none)."""
    parent = {q.id: q.variant_of for q in questions}
    roots: dict[str, str] = {}
    for qid in parent:
        chain, node = [qid], qid
        while parent.get(node) and parent[node] not in chain:
            node = parent[node]
            chain.append(node)
        roots[qid] = node
    return roots


@dataclass
class CourseModel:
    """Everything the renderer needs, read and checked."""

    course: Course
    modules: list[Module]
    self_assessment: Diagnostic | None = None
    release: ReleaseStamp | None = None  # set only by a release build
    # The theme's logo and font files, by their path in the course folder.
    theme_files: dict[str, bytes] = field(default_factory=dict)

    def module(self, module_id: str) -> Module:
        return next(m for m in self.modules if m.id == module_id)

    def question_count(self) -> int:
        return sum(len(m.quiz.questions) for m in self.modules if m.quiz)

    def page_count(self) -> int:
        return sum(len(m.pages) for m in self.modules)


# The self-assessment's types are read from here too.
__all__ = [
    "DONT_KNOW",
    "ID_PATTERN",
    "Band",
    "Condition",
    "Diagnostic",
    "Element",
    "Rule",
    "ScaleOption",
    "Statement",
]
