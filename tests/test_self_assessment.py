"""The self-assessment places an organisation by the study's zone rules, never by a total;
each "don't know" becomes a joint action; the page and the checks keep to that."""

from __future__ import annotations

import random

import lxml.html
import pytest
from helpers import COURSES

from builder import api
from builder.model.course import DONT_KNOW

READ = {"a": "Not at all", "b": "Partly", "c": "Mostly", "d": "Fully"}


@pytest.fixture(scope="module")
def diagnostic():
    model, _ = api.validate(COURSES["bundled"], strict=True)
    assert model.self_assessment is not None
    return model.self_assessment


def answers(diagnostic, default: str = "d", **given: str) -> dict[str, str]:
    """Every statement answered `default`, except those given (sa_17="a" -> sa-17)."""
    out = {s.id: default for s in diagnostic.questions}
    for key, value in given.items():
        out[key.replace("_", "-")] = value
    return out


def zone(diagnostic, found) -> tuple[str, int | None]:
    band, rule = diagnostic.place(found)
    return band.id, rule


# --- each rule ------------------------------------------------------------------------------


def test_outcome_settled_and_unions_bypassed_is_danger_whatever_else(diagnostic):
    """The override: every other statement at its best still lands in Danger."""
    assert zone(diagnostic, answers(diagnostic, "d", sa_17="a", sa_18="a")) == ("danger", 0)
    others = [s.id for s in diagnostic.questions if s.id not in ("sa-17", "sa-18")]
    rand = random.Random(14)
    for _ in range(2000):
        found = {q: rand.choice("abcd" + "x") for q in others}
        found = {q: DONT_KNOW if a == "x" else a for q, a in found.items()}
        found.update({"sa-17": "a", "sa-18": "a"})
        assert zone(diagnostic, found)[0] == "danger", found


def test_either_half_of_the_override_alone_is_not_enough(diagnostic):
    for given in ({"sa_17": "a"}, {"sa_18": "b", "sa_17": "a"}, {"sa_18": "a", "sa_17": "b"}):
        band, _ = zone(diagnostic, answers(diagnostic, "c", **given))
        assert band == "comfort", given


def test_no_footing_at_corporate_level_and_no_seat_on_review_teams_is_danger(diagnostic):
    found = answers(diagnostic, "c", sa_01="a", sa_02="a", sa_03="a")
    assert zone(diagnostic, found) == ("danger", 1)
    for lifted in ("sa_01", "sa_02"):
        assert zone(diagnostic, {**found, lifted.replace("_", "-"): "b"})[0] == "comfort"


def test_unions_shut_out_of_reviews_and_change_is_danger(diagnostic):
    assert zone(diagnostic, answers(diagnostic, "d", sa_03="a", sa_18="a")) == ("danger", 2)
    assert zone(diagnostic, answers(diagnostic, "d", sa_03="b", sa_18="a"))[0] == "comfort"


def test_good_practice_needs_every_one_of_its_conditions(diagnostic):
    rule = next(b for b in diagnostic.bands if b.id == "good-practice").rules[0]
    floor = {}
    for c in rule.when:
        for q in [c.statement] if c.statement else diagnostic.statements_of(c.element):
            floor[q] = c.at_least
    # It reads the service statements (facility time, cover, an equal chance), sharing in
    # decisions, involvement after the review, joint training and joint reviews.
    assert {"sa-07", "sa-08", "sa-09", "sa-10", "sa-11", "sa-19", "sa-20", "sa-21"} <= set(floor)
    assert zone(diagnostic, answers(diagnostic, "c")) == ("good-practice", 0)
    # Statements the rule does not read can be at their lowest.
    unread = {s.id: "a" for s in diagnostic.questions if s.id not in floor}
    assert zone(diagnostic, {**answers(diagnostic, "c"), **unread})[0] == "good-practice"
    # Each condition at its own floor still holds; one step below it, or a "don't know", fails.
    for statement, least in floor.items():
        assert zone(diagnostic, {**answers(diagnostic, "c"), statement: least})[0] == (
            "good-practice"
        )
        for below in [*"abcd"[: "abcd".index(least)], DONT_KNOW]:
            found = {**answers(diagnostic, "d"), statement: below}
            assert zone(diagnostic, found)[0] == "comfort", (statement, below)


