"""Item-writing lint rules: each rule's fixture gives exactly its warnings, word for word."""

from __future__ import annotations

import json
import random
import shutil

import pytest
from helpers import FIXTURES
from hypothesis import given
from hypothesis import strategies as st

from builder.check.lint_duplicates import similar_pairs
from builder.check.lint_instruction import HINTS, repeated_instruction
from builder.check.lint_scenarios import _check_lengths
from builder.check.lint_wording import unemphasised_negative
from builder.interface.catalogue import Interface
from builder.model.course import Scenario, ScenarioNode
from builder.model.problems import Location, Problems

LINT = FIXTURES / "lint"

EXPECTED = {
    "key-position": [
        "quizzes/fire-basics.yaml:2: warning: 5 of 5 keys (100 %) are the first option listed; "
        "no one position should hold more than 40 %: move some keys to other places",
    ],
    "longest-option": [
        "quizzes/fire-basics.yaml:2: warning: in 2 of 3 single-choice questions (67 %) the key "
        "is the only longest option; keep it to 35 % or less: lengthen a wrong option or "
        "shorten the key",
    ],
    "scenario-longest": [
        "quizzes/review.yaml:15: warning: in 3 of 4 scenario decisions in the course (75 %) the "
        "best choice is the only longest; keep it to 35 % or less: lengthen another choice or "
        "shorten the best one",
    ],
    "scenario-position": [
        "quizzes/review.yaml:15: warning: 5 of 5 best choices in the course's scenario "
        "decisions (100 %) are the first choice listed; no one position should hold more than "
        "40 %: move some best choices to other places",
    ],
    "scenario-lengths": [
        'quizzes/review.yaml:15: warning: question "rev-s1", node "n1": the longest choice is '
        "4.6 times the length of the shortest (65 and 14 characters); keep it under 2.5 : 1 so "
        "no choice stands out",
    ],
    "keys-first": [
        'quizzes/fire-basics.yaml:7: warning: question "kf-01": both keys are listed before '
        "the other options: mix them in",
    ],
    "key-count": [
        "quizzes/fire-basics.yaml:2: warning: 3 of 3 multiple-response questions (100 %) have "
        "2 keys; no one number of keys should be more than 60 %: vary how many options are "
        "right",
    ],
    "true-false-balance": [
        "quizzes/fire-basics.yaml:2: warning: 3 of 4 true/false answers (75 %) are false; keep "
        "either answer to 65 % or less: write some statements whose answer is true",
    ],
    "all-none-of-the-above": [
        'quizzes/fire-basics.yaml:10: warning: question "an-01", option "c": "none of the '
        'above" helps a test-wise trainee and makes no sense once options are shuffled: write '
        "a real option",
        'quizzes/fire-basics.yaml:18: warning: question "an-02", option "c": "all of the '
        'above" helps a test-wise trainee and makes no sense once options are shuffled: write '
        "a real option",
    ],
    "negative-stem": [
        'quizzes/fire-basics.yaml:6: warning: question "ns-01", prompt: "not" is easy to miss: '
        "emphasise it as **not**",
        'quizzes/fire-basics.yaml:20: warning: question "ns-03", prompt: "never" is easy to '
        "miss: emphasise it as **never**",
    ],
    "near-duplicate": [
        'quizzes/first-aid-kit.yaml:3: warning: question "kit-01" is a near-duplicate of '
        'question "call-02" (quizzes/calling-for-help.yaml, line 12): link them with '
        "`variant_of: call-02`, or rewrite one",
    ],
    "prompt-instruction": [
        'quizzes/fire-basics.yaml:10: warning: question "fire-01", prompt: "Choose one answer." '
        "repeats the instruction the course already shows under this type of question "
        '("Choose one answer."): take it out of the prompt',
        'quizzes/fire-basics.yaml:22: warning: question "fire-02", prompt: "Select all that '
        'apply." repeats the instruction the course already shows under this type of question '
        '("Choose all the answers that apply."): take it out of the prompt',
    ],
    "recall-only": [
        'modules/fire-basics/module.md:5: warning: objective "fire-triangle" asks trainees to '
        "explain, but only recall questions assess it (3): add a scenario in which they decide "
        "and see what follows",
    ],
}


def lint_course(tmp_path, rule: str):
    folder = LINT / rule
    base = (folder / "base").read_text().strip() if (folder / "base").exists() else "minimal"
    root = tmp_path / rule
    shutil.copytree(FIXTURES / base, root)
    for source in folder.rglob("*"):
        if source.is_file() and source.name != "base":
            dest = root / source.relative_to(folder)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, dest)
    return root


def test_every_rule_has_a_fixture_and_the_base_courses_are_clean(cli):
    assert sorted(p.name for p in LINT.iterdir() if p.is_dir()) == sorted(EXPECTED)
    for base in ("minimal", "two-modules", "scenario"):
        result = cli("validate", "--course", str(FIXTURES / base), "--strict")
        assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_rule_fixture_gives_exactly_its_warnings(tmp_path, cli, rule):
    root = lint_course(tmp_path, rule)
    result = cli("validate", "--course", str(root))
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert warnings == EXPECTED[rule]
    report = json.loads(cli("validate", "--course", str(root), "--format", "json").stdout)
    assert [(p["rule"], p["severity"]) for p in report["problems"]] == [(rule, "warning")] * len(
        EXPECTED[rule]
    )
    assert [f"{p['path']}:{p['line']}" for p in report["problems"]] == [
        line.split(": warning: ")[0] for line in EXPECTED[rule]
    ]
    strict = cli("validate", "--course", str(root), "--strict")
    assert strict.exit_code == 1
    assert [line.replace(": error: ", ": warning: ") for line in strict.stderr.splitlines()][
        : len(EXPECTED[rule])
    ] == EXPECTED[rule]


