"""`dfc-course report` recovers what a known model put into simulated answers.

3,000 learners answer 12 questions whose difficulty and discrimination are set (a two-parameter
logistic model), reps are given an advantage on two questions, and three learners of the role
"other" form a group too small to show. The model's expected facility for the learners drawn is
the truth each figure is checked against. Seeded, so every run is the same.
"""

from __future__ import annotations

import json

import pytest
from report_helpers import Model, make_course, simulate

from builder.tools.report.output_html import as_html
from builder.tools.report.output_text import as_csv, as_json
from builder.tools.report.read_xapi import add_statement
from builder.tools.report.records import Collector
from builder.tools.report.summary import summarise

LEARNERS = 3000
RISING = ["m0001-q001", "m0001-q002", "m0001-q003", "m0001-q004"]  # discrimination rises
MODEL = Model(
    difficulty={"m0001-q009": -4.0, "m0001-q010": 3.0, "m0001-q011": 1.5, "m0001-q006": 0.5},
    discrimination={
        "m0001-q001": 0.4,
        "m0001-q002": 1.0,
        "m0001-q003": 1.8,
        "m0001-q004": 3.0,
        "m0001-q005": -1.0,
        "m0001-q009": 1.5,
        "m0001-q010": 1.5,
    },  # fmt: skip
    role_effect={"rep": {"m0001-q006": 1.2, "m0001-q007": 1.2}},
    roles={"manager": 0.5, "rep": 0.5},
)


def wrong_options(index, qid):  # type: ignore[no-untyped-def]
    """The options of a single-choice question that are not its key, in source order."""
    item = index.items[qid]
    return [o for o in item.options if o not in item.key]


@pytest.fixture(scope="module")
def simulated(tmp_path_factory):
    folder, index = make_course(tmp_path_factory.mktemp("truth") / "course", questions=12)
    # One distractor nobody picks, and one picked more often than the key.
    dead, popular = wrong_options(index, "m0001-q001"), wrong_options(index, "m0001-q011")
    MODEL.distractors = {
        "m0001-q001": {dead[0]: 1, dead[1]: 1, dead[2]: 0},
        "m0001-q011": {popular[0]: 12, popular[1]: 1, popular[2]: 1},
    }
    statements, truth = simulate(index, LEARNERS, MODEL, seed=15)
    others, truth = simulate(index, 3, Model(roles={"other": 1.0}), seed=16,
                             first_number=LEARNERS, truth=truth)  # fmt: skip
    collector = Collector(index)
    for n, statement in enumerate(statements + others):
        add_statement(f"simulated: record {n + 1}", statement, collector)
    report = summarise(collector, index, min_group=5)
    return {"index": index, "truth": truth, "report": report, "collector": collector,
            "statements": statements + others, "dead": dead[2], "popular": popular[0]}  # fmt: skip


def items(report):
    return {item["id"]: item for item in report["items"]}


def test_every_facility_is_within_003_of_the_model(simulated):
    truth = simulated["truth"]
    found = items(simulated["report"])
    assert len(found) == 12
    for qid, item in found.items():
        assert item["n"] == LEARNERS + 3
        assert abs(item["facility"] - truth.facility(qid)) <= 0.03, qid


def test_discriminations_come_out_in_the_order_set(simulated):
    found = items(simulated["report"])
    for index in ("point_biserial", "upper_lower"):
        values = [found[qid]["discrimination"][index] for qid in RISING]
        assert values == sorted(values), (index, values)
        assert len(set(values)) == len(values)


def test_a_question_that_stronger_learners_miss_is_flagged(simulated):
    item = items(simulated["report"])["m0001-q005"]
    assert item["discrimination"]["point_biserial"] < 0
    assert item["discrimination"]["upper_lower"] < 0
    assert "negative discrimination: stronger learners get it wrong more often" in item["flags"]
    for qid in RISING:
        assert items(simulated["report"])[qid]["discrimination"]["point_biserial"] > 0


def test_the_designed_difference_between_roles_is_recovered(simulated):
    truth = simulated["truth"]
    found = items(simulated["report"])
    for qid in ("m0001-q006", "m0001-q007", "m0001-q008", "m0001-q012"):
        by_role = found[qid]["by_role"]
        gap = by_role["rep"]["facility"] - by_role["manager"]["facility"]
        expected = truth.facility(qid, "rep") - truth.facility(qid, "manager")
        assert abs(gap - expected) <= 0.04, (qid, gap, expected)
        if qid in ("m0001-q006", "m0001-q007"):
            assert gap > 0.15  # reps were given the advantage here
        else:
            assert abs(gap) < 0.06  # and nowhere else


