"""Turn pydantic's validation errors into problems in the trainer's words."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from builder.load.yamlfile import Loc, YamlDoc
from builder.model.problems import Location, Problem

# Lists whose entries are named by their id in messages: questions[3] -> question "lead-04".
NAMED_LISTS = {
    "questions": "question",
    "options": "option",
    "pairs": "pair",
    "items": "item",
    "objectives": "objective",
    "scale": "answer",
    "bands": "band",
    "nodes": "node",
    "choices": "choice",
    "endings": "ending",
    "elements": "element",
}
QUESTION_TYPES = ("single", "multiple", "true-false", "matching", "ordering", "scenario")


def validate(model: type[BaseModel], doc: YamlDoc) -> tuple[Any, list[Problem]]:
    """Validate `doc.data` as `model`; return the model (or None) and any problems."""
    if doc.data is None:
        return None, [Problem(Location(doc.path, 1), "the file is empty")]
    if not isinstance(doc.data, dict):
        return None, [
            Problem(Location(doc.path, doc.line() or 1), "expected a set of `key: value` lines")
        ]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        errors = _without_follow_ons(model, doc.data, exc.errors())
        return None, [_problem(model, doc, err) for err in errors]


def _without_follow_ons(model: type[BaseModel], data: Any, errors: list[Any]) -> list[Any]:
    """Drop `feedback: is missing` when the same entry has a misspelt `feedbak:`."""
    misspelt = set()
    for err in errors:
        if err["type"] == "extra_forbidden":
            loc = _data_loc(data, err["loc"])
            hint = _suggest(model, data, loc)
            if hint:
                misspelt.add((*loc[:-1], hint))
    return [
        err
        for err in errors
        if not (err["type"] == "missing" and _data_loc(data, err["loc"]) in misspelt)
    ]


def _suggest(model: type[BaseModel], data: Any, loc: Loc) -> str | None:
    """The known field an unknown field at `loc` is probably a misspelling of."""
    field = str(loc[-1]) if loc else ""
    hint = difflib.get_close_matches(field, _known_fields(model, data, loc[:-1]), n=1)
    return hint[0] if hint else None


def _problem(model: type[BaseModel], doc: YamlDoc, err: Any) -> Problem:
    loc = _data_loc(doc.data, err["loc"])
    if err["type"] == "union_tag_invalid":
        loc = (*loc, "type")  # point at the `type:` line, not the question's first line
    where = _describe_loc(doc.data, loc)
    field = str(loc[-1]) if loc and isinstance(loc[-1], str) else ""
    message = _message(model, doc.data, loc, err, field)
    prefix = ", ".join(where)
    return Problem(Location(doc.path, doc.line(loc)), f"{prefix}: {message}" if prefix else message)


def _data_loc(data: Any, loc: tuple[Any, ...]) -> Loc:
    """Drop the parts of pydantic's loc that are not in the data (union tags)."""
    out: list[Any] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part not in node:
            if part in QUESTION_TYPES or part.startswith(("function-", "tagged-union")):
                continue
            out.append(part)
            node = None
            continue
        out.append(part)
        node = _child(node, part)
    return tuple(out)


def _child(node: Any, part: Any) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and part < len(node):
        return node[part]
    return None


def _describe_loc(data: Any, loc: Loc) -> list[str]:
    """Name the entries on the way to the faulty field: question "x", option "b"."""
    parts: list[str] = []
    node = data
    parent_key = None
    for part in loc:
        child = _child(node, part)
        if isinstance(part, int) and parent_key in NAMED_LISTS:
            noun = NAMED_LISTS[parent_key]
            ident = child.get("id") if isinstance(child, dict) else None
            parts.append(f'{noun} "{ident}"' if ident else f"{noun} {part + 1}")
        parent_key = part if isinstance(part, str) else None
        node = child
    field = [p for p in loc if isinstance(p, str)]
    if field and not isinstance(loc[-1], int):
        parts.append(field[-1])
    elif len(loc) > 1 and loc[-2] not in NAMED_LISTS and isinstance(loc[-2], str):
        parts.append(loc[-2])  # an entry of a plain list, e.g. `packages: [pdf]`
    return parts


