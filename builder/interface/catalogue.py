"""Catalogues of interface text: `catalogues/<language>.yaml`, plus the pseudo-locale en-XA.

A message is a string with named placeholders (`{minutes}`), or, for a count, a mapping
from CLDR plural categories (zero, one, two, few, many, other) to strings; Babel picks the
category for the language. `en-XA` is made from en-GB: accented, about 40 % longer and in
brackets, so a screen shows at once which words bypass the catalogue and where longer
text would not fit.
"""

from __future__ import annotations

import math
import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

SOURCE = "en-GB"
PSEUDO = "en-XA"
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
ACCENTS = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķĺɱñöþǫŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)


def shipped() -> list[str]:
    """The languages with a catalogue of their own, and the pseudo-locale."""
    folder = resources.files("builder.interface") / "catalogues"
    names = sorted(p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml"))
    return [*names, PSEUDO]


def served_by(language: str) -> str | None:
    """The shipped language whose catalogue serves `language` (by tag, then by its first
    part: cy-GB is served by cy), or None when no catalogue does."""
    for tag in (language, language.split("-")[0]):
        for name in shipped():
            if name.lower() == tag.lower():
                return name
    return None


@cache
def messages(language: str) -> dict[str, Any]:
    """The catalogue for `language` ({key: message}), by tag, then by its first part."""
    if language.lower() == PSEUDO.lower():
        return {key: pseudo(value) for key, value in messages(SOURCE).items()}
    folder = resources.files("builder.interface") / "catalogues"
    for tag in (language, language.split("-")[0]):
        for entry in folder.iterdir():
            if entry.name.lower() == f"{tag.lower()}.yaml":
                return yaml.safe_load(entry.read_text(encoding="utf-8")) or {}
    return messages(SOURCE) if language != SOURCE else {}


class Interface:
    """The interface text of one language."""

    def __init__(self, language: str):
        self.language = language
        self.messages = messages(language)
        self.source = messages(SOURCE)

    def text(self, key: str, **params: Any) -> str:
        message = self.messages.get(key, self.source[key])
        if isinstance(message, dict):
            raise KeyError(f"{key} needs a count: use plural()")
        return message.format(**params)

    def plural(self, key: str, count: int | None, shown: str | None = None, **params: Any) -> str:
        """The form of `key` for `count`, showing `shown` (a formatted number, or a suppressed
        count's text) in its place when given; a count of None takes the `other` form."""
        message = self.messages.get(key, self.source[key])
        form = "other" if count is None else plural_category(self.language, count)
        text = message.get(form, message["other"])
        return text.format(count=count if shown is None else shown, **params)


    def html(self, key: str, count: int | None = None, **params: Any) -> Any:
        """The message as HTML (markupsafe's Markup): its words escaped, each placeholder
        escaped as jinja2 escapes a value (a Foreign text keeps its `lang` span, Markup stays
        as it is). With `count`, the plural form for it."""
        from html import escape

        from markupsafe import Markup

        message = self.messages.get(key, self.source[key])
        if isinstance(message, dict):
            form = "other" if count is None else plural_category(self.language, count)
            message = message.get(form, message["other"])
        if count is not None:
            params["count"] = count
        return Markup(escape(message, quote=False)).format(**params)

    def join(self, items: list[str], style: str = "standard") -> str:
        """`items` as a list in words ("a, b and c"; with style "or", "a, b or c"), by CLDR's
        list patterns (Babel)."""
        from babel.lists import format_list

        marks = [f"\x00{n}\x00" for n in range(len(items))]
        text = format_list(marks, style=style, locale=babel_locale(self.language))
        if self.language.lower() == PSEUDO.lower():
            text = text.translate(ACCENTS)
        for mark, item in zip(marks, items, strict=True):
            text = text.replace(mark, item)
        return text


def babel_locale(language: str) -> Any:
    """Babel's locale for `language` (en-GB for the pseudo-locale or a tag Babel lacks)."""
    from babel import Locale, UnknownLocaleError

    tag = SOURCE if language.lower() == PSEUDO.lower() else language
    try:
        return Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(SOURCE.replace("-", "_"))


def plural_category(language: str, count: int) -> str:
    """CLDR's plural category of `count` in `language` (Babel's rules)."""
    return babel_locale(language).plural_form(count)


def pseudo(message: Any) -> Any:
    """en-XA: accented, about 40 % longer, bracketed; placeholders kept as they are."""
    if isinstance(message, dict):
        return {form: pseudo(text) for form, text in message.items()}
    parts = PLACEHOLDER.split(message)
    accented = "".join(
        part.translate(ACCENTS) if n % 2 == 0 else "{" + part + "}" for n, part in enumerate(parts)
    )
    extra = math.ceil(len(message) * 0.4)
    padding = " ".join("·" * min(5, extra - i) for i in range(0, extra, 5))
    return f"[{accented} {padding}]"


def placeholders(message: Any) -> set[str]:
    texts = message.values() if isinstance(message, dict) else [message]
    return {name for text in texts for name in PLACEHOLDER.findall(text)}