def test_no_facility_time_no_cover_and_no_equal_chance_is_danger(diagnostic):
    """An organisation that refuses time and cover and shuts out part-time women is not
    in Good Practice, whatever its policies say."""
    found = answers(diagnostic, "d", sa_09="a", sa_10="a", sa_11="a")
    assert zone(diagnostic, found) == ("danger", 3)
    for lifted in ("sa-09", "sa-10", "sa-11"):
        assert zone(diagnostic, {**found, lifted: "b"})[0] == "comfort"


def test_involvement_that_stops_at_service_level_is_the_comfort_zone(diagnostic):
    found = answers(diagnostic, "c", sa_04="a", sa_05="b")
    band, rule = zone(diagnostic, found)
    assert (band, rule) == ("comfort", 0)
    assert "statement 1" in diagnostic.place(found)[0].rules[0].because
    # Involvement with a footing only in review teams is the Comfort zone too.
    only_reviews = {**found, "sa-01": "a", "sa-02": "a", "sa-03": "b"}
    assert zone(diagnostic, only_reviews) == ("comfort", 2)


def test_a_dont_know_meets_no_condition(diagnostic):
    assert zone(diagnostic, answers(diagnostic, "d", sa_17=DONT_KNOW, sa_18="a"))[0] == "comfort"
    # All "don't know", or nothing answered, is not a zone: there is not enough evidence.
    assert zone(diagnostic, answers(diagnostic, DONT_KNOW)) == ("not-enough-evidence", None)
    assert zone(diagnostic, {})[0] == "not-enough-evidence"


def test_not_enough_evidence_exactly_when_statements_1_to_3_cannot_tell_the_zones_apart(
    diagnostic,
):
    """Statements 1 to 3 all "Not at all" or "don't know", at least one "don't know", and
    no other Danger rule: no zone can be named. Any one of them known above "Not at all"
    gives a zone."""
    rand = random.Random(23)
    for _ in range(3000):
        found = {s.id: rand.choice([*"abcd", DONT_KNOW]) for s in diagnostic.questions}
        for q in ("sa-01", "sa-02", "sa-03"):
            found[q] = rand.choice(["a", DONT_KNOW])
        first_three = [found[q] for q in ("sa-01", "sa-02", "sa-03")]
        other_danger = (
            (found["sa-17"] == found["sa-18"] == "a")
            or (found["sa-09"] == found["sa-10"] == found["sa-11"] == "a")
            or (found["sa-03"] == "a" and found["sa-18"] == "a")
        )
        band = zone(diagnostic, found)[0]
        if other_danger or DONT_KNOW not in first_three:
            assert band == "danger", found
        else:
            assert band == "not-enough-evidence", found
        lifted = {**found, rand.choice(["sa-01", "sa-02", "sa-03"]): "b"}
        assert zone(diagnostic, lifted)[0] != "not-enough-evidence"


def test_no_total_decides_the_zone(diagnostic):
    """Two answer sets with the same total land in opposite zones, by the rules."""
    scores = {o.id: o.score for o in diagnostic.scale}
    danger = answers(diagnostic, "d", sa_17="a", sa_18="a")
    comfort = answers(diagnostic, "d", sa_04="a", sa_05="a")
    assert sum(scores[a] for a in danger.values()) == sum(scores[a] for a in comfort.values())
    assert zone(diagnostic, danger)[0] == "danger" and zone(diagnostic, comfort)[0] == "comfort"


