"""LMSs as they are, not as the standard hopes: each profile is named for what the LMS does.

Every test runs both packages, reads what the test LMS's server stored after the page is gone,
and checks that the course raised no exception and logged no console error.
"""

from __future__ import annotations

import uuid

import pytest
from lms_server import LmsServer
from trainee import NEW_ATTEMPT, Trainee, calls, close, launch, lost_at_leave

PACKAGES = {"1.2": "minimal-scorm12", "2004": "minimal-scorm2004"}
VERSIONS = ["1.2", "2004"]
# LMSs that store each value by a request of its own (see tests/browser/lms.js).
PER_VALUE = {"persist": "parallel", "endsFirst": True}  # and the LMS commits and ends first
QUEUED = {"persist": "queue", "blankStatus": True}


def passed(cmi: dict, version: str) -> bool:
    if version == "1.2":
        return cmi.get("core", {}).get("lesson_status") == "passed"
    return (cmi.get("completion_status"), cmi.get("success_status")) == ("completed", "passed")


def take_final(trainee: Trainee, right: bool = True) -> list[str]:
    trainee.open("final-assessment")
    questions = trainee.answer_all(right=right)
    trainee.submit()
    return questions


def graded(cmi: dict) -> list[dict]:
    return [i for _n, i in sorted(cmi.get("interactions", {}).items(), key=lambda kv: int(kv[0]))]


def no_course_errors(page) -> None:  # type: ignore[no-untyped-def]
    """No uncaught exception and no console error: only the browser's own network lines."""
    assert [p for p in page.problems if not p.startswith("Failed to load resource")] == []


@pytest.mark.parametrize("version", VERSIONS)
def test_synchronous_xhr_for_every_call(page, base_url, version):
    trainee = launch(page, base_url, PACKAGES[version], version, syncXhr=True)
    trainee.start("manager")
    trainee.next()
    take_final(trainee)
    # While the page closes the browser refuses this LMS's requests, so every call then
    # fails: what the course committed before is what counts.
    cmi = close(page, terminates=False)
    assert page.lms.session(trainee.sid).pings > 5
    assert passed(cmi, version)
    assert (cmi["core"]["exit"] if version == "1.2" else cmi["exit"]) in ("", "normal")
    no_course_errors(page)


@pytest.mark.parametrize("version", VERSIONS)
def test_fire_and_forget_commits_that_arrive_out_of_order(page, base_url, version):
    sid = f"forget-{version}"
    page.lms.session(sid).delay = 0.3  # each commit is answered after up to 0.3 s
    trainee = launch(page, base_url, PACKAGES[version], version, sid=sid, commits="async")
    trainee.start("rep")
    trainee.next()
    trainee.next()
    take_final(trainee)
    cmi = close(page)
    assert passed(cmi, version)
    # The course never reads back what it wrote: its only reads come before its first write.
    names = [c["name"] for c in calls(page)]
    get = "LMSGetValue" if version == "1.2" else "GetValue"
    first_set = next(i for i, n in enumerate(names) if n.endswith("SetValue"))
    assert get not in names[first_set:]
    no_course_errors(page)


@pytest.mark.parametrize("version", VERSIONS)
def test_the_lms_ends_the_session_first(page, base_url, version):
    trainee = launch(page, base_url, PACKAGES[version], version, endsFirst=True)
    trainee.start("other")
    questions = take_final(trainee)
    cmi = close(page)
    assert passed(cmi, version)
    assert [i["id"] for i in graded(cmi)][1:] == questions
    finish = "LMSFinish" if version == "1.2" else "Terminate"
    ended = [i for i, c in enumerate(calls(page)) if c["name"] == finish]
    # The LMS's own Finish came first; the course then sent only what leaving needs, and what
    # it had committed before is what the LMS keeps.
    later = [c for c in calls(page)[ended[0] + 1 :] if "Error" not in c["name"]]
    assert ended and 1 <= len(later) <= 4
    no_course_errors(page)


