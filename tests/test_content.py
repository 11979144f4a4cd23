"""The bundled course keeps the shape the content brief asks for, as trainers edit it."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from content_helpers import MODULES, REPO, blocks, bundled_course

from builder.model.course import CourseModel, Scenario

TYPES = ("single", "multiple", "true-false", "matching", "ordering")
# How the question mix is classified (the same rules are quoted in the closing note).
# A decision is a scenario, or a single- or multiple-choice question that sets out a
# situation and asks what someone should do: its prompt says "should".
DECISION_PROMPT = re.compile(r"\bshould\b", re.IGNORECASE)
# Provenance trivia asks who, which body or document, how many, or what share or date,
# or matches figures to what they count.
TRIVIA_PROMPT = re.compile(
    r"^(who|when (was|were|did)|how many|in how many|what share|in what share"
    r"|which (\d+ )?(government )?(body|bodies|organisation|organisations|document|report|person)"
    r"|which of these (bodies|organisations))\b|^match each (figure|person|body)\b|\b\d+ case-study\b",
    re.IGNORECASE,
)
# What an objective's first word asks for: a decision, or a question that makes the
# trainee tell things apart or weigh them (a scenario, a decision, matching or ordering).
# The lint rule adds that plan, decide, explain or compare anywhere needs a scenario.
NEEDS_DECISION = {"plan", "decide", "choose", "judge", "use"}
NEEDS_JUDGEMENT = {"explain", "compare", "distinguish", "place"}
RECALL_VERBS = {"name", "describe", "identify"}
BEYOND_RECALL = re.compile(r"\b(plan|decide|explain|compare)s?\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def course() -> CourseModel:
    return bundled_course()


def all_questions(course: CourseModel) -> list:
    return [q for m in course.modules for q in m.quiz.questions]


def is_decision(question) -> bool:
    if isinstance(question, Scenario):
        return True
    return question.type in ("single", "multiple") and bool(DECISION_PROMPT.search(question.prompt))


def is_trivia(question) -> bool:
    return not isinstance(question, Scenario) and bool(TRIVIA_PROMPT.search(question.prompt))


def test_six_modules_in_the_brief_order(course):
    assert tuple(m.id for m in course.modules) == MODULES


def test_final_assessment_covers_every_objective_with_pass_mark_80(course):
    final = course.course.final_assessment
    assert final is not None and final.pass_mark == 80
    most_objectives = max(len(m.meta.objectives) for m in course.modules)
    assert final.questions_per_module >= most_objectives


@pytest.mark.parametrize("index", range(6))
def test_module_shape(course, index):
    module = course.modules[index]
    assert 3 <= len(module.meta.objectives) <= 6
    assert 4 <= len(module.pages) <= 8
    assert module.pages[-1].id == "summary"
    assert blocks(module, "case-study"), "needs at least one case study"
    assert len(blocks(module, "activity")) == 1, "needs exactly one joint activity"
    lenses = blocks(module, "lens")
    pages_with_both = {p for p, role in lenses if role == "manager"} & {
        p for p, role in lenses if role == "rep"
    }
    assert pages_with_both, "needs a manager's lens and a rep's lens on the same page"
    for page in module.pages:
        assert 120 <= page.words <= 450, f"{page.path}: {page.words} words"


@pytest.mark.parametrize("index", range(6))
def test_running_case_page_with_both_lenses(course, index):
    """Each module has one running-case page: the fictional Ashbridge review, part N."""
    module = course.modules[index]
    cases = [(p, info) for p, info in blocks(module, "case-study") if "Ashbridge" in info]
    assert len(cases) == 1, cases
    page_id, info = cases[0]
    assert "(fictional)" in info and f"part {index + 1}:" in info
    assert ("lens", "manager") in {("lens", r) for p, r in blocks(module, "lens") if p == page_id}
    assert ("lens", "rep") in {("lens", r) for p, r in blocks(module, "lens") if p == page_id}
    page = next(p for p in module.pages if p.id == page_id)
    text = Path(REPO / page.path).read_text(encoding="utf-8")
    assert "Anita" in text and "Gary" in text
    # The scenario in the knowledge check is set at the same point of the same case.
    scenarios = [q for q in module.quiz.questions if isinstance(q, Scenario)]
    assert len(scenarios) == 1
    assert "fictional" in scenarios[0].node(scenarios[0].start).text
    assert scenarios[0].use == "any", "the scenario is practice in the knowledge check too"


def test_case_studies_are_stories_not_statistics(course):
    """The running case is the only case study; the source figures sit in the text."""
    for module in course.modules:
        for page_id, info in blocks(module, "case-study"):
            assert info.startswith("Ashbridge home care (fictional)"), (module.id, page_id)


@pytest.mark.parametrize("index", range(6))
def test_question_bank(course, index):
    module = course.modules[index]
    quiz = module.quiz
    check = [q for q in quiz.questions if q.use == "any"]
    assert len(check) >= 10, "the knowledge check needs at least 10 questions"
    counts = Counter(q.type for q in quiz.questions)
    assert all(counts[t] >= 1 for t in TYPES), counts
    assert counts["scenario"] == 1
    objectives = {o.id for o in module.meta.objectives}
    assessed = {o for q in quiz.questions for o in q.objectives}
    assert assessed <= objectives
    assert objectives <= {o for q in check for o in q.objectives}, "every objective practised"
    for q in quiz.questions:
        if isinstance(q, Scenario):
            entries = [c for n in q.nodes for c in n.choices]
        else:
            entries = (
                getattr(q, "options", None)
                or getattr(q, "pairs", None)
                or getattr(q, "items", None)
                or []
            )
        assert all(e.feedback.strip() for e in entries)
        if q.type == "true-false":
            assert q.feedback_true.strip() and q.feedback_false.strip()


@pytest.mark.parametrize("index", range(6))
def test_summative_pool_has_two_questions_per_objective(course, index):
    module = course.modules[index]
    final = Counter(o for q in module.quiz.questions if q.use == "final" for o in q.objectives)
    for objective in module.meta.objectives:
        assert final[objective.id] >= 2, objective.id


@pytest.mark.parametrize("index", range(6))
def test_every_objective_is_assessed_by_a_question_that_fits_its_verb(course, index):
    module = course.modules[index]
    for objective in module.meta.objectives:
        verb = objective.text.split()[0].strip(",").lower()
        assert verb in NEEDS_DECISION | NEEDS_JUDGEMENT | RECALL_VERBS, objective.text
        questions = [q for q in module.quiz.questions if objective.id in q.objectives]
        assert questions, objective.id
        if verb in NEEDS_DECISION:
            assert any(is_decision(q) for q in questions), objective.id
        if verb in NEEDS_JUDGEMENT:
            assert any(is_decision(q) or q.type in ("matching", "ordering") for q in questions)
        if BEYOND_RECALL.search(objective.text):
            assert any(isinstance(q, Scenario) for q in questions), objective.id


def test_question_mix(course):
    questions = all_questions(course)
    decisions = [q for q in questions if is_decision(q)]
    trivia = [q for q in questions if is_trivia(q)]
    assert not set(map(id, decisions)) & set(map(id, trivia))
    assert len(decisions) >= 0.40 * len(questions), (len(decisions), len(questions))
    assert len(trivia) <= 0.15 * len(questions), [q.id for q in trivia]
    assert sum(isinstance(q, Scenario) for q in questions) == 6
    for q in decisions:
        if not isinstance(q, Scenario):
            assert len(q.options) >= 4, f"{q.id}: a decision needs real alternatives"


def test_the_classifier_sees_decisions_and_trivia(course):
    """The question-mix rules catch the kinds of prompt they are meant to catch."""
    by_id = {q.id: q for q in all_questions(course)}
    assert is_trivia(by_id["why-20"]) and is_trivia(by_id["bv-02"])
    assert not is_trivia(by_id["bv-04"])  # reading the case-study figures is not recall
    assert not is_decision(by_id["why-20"])
    assert is_decision(by_id["lead-13"]) and is_decision(by_id["bv-s1"])
    assert not is_trivia(by_id["lead-13"]) and not is_decision(by_id["sus-04"])
    assert not is_trivia(by_id["comms-27"])  # "When an idea is turned down ..." is no date


def test_no_question_is_asked_twice_across_banks(course):
    """Questions that test one point in two banks are linked, so one attempt asks one."""
    by_id = {q.id: q for q in all_questions(course)}
    linked = {(q.id, q.variant_of) for q in by_id.values() if q.variant_of}
    assert ("part-13", "comms-09") in linked and ("sus-24", "bv-34") in linked
    for qid, other in linked:
        assert other in by_id, f"{qid}: variant_of {other} names no question"


def test_true_false_is_under_a_fifth_of_the_items(course):
    questions = all_questions(course)
    true_false = [q for q in questions if q.type == "true-false"]
    assert len(true_false) < 0.20 * len(questions), (len(true_false), len(questions))


def test_self_assessment(course):
    diagnostic = course.self_assessment
    assert diagnostic is not None
    assert 15 <= len(diagnostic.questions) <= 24
    # Rules are tried in file order: Danger first, then Good Practice, then Comfort; the
    # band without rules is the result when the answers cannot place the organisation.
    assert [b.title for b in diagnostic.bands] == [
        "Danger zone",
        "Good Practice zone",
        "Comfort zone",
        "Not enough evidence yet",
    ]
    assert [b.id for b in diagnostic.bands if not b.rules] == ["not-enough-evidence"]
    # Every statement is read by some rule: none is there for the profile alone.
    read = {
        q
        for b in diagnostic.bands
        for r in b.rules
        for c in r.when
        for q in ([c.statement] if c.statement else diagnostic.statements_of(c.element))
    }
    assert {s.id for s in diagnostic.questions} - read == set(), sorted(
        {s.id for s in diagnostic.questions} - read
    )
    assert [e.title for e in diagnostic.elements] == [
        "Level of involvement",
        "Service organisation",
        "Trade union organisation",
        "Public management",
    ]
    assert all(len(diagnostic.statements_of(e.id)) >= 3 for e in diagnostic.elements)
    assert all(len(b.next_steps) >= 2 for b in diagnostic.bands)
    assert diagnostic.dont_know and all(s.if_unknown for s in diagnostic.questions)
    # One thing per statement: no "and"-joined second demand, no list of three asks.
    for statement in diagnostic.questions:
        assert statement.prompt.count(", and ") == 0, statement.id
        assert statement.prompt.count(" and ") <= 1, statement.id
    # The zones are described by reach and union organisation, not by rungs of the framework.
    for band in diagnostic.bands:
        for rung in ("consultation", "engagement", "empowerment", "information giving"):
            assert rung not in band.text.lower(), (band.id, rung)


def test_self_assessment_reasons_cite_the_statements_their_rules_read(course):
    diagnostic = course.self_assessment
    numbers = {s.id: n for n, s in enumerate(diagnostic.questions, 1)}
    for band in diagnostic.bands:
        for rule in band.rules:
            read = set()
            for c in rule.when:
                ids = [c.statement] if c.statement else diagnostic.statements_of(c.element)
                read |= {numbers[i] for i in ids}
            cited = {int(n) for n in re.findall(r"\b(\d{1,2})\b", rule.because)}
            # an element is cited as its first and last statement ("12 to 15")
            spans = re.findall(r"(\d{1,2}) to (\d{1,2})", rule.because)
            for low, high in spans:
                cited |= set(range(int(low), int(high) + 1))
            assert cited == read, (band.id, rule.because)
