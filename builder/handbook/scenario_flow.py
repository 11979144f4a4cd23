"""A scenario as the handbook prints it: a flow of steps, choices, consequences and scores."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from builder.handbook.page_text import handbook_markdown
from builder.interface.catalogue import SOURCE, Interface
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
    score_word: str  # "best", "partial" or "poor", in the course's language


@dataclass
class FlowStep:
    label: str  # "Step 2", or "Step 2a" when two steps can both come second
    id: str
    anchor: str
    text: Markup
    after: str = ""  # how the trainee gets here: "after Step 1, choice A or C"
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


def _letter(n: int) -> str:
    return chr(ord("A") + n)


def _either(words: list[str], interface: Interface) -> str:
    """["A"] → "A"; ["A", "B", "C"] → "A, B or C", in the interface's language."""
    return interface.join(words, style="or")


def _depths(scenario: Scenario) -> dict[str, list[int]]:
    """Each node's step numbers as the trainee sees them: one more than the decisions taken
    before it, on every path from the start, keyed in the order a walk first reaches them."""
    nodes = {node.id: node for node in scenario.nodes}
    seen: dict[str, set[int]] = {}
    queue = [(scenario.start, 1)]
    while queue:
        node_id, depth = queue.pop(0)
        if depth in seen.setdefault(node_id, set()):
            continue
        seen[node_id].add(depth)
        queue += [(c.next, depth + 1) for c in nodes[node_id].choices if c.next]
    for node in scenario.nodes:  # validation reports an unreached node; print it last
        seen.setdefault(node.id, set())
    return {node_id: sorted(depths) for node_id, depths in seen.items()}


def step_labels(scenario: Scenario, words: Interface | None = None) -> dict[str, str]:
    """ "Step 1", "Step 2", "Step 2 or 3"..., by path as the course numbers them; steps that
    share a number get letters in the order the trainee can first reach them (2a, 2b)."""
    words = words or Interface(SOURCE)
    numbers = {}
    for node_id, depths in _depths(scenario).items():
        numbers[node_id] = _either([str(d) for d in depths] or ["?"], words)
    labels = {}
    for node_id, number in numbers.items():
        sharing = [n for n, other in numbers.items() if other == number]
        suffix = chr(ord("a") + sharing.index(node_id)) if len(sharing) > 1 else ""
        labels[node_id] = words.text("handbook.step", number=f"{number}{suffix}")
    return labels


def scenario_flow(module: Module, scenario: Scenario, words: Interface) -> ScenarioFlow:
    base = f"q-{scenario.id}"
    label_of = step_labels(scenario, words)
    ending_of = {ending.id: n for n, ending in enumerate(scenario.endings, 1)}
    nodes = {node.id: node for node in scenario.nodes}

    def text(source: str) -> Markup:
        return handbook_markdown(module, markup.parse(source))

    routes: dict[str, dict[str, list[str]]] = {}  # node id: {earlier step: [choice letters]}
    for node_id in label_of:
        for n, choice in enumerate(nodes[node_id].choices):
            if choice.next:
                routes.setdefault(choice.next, {}).setdefault(label_of[node_id], []).append(
                    _letter(n)
                )
    steps = []
    for node_id, label in label_of.items():
        node = nodes[node_id]
        after = "; ".join(
            words.text("handbook.after_choice", step=earlier, letters=_either(letters, words))
            for earlier, letters in routes.get(node_id, {}).items()
        )
        step = FlowStep(label, node.id, f"{base}-{node.id}", text(node.text), after)
        for n, choice in enumerate(node.choices):
            if choice.next:
                leads, anchor = label_of[choice.next], f"{base}-{choice.next}"
            else:
                leads = words.text("handbook.ending", number=ending_of[choice.end or ""])
                anchor = f"{base}-{choice.end}"
            step.choices.append(
                FlowChoice(
                    _letter(n),
                    choice.text,
                    choice.score,
                    choice.feedback,
                    leads,
                    anchor,
                    words.text(f"handbook.score.{SCORE_WORDS[choice.score]}"),
                )
            )
        steps.append(step)
    endings = [
        FlowEnding(ending_of[e.id], e.id, f"{base}-{e.id}", text(e.text)) for e in scenario.endings
    ]
    return ScenarioFlow(_best_choices(steps, nodes, words), steps, endings)


def _best_choices(steps: list[FlowStep], nodes: dict, words: Interface) -> list[str]:
    """The best choice at each step, as "Step 1: A" (or "Step 2a: A or C" when scores tie)."""
    found = []
    for step in steps:
        node = nodes[step.id]
        top = best_score(node)
        letters = [_letter(n) for n, c in enumerate(node.choices) if c.score == top]
        found.append(f"{step.label}: {_either(letters, words)}")
    return found
