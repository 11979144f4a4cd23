"""`theme:` in course.yaml: an organisation's name, colours, logo and font.

The build derives every colour the trainee's screen uses from these tokens, light and dark,
and refuses a theme whose pairs fall below WCAG 2.2 AA (see builder/check/contrast.py).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from builder.model.fields import Strict, Text

HEX = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")

# Fonts a trainee's device already has: a theme may name these without shipping files.
SYSTEM_FONTS = frozenset(
    name.lower()
    for name in (
        "system-ui", "-apple-system", "BlinkMacSystemFont", "sans-serif", "serif",
        "monospace", "ui-sans-serif", "ui-serif", "ui-monospace", "ui-rounded",
        "Segoe UI", "Roboto", "Helvetica Neue", "Helvetica", "Arial", "Verdana", "Tahoma",
        "Trebuchet MS", "Georgia", "Times New Roman", "Cambria", "Calibri", "Noto Sans",
        "Ubuntu", "Cantarell", "Liberation Sans", "DejaVu Sans", "Menlo", "Consolas",
    )
)  # fmt: skip


def _colour(value: str) -> str:
    if not HEX.match(value):
        raise PydanticCustomError(
            "theme",
            '"{value}" is not a colour; write it as #rrggbb, e.g. "#1d4f91"',
            {"value": value},
        )
    value = value.lower()
    if len(value) == 4:
        value = "#" + "".join(c * 2 for c in value[1:])
    return value


Colour = Annotated[str, AfterValidator(_colour)]


class Colours(Strict):
    brand: Colour = Field("#1d4f91", description="the header's background")
    text: Colour = Field("#1b1b1b", description="body text")
    background: Colour = Field("#ffffff", description="the page's background")
    link: Colour = Field("#1d4f91", description="links")
    accent: Colour = Field("#1d4f91", description="buttons, borders and the result box")
    right: Colour = Field("#00703c", description="marks on right answers")
    wrong: Colour = Field("#b3261e", description="marks on wrong answers and errors")
    muted: Colour | None = Field(None, description="hints and captions; derived if left out")
    panel: Colour | None = Field(
        None, description="background of notes, lenses and boxes; derived if left out"
    )
    focus: Colour = Field("#ffdd00", description="the glow around the focus ring")


class Logo(Strict):
    file: Text = Field(description="the logo's file, relative to the course folder")
    alt: Text = Field(description="the logo's text alternative, e.g. the organisation's name")


class Font(Strict):
    family: list[Text] = Field(
        min_length=1, description="font names in order of preference, system fonts last"
    )
    files: list[Text] = Field(
        [], description="font files in the course (woff2, woff, ttf or otf) for the first name"
    )
    licence: Text | None = Field(None, description="the licence the font files are under")

    @model_validator(mode="after")
    def _licensed(self) -> Font:
        if self.files and not self.licence:
            raise PydanticCustomError(
                "theme", "font files need licence: the name of the licence they are under"
            )
        shipped = 1 if self.files else 0
        unknown = [f for f in self.family[shipped:] if f.lower() not in SYSTEM_FONTS]
        if unknown:
            raise PydanticCustomError(
                "theme",
                '"{name}" is not a system font; ship it in files: with its licence, '
                "or use system fonts such as system-ui, Arial, Georgia or sans-serif",
                {"name": unknown[0]},
            )
        return self


class Theme(Strict):
    organisation: Text | None = Field(None, description="the organisation's name")
    colours: Colours = Field(Colours(), description="the colour tokens")
    logo: Logo | None = Field(None, description="the organisation's logo, with its alt text")
    font: Font | None = Field(None, description="the font, if not the system's")
