"""The LMS misbehaves, the trainee reloads or opens two tabs: nothing is lost or counted twice.

What the LMS holds is read from the test LMS's server after the page is gone.
"""

from __future__ import annotations

import pytest
from test_accessibility import open_standalone
from trainee import Trainee, calls, close, launch

NAMES = {
    "1.2": {
        "init": "LMSInitialize",
        "set": "LMSSetValue",
        "commit": "LMSCommit",
        "finish": "LMSFinish",
    },
    "2004": {"init": "Initialize", "set": "SetValue", "commit": "Commit", "finish": "Terminate"},
}
FOLDER = {"1.2": "minimal-scorm12", "2004": "minimal-scorm2004"}
VERSIONS = ["1.2", "2004"]


def status(cmi: dict, version: str) -> tuple[str, ...]:
    if version == "1.2":
        return (cmi["core"]["lesson_status"],)
    return cmi["completion_status"], cmi["success_status"]


PASSED = {"1.2": ("passed",), "2004": ("completed", "passed")}


def pass_final(trainee: Trainee) -> list[str]:
    trainee.open("final-assessment")
    questions = trainee.answer_all(right=True)
    trainee.submit()
    return questions


@pytest.mark.parametrize("version", VERSIONS)
def test_refused_values_are_logged_once_and_the_course_goes_on(page, base_url, version):
    n = NAMES[version]
    faults = f"{{ {n['set']}: (k) => k.startsWith('cmi.interactions') }}"
    trainee = launch(page, base_url, FOLDER[version], version, faults=faults)
    trainee.start("manager")
    questions = pass_final(trainee)
    assert len(questions) >= 2
    cmi = close(page)
    assert status(cmi, version) == PASSED[version]
    assert cmi["interactions"] == {}
    refused = [w for w in page.warnings if "cmi.interactions" in w]
    # One message per element, not one per answer.
    assert len(refused) == len({w.split("(")[1].split(")")[0] for w in refused})
    assert any("cmi.interactions.n.id" in w for w in refused), page.warnings


@pytest.mark.parametrize("version", VERSIONS)
def test_failed_commits_are_carried_by_a_later_commit(page, base_url, version):
    n = NAMES[version]
    page.lms.session("failing-" + version).fail_commits = 2  # the server answers 500 twice
    trainee = launch(page, base_url, FOLDER[version], version, sid="failing-" + version)
    trainee.start("rep")
    for _ in range(3):
        trainee.next()
    pass_final(trainee)
    committed = close(page)
    assert status(committed, version) == PASSED[version]
    assert committed["suspend_data"]
    assert len(calls(page, n["commit"])) >= 2
    assert any(c["result"] == "false" for c in calls(page, n["commit"]))
    # The browser logs the LMS page's failed requests; the course itself logs no error.
    assert [p for p in page.problems if "status of 500" not in p] == []


@pytest.mark.parametrize("version", VERSIONS)
def test_api_that_appears_late_is_still_used(page, base_url, version):
    trainee = launch(page, base_url, FOLDER[version], version, faults="{ delayMs: 1200 }")
    trainee.frame.wait_for_function("() => !!(window.DFC && DFC.app)", timeout=10_000)
    assert not trainee.frame.evaluate("() => !!DFC.app.lms.standalone")
    assert trainee.frame.inner_text("#dfc-notice") == ""
    trainee.start("other")
    here = trainee.next()
    cmi = close(page)
    location = cmi["core"]["lesson_location"] if version == "1.2" else cmi["location"]
    assert location == here
    assert len(calls(page, NAMES[version]["init"])) == 1


@pytest.mark.parametrize("version", VERSIONS)
def test_initialize_that_fails_leaves_a_working_course(page, base_url, version):
    n = NAMES[version]
    trainee = launch(
        page, base_url, FOLDER[version], version, faults=f"{{ {n['init']}: () => true }}"
    )
    trainee.frame.wait_for_function("() => !!(window.DFC && DFC.app)")
    assert "not being recorded" in trainee.frame.inner_text("#dfc-notice")
    trainee.start("manager")
    trainee.next()
    pass_final(trainee)
    close(page, terminates=False)
    assert len(calls(page, n["init"])) == 1
    assert calls(page, n["finish"]) == []
    assert [c["name"] for c in calls(page) if "Initialize" not in c["name"]] in (
        [],
        [n["init"].replace("Initialize", "GetLastError")],
    )


