"""cmi5 packages in headless Chromium against a test LMS and Ralph, a real LRS.

Each test asserts the exact statement sequence of its registration, that the test LMS found
no rule broken (cmi5_rules.py) and that Ralph's strict model accepts every stored statement.
"""

from __future__ import annotations

import json
import shutil
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cmi5_lms import Cmi5Lms, Launch
from lxml import etree
from ralph_server import Ralph
from trainee import Trainee, interaction_ids

from builder import api

HERE = Path(__file__).parent
REPO = HERE.parents[1]
COURSES = {
    "minimal": REPO / "tests" / "fixtures" / "minimal",
    "bundled": REPO,
    "unequal": REPO / "tests" / "fixtures" / "unequal",
}
IRIS = {
    "minimal": "https://training.example.org/courses/fire-safety",
    "module": "https://training.example.org/courses/fire-safety",
    "bundled": "https://learning.example.org/courses/dfc-joint-training",
    "release": "https://training.example.org/courses/fire-safety",
    "unequal": "https://training.example.org/courses/unequal-paths",
}
CMI5_NS = {"c": "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"}
STATE_ID = "https://training.example.org/courses/fire-safety/state/progress"
WAIT_S = 30


@pytest.fixture(scope="module")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ralph]:
    lrs = Ralph(tmp_path_factory.mktemp("ralph"))
    yield lrs
    lrs.stop()
    assert lrs.process.poll() is not None


@pytest.fixture(scope="module")
def cmi5_site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """Unpacked cmi5 packages: {name: {folder, au_id, iri, root}}.

    "minimal" and "bundled" are the whole courses; "module" is the minimal course's
    per-module package, where the module's knowledge check is the graded assessment.
    """
    root = tmp_path_factory.mktemp("cmi5-site")
    dist = tmp_path_factory.mktemp("cmi5-dist")
    zips: dict[str, Path] = {}
    for name, source in COURSES.items():
        course = dist / f"{name}-source"
        for folder in ("course", "modules", "quizzes"):
            shutil.copytree(source / folder, course / folder)
        yaml_file = course / "course" / "course.yaml"
        if "iri:" not in yaml_file.read_text(encoding="utf-8"):
            with yaml_file.open("a", encoding="utf-8") as out:
                out.write("iri: https://training.example.org/courses/fire-safety\n")
        report = api.build(course, dist / name, ["cmi5"], per_module=name == "minimal")
        for written in report.packages:
            if written.path.name.endswith("-fire-basics-cmi5.zip"):
                zips["module"] = written.path
            elif not written.path.name.endswith("-modules-cmi5.zip"):
                zips[name] = written.path
    zips["release"] = _release_package(dist / "minimal-source", dist)
    found: dict[str, dict[str, str]] = {}
    for name, path in zips.items():
        with zipfile.ZipFile(path) as archive:
            archive.extractall(root / f"{name}-cmi5")
        structure = etree.parse(str(root / f"{name}-cmi5" / "cmi5.xml"))
        found[name] = {
            "folder": f"{name}-cmi5",
            "au_id": structure.find(".//c:au", CMI5_NS).get("id"),
            "iri": IRIS[name],
            "root": str(root),
        }
    return found


def _release_package(source: Path, dist: Path) -> Path:
    """The minimal course approved by both groups (keys made here) and built for release."""
    from approval_helpers import add_signers, approve_as

    course = dist / "release-source"
    shutil.copytree(source, course)
    signed = add_signers(course, dist / "release-keys")
    approve_as(signed, "mary")
    approve_as(signed, "uma")
    report = api.build(course, dist / "release", ["cmi5"], release=True)
    return report.packages[0].path


@pytest.fixture(scope="module")
def lms(cmi5_site, ralph) -> Iterator[Cmi5Lms]:
    server = Cmi5Lms(Path(cmi5_site["minimal"]["root"]), ralph)
    yield server
    server.stop()


@pytest.fixture
def tab(browser) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []
    page.missing = []
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("response", lambda r: r.status == 404 and page.missing.append(r.url))
    yield page
    context.close()


