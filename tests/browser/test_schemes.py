"""The dark scheme and forced colours on every page type, and the trainee's own choices after
marking drawn at full strength (not in a browser's faint disabled grey), light and dark."""

from __future__ import annotations

from typing import Any

import pytest
from page_states import course_states, open_standalone
from test_accessibility import assert_accessible

from builder.model.palette import contrast, hex_of, luminance

SCHEMES = {
    "light": {"color_scheme": "light"},
    "dark": {"color_scheme": "dark"},
    "forced": {"forced_colors": "active"},
}

OWN_CHOICES = """() => {
  const strength = e => { let o = 1; for (; e; e = e.parentElement) o *= +getComputedStyle(e).opacity; return o; };
  const shown = e => !!e.offsetParent;
  const inputs = [...document.querySelectorAll('#dfc-screen fieldset:disabled .dfc-option > input')]
    .filter(shown).map(i => { const s = getComputedStyle(i);
      return {checked: i.checked, strength: strength(i), appearance: s.appearance,
              background: s.backgroundColor, border: s.borderTopColor}; });
  const selects = [...document.querySelectorAll('#dfc-screen fieldset:disabled select')]
    .filter(shown).map(e => ({strength: strength(e), colour: getComputedStyle(e).color}));
  const labels = [...document.querySelectorAll(
      '#dfc-screen fieldset:disabled .dfc-option:has(> input:checked) > label')]
    .filter(shown).map(l => ({strength: strength(l), colour: getComputedStyle(l).color,
                              weight: getComputedStyle(l).fontWeight}));
  const body = getComputedStyle(document.body);
  return {inputs, selects, labels, text: body.color, bg: body.backgroundColor};
}"""


def own_choices(page: Any) -> dict[str, Any]:
    """OWN_CHOICES over every page of the marked quiz, from the first, by Next questions."""
    found = page.evaluate(OWN_CHOICES)
    while page.is_visible("#dfc-screen .dfc-page-next"):
        page.click("#dfc-screen .dfc-page-next")
        more = page.evaluate(OWN_CHOICES)
        for key in ("inputs", "selects", "labels"):
            found[key] += more[key]
    return found


def hex_colour(css: str) -> str:
    """`rgb(r, g, b)` as #rrggbb."""
    return hex_of(*(float(n) for n in css[css.index("(") + 1 : css.index(")")].split(",")[:3]))


def colour_of(page: Any, name: str) -> str:
    """The colour a theme property holds in the page's scheme, as #rrggbb."""
    return hex_colour(
        page.evaluate(
            "n => { const p = document.createElement('p'); p.style.color = `var(--${n})`;"
            " document.body.append(p); const c = getComputedStyle(p).color; p.remove();"
            " return c; }",
            name,
        )
    )


def marked_quiz(page: Any, base_url: str, scheme: str) -> Any:
    page.emulate_media(**SCHEMES[scheme])
    trainee = open_standalone(page, base_url, "bundled")
    trainee.start("rep")
    trainee.open("why-change-together/quiz")
    trainee.answer_all(right=False)
    trainee.submit()
    return trainee


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_own_choices_after_marking_are_drawn_at_full_strength(page, base_url, scheme):
    marked_quiz(page, base_url, scheme)
    found = own_choices(page)
    text, bg, accent = (colour_of(page, n) for n in ("text", "bg", "accent"))
    assert hex_colour(found["bg"]) == bg and contrast(text, bg) >= 4.5
    assert (luminance(bg) < luminance(text)) == (scheme == "dark")
    checked = [i for i in found["inputs"] if i["checked"]]
    unchecked = [i for i in found["inputs"] if not i["checked"]]
    assert checked and unchecked and found["selects"] and found["labels"]
    for control in found["inputs"] + found["selects"] + found["labels"]:
        assert control["strength"] == 1, control
    for box in checked:
        assert box["appearance"] == "none"
        assert hex_colour(box["background"]) == accent and hex_colour(box["border"]) == text
    for box in unchecked:
        assert hex_colour(box["background"]) == bg
        assert contrast(hex_colour(box["border"]), bg) >= 3
    assert contrast(accent, bg) >= 3
    for select in found["selects"]:
        assert hex_colour(select["colour"]) == text
    for label in found["labels"]:
        assert hex_colour(label["colour"]) == text and int(label["weight"]) >= 700


def test_own_choices_after_marking_keep_their_meaning_in_forced_colours(page, base_url):
    marked_quiz(page, base_url, "forced")
    found = own_choices(page)
    canvas, canvas_text = found["bg"], found["text"]
    assert canvas != canvas_text
    checked = [i for i in found["inputs"] if i["checked"]]
    unchecked = [i for i in found["inputs"] if not i["checked"]]
    assert checked and unchecked
    for box in checked:
        assert box["background"] == canvas_text and box["border"] == canvas_text
    for box in unchecked:
        assert box["background"] == canvas and box["border"] == canvas_text
    for label in found["labels"]:
        assert int(label["weight"]) >= 700


def keeps_meaning_in_forced_colours(page: Any, where: str) -> None:
    """What colour says elsewhere is said another way: marks in words, the trainee's own lens
    by a double edge, profile bars drawn in the text colour."""
    marks = page.eval_on_selector_all(
        "#dfc-screen .dfc-feedback:is(.dfc-right, .dfc-wrong):not([hidden])",
        "els => els.map(e => (e.querySelector('.dfc-mark') || {}).textContent || '')",
    )
    assert all(m.strip() for m in marks), where
    lenses = page.eval_on_selector_all(
        "#dfc-screen .dfc-your-lens", "els => els.map(e => getComputedStyle(e).borderLeftStyle)"
    )
    assert all(style == "double" for style in lenses), where
    bars = page.eval_on_selector_all(
        "#dfc-screen .dfc-bar",
        "bars => bars.map(b => [getComputedStyle(b).backgroundColor,"
        " getComputedStyle(b.parentElement).backgroundColor])",
    )
    assert all(bar != track for bar, track in bars), where


@pytest.mark.parametrize("scheme", ["dark", "forced"])
def test_every_page_state_passes_axe_dark_and_forced(page, base_url, scheme):
    page.emulate_media(**SCHEMES[scheme])
    for where in course_states(page, base_url, "bundled"):
        assert_accessible(page, f"{where} ({scheme})")
        if scheme == "forced":
            keeps_meaning_in_forced_colours(page, where)
        else:
            bg, text = (colour_of(page, n) for n in ("bg", "text"))
            assert (
                hex_colour(page.evaluate("getComputedStyle(document.body).backgroundColor")) == bg
            )
            assert luminance(bg) < luminance(text), where
