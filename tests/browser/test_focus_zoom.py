"""Focus after every action at 400 % zoom, and the review's findings 6, 17 and 18: a wrong
match names the right one; the contents menu closes on Escape, lies over the screen and marks
what was seen and done; Start pressed before the runtime is ready still starts the course."""

from __future__ import annotations

import pytest
from every_type_course import every_type_site  # noqa: F401  (a fixture)
from trainee import WAIT, Trainee

pytestmark = pytest.mark.usefixtures("every_type_site")

# Focused, in the viewport (the top of an element taller than it, within a pixel's rounding),
# and not covered: the point just inside its top-left corner is the element's own.
SHOWN = """() => {
  const el = document.activeElement, r = el.getBoundingClientRect();
  const fits = r.height <= window.innerHeight;
  const inView = r.height > 0 && r.top > -1 && (fits ? r.bottom <= window.innerHeight : r.top < 1);
  const hit = document.elementFromPoint(Math.max(r.left, 0) + 2, r.top + 2);
  return inView && !!hit && (el === hit || el.contains(hit));
}"""


def open_course(page, base_url: str, width: int = 320, height: int = 225) -> Trainee:
    page.set_viewport_size({"width": width, "height": height})  # 1280 × 900 at 400 %
    page.goto(f"{base_url}/every-type-web/index.html")
    page.wait_for_function("() => !!(window.DFC && DFC.app && DFC.app.nav)")
    return Trainee(page, in_lms=False)


def press(page, selector: str) -> None:
    page.focus(selector)
    page.keyboard.press("Enter")


def focus_shown(page, selector: str, action: str) -> None:
    assert page.evaluate("s => document.activeElement.matches(s)", selector), (
        f"after {action}: focus is on {page.evaluate('() => document.activeElement.outerHTML.slice(0, 80)')}"
    )
    assert page.evaluate(SHOWN), f"after {action}: {selector} is out of view or covered: " + str(
        page.evaluate(
            "() => { const r = document.activeElement.getBoundingClientRect();"
            " return [r.top, r.bottom, window.innerHeight]; }"
        )
    )


HEADING = "#dfc-screen h1"
RESULT = "#dfc-screen [data-dfc-quiz-result]"
PAGE_STATUS = "#dfc-screen .dfc-page-status"


def act(page, selector: str, action: str, then: str = HEADING) -> None:
    """From the bottom of the page, Enter on `selector`; then `then` has focus, in view."""
    page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    press(page, selector)
    page.wait_for_function("s => document.activeElement.matches(s)", arg=then, timeout=WAIT)
    focus_shown(page, then, action)


def index_of(trainee: Trainee, kind: str) -> int:
    return next(i for i, s in enumerate(trainee.data()["screens"]) if s["kind"] == kind)


def go_to(trainee: Trainee, kind: str) -> None:
    trainee.frame.evaluate("i => DFC.app.nav.go(i)", index_of(trainee, kind))
    trainee.ready()


def test_focus_after_every_action_at_400_percent_zoom(page, base_url):
    trainee = open_course(page, base_url)
    assert page.get_attribute(".dfc-start", "aria-disabled") is None  # the runtime is ready
    page.check("#dfc-role-manager")
    act(page, ".dfc-start", "Start")
    screens = trainee.data()["screens"]
    act(page, "[data-dfc-next]", "Next")
    act(page, "[data-dfc-prev]", "Back")

    act(page, ".dfc-menu-toggle", "opening the menu", then=".dfc-menu-toggle")
    page.keyboard.press("Tab")
    focus_shown(page, ".dfc-menu a", "Tab into the open menu")
    page.keyboard.press("Escape")
    focus_shown(page, ".dfc-menu-toggle", "Escape in the menu")
    press(page, ".dfc-menu-toggle")
    act(page, f".dfc-menu a[data-dfc-screen='{screens[2]['id']}']", "a link in the menu")

    # The knowledge check, in pages: Next and Previous questions, Check with nothing answered
    # (it opens the page of question 1), Check, Try again, a scenario's steps.
    go_to(trainee, "quiz")
    act(page, "#dfc-screen .dfc-page-next", "Next questions on the check", then=PAGE_STATUS)
    act(page, "#dfc-screen .dfc-page-prev", "Previous questions on the check", then=PAGE_STATUS)
    trainee.to_last_page()
    act(page, "#dfc-screen .dfc-submit", "Check with answers missing", then=RESULT)
    assert page.inner_text(PAGE_STATUS).startswith("Page 1 of ")
    questions = trainee.data()["questions"]
    for qid in trainee.visible_questions():
        q = questions[qid]
        if q["type"] != "scenario":
            trainee.answer(qid)
            continue
        trainee.reveal(qid)
        node = q["start"]
        while node:
            choice = max(q["nodes"][node], key=lambda c: c[3])
            step = f"#q-{qid} [data-dfc-node='{node}']"
            page.check(f"{step} input[value='{choice[0]}']")
            act(
                page,
                f"{step} [data-dfc-decide]",
                "Decide",
                then=f"#q-{qid} :is([data-dfc-node], [data-dfc-ending]):not([hidden]) h3",
            )
            node = "" if choice[2] else choice[1]
    trainee.to_last_page()
    act(page, "#dfc-screen .dfc-submit", "Check", then=RESULT)
    act(page, "#dfc-screen [data-dfc-retry]", "Try again on the knowledge check")

    # The self-assessment: its result, and changing the answers.
    go_to(trainee, "diagnostic")
    trainee.rate_all()
    act(page, "#dfc-screen .dfc-submit", "the self-assessment's submit", then=RESULT)
    act(page, "#dfc-screen [data-dfc-retry]", "Change our answers")

    # The final, in pages: Next and Previous questions, Submit, Try again.
    go_to(trainee, "final")
    act(page, "#dfc-screen .dfc-page-next", "Next questions", then=PAGE_STATUS)
    act(page, "#dfc-screen .dfc-page-prev", "Previous questions", then=PAGE_STATUS)
    trainee.answer_all(right=False)
    trainee.to_last_page()
    act(page, "#dfc-screen .dfc-submit", "Submit", then=RESULT)
    act(page, "#dfc-screen [data-dfc-retry]", "Try again on the final")
    assert page.problems == []