@pytest.fixture
def enrol(lms, cmi5_site) -> Callable[..., str]:
    def make(course: str = "minimal", **settings: Any) -> str:
        info = cmi5_site[course]
        settings.setdefault("mastery", 0.8)
        return lms.register(Launch(info["folder"], info["au_id"], info["iri"], **settings))

    return make


def wait_for(lms: Cmi5Lms, registration: str, verb: str, count: int = 1) -> None:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if lms.sequence(registration).count(verb) >= count:
            return
        time.sleep(0.1)
    raise AssertionError(f"no {verb} after {WAIT_S} s: {lms.sequence(registration)}")


def running(page: Any) -> Trainee:
    """The course in the tab, once its runtime has connected and started."""
    page.wait_for_function("() => !!(window.DFC && DFC.app && DFC.app.nav)", timeout=WAIT_S * 1000)
    return Trainee(page, in_lms=False)


def open_course(page: Any, lms: Cmi5Lms, registration: str) -> Trainee:
    page.goto(lms.launch_url(registration))
    return running(page)


def leave(page: Any, lms: Cmi5Lms, registration: str, count: int = 1) -> None:
    """The trainee closes the tab: pagehide sends terminated with keepalive."""
    page.goto("about:blank")
    wait_for(lms, registration, "terminated", count)


def assert_clean(
    page: Any, lms: Cmi5Lms, ralph: Ralph, registration: str, failing: tuple[str, ...] = ()
) -> None:
    """No rule broken, nothing logged but the failures expected, Ralph holds and accepts all.

    A 404 is how the LRS says a document does not exist yet (11.0, 10): Chromium logs it,
    so those are allowed, for the two documents that may be missing and nothing else.
    """
    assert lms.violations == [], lms.violations
    documents = ("/xapi/agents/profile?", "/xapi/activities/state?")
    assert all(any(d in url for d in documents) for url in page.missing), page.missing
    allowed = ("status of 404",) * bool(page.missing) + failing
    assert [p for p in page.problems if not any(a in p for a in allowed)] == []
    ours = lms.statements(registration)
    stored = ralph.statements(registration)
    assert sorted(s["id"] for s in stored) == sorted(s["id"] for s in ours)
    assert ralph.invalid(stored) == []


def lms_questions(lms: Cmi5Lms, registration: str) -> dict[str, Any]:
    """The package's own question data (its answer key), read from its index.html."""
    folder = lms.launches[registration].folder
    html = (lms.site / folder / "index.html").read_text(encoding="utf-8")
    start = html.index('<script type="application/json" id="dfc-data">') + len(
        '<script type="application/json" id="dfc-data">'
    )
    return json.loads(html[start : html.index("</script>", start)])["questions"]


def answers(final: list[str]) -> list[str]:
    return [f"answered:{q}" for q in final]


@pytest.fixture(autouse=True)
def fresh_violations(lms: Cmi5Lms) -> Iterator[None]:
    lms.violations.clear()
    lms.faults.clear()
    lms.state_faults.clear()
    yield


