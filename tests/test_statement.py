"""The accessibility statement: in every package, beside them in dist/, a draft until filled."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

from builder import api
from builder.tools.new_course import new_course
from tests.helpers import FIXTURES

MISSING = (
    "course/course.yaml: warning: accessibility is missing: the accessibility statement is a "
    "draft until course.yaml gives accessibility.contact, accessibility.last_tested, "
    "accessibility.compliance and accessibility.enforcement"
)


def course_with(tmp_path: Path, extra: str) -> Path:
    """The minimal course with its own `accessibility:` (the file's last lines) replaced."""
    course = tmp_path / "course"
    shutil.copytree(FIXTURES / "minimal", course)
    yaml_file = course / "course" / "course.yaml"
    kept = yaml_file.read_text().split("accessibility:\n")
    assert len(kept) == 2 and not re.search(r"^\S", kept[1], re.M)  # the section ends the file
    yaml_file.write_text(kept[0] + extra)
    return course


def test_without_the_section_the_draft_says_what_is_missing_and_validate_warns(tmp_path, cli):
    course = course_with(tmp_path, "")
    report = api.build(course, tmp_path / "dist", ["scorm12"])
    assert [p.format() for p in report.warnings] == [MISSING]
    result = cli("validate", "--course", str(course))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [MISSING]
    assert cli("validate", "--course", str(course), "--strict").exit_code == 1
    draft = (tmp_path / "dist" / "fire-safety-1.0.0-accessibility.html").read_text()
    assert "<strong>This statement is a draft.</strong>" in draft
    assert (
        "not in course.yaml yet: accessibility.contact, accessibility.last_tested, "
        "accessibility.compliance, accessibility.enforcement." in draft
    )
    assert "[not given yet: add accessibility.contact to course.yaml]" in draft
    assert "Web Content Accessibility Guidelines version 2.2</a> AA standard" in draft
    with zipfile.ZipFile(report.packages[0].path) as archive:
        carried = archive.read("accessibility.html").decode()
        # The same statement; only the package's content security policy differs.
        assert carried.split("<body>")[1] == draft.split("<body>")[1]
        for name in archive.namelist():
            if name.endswith(".html") and name != "accessibility.html":
                page = archive.read(name).decode()
                assert '<a href="accessibility.html" target="_blank"' in page, name


def test_filled_fields_make_a_statement_and_half_filled_ones_warn(tmp_path):
    course = course_with(
        tmp_path,
        "accessibility:\n  contact: learning@northshire.example\n  last_tested: 2026-11-30\n"
        "  compliance: partial\n  limitations:\n    - The diagram on page 2 has no long description.\n"
        "theme:\n  organisation: Northshire Council\n",
    )
    report = api.build(course, tmp_path / "dist", ["scorm12"])
    lines = (course / "course" / "course.yaml").read_text().splitlines()
    line = lines.index("accessibility:") + 1
    assert [p.format() for p in report.warnings] == [
        f"course/course.yaml:{line}: warning: accessibility.enforcement is missing: the "
        "accessibility statement says so plainly until it is filled in"
    ]
    text = (tmp_path / "dist" / "fire-safety-1.0.0-accessibility.html").read_text()
    assert "contact: learning@northshire.example." in text
    assert "last tested by a person on 30 November 2026" in text
    assert "This course is partially compliant with the" in text
    assert "<li>The diagram on page 2 has no long description.</li>" in text
    assert "version 1.0.0, provided by Northshire Council" in text
    assert "accessibility.enforcement. Fill them in" in text
    assert "[not given yet: add accessibility.contact" not in text


def test_last_tested_not_yet_is_said_plainly_and_needs_no_warning(tmp_path):
    course = course_with(
        tmp_path,
        "accessibility:\n  contact: learning@northshire.example\n  last_tested: not yet\n"
        "  compliance: not\n  enforcement: The enforcement paragraph.\n",
    )
    report = api.build(course, tmp_path / "dist", ["scorm12"])
    assert report.warnings == []
    text = (tmp_path / "dist" / "fire-safety-1.0.0-accessibility.html").read_text()
    assert "No person has tested this version of the course for accessibility yet." in text
    assert "This statement is a draft." not in text
    assert "This course is not compliant with the" in text


def test_the_bundled_course_and_a_new_course_give_no_statement_warning(tmp_path):
    _, warnings = api.validate(FIXTURES.parents[1])
    assert [p for p in warnings if p.rule == "statement"] == []
    new_course(tmp_path / "c", title="Lone working")
    _, warnings = api.validate(tmp_path / "c")
    assert [p for p in warnings if p.rule == "statement"] == []
