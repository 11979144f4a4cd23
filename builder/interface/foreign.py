"""A text shown in another language than the page around it (a fallback to the source).

`Foreign` is a `str` that remembers its language. Wherever jinja2 escapes it into HTML it
comes out inside `<span lang="…">`, so a screen reader reads it in its own language; its
string methods, JSON and XML see plain text. Where a span cannot go (an attribute, a
`<title>`), templates use the `plain` filter.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape


class Foreign(str):
    language: str

    def __new__(cls, text: str, language: str) -> Foreign:
        made = super().__new__(cls, text)
        made.language = language
        return made

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]
        return (str.__str__(self), self.language)

    def __html__(self) -> str:
        return wrap(self, escape(str.__str__(self)))


def wrap(text: Any, html: str) -> Markup:
    """`html` (made from `text`) in a span with the text's language, when it is Foreign."""
    if isinstance(text, Foreign):
        return Markup(f'<span lang="{escape(text.language)}">{html}</span>')
    return Markup(html)


def plain(value: Any) -> Any:
    """A Foreign text as a plain string (for attributes and titles); anything else as it is."""
    return str.__str__(value) if isinstance(value, Foreign) else value