@pytest.mark.parametrize("course", ["minimal", "bundled"])
def test_normal_pass(tab, lms, ralph, enrol, course):
    reg = enrol(course)
    trainee = open_course(tab, lms, reg)
    trainee.start("rep")
    final = trainee.complete_course(final_right=True)
    data = trainee.data()
    wait_for(lms, reg, "passed")
    leave(tab, lms, reg)
    # The self-assessment reports each statement and the zone when it is finished; a
    # scenario reports each decision.
    diagnostic = data.get("diagnostic")
    rated = [*diagnostic["questions"], "self-assessment"] if diagnostic else []
    assert lms.sequence(reg) == [
        "launched", "initialized", "answered:role", *answers(rated), "completed",
        *answers(interaction_ids(data, final)), "passed", "terminated",
    ]  # fmt: skip
    statements = lms.statements(reg)
    passed = next(s for s in statements if s["verb"]["id"].endswith("/passed"))
    assert passed["result"]["score"] == {"scaled": 1, "raw": 100, "min": 0, "max": 100}
    assert (
        passed["context"]["extensions"][
            "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
        ]
        == 0.8
    )
    role = next(s for s in statements if s["object"]["id"].endswith("/questions/role"))
    assert role["result"] == {"response": "rep"}
    iri = lms.registrations[reg].iri
    answered = [s for s in statements if s["verb"]["id"].endswith("/answered")]
    graded = [
        s for s in answered if s["context"]["extensions"].get(iri + "/extensions/quiz") == "final"
    ]
    assert len(graded) == len(interaction_ids(data, final))
    assert all(s["result"]["success"] is True for s in graded)
    assert all(
        s["result"]["response"] == s["object"]["definition"]["correctResponsesPattern"][0]
        for s in graded
    )
    rated = [
        s
        for s in answered
        if s["context"]["extensions"].get(iri + "/extensions/quiz") == "self-assessment"
    ]
    assert all("success" not in s["result"] for s in rated)
    questions = lms_questions(lms, reg)
    kinds = {"single": "choice", "multiple": "choice", "true-false": "true-false",
             "matching": "matching", "ordering": "sequencing", "scenario": "choice"}  # fmt: skip
    for s in graded:
        qid = s["object"]["id"].rsplit("/questions/", 1)[1]
        q = questions.get(qid)
        definition = s["object"]["definition"]
        if q is None:  # a scenario decision: <question>-<node>
            q = questions[qid.rsplit("-", 1)[0]]
            assert q["type"] == "scenario" and definition["interactionType"] == "choice"
            continue
        assert definition["interactionType"] == kinds[q["type"]]
        ids = [{"id": o} for o in q["options"]]
        if q["type"] == "matching":
            assert definition["source"] == ids
            assert s["result"]["response"].count("[.]") == len(ids)
        elif q["type"] == "true-false":
            assert s["result"]["response"] in ("true", "false") and "choices" not in definition
        else:
            assert definition["choices"] == ids
        if q["type"] in ("multiple", "ordering") and len(q["correct"]) > 1:
            assert "[,]" in s["result"]["response"]
    assert_clean(tab, lms, ralph, reg)


def test_best_choice_at_every_step_on_a_short_path_scores_100_and_answers_carry_weights(
    tab, lms, ralph, enrol
):
    """A scenario whose best first choice ends it at once: 100 % in the LRS, and each
    answered statement's result.score has the answer's weight as max, the marks as raw."""
    reg = enrol("unequal")
    trainee = open_course(tab, lms, reg)
    trainee.start("manager")
    trainee.open("final-assessment")
    trainee.ready()
    trainee.reveal("un-s1")
    step = "#dfc-screen #q-un-s1 [data-dfc-node='n1']"
    tab.check(f"{step} input[value='b']")
    tab.click(f"{step} [data-dfc-decide]")
    trainee.answer("rev-01", right=True)
    trainee.submit()
    wait_for(lms, reg, "passed")
    leave(tab, lms, reg)
    statements = lms.statements(reg)
    passed = next(s for s in statements if s["verb"]["id"].endswith("/passed"))
    assert passed["result"]["score"] == {"scaled": 1, "raw": 100, "min": 0, "max": 100}
    answered = {
        s["object"]["id"].rsplit("/questions/", 1)[1]: s["result"]
        for s in statements
        if s["verb"]["id"].endswith("/answered")
    }
    assert answered["un-s1-n1"]["score"] == {"raw": 3, "min": 0, "max": 3, "scaled": 1}
    assert answered["rev-01"]["score"] == {"raw": 1, "min": 0, "max": 1, "scaled": 1}
    assert "score" not in answered["role"]
    assert_clean(tab, lms, ralph, reg)


def test_fail_with_attempts_used_up(tab, lms, ralph, enrol):
    reg = enrol()
    trainee = open_course(tab, lms, reg)
    trainee.start("manager")
    drawn = [trainee.complete_course(final_right=False)]
    for _ in range(2):  # the minimal course allows three attempts
        trainee.frame.click("#dfc-screen [data-dfc-retry]")
        trainee.frame.wait_for_selector(
            "#dfc-screen form[data-dfc-ready] [data-dfc-quiz-result][hidden]", state="attached"
        )
        drawn.append(trainee.answer_all(right=False))
        trainee.submit()
    wait_for(lms, reg, "failed")
    leave(tab, lms, reg)
    expected = ["launched", "initialized", "answered:role", "completed"]
    for attempt in drawn:
        expected += answers(attempt)
    assert lms.sequence(reg) == [*expected, "failed", "terminated"]
    statements = lms.statements(reg)
    iri = lms.registrations[reg].iri
    attempts = [
        s["context"]["extensions"][iri + "/extensions/attempt"]
        for s in statements
        if s["verb"]["id"].endswith("/answered") and not s["object"]["id"].endswith("/role")
    ]
    assert attempts == [1, 1, 2, 2, 3, 3]
    failed = next(s for s in statements if s["verb"]["id"].endswith("/failed"))
    assert failed["result"]["success"] is False and failed["result"]["score"]["scaled"] == 0
    assert_clean(tab, lms, ralph, reg)


