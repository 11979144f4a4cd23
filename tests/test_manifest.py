"""imsmanifest.xml: valid against the official ADL schemas, and true to the package."""

from __future__ import annotations

import copy
import difflib

import pytest
import yaml
from helpers import COURSES, GOLDEN, NS, Package
from lxml import etree

COURSE_NAMES = list(COURSES)
TARGETS = ["scorm12", "scorm2004"]


def course_yaml(course: str) -> dict:
    """course/course.yaml read directly, not through the builder."""
    text = (COURSES[course] / "course" / "course.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def package(built, course: str, target: str) -> Package:
    data = course_yaml(course)
    return built(course)[f"{data['id']}-{data['version']}-{target}.zip"]


def all_packages(built, course: str, target: str) -> list[Package]:
    """The whole-course package and every per-module package of one format."""
    packages = built(course, per_module=True)
    return [pkg for name, pkg in packages.items() if name.endswith(f"-{target}.zip")]


def assert_valid(schema: etree.XMLSchema, manifest: etree._Element, where: str) -> None:
    valid = schema.validate(etree.ElementTree(manifest))
    errors = "\n".join(f"  line {e.line}: {e.message}" for e in schema.error_log)
    assert valid, f"{where}: imsmanifest.xml is not valid:\n{errors}"


# --- the official schemas -------------------------------------------------------------------


def test_schemas_load_only_local_files(schemas):
    assert schemas.requested, "the resolver saw no schema files: is it installed on the parser?"
    remote = [url for url in schemas.requested if url.lower().startswith(("http:", "https:"))]
    assert remote == []


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("course", COURSE_NAMES)
def test_manifest_is_valid(built, schemas, course, target):
    packages = all_packages(built, course, target)
    assert len(packages) == 1 + len(course_yaml(course)["modules"])
    for pkg in packages:
        assert_valid(schemas[target], pkg.manifest(), pkg.path.name)


def test_schemas_reject_a_broken_2004_manifest(built, schemas):
    """Proves the validation above can fail: a wrong scormType value is caught."""
    manifest = copy.deepcopy(package(built, "minimal", "scorm2004").manifest())
    resource = manifest.find("cp:resources/cp:resource", NS)
    resource.set(f"{{{NS['adlcp']}}}scormType", "lesson")
    assert not schemas.scorm2004.validate(etree.ElementTree(manifest))


def test_schemas_reject_a_broken_12_manifest(built, schemas):
    manifest = copy.deepcopy(package(built, "minimal", "scorm12").manifest())
    manifest.append(manifest.find("cp12:organizations", NS))  # organizations after resources
    assert not schemas.scorm12.validate(etree.ElementTree(manifest))


# --- the manifest and the zip agree ---------------------------------------------------------


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("course", COURSE_NAMES)
def test_file_list_matches_the_zip(built, course, target):
    """Rule: every zip entry except imsmanifest.xml itself is a <file>, and every <file> is
    an entry. The manifest does not list itself."""
    cp = "cp12" if target == "scorm12" else "cp"
    for pkg in all_packages(built, course, target):
        listed = pkg.manifest().xpath(f"//{cp}:resource/{cp}:file/@href", namespaces=NS)
        assert len(listed) == len(set(listed)), "a file is listed twice"
        assert set(listed) == set(pkg.names) - {"imsmanifest.xml"}
        assert "imsmanifest.xml" not in listed
        hrefs = pkg.manifest().xpath(f"//{cp}:resource/@href", namespaces=NS)
        assert hrefs == ["index.html"] and "index.html" in pkg.names


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("course", COURSE_NAMES)
def test_zip_entries_are_safe_and_manifest_first(built, course, target):
    for pkg in all_packages(built, course, target):
        assert pkg.names[0] == "imsmanifest.xml"
        assert len(pkg.names) == len(set(pkg.names))
        for name in pkg.names:
            assert not name.startswith("/"), name
            assert ".." not in name.split("/"), name
            assert "\\" not in name and ":" not in name, name


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("course", COURSE_NAMES)
def test_identifiers_are_unique_and_references_resolve(built, course, target):
    cp = "cp12" if target == "scorm12" else "cp"
    manifest = package(built, course, target).manifest()
    ids = manifest.xpath("//@identifier")
    assert len(ids) == len(set(ids))
    resources = set(manifest.xpath(f"//{cp}:resource/@identifier", namespaces=NS))
    refs = manifest.xpath(f"//{cp}:item/@identifierref", namespaces=NS)
    assert refs and set(refs) <= resources
    default = manifest.xpath(f"{cp}:organizations/@default", namespaces=NS)
    assert default == manifest.xpath(
        f"{cp}:organizations/{cp}:organization/@identifier", namespaces=NS
    )


# --- SCORM 1.2 ------------------------------------------------------------------------------


@pytest.mark.parametrize("course", COURSE_NAMES)
def test_scorm12_details(built, course):
    data = course_yaml(course)
    manifest = package(built, course, "scorm12").manifest()
    assert manifest.xpath("cp12:metadata/cp12:schema/text()", namespaces=NS) == ["ADL SCORM"]
    assert manifest.xpath("cp12:metadata/cp12:schemaversion/text()", namespaces=NS) == ["1.2"]
    mastery = manifest.xpath("//cp12:item/adlcp12:masteryscore/text()", namespaces=NS)
    assert mastery == [str(data["final_assessment"]["pass_mark"])]
    resource = manifest.xpath("//cp12:resource", namespaces=NS)[0]
    assert resource.get(f"{{{NS['adlcp12']}}}scormtype") == "sco"
    assert resource.get(f"{{{NS['adlcp12']}}}scormType") is None


def test_scorm12_per_module_mastery_is_the_quiz_pass_mark(built):
    packages = built("two-modules", per_module=True)
    expected = {"first-aid-kit": "80", "calling-for-help": "50"}  # quiz pass_mark (80 default)
    for module, score in expected.items():
        manifest = packages[f"first-aid-2.1.0-{module}-scorm12.zip"].manifest()
        assert manifest.xpath("//adlcp12:masteryscore/text()", namespaces=NS) == [score]


@pytest.mark.parametrize("course", COURSE_NAMES)
def test_scorm12_metadata_file(built, course):
    data = course_yaml(course)
    pkg = package(built, course, "scorm12")
    location = pkg.manifest().xpath("cp12:metadata/adlcp12:location/text()", namespaces=NS)
    assert location == ["metadata.xml"]
    assert "metadata.xml" in pkg.names
    lom = etree.fromstring(pkg.files["metadata.xml"], etree.XMLParser(no_network=True))
    assert lom.tag == f"{{{NS['imsmd']}}}lom"

    def text(path: str) -> list[str]:
        return lom.xpath(path + "/text()", namespaces=NS)

    assert text("imsmd:general/imsmd:title/imsmd:langstring") == [data["title"]]
    assert text("imsmd:general/imsmd:description/imsmd:langstring") == [data["description"]]
    assert text("imsmd:general/imsmd:language") == [data["language"]]
    assert text("imsmd:lifecycle/imsmd:version/imsmd:langstring") == [data["version"]]
    langs = lom.xpath("imsmd:general/imsmd:title/imsmd:langstring/@xml:lang", namespaces=NS)
    assert langs == [data["language"]]


# --- SCORM 2004 -----------------------------------------------------------------------------


@pytest.mark.parametrize("course", COURSE_NAMES)
def test_scorm2004_details(built, course):
    data = course_yaml(course)
    manifest = package(built, course, "scorm2004").manifest()
    version = manifest.xpath("cp:metadata/cp:schemaversion/text()", namespaces=NS)
    assert version == ["2004 4th Edition"]
    resource = manifest.xpath("//cp:resource", namespaces=NS)[0]
    assert resource.get(f"{{{NS['adlcp']}}}scormType") == "sco"
    assert resource.get(f"{{{NS['adlcp']}}}scormtype") is None
    primary = manifest.xpath(
        "//cp:item/imsss:sequencing/imsss:objectives/imsss:primaryObjective", namespaces=NS
    )
    assert len(primary) == 1
    assert primary[0].get("satisfiedByMeasure") == "true"
    measure = primary[0].xpath("imsss:minNormalizedMeasure/text()", namespaces=NS)
    pass_mark = data["final_assessment"]["pass_mark"]
    assert measure == [f"{pass_mark / 100:.2f}"]


def test_scorm2004_minimal_measure_is_0_80(built):
    manifest = package(built, "minimal", "scorm2004").manifest()
    assert manifest.xpath("//imsss:minNormalizedMeasure/text()", namespaces=NS) == ["0.80"]


@pytest.mark.parametrize("course", COURSE_NAMES)
def test_scorm2004_inline_lom(built, course):
    data = course_yaml(course)
    manifest = package(built, course, "scorm2004").manifest()
    lom = manifest.xpath("cp:metadata/lom:lom", namespaces=NS)
    assert len(lom) == 1

    def text(path: str) -> list[str]:
        return lom[0].xpath(path + "/text()", namespaces=NS)

    assert text("lom:general/lom:title/lom:string") == [data["title"]]
    assert text("lom:general/lom:description/lom:string") == [data["description"]]
    assert text("lom:general/lom:language") == [data["language"]]
    assert text("lom:lifeCycle/lom:version/lom:string") == [data["version"]]
    assert lom[0].xpath("lom:general/lom:title/lom:string/@language", namespaces=NS) == [
        data["language"]
    ]


# --- golden files ---------------------------------------------------------------------------


def canonical(xml: bytes) -> str:
    return etree.canonicalize(xml.decode("utf-8"), strip_text=True)


@pytest.mark.parametrize("target", TARGETS)
def test_minimal_matches_golden(built, request, target):
    """tests/golden/ holds the minimal course's manifest and zip listing per target.

    Run `pytest --update-golden` after an intended change to rewrite them, then review
    the diff before committing.
    """
    pkg = package(built, "minimal", target)
    manifest_file = GOLDEN / f"minimal.{target}.imsmanifest.xml"
    listing_file = GOLDEN / f"minimal.{target}.files.txt"
    listing = "".join(f"{name}\n" for name in pkg.names)
    if request.config.getoption("--update-golden"):
        GOLDEN.mkdir(exist_ok=True)
        manifest_file.write_bytes(pkg.files["imsmanifest.xml"])
        listing_file.write_text(listing, encoding="utf-8")
        return
    assert manifest_file.is_file(), f"{manifest_file} is missing: run pytest --update-golden"
    golden, fresh = manifest_file.read_bytes(), pkg.files["imsmanifest.xml"]
    if canonical(golden) != canonical(fresh):
        diff = difflib.unified_diff(
            golden.decode().splitlines(),
            fresh.decode().splitlines(),
            "golden",
            "built",
            lineterm="",
        )
        pytest.fail(
            "imsmanifest.xml differs from the golden file "
            "(pytest --update-golden rewrites it):\n" + "\n".join(diff)
        )
    assert listing_file.read_text(encoding="utf-8") == listing
