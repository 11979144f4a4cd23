"""Every translatable text of a course as a unit with an id that survives edits and reordering.

Ids come from what a trainer already names: YAML ids (questions, options, nodes, statements,
objectives) and, for Markdown, the module and page ids plus a block key: the slug of the
section's heading and the block's number in that section (`the-research.p2`, `steps.li3`,
`steps.cell4`), so moving a page, an option or a section never pairs a translation with
the wrong text. Translatable YAML fields are found by their type (`Text`), so a field a later
version adds is translated without a change here; `version` is the one `Text` that is not.
"""

from __future__ import annotations

import hashlib
import re
import typing
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from builder.load.inline_codes import pieces, plain_text
from builder.model.course import CourseModel, Module, Page
from builder.model.fields import Text

NOT_TRANSLATED = {"version"}
BOXES_WITH_TITLES = ("case-study", "activity", "template")
COURSE_PATH = "course/course.yaml"
COURSE_TITLE_MAX = 200  # SCORM 2004's smallest permitted maximum for a title


@dataclass
class Unit:
    """One translatable text. `place` finds it again: a YAML path, or the Markdown token."""

    id: str
    path: str
    source: str
    note: str
    markdown: bool  # the text is Markdown (a translation's own punctuation is escaped)
    line: int | None = None
    maxwidth: int | None = None
    root: str = ""  # for YAML: "course", "module:<id>", "quiz:<id>", "diagnostic"
    place: tuple[str | int, ...] = ()
    token: Any = None  # for Markdown: the inline token, container token, or image token

    @property
    def hash(self) -> str:
        return source_hash(self.source)


def source_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def course_units(model: CourseModel, quiz_paths: dict[str, str] | None = None) -> list[Unit]:
    """Every unit of the course, in reading order; ids are unique."""
    units = list(_model_units(model.course, "course", "course", COURSE_PATH, "the course"))
    for unit in units:
        if unit.place == ("title",):
            unit.maxwidth = COURSE_TITLE_MAX
    for module in model.modules:
        units += _module_units(module)
        if module.quiz is not None:
            path = (quiz_paths or {}).get(module.id, f"quizzes/{module.id}.yaml")
            where = f"the knowledge check of module “{module.meta.title}”"
            units += _model_units(
                module.quiz, f"quiz/{module.id}", f"quiz:{module.id}", path, where
            )
    if model.self_assessment is not None:
        stem = model.course.self_assessment or ""
        path = (quiz_paths or {}).get(stem, f"quizzes/{stem}.yaml")
        units += _model_units(
            model.self_assessment, f"quiz/{stem}", "diagnostic", path, "the self-assessment"
        )
    return units


def _module_units(module: Module) -> list[Unit]:
    scope = f"module/{module.id}"
    where = f"module “{module.meta.title}”"
    units = list(_model_units(module.meta, scope, f"module:{module.id}", module.path, where))
    units += _markdown_units(module.intro_tokens, f"{scope}:intro", module.path, where + " intro")
    for page in module.pages:
        units += _page_units(module, page)
    return units


def _page_units(module: Module, page: Page) -> list[Unit]:
    scope = f"page/{module.id}/{page.id}"
    where = f"the screen “{page.title}” in module “{module.meta.title}”"
    title = Unit(f"{scope}:title", page.path, page.title, f"Screen title of {where}.", False)
    title.line, title.token = 1, page  # a page's first line is its title
    return [title, *_markdown_units(page.tokens, scope, page.path, where)]


