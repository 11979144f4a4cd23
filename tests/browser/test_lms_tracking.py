"""A trainee takes the course in a real LMS runtime (scorm-again); the LMS holds the right record.

The LMS stores each commit on the test server; every check reads what the server stored after
the page is gone, never the LMS's memory.
"""

from __future__ import annotations

import re
import uuid

import pytest
from trainee import (
    NEW_ATTEMPT,
    calls,
    close,
    interaction_ids,
    launch,
    lms_errors,
    question_of,
    stored,
)

VERSIONS = {"1.2": "scorm12", "2004": "scorm2004"}
CHOICE_12 = re.compile(r"^ids:[a-z][a-z0-9-]*(,[a-z][a-z0-9-]*)*$")


def package(course: str, version: str) -> str:
    return f"{course}-{VERSIONS[version]}"


def graded(cmi: dict, version: str) -> list[dict]:
    """The graded answers: not the role, nor the self-assessment's statements and result."""
    return [
        i
        for i in cmi["interactions"].values()
        if i["id"] != "role"
        and not i["id"].startswith("self-assessment")
        and i.get("result") != "neutral"
    ]


def assert_clean_session(page, base_url: str, folder: str, version: str) -> None:
    init, finish = (
        ("LMSInitialize", "LMSFinish") if version == "1.2" else ("Initialize", "Terminate")
    )
    # The test LMS's own call log is whole, so what follows judges every call the package made.
    assert page.lms.log_gaps(page.dfc_sid, page.dfc_launch) == []
    assert len(calls(page, init)) == 1
    assert len(calls(page, finish)) == 1
    assert lms_errors(page) == []
    # No value is sent again unchanged, and each answer record is written once.
    sets = [(c["key"], c["value"]) for c in calls(page) if c["name"].endswith("SetValue")]
    last: dict[str, str] = {}
    for key, value in sets:
        assert last.get(key) != value, f"{key} was sent again with the same value"
        last[key] = value
    records = [key for key, _value in sets if key.startswith("cmi.interactions.")]
    assert len(records) == len(set(records))
    # Leaving sends what changed since the last commit, then Terminate: no Commit, which a
    # closing page may refuse.
    names = [c["name"] for c in calls(page)]
    commit, set_value = ("LMSCommit", "LMSSetValue") if version == "1.2" else ("Commit", "SetValue")
    after = names[len(names) - names[::-1].index(commit) :]
    assert after[-1] == finish and set(after[:-1]) <= {set_value}
    assert page.problems == []
    outside = [
        u
        for u in page.requests
        if not u.startswith(base_url) and not u.startswith("data:") and u != "about:blank"
    ]
    assert outside == []
    sco_requests = [u for u in page.requests if u.startswith(base_url) and f"/{folder}/" in u]
    assert sco_requests, "the package made no requests at all"


