"""What a screen reader hears, as Chromium's accessibility tree computes it: named boxes
(finding 12), captioned template tables with a cue when columns are out of view (13),
distinct names for each scenario's controls (14), and hints said once (16)."""

from __future__ import annotations

from typing import Any

import pytest
from page_states import SCENARIO_BOX, go, open_scenario, open_standalone
from scenario_course import scenario_site  # noqa: F401  (a fixture)


def accessible(page: Any, selector: str) -> list[dict[str, str]]:
    """Role and accessible name of each element matching `selector` that is in the
    accessibility tree, from Chromium's own computation (CDP Accessibility domain)."""
    cdp = page.context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        found = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})
        out = []
        for node in found["nodeIds"]:
            tree = cdp.send(
                "Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False}
            )
            ax = tree["nodes"][0]
            if ax.get("ignored"):
                continue
            out.append({"role": ax["role"]["value"], "name": ax.get("name", {}).get("value", "")})
        return out
    finally:
        cdp.detach()


def screens_of(trainee: Any, kind: str | None = None) -> list[tuple[int, dict[str, Any]]]:
    return [
        (i, s) for i, s in enumerate(trainee.data()["screens"]) if kind is None or s["kind"] == kind
    ]


def show(page: Any, trainee: Any, index: int) -> None:
    go(page, index)
    page.wait_for_function("i => DFC.app.nav.current === i", arg=index)
    trainee.ready()


def test_every_box_is_a_landmark_named_by_its_heading(page, base_url):
    trainee = open_standalone(page, base_url, "bundled")
    trainee.start("manager")
    boxes = 0
    for index, _screen in screens_of(trainee, "page"):
        show(page, trainee, index)
        headings = page.eval_on_selector_all(
            "#dfc-screen aside", "els => els.map(a => a.querySelector('h2').textContent)"
        )
        landmarks = accessible(page, "#dfc-screen aside")
        assert landmarks == [{"role": "complementary", "name": h} for h in headings]
        assert len(set(headings)) == len(headings), headings
        boxes += len(headings)
    assert boxes > 20


@pytest.mark.parametrize("width", [320, 1280])
def test_template_tables_are_captioned_and_say_when_columns_are_out_of_view(page, base_url, width):
    page.set_viewport_size({"width": width, "height": 700})
    trainee = open_standalone(page, base_url, "bundled")
    trainee.start("manager")
    tables = cued = 0
    for index, _screen in screens_of(trainee, "page"):
        show(page, trainee, index)
        for n, template in enumerate(page.query_selector_all("#dfc-screen .dfc-template")):
            if not template.query_selector("table"):
                continue
            tables += 1
            title = template.eval_on_selector("h2", "h => h.textContent")
            table = f"#dfc-screen .dfc-template >> nth={n} >> table"
            named = accessible(page, "#dfc-screen .dfc-template table")
            assert {"role": "table", "name": title} in named
            wide = page.eval_on_selector(table, "t => t.scrollWidth > t.clientWidth + 1")
            cue = page.eval_on_selector(
                table,
                "t => { const p = t.previousElementSibling;"
                " return p && p.classList.contains('dfc-scroll-cue') ? p.textContent : null; }",
            )
            if wide:
                cued += 1
                assert cue == (
                    "This table is wider than the screen: scroll it sideways to see every column."
                )
                assert page.is_visible(f"{table} >> xpath=preceding-sibling::p[1]")
            else:
                assert cue is None
    assert tables == 6
    assert (cued > 0) == (width == 320)


def test_the_cue_goes_when_the_table_fits(page, base_url):
    page.set_viewport_size({"width": 320, "height": 700})
    trainee = open_standalone(page, base_url, "bundled")
    trainee.start("manager")
    for index, _screen in screens_of(trainee, "page"):
        show(page, trainee, index)
        if page.query_selector("#dfc-screen .dfc-scroll-cue"):
            break
    else:
        raise AssertionError("no table is wider than a 320 px screen")
    page.set_viewport_size({"width": 1280, "height": 700})
    page.wait_for_function("() => !document.querySelector('#dfc-screen .dfc-scroll-cue')")
    page.set_viewport_size({"width": 320, "height": 700})
    page.wait_for_selector("#dfc-screen .dfc-scroll-cue")


