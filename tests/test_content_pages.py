"""The bundled course's pages: its figures and claims as the sources give them, headings,
diagrams, printable templates and what comes first."""

from __future__ import annotations

import re

import pytest
from content_helpers import MODULES, REPO, blocks, bundled_course, page_text, sentences

from builder.model.course import CourseModel


@pytest.fixture(scope="module")
def course() -> CourseModel:
    return bundled_course()


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
