"""Random scenario graphs that `validate` accepts: branches, joins, loops with a way out,
endings at different depths, and tied scores. Shared by the scoring property tests."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from hypothesis import strategies as st

from builder.check.scenario_rules import check_scenario
from builder.model.course import Scenario
from builder.model.problems import Problems
from builder.model.scenario_score import best_score


@st.composite
def scenario_graphs(draw: Any) -> Scenario:
    count = draw(st.integers(1, 6))
    # Every node after the first hangs from an earlier one, so each is reached from the start.
    parent = {i: draw(st.integers(0, i - 1)) for i in range(1, count)}
    nodes, used = [], set()
    for i in range(count):
        children = [f"n{j}" for j in range(1, count) if parent[j] == i]
        leads: list[tuple[str, str]] = [("next", child) for child in children]
        if not children:  # a way out: each node leads forward or ends, so every path can end
            leads.append(("end", f"e{draw(st.integers(0, 3))}"))
        extra = draw(st.integers(max(0, 2 - len(leads)), 3))
        for _ in range(min(extra, 10 - len(leads))):
            kind = draw(st.sampled_from(["end", "forward", "back"]))
            if kind == "end" or (kind == "forward" and i == count - 1):
                leads.append(("end", f"e{draw(st.integers(0, 3))}"))
            elif kind == "forward":
                leads.append(("next", f"n{draw(st.integers(i + 1, count - 1))}"))
            else:  # a join with an earlier node, or a loop
                leads.append(("next", f"n{draw(st.integers(0, i))}"))
        draw(st.randoms()).shuffle(leads)
        choices = []
        for c, (kind, target) in enumerate(leads):
            if kind == "end":
                used.add(target)
            choices.append(
                {
                    "id": f"c{c}",
                    "text": f"Choice {c}",
                    kind: target,
                    "score": draw(st.integers(0, 2)),
                    "feedback": "What happens.",
                }
            )
        nodes.append({"id": f"n{i}", "text": "A situation.", "choices": choices})
    endings = [{"id": e, "text": "How it ends."} for e in sorted(used)]
    return Scenario(
        id="s",
        type="scenario",
        objectives=["o"],
        title="A scenario",
        start="n0",
        nodes=nodes,
        endings=endings,
    )


def validate_problems(scenario: Scenario) -> list[str]:
    """What `validate`'s scenario rules say about the graph (nothing, for a valid one)."""
    problems = Problems()
    check_scenario(SimpleNamespace(docs={}), "quizzes/q.yaml", 0, scenario, problems)
    return [p.message for p in problems.items]


def paths(scenario: Scenario, longest: int = 9, most: int = 400) -> list[tuple[list[str], bool]]:
    """Paths from the start to an ending, up to `longest` steps (loops make more): each as the
    choice ids taken, and whether every step took a best choice."""
    nodes = {n.id: n for n in scenario.nodes}
    found: list[tuple[list[str], bool]] = []

    def step(node_id: str, taken: list[str], all_best: bool) -> None:
        node = nodes[node_id]
        for choice in node.choices:
            if len(found) >= most:
                return
            best = all_best and choice.score == best_score(node)
            if choice.end:
                found.append(([*taken, choice.id], best))
            elif choice.next and len(taken) + 1 < longest:
                step(choice.next, [*taken, choice.id], best)

    step(scenario.start, [], True)
    return found
