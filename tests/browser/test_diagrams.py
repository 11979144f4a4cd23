"""Diagrams on a phone (finding 15): every label of every diagram in the bundled course renders
at 12 px or more at 320 px, the diagram scrolls sideways inside a named, focusable region that
says it scrolls, arrow keys scroll it, and the page itself never scrolls sideways. In the dark
scheme each diagram sits on a framed light card."""

from __future__ import annotations

from typing import Any

import pytest
from equal_access import unexplained
from page_states import go, open_standalone
from test_accessibility import assert_accessible
from test_names_and_cues import accessible
from test_schemes import colour_of, hex_colour

from builder.model.palette import contrast

FLOOR_PX = 12
CUE = "This diagram is wider than the screen: scroll it sideways to see all of it."

# The browser's own measure of each label as drawn at the picture's rendered size: the SVG file
# is drawn inline at the same width and height as the <img>, and each text's computed font
# size is multiplied by the scale its transform to the screen applies.
LABEL_SIZES = """async img => {
  const box = img.getBoundingClientRect();
  const source = await (await fetch(img.src)).text();
  const parsed = new DOMParser().parseFromString(source, 'image/svg+xml').documentElement;
  const svg = document.importNode(parsed, true);
  svg.setAttribute('width', box.width);
  svg.setAttribute('height', box.height);
  const holder = document.createElement('div');
  holder.appendChild(svg);
  document.body.appendChild(holder);
  const sizes = Array.from(svg.querySelectorAll('text')).map(text => {
    const m = text.getScreenCTM();
    const scale = Math.min(Math.hypot(m.a, m.b), Math.hypot(m.c, m.d));
    return {text: text.textContent, px: parseFloat(getComputedStyle(text).fontSize) * scale};
  });
  holder.remove();
  return {width: box.width, sizes: sizes};
}"""


def diagram_screens(page: Any, trainee: Any) -> list[int]:
    """Indexes of the screens that show a diagram, each screen shown once to find out."""
    found = []
    for index, screen in enumerate(trainee.data()["screens"]):
        if screen["kind"] == "page":
            show(page, trainee, index)
            if page.query_selector("#dfc-screen img[src$='.svg']"):
                found.append(index)
    return found


def show(page: Any, trainee: Any, index: int) -> None:
    go(page, index)
    page.wait_for_function("i => DFC.app.nav.current === i", arg=index)
    trainee.ready()


def page_scrolls_sideways(page: Any) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_every_diagram_label_is_readable_and_the_page_does_not_scroll_sideways(
    page, base_url, width
):
    page.set_viewport_size({"width": width, "height": 700})
    trainee = open_standalone(page, base_url, "bundled")
    trainee.start("manager")
    labels = diagrams = 0
    for index in diagram_screens(page, trainee):
        show(page, trainee, index)
        for img in page.query_selector_all("#dfc-screen img[src$='.svg']"):
            diagrams += 1
            measured = img.evaluate(LABEL_SIZES)
            small = [s for s in measured["sizes"] if s["px"] < FLOOR_PX]
            assert not small, (img.get_attribute("src"), measured["width"], small)
            labels += len(measured["sizes"])
        assert not page_scrolls_sideways(page), (width, index)
    assert diagrams == 4
    assert labels > 40


def test_a_diagram_wider_than_the_screen_is_a_named_region_reached_by_tab(page, base_url):
    """Checked the first time each screen shows, before its picture is in the cache."""
    page.set_viewport_size({"width": 320, "height": 700})
    trainee = open_standalone(page, base_url, "bundled")
    trainee.start("manager")
    seen = 0
    for index, screen in enumerate(trainee.data()["screens"]):
        if screen["kind"] != "page":
            continue
        show(page, trainee, index)
        if not page.query_selector("#dfc-screen img[src$='.svg']"):
            continue
        seen += 1
        alt = page.get_attribute("#dfc-screen .dfc-figure img", "alt")
        assert accessible(page, "#dfc-screen .dfc-figure") == [{"role": "region", "name": alt}]
        cue = page.locator("#dfc-screen .dfc-figure").locator(
            "xpath=preceding-sibling::*[1][contains(@class, 'dfc-scroll-cue')]"
        )
        assert cue.text_content() == CUE
        assert cue.is_visible()
        # From the screen's heading, Tab reaches the diagram before leaving the screen.
        page.focus("#dfc-screen h1")
        for _ in range(40):
            page.keyboard.press("Tab")
            where = page.evaluate(
                "() => document.activeElement.matches('#dfc-screen .dfc-figure') ? 'figure'"
                " : document.activeElement.closest('#dfc-screen') ? 'screen' : 'out'"
            )
            if where != "screen":
                break
        assert where == "figure", index
        box = page.locator("#dfc-screen .dfc-figure")
        assert box.evaluate("b => b.scrollLeft") == 0
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "() => document.querySelector('#dfc-screen .dfc-figure').scrollLeft > 0"
        )
        assert not page_scrolls_sideways(page)
        page.keyboard.press("ArrowLeft")
        page.wait_for_function(
            "() => document.querySelector('#dfc-screen .dfc-figure').scrollLeft === 0"
        )
        assert not page_scrolls_sideways(page)
    assert seen == 4


