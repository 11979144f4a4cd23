"""Constants and helpers the tests share (conftest.py holds the fixtures)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

TESTS = Path(__file__).parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
GOLDEN = TESTS / "golden"
SCHEMAS = Path(__file__).parents[2] / "shared" / "scorm-schemas"

# Namespaces for XPath in manifest tests.
NS = {
    "cp12": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp12": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    "imsmd": "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1",
    "cp": "http://www.imsglobal.org/xsd/imscp_v1p1",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
    "imsss": "http://www.imsglobal.org/xsd/imsss",
    "lom": "http://ltsc.ieee.org/xsd/LOM",
    "xml": "http://www.w3.org/XML/1998/namespace",
}

WRAPPER_2004 = b"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="xml.xsd"/>
  <xs:import namespace="http://www.imsglobal.org/xsd/imscp_v1p1" schemaLocation="imscp_v1p1.xsd"/>
  <xs:import namespace="http://www.adlnet.org/xsd/adlcp_v1p3" schemaLocation="adlcp_v1p3.xsd"/>
  <xs:import namespace="http://www.adlnet.org/xsd/adlseq_v1p3" schemaLocation="adlseq_v1p3.xsd"/>
  <xs:import namespace="http://www.adlnet.org/xsd/adlnav_v1p3" schemaLocation="adlnav_v1p3.xsd"/>
  <xs:import namespace="http://www.imsglobal.org/xsd/imsss" schemaLocation="imsss_v1p0.xsd"/>
  <xs:import namespace="http://ltsc.ieee.org/xsd/LOM" schemaLocation="lom.xsd"/>
</xs:schema>"""


@dataclass
class Package:
    """One built zip, read into memory."""

    path: Path
    names: list[str]
    files: dict[str, bytes]

    @classmethod
    def read(cls, path: Path) -> Package:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            files = {name: archive.read(name) for name in names}
        return cls(path, names, files)

    def manifest(self) -> etree._Element:
        parser = etree.XMLParser(no_network=True, resolve_entities=False)
        return etree.fromstring(self.files["imsmanifest.xml"], parser)


# The courses the build tests use; "bundled" is the real course at the repository root.
COURSES = {
    "minimal": FIXTURES / "minimal",
    "two-modules": FIXTURES / "two-modules",
    "bundled": REPO,
}


def write_files(root: Path, files: dict[str, str | bytes | None]) -> None:
    """Write {relative path: text} under root; None deletes the file."""
    for rel, content in files.items():
        path = root / rel
        if content is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def fixture_text(name: str, rel: str) -> str:
    """The text of one file of a fixture course (to edit it in a test)."""
    return (FIXTURES / name / rel).read_text(encoding="utf-8")
