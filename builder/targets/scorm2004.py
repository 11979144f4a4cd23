"""SCORM 2004 4th Edition: everything that is SCORM 2004, and nothing else."""

from __future__ import annotations

from lxml import etree

from builder.outline.screens import Outline
from builder.targets.base import Target, _title

LOM_NS = "http://ltsc.ieee.org/xsd/LOM"
IMSSS_NS = "http://www.imsglobal.org/xsd/imsss"
ADLSEQ_NS = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV_NS = "http://www.adlnet.org/xsd/adlnav_v1p3"


class Scorm2004(Target):
    name = "scorm2004"
    label = "SCORM 2004 4th Edition"
    adapter_script = "lms-scorm2004.js"
    fallback_scripts = ("lms-scorm12.js",)
    cp_ns = "http://www.imsglobal.org/xsd/imscp_v1p1"
    adlcp_ns = "http://www.adlnet.org/xsd/adlcp_v1p3"
    schemaversion = "2004 4th Edition"
    scormtype_attr = "scormType"
    extra_namespaces = {"adlseq": ADLSEQ_NS, "adlnav": ADLNAV_NS, "imsss": IMSSS_NS, "lom": LOM_NS}
    schema_locations = (
        "http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd "
        "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd "
        "http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd "
        "http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd "
        "http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd "
        "http://ltsc.ieee.org/xsd/LOM lom.xsd"
    )

    def add_metadata(self, metadata: etree._Element, outline: Outline) -> None:
        """Inline IEEE LOM: title, language, description, version."""
        course = outline.model.course
        lom_ns = f"{{{LOM_NS}}}"
        lom = etree.SubElement(metadata, lom_ns + "lom")
        general = etree.SubElement(lom, lom_ns + "general")
        _string(etree.SubElement(general, lom_ns + "title"), _title(outline), course.language)
        etree.SubElement(general, lom_ns + "language").text = course.language
        _string(
            etree.SubElement(general, lom_ns + "description"), course.description, course.language
        )
        lifecycle = etree.SubElement(lom, lom_ns + "lifeCycle")
        _string(etree.SubElement(lifecycle, lom_ns + "version"), course.version, "x-none")

    def add_item_details(self, item: etree._Element, outline: Outline) -> None:
        """The primary objective is satisfied by measure at the pass mark (0-1)."""
        if outline.pass_mark is None:
            return
        ss = f"{{{IMSSS_NS}}}"
        sequencing = etree.SubElement(item, ss + "sequencing")
        objectives = etree.SubElement(sequencing, ss + "objectives")
        primary = etree.SubElement(
            objectives, ss + "primaryObjective", objectiveID="PRIMARY-1", satisfiedByMeasure="true"
        )
        etree.SubElement(
            primary, ss + "minNormalizedMeasure"
        ).text = f"{outline.pass_mark / 100:.2f}"

    def add_organization_details(self, org: etree._Element, outline: Outline) -> None:
        ss = f"{{{IMSSS_NS}}}"
        sequencing = etree.SubElement(org, ss + "sequencing")
        etree.SubElement(sequencing, ss + "controlMode", choice="true", flow="true")


def _string(parent: etree._Element, text: str, lang: str) -> None:
    node = etree.SubElement(parent, f"{{{LOM_NS}}}string", language=lang)
    node.text = text
