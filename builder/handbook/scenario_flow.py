"""A scenario as the handbook prints it: a flow of steps, choices, consequences and scores."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from builder.handbook.page_text import handbook_markdown
from builder.load import markup
from builder.model.course import Module, Scenario
from builder.model.scenario_score import best_score

SCORE_WORDS = {0: "poor", 1: "partial", 2: "best"}


@dataclass
class FlowChoice:
    label: str
    text: str
    score: int
    feedback: str
    leads_to: str  # "Step 2" or "Ending: …"
    anchor: str

    @property
    def score_word(self) -> str:
        return SCORE_WORDS[self.score]


@dataclass
class FlowStep:
    number: int
    id: str
    anchor: str
    text: Markup
    choices: list[FlowChoice] = field(default_factory=list)


@dataclass
class FlowEnding:
    number: int
    id: str
    anchor: str
    text: Markup


@dataclass
class ScenarioFlow:
    best_choices: list[str]
    steps: list[FlowStep]
    endings: list[FlowEnding]


def scenario_flow(module: Module, scenario: Scenario) -> ScenarioFlow:
    base = f"q-{scenario.id}"
    step_of = {node.id: n for n, node in enumerate(scenario.nodes, 1)}
    ending_of = {ending.id: n for n, ending in enumerate(scenario.endings, 1)}

    def text(source: str) -> Markup:
        return handbook_markdown(module, markup.parse(source))

    steps = []
    for node in scenario.nodes:
        step = FlowStep(step_of[node.id], node.id, f"{base}-{node.id}", text(node.text))
        for n, choice in enumerate(node.choices):
            if choice.next:
                leads, anchor = f"Step {step_of[choice.next]}", f"{base}-{choice.next}"
            else:
                leads = f"Ending {ending_of[choice.end or '']}"
                anchor = f"{base}-{choice.end}"
            step.choices.append(
                FlowChoice(
                    chr(ord("A") + n), choice.text, choice.score, choice.feedback, leads, anchor
                )
            )
        steps.append(step)
    endings = [
        FlowEnding(ending_of[e.id], e.id, f"{base}-{e.id}", text(e.text)) for e in scenario.endings
    ]
    return ScenarioFlow(_best_choices(scenario, step_of), steps, endings)


def _best_choices(scenario: Scenario, step_of: dict[str, int]) -> list[str]:
    """The best choice at each step, as "Step 1: A" (or "Step 2: A or C" when scores tie)."""
    found = []
    for node in scenario.nodes:
        top = best_score(node)
        letters = [chr(ord("A") + n) for n, c in enumerate(node.choices) if c.score == top]
        found.append(f"Step {step_of[node.id]}: {' or '.join(letters)}")
    return found
