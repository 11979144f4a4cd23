"""cmi5: the course structure (cmi5.xml) and everything else that is cmi5, and nothing else.

The course id and every AU and block id are absolute IRIs made from the course's `iri`.
The structure is checked against the cmi5 CourseStructure.xsd shipped beside this module.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

from builder.outline.screens import Outline
from builder.targets.base import ManifestProblem, Target, _title

CMI5_NS = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
SCHEMA = Path(__file__).parent / "schemas" / "cmi5-CourseStructure.xsd"
STRUCTURE = "cmi5.xml"


class Cmi5(Target):
    name = "cmi5"
    label = "cmi5"
    adapter_script = "lms-cmi5.js"
    adapter_parts = ("cmi5-statements.js",)
    manifest_name = STRUCTURE
    # The AU talks to the LMS's Learning Record Store, wherever the launch URL says it is.
    connect_src = "*"

    def build_manifest(self, outline: Outline, files: list[str]) -> bytes | None:
        """cmi5.xml: the course and its one AU, launched as index.html."""
        course = outline.model.course
        iri = course_iri(outline)
        root = etree.Element(_tag("courseStructure"), nsmap={None: CMI5_NS})
        node = etree.SubElement(root, _tag("course"), id=iri)
        _text(node, "title", _title(outline), course.language)
        _text(node, "description", course.description, course.language)
        root.append(_au(outline, iri))
        return _serialise(root)

    def runtime_data(self, outline: Outline) -> dict[str, Any]:
        """The course IRI the statement profile builds its ids from (docs/cmi5-statements.md)."""
        return {"iri": outline.model.course.iri, "language": outline.model.course.language}

    def combined_package(
        self, outlines: list[Outline], packages: dict[str, dict[str, bytes]]
    ) -> dict[str, dict[str, bytes]]:
        """One course structure with one block and one AU per module (--per-module).

        Each module's package goes in a folder of its own inside the zip; its AU is
        launched from there.
        """
        whole = outlines[0]
        course = whole.model.course
        root = etree.Element(_tag("courseStructure"), nsmap={None: CMI5_NS})
        node = etree.SubElement(root, _tag("course"), id=f"{course.iri}/modules")
        _text(node, "title", f"{course.title}: the modules", course.language)
        _text(node, "description", course.description, course.language)
        files: dict[str, bytes] = {}
        for outline in outlines[1:]:
            module = outline.modules[0]
            iri = course_iri(outline)
            block = etree.SubElement(root, _tag("block"), id=f"{iri}/block")
            _text(block, "title", module.meta.title, course.language)
            _text(block, "description", _module_description(outline), course.language)
            block.append(_au(outline, iri, f"{module.id}/index.html"))
            for path, data in packages[self.package_name(outline)].items():
                if path != STRUCTURE:
                    files[f"{module.id}/{path}"] = data
        files[STRUCTURE] = _serialise(root)
        language = outlines[0].suffix  # "" or a language, e.g. "-cy"
        return {f"{course.id}-{course.version}{language}-modules-{self.name}.zip": files}


def course_iri(outline: Outline) -> str:
    """The course structure's id: the course IRI, or a module's IRI below it (--per-module)."""
    iri = str(outline.model.course.iri or "").rstrip("/")
    if not iri:
        raise ManifestProblem("a cmi5 package needs the course's iri (checked before building)")
    return f"{iri}/modules/{outline.modules[0].id}" if outline.suffix else iri


def _au(outline: Outline, iri: str, url: str = "index.html") -> etree._Element:
    course = outline.model.course
    au = etree.Element(_tag("au"), id=f"{iri}/au", launchMethod="AnyWindow")
    if outline.pass_mark is not None:
        au.set("moveOn", "CompletedAndPassed")
        au.set("masteryScore", _decimal(outline.pass_mark / 100))
    else:
        au.set("moveOn", "Completed")
    _text(au, "title", _title(outline), course.language)
    _text(au, "description", _module_description(outline), course.language)
    etree.SubElement(au, _tag("url")).text = url
    return au


def _module_description(outline: Outline) -> str:
    if not outline.suffix:
        return outline.model.course.description
    objectives = outline.modules[0].meta.objectives
    return "You will be able to: " + "; ".join(o.text.rstrip(".") for o in objectives) + "."


def _decimal(x: float) -> str:
    """At most four places, no trailing zeros: 0.8, 1."""
    text = f"{x:.4f}".rstrip("0").rstrip(".")
    return text or "0"


def _tag(name: str) -> str:
    return f"{{{CMI5_NS}}}{name}"


def _text(parent: etree._Element, name: str, text: str, lang: str) -> None:
    node = etree.SubElement(parent, _tag(name))
    string = etree.SubElement(node, _tag("langstring"), lang=lang)
    string.text = text


def _serialise(root: etree._Element) -> bytes:
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    check_structure(xml)
    return xml


@cache
def _schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(SCHEMA), parser))


def check_structure(xml: bytes) -> None:
    """Valid against CourseStructure.xsd, every id unique and absolute: else a builder bug."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    doc = etree.fromstring(xml, parser)
    schema = _schema()
    if not schema.validate(doc):
        raise ManifestProblem(f"cmi5.xml is not valid: {schema.error_log.last_error}")
    ids = [e.get("id") for e in doc.iter() if e.get("id") is not None]
    if len(ids) != len(set(ids)):
        raise ManifestProblem(f"duplicate ids in cmi5.xml: {ids}")
    for ident in ids:
        if "://" not in ident:
            raise ManifestProblem(f"cmi5.xml id {ident!r} is not an absolute IRI")