def test_true_false_balance_is_also_checked_across_the_banks(make_course, cli):
    second = "\n".join(
        [
            "  - id: call-03",
            "    type: true-false",
            "    objectives: [call-when]",
            "    prompt: A small cut needs an ambulance.",
            "    answer: false",
            "    feedback_true: A plaster will do.",
            "    feedback_false: A plaster will do.",
            "  - id: call-04",
            "    type: true-false",
            "    objectives: [call-when]",
            "    prompt: You hang up as soon as the call is answered.",
            "    answer: false",
            "    feedback_true: Stay on the line.",
            "    feedback_false: Stay on the line and answer the questions.",
            "  - id: call-05",
            "    type: true-false",
            "    objectives: [call-when]",
            "    prompt: You give the address only if you are asked for it.",
            "    answer: false",
            "    feedback_true: Give it first.",
            "    feedback_false: Give the address first.",
            "",
        ]
    )
    bank = (FIXTURES / "two-modules" / "quizzes" / "calling-for-help.yaml").read_text()
    root = make_course({"quizzes/calling-for-help.yaml": bank + second}, base="two-modules")
    result = cli("validate", "--course", str(root))
    assert result.stderr.splitlines() == [
        "course/course.yaml:11: warning: 4 of 4 true/false answers across the banks the final "
        "assessment draws on (100 %) are false; keep either answer to 65 % or less: write "
        "some statements whose answer is true",
    ]


def test_the_near_duplicate_share_is_set_in_course_yaml(tmp_path, cli):
    root = lint_course(tmp_path, "near-duplicate")
    course = root / "course" / "course.yaml"
    course.write_text(course.read_text() + "lint:\n  near_duplicates: 0.9\n")
    result = cli("validate", "--course", str(root), "--strict")
    assert result.exit_code == 0, result.stderr


def test_the_candidate_search_finds_exactly_the_pairs_a_full_comparison_finds():
    rand = random.Random(7)
    words = [f"w{n}" for n in range(30)]
    sets = [set(rand.sample(words, rand.randint(1, 8))) for _ in range(300)]
    sets += [set(s) | {"extra"} for s in sets[:40]]  # some near copies
    for share in (0.5, 0.8, 1.0):
        brute = [
            (i, j)
            for j in range(len(sets))
            for i in range(j)
            if len(sets[i] & sets[j]) >= share * len(sets[i] | sets[j])
        ]
        assert similar_pairs(sets, share) == brute


@pytest.mark.parametrize(
    ("prompt", "found"),
    [
        ("Which is not a driver?", "not"),
        ("Which is **not** a driver?", None),
        ("Which is *not* a driver?", None),
        ("Which is _never_ right?", None),
        ("Never say **not**.", "never"),
        ("Knots and nothing else", None),
    ],
)
def test_negative_stems_need_emphasis(prompt, found):
    assert unemphasised_negative(prompt) == found


@pytest.mark.parametrize(
    ("texts", "warned"),
    [
        (["x" * 10, "y" * 25], True),  # 2.5 : 1 exactly is too far apart
        (["x" * 10, "y" * 24], False),
        (["x" * 40, "y" * 16, "z" * 30], True),
        (["x" * 40, "y" * 17, "z" * 30], False),
    ],
)
def test_scenario_choice_lengths_must_differ_by_less_than_two_and_a_half_to_one(texts, warned):
    node = ScenarioNode(
        id="n1",
        text="What now?",
        choices=[
            {"id": f"c{i}", "text": t, "end": "e1", "score": i % 3, "feedback": "F"}
            for i, t in enumerate(texts)
        ],
    )
    scenario = Scenario(
        id="s",
        type="scenario",
        objectives=["o"],
        title="T",
        start="n1",
        nodes=[node],
        endings=[{"id": "e1", "text": "E"}],
    )
    problems = Problems()
    _check_lengths(Location("q.yaml", 3), scenario, node, problems)
    assert [p.rule for p in problems.items] == (["scenario-lengths"] if warned else [])


@given(
    question=st.text(st.characters(categories=["L", "Zs"]), max_size=80).map(
        lambda s: s.strip() + "?"
    ),
    language=st.sampled_from(["en-GB", "cy", "en-XA"]),
    key=st.sampled_from(sorted(set(HINTS.values()))),
)
def test_a_prompt_ending_with_its_types_instruction_is_flagged_in_every_language(
    question, language, key
):
    instruction = Interface(language).text(key)
    found = repeated_instruction(f"{question} {instruction}", instruction)
    assert found and found in instruction


@pytest.mark.parametrize(
    "prompt",
    [
        "Which of these can be fuel for a fire?",
        "Match each part of the triangle to an example.",
        "Put these steps in order.",
        "Which answer would the steward choose, and why does it apply here?",
    ],
)
def test_a_real_question_is_not_an_instruction(prompt):
    for key in set(HINTS.values()):
        assert repeated_instruction(prompt, Interface("en-GB").text(key)) is None
