"""The trainee's screen from an accessibility review: keys, focus, zoom and the final in pages."""

from __future__ import annotations

from test_accessibility import go, open_standalone

IN_VIEW = (
    "el => { const r = el.getBoundingClientRect();"
    " return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }"
)


def index_of(trainee, kind: str) -> int:
    return next(i for i, s in enumerate(trainee.data()["screens"]) if s["kind"] == kind)


def first_of_type(trainee, qtype: str) -> str:
    questions = trainee.data()["questions"]
    return next(q for q in trainee.visible_questions() if questions[q]["type"] == qtype)


def quiz_state(page, key: str) -> dict:
    return page.evaluate("k => DFC.app.quizState(k)", key)


def test_enter_on_an_option_chooses_it_and_never_submits(page, base_url):
    trainee = open_standalone(page, base_url, "bundled")
    trainee.start("manager")
    quiz = index_of(trainee, "quiz")
    go(page, quiz)
    key = trainee.data()["screens"][quiz]["module"]
    for qtype in ("single", "multiple", "true-false"):
        qid = first_of_type(trainee, qtype)
        trainee.reveal(qid)  # the check comes in pages
        page.focus(f"#q-{qid} input")
        page.keyboard.press("Enter")
        assert page.is_checked(f"#q-{qid} input"), qtype
        assert page.is_hidden("#dfc-screen [data-dfc-quiz-result]"), qtype
    assert quiz_state(page, key)["done"] is False
    # On a scenario's option, Enter decides: the scenario moves on, the form stays unsent.
    qid = first_of_type(trainee, "scenario")
    trainee.reveal(qid)
    start = trainee.data()["questions"][qid]["start"]
    page.focus(f"#q-{qid} [data-dfc-node='{start}'] input")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "([k, q]) => (DFC.app.quizState(k).answers[q] || []).length", arg=[key, qid]
    )
    assert len(quiz_state(page, key)["answers"][qid]) == 1
    assert page.is_hidden(f"#q-{qid} [data-dfc-node='{start}']")
    assert page.is_hidden("#dfc-screen [data-dfc-quiz-result]")
    assert quiz_state(page, key)["done"] is False


def test_enter_on_a_final_option_stays_on_its_page(page, base_url):
    trainee = open_standalone(page, base_url, "bundled")
    trainee.start("rep")
    go(page, index_of(trainee, "final"))
    trainee.ready()
    qid = next(q for q in trainee.visible_questions() if page.is_visible(f"#q-{q} input"))
    page.focus(f"#q-{qid} input")
    page.keyboard.press("Enter")
    assert page.is_checked(f"#q-{qid} input")
    assert page.is_hidden("#dfc-screen [data-dfc-quiz-result]")
    assert page.inner_text(".dfc-page-status").startswith("Page 1 of ")


def test_try_again_puts_the_heading_in_focus_and_in_view(page, base_url):
    trainee = open_standalone(page, base_url, "bundled")
    trainee.start("manager")
    go(page, index_of(trainee, "final"))
    trainee.answer_all(right=False)
    trainee.submit()
    page.locator("#dfc-screen [data-dfc-retry]").scroll_into_view_if_needed()
    assert page.evaluate("() => window.scrollY") > 0
    page.click("#dfc-screen [data-dfc-retry]")
    page.wait_for_function(
        "() => document.activeElement.matches('#dfc-screen h1')"
        " && !!document.querySelector('#dfc-screen form[data-dfc-ready]')"
    )
    assert page.eval_on_selector("#dfc-screen h1", IN_VIEW)
    assert page.inner_text("[data-dfc-attempt]").startswith("Attempt 2 of 3.")
    assert page.is_visible("#dfc-screen .dfc-question")


