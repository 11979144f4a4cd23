"""WCAG 2.2 AA in practice: axe-core on every page type, keyboard alone, 320 px wide."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from page_states import course_states, go, menu_states, open_standalone

AXE = Axe()
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": [
            "wcag2a",
            "wcag2aa",
            "wcag21a",
            "wcag21aa",
            "wcag22aa",
            "best-practice",
        ],
    },
    "resultTypes": ["violations"],
}


def assert_accessible(page, where: str) -> None:
    results = AXE.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{where}:\n{results.generate_report()}"


@pytest.mark.parametrize("course", ["bundled", "minimal"])
def test_axe_finds_nothing_on_any_page_type(page, base_url, course):
    for where in course_states(page, base_url, course):
        assert_accessible(page, where)


def test_menu_at_phone_width_is_accessible(page, base_url):
    page.set_viewport_size({"width": 320, "height": 640})
    for where in menu_states(page, base_url):
        assert_accessible(page, f"{where} at 320 px")


@pytest.mark.parametrize("course", ["bundled", "minimal"])
def test_no_page_scrolls_sideways_at_320px(page, base_url, course):
    page.set_viewport_size({"width": 320, "height": 640})
    trainee = open_standalone(page, base_url, course)
    trainee.start("rep")
    wide = []
    for index, screen in enumerate(trainee.data()["screens"]):
        go(page, index)
        if screen["kind"] in ("quiz", "final"):
            trainee.answer_all(right=False)
            trainee.submit()
        if screen["kind"] == "diagnostic":
            trainee.rate_all()  # the result, its profile chart and its joint actions
            trainee.submit()
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > 320:
            wide.append((screen["id"], width))
    assert wide == []


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "s => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_module_can_be_completed_by_keyboard_alone(page, base_url):
    trainee = open_standalone(page, base_url, "minimal")
    data = trainee.data()
    tab_to(page, "#dfc-role-manager")
    page.keyboard.press("Space")
    tab_to(page, ".dfc-start")
    page.keyboard.press("Enter")
    module = data["modules"][0]["id"]
    module_screens = [s for s in data["screens"] if s["module"] == module]
    for screen in module_screens[1:]:
        tab_to(page, "[data-dfc-next]")
        page.keyboard.press("Enter")
        page.wait_for_function(
            "id => DFC.data().screens[DFC.app.nav.current].id === id", arg=screen["id"]
        )
        # Focus moves to the new page's heading, so reading starts at the top.
        assert page.evaluate("() => document.activeElement.tagName") == "H1"
    questions = trainee.visible_questions()
    while True:  # the check comes in pages: answer each, then Enter on Next questions
        for qid in [q for q in questions if page.is_visible(f"#q-{q}")]:
            answer_by_keyboard(page, qid, data["questions"][qid])
        if not page.is_visible("#dfc-screen .dfc-page-next"):
            break
        tab_to(page, "#dfc-screen .dfc-page-next")
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.className") == "dfc-page-status"
    tab_to(page, "#dfc-screen .dfc-submit")
    page.keyboard.press("Enter")
    page.wait_for_selector("#dfc-screen [data-dfc-quiz-result]:not([hidden])")
    state = page.evaluate("() => DFC.app.state")
    assert state["quizzes"][module]["done"] is True
    assert (
        page.evaluate("m => DFC.Quiz.score(DFC.data(), m, DFC.app.state.quizzes[m])", module) == 100
    )
    record = page.evaluate(
        "k => JSON.parse(localStorage.getItem(k))", f"dfc:{data['courseId']}@{data['version']}"
    )
    assert record["objectives"][module]["completion"] == "completed"


def answer_by_keyboard(page, qid: str, q: dict) -> None:
    box = f"#q-{qid}"
    if q["type"] in ("single", "true-false"):
        tab_to(page, f"{box} input")
        for _ in range(len(q["options"]) + 1):
            if page.evaluate("s => document.activeElement.value", box) == q["correct"][0]:
                break
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
        assert page.is_checked(f"{box} input[value='{q['correct'][0]}']")
    elif q["type"] == "multiple":
        for option in q["correct"]:
            tab_to(page, f"{box} input[value='{option}']")
            page.keyboard.press("Space")
            assert page.is_checked(f"{box} input[value='{option}']")
    else:
        for index, option in enumerate(q["options"]):
            select = f"{box} [data-dfc-option='{option}'] select"
            tab_to(page, select)
            wanted = option if q["type"] == "matching" else str(index + 1)
            for _ in range(len(q["options"]) + 2):
                if page.eval_on_selector(select, "s => s.value") == wanted:
                    break
                page.keyboard.press("ArrowDown")
            assert page.eval_on_selector(select, "s => s.value") == wanted