def test_a_diagram_that_fits_is_neither_a_stop_nor_cued(page, base_url):
    trainee = open_standalone(page, base_url, "bundled")
    trainee.start("manager")
    (index, *_rest) = diagram_screens(page, trainee)
    show(page, trainee, index)
    figure = "#dfc-screen .dfc-figure"
    assert page.eval_on_selector(figure, "b => [b.tabIndex, b.getAttribute('role')]") == [-1, None]
    assert not page.query_selector("#dfc-screen .dfc-scroll-cue")
    page.set_viewport_size({"width": 320, "height": 700})
    page.wait_for_selector("#dfc-screen .dfc-scroll-cue")
    assert page.eval_on_selector(figure, "b => b.tabIndex") == 0
    page.set_viewport_size({"width": 1280, "height": 700})
    page.wait_for_function("() => !document.querySelector('#dfc-screen .dfc-scroll-cue')")
    assert page.eval_on_selector(figure, "b => b.getAttribute('role')") is None


# What a diagram's wrapper shows in the page's scheme, and whether anything recolours the picture.
FIGURE_CARD = """box => {
  const s = getComputedStyle(box), img = box.querySelector('img'), i = getComputedStyle(img);
  const page = getComputedStyle(document.body).backgroundColor;
  return {background: s.backgroundColor, page: page, padding: parseFloat(s.paddingLeft),
          border: parseFloat(s.borderTopWidth), borderColour: s.borderTopColor,
          radius: parseFloat(s.borderTopLeftRadius),
          recoloured: [s.filter, i.filter, s.mixBlendMode, i.mixBlendMode]
            .some(v => v !== 'none' && v !== 'normal'),
          fits: box.getBoundingClientRect().right <= document.documentElement.clientWidth};
}"""


@pytest.mark.parametrize("width", [375, 1280])
def test_in_the_dark_scheme_every_diagram_sits_on_a_framed_light_card(page, base_url, width):
    """The SVGs paint their own white ground: on a dark page each diagram is a card of the light
    scheme's page colour, framed in the dark scheme's rule colour, the picture never recoloured
    (its text keeps the contrast it has against its own ground), its labels as large as in the
    light scheme; axe and Equal Access find nothing on those screens."""
    page.set_viewport_size({"width": width, "height": 700})
    page.emulate_media(color_scheme="light")
    trainee = open_standalone(page, base_url, "bundled")
    light_bg = colour_of(page, "bg")
    page.emulate_media(color_scheme="dark")
    dark_bg, line = colour_of(page, "bg"), colour_of(page, "line")
    trainee.start("manager")
    cards = 0
    for index in diagram_screens(page, trainee):
        show(page, trainee, index)
        for box in page.query_selector_all("#dfc-screen .dfc-figure"):
            cards += 1
            card = box.evaluate(FIGURE_CARD)
            assert hex_colour(card["page"]) == dark_bg, card
            assert hex_colour(card["background"]) == light_bg, card
            assert contrast(light_bg, dark_bg) >= 3, (light_bg, dark_bg)
            assert card["padding"] >= 8 and card["border"] >= 1 and card["radius"] > 0, card
            assert hex_colour(card["borderColour"]) == line, card
            assert not card["recoloured"] and card["fits"], card
            small = [s for s in box.query_selector("img").evaluate(LABEL_SIZES)["sizes"]
                     if s["px"] < FLOOR_PX]
            assert not small, (index, small)
        assert not page_scrolls_sideways(page), (width, index)
        where = f"diagram screen {index} (dark) at {width} px"
        assert_accessible(page, where)
        assert not unexplained(page, where)
    assert cards == 4
