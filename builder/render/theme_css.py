"""The course's theme as CSS: custom properties for light and dark, forced colours, the font.

The runtime's stylesheet (builder/runtime/dfc.css) uses only these properties for colour, so
a package's look is its theme's; the build has already checked every pair for contrast.
"""

from __future__ import annotations

import posixpath

from builder.model.palette import palette
from builder.model.theme import Theme

FONT_FORMATS = {".woff2": "woff2", ".woff": "woff", ".ttf": "truetype", ".otf": "opentype"}
SYSTEM_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif'


def shipped_name(path: str) -> str:
    """Where a theme file (logo or font) goes in a package."""
    return "theme/" + posixpath.basename(path)


def _properties(colours: dict[str, str]) -> str:
    return ":root{" + "".join(f"--{name}:{value};" for name, value in colours.items()) + "}"


def _family(name: str) -> str:
    generic = name.lower() in ("serif", "sans-serif", "monospace", "system-ui", "-apple-system")
    return name if generic or name.startswith("ui-") else '"' + name.replace('"', "") + '"'


def theme_css(theme: Theme) -> str:
    light = palette(theme.colours)
    dark = palette(theme.colours, dark=True)
    parts = [
        _properties(light),
        # Diagrams keep the light page's colour behind them in the dark scheme (dfc.css).
        "@media (prefers-color-scheme:dark){"
        + _properties({**dark, "figure-panel": light["bg"]})
        + "}",
    ]
    font = theme.font
    if font:
        if font.files:
            sources = ",".join(
                f'url("../{shipped_name(f)}") format("{FONT_FORMATS[posixpath.splitext(f)[1].lower()]}")'
                for f in font.files
            )
            parts.append(
                "@font-face{font-family:" + _family(font.family[0]) + f";src:{sources};"
                "font-display:swap}"
            )
        stack = ", ".join(_family(name) for name in font.family)
    else:
        stack = SYSTEM_STACK
    parts.append(":root{--font:" + stack + "}")
    return "".join(parts) + "\n"
