"""Scenario questions: every check names the file, the line and the field."""

from __future__ import annotations

from fractions import Fraction

import pytest
from helpers import FIXTURES, fixture_text

from builder import api
from builder.model.course import Scenario
from builder.model.scenario_score import credit

QUIZ = "quizzes/review.yaml"
BASE = fixture_text("scenario", QUIZ)


def edited(*swaps: tuple[str, str]) -> str:
    text = BASE
    for old, new in swaps:
        assert text.count(old) >= 1, old
        text = text.replace(old, new, 1)
    return text


CASES = {
    "next names no node": (
        [("            next: n3\n", "            next: n9\n")],
        'quizzes/review.yaml:26: error: question "rev-s1", node "n1", choice "b": '
        'next: "n9" is not a node of this scenario (nodes: n1, n2, n3)',
    ),
    "end names no ending": (
        [("            end: e3\n", "            end: e7\n")],
        'quizzes/review.yaml:57: error: question "rev-s1", node "n3", choice "b": '
        'end: "e7" is not an ending of this scenario (endings: e1, e2, e3)',
    ),
    "start names no node": (
        [("    start: n1\n", "    start: n0\n")],
        'quizzes/review.yaml:11: error: question "rev-s1": start: "n0" is not a node of '
        "this scenario (nodes: n1, n2, n3)",
    ),
    "a node no path reaches": (
        [("            next: n3\n", "            next: n2\n")],
        'quizzes/review.yaml:47: error: question "rev-s1", node "n3": no path from the '
        "start reaches this node",
    ),
    "a path that never ends": (
        [("            end: e3\n", "")],
        'quizzes/review.yaml:55: error: question "rev-s1", node "n3", choice "b": the path '
        "stops here: give the choice `next: <node>` or `end: <ending>`",
    ),
    "a loop with no way out": (
        [
            (
                "            end: e2\n            score: 1\n            feedback: Late",
                "            next: n3\n            score: 1\n            feedback: Late",
            ),
            ("            end: e3\n", "            next: n3\n"),
        ],
        'quizzes/review.yaml:47: error: question "rev-s1": a loop with no way out: no choice '
        'from node "n3" ever leads to an ending',
    ),
    "a node with one choice": (
        [
            (
                "          - id: b\n            text: Say the target is fixed, and the review is only about how the team will meet it.\n"
                "            end: e2\n            score: 0\n"
                "            feedback: The rep now sees the review as a cuts exercise and says so to members.\n",
                "",
            )
        ],
        'quizzes/review.yaml:36: error: question "rev-s1", node "n2", choices: needs at '
        "least 2 entries",
    ),
    "missing feedback": (
        [("            feedback: Late, but honest. Some trust comes back.\n", "")],
        'quizzes/review.yaml:50: error: question "rev-s1", node "n3", choice "a", feedback: '
        "is missing",
    ),
    "both next and end": (
        [("            next: n2\n", "            next: n2\n            end: e1\n")],
        'quizzes/review.yaml:22: error: question "rev-s1", node "n1", choice "a": has both '
        "next and end: keep one",
    ),
    "an ending no choice reaches": (
        [("            end: e3\n", "            end: e2\n")],
        'quizzes/review.yaml:65: error: question "rev-s1", ending "e3": no choice leads to '
        "this ending",
    ),
    "a node id used twice": (
        [("      - id: n3\n", "      - id: n2\n")],
        'quizzes/review.yaml:47: error: question "rev-s1": node id "n2" is used twice',
    ),
    "a choice score out of range": (
        [("            score: 2\n", "            score: 3\n")],
        'quizzes/review.yaml:22: error: question "rev-s1", node "n1", choice "a", score: '
        "should be at most 2",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_scenario_check_names_file_line_and_field(make_course, cli, case):
    swaps, message = CASES[case]
    root = make_course({QUIZ: edited(*swaps)}, base="scenario")
    result = cli("validate", "--course", str(root))
    assert result.exit_code == 1
    assert message in result.stderr.splitlines(), result.stderr


def test_the_fixture_scenario_is_valid_and_the_best_choice_at_every_step_scores_full_marks():
    model, _warnings = api.validate(FIXTURES / "scenario", strict=True)
    scenario = model.modules[0].quiz.questions[0]
    assert isinstance(scenario, Scenario)
    assert credit(scenario, ["a", "a"]) == 1  # n1 a (2 of 2) then n2 a (2 of 2)
    assert credit(scenario, ["c"]) == Fraction(1, 2)  # n1 c: 1 of the 2 on offer
    assert credit(scenario, ["b", "a"]) == Fraction(1, 3)  # 0 + 1 of 2 + 1
    assert credit(scenario, ["a"]) == 0  # not finished


def test_a_loop_with_a_way_out_is_allowed_and_earns_nothing_extra(make_course):
    root = make_course(
        {
            QUIZ: edited(
                (
                    "            end: e2\n            score: 1\n            feedback: Late",
                    "            next: n1\n            score: 1\n            feedback: Late",
                )
            )
        },
        base="scenario",
    )
    model, _ = api.validate(root)
    scenario = model.modules[0].quiz.questions[0]
    # Round the loop (0, then 1 of 1 on offer) and then the best way out: 5 of 7.
    assert credit(scenario, ["b", "a", "a", "a"]) == Fraction(5, 7)
    assert credit(scenario, ["a", "a"]) == 1


MINIMAL_QUIZ = "quizzes/fire-basics.yaml"
MINIMAL = fixture_text("minimal", MINIMAL_QUIZ)

USE_AND_VARIANTS = {
    "variant_of names no question": (
        (
            "  - id: fire-02\n    type: multiple\n",
            "  - id: fire-02\n    type: multiple\n    variant_of: fire-09\n",
        ),
        'quizzes/fire-basics.yaml:21: error: question "fire-02": variant_of: "fire-09" is not a question',
    ),
    "variant_of names itself": (
        (
            "  - id: fire-02\n    type: multiple\n",
            "  - id: fire-02\n    type: multiple\n    variant_of: fire-02\n",
        ),
        'quizzes/fire-basics.yaml:21: error: question "fire-02": variant_of: names itself',
    ),
    "use is not final or any": (
        (
            "  - id: fire-02\n    type: multiple\n",
            "  - id: fire-02\n    type: multiple\n    use: exam\n",
        ),
        'quizzes/fire-basics.yaml:21: error: question "fire-02", use: "exam" is not one of: any, final',
    ),
    "a spare match that is a real match": (
        (
            "        feedback: Air holds the oxygen.\n",
            "        feedback: Air holds the oxygen.\n    distractors:\n      - A lit match\n",
        ),
        'quizzes/fire-basics.yaml:60: error: question "fire-04": distractor "A lit match" is '
        "also the match of an item",
    ),
}


@pytest.mark.parametrize("case", sorted(USE_AND_VARIANTS))
def test_use_variants_and_spare_matches_are_checked(make_course, cli, case):
    (old, new), message = USE_AND_VARIANTS[case]
    root = make_course({MINIMAL_QUIZ: MINIMAL.replace(old, new, 1)})
    result = cli("validate", "--course", str(root))
    assert result.exit_code == 1
    assert message in result.stderr.splitlines(), result.stderr


def test_a_bank_of_final_only_questions_leaves_the_knowledge_check_empty(make_course, cli):
    text = MINIMAL.replace("    objectives: [", "    use: final\n    objectives: [")
    result = cli("validate", "--course", str(make_course({MINIMAL_QUIZ: text})))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "quizzes/fire-basics.yaml:6: error: every question has `use: final`, so the knowledge "
        "check has none to ask"
    )


def test_a_draw_larger_than_the_practice_questions_is_an_error(make_course, cli):
    text = MINIMAL.replace("attempts: 0\n", "attempts: 0\ndraw: 5\n").replace(
        "  - id: fire-03\n    type: true-false\n",
        "  - id: fire-03\n    type: true-false\n    use: final\n",
    )
    result = cli("validate", "--course", str(make_course({MINIMAL_QUIZ: text})))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "quizzes/fire-basics.yaml:5: error: draw: 5 questions asked for but the knowledge check "
        "has 4 (the others have `use: final`)"
    )
