"""A whole course by keyboard alone at 320 px, in the test LMS: Tab, Shift+Tab, the arrow keys,
Space and Enter, and never a click. Enter is pressed on every kind of control, and each time
it does what it should there: it chooses, opens or activates, and never sends the whole form."""

from __future__ import annotations

import pytest
from every_type_course import every_type_site  # noqa: F401  (a fixture)
from trainee import WAIT, close, launch, scenario_path

pytestmark = pytest.mark.usefixtures("every_type_site")

FOCUSED = "s => !!document.activeElement && document.activeElement.matches(s)"


class Keys:
    """The keyboard of a trainee in the LMS's course frame, and what they can see of it."""

    def __init__(self, page, trainee):
        self.page = page
        self.trainee = trainee
        self.frame = trainee.frame
        self.pages: dict[str, int] = {}  # how many pages each quiz screen came in

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)

    def focused(self, selector: str) -> bool:
        return self.frame.evaluate(FOCUSED, selector)

    def value(self) -> str:
        return self.frame.evaluate("() => document.activeElement.value")

    def tab_to(self, selector: str, back: bool = False, limit: int = 150) -> None:
        """Tab (or Shift+Tab) until the focused element matches `selector`."""
        for _ in range(limit):
            self.press("Shift+Tab" if back else "Tab")
            if self.focused(selector):
                return
        raise AssertionError(f"{'Shift+Tab' if back else 'Tab'} never reached {selector}")

    def screen(self) -> str:
        return self.trainee.current()

    def wait_screen(self, screen_id: str) -> None:
        self.trainee._wait_for(screen_id)

    def heading_focused(self) -> bool:
        return self.focused("#dfc-screen h1")


def quiz_key(data: dict, screen_id: str) -> str | None:
    screen = next(s for s in data["screens"] if s["id"] == screen_id)
    return {"quiz": screen["module"], "final": "final"}.get(screen["kind"])


def unsent(keys: Keys, key: str, screen_id: str) -> None:
    """Enter left the form unsent: same screen, no result, no message, the attempt open."""
    frame = keys.frame
    assert keys.screen() == screen_id
    assert frame.is_hidden("#dfc-screen [data-dfc-quiz-result]")
    assert frame.evaluate("k => DFC.app.quizState(k).done", key) is False


def choose_radio(keys: Keys, box: str, wanted: str, enter_first: bool = True) -> None:
    """Tab into a radio group; Enter chooses the focused answer; the arrows move to `wanted`."""
    keys.tab_to(f"{box} input[type=radio]")
    if enter_first:
        keys.press("Enter")
        assert keys.frame.evaluate("() => document.activeElement.checked")
    for _ in range(10):
        if keys.value() == wanted:
            break
        keys.press("ArrowDown")
    assert keys.value() == wanted


def choose_in_list(keys: Keys, select: str, wanted: str) -> None:
    """Enter opens a closed list; the arrows move in it; Enter takes the option."""
    keys.tab_to(select)
    values = keys.frame.eval_on_selector(select, "s => [...s.options].map(o => o.value)")
    keys.press("Enter")
    for _ in range(values.index(wanted)):
        keys.press("ArrowDown")
    keys.press("Enter")
    assert keys.frame.eval_on_selector(select, "s => s.value") == wanted


def answer(keys: Keys, q: dict, qid: str, key: str, screen_id: str, right: bool) -> None:
    box = f"#dfc-screen #q-{qid}"
    frame = keys.frame
    kind = q["type"]
    if kind in ("single", "true-false"):
        wrong = next(o for o in q["options"] if o not in q["correct"])
        wanted = q["correct"][0] if right else wrong
        choose_radio(keys, box, wanted)
        unsent(keys, key, screen_id)
        keys.press("Enter")
        assert frame.is_checked(f"{box} input[value='{wanted}']")
    elif kind == "multiple":
        for option in q["options"]:
            keys.tab_to(f"{box} input[value='{option}']")
            if (option in q["correct"]) == right:
                keys.press("Enter")  # Enter ticks the box, as Space does
                assert frame.is_checked(f"{box} input[value='{option}']")
    elif kind in ("matching", "ordering"):
        for index, option in enumerate(q["options"]):
            place = index if right else len(q["options"]) - 1 - index
            wanted = q["options"][place] if kind == "matching" else str(place + 1)
            choose_in_list(keys, f"{box} [data-dfc-option='{option}'] select", wanted)
    elif kind == "scenario":
        for step, (node, choice) in enumerate(scenario_path(q, right)):
            here = f"{box} [data-dfc-node='{node}']"
            keys.tab_to(f"{here} input[type=radio]")
            keys.press("Space")
            for _ in range(6):
                if keys.value() == choice:
                    break
                keys.press("ArrowDown")
            if step % 2 == 0:
                keys.press("Enter")  # Enter on a scenario's choice decides
            else:
                keys.tab_to(f"{here} [data-dfc-decide]")
                keys.press("Enter")
            frame.wait_for_selector(f"{here}", state="hidden", timeout=WAIT)
            # The next step's heading (or the ending's) has focus, and the form is unsent.
            assert keys.focused(f"{box} h3")
    unsent(keys, key, screen_id)


