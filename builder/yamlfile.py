"""Read YAML with the line of every key and item, so errors can name the line."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ruamel.yaml.error import MarkedYAMLError

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
    return _fast_parse(text, path, first_line) or _parse_ruamel(text, path, first_line)


def _parse_ruamel(text: str, path: str, first_line: int = 1) -> YamlDoc:
    """Parse any YAML with ruamel (imported only when needed: it is slow to import)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

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
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

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


# --- The fast path -------------------------------------------------------------------------
#
# ruamel's pure-Python round-trip parser costs about 1 ms per KB, which dominates a large
# build. Course files use a small part of YAML, so this reader handles that part line by
# line and gives up (returns None) on anything else: anchors, tags, nested flow collections,
# multi-line plain or quoted scalars, tabs, numbers other than plain integers, duplicate
# keys, and every syntax error. ruamel then reads the file as before, so results and error
# messages never differ; tests/test_yaml_fast.py checks both paths agree.


class _Bail(Exception):
    """The fast reader does not handle this text; ruamel reads it instead."""


_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)")
_INT = re.compile(r"0|[1-9][0-9]{0,17}")
_DOUBLE = re.compile(r'"((?:[^"\\]|\\.)*)"')
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
# Characters YAML does not allow in a stream, or treats as line breaks (tabs too: bail).
_NOT_PLAIN_TEXT = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)
_ESCAPES = {
    "0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "n": "\n", "v": "\x0b", "f": "\x0c",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
    "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_WORDS: dict[str, Any] = {
    "true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False,
    "null": None, "Null": None, "NULL": None, "~": None,
}  # fmt: skip
_NOT_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`<=+.0123456789")


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if len(code) > 1:
        value = int(code[1:], 16)
        if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
            raise _Bail
        return chr(value)
    if code not in _ESCAPES:
        raise _Bail
    return _ESCAPES[code]


def _plain(text: str) -> Any:
    """A one-line plain scalar (already stripped of its comment and outer spaces)."""
    if ": " in text or text.endswith(":") or " #" in text:
        raise _Bail
    first = text[0]
    if first in _NOT_PLAIN_START:
        if _INT.fullmatch(text):
            return int(text)
        raise _Bail
    if first in "tTfFnN~" and text in _WORDS:
        return _WORDS[text]
    return text


def _after(rest: str) -> None:
    """What follows a scalar on its line may only be spaces and a comment."""
    if rest and not (rest[0] == " " and rest.lstrip(" ").startswith("#")) and rest.strip(" "):
        raise _Bail


class _FastReader:
    def __init__(self, text: str, first_line: int):
        self.lines = text.split("\n")
        self.first = first_line
        self.out: dict[Loc, int] = {}
        self.pos = 0

    def read(self) -> Any:
        line = self._next()
        if line is None:
            return None
        indent, content = line
        if indent != 0 or content.startswith(("---", "...", "%", "- ", "-")):
            raise _Bail
        data = self._mapping(0, ())
        if self._next() is not None:
            raise _Bail
        return data

    def _next(self) -> tuple[int, str] | None:
        """Move to the next line that is not blank or a comment; None at the end."""
        lines = self.lines
        while self.pos < len(lines):
            line = lines[self.pos]
            content = line.lstrip(" ")
            if content and content[0] != "#":
                return len(line) - len(content), content
            self.pos += 1
        return None

    def _mapping(self, indent: int, loc: Loc) -> dict[str, Any]:
        """Keys at column `indent`, starting on the current line."""
        out: dict[str, Any] = {}
        self.out.setdefault(loc, self.pos + self.first)
        while True:
            line = self._next()
            if line is None or line[0] < indent:
                return out
            if line[0] > indent:
                raise _Bail
            self._entry(line[1], indent, loc, out)

    def _entry(self, content: str, indent: int, loc: Loc, out: dict[str, Any]) -> None:
        """`key: value` at column `indent` (the current line; content starts at the key)."""
        match = _KEY.match(content)
        if match is None:
            raise _Bail
        key = match.group(1)
        if key in out or key in _WORDS:
            raise _Bail
        child = (*loc, key)
        self.out[child] = self.pos + self.first
        out[key] = self._value(content[match.end() :], indent, child)

    def _value(self, rest: str, indent: int, loc: Loc) -> Any:
        """The value after `key:` (`rest`, may be empty) of a key at column `indent`."""
        if not rest or rest[0] == "#":
            self.pos += 1
            line = self._next()
            if line is None or line[0] < indent:
                return None
            if line[0] == indent:
                if line[1] == "-" or line[1].startswith("- "):
                    return self._sequence(indent, loc)
                return None
            if line[1] == "-" or line[1].startswith("- "):
                return self._sequence(line[0], loc)
            return self._mapping(line[0], loc)
        first = rest[0]
        if first in "|>":
            return self._block(rest, indent)
        value = self._inline(rest, loc)
        self.pos += 1
        line = self._next()
        if line is not None and line[0] > indent:
            raise _Bail  # a continuation line, or a syntax error
        return value

    def _inline(self, rest: str, loc: Loc) -> Any:
        """A scalar or flow sequence that ends on this line."""
        first = rest[0]
        if first == '"':
            match = _DOUBLE.match(rest)
            if match is None:
                raise _Bail
            _after(rest[match.end() :])
            return _ESCAPE.sub(_unescape, match.group(1)) if "\\" in rest else match.group(1)
        if first == "'":
            match = _SINGLE.match(rest)
            if match is None:
                raise _Bail
            _after(rest[match.end() :])
            return match.group(1).replace("''", "'")
        if first == "[":
            return self._flow(rest, loc)
        if first == "{":
            return self._flow_map(rest, loc)
        hash_at = rest.find(" #")
        text = (rest if hash_at < 0 else rest[:hash_at]).rstrip(" ")
        return _plain(text)

    def _flow(self, rest: str, loc: Loc) -> list[Any]:
        """`[a, "b", 3]` on one line."""
        end = rest.rfind("]")
        if end < 0:
            raise _Bail
        _after(rest[end + 1 :])
        inner = rest[1:end]
        if any(c in inner for c in "[]{}#:'\""):
            if any(c in inner for c in "[]{}#:"):
                raise _Bail
            return self._flow_quoted(inner, loc)
        parts = [p.strip(" ") for p in inner.split(",")]
        if parts and not parts[-1]:
            parts.pop()  # a trailing comma
        items = []
        line = self.pos + self.first
        for index, part in enumerate(parts):
            if not part:
                raise _Bail
            self.out[(*loc, index)] = line
            items.append(_plain(part))
        return items

    def _flow_quoted(self, inner: str, loc: Loc) -> list[Any]:
        items: list[Any] = []
        line = self.pos + self.first
        rest = inner.lstrip(" ")
        while rest:
            if rest[0] in "\"'":
                match = (_DOUBLE if rest[0] == '"' else _SINGLE).match(rest)
                if match is None:
                    raise _Bail
                text = match.group(1)
                item: Any = (
                    (_ESCAPE.sub(_unescape, text) if "\\" in text else text)
                    if rest[0] == '"'
                    else text.replace("''", "'")
                )
                rest = rest[match.end() :].lstrip(" ")
            else:
                comma = rest.find(",")
                part = (rest if comma < 0 else rest[:comma]).rstrip(" ")
                if not part:
                    raise _Bail
                item = _plain(part)
                rest = "" if comma < 0 else rest[comma:]
            self.out[(*loc, len(items))] = line
            items.append(item)
            if rest:
                if rest[0] != ",":
                    raise _Bail
                rest = rest[1:].lstrip(" ")
        return items

    def _flow_map(self, rest: str, loc: Loc) -> dict[str, Any]:
        """`{id: a, text: "Not at all", score: 0}` on one line."""
        end = rest.rfind("}")
        if end < 0:
            raise _Bail
        _after(rest[end + 1 :])
        inner = rest[1:end].strip(" ")
        if not inner or any(c in inner for c in "[]{}#"):
            raise _Bail
        out: dict[str, Any] = {}
        line = self.pos + self.first
        while inner:
            match = _KEY.match(inner)
            if match is None or not match.group(0).endswith(" "):
                raise _Bail
            key = match.group(1)
            if key in out or key in _WORDS:
                raise _Bail
            inner = inner[match.end() :]
            if inner[:1] in ("'", '"'):
                quoted = (_DOUBLE if inner[0] == '"' else _SINGLE).match(inner)
                if quoted is None:
                    raise _Bail
                text = quoted.group(1)
                value: Any = (
                    (_ESCAPE.sub(_unescape, text) if "\\" in text else text)
                    if inner[0] == '"'
                    else text.replace("''", "'")
                )
                inner = inner[quoted.end() :].lstrip(" ")
            else:
                comma = inner.find(",")
                part = (inner if comma < 0 else inner[:comma]).rstrip(" ")
                if not part or ":" in part:
                    raise _Bail
                value = _plain(part)
                inner = "" if comma < 0 else inner[comma:]
            self.out[(*loc, key)] = line
            out[key] = value
            if inner:
                if inner[0] != ",":
                    raise _Bail
                inner = inner[1:].lstrip(" ")
                if not inner:
                    raise _Bail  # a trailing comma
        return out

    def _sequence(self, indent: int, loc: Loc) -> list[Any]:
        """Items `- ...` at column `indent`, starting on the current line."""
        items: list[Any] = []
        self.out.setdefault(loc, self.pos + self.first)
        while True:
            line = self._next()
            if line is None or line[0] < indent:
                return items
            if line[0] > indent:
                raise _Bail
            content = line[1]
            if not content.startswith("- "):
                if content == "-" or content.startswith("-#"):
                    raise _Bail
                return items  # a key of the mapping this sequence is the value of
            child = (*loc, len(items))
            self.out[child] = self.pos + self.first
            body = content[2:].lstrip(" ")
            if not body or body[0] in "#-?|>&*!":
                raise _Bail
            column = indent + len(content) - len(body)
            if _KEY.match(body):
                item: dict[str, Any] = {}
                self.out.setdefault(child, self.pos + self.first)
                self._entry(body, column, child, item)
                while True:
                    line = self._next()
                    if line is None or line[0] < column:
                        break
                    if line[0] > column:
                        raise _Bail
                    self._entry(line[1], column, child, item)
                items.append(item)
            else:
                items.append(self._inline(body, child))
                self.pos += 1
                line = self._next()
                if line is not None and line[0] > indent:
                    raise _Bail

    def _block(self, header: str, indent: int) -> str:
        """A literal (|) or folded (>) block scalar, clipped or stripped (-)."""
        style, chomp = header[0], header[1:2]
        rest = header[2:] if chomp == "-" else header[1:]
        if chomp not in ("-", "", " "):
            raise _Bail
        _after(rest)
        lines = self.lines
        self.pos += 1
        body: list[str] = []
        block_indent = -1
        while self.pos < len(lines):
            line = lines[self.pos]
            if not line:
                if block_indent < 0:
                    raise _Bail  # leading blank lines
                body.append("")
                self.pos += 1
                continue
            content = line.lstrip(" ")
            here = len(line) - len(content)
            if not content:
                raise _Bail  # a line of spaces only
            if block_indent < 0:
                if here <= indent:
                    raise _Bail  # an empty block scalar
                block_indent = here
            if here < block_indent:
                break
            if here > block_indent and style == ">":
                raise _Bail  # more-indented lines keep their breaks: not handled here
            body.append(line[block_indent:])
            self.pos += 1
        if block_indent < 0:
            raise _Bail
        while body and not body[-1]:
            body.pop()
            self.pos -= 1  # trailing blank lines belong to what follows
        if style == "|":
            text = "\n".join(body)
        else:
            text = ""
            for n, part in enumerate(body):
                if n == 0:
                    text = part
                elif not part:
                    text += "\n"
                elif body[n - 1]:
                    text += " " + part
                else:
                    text += part
        # Clipping keeps the last line break, unless the text ends without one.
        ends_with_break = self.pos < len(lines)
        line = self._next()
        if line is not None and line[0] > indent:
            raise _Bail
        return text + "\n" if chomp != "-" and ends_with_break else text


def _fast_parse(text: str, path: str, first_line: int) -> YamlDoc | None:
    """Read `text` without ruamel when it uses only the plain subset; None when it does not."""
    if "\t" in text or "\r" in text or _NOT_PLAIN_TEXT.search(text):
        return None
    reader = _FastReader(text, first_line)
    try:
        data = reader.read()
    except (_Bail, RecursionError):
        return None
    return YamlDoc(path, data, reader.out)
