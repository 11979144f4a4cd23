"""Roles come from the course: the trainee's own lens first, a role question that may not be
skipped, and a course from `new course` taken from start to finish in the LMS, with no roles."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from test_accessibility import open_standalone
from trainee import close, launch, lms_errors

from builder import api
from builder.tools.new_course import new_course

LENS_PAGE = "why-change-together/working-together"


def lens_order(page) -> list[str]:
    return page.eval_on_selector_all(
        "#dfc-screen [data-dfc-lens]", "boxes => boxes.map(b => b.getAttribute('data-dfc-lens'))"
    )


@pytest.mark.parametrize(("role", "order"), [("rep", ["rep", "manager"]), ("manager", ["manager", "rep"])])
def test_the_trainees_own_lens_comes_first(page, base_url, role, order):
    """The start screen promises the trainee's point of view first; each role gets it."""
    trainee = open_standalone(page, base_url, "bundled")
    assert "point of view first" in page.inner_text(".dfc-role .dfc-hint")
    trainee.start(role)
    trainee.open(LENS_PAGE)
    assert lens_order(page) == order
    first = page.locator("#dfc-screen [data-dfc-lens]").first
    assert "(your role)" in first.locator("h2").inner_text()
    assert page.problems == []


def _publish(site: Path, course: Path, name: str) -> None:
    """Build `course` and unpack its SCORM 1.2 package into the test LMS's site as `name`."""
    report = api.build(course, course / "dist", ["scorm12"], strict=True)
    with zipfile.ZipFile(report.packages[0].path) as archive:
        archive.extractall(site / name)


def test_a_new_course_runs_from_start_to_finish_with_no_role_question(page, base_url, site, tmp_path):
    folder = tmp_path / "lone-working"
    new_course(folder, title="Safe lone working")
    _publish(site, folder, "new-course-scorm12")
    trainee = launch(page, base_url, "new-course-scorm12", "1.2")
    assert trainee.frame.locator("input[name='dfc-role']").count() == 0
    trainee.start(None)
    trainee.complete_course(final_right=True)
    cmi = close(page)
    assert cmi["core"]["lesson_status"] == "passed"
    ids = [i["id"] for i in cmi["interactions"].values()]
    assert ids and "role" not in ids  # no roles: nothing about a role reaches the LMS
    assert lms_errors(page) == [] and page.problems == []


def test_a_role_question_that_may_not_be_skipped(page, base_url, site, tmp_path):
    folder = tmp_path / "carers"
    new_course(folder, title="Safe lone working")
    course = folder / "course/course.yaml"
    text = course.read_text(encoding="utf-8").replace("skippable: true ", "skippable: false")
    course.write_text(
        text + "roles:\n  - {id: carer, label: A home carer}\n"
        "  - {id: coordinator, label: A care coordinator}\n",
        encoding="utf-8",
    )
    _publish(site, folder, "must-answer-scorm12")
    trainee = launch(page, base_url, "must-answer-scorm12", "1.2")
    frame = trainee.frame
    frame.click(".dfc-start")
    needed = frame.locator("[data-dfc-role-needed]")
    needed.wait_for(state="visible")
    assert frame.evaluate("() => DFC.app.nav.current") == -1  # still on the start screen
    assert frame.evaluate("() => document.activeElement.id") == "dfc-role-carer"
    trainee.start("coordinator")
    assert not needed.is_visible()
    cmi = close(page)
    role = [i for i in cmi["interactions"].values() if i["id"] == "role"]
    assert len(role) == 1 and role[0]["student_response"] == "coordinator"
    assert lms_errors(page) == [] and page.problems == []
