"""IBM Equal Access over every page state at 320 px and 1280 px, beside axe.

What the engine flags fails here unless equal_access.ALLOWED explains it; the two checks at
the end back the entries that rest on how the page behaves on focus.
"""

from __future__ import annotations

import pytest
from equal_access import ALLOWED, unexplained
from page_states import (
    course_states,
    menu_states,
    open_standalone,
    scenario_states,
    statement_states,
)
from scenario_course import scenario_site  # noqa: F401  (a fixture)

WIDTHS = (320, 1280)


def run(page, width: int, states) -> list[str]:
    page.set_viewport_size({"width": width, "height": 900})
    problems: list[str] = []
    for where in states:
        problems += unexplained(page, f"{where} at {width} px")
    return problems


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("course", ["bundled", "minimal"])
def test_equal_access_finds_nothing_on_any_page_state(page, base_url, course, width):
    problems = run(page, width, course_states(page, base_url, course))
    assert not problems, "\n".join(problems)


@pytest.mark.usefixtures("scenario_site")
@pytest.mark.parametrize("width", WIDTHS)
def test_equal_access_finds_nothing_in_scenarios_or_the_statement(page, base_url, width):
    problems = run(page, width, scenario_states(page, base_url))
    problems += run(page, width, statement_states(page, base_url))
    if width < 768:  # the menu is a toggle only on a narrow screen
        problems += run(page, width, menu_states(page, base_url))
    assert not problems, "\n".join(problems)


def test_every_allowed_entry_is_narrow_and_explained():
    for entry in ALLOWED:
        assert entry.selector.strip() not in ("", "*", "html", "body"), entry
        assert len(entry.reason) > 60, entry
    rules = [(e.rule, e.selector) for e in ALLOWED]
    assert len(rules) == len(set(rules))


def test_skip_link_shows_when_focused(page, base_url):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 640})
        open_standalone(page, base_url, "bundled")
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.className") == "dfc-skip"
        box = page.evaluate(
            "() => { const r = document.activeElement.getBoundingClientRect();"
            " return [r.left, r.top, r.right, r.bottom]; }"
        )
        assert box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= 640, box


def test_focus_ring_shows_on_every_control(page, base_url):
    """Tab through a knowledge check with every kind of question, page by page (Enter on Next
    questions): each control that takes focus shows an outline of at least 2 px and the focus
    ring's shadow."""
    trainee = open_standalone(page, base_url, "bundled")
    trainee.start("manager")
    trainee.open("why-change-together/quiz")
    trainee.ready()
    kinds = set()
    for _ in range(300):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement, s = getComputedStyle(e);"
            " return [e.tagName + (e.type ? ':' + e.type : ''), s.outlineStyle,"
            " parseFloat(s.outlineWidth), s.boxShadow, e.className]; }"
        )
        tag, style, width, shadow, name = focused
        if tag == "BODY":
            break
        kinds.add(tag)
        assert style != "none" and width >= 2 and shadow != "none", focused
        if "dfc-page-next" in name:
            page.keyboard.press("Enter")
    assert {"A", "INPUT:radio", "INPUT:checkbox", "SELECT:select-one", "BUTTON:submit"} <= kinds


def test_open_menu_covers_nothing_focused(page, base_url):
    """The open menu's links are the topmost element at their centres; focus on a control
    beneath the menu closes the menu, so nothing focused is covered."""
    page.set_viewport_size({"width": 320, "height": 640})
    for _ in menu_states(page, base_url):
        covered = page.eval_on_selector_all(
            "#dfc-menu a",
            "links => links.filter(a => { a.scrollIntoView({block: 'center'});"
            " const r = a.getBoundingClientRect();"
            " const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
            " return !(top && a.contains(top)); }).map(a => a.textContent)",
        )
        assert covered == []
        page.focus("#dfc-role-manager")
        assert not page.evaluate("() => document.body.classList.contains('dfc-menu-open')")