def test_launch_mastery_score_overrides_the_pass_mark(tab, lms, ralph, enrol):
    """LaunchData says 0.5; the course says 80%: one right answer of two passes."""
    reg = enrol(mastery=0.5)
    trainee = open_course(tab, lms, reg)
    trainee.start("other")
    while trainee.frame.evaluate("DFC.data().screens[DFC.app.nav.current].kind") != "final":
        trainee.next()
    final = trainee.visible_questions()
    trainee.answer(final[0], right=True)
    trainee.answer(final[1], right=False)
    trainee.submit()
    assert "You passed. The pass mark is 50%" in trainee.frame.inner_text("[data-dfc-quiz-result]")
    wait_for(lms, reg, "passed")
    leave(tab, lms, reg)
    assert lms.sequence(reg) == [
        "launched", "initialized", "answered:role", "completed", *answers(final), "passed",
        "terminated",
    ]  # fmt: skip
    passed = lms.statements(reg)[-2]
    assert passed["result"]["score"]["scaled"] == 0.5
    ext = passed["context"]["extensions"]
    assert ext["https://w3id.org/xapi/cmi5/context/extensions/masteryscore"] == 0.5
    assert_clean(tab, lms, ralph, reg)


@pytest.mark.parametrize("mode", ["Browse", "Review"])
def test_browse_and_review_send_only_initialized_and_terminated(tab, lms, ralph, enrol, mode):
    reg = enrol(mode=mode)
    trainee = open_course(tab, lms, reg)
    trainee.start("rep")
    trainee.complete_course(final_right=True)
    leave(tab, lms, reg)
    assert lms.sequence(reg) == ["launched", "initialized", "terminated"]
    assert lms.state_document(reg, STATE_ID) is None
    assert_clean(tab, lms, ralph, reg)


def test_reload_keeps_the_token_and_the_place(tab, lms, ralph, enrol):
    reg = enrol()
    trainee = open_course(tab, lms, reg)
    trainee.start("rep")
    trainee.next()
    place = trainee.current()
    tab.reload()
    wait_for(lms, reg, "terminated")
    trainee = running(tab)
    trainee._wait_for(place)
    assert "open the course again" in trainee.frame.inner_text("#dfc-notice")
    trainee.next()  # still works; the ended session takes no statements
    session = lms.registrations[reg].sessions[-1]
    assert session.fetches == 1
    # A screen change is saved within the runtime's settle time (5 s), not at once.
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if (lms.state_document(reg, STATE_ID) or {}).get("location") == trainee.current():
            break
        time.sleep(0.1)
    assert lms.state_document(reg, STATE_ID)["location"] == trainee.current()
    assert lms.sequence(reg) == ["launched", "initialized", "answered:role", "terminated"]
    assert_clean(tab, lms, ralph, reg)


def test_tab_closed_then_relaunched_resumes_without_a_second_completed_or_passed(
    tab, lms, ralph, enrol
):
    reg = enrol()
    trainee = open_course(tab, lms, reg)
    trainee.start("manager")
    final = trainee.complete_course(final_right=True)
    wait_for(lms, reg, "passed")
    last = trainee.current()
    leave(tab, lms, reg)
    assert lms.state_document(reg, STATE_ID)["location"] == last
    trainee = open_course(tab, lms, reg)
    trainee._wait_for(last)
    assert trainee.frame.evaluate("DFC.app.state.role") == "manager"
    leave(tab, lms, reg, count=2)
    assert lms.sequence(reg) == [
        "launched", "initialized", "answered:role", "completed", *answers(final), "passed",
        "terminated", "launched", "initialized", "terminated",
    ]  # fmt: skip
    assert_clean(tab, lms, ralph, reg)


