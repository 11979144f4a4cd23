"""Every path through every bundled scenario reaches an ending, and scores fairly."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest

from builder import api
from builder.model.course import Scenario
from builder.model.scenario_score import best_score, credit

REPO = Path(__file__).parents[1]


def bundled_scenarios() -> list[Scenario]:
    model, _warnings = api.validate(REPO, strict=True)
    return [q for m in model.modules for q in m.quiz.questions if isinstance(q, Scenario)]


SCENARIOS = bundled_scenarios()


def walk(scenario: Scenario) -> list[tuple[list[tuple[str, str]], str, int]]:
    """Every path from the start: (node and choice ids taken, ending id, points)."""
    nodes = {n.id: n for n in scenario.nodes}
    paths = []

    def step(node_id: str, taken: list[tuple[str, str]], points: int) -> None:
        assert node_id in nodes, f"{scenario.id}: {taken} leads to no node {node_id!r}"
        assert node_id not in [n for n, _ in taken], f"{scenario.id}: loop at {node_id}"
        for choice in nodes[node_id].choices:
            here = [*taken, (node_id, choice.id)]
            if choice.end is not None:
                paths.append((here, choice.end, points + choice.score))
            else:
                assert choice.next is not None, f"{scenario.id}: {here} leads nowhere"
                step(choice.next, here, points + choice.score)

    step(scenario.start, [], 0)
    return paths


def test_the_course_has_six_scenarios_one_per_module():
    assert [s.id.split("-")[0] for s in SCENARIOS] == ["why", "lead", "comms", "part", "bv", "sus"]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_every_path_reaches_an_ending(scenario):
    endings = {e.id for e in scenario.endings}
    paths = walk(scenario)
    assert len(paths) >= 6
    for taken, ending, _points in paths:
        assert ending in endings, f"{taken} ends at unknown {ending!r}"
        assert 2 <= len(taken) <= len(scenario.nodes)
    # Every node and every ending is met on some path.
    assert {node for taken, _, _ in paths for node, _ in taken} == {n.id for n in scenario.nodes}
    assert {ending for _, ending, _ in paths} == endings


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_the_best_choice_at_every_step_and_only_that_scores_full_marks(scenario):
    nodes = {n.id: n for n in scenario.nodes}
    scores = {}
    for taken, _ending, _points in walk(scenario):
        path = [choice for _node, choice in taken]
        all_best = all(
            next(c for c in nodes[n].choices if c.id == c_id).score == best_score(nodes[n])
            for n, c_id in taken
        )
        scores[tuple(path)] = credit(scenario, path)
        assert (scores[tuple(path)] == 1) is all_best, path
    assert all(0 <= score <= 1 for score in scores.values())
    assert max(scores.values()) == 1
    # A trainee who makes poor choices scores well short of full marks.
    assert min(scores.values()) < Fraction(1, 2)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_every_node_is_a_real_dilemma(scenario):
    for node in scenario.nodes:
        scores = sorted(c.score for c in node.choices)
        assert len(node.choices) == 3, node.id
        assert scores[-1] == 2 and scores[0] < 2, f"{node.id}: {scores}"
        assert len({c.text for c in node.choices}) == 3
        assert all(len(c.feedback.split()) >= 12 for c in node.choices), node.id
    for ending in scenario.endings:
        assert len(ending.text.split()) >= 20, ending.id


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_managers_and_reps_both_decide(scenario):
    """Even-handed: at least one node is the manager's decision and one the steward's."""
    asks = [node.text.strip().splitlines()[-1] for node in scenario.nodes]
    assert any("Anita" in line for line in asks), asks
    assert any("Gary" in line for line in asks), asks


def decisions() -> list:
    return [node for s in SCENARIOS for node in s.nodes]


def test_the_best_choice_cannot_be_found_by_length_or_place():
    """A test-wise trainee gains nothing from picking the longest choice or a fixed place."""
    nodes = decisions()
    best = [next(i for i, c in enumerate(n.choices) if c.score == 2) for n in nodes]
    longest = [
        len(n.choices[b].text) == max(len(c.text) for c in n.choices)
        for n, b in zip(nodes, best, strict=True)
    ]
    assert sum(longest) <= 0.35 * len(nodes), sum(longest)
    assert max(best.count(place) for place in set(best)) <= 0.40 * len(nodes), best
    for node in nodes:
        lengths = [len(c.text) for c in node.choices]
        assert max(lengths) < 2.5 * min(lengths), (node.id, lengths)


def test_every_steward_decision_offers_going_back_to_members():
    """A steward answers to members: each of Gary's decisions includes going back to them
    or to the branch, and no choice that overrides members earns full marks."""
    for scenario in SCENARIOS:
        for node in scenario.nodes:
            if "What does Gary do?" not in node.text:
                continue
            back = [c for c in node.choices if re.search(r"members' meeting|\bbranch\b", c.text)]
            assert back, f"{scenario.id} {node.id}"
            for choice in node.choices:
                if re.search(r"against (his )?members' wishes|on his own judgement", choice.text):
                    assert choice.score < 2, f"{scenario.id} {node.id} {choice.id}"


def test_every_decision_has_a_choice_worth_nothing():
    """Both sides' shortcuts (going round the union, or round the staff) score the same,
    and the poorest path through a scenario earns nothing, as the LMS tests expect."""
    for node in decisions():
        assert min(c.score for c in node.choices) == 0, node.id