@pytest.mark.parametrize("package", ["minimal-scorm2004", "minimal-scorm12"])
def test_one_12_object_under_both_names_with_lmsterminate_and_throwing_errors(
    page, base_url, package
):
    faults = "{ LMSSetValue: (k) => /latency/.test(k) }"  # a refusal, so the error calls run
    trainee = launch(
        page,
        base_url,
        package,
        "1.2",
        faults=faults,
        oneObject12=True,
        terminate12=True,
        throwing=True,
    )
    trainee.start("manager")
    questions = take_final(trainee)
    cmi = close(page)
    assert cmi["core"]["lesson_status"] == "passed"
    answers = graded(cmi)
    assert [a["id"] for a in answers] == ["role", *questions]
    assert all(a["result"] in ("correct", "neutral") for a in answers)
    names = {c["name"] for c in calls(page)}
    assert "LMSTerminate" in names and "LMSFinish" not in names
    assert "LMSGetLastError" in names  # it threw, and the course went on
    if package.endswith("2004"):
        assert any("offers only the SCORM 1.2 interface" in w for w in page.warnings)
    no_course_errors(page)


@pytest.mark.parametrize("version", VERSIONS)
def test_count_unsupported_never_overwrites_a_record_after_a_relaunch(page, base_url, version):
    trainee = launch(page, base_url, PACKAGES[version], version, noCount=True)
    trainee.start("rep")
    first = take_final(trainee, right=False)
    cmi = close(page)
    again = launch(
        page, base_url, PACKAGES[version], version, cmi=cmi, sid=trainee.sid, noCount=True
    )
    again.frame.wait_for_function("() => DFC.app && DFC.app.nav.current >= 0")
    again.frame.click("#dfc-screen [data-dfc-retry]")
    again.frame.wait_for_selector(NEW_ATTEMPT)
    second = again.answer_all(right=True)
    again.submit()
    cmi = close(page)
    ids = [i["id"] for i in graded(cmi)]
    assert ids == ["role", *first, *[f"{q}-attempt-2" for q in second]]
    assert passed(cmi, version)
    no_course_errors(page)


@pytest.mark.parametrize("version", VERSIONS)
def test_entry_always_ab_initio_still_resumes(page, base_url, version):
    trainee = launch(page, base_url, PACKAGES[version], version, alwaysAbInitio=True)
    trainee.start("manager")
    trainee.open("final-assessment")
    questions = trainee.visible_questions()
    trainee.answer(questions[0])
    before = trainee.frame.evaluate("DFC.app.state")
    cmi = close(page)
    again = launch(
        page, base_url, PACKAGES[version], version, cmi=cmi, sid=trainee.sid, alwaysAbInitio=True
    )
    again.frame.wait_for_function("() => DFC.app && DFC.app.nav.current >= 0")
    entry = "LMSGetValue" if version == "1.2" else "GetValue"
    assert (
        page.evaluate("lmsApi.cmi.core ? lmsApi.cmi.core.entry : lmsApi.cmi.entry") == "ab-initio"
    )
    assert again.current() == "final-assessment"
    assert again.frame.evaluate("DFC.app.state.quizzes") == before["quizzes"]
    assert not [c for c in calls(page, entry) if c["key"].endswith(".entry")]
    no_course_errors(page)


@pytest.fixture(scope="module")
def other_origin(site) -> LmsServer:  # type: ignore[no-untyped-def]
    """The same site on another port: another origin than the LMS page."""
    server = LmsServer(str(site)).start()
    yield server
    server.stop()


@pytest.mark.parametrize("version", VERSIONS)
def test_content_from_another_origin_falls_back_cleanly(page, base_url, other_origin, version):
    url = f"{other_origin.url}/{PACKAGES[version]}/index.html"
    trainee = launch(page, base_url, url, version)
    trainee.frame.wait_for_function("() => !!(window.DFC && DFC.app)", timeout=10_000)
    assert trainee.frame.evaluate("() => !!DFC.app.lms.standalone")
    assert "not being recorded" in trainee.frame.inner_text("#dfc-notice")
    trainee.start("rep")
    trainee.next()
    no_course_errors(page)