@pytest.mark.parametrize(
    ("course", "commits"), [("bundled", "sync"), ("bundled", "async"), ("minimal", "sync")]
)
@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_trainee_completes_course_and_passes(page, base_url, course, commits, version):
    folder = package(course, version)
    trainee = launch(page, base_url, folder, version, commits=commits)
    trainee.start("rep")
    final = trainee.complete_course(final_right=True)
    data = trainee.data()
    cmi = close(page)

    answers = graded(cmi, version)
    assert [a["id"] for a in answers] == interaction_ids(data, final)
    assert all(a["result"] == "correct" for a in answers)
    role = [i for i in cmi["interactions"].values() if i["id"] == "role"]
    assert len(role) == 1 and role[0]["result"] == "neutral"
    objective_ids = [o["id"] for o in cmi["objectives"].values()]
    assert objective_ids == [m["id"] for m in data["modules"]]
    last = data["screens"][-1]["id"]
    if version == "1.2":
        assert cmi["core"]["lesson_status"] == "passed"
        assert cmi["core"]["score"]["raw"] == "100"
        assert cmi["core"]["lesson_location"] == last
        assert cmi["core"]["exit"] == ""
        assert re.match(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$", cmi["core"]["session_time"])
        assert role[0]["student_response"] == "rep" and role[0]["type"] == "fill-in"
        for a in answers:
            q = question_of(a["id"], data)
            if q["type"] in ("single", "multiple", "ordering"):
                assert CHOICE_12.match(a["student_response"]), a
            assert a["student_response"] == a["correct_responses"]["0"]["pattern"]
        assert all(o["status"] in ("completed", "passed") for o in cmi["objectives"].values())
    else:
        assert cmi["completion_status"] == "completed"
        assert cmi["success_status"] == "passed"
        assert cmi["score"]["scaled"] == "1"
        assert cmi["score"]["raw"] == "100"
        assert cmi["progress_measure"] == "1"
        assert cmi["location"] == last
        assert cmi["exit"] == "normal"
        assert re.match(r"^PT(\d+H)?(\d+M)?[\d.]+S$", cmi["session_time"])
        for a in answers:
            q = question_of(a["id"], data)
            assert a["learner_response"] == a["correct_responses"]["0"]["pattern"]
            assert a["objectives"]["0"]["id"] == q["objective"]
            if q["type"] == "matching":
                assert "[.]" in a["learner_response"]
            if q["type"] in ("multiple", "ordering"):
                assert "[,]" in a["learner_response"]
        assert all(o["completion_status"] == "completed" for o in cmi["objectives"].values())
    assert_clean_session(page, base_url, folder, version)


def test_the_lms_call_log_stays_whole_beside_slow_asynchronous_commits(page, base_url):
    """Why "Failed to fetch" once failed the test above: the test LMS sent its call log by
    keep-alive fetch, and Chromium lets one page have at most 64 KiB of keep-alive requests in
    flight. A final assessment's batch of calls (about 44 KB) sent while scorm-again's
    asynchronous commit (also keep-alive) was still unanswered went over it, so Chromium
    refused the log, not the package's data. Commits held here for up to two seconds make
    that overlap certain: the log must still be whole, and the page free of errors."""
    sid = f"slow-log-{uuid.uuid4().hex[:8]}"
    page.lms.session(sid).delay = 2.0
    trainee = launch(page, base_url, package("bundled", "2004"), "2004", sid=sid, commits="async")
    trainee.start("rep")
    trainee.open("final-assessment")
    trainee.answer_all(right=True)
    trainee.submit()
    cmi = close(page)
    assert cmi["success_status"] == "passed"
    assert page.lms.log_gaps(sid, page.dfc_launch) == []
    assert lms_errors(page) == []
    assert page.problems == []


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_fail_then_retry_and_pass(page, base_url, version):
    trainee = launch(page, base_url, package("bundled", version), version)
    trainee.start("manager")
    trainee.open("final-assessment")
    first = trainee.answer_all(right=False)
    trainee.submit()
    mid = stored(page)  # the submit is committed at once
    if version == "1.2":
        assert mid["core"]["lesson_status"] == "incomplete"
        assert mid["core"]["score"]["raw"] == "0"
    else:
        assert mid["completion_status"] == "incomplete"
        assert mid["success_status"] == "unknown"
        assert mid["score"]["raw"] == "0"
    assert trainee.frame.is_visible("#dfc-screen [data-dfc-retry]")
    trainee.frame.click("#dfc-screen [data-dfc-retry]")
    trainee.frame.wait_for_selector(NEW_ATTEMPT)
    second = trainee.answer_all(right=True)
    trainee.submit()
    assert not trainee.frame.is_visible("#dfc-screen [data-dfc-retry]")
    data = trainee.data()
    cmi = close(page)
    answers = graded(cmi, version)
    first_ids = interaction_ids(data, first, right=False)
    second_ids = interaction_ids(data, second, right=True)
    assert [a["id"] for a in answers] == first_ids + [f"{i}-attempt-2" for i in second_ids]
    wrong = "wrong" if version == "1.2" else "incorrect"
    assert [a["result"] for a in answers] == [wrong] * len(first_ids) + ["correct"] * len(
        second_ids
    )
    if version == "1.2":
        assert cmi["core"]["lesson_status"] == "passed"
        assert cmi["core"]["score"]["raw"] == "100"
    else:
        assert (cmi["completion_status"], cmi["success_status"]) == ("completed", "passed")
    assert lms_errors(page) == []


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_fail_with_no_attempts_left_reports_failed(page, base_url, version):
    trainee = launch(page, base_url, package("minimal", version), version)
    trainee.start("other")
    data = trainee.data()
    attempts = data["final"]["attempts"]
    assert attempts >= 1
    trainee.open("final-assessment")
    for attempt in range(attempts):
        if attempt:
            trainee.frame.click("#dfc-screen [data-dfc-retry]")
            trainee.frame.wait_for_selector(NEW_ATTEMPT)
        trainee.answer_all(right=False)
        trainee.submit()
    assert not trainee.frame.is_visible("#dfc-screen [data-dfc-retry]")
    cmi = close(page)
    if version == "1.2":
        assert cmi["core"]["lesson_status"] == "failed"
        assert cmi["core"]["score"]["raw"] == "0"
    else:
        assert (cmi["completion_status"], cmi["success_status"]) == ("completed", "failed")
        assert cmi["score"]["scaled"] == "0"


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_leave_halfway_and_resume(page, base_url, browser, version):
    folder = package("bundled", version)
    trainee = launch(page, base_url, folder, version)
    trainee.start("rep")
    for _ in range(3):
        trainee.next()
    trainee.open("leadership/quiz")
    questions = trainee.visible_questions()
    # One answer on the check's first page, one on its last: both are kept for the return.
    answered = [questions[0], questions[-1]]
    trainee.answer(answered[0], right=True)
    trainee.answer(answered[1], right=False)
    before = trainee.frame.evaluate("DFC.app.state")
    cmi = close(page)
    assert (cmi["core"]["exit"] if version == "1.2" else cmi["exit"]) == "suspend"
    assert len(cmi["suspend_data"]) < 4096

    again = launch(page, base_url, folder, version, cmi=cmi, sid=trainee.sid)
    again.frame.wait_for_function("() => DFC.app.nav.current >= 0")
    assert again.current() == "leadership/quiz"
    assert again.visible_questions() == questions
    after = again.frame.evaluate("DFC.app.state")
    assert after["quizzes"]["leadership"]["answers"] == before["quizzes"]["leadership"]["answers"]
    assert after["seen"] == before["seen"] and after["role"] == "rep"
    assert sorted(after["quizzes"]["leadership"]["answers"]) == sorted(answered)
    for qid in answered:
        assert (
            again.frame.evaluate(
                # A choice, a match, or (in a scenario) the steps of the path taken.
                f"document.querySelectorAll('#q-{qid} input:checked, #q-{qid} select,"
                f" #q-{qid} [data-dfc-path] li').length"
            )
            > 0
        )
    init = "LMSInitialize" if version == "1.2" else "Initialize"
    # The test LMS's own call log is whole, so what follows judges every call the package made.
    assert page.lms.log_gaps(page.dfc_sid, page.dfc_launch) == []
    assert len(calls(page, init)) == 1
    assert lms_errors(page) == []
