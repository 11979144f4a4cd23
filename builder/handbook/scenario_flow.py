"""A scenario as the handbook prints it: a flow of steps, choices, consequences and scores."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from builder.handbook.page_text import handbook_markdown
from builder.load import markup
from builder.model.course import Module, Scenario

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
    best: int
    best_path: list[str]
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
    return ScenarioFlow(
        scenario.best_points(), _best_path(scenario, step_of, ending_of), steps, endings
    )


def _best_path(scenario: Scenario, step_of: dict[str, int], ending_of: dict[str, int]) -> list[str]:
    """The steps of one best path, as "Step 1: A", ending with "Ending 1"."""
    nodes = {n.id: n for n in scenario.nodes}
    memo: dict[str, tuple[int, list[str]]] = {}

    def best(node_id: str, on_way: frozenset[str]) -> tuple[int, list[str]]:
        if node_id in memo:
            return memo[node_id]
        found: tuple[int, list[str]] = (-1, [])
        for n, choice in enumerate(nodes[node_id].choices):
            here = f"Step {step_of[node_id]}: {chr(ord('A') + n)}"
            if choice.end:
                option = (choice.score, [here, f"Ending {ending_of[choice.end]}"])
            elif choice.next and choice.next not in on_way:
                points, rest = best(choice.next, on_way | {node_id})
                option = (choice.score + points, [here, *rest]) if points >= 0 else (-1, [])
            else:
                continue
            if option[0] > found[0]:
                found = option
        memo[node_id] = found
        return found

    return best(scenario.start, frozenset())[1]