def test_a_wrong_match_names_the_right_one(page, base_url):
    trainee = open_course(page, base_url, height=900)
    trainee.start("manager")
    go_to(trainee, "quiz")
    questions = trainee.data()["questions"]
    for qid in trainee.visible_questions():
        trainee.answer(qid, right=questions[qid]["type"] != "matching")
    trainee.submit()
    qid = next(q for q in questions if questions[q]["type"] == "matching")
    for option in questions[qid]["options"]:
        row = f"#q-{qid} [data-dfc-option='{option}']"
        right_match = page.eval_on_selector(
            f"{row} select", "(s, v) => [...s.options].find(o => o.value === v).text", option
        )
        chosen = page.eval_on_selector(f"{row} select", "s => s.value")
        mark = page.inner_text(f"{row} .dfc-mark").strip()
        if chosen == option:
            assert mark == "Right."
        else:
            assert mark == f"Not right: the right match is “{right_match}”."


def test_the_menu_closes_on_escape_lies_over_the_screen_and_marks_progress(page, base_url):
    trainee = open_course(page, base_url, height=640)
    trainee.start("manager")
    screens = trainee.data()["screens"]
    main_top = page.eval_on_selector("#main", "m => m.getBoundingClientRect().top")
    press(page, ".dfc-menu-toggle")
    assert page.is_visible("#dfc-menu")
    # Open, the menu covers the screen instead of pushing it down.
    assert page.eval_on_selector("#main", "m => m.getBoundingClientRect().top") == main_top
    assert page.evaluate(
        "() => { const m = document.getElementById('dfc-menu').getBoundingClientRect();"
        " const hit = document.elementFromPoint(m.left + m.width / 2, m.top + 10);"
        " return document.getElementById('dfc-menu').contains(hit); }"
    )
    marks = menu_marks(page)
    assert marks[screens[0]["id"]] == " (seen)"
    assert [marks[s["id"]] for s in screens[1:]] == [""] * (len(screens) - 1)
    assert page.inner_text(f".dfc-menu a[data-dfc-screen='{screens[0]['id']}']").endswith(" (seen)")

    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    assert page.is_hidden("#dfc-menu")
    assert page.get_attribute(".dfc-menu-toggle", "aria-expanded") == "false"
    assert page.evaluate("() => document.activeElement.matches('.dfc-menu-toggle')")

    # Tabbing out of the open menu closes it: nothing focused lies under it.
    press(page, ".dfc-menu-toggle")
    for _ in range(len(screens) + 2):
        page.keyboard.press("Tab")
    assert page.evaluate(
        "() => !document.getElementById('dfc-menu').contains(document.activeElement)"
    )
    assert page.is_hidden("#dfc-menu")

    quiz = index_of(trainee, "quiz")
    trainee.frame.evaluate("i => DFC.app.nav.go(i)", quiz)
    trainee.answer_all(right=True)
    trainee.submit()
    marks = menu_marks(page)
    assert marks[screens[quiz]["id"]] == " (done)"
    assert marks[screens[0]["id"]] == " (seen)"
    assert marks[screens[1]["id"]] == ""


def menu_marks(page) -> dict[str, str]:
    """What the contents menu says beside each screen's link."""
    return dict(
        page.eval_on_selector_all(
            ".dfc-menu a",
            "as => as.map(a => [a.dataset.dfcScreen,"
            " (a.querySelector('.dfc-menu-mark') || {}).textContent || ''])",
        )
    )


def test_start_pressed_before_the_runtime_is_ready_starts_the_course(page, base_url):
    held = []
    page.route("**/every-type-web/runtime/main.js", lambda route: held.append(route))
    page.set_viewport_size({"width": 320, "height": 640})
    url = f"{base_url}/every-type-web/index.html"
    page.goto(url, wait_until="commit")
    page.wait_for_selector(".dfc-start")
    page.wait_for_function("() => !!window.DFC", timeout=WAIT)
    for _ in range(200):  # until the held request reaches its handler
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "main.js was never requested"
    assert page.get_attribute(".dfc-start", "aria-disabled") == "true"
    page.click(".dfc-start", force=True)
    # Not ready: nothing leaves the course's page.
    assert page.url == url
    assert page.is_visible("[data-dfc-screen='start']")
    held[0].continue_()
    trainee = Trainee(page, in_lms=False)
    page.wait_for_function("() => !!(window.DFC && DFC.app && DFC.app.nav)", timeout=WAIT)
    trainee._wait_for(trainee.data()["screens"][0]["id"])
    assert page.url == url
    assert page.evaluate("() => document.activeElement.matches('#dfc-screen h1')")
