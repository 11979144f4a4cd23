"""cmi5 packages: cmi5.xml valid against the cmi5 schema and true to the course; the iri rule."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from helpers import COURSES, Package, fixture_text
from lxml import etree

from builder import api
from builder.targets.base import ManifestProblem
from builder.targets.cmi5 import SCHEMA, check_structure

SHARED_XSD = Path(__file__).parents[2] / "shared" / "cmi5" / "v1" / "CourseStructure.xsd"
NS = {"c": "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"}
COURSE = "course/course.yaml"
IRI_LINE = "iri: https://training.example.org/courses/fire-safety\n"


def with_iri(make_course, base: str = "minimal", text: str | None = None) -> Path:
    """A copy of a fixture course with an `iri` line at the end of course.yaml."""
    course = (text if text is not None else fixture_text(base, COURSE)) + IRI_LINE
    return make_course({COURSE: course}, base=base)


@pytest.fixture(scope="module")
def cmi5_schema() -> etree.XMLSchema:
    """The schema as published beside the cmi5 specification (../shared/cmi5), offline."""
    if not SHARED_XSD.is_file():
        message = f"the cmi5 schema is not at {SHARED_XSD}"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set, so this is an error)")
        pytest.skip(message)
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.parse(str(SHARED_XSD), parser))


def build(root: Path, out: Path, per_module: bool = False) -> dict[str, Package]:
    report = api.build(root, out, ["cmi5"], per_module=per_module)
    return {w.path.name: Package.read(w.path) for w in report.packages}


def structure(package: Package) -> etree._Element:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.fromstring(package.files["cmi5.xml"], parser)


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> dict[str, dict[str, Package]]:
    built = {"bundled": build(COURSES["bundled"], tmp_path_factory.mktemp("b"), per_module=True)}
    for name in ("minimal", "two-modules"):
        root = tmp_path_factory.mktemp(name) / "course"
        shutil.copytree(COURSES[name], root)
        (root / COURSE).write_text(fixture_text(name, COURSE) + IRI_LINE, encoding="utf-8")
        built[name] = build(root, root / "dist", per_module=True)
    return built


def test_the_builders_schema_is_the_published_one(cmi5_schema):
    # The fixture fails under CI, and skips elsewhere, when ../shared/cmi5 is missing.
    assert SCHEMA.read_bytes() == SHARED_XSD.read_bytes()


@pytest.mark.parametrize("course", ["minimal", "two-modules", "bundled"])
def test_every_course_structure_is_valid(packages, cmi5_schema, course):
    built = packages[course]
    assert built, "no cmi5 package was built"
    for name, package in built.items():
        doc = structure(package)
        valid = cmi5_schema.validate(etree.ElementTree(doc))
        assert valid, f"{name}: {cmi5_schema.error_log}"
        assert package.names.count("cmi5.xml") == 1


def test_whole_course_structure(packages):
    package = packages["bundled"]["dfc-joint-training-1.0.0-cmi5.zip"]
    doc = structure(package)
    iri = "https://learning.example.org/courses/dfc-joint-training"
    assert doc.find("c:course", NS).get("id") == iri
    (au,) = doc.findall("c:au", NS)
    assert au.get("id") == f"{iri}/au"
    assert au.get("moveOn") == "CompletedAndPassed"
    assert au.get("masteryScore") == "0.8"
    assert au.findtext("c:url", namespaces=NS) == "index.html"
    langs = {e.get("lang") for e in doc.iter(f"{{{NS['c']}}}langstring")}
    assert langs == {"en-GB"}
    assert "index.html" in package.files
    assert "runtime/lms-cmi5.js" in package.files
    assert not any("scorm" in name for name in package.names)
    shell = package.files["index.html"].decode()
    assert "connect-src *;" in shell
    assert '"iri":"' + iri + '"' in shell


def test_per_module_structure_has_one_block_and_au_per_module(packages):
    built = packages["bundled"]
    combined = built["dfc-joint-training-1.0.0-modules-cmi5.zip"]
    doc = structure(combined)
    blocks = doc.findall("c:block", NS)
    course_yaml = (COURSES["bundled"] / COURSE).read_text(encoding="utf-8")
    modules = yaml.safe_load(course_yaml)["modules"]
    assert len(blocks) == len(modules) == 6
    for block, module in zip(blocks, modules, strict=True):
        (au,) = block.findall("c:au", NS)
        url = au.findtext("c:url", namespaces=NS)
        assert url == f"{module}/index.html"
        assert url in combined.files
        assert au.get("id").endswith(f"/modules/{module}/au")
        assert f"dfc-joint-training-1.0.0-{module}-cmi5.zip" in built


def test_move_on_completed_without_a_graded_assessment(make_course, tmp_path):
    text = fixture_text("minimal", COURSE)
    final = text[text.index("final_assessment:") : text.index("packages:")]
    root = with_iri(make_course, text=text.replace(final, ""))
    (package,) = build(root, tmp_path / "out").values()
    (au,) = structure(package).findall("c:au", NS)
    assert au.get("moveOn") == "Completed"
    assert au.get("masteryScore") is None


def test_mastery_score_is_the_pass_mark(make_course, tmp_path):
    text = fixture_text("minimal", COURSE).replace("  pass_mark: 80\n", "  pass_mark: 75\n")
    (package,) = build(with_iri(make_course, text=text), tmp_path / "out").values()
    (au,) = structure(package).findall("c:au", NS)
    assert au.get("masteryScore") == "0.75"


def test_course_yaml_may_ask_for_cmi5(make_course, cli):
    text = fixture_text("minimal", COURSE).replace(
        "packages: [scorm12, scorm2004]", "packages: [scorm12, scorm2004, cmi5]"
    )
    root = with_iri(make_course, text=text)
    result = cli("build", "--course", str(root), "--quiet")
    assert result.exit_code == 0, result.output
    assert (root / "dist" / "fire-safety-1.0.0-cmi5.zip").is_file()


# --- broken copies fail, both in the builder and against the published schema ------------------

BREAKS = {
    "no url": lambda doc: _remove(doc, ".//c:au/c:url"),
    "no course title": lambda doc: _remove(doc, "c:course/c:title"),
    "unknown moveOn": lambda doc: doc.find("c:au", NS).set("moveOn", "Sometimes"),
    "mastery above 1": lambda doc: doc.find("c:au", NS).set("masteryScore", "1.5"),
    "no AU at all": lambda doc: _remove(doc, "c:au"),
    "element out of order": lambda doc: doc.find("c:au", NS).insert(0, doc.find("c:au/c:url", NS)),
}


def _remove(doc: etree._Element, path: str) -> None:
    node = doc.find(path, NS)
    node.getparent().remove(node)


@pytest.mark.parametrize("name", list(BREAKS))
def test_broken_structures_fail(packages, cmi5_schema, name):
    good = packages["minimal"]["fire-safety-1.0.0-cmi5.zip"].files["cmi5.xml"]
    doc = etree.fromstring(good)
    check_structure(good)  # the good one passes
    BREAKS[name](doc)
    broken = etree.tostring(doc)
    assert not cmi5_schema.validate(etree.ElementTree(etree.fromstring(broken)))
    with pytest.raises(ManifestProblem, match="not valid"):
        check_structure(broken)


def test_the_builder_refuses_relative_and_repeated_ids(packages):
    good = packages["minimal"]["fire-safety-1.0.0-cmi5.zip"].files["cmi5.xml"]
    doc = etree.fromstring(good)
    doc.find("c:au", NS).set("id", "courses/fire-safety/au")
    with pytest.raises(ManifestProblem, match="not an absolute IRI"):
        check_structure(etree.tostring(doc))
    doc.find("c:au", NS).set("id", doc.find("c:course", NS).get("id"))
    with pytest.raises(ManifestProblem, match="duplicate ids"):
        check_structure(etree.tostring(doc))


# --- the course's iri: a content error only when cmi5 is asked for -----------------------------


def _errors(result) -> list[str]:
    assert result.exit_code == 1, result.output
    return result.stderr.splitlines()


def test_missing_iri_is_an_error_only_for_cmi5(make_course, cli):
    root = make_course()
    assert cli("build", "--course", str(root), "--quiet").exit_code == 0
    result = cli("build", "--course", str(root), "--format", "cmi5", "--out", str(root / "cmi5"))
    assert _errors(result) == [
        "course/course.yaml:2: error: iri: is missing; a cmi5 package needs the course's "
        'absolute IRI, e.g. "https://learning.example.org/courses/fire-safety"',
        "error: the course has 1 problem; nothing was built",
    ]
    assert not (root / "cmi5").exists()


def test_missing_iri_points_at_packages_when_course_yaml_asks_for_cmi5(make_course, cli):
    text = fixture_text("minimal", COURSE)
    text = text.replace("packages: [scorm12, scorm2004]", "packages: [scorm12, cmi5]")
    root = make_course({COURSE: text})
    assert _errors(cli("validate", "--course", str(root)))[0] == (
        "course/course.yaml:16: error: iri: is missing; a cmi5 package needs the course's "
        'absolute IRI, e.g. "https://learning.example.org/courses/fire-safety"'
    )


def test_relative_iri_is_an_error(make_course, cli):
    root = make_course({COURSE: fixture_text("minimal", COURSE) + "iri: courses/fire-safety\n"})
    result = cli("build", "--course", str(root), "--format", "cmi5")
    assert _errors(result)[0] == (
        'course/course.yaml:26: error: iri: "courses/fire-safety" is not an absolute IRI; '
        'write it in full, e.g. "https://learning.example.org/courses/fire-safety"'
    )