@pytest.mark.parametrize("version", VERSIONS)
def test_suspend_data_cut_short_by_the_lms_is_detected_and_kept_within(page, base_url, version):
    trainee = launch(page, base_url, PACKAGES[version], version, capSuspend=30)
    assert trainee.frame.evaluate("DFC.app.lms.maxSuspend") == 4096
    trainee.start("manager")
    trainee.next()
    take_final(trainee, right=False)
    cmi = close(page)
    assert len(cmi["suspend_data"]) == 30  # the LMS kept only the start, and said nothing
    again = launch(
        page, base_url, PACKAGES[version], version, cmi=cmi, sid=trainee.sid, capSuspend=30
    )
    again.frame.wait_for_function("() => DFC.app && DFC.app.nav.current >= 0")
    assert again.frame.evaluate("DFC.app.limit") == 30
    again.open(again.data()["screens"][1]["id"])
    cmi = close(page)
    assert len(cmi["suspend_data"]) <= 30
    third = launch(
        page, base_url, PACKAGES[version], version, cmi=cmi, sid=trainee.sid, capSuspend=30
    )
    third.frame.wait_for_function("() => DFC.app && DFC.app.nav.current >= 0")
    assert third.frame.evaluate("DFC.app.stale") is False  # what it saved within the cap reads
    no_course_errors(page)


def leave_and_come_back(page, base_url, version, trainee, cmi, **profile):  # type: ignore[no-untyped-def]
    """Relaunch from what the server stored; the course is where it was left, as it was."""
    again = launch(page, base_url, PACKAGES[version], version, cmi=cmi, sid=trainee.sid, **profile)
    again.frame.wait_for_function("() => DFC.app && DFC.app.nav.current >= 0")
    again.ready()
    return again


def location(cmi: dict, version: str) -> str:
    return cmi["core"]["lesson_location"] if version == "1.2" else cmi["location"]


@pytest.mark.parametrize("profile", ["parallel", "queue", "slow"])
@pytest.mark.parametrize("version", VERSIONS)
def test_an_lms_that_stores_value_by_value_or_slowly_loses_nothing_at_leaving(
    page, base_url, version, profile
):
    """Per-value requests in parallel (the last to finish wins) with the LMS committing and
    ending first; requests queued one at a time; a server taking 300 ms over each request.
    Each time the trainee leaves mid-quiz, then again after passing."""
    options = {"parallel": PER_VALUE, "queue": QUEUED, "slow": {}}[profile]
    sid = f"{profile}-{version}-{uuid.uuid4().hex[:8]}"
    if profile == "parallel":
        page.lms.session(sid).delay = 0.03  # each request takes up to 30 ms, in any order
    if profile == "slow":
        page.lms.session(sid).slow = 0.3
    trainee = launch(page, base_url, PACKAGES[version], version, sid=sid, **options)
    trainee.start("rep")
    trainee.next()
    trainee.open("final-assessment")
    questions = trainee.visible_questions()
    for qid in questions[: len(questions) // 2 + 1]:
        trainee.answer(qid)
    before = trainee.frame.evaluate("DFC.app.state")
    cmi = close(page)
    if options:
        assert lost_at_leave(page) == []
    assert location(cmi, version) == "final-assessment"
    again = leave_and_come_back(page, base_url, version, trainee, cmi, **options)
    assert again.current() == "final-assessment"
    assert again.frame.evaluate("DFC.app.state") == before
    for qid in questions:
        again.answer(qid)
    again.submit()
    cmi = close(page)
    if options:
        assert lost_at_leave(page) == []
    assert passed(cmi, version)
    assert (cmi["core"]["exit"] if version == "1.2" else cmi["exit"]) in ("", "normal")
    no_course_errors(page)
