"""Scenario screens: axe finds nothing at any step, and a scenario is completed by keyboard."""

from __future__ import annotations

import pytest
from page_states import SCENARIO_BOX, open_scenario, scenario_states
from scenario_course import scenario_site  # noqa: F401  (a fixture)
from test_accessibility import assert_accessible, tab_to

pytestmark = pytest.mark.usefixtures("scenario_site")
BOX = SCENARIO_BOX


def test_axe_finds_nothing_at_any_step_of_a_scenario(page, base_url):
    for where in scenario_states(page, base_url):
        assert_accessible(page, where)
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    assert_accessible(page, "scenario, marked, at 320 px")


def test_a_scenario_can_be_completed_by_keyboard_alone(page, base_url):
    open_scenario(page, base_url)
    data = page.evaluate("DFC.data()")
    for node, heading in (("n1", "q-rev-s1-n2-h"), ("n2", "q-rev-s1-e1-h")):
        tab_to(page, f"{BOX} [data-dfc-node='{node}'] input")
        page.keyboard.press("Space")  # the first choice, the best one in this fixture
        assert page.is_checked(f"{BOX} [data-dfc-node='{node}'] input[value='a']")
        tab_to(page, f"{BOX} [data-dfc-node='{node}'] [data-dfc-decide]")
        page.keyboard.press("Enter")
        # Focus moves to the next step's heading, and the consequence is announced.
        page.wait_for_function("id => document.activeElement.id === id", arg=heading)
        page.wait_for_function(
            "() => document.getElementById('dfc-live').textContent.startsWith('You chose:')"
        )
    # The scenario has a page to itself: Enter on Next questions, then the next question.
    tab_to(page, "#dfc-screen .dfc-page-next")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.className") == "dfc-page-status"
    q = data["questions"]["rev-01"]
    tab_to(page, "#dfc-screen #q-rev-01 input")
    for _ in range(len(q["options"]) + 1):
        if page.evaluate("() => document.activeElement.value") == q["correct"][0]:
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    tab_to(page, "#dfc-screen .dfc-submit")
    page.keyboard.press("Enter")
    page.wait_for_selector("#dfc-screen [data-dfc-quiz-result]:not([hidden])")
    assert (
        page.evaluate("() => DFC.Quiz.score(DFC.data(), 'review', DFC.app.state.quizzes.review)")
        == 100
    )
    assert page.evaluate("() => DFC.app.state.quizzes.review.answers['rev-s1']") == ["a", "a"]
