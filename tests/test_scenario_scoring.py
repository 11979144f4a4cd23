"""Scenario scoring: the best choice at every step scores full marks, on every valid graph.

Random graphs with branches, joins, loops, endings at different depths and tied scores. The
runtime's copy of the rule is checked against this one in tests/browser/test_scenario_scoring_runtime.py.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from scenario_graphs import paths, scenario_graphs, validate_problems

from builder import api
from builder.handbook.views import render_handbook
from builder.model.scenario_score import best_steps, credit, steps
from builder.model.weights import weight_of

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(scenario_graphs())
def test_best_at_every_step_scores_full_marks_and_any_other_choice_less(scenario):
    assert validate_problems(scenario) == []
    found = paths(scenario)
    assert found  # every valid graph has a way to an ending
    for path, all_best in found:
        share = credit(scenario, path)
        assert 0 <= share <= 1
        assert (share == 1) is all_best, (path, share)
        assert (best_steps(scenario, path) == len(path)) is all_best
        # A path that stops short of an ending earns nothing yet.
        assert credit(scenario, path[:-1]) == 0


@SETTINGS
@given(scenario_graphs())
def test_a_path_earns_its_points_over_the_best_on_offer_at_its_steps(scenario):
    for path, _ in paths(scenario, longest=6, most=60):
        taken = steps(scenario, path)
        offered = sum(max(c.score for c in node.choices) for node, _ in taken)
        earned = sum(choice.score for _, choice in taken)
        assert credit(scenario, path) == (Fraction(earned, offered) if offered else 1)


def test_a_short_best_path_beats_a_long_path_with_more_points():
    """The case that went wrong: the longer path's points are more, but it took a lesser choice."""
    from builder.model.course import Scenario

    scenario = Scenario(
        id="s",
        type="scenario",
        objectives=["o"],
        title="Two ways",
        start="n1",
        nodes=[
            {
                "id": "n1",
                "text": "First.",
                "choices": [
                    {"id": "a", "text": "Best, and done", "end": "e1", "score": 2, "feedback": "F"},
                    {"id": "b", "text": "Partial", "next": "n2", "score": 1, "feedback": "F"},
                ],
            },
            {
                "id": "n2",
                "text": "Second.",
                "choices": [
                    {"id": "a", "text": "Best", "end": "e1", "score": 2, "feedback": "F"},
                    {"id": "b", "text": "Poor", "end": "e2", "score": 0, "feedback": "F"},
                ],
            },
        ],
        endings=[{"id": "e1", "text": "Good."}, {"id": "e2", "text": "Bad."}],
    )
    assert validate_problems(scenario) == []
    assert credit(scenario, ["a"]) == 1
    assert credit(scenario, ["b", "a"]) == Fraction(3, 4)


UNEQUAL = Path(__file__).parent / "fixtures" / "unequal"


def test_the_handbook_prints_the_best_choice_at_each_step_of_a_scenario_with_unequal_paths():
    model, _ = api.validate(UNEQUAL, strict=True)
    doc = lxml.html.fromstring(render_handbook(model))
    scenario = doc.get_element_by_id("q-un-s1")
    answer = " ".join(scenario.find_class("answer")[0].text_content().split())
    # Step 1's best choice (B) ends the scenario at once: a shorter path than A then A.
    assert answer == "Best choice at each step: Step 1: B; Step 2: A"
    assert "counts 3 times" in scenario.find_class("qmeta")[0].text_content()


@pytest.mark.parametrize(
    ("final", "question", "expected"),
    [
        ("", "", 3),  # a scenario counts 3 by default
        ("  scenario_weight: 5\n", "", 5),
        ("  scenario_weight: 5\n", "    weight: 2\n", 2),  # its own weight wins
        ("", "    weighting: 4\n", 4),  # the older name is read as weight
    ],
)
def test_scenario_weights_reach_the_runtime(make_course, final, question, expected):
    course = (UNEQUAL / "course" / "course.yaml").read_text()
    quiz = (UNEQUAL / "quizzes" / "review.yaml").read_text()
    root = make_course(
        {
            "course/course.yaml": course.replace("  shuffle: true\n", "  shuffle: true\n" + final),
            "quizzes/review.yaml": quiz.replace(
                "    type: scenario\n", "    type: scenario\n" + question
            ),
        },
        base="unequal",
    )
    model, _ = api.validate(root)
    scenario, single = model.modules[0].quiz.questions
    assert weight_of(scenario, model.course) == expected
    assert weight_of(single, model.course) == 1
    handbook = lxml.html.fromstring(render_handbook(model)).get_element_by_id("q-un-s1")
    assert f"counts {expected} times" in handbook.find_class("qmeta")[0].text_content()
