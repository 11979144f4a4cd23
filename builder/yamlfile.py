"""Read YAML with the line of every key and item, so errors can name the line."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

Loc = tuple[str | int, ...]


class YamlSyntaxError(Exception):
    """A YAML file that cannot be read, with the 1-based line of the fault."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class YamlDoc:
    """Plain data read from a YAML file plus the line where each part starts."""

    path: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line(self, loc: Loc = ()) -> int | None:
        """Line of `loc`, or of the nearest enclosing part that has one."""
        loc = tuple(loc)
        while loc not in self.lines and loc:
            loc = loc[:-1]
        return self.lines.get(loc)


def parse_yaml(text: str, path: str, first_line: int = 1) -> YamlDoc:
    """Parse `text`; `first_line` is the file line the text starts on."""
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    try:
        node = yaml.load(text)
    except DuplicateKeyError as exc:
        key = str(exc.problem).split('"')[1] if '"' in str(exc.problem) else ""
        first = _first_key_line(text, exc, key)
        message = f'the key "{key}" appears twice'
        if first is not None:
            message += f" (first at line {first + first_line})"
        raise YamlSyntaxError(message + ": keep only one", _mark_line(exc, first_line)) from None
    except MarkedYAMLError as exc:
        raise YamlSyntaxError(_describe(exc), _mark_line(exc, first_line)) from None
    except YAMLError as exc:
        raise YamlSyntaxError(f"YAML syntax error: {exc}", None) from None
    doc = YamlDoc(path, None)
    doc.data = _to_plain(node, (), doc.lines, first_line)
    return doc


def _mark_line(exc: MarkedYAMLError, first_line: int) -> int | None:
    mark = exc.problem_mark or exc.context_mark
    unclosed = "quoted scalar" in (exc.context or "") or "<stream end>" in (exc.problem or "")
    if unclosed and exc.context_mark:
        mark = exc.context_mark  # where the unclosed quote or bracket opens, not the file's end
    return mark.line + first_line if mark else None


def _first_key_line(text: str, exc: MarkedYAMLError, key: str) -> int | None:
    """0-based line of the first `key:` in the mapping that repeats it (block style only)."""
    start, dup = exc.context_mark, exc.problem_mark
    if not key or start is None or dup is None:
        return None
    lines = text.split("\n")
    for index in range(start.line, dup.line):
        line = lines[index]
        rest = line[dup.column :]
        if (
            line[: dup.column].strip(" -") == ""
            and rest.startswith(key)
            and rest[len(key) :].lstrip(" ").startswith(":")
        ):
            return index
    return None


def _describe(exc: MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    if "'\\t'" in problem or "\\t" in problem:
        return "a tab character is not allowed here: indent YAML with spaces"
    if "found unexpected end of stream" in problem and "quoted" in (exc.context or ""):
        return "a quoted text is never closed: add the closing quote"
    if "<stream end>" in problem and "flow" in (exc.context or ""):
        return "a bracket [ or { is never closed: add the closing ] or }"
    if "expected <block end>" in problem:
        return (
            "this line does not fit with the lines above it: check its indentation, "
            "and that every quote opened above is closed"
        )
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return f"a bracket is not closed or a comma is missing ({problem})"
    context = f" {exc.context.strip()}" if exc.context else ""
    return f"YAML syntax error: {problem}{context}".strip()


def _to_plain(node: Any, loc: Loc, lines: dict[Loc, int], first: int) -> Any:
    if isinstance(node, CommentedMap):
        lines.setdefault(loc, node.lc.line + first)
        out: dict[str, Any] = {}
        for key, value in node.items():
            name = _key(key)
            child = (*loc, name)
            lines[child] = node.lc.key(key)[0] + first
            out[name] = _to_plain(value, child, lines, first)
        return out
    if isinstance(node, CommentedSeq):
        lines.setdefault(loc, node.lc.line + first)
        items = []
        for index, value in enumerate(node):
            lines[(*loc, index)] = node.lc.item(index)[0] + first
            items.append(_to_plain(value, (*loc, index), lines, first))
        return items
    return _scalar(node)


def _key(key: Any) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def _scalar(value: Any) -> Any:
    if value is None or isinstance(value, datetime.date):
        return value
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    return str(value)
