"""Markdown: parsed once at load time, rendered to safe HTML at render time.

Raw HTML is off, so whatever a trainer types shows as text. Special blocks use
`:::` fences (case-study, lens ROLE, activity, template, key-points). The headings of lens
and activity boxes are the course's own wording (`BlockWords`, from course.yaml); the other
box titles come from the interface catalogue.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from mdit_py_plugins.container import container_plugin

from builder.interface.catalogue import SOURCE, Interface

BLOCKS = ("case-study", "lens", "activity", "template", "key-points")


@dataclass(frozen=True)
class BlockWords:
    """The course's headings for lens boxes (by role id) and its label for activity boxes."""

    lenses: dict[str, str] = field(default_factory=dict)
    activity: str = "Activity"

    def lens_class(self, role: str) -> str:
        """` lens-N`, N the role's place in the course's roles: lens colours go by place."""
        order = list(self.lenses)
        return f" lens-{order.index(role) + 1}" if role in order else ""

    @classmethod
    def of(cls, course: Any) -> BlockWords:
        lenses = {role.id: role.lens_heading for role in course.roles}
        return cls(lenses, course.framing.activity)


NEUTRAL = BlockWords()
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def _render_block(name: str) -> Callable[..., str]:
    def render(self: Any, tokens: list[Any], idx: int, _options: Any, env: Any) -> str:
        token = tokens[idx]
        env = env if env is not None else {}
        words = env.get("interface") or Interface(SOURCE)
        if token.nesting == -1:
            if name == "template":
                env.pop("template_title", None)
                return (
                    '<p class="dfc-print-row"><button type="button" class="dfc-button dfc-print" '
                    f"data-dfc-print>{escapeHtml(words.text('box.print'))}</button></p>\n"
                    "</section>\n"
                )
            return "</aside>\n" if name != "key-points" else "</section>\n"
        info = token.info.strip()[len(name) :].strip()
        env["boxes"] = env.get("boxes", 0) + 1
        box = Box(name, info, f"dfc-box-{env['boxes']}")
        opened, heading = _open_block(box, words, env.get("words") or NEUTRAL)
        if name == "template":
            env["template_title"] = heading
        return opened

    return render


@dataclass(frozen=True)
class Box:
    """A `:::` block as written: its name, what follows the name, and its heading's id."""

    name: str
    info: str
    heading_id: str


def _open_block(box: Box, words: Interface, course: BlockWords) -> tuple[str, str]:
    """The block's opening HTML and its heading. Lens, case-study and activity boxes are named
    landmarks: each `<aside>` is labelled by its own visible heading."""
    name, info = box.name, box.info

    def title(key: str) -> str:
        text = words.text(f"{key}.titled", title=info) if info else words.text(key)
        return escapeHtml(text)

    def aside(attributes: str, heading: str) -> tuple[str, str]:
        return (
            f'<aside {attributes} aria-labelledby="{box.heading_id}">\n'
            f'<h2 id="{box.heading_id}">{heading}</h2>\n',
            heading,
        )

    if name == "lens":
        role = info.split()[0] if info else ""
        return aside(
            f'class="lens lens-{escapeHtml(role)}{course.lens_class(role)}" '
            f'data-dfc-lens="{escapeHtml(role)}"',
            escapeHtml(course.lenses.get(role) or words.text("box.lens")),
        )
    if name == "case-study":
        return aside('class="case-study"', title("box.case_study"))
    if name == "template":
        heading = title("box.template")
        return f'<section class="dfc-template">\n<h2>{heading}</h2>\n', heading
    if name == "activity":
        label = escapeHtml(course.activity)
        return aside('class="activity"', f"{label}: {escapeHtml(info)}" if info else label)
    heading = escapeHtml(words.text("box.key_points"))
    return f'<section class="key-points">\n<h2>{heading}</h2>\n', heading


