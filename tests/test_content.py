"""The bundled course keeps the shape the content brief asks for, as trainers edit it."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from builder import api
from builder.model.course import CourseModel, Scenario

REPO = Path(__file__).parents[1]
TYPES = ("single", "multiple", "true-false", "matching", "ordering")
MODULES = (
    "why-change-together",
    "leadership",
    "communications",
    "participation-methods",
    "best-value",
    "sustaining-involvement",
)

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
    model, warnings = api.validate(REPO, strict=True)
    assert warnings == []
    return model


def all_questions(course: CourseModel) -> list:
    return [q for m in course.modules for q in m.quiz.questions]


def is_decision(question) -> bool:
    if isinstance(question, Scenario):
        return True
    return question.type in ("single", "multiple") and bool(DECISION_PROMPT.search(question.prompt))


def is_trivia(question) -> bool:
    return not isinstance(question, Scenario) and bool(TRIVIA_PROMPT.search(question.prompt))


def blocks(module, name: str) -> list[tuple[str, str]]:
    """(page id, info) for every `::: name` block in the module's pages."""
    found = []
    for page in module.pages:
        for token in page.tokens:
            if token.type == f"container_{name}_open":
                found.append((page.id, token.info.strip()[len(name) :].strip()))
    return found


def page_text(module_dir: str | None = None) -> str:
    root = REPO / "modules" / module_dir if module_dir else REPO / "modules"
    return " ".join(p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.md")))


def sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+", re.sub(r"\s+", " ", text))


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


def test_key_figures_are_present_and_right():
    """Figures from the sources that the course must state, as the sources give them."""
    text = re.sub(r"\s+", " ", page_text())
    for needle in ("80 %", "40 %", "30 %", "59", "32", "73", "11", "two thirds", "1 April 2009"):
        assert needle.replace(" %", "%") in text.replace(" %", "%"), needle
    for name in (
        "Holloway Prison",
        "Birmingham City Council",
        "Sheffield City Council",
        "Cheshire and Wirral Partnership NHS Trust",
        "Public Services Forum",
        "NJC",
        "MacLeod",
    ):
        assert name in text, name
    assert "up to 20" in text or "as many as 20" in text


def test_claims_are_stated_as_the_sources_support_them():
    text = page_text()
    for sentence in sentences(text):
        lower = sentence.lower()
        if "birmingham" in lower and "rostering" in lower:
            assert "plan" in lower, f"Birmingham's self-rostering was a plan: {sentence}"
        if "20" in lower and "review" in lower:
            assert not re.search(r"at once|at the same time|together", lower), sentence
        if "facility time" in lower:
            # Facility time is time off for union representatives' duties, not what
            # frees other staff to take part (they need release with cover).
            assert "(paid time off for union duties)" not in lower, sentence
            assert not re.search(
                r"facility time (and cover )?(let|lets|allow|allows) (frontline|manual|other|staff)",
                lower,
            )
    # Opinions from the blog are attributed, and the Cornwall account is the author's own.
    leadership = page_text("leadership")
    assert "The author claims that people are motivated" in leadership
    assert "author's own account" in leadership
    # The rung definitions are the course's own, and the page says so.
    assert "working definitions" in page_text("participation-methods")


@pytest.mark.parametrize("module_id", MODULES)
def test_every_module_says_how_old_its_evidence_is(module_id):
    assert "## How old is this evidence?" in page_text(module_id)


def test_pilot_results_are_told_once():
    """Module 1 tells the pilot story; module 6 refers to it, not repeats it."""
    assert "self-harm" not in page_text("sustaining-involvement")
    assert "two thirds" in page_text("why-change-together")


def test_markdown_headings_never_skip_a_level(course):
    for module in course.modules:
        for page in module.pages:
            levels = [int(t.tag[1]) for t in page.tokens if t.type == "heading_open"]
            previous = 1
            for level in levels:
                assert level <= previous + 1, f"{page.path}: h{previous} then h{level}"
                previous = level
            assert 1 not in levels, f"{page.path}: only the first line may be a level-1 heading"


DIAGRAMS = {
    # svg under modules/: (page it sits on, words the picture and the page text must both carry)
    "why-change-together/images/five-drivers.svg": (
        "why-change-together/04-five-drivers.md",
        [
            "Leadership",
            "Designing service improvements",
            "A framework for staff engagement",
            "Communications",
            "Delivering and improving the service",
        ],
    ),
    "participation-methods/images/participation-framework.svg": (
        "participation-methods/01-participation-framework.md",
        [
            "Information and market research",
            "Consultation",
            "Engagement",
            "Involvement",
            "Empowerment",
            "Marginalisation",
            "Alternative structures",
        ],
    ),
    "sustaining-involvement/images/three-zones.svg": (
        "sustaining-involvement/01-three-zones.md",
        ["Danger zone", "Comfort zone", "Good Practice zone", "corporate", "front line"],
    ),
    "best-value/images/involvement-by-level.svg": (
        "best-value/03-what-the-study-found.md",
        ["80%", "40%", "30%", "corporate", "departmental", "frontline"],
    ),
}


@pytest.mark.parametrize("svg", sorted(DIAGRAMS))
def test_diagrams_are_accessible_self_contained_and_on_their_page(svg):
    from lxml import etree

    page, needles = DIAGRAMS[svg]
    ns = {"s": "http://www.w3.org/2000/svg"}
    root = etree.parse(str(REPO / "modules" / svg)).getroot()
    assert root.get("role") == "img"
    title, desc = root.find("s:title", ns), root.find("s:desc", ns)
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert not root.xpath("//s:script | //s:image | //s:foreignObject | //s:style", namespaces=ns)
    assert not any("href" in name for element in root.iter() for name in element.attrib), (
        "no links or external pictures"
    )
    drawn = " ".join(" ".join(t.split()) for t in root.xpath("//s:text/text()", namespaces=ns))
    described = " ".join(desc.text.split())
    text = re.sub(r"\s+", " ", (REPO / "modules" / page).read_text(encoding="utf-8"))
    file = svg.split("/", 1)[1]
    alt = re.search(r"!\[([^\]]+)\]\(" + re.escape(file) + r"\)", text)
    assert alt and len(alt.group(1).split()) >= 6, "the page shows it with alt text"
    for needle in needles:
        low = needle.lower().replace("%", " %")
        assert needle.lower() in described.lower(), (svg, needle)
        assert needle.lower() in text.lower() or low in text.lower(), (page, needle)
    if "involvement-by-level" in svg:
        assert [t for t in drawn.split() if t.endswith("%") and t != "0%"][:3] == [
            "80%",
            "40%",
            "30%",
        ]


def templates_of(module) -> list[tuple[str, str, str]]:
    """(page id, template title, template text) for every `::: template` block."""
    found = []
    for page in module.pages:
        tokens = page.tokens
        for i, token in enumerate(tokens):
            if token.type == "container_template_open":
                end = next(
                    j for j in range(i, len(tokens)) if tokens[j].type == "container_template_close"
                )
                text = " ".join(t.content for t in tokens[i:end] if t.type == "inline")
                found.append((page.id, token.info.strip()[len("template") :].strip(), text))
    return found


@pytest.mark.parametrize("index", range(6))
def test_each_activity_has_a_printable_template_with_a_solo_route(course, index):
    module = course.modules[index]
    ((activity_page, _title),) = blocks(module, "activity")
    (template,) = templates_of(module)
    page, title, text = template
    assert page == activity_page, "the template sits beside its activity"
    assert title and "Working alone?" in text
    assert "manager" in text.lower() and "union representative" in text.lower()
    if module.id != "sustaining-involvement":
        assert f"go in row {index + 1}" in text or f"goes in row {index + 1}" in text
    page_tokens = next(p for p in module.pages if p.id == page).tokens
    headers = [
        page_tokens[i + 1].content.strip() for i, t in enumerate(page_tokens) if t.type == "th_open"
    ]
    assert headers and all(headers), "every column of a template has a heading"


def test_the_joint_action_plan_gathers_all_six_outputs(course):
    plan = templates_of(course.module("sustaining-involvement"))[0]
    assert plan[1] == "Joint action plan"
    others = [templates_of(m)[0][1] for m in course.modules if m.id != "sustaining-involvement"]
    source = (REPO / "modules/sustaining-involvement/07-programme-for-action.md").read_text(
        encoding="utf-8"
    )
    for number, title in enumerate(others, 1):
        assert f"| {number} | {title} (module {number}) |" in source, title
    assert "| 6 | This module |" in source
    assert "Self-assessment" in plan[2] and "find out together" in plan[2]


def test_the_hard_questions_page_covers_all_five_with_both_lenses(course):
    module = course.module("participation-methods")
    page = next(p for p in module.pages if p.id == "hard-questions")
    headings = [
        page.tokens[i + 1].content
        for i, t in enumerate(page.tokens)
        if t.type == "heading_open" and t.tag == "h2"
    ]
    assert headings == [
        "Involvement or negotiation?",
        "Early proposals in confidence",
        "A savings target set from above",
        "When the other side will not engage",
        "Whose voice is the rep's?",
    ]
    roles = [role for p, role in blocks(module, "lens") if p == "hard-questions"]
    assert roles == ["manager", "rep"]
    text = " ".join(t.content for t in page.tokens if t.type == "inline").lower()
    for needle in (
        "negotiat",
        "statutory consultation",
        "confidential",
        "savings",
        "mandate",
        "members",
    ):
        assert needle in text, needle
    assert module.pages.index(page) < len(module.pages) - 1  # before the summary


def test_true_false_is_under_a_fifth_of_the_items(course):
    questions = all_questions(course)
    true_false = [q for q in questions if q.type == "true-false"]
    assert len(true_false) < 0.20 * len(questions), (len(true_false), len(questions))


def test_a_joint_foreword_and_every_source_with_its_date_come_first(course):
    first = course.modules[0].pages[0]
    assert first.id == "foreword-and-sources"
    text = re.sub(r"\s+", " ", (REPO / first.path).read_text(encoding="utf-8"))
    for needle in (
        "## A joint foreword",
        "## Sources and dates",
        "## What is current and what is historic",
        "Press release",
        "Blog post",
        "Summary of a joint research report",
        "News release",
        "early 2000",
        "Best Value duty",
        "as at 2025",
    ):
        assert needle in text, needle
    # The handbook carries the same list for the facilitator.
    titles = [s.title for s in course.course.guidance]
    assert titles[:2] == ["Sources and dates", "What is current and what is historic"]
