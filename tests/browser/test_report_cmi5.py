"""End to end: trainees complete the cmi5 package in Chromium against the test LMS and Ralph,
then `dfc-course report` reads Ralph's statements endpoint, page by page, and reports them."""

from __future__ import annotations

import json
import shutil
import urllib.request
from pathlib import Path

import pytest
from ralph_server import PASSWORD, USER
from test_cmi5 import (  # noqa: F401  (fixtures: ralph, cmi5_site, lms, enrol)
    REPO,
    cmi5_site,
    enrol,
    leave,
    lms,
    open_course,
    ralph,
    wait_for,
)

from builder.cli import main

IRI = "https://training.example.org/courses/fire-safety"
TRAINEES = [("rep", True)] * 3 + [("manager", False)] * 3


@pytest.fixture(scope="module")
def course_with_iri(tmp_path_factory) -> Path:
    """The minimal course as the cmi5 packages were built from it: with its iri."""
    folder = tmp_path_factory.mktemp("report-course") / "minimal"
    shutil.copytree(REPO / "tests" / "fixtures" / "minimal", folder)
    with (folder / "course" / "course.yaml").open("a", encoding="utf-8") as out:
        out.write(f"iri: {IRI}\n")
    return folder


def ralph_page(ralph, query: str) -> dict:  # noqa: F811
    request = urllib.request.Request(
        f"{ralph.url}/xAPI/statements?{query}",
        headers={"Authorization": ralph.auth, "X-Experience-API-Version": "1.0.3"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def test_the_report_reads_what_trainees_sent_to_ralph(
    browser,
    lms,  # noqa: F811
    ralph,  # noqa: F811
    enrol,  # noqa: F811
    course_with_iri,
):
    drawn: dict[str, list[str]] = {"rep": [], "manager": []}
    for role, right in TRAINEES:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            reg = enrol()
            trainee = open_course(page, lms, reg)
            trainee.start(role)
            drawn[role] += trainee.complete_course(final_right=right)
            wait_for(lms, reg, "passed" if right else "answered:" + drawn[role][-1])
            leave(page, lms, reg)
        finally:
            context.close()
        assert lms.violations == []
    # Ralph pages its answer when asked for few statements at a time: the report follows `more`.
    first = ralph_page(ralph, "limit=5")
    assert len(first["statements"]) == 5 and first["more"]

    from click.testing import CliRunner

    url = f"{ralph.url}/xAPI/statements?limit=5"
    args = ["report", url, "--course", str(course_with_iri), "--format", "json", "--min-group", "2"]
    result = CliRunner().invoke(main, [*args, "--lrs-user", USER, "--lrs-password", PASSWORD])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)

    assert report["learners"] == 6
    assert report["learners_by_role"] == {"manager": 3, "rep": 3, "other": 0}
    answered = {qid for qids in drawn.values() for qid in qids}
    items = {item["id"]: item for item in report["items"]}
    assert set(items) == answered
    for qid, item in items.items():
        reps, managers = drawn["rep"].count(qid), drawn["manager"].count(qid)
        if reps + managers >= 2:
            assert item["n"] == reps + managers, qid
            assert item["facility"] == round(reps / (reps + managers), 4), qid
        else:
            assert item["n"] is None and item["facility"] is None, qid  # fewer than 2
        by_role = item["by_role"]
        assert by_role["rep"] == ({"n": reps, "facility": 1.0} if reps >= 2 else None), qid
        assert by_role["manager"] == (
            {"n": managers, "facility": 0.0} if managers >= 2 else None
        ), qid
    # Six answers a role over five questions: some question has two of each role.
    assert any(i["by_role"]["rep"] for i in items.values())
    assert any(i["by_role"]["manager"] for i in items.values())
    # Everything the trainees sent is in one page too, and the report agrees with itself.
    whole = CliRunner().invoke(
        main,
        ["report", f"{ralph.url}/xAPI/", "--course", str(course_with_iri), "--format", "json",
         "--min-group", "2", "--lrs-user", USER, "--lrs-password", PASSWORD],
    )  # fmt: skip
    assert whole.exit_code == 0, whole.output
    assert json.loads(whole.stdout) == report
