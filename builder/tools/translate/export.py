"""`dfc-course translate export`: the whole course as one XLIFF 1.2 file for one language."""

from __future__ import annotations

from itertools import groupby

from lxml import etree

from builder.load.inline_codes import pieces
from builder.load.translations import Translation
from builder.load.units import Unit
from builder.tools.translate.course_state import CourseUnits, language_name
from builder.tools.translate.xliff import HASH_TYPE, NS, TOOL, XML_NS, fill, q, renumber


def export_xliff(course: CourseUnits, language: str, found: dict[str, Translation]) -> bytes:
    """One `<file>` per source file, one `<trans-unit>` per unit, in course order.

    A unit already translated carries its translation (state "translated"); a stale one
    carries the old translation for review (state "needs-review-translation").
    """
    source_language = course.model.course.language
    root = etree.Element(q("xliff"), nsmap={None: NS}, version="1.2")
    units = list(course.units.values())
    for path, group in groupby(units, key=lambda u: u.path):
        file = etree.SubElement(
            root,
            q("file"),
            original=path,
            datatype="x-markdown" if path.endswith(".md") else "x-yaml",
        )
        file.set("source-language", source_language)
        file.set("target-language", language)
        header = etree.SubElement(file, q("header"))
        tool = etree.SubElement(header, q("tool"))
        tool.set("tool-id", TOOL)
        tool.set("tool-name", TOOL)
        note = etree.SubElement(header, q("note"), {"from": TOOL})
        note.text = (
            f"{course.model.course.title}: from {source_language} into "
            f"{language_name(language)} ({language}). Keep every inline code "
            "(<g>, <x/>): they carry emphasis, links and code."
        )
        body = etree.SubElement(file, q("body"))
        for unit in group:
            body.append(_unit(unit, language, found.get(unit.id)))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _unit(unit: Unit, language: str, stored: Translation | None) -> etree._Element:
    element = etree.Element(q("trans-unit"), id=unit.id)
    element.set(f"{{{XML_NS}}}space", "preserve")
    if unit.maxwidth:
        element.set("maxwidth", str(unit.maxwidth))
        element.set("size-unit", "char")
    source_pieces = pieces(unit.source)
    fill(etree.SubElement(element, q("source")), source_pieces)
    if stored is not None:
        old = renumber(pieces(stored.text), source_pieces)
        if old is not None:
            state = "translated" if stored.hash == unit.hash else "needs-review-translation"
            target = etree.SubElement(element, q("target"), state=state)
            target.set(f"{{{XML_NS}}}lang", language)
            fill(target, old)
    place = etree.SubElement(element, q("context-group"), purpose="location")
    _context(place, "sourcefile", unit.path)
    if unit.line:
        _context(place, "linenumber", str(unit.line))
    staleness = etree.SubElement(element, q("context-group"), purpose="x-dfc-staleness")
    _context(staleness, HASH_TYPE, unit.hash)
    note = etree.SubElement(element, q("note"), {"from": TOOL})
    note.text = unit.note + (f" At most {unit.maxwidth} characters." if unit.maxwidth else "")
    return element


def _context(group: etree._Element, kind: str, value: str) -> None:
    context = etree.SubElement(group, q("context"))
    context.set("context-type", kind)
    context.text = value