def do_quiz(keys: Keys, data: dict, screen_id: str, right) -> str:
    """Answer every question on the screen by keyboard, page by page; return the result."""
    frame = keys.frame
    key = quiz_key(data, screen_id)
    keys.trainee.ready()
    keys.pages[screen_id] = 1
    while True:
        shown = frame.eval_on_selector_all(
            "#dfc-screen .dfc-question:not([hidden])",
            "els => els.map(e => e.getAttribute('data-dfc-question'))",
        )
        for qid in shown:
            q = data["questions"][qid]
            answer(keys, q, qid, key, screen_id, right(q))
        if not frame.is_visible("#dfc-screen .dfc-page-next"):
            break
        keys.tab_to("#dfc-screen .dfc-page-next")
        keys.press("Enter")
        keys.pages[screen_id] += 1
        assert keys.focused("#dfc-screen .dfc-page-status")
        unsent(keys, key, screen_id)
    if frame.is_visible("#dfc-screen .dfc-page-prev"):
        # Back a page and forward again: the answers stay, the form stays unsent.
        keys.tab_to("#dfc-screen .dfc-page-prev", back=True)
        keys.press("Enter")
        assert keys.focused("#dfc-screen .dfc-page-status")
        keys.tab_to("#dfc-screen .dfc-page-next")
        keys.press("Enter")
        unsent(keys, key, screen_id)
    keys.tab_to("#dfc-screen .dfc-submit")
    keys.press("Enter")
    frame.wait_for_selector("#dfc-screen [data-dfc-quiz-result]:not([hidden])", timeout=WAIT)
    assert keys.focused("#dfc-screen [data-dfc-quiz-result]")
    assert frame.evaluate("k => DFC.app.quizState(k).done", key) is True
    return frame.inner_text("#dfc-screen [data-dfc-quiz-result]")


def next_screen(keys: Keys, data: dict) -> str:
    index = [s["id"] for s in data["screens"]].index(keys.screen())
    target = data["screens"][index + 1]["id"]
    keys.tab_to("[data-dfc-next]")
    keys.press("Enter")
    keys.wait_screen(target)
    assert keys.heading_focused()
    return target


def try_again(keys: Keys) -> None:
    keys.tab_to("#dfc-screen [data-dfc-retry]")
    keys.press("Enter")
    keys.frame.wait_for_selector(
        "#dfc-screen form[data-dfc-ready]:not([data-dfc-done])", timeout=WAIT
    )
    keys.frame.wait_for_function(
        "() => document.activeElement.matches('#dfc-screen h1')", timeout=WAIT
    )