def _markdown_units(tokens: list[Any], scope: str, path: str, where: str) -> Iterator[Unit]:
    section, counts, slugs = "top", Counter[str](), Counter[str]()
    parents: list[str] = []
    line = None
    for index, token in enumerate(tokens):
        if token.map:
            line = token.map[0] + 1
        if token.type == "heading_open":
            slug = slugify(tokens[index + 1].content)
            slugs[slug] += 1
            section = slug if slugs[slug] == 1 else f"{slug}-{slugs[slug]}"
        if token.nesting == 1:
            parents.append(token.type)
        elif token.nesting == -1 and parents:
            parents.pop()
        if token.type.startswith("container_") and token.nesting == 1:
            name = token.type[len("container_") : -len("_open")]
            title = token.info.strip()[len(name) :].strip()
            if name in BOXES_WITH_TITLES and title:
                counts["box"] += 1
                key = f"{scope}:{section}.box{counts['box']}"
                note = f"Title of a {name.replace('-', ' ')} box on {where}."
                yield Unit(key, path, title, note, False, line, token=token)
        if token.type != "inline":
            continue
        kind = _block_kind(parents)
        if kind == "heading":
            key = f"{scope}:{section}.heading"
        else:
            counts[kind] += 1
            key = f"{scope}:{section}.{kind}{counts[kind]}"
        if plain_text(pieces(token.content)).strip():
            note = f"{_KIND_NOTES[kind]} on {where}."
            yield Unit(key, path, token.content, note, True, line, token=token)
        images = [c for c in token.children or [] if c.type == "image"]
        for number, image in enumerate(images, 1):
            note = f"Alternative text (read aloud instead of the picture) on {where}."
            yield Unit(f"{key}.alt{number}", path, image.content, note, False, line, token=image)


_KIND_NOTES = {
    "heading": "A heading",
    "p": "A paragraph",
    "li": "A list item",
    "cell": "A table cell",
    "quote": "A quotation",
}


def _block_kind(parents: list[str]) -> str:
    if "heading_open" in parents:
        return "heading"
    if "th_open" in parents or "td_open" in parents:
        return "cell"
    if "list_item_open" in parents:
        return "li"
    if "blockquote_open" in parents:
        return "quote"
    return "p"


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:48].strip("-") or "section"


def _model_units(model: BaseModel, scope: str, root: str, path: str, where: str) -> Iterator[Unit]:
    """Each `Text` field of a YAML model, its id built from the ids along its path."""
    for place, key, value, description in _texts(model, (), ()):
        note = f"{description[:1].upper()}{description[1:]}, in {where}." if description else ""
        unit_id = f"{scope}:{'.'.join(key)}"
        yield Unit(unit_id, path, value, note, _has_markup(value), root=root, place=place)


def _texts(
    model: BaseModel, place: tuple[str | int, ...], key: tuple[str, ...]
) -> Iterator[tuple[tuple[str | int, ...], tuple[str, ...], str, str]]:
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        description = info.description or ""
        if isinstance(value, BaseModel):
            yield from _texts(value, (*place, name), (*key, name))
        elif isinstance(value, str) and _is_text(info) and name not in NOT_TRANSLATED:
            yield (*place, name), (*key, name), value, description
        elif isinstance(value, list):
            for index, item in enumerate(value):
                item_key = (*key, name, _item_key(item, index))
                if isinstance(item, BaseModel):
                    yield from _texts(item, (*place, name, index), item_key)
                elif isinstance(item, str) and _is_text(info):
                    yield (*place, name, index), item_key, item, description


def _item_key(item: Any, index: int) -> str:
    return str(getattr(item, "id", None) or index + 1)


def _is_text(info: Any) -> bool:
    annotation = info.annotation
    if annotation is str:
        return any(getattr(m, "min_length", None) == 1 for m in info.metadata) and not any(
            getattr(m, "pattern", None) for m in info.metadata
        )
    return Text in typing.get_args(annotation)


def _has_markup(text: str) -> bool:
    return any(p.kind != "text" for p in pieces(text))


def yaml_lines(units: list[Unit], docs: dict[str, Any]) -> None:
    """Fill in each YAML unit's line from the files' line maps."""
    for unit in units:
        doc = docs.get(unit.path)
        if unit.line is None and doc is not None:
            unit.line = doc.line(unit.place)
