"""What the report needs to know about the course, read from its model.

Read by attribute, tolerantly: question types, scenarios and the self-assessment's zones and
elements may grow new fields, and the report takes what is there rather than failing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from builder.interface.catalogue import SOURCE, Interface, served_by

# Source question types to the interaction types of contract B (SCORM 2004 names).
INTERACTION_TYPES = {
    "single": "choice",
    "multiple": "choice",
    "true-false": "true-false",
    "matching": "matching",
    "ordering": "sequencing",
    "scenario": "choice",
}


@dataclass
class Item:
    """One graded question: its key and the ids its responses may use."""

    id: str
    module: str
    type: str
    objectives: list[str]
    options: list[str]
    key: list[str]
    pass_mark: int = 80
    targets: list[str] = field(default_factory=list)  # matching: the items, then spare targets
    prompt: str = ""  # shortened, so a trainer can tell the question without the YAML
    texts: dict[str, str] = field(default_factory=dict)  # option id -> its text, shortened

    @property
    def interaction_type(self) -> str:
        return INTERACTION_TYPES.get(self.type, "other")


@dataclass
class Node:
    """One decision point of a scenario."""

    scenario: str
    module: str
    id: str
    choices: list[str]
    scores: dict[str, int]
    prompt: str = ""  # the situation at this node, shortened
    texts: dict[str, str] = field(default_factory=dict)  # choice id -> its text, shortened


@dataclass
class SelfAssessment:
    statements: dict[str, str]  # statement id -> element
    scale: dict[str, float | None]  # answer id -> score (None: not scored, e.g. "don't know")
    zones: dict[str, str]  # zone id -> title
    elements: list[str]
    answers: list[str] = field(default_factory=list)  # every answer id: the scale, "don't know"


@dataclass
class CourseIndex:
    title: str
    iri: str | None
    items: dict[str, Item] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)  # "<scenario>-<node>" -> node
    objectives: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (module, text)
    self_assessment: SelfAssessment | None = None
    # The course's roles (course.yaml `roles:`): id -> the name of its group, in course order.
    role_names: dict[str, str] = field(default_factory=dict)
    roles_heading: str = ""  # course.yaml's, else the catalogue's in the report's language
    # The version and language an answer is taken to be in when its record does not say.
    version: str | None = None
    language: str | None = None
    # The language of the report's own words (its interface catalogue).
    words: str = "en-GB"

    @property
    def roles(self) -> list[str]:
        return list(self.role_names)

    def known(self, interaction: str) -> bool:
        return interaction in self.items or interaction in self.nodes or self._in_sa(interaction)

    def _in_sa(self, interaction: str) -> bool:
        sa = self.self_assessment
        return sa is not None and (interaction == "self-assessment" or interaction in sa.statements)


def index_course(model: Any, words: str | None = None) -> CourseIndex:
    """The report's view of a loaded course (builder.model.course.CourseModel or alike), its
    own words in `words` (by default the course's language)."""
    course = model.course
    index = CourseIndex(title=str(course.title), iri=getattr(course, "iri", None) or None)
    index.words = served_by(words or str(getattr(course, "language", "") or SOURCE)) or SOURCE
    index.version = str(getattr(course, "version", "") or "") or None
    index.language = str(getattr(course, "language", "") or "") or None
    for role in getattr(course, "roles", None) or []:
        index.role_names[role.id] = str(role.group_name)
    framing = getattr(course, "framing", None)
    if framing is not None:
        index.roles_heading = str(framing.report.roles_heading)
    for module in model.modules:
        for objective in getattr(module.meta, "objectives", []):
            index.objectives[objective.id] = (module.id, str(objective.text))
        quiz = getattr(module, "quiz", None)
        pass_mark = int(getattr(quiz, "pass_mark", 80) or 80)
        for question in getattr(quiz, "questions", None) or []:
            if getattr(question, "nodes", None) is not None:
                _index_scenario(index, question, module.id)
                continue  # a scenario is answered decision by decision
            index.items[question.id] = Item(
                id=question.id,
                module=module.id,
                type=str(question.type),
                objectives=list(getattr(question, "objectives", []) or []),
                options=_options(question),
                key=_key(question),
                pass_mark=pass_mark,
                targets=_targets(question),
                prompt=shorten(getattr(question, "prompt", "")),
                texts=_texts(question, Interface(index.words)),
            )
    if model.self_assessment is not None:
        every = Interface(index.words).text("report.all_statements")
        index.self_assessment = _index_self_assessment(model.self_assessment, every)
    return index


def _options(question: Any) -> list[str]:
    if question.type == "true-false":
        return ["true", "false"]
    for name in ("options", "pairs", "items"):
        listed = getattr(question, name, None)
        if listed:
            return [entry.id for entry in listed]
    return []


def shorten(text: Any, limit: int = 90) -> str:
    """Text on one line, without Markdown's emphasis marks, cut at a word to `limit` or so."""
    plain = " ".join(re.sub(r"[*_`]+", "", str(text or "")).split())
    if len(plain) <= limit:
        return plain
    return plain[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def _texts(question: Any, words: Interface) -> dict[str, str]:
    """What each option says: a choice's text, a matching item and its match, an ordering step."""
    if question.type == "true-false":
        return {"true": words.text("question.true"), "false": words.text("question.false")}
    texts = {}
    for entry in getattr(question, "options", None) or getattr(question, "items", None) or []:
        texts[entry.id] = shorten(getattr(entry, "text", ""), 60)
    for pair in getattr(question, "pairs", None) or []:
        said = (getattr(pair, "item", ""), getattr(pair, "match", ""))
        texts[pair.id] = shorten(" → ".join(s for s in said if s), 60)
    return texts


def _targets(question: Any) -> list[str]:
    """A matching question's targets as the runtime numbers them: each pair's own id, then the
    spare matches (distractors) as 1, 2, ..."""
    return list(question.target_ids()) if hasattr(question, "target_ids") else []


def _key(question: Any) -> list[str]:
    """The right response in the runtime's order: choice ids, true/false, or every id in order."""
    if question.type == "true-false":
        return ["true" if question.answer else "false"]
    if hasattr(question, "correct_ids"):
        return list(question.correct_ids())
    if question.type in ("matching", "ordering"):
        return _options(question)
    return []


def _index_scenario(index: CourseIndex, question: Any, module_id: str) -> None:
    for node in question.nodes:
        choices = list(getattr(node, "choices", []) or [])
        index.nodes[f"{question.id}-{node.id}"] = Node(
            scenario=question.id,
            module=module_id,
            id=node.id,
            choices=[c.id for c in choices],
            scores={c.id: int(getattr(c, "score", 0) or 0) for c in choices},
            prompt=shorten(getattr(node, "text", "")),
            texts={c.id: shorten(getattr(c, "text", ""), 60) for c in choices},
        )


def element_of(
    statement: Any, titles: dict[str, str] | None = None, every: str | None = None
) -> str:
    """The element a self-assessment statement belongs to: its own `element` field when the
    source has one (shown by the element's title), else the words before the prompt's first
    colon ("Service organisation: ..."), without any qualifier after a comma ("Level of
    involvement, corporate")."""
    every = every or Interface(SOURCE).text("report.all_statements")
    named = getattr(statement, "element", None)
    if named:
        return (titles or {}).get(str(named), str(named))
    prompt = str(getattr(statement, "prompt", ""))
    head, colon, _ = prompt.partition(":")
    if not colon or len(head) > 60:
        return every
    return head.split(",")[0].strip() or every


def _index_self_assessment(diagnostic: Any, every: str) -> SelfAssessment:
    titles = {
        str(e.id): str(getattr(e, "title", e.id))
        for e in getattr(diagnostic, "elements", None) or []
    }
    statements = {s.id: element_of(s, titles, every) for s in diagnostic.questions}
    scale: dict[str, float | None] = {}
    for option in diagnostic.scale:
        score = getattr(option, "score", None)
        scale[option.id] = None if score is None else float(score)
    zones_source = getattr(diagnostic, "zones", None) or getattr(diagnostic, "bands", None) or []
    zones = {z.id: str(getattr(z, "title", z.id)) for z in zones_source}
    elements = list(dict.fromkeys([*titles.values(), *statements.values()]))
    elements = [e for e in elements if e in statements.values()]
    answers = list(diagnostic.answer_ids()) if hasattr(diagnostic, "answer_ids") else list(scale)
    return SelfAssessment(statements, scale, zones, elements, answers)