def test_a_whole_course_by_keyboard_alone_at_320px(page, base_url):
    page.set_viewport_size({"width": 320, "height": 640})
    trainee = launch(page, base_url, "every-type-scorm2004", "2004")
    keys = Keys(page, trainee)
    frame = keys.frame
    data = trainee.data()
    kinds = {q["type"] for q in data["questions"].values()}
    assert kinds >= {"single", "multiple", "true-false", "matching", "ordering", "scenario"}

    # The start screen: the role by Enter, then Start by Enter.
    choose_radio(keys, "[data-dfc-role-form]", "rep")
    keys.press("Enter")
    assert frame.is_checked("#dfc-role-rep") and keys.screen() == "start"
    keys.tab_to(".dfc-start")
    keys.press("Enter")
    first = data["screens"][0]["id"]
    keys.wait_screen(first)
    assert keys.heading_focused()

    # The contents menu: Enter opens it, Escape closes it, Enter on a link goes there.
    keys.tab_to(".dfc-menu-toggle", back=True)
    keys.press("Enter")
    assert frame.get_attribute(".dfc-menu-toggle", "aria-expanded") == "true"
    keys.tab_to(".dfc-menu a")
    keys.press("Escape")
    assert frame.get_attribute(".dfc-menu-toggle", "aria-expanded") == "false"
    assert keys.focused(".dfc-menu-toggle") and frame.is_hidden("#dfc-menu")
    keys.press("Enter")
    second = data["screens"][1]["id"]
    keys.tab_to(f".dfc-menu a[data-dfc-screen='{second}']")
    keys.press("Enter")
    keys.wait_screen(second)
    assert keys.heading_focused() and frame.is_hidden("#dfc-menu")

    # Back and Next by Enter.
    keys.tab_to("[data-dfc-prev]")
    keys.press("Enter")
    keys.wait_screen(first)
    assert keys.heading_focused()
    next_screen(keys, data)

    results = {}
    while True:
        screen = next(s for s in data["screens"] if s["id"] == keys.screen())
        if screen["kind"] == "quiz":
            # A first go with two answers wrong, Try again by Enter, then all right.
            do_quiz(keys, data, screen["id"], lambda q: q["type"] not in ("single", "true-false"))
            try_again(keys)
            results["quiz"] = do_quiz(keys, data, screen["id"], lambda q: True)
        elif screen["kind"] == "diagnostic":
            results["diagnostic"] = self_assess(keys, data)
        elif screen["kind"] == "final":
            failed = do_quiz(
                keys, data, screen["id"], lambda q: q["type"] not in ("single", "true-false")
            )
            assert "You did not pass this time." in failed
            try_again(keys)
            results["final"] = do_quiz(keys, data, screen["id"], lambda q: True)
        if not frame.is_visible("[data-dfc-next]"):
            break
        next_screen(keys, data)

    assert "You got 6 of 6 right: 100%." in results["quiz"]
    # The knowledge check and the final both came in pages, walked by keyboard.
    kinds = {s["id"]: s["kind"] for s in data["screens"]}
    assert {kinds[s] for s, n in keys.pages.items() if n >= 2} == {"quiz", "final"}
    assert results["final"].startswith("You got 6 of 6 right: 100%. You passed.")
    assert results["final"].endswith("You have finished the course.")
    assert frame.inner_text("#dfc-progress-text") == "Course finished"
    assert page.problems == []

    cmi = close(page)
    assert cmi["completion_status"] == "completed"
    assert cmi["success_status"] == "passed"
    assert (cmi["score"]["raw"], cmi["score"]["scaled"]) == ("100", "1")
    role = [i for i in cmi["interactions"].values() if i["id"] == "role"]
    # Enter chose the first role, the arrow key the second: both choices are on record.
    assert [r["learner_response"] for r in role] == ["manager", "rep"]
    # The final's second attempt: every answer given by keyboard is on record as right.
    final = [i for i in cmi["interactions"].values() if i["id"].startswith("steps-")]
    second_go = [i for i in final if i["id"].endswith("-attempt-2")]
    assert len(second_go) == 5 + len(scenario_path(data["questions"]["steps-s1"], True))
    assert all(i["result"] == "correct" for i in second_go)
    assert any(i["result"] == "incorrect" for i in final if i not in second_go)


def self_assess(keys: Keys, data: dict) -> str:
    """The self-assessment by keyboard: Enter chooses, submits only from its button."""
    frame = keys.frame
    diag = data["diagnostic"]
    keys.trainee.ready()
    for qid in diag["questions"]:
        choose_radio(keys, f"#dfc-screen #q-{qid}", "b")
        assert frame.is_hidden("#dfc-screen [data-dfc-quiz-result]")
    keys.tab_to("#dfc-screen .dfc-submit")
    keys.press("Enter")
    frame.wait_for_selector("#dfc-screen [data-dfc-quiz-result]:not([hidden])", timeout=WAIT)
    assert keys.focused("#dfc-screen [data-dfc-quiz-result]")
    keys.tab_to("#dfc-screen [data-dfc-retry]")
    keys.press("Enter")
    frame.wait_for_function(
        "() => document.activeElement.matches('#dfc-screen h1')"
        " && !document.querySelector('#dfc-screen fieldset:disabled')",
        timeout=WAIT,
    )
    keys.tab_to("#dfc-screen .dfc-submit")
    keys.press("Enter")
    frame.wait_for_selector("#dfc-screen [data-dfc-quiz-result]:not([hidden])", timeout=WAIT)
    return frame.inner_text("#dfc-screen [data-dfc-quiz-result]")


def test_the_bundled_course_final_by_keyboard_alone_at_320px(page, base_url):
    """The bundled course's final, reached through the contents menu and passed by keyboard."""
    page.set_viewport_size({"width": 320, "height": 640})
    trainee = launch(page, base_url, "bundled-scorm2004", "2004")
    keys = Keys(page, trainee)
    data = trainee.data()
    final = next(s["id"] for s in data["screens"] if s["kind"] == "final")
    choose_radio(keys, "[data-dfc-role-form]", "manager")
    keys.tab_to(".dfc-start")
    keys.press("Enter")
    keys.wait_screen(data["screens"][0]["id"])
    keys.tab_to(".dfc-menu-toggle", back=True)
    keys.press("Enter")
    keys.tab_to(f".dfc-menu a[data-dfc-screen='{final}']")
    keys.press("Enter")
    keys.wait_screen(final)
    assert keys.heading_focused()
    result = do_quiz(keys, data, final, lambda q: True)
    assert "You passed." in result and result.endswith("You have finished the course.")
    assert page.problems == []
    cmi = close(page)
    assert (cmi["completion_status"], cmi["success_status"]) == ("completed", "passed")
    assert (cmi["score"]["raw"], cmi["score"]["scaled"]) == ("100", "1")
