"""A course in another organisation's colours: what the browser shows, light, dark and forced."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from branded_course import THEME, branded_site  # noqa: F401  (a fixture)
from test_accessibility import go, open_standalone

from builder.model.palette import palette, rgb
from builder.model.theme import Colours

pytestmark = pytest.mark.usefixtures("branded_site")
AXE = Axe()
CONTRAST_ONLY = {"runOnly": {"type": "rule", "values": ["color-contrast"]}}


def css_rgb(colour: str) -> str:
    return "rgb({}, {}, {})".format(*rgb(colour))


def style(page, selector: str, prop: str) -> str:
    return page.eval_on_selector(selector, f"e => getComputedStyle(e).{prop}")


def test_the_brand_shows_in_the_browser(page, base_url):
    open_standalone(page, base_url, "branded")
    colours = THEME["colours"]
    assert style(page, ".dfc-header", "backgroundColor") == css_rgb(colours["brand"])
    assert style(page, "body", "backgroundColor") == css_rgb(colours["background"])
    assert style(page, "body", "color") == css_rgb(colours["text"])
    assert style(page, ".dfc-start", "backgroundColor") == css_rgb(colours["accent"])
    assert style(page, "body", "fontFamily").startswith("Georgia")
    logo = page.locator(".dfc-header img.dfc-logo")
    assert logo.get_attribute("alt") == "Northshire Council"
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")


def every_page_state(page, trainee, check) -> None:
    """Run `check(where)` on the start screen and every screen, quizzes answered and marked."""
    check("start screen")
    trainee.start("manager")
    for index, screen in enumerate(trainee.data()["screens"]):
        go(page, index)
        check(screen["id"])
        if screen["kind"] in ("quiz", "final"):
            trainee.answer_all(right=False)
            trainee.submit()
            check(f"{screen['id']} marked")
        if screen["kind"] == "diagnostic":
            trainee.rate_all()
            trainee.submit()
            check(f"{screen['id']} result")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_type_has_enough_contrast(page, base_url, scheme):
    page.emulate_media(color_scheme=scheme)
    trainee = open_standalone(page, base_url, "branded")
    expected = palette(Colours(**THEME["colours"]), dark=scheme == "dark")
    assert style(page, "body", "backgroundColor") == css_rgb(expected["bg"])
    assert style(page, "body", "color") == css_rgb(expected["text"])

    def check(where: str) -> None:
        results = AXE.run(page, options=CONTRAST_ONLY)
        assert results.violations_count == 0, f"{scheme}, {where}:\n{results.generate_report()}"

    every_page_state(page, trainee, check)


def test_forced_colours_keep_every_meaning(page, base_url):
    page.emulate_media(forced_colors="active")
    trainee = open_standalone(page, base_url, "branded")
    trainee.start("rep")
    screens = trainee.data()["screens"]
    go(page, next(i for i, s in enumerate(screens) if s["kind"] == "diagnostic"))
    trainee.rate_all()
    trainee.submit()
    # Each profile bar is drawn in the text colour, apart from its track (finding 10).
    bars = page.eval_on_selector_all(
        ".dfc-bar",
        "bars => bars.map(b => [getComputedStyle(b).backgroundColor,"
        " getComputedStyle(b.parentElement).backgroundColor, b.getBoundingClientRect().width])",
    )
    assert bars and all(bar != track and width > 0 for bar, track, width in bars), bars
    # Marks stay in words, and the trainee's own lens keeps its wider edge.
    go(page, next(i for i, s in enumerate(screens) if s["kind"] == "quiz"))
    trainee.answer_all(right=False)
    trainee.submit()
    assert page.locator("#dfc-screen .dfc-mark").count() > 0
    assert page.inner_text("#dfc-screen .dfc-wrong .dfc-mark").strip()


# The header's visible parts, title included, and whether they share one line box: some
# horizontal line crosses every one of them.
HEADER_ROW = """() => {
  const header = document.querySelector('.dfc-header');
  const box = header.getBoundingClientRect();
  const parts = Array.from(header.children).filter(e =>
    !e.matches('.dfc-skip') && e.getClientRects().length);
  const rects = parts.map(e => e.getBoundingClientRect());
  const title = header.querySelector('.dfc-course-title');
  const style = getComputedStyle(title);
  return {
    parts: parts.map(e => e.className || e.tagName),
    oneRow: Math.max(...rects.map(r => r.top)) < Math.min(...rects.map(r => r.bottom)),
    height: box.height,
    inside: rects.every(r => r.left >= box.left - 0.5 && r.right <= box.right + 0.5),
    targets: Array.from(header.querySelectorAll('button, a[href]')).filter(e =>
      e.getClientRects().length && !e.matches('.dfc-skip')).map(e => {
        const r = e.getBoundingClientRect(); return [r.width, r.height]; }),
    titleLines: title.getBoundingClientRect().height / parseFloat(style.lineHeight),
    titleCut: title.scrollWidth > title.clientWidth,
    ellipsis: style.textOverflow,
    titleText: title.textContent.trim(),
    page: document.documentElement.scrollWidth > document.documentElement.clientWidth,
  };
}"""


@pytest.mark.parametrize("course", ["bundled", "branded"])
@pytest.mark.parametrize("width", [320, 375])
def test_the_phone_header_is_one_line(page, base_url, course, width):
    """The controls, the logo and the course title share one line of at most 48 px; a title
    too long for the room left ends in an ellipsis, but its whole text stays in the page."""
    page.set_viewport_size({"width": width, "height": 700})
    trainee = open_standalone(page, base_url, course)
    full_title = page.inner_text("#dfc-screen h1").strip()
    assert full_title in page.title()
    for where in ("start", "screen"):
        if where == "screen":
            trainee.start("manager")
            trainee.next()
        header = page.evaluate(HEADER_ROW)
        assert header["oneRow"] and header["height"] <= 48, (course, width, where, header)
        assert header["inside"] and not header["page"], header
        assert header["targets"] and all(w >= 24 and h >= 24 for w, h in header["targets"])
        assert header["titleLines"] <= 1.05 and header["titleText"] == full_title, header
        assert not header["titleCut"] or header["ellipsis"] == "ellipsis", header
    assert "dfc-course-title" in header["parts"]
    assert ("dfc-logo" in header["parts"]) == (course == "branded")