def test_at_400_percent_zoom_the_header_is_one_short_line_and_headings_show(page, base_url):
    """The controls and the course title keep to one line (the title ends in an ellipsis where
    it must, its whole text still in the page), and the focused heading shows after each Next."""
    page.set_viewport_size({"width": 320, "height": 225})  # 1280 × 900 at 400 %
    trainee = open_standalone(page, base_url, "bundled")
    header = page.eval_on_selector(".dfc-header", "h => h.getBoundingClientRect().height")
    title = page.eval_on_selector(
        ".dfc-course-title",
        """t => ({ height: t.getBoundingClientRect().height, text: t.textContent.trim(),
                  line: parseFloat(getComputedStyle(t).lineHeight) })""",
    )
    assert title["height"] <= title["line"] + 1, title
    assert title["text"] == page.inner_text("#dfc-screen h1").strip()
    assert header <= 48, (header, title)
    trainee.start("manager")
    for _ in range(6):
        trainee.next()
        assert page.evaluate("() => document.activeElement.tagName") == "H1"
        assert page.evaluate(f"() => ({IN_VIEW})(document.activeElement)")


def test_the_final_comes_in_short_pages_with_a_counter(page, base_url):
    trainee = open_standalone(page, base_url, "bundled")
    trainee.start("manager")
    go(page, index_of(trainee, "final"))
    questions = trainee.visible_questions()
    attempt = page.inner_text("[data-dfc-attempt]")
    assert attempt == "Attempt 1 of 3. The pass mark is 80%."
    seen: list[str] = []
    pages = 0
    while True:
        pages += 1
        shown = [q for q in questions if page.is_visible(f"#q-{q}")]
        status = page.inner_text(".dfc-page-status")
        assert status.startswith(f"Page {pages} of ")
        assert f"of {len(questions)}" in status
        assert 1 <= len(shown) <= 5
        assert page.is_visible("#dfc-screen .dfc-submit") == (
            not page.is_visible("#dfc-screen .dfc-page-next")
        )
        seen += shown
        if not page.is_visible("#dfc-screen .dfc-page-next"):
            break
        page.click("#dfc-screen .dfc-page-next")
        assert page.evaluate("() => document.activeElement.className") == "dfc-page-status"
    assert seen == questions and pages >= len(questions) / 5


def test_a_failed_final_says_attempts_left_and_a_pass_finishes_the_course(page, base_url):
    trainee = open_standalone(page, base_url, "bundled")
    trainee.start("manager")
    go(page, index_of(trainee, "final"))
    trainee.submit()
    message = page.inner_text("#dfc-screen [data-dfc-quiz-result]")
    assert message.startswith("Answer every question before you submit.")
    assert "This is the page of question 1." in message
    assert page.inner_text(".dfc-page-status").startswith("Page 1 of ")
    trainee.answer_all(right=False)
    trainee.submit()
    result = page.inner_text("#dfc-screen [data-dfc-quiz-result]")
    assert "You have 2 attempts left." in result
    assert page.inner_text("#dfc-progress-text").endswith(" done")
    page.click("#dfc-screen [data-dfc-retry]")
    page.wait_for_selector("#dfc-screen form[data-dfc-ready]")
    trainee.answer_all(right=True)
    trainee.submit()
    result = page.inner_text("#dfc-screen [data-dfc-quiz-result]")
    assert "You passed." in result and result.endswith("You have finished the course.")
    assert page.inner_text("#dfc-progress-text") == "Course finished"
    assert page.evaluate(
        "() => { const p = document.getElementById('dfc-progress'); return p.value === p.max; }"
    )
    # The result reads first: it stands above the questions and their feedback.
    assert page.evaluate(
        "() => { const r = document.querySelector('#dfc-screen [data-dfc-quiz-result]');"
        " const q = document.querySelector('#dfc-screen .dfc-question');"
        " return !!(r.compareDocumentPosition(q) & Node.DOCUMENT_POSITION_FOLLOWING); }"
    )


def test_the_statement_is_linked_from_every_screen_and_passes_axe(page, base_url):
    from test_accessibility import assert_accessible

    trainee = open_standalone(page, base_url, "bundled")
    trainee.start("manager")
    for index in range(len(trainee.data()["screens"])):
        go(page, index)
        link = page.locator(".dfc-footer a")
        assert link.get_attribute("href") == "accessibility.html"
        assert link.get_attribute("target") == "_blank"
    page.goto(f"{base_url}/bundled-web/accessibility.html")
    assert page.inner_text("h1").startswith("Accessibility statement for ")
    assert_accessible(page, "the accessibility statement")
    page.set_viewport_size({"width": 320, "height": 640})
    assert_accessible(page, "the accessibility statement at 320 px")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