def test_first_attempts_are_compared_with_all_attempts(simulated):
    for item in simulated["report"]["items"]:
        first, every = item["attempts"]["first"], item["attempts"]["all"]
        assert first["facility"] == item["facility"]
        assert every["n"] > first["n"]  # wrong answers were retried
        assert every["facility"] > first["facility"]  # and retries went better


def test_facility_and_distractor_flags(simulated):
    found = items(simulated["report"])
    assert found["m0001-q009"]["facility"] > 0.95
    assert "too easy: facility above 0.95" in found["m0001-q009"]["flags"]
    assert found["m0001-q010"]["facility"] < 0.30
    assert "too hard: facility below 0.30" in found["m0001-q010"]["flags"]
    dead, popular = simulated["dead"], simulated["popular"]
    assert f"dead distractor: nobody chose {dead}" in found["m0001-q001"]["flags"]
    options = {o["id"]: o for o in found["m0001-q011"]["options"]}
    (key,) = [o for o in options if options[o]["key"]]
    assert options[popular]["chosen"] > options[key]["chosen"]
    assert (
        f"distractor {popular} was chosen more often than the key" in found["m0001-q011"]["flags"]
    )
    unflagged = [qid for qid, item in found.items() if not item["flags"]]
    assert "m0001-q004" in unflagged and "m0001-q012" in unflagged


def test_option_rates_add_up_for_single_choice(simulated):
    for item in simulated["report"]["items"]:
        if item["type"] in ("single", "true-false"):
            assert sum(o["chosen"] for o in item["options"]) == item["n"]


def test_a_group_under_the_minimum_is_suppressed_everywhere(simulated):
    report = simulated["report"]
    assert report["learners_by_role"] == {"manager": report["learners_by_role"]["manager"],
                                          "rep": report["learners_by_role"]["rep"], "other": None}  # fmt: skip
    assert report["roles"]["other"] is None
    assert all(item["by_role"]["other"] is None for item in report["items"])
    assert all(o["by_role"]["other"] is None for o in report["objectives"])
    assert report["self_assessment"]["zones"]["other"] is None
    assert report["self_assessment"]["elements"]["other"] is None
    html = as_html(report)
    assert html.count("fewer than 5") >= 12
    rows = as_csv(report).splitlines()
    assert all(row.split(",")[16:18] == ["fewer than 5", "fewer than 5"] for row in rows[1:])


def test_a_higher_minimum_suppresses_the_larger_groups_too(simulated):
    report = summarise(simulated["collector"], simulated["index"], min_group=LEARNERS + 4)
    assert report["learners"] is None and report["answers"] is None
    for item in report["items"]:
        assert item["n"] is None and item["facility"] is None and item["options"] is None
        assert set(item["by_role"].values()) == {None}
    assert "fewer than 3004" in as_html(report)


def test_no_learner_id_reaches_any_output(simulated):
    report = simulated["report"]
    for text in (as_json(report), as_csv(report), as_html(report)):
        assert "learner-0" not in text and "lms.example.org" not in text


def test_the_same_seed_gives_the_same_report(simulated, tmp_path):
    index = simulated["index"]
    again, _ = simulate(index, 200, MODEL, seed=15)
    first = Collector(index)
    second = Collector(index)
    for n, statement in enumerate(again):
        add_statement(f"r{n}", statement, first)
    for n, statement in enumerate(simulate(index, 200, MODEL, seed=15)[0]):
        add_statement(f"r{n}", statement, second)
    one, two = summarise(first, index, 5), summarise(second, index, 5)
    assert json.dumps(one) == json.dumps(two)
    assert one["items"][0]["facility"] != summarise_other_seed(index)["items"][0]["facility"]


def summarise_other_seed(index):
    collector = Collector(index)
    for n, statement in enumerate(simulate(index, 200, MODEL, seed=99)[0]):
        add_statement(f"r{n}", statement, collector)
    return summarise(collector, index, 5)


def test_objective_mastery_follows_the_last_attempts(simulated):
    objectives = {o["id"]: o for o in simulated["report"]["objectives"]}
    assert set(objectives) == {"m0001-obj-1", "m0001-obj-2", "m0001-obj-3"}
    for objective in objectives.values():
        assert objective["learners"] == LEARNERS + 3
        assert 0 < objective["mastery"] < 1
        assert objective["by_role"]["other"] is None


def test_self_assessment_zones_and_elements_by_role(simulated):
    sa = simulated["report"]["self_assessment"]
    everyone = sa["zones"]["all"]
    assert everyone["n"] == LEARNERS + 3
    assert sum(everyone["counts"].values()) == everyone["n"]
    # The model has reps rate higher.
    rep, manager = sa["elements"]["rep"], sa["elements"]["manager"]
    (element,) = sa["element_names"]
    assert rep[element]["average"] > manager[element]["average"]
    assert sa["zones"]["rep"]["shares"]["high"] > sa["zones"]["manager"]["shares"]["high"]