def test_every_answer_set_gets_exactly_the_first_band_whose_rule_holds(diagnostic):
    """Brute force over the statements the rules read, against a plain reading of the file."""
    read = sorted(
        {
            q
            for b in diagnostic.bands
            for r in b.rules
            for c in r.when
            for q in ([c.statement] if c.statement else diagnostic.statements_of(c.element))
        }
    )
    position = {o.id: n for n, o in enumerate(diagnostic.scale)}
    rand = random.Random(3)
    for _ in range(3000):
        found = {q: rand.choice([*position, DONT_KNOW]) for q in read}
        expected = None
        for band in diagnostic.bands:
            for rule in band.rules:
                ok = True
                for c in rule.when:
                    low = position[c.at_least] if c.at_least else 0
                    high = position[c.at_most] if c.at_most else len(position) - 1
                    ids = [c.statement] if c.statement else diagnostic.statements_of(c.element)
                    ok &= all(
                        found[q] in position and low <= position[found[q]] <= high for q in ids
                    )
                if ok and expected is None:
                    expected = band.id
        assert zone(diagnostic, found)[0] == (expected or "not-enough-evidence")


# --- the page -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page():
    from builder.outline.screens import build_outline
    from builder.render.pages import Renderer

    model, _ = api.validate(COURSES["bundled"], strict=True)
    files = Renderer(build_outline(model)).render_screens()
    return lxml.html.fromstring(files["pages/self-assessment.html"])


def test_every_statement_offers_the_scale_and_dont_know(diagnostic, page):
    for statement in diagnostic.questions:
        values = page.xpath(f"//div[@id='q-{statement.id}']//input/@value")
        assert values == ["a", "b", "c", "d", DONT_KNOW]
        labels = [
            " ".join(x.split()) for x in page.xpath(f"//div[@id='q-{statement.id}']//label/text()")
        ]
        assert labels == [*READ.values(), "Don't know"]
    headings = [h.text_content() for h in page.xpath("//form//h2[@class='dfc-element']")]
    assert headings == [e.title for e in diagnostic.elements]


def test_each_dont_know_has_its_joint_action_on_the_page(diagnostic, page):
    for n, statement in enumerate(diagnostic.questions, 1):
        (item,) = page.xpath(f"//li[@data-dfc-unknown='{statement.id}']")
        assert " ".join(item.text_content().split()) == f"Statement {n}: {statement.if_unknown}"
        assert item.get("hidden") is not None  # shown by the runtime only for a "don't know"


def test_the_profile_has_a_text_equivalent_row_per_element(diagnostic, page):
    chart = page.xpath("//div[@class='dfc-profile-chart']")[0]
    assert chart.get("aria-hidden") == "true"
    rows = page.xpath("//table[@class='dfc-profile-table']/tbody/tr")
    assert [r.get("data-dfc-profile") for r in rows] == [e.id for e in diagnostic.elements]
    assert [r.xpath("th")[0].text_content() for r in rows] == [e.title for e in diagnostic.elements]
    caption = page.xpath("//table[@class='dfc-profile-table']/caption")[0].text_content()
    assert caption == "The profile in words"


def test_the_result_is_sections_not_one_bold_block(diagnostic, page):
    for band in diagnostic.bands:
        (section,) = page.xpath(f"//section[@data-dfc-band='{band.id}']")
        assert [h.text_content() for h in section.xpath("h3")] == ["Why this result", "Next steps"]
        reasons = section.xpath("p[@data-dfc-rule]")
        assert len(reasons) == (len(band.rules) or 1)


# --- checks ---------------------------------------------------------------------------------

