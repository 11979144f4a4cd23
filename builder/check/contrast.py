"""The theme's colours against WCAG 2.2 AA: every pair the trainee's screen uses, light and dark.

A ratio is never rounded up: 4.499:1 fails where 4.5:1 is asked, and is shown as 4.49:1.
"""

from __future__ import annotations

import math

from builder.check.locations import COURSE_FILE, field_line
from builder.load.loader import Loaded
from builder.model.palette import FOCUS_SURROUNDS, NON_TEXT, PAIRS, Pair, contrast, mix, palette
from builder.model.problems import Problems
from builder.model.theme import Colours

SCHEMES = ((False, "light"), (True, "dark"))


def shown(ratio: float) -> str:
    """The ratio cut (not rounded) to two decimals, as `4.49:1`."""
    return f"{math.floor(ratio * 100) / 100:.2f}:1"


def _failing(colours: Colours, token: str | None = None) -> list[tuple[float, str, str, Pair]]:
    """(ratio, scheme, fg colour, pair) for each pair below its minimum (of `token` only)."""
    found = []
    for dark, scheme in SCHEMES:
        colours_of = palette(colours, dark)
        for pair in PAIRS:
            if token is not None and pair.token != token:
                continue
            ratio = contrast(colours_of[pair.fg], colours_of[pair.bg])
            if ratio < pair.minimum:
                found.append(
                    (ratio, scheme, colours_of[pair.fg] + " on " + colours_of[pair.bg], pair)
                )
    return found


def contrast_failures(colours: Colours) -> list[tuple[str, str]]:
    """(token, message): for each token with a failing pair, its worst pair and the nearest
    shade of the token that makes every pair of it pass, light and dark."""
    found: list[tuple[str, str]] = []
    failing = _failing(colours)
    for token in dict.fromkeys(pair.token for *_, pair in failing):
        mine = [f for f in failing if f[3].token == token]
        ratio, scheme, colours_shown, pair = min(mine, key=lambda f: f[0] / f[3].minimum)
        fix = nearest_passing(colours, token)
        more = len(mine) - 1
        found.append(
            (
                token,
                f"{pair.what} ({scheme} scheme) would be {colours_shown}, a contrast ratio of "
                f"{shown(ratio)}, below the {pair.minimum:g}:1 of WCAG 2.2 AA"
                + (
                    f" ({more} more {'pair of it fails' if more == 1 else 'pairs of it fail'} too)"
                    if more
                    else ""
                )
                + "; "
                + (
                    f"the nearest {token} colour that passes is {fix}"
                    if fix
                    else f"no shade of {token} passes: change the colour it is paired with"
                ),
            )
        )
    for dark, scheme in SCHEMES:
        colours_of = palette(colours, dark)
        for surround, where in FOCUS_SURROUNDS:
            around = colours_of[surround]
            ring = max(contrast(colours_of["text"], around), contrast(colours_of["focus"], around))
            if ring < NON_TEXT:
                found.append(
                    (
                        "focus",
                        f"the focus ring on {where} ({scheme} scheme): neither the text colour "
                        f"{colours_of['text']} nor the focus colour {colours_of['focus']} "
                        f"stands out from {around} (best {shown(ring)}, below the 3:1 of WCAG "
                        "2.2 AA); choose a focus colour that contrasts with it",
                    )
                )
    return found


def nearest_passing(colours: Colours, token: str) -> str | None:
    """The shade of `token`, towards black or towards white, nearest to its present colour,
    with which every pair of it passes in both schemes; None when no shade does."""
    start = getattr(colours, token) or palette(colours)[token]
    for step in range(1, 256):
        for end in ("#000000", "#ffffff"):
            shade = mix(start, end, step / 255)
            if not _failing(colours.model_copy(update={token: shade}), token):
                return shade
    return None


def check_theme_contrast(loaded: Loaded, problems: Problems) -> None:
    course = loaded.course
    if course is None:
        return
    for token, message in contrast_failures(course.theme.colours):
        location = field_line(loaded, COURSE_FILE, "theme", "colours", token)
        problems.error(location, f"theme.colours.{token}: {message}", rule="contrast")
