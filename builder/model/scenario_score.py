"""How a scenario is scored: the best choice at every step earns full marks.

Each step the trainee takes offers some best score (the highest score among that node's
choices). The path earns the points of the choices it took over the best points on offer at
the steps it visited. A path that takes a best choice at every step earns 1 whatever its
length; any other choice earns less. The runtime (runtime/scenario.js) applies the same rule.
"""

from __future__ import annotations

from fractions import Fraction

from builder.model.course import Scenario, ScenarioChoice, ScenarioNode


def best_score(node: ScenarioNode) -> int:
    """The highest score any of the node's choices earns."""
    return max(choice.score for choice in node.choices)


def best_choices(node: ScenarioNode) -> list[ScenarioChoice]:
    """The node's best choices, in source order (more than one when scores tie)."""
    top = best_score(node)
    return [choice for choice in node.choices if choice.score == top]


def steps(scenario: Scenario, path: list[str]) -> list[tuple[ScenarioNode, ScenarioChoice]]:
    """Each step of a path of choice ids from the start: the node and the choice taken.

    Raises ValueError when a choice id is not one of its node's, or the path goes on after an
    ending."""
    nodes = {n.id: n for n in scenario.nodes}
    taken: list[tuple[ScenarioNode, ScenarioChoice]] = []
    here: str | None = scenario.start
    for choice_id in path:
        node = nodes.get(here) if here else None
        choice = next((c for c in node.choices if c.id == choice_id), None) if node else None
        if node is None or choice is None:
            raise ValueError(f"no choice {choice_id!r} at step {len(taken) + 1}")
        taken.append((node, choice))
        here = None if choice.end else choice.next
    return taken


def credit(scenario: Scenario, path: list[str]) -> Fraction:
    """The share of the scenario's marks (0 to 1) a path earns; 0 until it reaches an ending."""
    taken = steps(scenario, path)
    if not taken or not taken[-1][1].end:
        return Fraction(0)
    on_offer = sum(best_score(node) for node, _ in taken)
    earned = sum(choice.score for _, choice in taken)
    return Fraction(earned, on_offer) if on_offer else Fraction(1)


def best_steps(scenario: Scenario, path: list[str]) -> int:
    """How many of the path's steps took a best choice."""
    return sum(choice.score == best_score(node) for node, choice in steps(scenario, path))