GOOD = """\
kind: diagnostic
title: Ready?
intro: Answer together.
scale:
  - {id: a, text: No, score: 0}
  - {id: b, text: Yes, score: 1}
dont_know: Not sure
elements:
  - {id: kit, title: The kit}
questions:
  - id: ready-01
    element: kit
    prompt: Everyone knows where the kit is.
    if_unknown: Ask three people where the kit is.
  - id: ready-02
    element: kit
    prompt: The kit is checked every month.
    if_unknown: Find the check log.
bands:
  - id: start
    title: Getting started
    text: There is work to do.
    because: No rule placed you higher.
    next_steps: [Put up a sign.]
  - id: ready
    title: Ready
    text: Well prepared.
    rules:
      - because: Both hold.
        when:
          - {element: kit, at_least: b}
    next_steps: [Keep checking.]
"""
EDITS = {
    "two defaults": (
        "    rules:\n      - because: Both hold.\n        when:\n          - {element: kit, at_least: b}\n",
        "",
        "quizzes/readiness.yaml:25: error: exactly one band must have no `rules`: it is the "
        "result when no rule applies (found 2)",
    ),
    "an unknown statement": (
        "{element: kit, at_least: b}",
        "{statement: ready-09, at_least: b}",
        'quizzes/readiness.yaml:31: error: band "ready", rule 1: statement "ready-09" is not a '
        "statement of this questionnaire",
    ),
    "an unknown answer": (
        "{element: kit, at_least: b}",
        "{element: kit, at_least: z}",
        'quizzes/readiness.yaml:31: error: band "ready", rule 1: at_least: "z" is not an answer '
        "of the scale (a, b)",
    ),
    "no bound": (
        "{element: kit, at_least: b}",
        "{element: kit}",
        'quizzes/readiness.yaml:31: error: band "ready", rule 1: a condition needs `at_least`, '
        "`at_most` or both",
    ),
    "both a statement and an element": (
        "{element: kit, at_least: b}",
        "{element: kit, statement: ready-01, at_least: b}",
        'quizzes/readiness.yaml:31: error: band "ready", rule 1: a condition names one '
        "`statement` or one `element`",
    ),
    "a missing action": (
        "    if_unknown: Find the check log.\n",
        "",
        'quizzes/readiness.yaml:15: error: statement "ready-02": if_unknown: is missing: every '
        '"don\'t know" becomes an action',
    ),
    "an unknown element": (
        "    element: kit\n    prompt: The kit is checked",
        "    element: kot\n    prompt: The kit is checked",
        'quizzes/readiness.yaml:16: error: statement "ready-02": element "kot" is not one of the '
        "elements (kit)",
    ),
    "the reserved answer id": (
        "{id: b, text: Yes, score: 1}",
        "{id: dont-know, text: Yes, score: 1}",
        'quizzes/readiness.yaml:6: error: answer id "dont-know" is kept for the "don\'t know" '
        "answer: set `dont_know:` instead",
    ),
}


@pytest.mark.parametrize("case", sorted(EDITS))
def test_bad_rules_are_reported_by_file_and_line(make_course, cli, case):
    old, new, message = EDITS[case]
    assert old in GOOD
    root = make_course({"quizzes/readiness.yaml": GOOD.replace(old, new)}, base="two-modules")
    result = cli("validate", "--course", str(root))
    assert result.exit_code == 1
    assert message in result.stderr.splitlines(), result.stderr


def test_the_good_example_is_valid(make_course, cli):
    root = make_course({"quizzes/readiness.yaml": GOOD}, base="two-modules")
    result = cli("validate", "--course", str(root), "--strict")
    assert result.exit_code == 0, result.stderr


def test_rule_order_is_file_order():
    """Of two bands whose rules both hold, the one listed first wins."""
    from builder.model.course import Diagnostic

    data = {
        "kind": "diagnostic",
        "title": "t",
        "intro": "i",
        "scale": [{"id": "a", "text": "A", "score": 0}, {"id": "b", "text": "B", "score": 1}],
        "questions": [{"id": "q-1", "prompt": "p"}],
        "bands": [
            {"id": "x", "title": "X", "text": "x", "next_steps": ["s"],
             "rules": [{"because": "c", "when": [{"statement": "q-1", "at_most": "b"}]}]},
            {"id": "y", "title": "Y", "text": "y", "next_steps": ["s"],
             "rules": [{"because": "c", "when": [{"statement": "q-1", "at_least": "a"}]}]},
            {"id": "z", "title": "Z", "text": "z", "next_steps": ["s"]},
        ],
    }  # fmt: skip
    model = Diagnostic.model_validate(data)
    for answer in ("a", "b"):
        assert model.place({"q-1": answer})[0].id == "x"
    assert model.place({})[0].id == "z"
