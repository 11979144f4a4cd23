"""What every package format shares: the manifest's organization, item and resource."""

from __future__ import annotations

from typing import Any

from lxml import etree

from builder.outline.screens import Outline

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_NS = "http://www.w3.org/XML/1998/namespace"


class ManifestProblem(Exception):
    """The builder's own manifest checks failed: a bug in the builder, never the trainer's fault."""


class Target:
    """A package format. Subclasses set the constants and override what differs."""

    name = ""
    label = ""
    adapter_script = ""
    # Scripts the adapter needs, loaded right after it.
    adapter_parts: tuple[str, ...] = ()
    # Adapters the runtime falls back to when the LMS offers only another standard's API.
    fallback_scripts: tuple[str, ...] = ()
    cp_ns = ""
    adlcp_ns = ""
    schemaversion = ""
    scormtype_attr = ""
    extra_namespaces: dict[str, str] = {}
    schema_locations = ""
    manifest_name = "imsmanifest.xml"
    connect_src = "'self'"  # where the package's scripts may send requests (its CSP)

    def package_name(self, outline: Outline) -> str:
        course = outline.model.course
        return f"{course.id}-{course.version}{outline.suffix}-{self.name}.zip"

    def extra_files(self, outline: Outline) -> dict[str, bytes]:
        """Files this format adds beside the manifest (metadata, for example)."""
        return {}

    def runtime_data(self, outline: Outline) -> dict[str, Any]:
        """What this format adds to the data the runtime reads."""
        return {}

    def build_manifest(self, outline: Outline, files: list[str]) -> bytes | None:
        """imsmanifest.xml listing `files`; None for formats without a manifest."""
        cp, adlcp = f"{{{self.cp_ns}}}", f"{{{self.adlcp_ns}}}"
        nsmap = {None: self.cp_ns, "adlcp": self.adlcp_ns, **self.extra_namespaces, "xsi": XSI}
        course = outline.model.course
        ident = _ident(f"{course.id}-{course.version}{outline.suffix}")
        root = etree.Element(cp + "manifest", nsmap=nsmap, identifier=ident, version=course.version)
        root.set(f"{{{XSI}}}schemaLocation", self.schema_locations)
        metadata = etree.SubElement(root, cp + "metadata")
        etree.SubElement(metadata, cp + "schema").text = "ADL SCORM"
        etree.SubElement(metadata, cp + "schemaversion").text = self.schemaversion
        self.add_metadata(metadata, outline)
        orgs = etree.SubElement(root, cp + "organizations", default="ORG-1")
        org = etree.SubElement(orgs, cp + "organization", identifier="ORG-1")
        title = _title(outline)
        etree.SubElement(org, cp + "title").text = title
        item = etree.SubElement(org, cp + "item", identifier="ITEM-1", identifierref="RES-1")
        etree.SubElement(item, cp + "title").text = title
        self.add_item_details(item, outline)
        self.add_organization_details(org, outline)
        resources = etree.SubElement(root, cp + "resources")
        resource = etree.SubElement(
            resources, cp + "resource", identifier="RES-1", type="webcontent", href="index.html"
        )
        resource.set(adlcp + self.scormtype_attr, "sco")
        for path in sorted(files):
            etree.SubElement(resource, cp + "file", href=path)
        xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        self.check_manifest(xml, files)
        return xml

    def add_metadata(self, metadata: etree._Element, outline: Outline) -> None:
        """Describe the course inside <metadata>."""

    def add_item_details(self, item: etree._Element, outline: Outline) -> None:
        """Add the pass mark and other per-item settings."""

    def add_organization_details(self, org: etree._Element, outline: Outline) -> None:
        """Add anything that follows the items in <organization>."""

    def check_manifest(self, xml: bytes, files: list[str]) -> None:
        """What the XSDs cannot check: references, unique ids, version text, attribute case."""
        root = etree.fromstring(xml)
        cp = f"{{{self.cp_ns}}}"
        ids = [e.get("identifier") for e in root.iter() if e.get("identifier")]
        if len(ids) != len(set(ids)):
            raise ManifestProblem(f"duplicate identifiers in the manifest: {ids}")
        resources = {r.get("identifier") for r in root.iter(cp + "resource")}
        for item in root.iter(cp + "item"):
            if item.get("identifierref") not in resources:
                raise ManifestProblem(f"item {item.get('identifier')} points at no resource")
        version = root.find(f"{cp}metadata/{cp}schemaversion")
        if version is None or version.text != self.schemaversion:
            raise ManifestProblem(f"schemaversion must be exactly {self.schemaversion!r}")
        for resource in root.iter(cp + "resource"):
            if resource.get(f"{{{self.adlcp_ns}}}{self.scormtype_attr}") != "sco":
                raise ManifestProblem(f"resource needs adlcp:{self.scormtype_attr}")
        listed = {f.get("href") for f in root.iter(cp + "file")}
        if listed != set(files):
            raise ManifestProblem("manifest file list and package contents differ")


def _ident(text: str) -> str:
    """An xs:ID: letters, digits, dots, hyphens and underscores, starting with a letter."""
    cleaned = "".join(c if c.isalnum() or c in "-._" else "_" for c in text)
    return cleaned if cleaned[:1].isalpha() else f"C-{cleaned}"


def _title(outline: Outline) -> str:
    course = outline.model.course
    if outline.suffix:
        return f"{course.title}: {outline.modules[0].meta.title}"
    return course.title
