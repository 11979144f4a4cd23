"""The course in another language: the English model with every unit's translation put in.

A unit whose translation is missing or stale (its English changed since) stops the build,
named; with `allow_partial` it keeps its English, with a warning, and a Markdown block that
falls back carries `lang` with the course's own language, so a screen reader reads it as
English.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from pathlib import Path
from typing import Any

from markdown_it.token import Token
from pydantic import BaseModel

from builder.interface.catalogue import PSEUDO, pseudo
from builder.interface.foreign import Foreign
from builder.load.inline_codes import Piece, pieces, to_markdown
from builder.load.markup import PARSER
from builder.load.translations import FOLDER, Translation, read_translations
from builder.load.units import Unit, course_units
from builder.model.course import CourseModel, Page
from builder.model.languages import other_languages
from builder.model.problems import CourseError, Location, Problem, Problems, Severity

SHOWN = 10


def localised_models(
    root: Path, model: CourseModel, allow_partial: bool
) -> tuple[list[tuple[str, CourseModel]], list[Problem]]:
    """(language, model) for each language besides the course's own, and the warnings.

    Raises CourseError naming the untranslated units of every language, unless
    `allow_partial`, when they become warnings.
    """
    course = model.course
    problems = Problems()
    built = []
    for language in other_languages(course.language, course.languages):
        found = read_translations(root, language, problems)
        if language.lower() == PSEUDO.lower() and not found:
            found = pseudo_translations(model)
        localised, untranslated = localise(model, language, found, allow_partial)
        built.append((language, localised))
        if untranslated:
            message = _untranslated(language, untranslated, course.language, allow_partial)
            where = Location(f"{FOLDER}/{language}")
            (problems.warning if allow_partial else problems.error)(where, message)
    errors = [p for p in problems.items if p.severity is Severity.ERROR]
    if errors:
        raise CourseError(problems.items)
    return built, problems.sorted()


def pseudo_translations(model: CourseModel) -> dict[str, Translation]:
    """en-XA for the course's own texts, made as the interface's is: every unit "translated"."""
    found = {}
    for unit in course_units(model):
        source = pieces(unit.source)
        fake = [Piece("text", "[")]
        fake += [Piece("text", pseudo(p.text)[1:-1]) if p.kind == "text" else p for p in source]
        fake.append(Piece("text", "]"))
        markdown = unit.markdown or any(p.kind != "text" for p in source)
        found[unit.id] = Translation(to_markdown(fake, source, markdown), unit.hash, unit.path)
    return found


def _untranslated(language: str, ids: list[str], source: str, partial: bool) -> str:
    shown = ", ".join(ids[:SHOWN]) + (f" and {len(ids) - SHOWN} more" if len(ids) > SHOWN else "")
    if partial:
        return (
            f"{len(ids)} texts have no current {language} translation and stay in {source}: {shown}"
        )
    return (
        f"{len(ids)} texts have no current {language} translation: {shown}; "
        "see `dfc-course translate status`, or build with --allow-partial"
    )


def localise(
    model: CourseModel, language: str, found: dict[str, Translation], allow_partial: bool
) -> tuple[CourseModel, list[str]]:
    """A copy of `model` in `language`, and the ids of the units left untranslated."""
    copied = copy.deepcopy(model)
    owners = _block_owners(copied)
    inline: dict[str, Any] = {}
    updates: dict[str, list[tuple[tuple[str | int, ...], str | None]]] = defaultdict(list)
    untranslated = []
    for unit in course_units(copied):
        stored = found.get(unit.id)
        if stored is None or stored.hash != unit.hash:
            untranslated.append(unit.id)
            if allow_partial and unit.root:
                updates[unit.root].append((unit.place, None))  # keeps its text, marked
            elif allow_partial and getattr(unit.token, "type", None) == "inline":
                _mark_fallback(unit.token, owners, model.course.language)
            continue
        if unit.root:
            updates[unit.root].append((unit.place, stored.text))
        else:
            _put_markdown(unit, stored.text, inline)
    _put_yaml(copied, updates, model.course.language)
    copied.course = copied.course.model_copy(update={"language": language})
    return copied, untranslated


def _put_markdown(unit: Unit, text: str, inline: dict[str, Any]) -> None:
    token = unit.token
    if isinstance(token, Page):
        token.title = text
    elif token.type == "inline":
        token.children = PARSER.parseInline(text, {})[0].children
        token.content = text
        inline[unit.id] = token
    elif token.type.startswith("container_"):
        name = token.type[len("container_") : -len("_open")]
        token.info = f"{name} {text}"
    elif token.type == "image":
        parent_id, _, number = unit.id.rpartition(".alt")
        parent = inline.get(parent_id)
        images = [c for c in (parent.children if parent else [token]) if c.type == "image"]
        image = images[int(number) - 1] if parent and int(number) <= len(images) else token
        image.content = text
        image.children = [Token("text", "", 0, content=text)]


def _put_yaml(
    model: CourseModel,
    updates: dict[str, list[tuple[tuple[str | int, ...], str | None]]],
    source: str,
) -> None:
    """Put each translation in place; None keeps the source text, marked as in `source`."""

    def apply(root: BaseModel, changes: list[tuple[tuple[str | int, ...], str | None]]) -> Any:
        for place, text in changes:
            root = _replace(root, place, Foreign(_read(root, place), source) if text is None else text)
        return root

    if "course" in updates:
        model.course = apply(model.course, updates["course"])
    for module in model.modules:
        if f"module:{module.id}" in updates:
            module.meta = apply(module.meta, updates[f"module:{module.id}"])
        if module.quiz is not None and f"quiz:{module.id}" in updates:
            module.quiz = apply(module.quiz, updates[f"quiz:{module.id}"])
    if model.self_assessment is not None and "diagnostic" in updates:
        model.self_assessment = apply(model.self_assessment, updates["diagnostic"])


def _read(node: Any, place: tuple[str | int, ...]) -> str:
    for head in place:
        node = list(node)[head] if isinstance(head, int) else getattr(node, head)
    return node


def _replace(node: Any, place: tuple[str | int, ...], value: str) -> Any:
    if not place:
        return value
    head, rest = place[0], place[1:]
    if isinstance(head, int):
        items = list(node)
        items[head] = _replace(items[head], rest, value)
        return items
    return node.model_copy(update={head: _replace(getattr(node, head), rest, value)})


def _block_owners(model: CourseModel) -> dict[int, tuple[list[Any], int]]:
    """id(inline token) -> (its token list, its index), to find the block around it."""
    owners = {}
    lists = [m.intro_tokens for m in model.modules] + [
        p.tokens for m in model.modules for p in m.pages
    ]
    for tokens in lists:
        for index, token in enumerate(tokens):
            if token.type == "inline":
                owners[id(token)] = (tokens, index)
    return owners


def _mark_fallback(token: Any, owners: dict[int, tuple[list[Any], int]], language: str) -> None:
    """Give the block that shows `token` a `lang` attribute (a tight list's item, if hidden)."""
    tokens, index = owners[id(token)]
    block = tokens[index - 1]
    if block.hidden:
        block = next(t for t in reversed(tokens[:index]) if t.type == "list_item_open")
    block.attrSet("lang", language)
