"""Every state a trainee's page can be in, walked once for each accessibility engine.

Each walker is a generator: it brings the page to a state, yields the state's name for the
caller to check, then moves on. axe (test_accessibility.py, test_scenario_access.py) and IBM
Equal Access (test_equal_access.py) check the same states this way.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trainee import Trainee

SCENARIO_BOX = "#dfc-screen #q-rev-s1"


def open_standalone(page: Any, base_url: str, course: str) -> Trainee:
    page.goto(f"{base_url}/{course}-web/index.html")
    trainee = Trainee(page, in_lms=False)
    page.wait_for_function("() => !!(window.DFC && DFC.app && DFC.app.nav)")
    return trainee


def go(page: Any, index: int) -> None:
    page.evaluate("i => DFC.app.nav.go(i)", index)


def course_states(page: Any, base_url: str, course: str) -> Iterator[str]:
    """The start screen, every screen, and each quiz's error, results and self-assessment result."""
    trainee = open_standalone(page, base_url, course)
    yield "start screen"
    trainee.start("manager")
    for index, screen in enumerate(trainee.data()["screens"]):
        go(page, index)
        page.wait_for_function("i => DFC.app.nav.current === i", arg=index)
        trainee.ready()
        yield screen["id"]
        if screen["kind"] in ("quiz", "final"):
            trainee.submit()  # nothing answered yet: the quiz says which questions are left
            yield f"{screen['id']} with its error message"
            trainee.answer_all(right=False)
            trainee.submit()
            yield f"{screen['id']} results"
        if screen["kind"] == "diagnostic":
            trainee.rate_all()
            trainee.submit()
            yield f"{screen['id']} result"


def menu_states(page: Any, base_url: str) -> Iterator[str]:
    """The contents menu opened from the phone header (it is always open on a wide screen)."""
    open_standalone(page, base_url, "bundled")
    page.click(".dfc-menu-toggle")
    assert page.is_visible("#dfc-menu")
    assert page.get_attribute(".dfc-menu-toggle", "aria-expanded") == "true"
    yield "menu open"


def open_scenario(page: Any, base_url: str) -> Trainee:
    """The scenario fixture's review quiz, set up (its first question is a scenario)."""
    trainee = open_standalone(page, base_url, "scenario")
    trainee.start("rep")
    ids = [screen["id"] for screen in trainee.data()["screens"]]
    go(page, ids.index("review/quiz"))  # not through the menu: a phone shows it on request
    page.wait_for_function("() => DFC.data().screens[DFC.app.nav.current].id === 'review/quiz'")
    trainee.ready()
    return trainee


def scenario_states(page: Any, base_url: str) -> Iterator[str]:
    """Every step of a scenario: needs the scenario_site fixture."""
    trainee = open_scenario(page, base_url)
    box = SCENARIO_BOX
    yield "scenario, first step"
    page.click(f"{box} [data-dfc-node='n1'] [data-dfc-decide]")  # nothing chosen yet
    assert page.is_visible(f"{box} [data-dfc-node='n1'] [data-dfc-choose]")
    yield "scenario, decide with nothing chosen"
    page.check(f"{box} [data-dfc-node='n1'] input[value='a']")
    page.click(f"{box} [data-dfc-node='n1'] [data-dfc-decide]")
    yield "scenario, second step with the first consequence"
    page.check(f"{box} [data-dfc-node='n2'] input[value='b']")
    page.click(f"{box} [data-dfc-node='n2'] [data-dfc-decide]")
    yield "scenario, ending"
    trainee.answer("rev-01", right=True)
    trainee.submit()
    assert page.is_visible(f"{box} [data-dfc-path]")
    yield "scenario, marked"


def statement_states(page: Any, base_url: str) -> Iterator[str]:
    """The accessibility statement each package carries."""
    page.goto(f"{base_url}/bundled-web/accessibility.html")
    assert page.inner_text("h1").startswith("Accessibility statement for ")
    yield "the accessibility statement"
