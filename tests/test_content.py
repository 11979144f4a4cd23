"""The bundled course keeps the shape the content brief asks for, as trainers edit it."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from builder import api
from builder.model.course import CourseModel

REPO = Path(__file__).parents[1]
TYPES = ("single", "multiple", "true-false", "matching", "ordering")


@pytest.fixture(scope="module")
def course() -> CourseModel:
    model, _warnings = api.validate(REPO, strict=True)
    return model


def blocks(module, name: str) -> list[tuple[str, str]]:
    """(page id, info) for every `::: name` block in the module's pages."""
    found = []
    for page in module.pages:
        for token in page.tokens:
            if token.type == f"container_{name}_open":
                found.append((page.id, token.info.strip()[len(name) :].strip()))
    return found


def test_six_modules_in_the_brief_order(course):
    assert [m.id for m in course.modules] == [
        "why-change-together",
        "leadership",
        "communications",
        "participation-methods",
        "best-value",
        "sustaining-involvement",
    ]


def test_final_assessment_draws_from_the_banks_with_pass_mark_80(course):
    final = course.course.final_assessment
    assert final is not None and final.pass_mark == 80
    assert all(len(m.quiz.questions) >= final.questions_per_module for m in course.modules)


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
def test_question_bank(course, index):
    module = course.modules[index]
    quiz = module.quiz
    assert quiz is not None and len(quiz.questions) >= 10
    counts = Counter(q.type for q in quiz.questions)
    assert all(counts[t] >= 1 for t in TYPES), counts
    objectives = {o.id for o in module.meta.objectives}
    assessed = {o for q in quiz.questions for o in q.objectives}
    assert assessed <= objectives
    assert objectives <= assessed, f"not assessed: {objectives - assessed}"
    for q in quiz.questions:
        entries = (
            getattr(q, "options", None)
            or getattr(q, "pairs", None)
            or getattr(q, "items", None)
            or []
        )
        assert all(e.feedback.strip() for e in entries)
        if q.type == "true-false":
            assert q.feedback_true.strip() and q.feedback_false.strip()


def test_self_assessment(course):
    diagnostic = course.self_assessment
    assert diagnostic is not None
    assert 10 <= len(diagnostic.questions) <= 15
    titles = " ".join(b.title for b in diagnostic.bands)
    for zone in ("Danger", "Comfort", "Good Practice"):
        assert zone in titles
    assert all(len(b.next_steps) >= 2 for b in diagnostic.bands)


def test_key_figures_are_present_and_right():
    """Figures from the sources that the course must state, as the sources give them."""
    text = " ".join(p.read_text(encoding="utf-8") for p in (REPO / "modules").rglob("*.md"))
    text = re.sub(r"\s+", " ", text)
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


def test_markdown_headings_never_skip_a_level(course):
    for module in course.modules:
        for page in module.pages:
            levels = [int(t.tag[1]) for t in page.tokens if t.type == "heading_open"]
            previous = 1
            for level in levels:
                assert level <= previous + 1, f"{page.path}: h{previous} then h{level}"
                previous = level
            assert 1 not in levels, f"{page.path}: only the first line may be a level-1 heading"