def _message(model: type[BaseModel], data: Any, loc: Loc, err: Any, field: str) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    # A plain entry of a list (an id in `modules:`) is named by its value in the message.
    quoted = f'"{value}" ' if loc and isinstance(loc[-1], int) and _plain(value) else ""
    if kind == "missing":
        return "is missing"
    if value is None and kind.endswith("_type"):
        return "is empty"  # `title:` with nothing after it
    if kind == "extra_forbidden":
        hint = _suggest(model, data, loc)
        known = _known_fields(model, data, loc[:-1])
        suggestion = f'; did you mean "{hint}"?' if hint else f" (allowed: {', '.join(known)})"
        return f"is not a known field{suggestion}"
    if kind == "union_tag_invalid":
        return f'"{ctx.get("tag")}" is not a question type; use one of: {", ".join(QUESTION_TYPES)}'
    if kind == "union_tag_not_found":
        node = data
        for part in loc:
            node = _child(node, part)
        keys = [k for k in node if isinstance(k, str)] if isinstance(node, dict) else []
        slip = difflib.get_close_matches("type", keys, n=1, cutoff=0.6)
        types = ", ".join(QUESTION_TYPES)
        if slip:
            return f'type is missing; did you mean "type" for "{slip[0]}"? Use one of: {types}'
        return f"type is missing; use one of: {types}"
    if kind == "string_pattern_mismatch":
        if field == "language":
            return 'should be a language tag such as "en-GB"'
        return f"{quoted}should use lower-case letters, digits and hyphens, starting with a letter"
    if kind in ("string_type",) and field == "version":
        return 'should be text: put the version in quotes, e.g. "1.0.0"'
    if kind == "string_too_short":
        return "is empty"
    if kind == "string_too_long":
        return f"{quoted}is too long (at most {ctx.get('max_length')} characters)"
    if kind == "too_short":
        least = ctx.get("min_length")
        return f"needs at least {least} {'entry' if least == 1 else 'entries'}"
    if kind == "too_long":
        return f"has too many entries (at most {ctx.get('max_length')})"
    if kind in ("greater_than_equal", "greater_than"):
        return f"should be at least {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"should be at most {ctx.get('le', ctx.get('lt'))}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "should be a whole number"
    if kind in ("bool_parsing", "bool_type"):
        return "should be true or false"
    if kind in ("string_type",):
        return "should be text"
    if kind in ("list_type",):
        return "should be a list (lines starting with -)"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "should be a set of `key: value` lines"
    if kind == "value_error" and ctx.get("error") is not None:
        return str(ctx["error"])  # a rule of our own model: its message is already plain
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        if _plain(value):
            return f'"{value}" is not one of: {expected}'
        return f"should be one of: {expected}"
    return err["msg"][0].lower() + err["msg"][1:]


def _plain(value: Any) -> bool:
    """A value short and simple enough to quote back to the trainer."""
    return isinstance(value, str | int | float) and len(str(value)) <= 60


def _known_fields(model: type[BaseModel], data: Any, loc: Loc) -> list[str]:
    """Find the model that owns `loc` and list its field names."""
    current: Any = model
    node = data
    for part in loc:
        node = _child(node, part)
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        current = _inner_model(field.annotation if field else None, node)
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def _inner_model(annotation: Any, node: Any) -> Any:
    """Reach the model class inside list[...], X | None and the question union."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) + getattr(annotation, "__metadata__", ()):
        found = _inner_model(arg, node)
        if found is not None:
            if isinstance(node, dict) and "type" in getattr(found, "model_fields", {}):
                tag = found.model_fields["type"].annotation.__args__[0]
                if node.get("type") != tag:
                    continue
            return found
    if hasattr(annotation, "__origin__"):
        return _inner_model(annotation.__origin__, node)
    return None