def test_exit_follows_return_url_after_terminated(tab, lms, ralph, enrol):
    reg = enrol(return_url=f"http://127.0.0.1:{lms.port}/returned.html")
    trainee = open_course(tab, lms, reg)
    trainee.start("rep")
    with tab.expect_navigation(url="**/returned.html"):
        trainee.frame.click("[data-dfc-exit]")
    wait_for(lms, reg, "terminated")
    assert tab.inner_text("h1") == "Back in the LMS"
    assert lms.sequence(reg) == ["launched", "initialized", "answered:role", "terminated"]
    terminated = lms.statements(reg)[-1]
    assert terminated["result"]["duration"].startswith("PT")
    assert_clean(tab, lms, ralph, reg)


def test_the_exit_notice_claims_only_what_the_lrs_confirmed(tab, lms, ralph, enrol):
    """Leaving by the exit button: the notice says the results were sent when the LRS has
    confirmed all that came before the ending, and says it did not confirm them otherwise."""
    reg = enrol()
    trainee = open_course(tab, lms, reg)
    trainee.start("rep")
    wait_for(lms, reg, "answered:role")
    tab.wait_for_function("() => !DFC.app.lms.session.sending && !DFC.app.lms.session.retryTimer")
    tab.click("[data-dfc-exit]")
    wait_for(lms, reg, "terminated")
    notice = tab.inner_text("#dfc-notice")
    assert "sent to your learning system" in notice and "saved" not in notice
    assert_clean(tab, lms, ralph, reg)

    # An LRS that keeps failing holds nothing the course sent: the course does not claim it does.
    reg = enrol()
    lms.faults[:] = [503] * 20
    trainee = open_course(tab, lms, reg)
    trainee.start("rep")
    tab.click("[data-dfc-exit]")
    notice = tab.inner_text("#dfc-notice")
    assert "did not confirm" in notice and "sent to your" not in notice
    assert "answered:role" not in lms.sequence(reg)


@pytest.mark.parametrize(
    ("preferences", "language"),
    [({"languagePreference": "fr-FR,en-GB", "audioPreference": "off"}, "en-GB"), (None, None)],
)
def test_learner_preferences_read_before_any_statement(
    tab, lms, ralph, enrol, preferences, language
):
    reg = enrol(preferences=preferences)
    trainee = open_course(tab, lms, reg)
    assert trainee.frame.evaluate("DFC.app.lms.session.language || null") == language
    trainee.start("rep")
    leave(tab, lms, reg)
    assert lms.sequence(reg) == ["launched", "initialized", "answered:role", "terminated"]
    assert lms.registrations[reg].sessions[-1].read_preferences
    assert_clean(tab, lms, ralph, reg)


def test_statements_wait_out_a_failing_lrs_in_order(tab, lms, ralph, enrol):
    reg = enrol()
    lms.faults[:] = [503, 401, "drop", 500]
    trainee = open_course(tab, lms, reg)
    trainee.start("rep")
    final = trainee.complete_course(final_right=True)
    wait_for(lms, reg, "passed")
    assert lms.faults == []
    leave(tab, lms, reg)
    assert lms.sequence(reg) == [
        "launched", "initialized", "answered:role", "completed", *answers(final), "passed",
        "terminated",
    ]  # fmt: skip
    ids = [s["id"] for s in lms.statements(reg)]
    assert len(ids) == len(set(ids))
    assert_clean(tab, lms, ralph, reg, ("status of 503", "status of 401", "status of 500", "ERR_"))


