"""`dfc-course translate import`: take the targets of a returned XLIFF file into the course.

Every unit is judged on its own. A unit is refused (and named, with its line) when its id is
not in the course, when the English has changed since the export (the hash recorded at
export differs from the English in the repository now), or when its inline codes differ
from the English's. The rest are stored; units without a target count as missing. A file
that is not XLIFF 1.2, or is for another language, is refused whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from builder.load.inline_codes import codes, pieces, to_markdown
from builder.load.translations import Translation
from builder.tools.translate.course_state import CourseUnits, check_language
from builder.tools.translate.xliff import (
    HASH_TYPE,
    NS,
    SAFE_PARSER,
    InlineError,
    code_names,
    q,
    read_pieces,
    schema,
)


class XliffRefused(Exception):
    """The whole file is refused: `line` and `message` say why."""

    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Refusal:
    line: int | None
    unit_id: str
    message: str


@dataclass
class Imported:
    language: str
    accepted: dict[str, Translation] = field(default_factory=dict)
    refused: list[Refusal] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)


def read_xliff(data: bytes) -> etree._Element:
    """Parse and validate; XliffRefused names the first fault's line."""
    try:
        root = etree.fromstring(data, SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        message = re.sub(r", line \d+, column \d+$", "", exc.msg)
        raise XliffRefused(exc.lineno, f"is not well-formed XML: {message}") from None
    validator = schema()
    if not validator.validate(root):
        error = validator.error_log[0]
        message = error.message.replace(f"{{{NS}}}", "")
        raise XliffRefused(error.line, f"is not valid XLIFF 1.2: {message}")
    return root


def import_xliff(course: CourseUnits, data: bytes, language: str | None) -> Imported:
    root = read_xliff(data)
    files = root.findall(q("file"))
    found_language = _language(files, language)
    check_language(course, found_language)
    result = Imported(found_language)
    for unit in root.iter(q("trans-unit")):
        _take(course, unit, result)
    return result


def _language(files: list[etree._Element], wanted: str | None) -> str:
    languages = {file.get("target-language") for file in files}
    for file in files:
        tag = file.get("target-language")
        if not tag:
            raise XliffRefused(file.sourceline, "a <file> has no target-language")
        if wanted and tag.lower() != wanted.lower():
            raise XliffRefused(
                file.sourceline, f'the target language is "{tag}", not "{wanted}" as asked'
            )
        if len(languages) > 1:
            raise XliffRefused(
                file.sourceline,
                f"holds more than one target language ({', '.join(sorted(map(str, languages)))})"
                ": import one language at a time",
            )
    if not files:
        raise XliffRefused(1, "holds no <file>")
    return str(files[0].get("target-language"))


def _take(course: CourseUnits, element: etree._Element, result: Imported) -> None:
    unit_id = element.get("id", "")
    line = element.sourceline
    unit = course.units.get(unit_id)
    if unit is None:
        result.refused.append(Refusal(line, unit_id, "is not in the course (unknown unit id)"))
        return
    recorded = _recorded_hash(element)
    if recorded != unit.hash:
        why = (
            "carries no source hash from `dfc-course translate export`"
            if recorded is None
            else "is stale: the English has changed since this file was exported"
        )
        result.refused.append(Refusal(line, unit_id, f"{why}; export it again"))
        return
    target = element.find(q("target"))
    if target is None:
        result.empty.append(unit_id)
        return
    source = pieces(unit.source)
    try:
        translated = read_pieces(target)
    except InlineError as exc:
        message = f"has inline markup the English does not have: {exc}"
        result.refused.append(Refusal(target.sourceline, unit_id, message))
        return
    if codes(translated) != codes(source):
        message = (
            f"has inline codes that differ from the English: expected {code_names(source)}, "
            f"found {code_names(translated)}"
        )
        result.refused.append(Refusal(target.sourceline, unit_id, message))
        return
    markdown = unit.markdown or any(p.kind != "text" for p in source)
    text = to_markdown(translated, source, markdown).strip()
    if not text:
        result.empty.append(unit_id)
        return
    result.accepted[unit_id] = Translation(text, unit.hash, unit.path)


def _recorded_hash(element: etree._Element) -> str | None:
    for context in element.iter(q("context")):
        if context.get("context-type") == HASH_TYPE:
            return (context.text or "").strip()
    return None