def scenario_names(page: Any) -> list[str]:
    """Names of the shown scenario steps' choice groups and Decide buttons."""
    return [
        a["name"]
        for a in accessible(
            page, "#dfc-screen .dfc-node:not([hidden]) :is(fieldset, [data-dfc-decide])"
        )
    ]


def test_each_scenario_step_names_its_choices_and_decide_button_apart(page, base_url):
    """The final shows its scenarios a page each: across the whole final, no two choice groups
    and no two Decide buttons share a name, and each button's name starts with its visible
    word."""
    trainee = open_standalone(page, base_url, "bundled")
    trainee.start("manager")
    ((index, _final),) = screens_of(trainee, "final")
    # The final draws its questions by a seed made at random, and a draw may hold one scenario
    # or none. Give the attempt the first seed with which the runtime's own draw holds three.
    seed = page.evaluate(
        """() => {
            const data = DFC.app.data;
            for (let seed = 1; seed < 10000; seed++) {
                const ids = DFC.Quiz.drawn(data, 'final', {seed: seed});
                if (ids.filter(q => data.questions[q].type === 'scenario').length >= 3) {
                    DFC.app.state.quizzes.final = Object.assign(DFC.State.emptyQuiz(), {seed: seed});
                    return seed;
                }
            }
            return 0;
        }"""
    )
    assert seed, "no seed draws three scenarios into the final"
    show(page, trainee, index)
    names: list[str] = []
    for _ in range(60):
        names += scenario_names(page)
        if not page.is_visible("#dfc-screen .dfc-page-next"):
            break
        page.click("#dfc-screen .dfc-page-next")
    decide = [n for n in names if n.startswith("Decide ")]
    groups = [n for n in names if not n.startswith("Decide ")]
    assert len(decide) >= 3 and len(groups) == len(decide)
    assert len(set(decide)) == len(decide), decide
    assert len(set(groups)) == len(groups), groups


@pytest.mark.usefixtures("scenario_site")
def test_steps_of_one_scenario_are_named_apart(page, base_url):
    open_scenario(page, base_url)
    first = scenario_names(page)
    page.check(f"{SCENARIO_BOX} [data-dfc-node='n1'] input[value='a']")
    page.click(f"{SCENARIO_BOX} [data-dfc-node='n1'] [data-dfc-decide]")
    page.wait_for_selector(f"{SCENARIO_BOX} [data-dfc-node='n2']:not([hidden])")
    second = [n for n in scenario_names(page) if n not in first]
    assert len(first) == 2 and len(second) == 2
    title = " ".join(page.inner_text(f"{SCENARIO_BOX} .dfc-scenario-title").split())
    for name in first + second:
        assert " ".join(name.split()).startswith(("Decide " + title, title)), (name, title)


def test_a_hint_is_said_once(page, base_url):
    """The hint under a question says how to answer; the prompt above it does not repeat it."""
    trainee = open_standalone(page, base_url, "bundled")
    trainee.start("manager")
    multiple = 0
    for index, _screen in screens_of(trainee, "quiz"):
        show(page, trainee, index)
        for box in page.query_selector_all("#dfc-screen .dfc-question[data-dfc-type]"):
            hint = box.query_selector(":scope > fieldset > .dfc-hint")
            if not hint:
                continue
            prompt = box.eval_on_selector(
                "legend", "l => l.textContent.replace(l.querySelector('.dfc-qnum').textContent, '')"
            ).lower()
            for phrase in ("choose all", "that apply", "choose one", hint.inner_text().lower()):
                assert phrase not in prompt, (box.get_attribute("id"), prompt)
            multiple += box.get_attribute("data-dfc-type") == "multiple"
    assert multiple >= 6
