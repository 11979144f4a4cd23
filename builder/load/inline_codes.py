"""Inline Markdown as a translator sees it: text between numbered codes that must survive.

A translatable text (a paragraph, a heading, an option) is split into `Piece`s: plain text,
the start and end of a span (`**strong**`, `*emphasis*`, a link) and stand-alone codes (inline
code, an image, a hard line break). XLIFF writes spans as `<g>` and stand-alone codes as `<x/>`,
each with an id numbered in order, so a translator can move them but cannot break the
Markdown. `to_markdown` turns a translated sequence back into Markdown, taking each code's
Markdown from the English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from builder.load.markup import PARSER

# Text a translator types must not turn into Markdown by accident.
SPECIAL = re.compile(r"([\\`*_\[\]<>&!])")


@dataclass(frozen=True)
class Piece:
    """`kind` is "text", "open", "close" or "code"; `code` is the code's id (1, 2, ...)."""

    kind: str
    text: str = ""
    code: int = 0
    ctype: str = ""
    markdown: str = ""  # a code's own Markdown; for "open", what goes before the text
    after: str = ""  # for "open": what closes the span, e.g. "**" or "](url)"


def pieces(source: str) -> list[Piece]:
    """Split a text's inline Markdown into pieces (emphasis, links, code, images, breaks)."""
    tokens = PARSER.parseInline(source, {})
    children = tokens[0].children or [] if tokens else []
    out: list[Piece] = []
    opened: list[Piece] = []
    number = 0
    for token in children:
        kind = token.type
        if kind == "text":
            _add_text(out, token.content)
        elif kind == "softbreak":  # spaces before a line break never show
            if out and out[-1].kind == "text":
                out[-1] = Piece("text", out[-1].text.rstrip(" "))
            _add_text(out, "\n")
        elif kind in ("strong_open", "em_open", "link_open"):
            number += 1
            before, after = _span_marks(token)
            ctype = {"strong_open": "bold", "em_open": "italic"}.get(kind, "link")
            piece = Piece("open", code=number, ctype=ctype, markdown=before, after=after)
            opened.append(piece)
            out.append(piece)
        elif kind in ("strong_close", "em_close", "link_close") and opened:
            start = opened.pop()
            out.append(Piece("close", code=start.code, ctype=start.ctype, markdown=start.after))
        else:
            number += 1
            ctype = {"code_inline": "x-code", "image": "image", "hardbreak": "lb"}.get(
                kind, "x-markdown"
            )
            out.append(Piece("code", code=number, ctype=ctype, markdown=_code_markdown(token)))
    return out


def _add_text(out: list[Piece], text: str) -> None:
    if out and out[-1].kind == "text":
        out[-1] = Piece("text", out[-1].text + text)
    else:
        out.append(Piece("text", text))


def _span_marks(token: Any) -> tuple[str, str]:
    if token.type == "link_open":
        href = token.meta.get("dfc_target") or token.attrGet("href") or ""
        return "[", f"]({_destination(href, token.attrGet('title'))})"
    return token.markup, token.markup


def _code_markdown(token: Any) -> str:
    if token.type == "code_inline":
        fence = "`" * (_longest_run(token.content, "`") + 1)
        pad = " " if token.content.startswith("`") or token.content.endswith("`") else ""
        return f"{fence}{pad}{token.content}{pad}{fence}"
    if token.type == "image":
        src = token.meta.get("dfc_target") or token.attrGet("src") or ""
        return f"![{escape(token.content)}]({_destination(src, token.attrGet('title'))})"
    if token.type == "hardbreak":
        return "\\\n"
    return token.content


def _destination(url: str, title: str | None) -> str:
    """A link's or image's target as Markdown writes it: `url "title"`."""
    target = f"<{url}>" if re.search(r"[\s()]", url) else url
    return target + (' "' + title.replace('"', '\\"') + '"' if title else "")


def _longest_run(text: str, char: str) -> int:
    runs = re.findall(f"{re.escape(char)}+", text)
    return max((len(r) for r in runs), default=0)


def escape(text: str) -> str:
    """Backslash the characters that would make plain text into Markdown."""
    return SPECIAL.sub(r"\\\1", text)


def codes(items: list[Piece]) -> list[tuple[str, int, str]]:
    """The codes of a sequence, sorted, to compare a translation's with its source's."""
    return sorted((p.kind, p.code, p.ctype) for p in items if p.kind != "text")


def to_markdown(target: list[Piece], source: list[Piece], markdown: bool = True) -> str:
    """A translation as Markdown: its text (escaped when `markdown`), the source's codes."""
    by_code = {(p.kind, p.code): p for p in source}
    parts = []
    for piece in target:
        if piece.kind == "text":
            parts.append(escape(piece.text) if markdown else piece.text)
        else:
            parts.append(by_code[(piece.kind, piece.code)].markdown)
    return "".join(parts)


def plain_text(items: list[Piece]) -> str:
    """What a reader sees of a sequence: its text without codes."""
    return "".join(p.text for p in items if p.kind == "text")