@pytest.mark.parametrize("version", VERSIONS)
def test_value_too_long_saves_a_shorter_form(page, base_url, version):
    n = NAMES[version]
    faults = f"{{ {n['set']}: (k, v) => k === 'cmi.suspend_data' && String(v).length > 30 }}"
    trainee = launch(page, base_url, FOLDER[version], version, faults=faults)
    trainee.start("rep")
    trainee.next()
    trainee.next()
    trainee.open("fire-basics/quiz")
    trainee.answer(trainee.visible_questions()[0])
    cmi = close(page)
    assert 0 < len(cmi["suspend_data"]) <= 30
    again = launch(page, base_url, FOLDER[version], version, cmi=cmi, sid=trainee.sid)
    again.frame.wait_for_function("() => DFC.app && DFC.app.nav.current >= 0")
    assert again.current() == "fire-basics/quiz"
    assert again.frame.evaluate("() => DFC.app.state.role") == "rep"
    assert page.problems == []


@pytest.mark.parametrize("version", VERSIONS)
def test_reload_mid_assessment_keeps_the_attempt_and_answers(page, base_url, version):
    folder = FOLDER[version]
    trainee = launch(page, base_url, folder, version)
    trainee.start("manager")
    trainee.open("final-assessment")
    questions = trainee.visible_questions()
    trainee.answer(questions[0], right=True)
    cmi = close(page)
    again = launch(page, base_url, folder, version, cmi=cmi, sid=trainee.sid)
    again.frame.wait_for_function("() => DFC.app && DFC.app.nav.current >= 0")
    assert again.current() == "final-assessment"
    assert again.visible_questions() == questions
    assert again.frame.evaluate("() => DFC.app.state.quizzes.final.attempt") == 1
    for qid in questions[1:]:
        again.answer(qid, right=True)
    again.submit()
    cmi = close(page)
    answers = [i for i in cmi["interactions"].values() if i["id"] != "role"]
    assert [a["id"] for a in answers] == questions
    assert status(cmi, version) == PASSED[version]


@pytest.mark.parametrize("version", VERSIONS)
def test_damaged_saved_progress_restarts_cleanly_where_it_can(page, base_url, version):
    folder = FOLDER[version]
    trainee = launch(page, base_url, folder, version)
    trainee.start("rep")
    trainee.next()
    trainee.next()
    here = trainee.current()
    cmi = close(page)
    cmi["suspend_data"] = cmi["suspend_data"][: len(cmi["suspend_data"]) // 2] + "~zz"
    again = launch(page, base_url, folder, version, cmi=cmi, sid=trainee.sid)
    again.frame.wait_for_function("() => DFC.app && DFC.app.nav.current >= 0")
    assert again.current() == here
    assert "start afresh" in again.frame.inner_text("#dfc-notice")
    assert page.problems == []


@pytest.mark.parametrize("version", VERSIONS)
def test_progress_from_an_older_version_resumes_at_the_nearest_screen(page, base_url, version):
    folder = FOLDER[version]
    cmi = {"suspend_data": "1~0123456789ab~P~2~~"}
    if version == "1.2":
        cmi["core"] = {"lesson_location": "fire-basics/a-page-that-was-removed", "exit": "suspend"}
    else:
        cmi.update({"location": "fire-basics/a-page-that-was-removed", "exit": "suspend"})
    again = launch(page, base_url, folder, version, cmi=cmi)
    again.frame.wait_for_function("() => DFC.app && DFC.app.nav.current >= 0")
    assert again.current() == "fire-basics/overview"
    assert again.frame.evaluate("() => DFC.app.state.role") == ""
    assert page.problems == []


def test_two_tabs_never_undo_each_other_or_count_an_attempt_twice(browser, base_url):
    context = browser.new_context()
    first, second = context.new_page(), context.new_page()
    for tab in (first, second):
        tab.problems = []
        tab.on("console", lambda m, tab=tab: m.type == "error" and tab.problems.append(m.text))
    one = open_standalone(first, base_url, "minimal")
    two = open_standalone(second, base_url, "minimal")
    one.start("manager")
    one.next()
    one.open("final-assessment")
    one.answer_all(right=False)
    one.submit()
    two.start("manager")  # the second tab still holds the older progress
    two.next()
    second.reload()
    second.wait_for_function("() => DFC.app && DFC.app.nav.current >= 0")
    state = second.evaluate("() => DFC.app.state")
    assert state["quizzes"]["final"]["attempt"] == 1
    assert state["quizzes"]["final"]["done"] is True
    seen = {int(i) for i in state["seen"]}
    assert {0, 1}.issubset(seen)
    final_index = [s["id"] for s in one.data()["screens"]].index("final-assessment")
    assert final_index in seen
    assert first.problems == [] and second.problems == []
    context.close()
