"""Every colour the trainee's screen uses, derived from a theme's tokens, light and dark.

`palette()` gives the CSS custom properties; `PAIRS` names every foreground/background pair
the runtime's stylesheet puts together, with the contrast WCAG 2.2 AA asks of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.model.theme import Colours

TEXT = 4.5  # body-size text (WCAG 1.4.3)
NON_TEXT = 3.0  # borders, bars, focus rings and large text (WCAG 1.4.11, 1.4.3)


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def hex_of(r: float, g: float, b: float) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in (r, g, b))


def mix(a: str, b: str, share: float) -> str:
    """`a` moved `share` of the way towards `b`."""
    return hex_of(*(x + (y - x) * share for x, y in zip(rgb(a), rgb(b), strict=True)))


def luminance(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def palette(colours: Colours, dark: bool = False) -> dict[str, str]:
    """CSS custom property name (without --) -> colour, for the light or the dark scheme."""
    c = colours
    if dark:
        bg, text = mix(c.text, "#000000", 0.8), c.background
        link, accent = mix(c.link, "#ffffff", 0.55), mix(c.accent, "#ffffff", 0.5)
        right, wrong = mix(c.right, "#ffffff", 0.45), mix(c.wrong, "#ffffff", 0.45)
        panel, muted = mix(bg, text, 0.1), mix(text, bg, 0.25)
    else:
        bg, text, link, accent, right, wrong = (
            c.background, c.text, c.link, c.accent, c.right, c.wrong
        )  # fmt: skip
        panel = c.panel or mix(bg, text, 0.05)
        muted = c.muted or mix(text, bg, 0.25)
    return {
        "text": text,
        "bg": bg,
        "panel": panel,
        "muted": muted,
        "line": mix(bg, text, 0.3),
        "brand": c.brand,
        "on-brand": c.background,
        "link": link,
        "link-hover": mix(link, text, 0.4),
        "link-visited": mix(link, text, 0.25),
        "accent": accent,
        "accent-hover": mix(accent, text, 0.3),
        "on-accent": bg,
        "your-lens": mix(bg, accent, 0.1),
        "right": right,
        "wrong": wrong,
        "focus": c.focus,
    }


@dataclass(frozen=True)
class Pair:
    fg: str  # palette name of the foreground
    bg: str  # palette name of the background
    minimum: float
    what: str  # where the runtime uses it, as the message says
    token: str  # the theme token to change to put it right


PAIRS = (
    Pair("text", "bg", TEXT, "body text", "text"),
    Pair("text", "panel", TEXT, "text in notes, lenses and boxes", "text"),
    Pair("text", "your-lens", TEXT, "text in the trainee's own lens box", "text"),
    Pair("muted", "bg", TEXT, "hints and captions", "muted"),
    Pair("muted", "panel", TEXT, "a disabled button's text", "muted"),
    Pair("link", "bg", TEXT, "links", "link"),
    Pair("link", "panel", TEXT, "links in notes and the current menu item", "link"),
    Pair("link-hover", "bg", TEXT, "links under the pointer", "link"),
    Pair("link-visited", "bg", TEXT, "visited links", "link"),
    Pair("on-brand", "brand", TEXT, "the header's text", "brand"),
    Pair("on-accent", "accent", TEXT, "button text", "accent"),
    Pair("on-accent", "accent-hover", TEXT, "button text under the pointer", "accent"),
    Pair("accent", "bg", TEXT, "secondary buttons and chosen options", "accent"),
    Pair("accent", "panel", NON_TEXT, "the self-assessment's profile bars", "accent"),
    Pair("right", "bg", TEXT, "right-answer feedback", "right"),
    Pair("wrong", "bg", TEXT, "wrong-answer feedback and errors", "wrong"),
)

# The focus ring is a 3 px outline in the text colour inside a glow in the focus colour: it
# shows when either contrasts enough with what surrounds the focused control.
FOCUS_SURROUNDS = (("bg", "the page"), ("panel", "a box"), ("brand", "the header"))
