"""Module Markdown as the handbook shows it: blocks found, images inlined, headings moved down."""

from __future__ import annotations

import base64
import copy
import mimetypes
import posixpath

from markdown_it.token import Token
from markupsafe import Markup

from builder.load import markup
from builder.model.course import Module


def blocks(tokens: list[Token], name: str) -> list[tuple[str, list[Token]]]:
    """(title or role, inner tokens) of each top-level `::: name` block in `tokens`."""
    opening, closing = f"container_{name}_open", f"container_{name}_close"
    found: list[tuple[str, list[Token]]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type != opening:
            index += 1
            continue
        depth, end = 1, index + 1
        while end < len(tokens) and depth:
            depth += {opening: 1, closing: -1}.get(tokens[end].type, 0)
            end += 1
        info = token.info.strip()[len(name) :].strip()
        found.append((info, tokens[index + 1 : end - 1]))
        index = end
    return found


def plain_inline(token: Token) -> str:
    """The plain text of an inline token (emphasis and links dropped)."""
    children = token.children or []
    return "".join(c.content for c in children if c.type in ("text", "code_inline")).strip()


def plain_text(tokens: list[Token]) -> str:
    """The words of `tokens` without Markdown, paragraphs joined by a space."""
    parts = []
    for token in tokens:
        if token.type != "inline":
            continue
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
        parts.append(" ")
    return " ".join("".join(parts).split())


def handbook_markdown(module: Module, tokens: list[Token]) -> Markup:
    """Render `tokens` with images inlined and headings moved below the handbook's own.

    Only the tokens that change are copied (a deep copy of every page costs more than the
    rest of the handbook); link and image targets are rewritten from their originals by
    markup.render, so the packages' rendering of the same tokens is unaffected.
    """
    folder = f"modules/{module.id}"
    tokens = [_for_handbook(token) for token in tokens]

    def rewrite(kind: str, target: str) -> str:
        resolved = markup.resolve(folder, target)
        if kind == "image":
            data = module.assets.get(resolved)
            if data is None:
                return ""
            mime = mimetypes.guess_type(resolved)[0] or "application/octet-stream"
            return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
        # A page or file of the module: point at the module's part of the handbook.
        return f"#module-{module.id}"

    return Markup(markup.render(tokens, rewrite))


def _for_handbook(token: Token) -> Token:
    if token.type in ("heading_open", "heading_close"):
        token = copy.copy(token)
        token.tag = f"h{min(6, int(token.tag[1]) + 2)}"
    elif token.children and any(child.type in ("image", "link_open") for child in token.children):
        token = copy.copy(token)
        token.children = [_inline_safe(child) for child in token.children]
    return token


def _own_attrs(token: Token) -> Token:
    """A copy whose attributes can be rewritten without touching the course model."""
    clone = copy.copy(token)
    clone.attrs = dict(token.attrs)
    clone.meta = dict(token.meta)
    return clone


def _inline_safe(token: Token) -> Token:
    """An image the handbook cannot embed (not a file of the module) becomes its alt text."""
    if token.type == "link_open":
        return _own_attrs(token)
    if token.type != "image":
        return token
    src = token.meta.get("dfc_target") or token.attrGet("src") or ""
    if markup.is_external(src) and not src.lower().startswith("data:"):
        alt = token.content or posixpath.basename(src)
        return Token("text", "", 0, content=f"[Image: {alt}]")
    return _own_attrs(token)
