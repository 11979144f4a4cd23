"""SCORM 1.2: everything that is SCORM 1.2, and nothing else."""

from __future__ import annotations

from lxml import etree

from builder.outline.screens import Outline
from builder.targets.base import XML_NS, Target, _title

MD_NS = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"


class Scorm12(Target):
    name = "scorm12"
    label = "SCORM 1.2"
    adapter_script = "lms-scorm12.js"
    fallback_scripts = ("lms-scorm2004.js",)
    cp_ns = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    adlcp_ns = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
    schemaversion = "1.2"
    scormtype_attr = "scormtype"
    schema_locations = (
        "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
        "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
        "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd"
    )

    def extra_files(self, outline: Outline) -> dict[str, bytes]:
        """IMS MD 1.2.1 metadata in its own file: libxml2 cannot compile the inline schema."""
        course = outline.model.course
        lang = course.language
        md = f"{{{MD_NS}}}"
        lom = etree.Element(md + "lom", nsmap={None: MD_NS})
        general = etree.SubElement(lom, md + "general")
        _langstring(etree.SubElement(general, md + "title"), _title(outline), lang)
        etree.SubElement(general, md + "language").text = lang
        _langstring(etree.SubElement(general, md + "description"), course.description, lang)
        lifecycle = etree.SubElement(lom, md + "lifecycle")
        _langstring(etree.SubElement(lifecycle, md + "version"), course.version, "x-none")
        meta = etree.SubElement(lom, md + "metametadata")
        etree.SubElement(meta, md + "metadatascheme").text = "ADL SCORM 1.2"
        xml = etree.tostring(lom, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        return {"metadata.xml": xml}

    def add_metadata(self, metadata: etree._Element, outline: Outline) -> None:
        etree.SubElement(metadata, f"{{{self.adlcp_ns}}}location").text = "metadata.xml"

    def add_item_details(self, item: etree._Element, outline: Outline) -> None:
        if outline.pass_mark is not None:
            # 1.2 masteryscore is 0-100 and compared with cmi.core.score.raw.
            etree.SubElement(item, f"{{{self.adlcp_ns}}}masteryscore").text = str(outline.pass_mark)


def _langstring(parent: etree._Element, text: str, lang: str) -> None:
    node = etree.SubElement(parent, f"{{{MD_NS}}}langstring")
    node.set(f"{{{XML_NS}}}lang", lang)
    node.text = text
