"""Read YAML with the line of every key and item, so errors can name the line.

libyaml (through PyYAML) parses the text into nodes that carry their line; this module turns
the nodes into plain data itself, with YAML 1.2 rules for plain scalars, so an answer such as
`text: No` stays the text "No" rather than becoming false.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

Loc = tuple[str | int, ...]
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_NODES = 200_000  # anchors and aliases must not blow a small file up into a huge one
MERGE = "tag:yaml.org,2002:merge"
NULL = re.compile(r"^(~|null|Null|NULL|)$")
TRUE, FALSE = {"true", "True", "TRUE"}, {"false", "False", "FALSE"}
INT = re.compile(r"^[-+]?[0-9]+$")
FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")


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
    try:
        node = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as exc:
        raise YamlSyntaxError(_describe(exc, text), _mark_line(exc, first_line, text)) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + first_line
        raise YamlSyntaxError(
            "the file contains a control character that YAML does not allow: delete it", line
        ) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"YAML syntax error: {exc}", None) from None
    doc = YamlDoc(path, None)
    try:
        doc.data = _Reader(doc.lines, first_line).read(node, ())
    except RecursionError:
        raise YamlSyntaxError("is nested too deeply to read: simplify it", None) from None
    return doc


class _Reader:
    """Turns composed nodes into plain data, noting the line of every key and item."""

    def __init__(self, lines: dict[Loc, int], first: int):
        self.lines = lines
        self.first = first
        self.nodes = 0

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.first

    def read(self, node: yaml.Node | None, loc: Loc) -> Any:
        if node is None:
            return None
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise YamlSyntaxError(
                "the file expands to too much data: check its & anchors and * aliases",
                self.line(node),
            )
        self.lines.setdefault(loc, self.line(node))
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.item(value, loc, index) for index, value in enumerate(node.value)]
        return scalar(node)

    def item(self, node: yaml.Node, loc: Loc, index: int) -> Any:
        self.lines[(*loc, index)] = self.line(node)
        return self.read(node, (*loc, index))

    def mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        merged: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == MERGE:
                merged.extend(
                    value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                )
                continue
            name = key_text(key_node)
            if name in first_seen:
                raise YamlSyntaxError(
                    f'the key "{name}" appears twice (first at line {first_seen[name]}): keep only one',
                    self.line(key_node),
                )
            first_seen[name] = self.line(key_node)
            child = (*loc, name)
            self.lines[child] = self.line(key_node)
            out[name] = self.read(value_node, child)
        # `<<: *defaults` fills in the keys the mapping does not set itself.
        for source in merged:
            if not isinstance(source, yaml.MappingNode):
                raise YamlSyntaxError(
                    "<< must name a mapping (a set of key: value lines)", self.line(source)
                )
            for name, value in self.mapping(source, loc).items():
                out.setdefault(name, value)
        return out


def key_text(node: yaml.Node) -> str:
    """A mapping key as text: `true:` is the key "true", `1:` the key "1"."""
    if isinstance(node, yaml.ScalarNode):
        value = scalar(node)
        if isinstance(value, bool):
            return "true" if value else "false"
        return "" if value is None else str(value)
    return yaml.serialize(node, Dumper=yaml.SafeDumper).strip()


def scalar(node: yaml.ScalarNode) -> Any:
    """YAML 1.2 core schema for plain scalars; quoted and block scalars are text."""
    text = node.value
    if node.style:  # quoted, literal | or folded >
        return text
    if node.tag != _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)):
        return text  # an explicit tag such as !!str
    if NULL.match(text):
        return None
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    if INT.match(text):
        return int(text)
    if FLOAT.match(text):
        return float(text)
    return text


_RESOLVER = yaml.resolver.Resolver()  # what libyaml's loader decided without an explicit tag


def plain_value(text: str) -> Any:
    """What `text` reads as when a course file holds it plain, without quotes."""
    return scalar(yaml.ScalarNode(_RESOLVER.resolve(yaml.ScalarNode, text, (True, False)), text))


def _mark_line(exc: yaml.MarkedYAMLError, first_line: int, text: str) -> int | None:
    mark = exc.problem_mark or exc.context_mark
    if _never_closed(exc, text):
        mark = exc.context_mark  # where the unclosed quote or bracket opens, not the file's end
    return mark.line + first_line if mark else None


def _never_closed(exc: yaml.MarkedYAMLError, text: str) -> bool:
    """A quote or bracket still open when the file ends."""
    mark = exc.problem_mark
    at_end = mark is not None and not text[mark.index :].strip()
    opened = any(
        word in (exc.context or "") for word in ("quoted scalar", "flow sequence", "flow mapping")
    )
    return at_end and opened and exc.context_mark is not None


def _describe(exc: yaml.MarkedYAMLError, text: str) -> str:
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if _char_at(text, exc.problem_mark) == "\t" or "\\t" in problem:
        return "a tab character is not allowed here: indent YAML with spaces"
    if _never_closed(exc, text):
        if "quoted" in context:
            return "a quoted text is never closed: add the closing quote"
        return "a bracket [ or { is never closed: add the closing ] or }"
    if "expected <block end>" in problem or "did not find expected key" in problem:
        return (
            "this line does not fit with the lines above it: check its indentation, "
            "and that every quote opened above is closed"
        )
    if "mapping values are not allowed" in problem:
        return (
            "a colon followed by a space is not allowed here: put the text in quotes, "
            "or check the line's indentation"
        )
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return "a bracket is not closed or a comma is missing"
    if "expected a single document" in context or "another document" in problem:
        return "the file holds more than one YAML document: remove the extra --- line"
    if "could not find expected ':'" in problem:
        return "a line is missing its colon, or a quote opened above is not closed"
    if "special characters are not allowed" in problem or "unacceptable character" in problem:
        return "the file contains a control character that YAML does not allow: delete it"
    return f"YAML syntax error: {problem} {context}".strip()


def _char_at(text: str, mark: Any) -> str:
    """The character a parser error points at (libyaml's marks carry no text of their own)."""
    if mark is None:
        return ""
    lines = text.split("\n")
    if mark.line >= len(lines):
        return ""
    line = lines[mark.line]
    return line[mark.column] if mark.column < len(line) else ""