def test_the_exit_button_is_accessible_and_fits_at_320px(tab, lms, ralph, enrol):
    from axe_playwright_python.sync_playwright import Axe
    from test_accessibility import AXE_OPTIONS

    reg = enrol(return_url=f"http://127.0.0.1:{lms.port}/returned.html")
    tab.set_viewport_size({"width": 320, "height": 640})
    trainee = open_course(tab, lms, reg)
    assert tab.is_visible("[data-dfc-exit]")
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= 320
    results = Axe().run(tab, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    trainee.start("rep")
    tab.focus("[data-dfc-exit]")
    with tab.expect_navigation(url="**/returned.html"):
        tab.keyboard.press("Enter")
    wait_for(lms, reg, "terminated")
    assert lms.sequence(reg) == ["launched", "initialized", "answered:role", "terminated"]
    assert_clean(tab, lms, ralph, reg)


def test_unreadable_progress_is_never_overwritten(tab, lms, ralph, enrol):
    reg = enrol()
    trainee = open_course(tab, lms, reg)
    trainee.start("rep")
    trainee.next()
    place = trainee.current()
    leave(tab, lms, reg)
    saved = lms.state_document(reg, STATE_ID)
    assert saved["location"] == place
    lms.state_faults[:] = [503, 503, 503]
    trainee = open_course(tab, lms, reg)
    assert lms.state_faults == []
    trainee.start("manager")
    trainee.next()
    trainee.next()
    leave(tab, lms, reg, count=2)
    assert lms.state_document(reg, STATE_ID) == saved
    assert lms.sequence(reg) == [
        "launched", "initialized", "answered:role", "terminated",
        "launched", "initialized", "answered:role", "terminated",
    ]  # fmt: skip
    assert_clean(tab, lms, ralph, reg, ("status of 503", "saved progress could not be read"))


def test_a_used_fetch_url_is_answered_with_an_error_and_the_course_still_runs(
    browser, tab, lms, ralph, enrol
):
    reg = enrol()
    url = lms.launch_url(reg)
    tab.goto(url)
    running(tab).start("rep")
    other = browser.new_context().new_page()  # another tab: no kept token
    try:
        other.goto(url)
        trainee = running(other)
        assert "not being recorded" in trainee.frame.inner_text("#dfc-notice")
        trainee.start("manager")
    finally:
        other.close()
    leave(tab, lms, reg)
    assert lms.violations == ["8.2.1: the AU retrieved the auth token more than once"]
    lms.violations.clear()
    assert lms.sequence(reg) == ["launched", "initialized", "answered:role", "terminated"]
    assert_clean(tab, lms, ralph, reg)


def test_a_module_package_grades_its_knowledge_check(tab, lms, ralph, enrol):
    reg = enrol("module")
    trainee = open_course(tab, lms, reg)
    trainee.start("rep")
    while trainee.frame.evaluate("DFC.data().screens[DFC.app.nav.current].kind") != "quiz":
        trainee.next()
    questions = trainee.answer_all(right=True)
    trainee.submit()
    wait_for(lms, reg, "passed")
    leave(tab, lms, reg)
    assert lms.sequence(reg) == [
        "launched", "initialized", "answered:role", "completed", *answers(questions), "passed",
        "terminated",
    ]  # fmt: skip
    iri = lms.registrations[reg].iri
    graded = [s for s in lms.statements(reg) if s["verb"]["id"].endswith("/answered")][1:]
    assert {s["context"]["extensions"][iri + "/extensions/quiz"] for s in graded} == {"fire-basics"}
    assert lms.registrations[reg].au_id.endswith("/modules/fire-basics/au")
    assert_clean(tab, lms, ralph, reg)


def test_a_release_package_names_its_version_and_content_hash_in_every_statement(
    tab, lms, ralph, enrol
):
    reg = enrol("release")
    trainee = open_course(tab, lms, reg)
    trainee.start("manager")
    trainee.complete_course(final_right=True)
    content_hash = trainee.data()["contentHash"]
    assert content_hash.startswith("sha256:") and len(content_hash) == 71
    wait_for(lms, reg, "passed")
    leave(tab, lms, reg)
    iri = lms.registrations[reg].iri
    statements = lms.statements(reg)
    assert len(statements) > 5
    for statement in statements:
        ext = statement["context"].get("extensions", {})
        if statement["verb"]["id"].endswith("/launched"):
            continue  # the LMS sends launched, not the package
        assert ext[iri + "/extensions/course-version"] == "1.0.0", statement
        assert ext[iri + "/extensions/content-hash"] == content_hash, statement
    assert_clean(tab, lms, ralph, reg)
