"""`dfc-course preview`: the course in a test LMS, a live panel, rebuilds on save, errors shown."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from trainee import Trainee

from builder.tools.preview import PreviewServer

FIXTURE = Path(__file__).parents[1] / "fixtures" / "minimal"
PAGE = "modules/fire-basics/01-fire-triangle.md"
QUIZ = "quizzes/fire-basics.yaml"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURE, tmp_path / "course"))


@pytest.mark.parametrize("scorm", ["12", "2004"])
def test_preview_tracks_rebuilds_and_reports_errors(browser, course, scorm):
    messages: list[str] = []
    server = PreviewServer(
        course, scorm=scorm, port=0, report=messages.append, interval=0.1
    ).start()
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    try:
        page.goto(server.url)
        trainee = Trainee(page, frame_selector="#course")
        trainee.frame.wait_for_selector("h1")
        trainee.start("manager")
        trainee.open("final-assessment")
        questions = trainee.answer_all(right=True)
        trainee.submit()
        page.wait_for_selector("#panel .interactions tr:nth-child(3)")
        rows = page.eval_on_selector_all(
            "#panel .interactions tr", "rs => rs.map(r => r.innerText)"
        )
        assert [r.split("\t")[0] for r in rows[1:]] == ["role", *questions]
        assert all(r.endswith("correct") for r in rows[2:])
        panel = page.inner_text("#panel")
        assert "Score\n100" in panel
        assert ("Status\npassed" if scorm == "12" else "Success\npassed") in panel
        # The test LMS stored the commit on the preview server, as an LMS does.
        status = "cmi.core.lesson_status" if scorm == "12" else "cmi.success_status"
        assert server.lms_data[status] == "passed"
        page.goto("about:blank")  # the trainee leaves; the LMS keeps what was committed
        page.goto(server.url)
        trainee.frame.wait_for_function("() => DFC.app.nav.current >= 0")
        assert trainee.current() == "final-assessment"
        location = "cmi.core.lesson_location" if scorm == "12" else "cmi.location"
        assert server.lms_data[location] == "final-assessment"

        trainee.open("fire-basics/fire-triangle")
        page_file = course / PAGE
        page_file.write_text(
            page_file.read_text(encoding="utf-8") + "\nA line added while previewing.\n",
            encoding="utf-8",
        )
        trainee.frame.wait_for_selector("text=A line added while previewing.", timeout=10_000)
        assert trainee.current() == "fire-basics/fire-triangle"

        quiz = course / QUIZ
        good = quiz.read_text(encoding="utf-8")
        quiz.write_text(good.replace("pass_mark: 80", "pasmark: 80", 1), encoding="utf-8")
        page.wait_for_selector("#build-error:not([hidden])", timeout=10_000)
        error = page.inner_text("#build-error")
        assert "quizzes/fire-basics.yaml:" in error and '"pass_mark"' in error
        assert any("pasmark" in m for m in messages)
        assert any("last good build" in m for m in messages)
        assert "A line added while previewing." in trainee.frame.inner_text("#dfc-screen")
        assert page.request.get(server.url + "course/index.html").status == 200

        quiz.write_text(good, encoding="utf-8")
        page.wait_for_selector("#build-error[hidden]", state="attached", timeout=10_000)

        page.click("#reset")
        page.wait_for_function(
            "() => document.querySelectorAll('#panel .interactions tr').length === 1"
        )
        trainee.frame.wait_for_selector("h1")
        assert trainee.frame.evaluate("() => DFC.app.nav.current") == -1
        page.wait_for_timeout(300)  # a commit sent before the reset must not land after it
        assert "cmi.suspend_data" not in server.lms_data
    finally:
        context.close()
        server.stop()


def test_cmi5_preview_lists_the_statements_the_course_sends(browser, course):
    (course / "course" / "course.yaml").open("a", encoding="utf-8").write(
        "iri: https://training.example.org/courses/fire-safety\n"
    )
    server = PreviewServer(course, port=0, interval=0.1, cmi5=True).start()
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    try:
        page.goto(server.url)
        trainee = Trainee(page, frame_selector="#course")
        trainee.frame.wait_for_selector("h1")
        trainee.start("rep")
        trainee.open("final-assessment")
        questions = trainee.answer_all(right=True)
        trainee.submit()
        page.wait_for_selector("#panel .statements tr:has-text('passed')")
        rows = page.eval_on_selector_all("#panel .statements tr", "rs => rs.map(r => r.innerText)")
        verbs = [r.split("\t")[1] for r in rows[1:]]
        objects = [r.split("\t")[2] for r in rows[1:]]
        # Passing the graded assessment completes the course (as in SCORM), so the course
        # sends completed, then passed, even though not every screen was opened.
        answers = ["answered"] * (len(questions) + 1)
        assert verbs == ["initialized", *answers, "completed", "passed"]
        assert objects[1 : len(answers) + 1] == [f"questions/{q}" for q in ["role", *questions]]
        assert "score 100 (scaled 1)" in rows[-1]

        page.click("#reset")
        page.wait_for_function(
            "() => document.querySelectorAll('#panel .statements tr').length === 2"
        )
        assert "initialized" in page.inner_text("#panel .statements")
    finally:
        context.close()
        server.stop()


def test_phone_width_shows_the_course_at_375_px(browser, course):
    server = PreviewServer(course, port=0).start()
    page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    try:
        page.goto(server.url)
        trainee = Trainee(page, frame_selector="#course")
        trainee.frame.wait_for_selector("h1")
        wide = page.eval_on_selector("#course", "f => f.getBoundingClientRect().width")
        page.click("#phone")
        assert page.get_attribute("#phone", "aria-pressed") == "true"
        assert page.eval_on_selector("#course", "f => f.clientWidth") == 375
        assert trainee.frame.evaluate("() => window.innerWidth") == 375
        assert page.is_visible("#panel")
        page.click("#phone")
        assert page.eval_on_selector("#course", "f => f.getBoundingClientRect().width") == wide
    finally:
        page.context.close()
        server.stop()