def _table_open(self: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:
    """A template's table is captioned with the template's title, for screen readers (the
    same words head the box just above it)."""
    opened = self.renderToken(tokens, idx, options, env)
    title = (env or {}).get("template_title")
    if not title:
        return opened
    return f'{opened}<caption class="dfc-visually-hidden">{title}</caption>\n'


def _image(self: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:
    """An image; a diagram the render stage sized (`env["figure_widths"]`, by its URL in the
    package: least width, width, height) sits in a wrapper that scrolls sideways when the
    screen is narrower than its least width."""
    token = tokens[idx]
    figure = ((env or {}).get("figure_widths") or {}).get(token.attrGet("src") or "")
    if not figure:
        return self.image(tokens, idx, options, env)
    min_width, width, height = figure
    token.attrSet("width", str(width))
    token.attrSet("height", str(height))
    token.attrSet("data-dfc-min-width", str(min_width))
    return f'<span class="dfc-figure">{self.image(tokens, idx, options, env)}</span>'


def _validate(name: str) -> Callable[[str, str], bool]:
    def validate(params: str, _markup: str) -> bool:
        return params.strip().split(" ", 1)[0] == name

    return validate


def make_parser() -> MarkdownIt:
    """Return the one CommonMark parser the build uses (raw HTML off, tables on)."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    for name in BLOCKS:
        container_plugin(md, name, validate=_validate(name), render=_render_block(name))
    md.add_render_rule("table_open", _table_open)
    md.add_render_rule("image", _image)
    return md


PARSER = make_parser()
# Prompts and option texts: emphasis and code only, no links, images or blocks.
INLINE = MarkdownIt("zero", {"html": False}).enable(["emphasis", "backticks", "escape", "entity"])


def parse(text: str) -> list[Any]:
    """Parse Markdown into tokens; token.map lines are 0-based in `text`."""
    return PARSER.parse(text)


def inline(text: str) -> str:
    """Render a one-line text's emphasis (`**not**`) to safe HTML."""
    return INLINE.renderInline(text)


def plain(text: str) -> str:
    """A one-line text as it reads, without its emphasis marks."""
    return "".join(
        child.content
        for token in INLINE.parseInline(text)
        for child in token.children or []
        if child.type in ("text", "code_inline")
    )


def walk(tokens: list[Any]) -> Iterator[Any]:
    """Yield every token, inline children included."""
    for token in tokens:
        yield token
        if token.children:
            yield from walk(token.children)


def count_words(tokens: list[Any]) -> int:
    """Words a trainee reads on screen: a template is printed and filled in, so it is left out."""
    words, depth = 0, 0
    for token in tokens:
        if token.type == "container_template_open":
            depth += 1
        elif token.type == "container_template_close":
            depth -= 1
        elif not depth:
            words += sum(len(t.content.split()) for t in walk([token]) if t.type == "text")
    return words


def references(tokens: list[Any]) -> Iterator[tuple[str, str, int | None, Any]]:
    """Yield (kind, target, 0-based line, token) for each image and local link."""
    line = None
    for token in tokens:
        if token.map:
            line = token.map[0]
        for child in token.children or []:
            if child.type == "image":
                yield "image", child.attrGet("src") or "", line, child
            elif child.type == "link_open":
                yield "link", child.attrGet("href") or "", line, child


def is_external(target: str) -> bool:
    return bool(EXTERNAL.match(target)) or target.startswith("#")


def resolve(module_dir: str, target: str) -> str:
    """Resolve a path written in a module's file to a path relative to the course root."""
    path = target.split("#", 1)[0]
    return posixpath.normpath(posixpath.join(module_dir, path))


def render(
    tokens: list[Any],
    rewrite: Callable[[str, str], str | None] | None = None,
    language: str = SOURCE,
    words: BlockWords | None = None,
    figure_widths: dict[str, tuple[int, int, int]] | None = None,
) -> str:
    """Render tokens to HTML, passing image and link targets through `rewrite(kind, url)`.

    Box titles come from the interface catalogue of `language`; lens and activity boxes are
    headed in the course's `words` (neutral ones when None).

    `rewrite` returning None removes the link's target, leaving its text. `figure_widths`
    gives diagrams (by rewritten URL) their minimum width (builder/render/figures.py).
    """
    if rewrite:
        for kind, _target, _line, token in references(tokens):
            attr = "src" if kind == "image" else "href"
            # Keep the author's target so rendering twice never rewrites a rewritten URL.
            original = token.meta.setdefault("dfc_target", token.attrGet(attr) or "")
            if is_external(original):
                continue
            url = rewrite(kind, original)
            if url is None:
                token.attrs.pop(attr, None)  # not a link in this package: plain text
            else:
                token.attrSet(attr, url)
    env = {"interface": Interface(language), "words": words, "figure_widths": figure_widths}
    return PARSER.renderer.render(tokens, PARSER.options, env)
