"""The modules' knowledge checks in the final's short pages (finding 11's measure): each page a
few phone screens, a counter, Next and Previous, Submit on the last page, a summary of the
unanswered questions that opens the page of the first one, and the feedback in the same pages."""

from __future__ import annotations

import re

from page_states import go, open_standalone

PHONE = {"width": 375, "height": 667}
# A page of a knowledge check, before marking, is at most about four phone screens (a whole
# check on one page measured 9.6 to 11.8). Draws vary: the three tallest questions of the
# tallest bank on one page would make 4.6; most pages measure 2.3 to 4.2.
MOST_SCREENS = 4.75
STATUS = "#dfc-screen .dfc-page-status"
NEXT = "#dfc-screen .dfc-page-next"
PREV = "#dfc-screen .dfc-page-prev"
SUBMIT = "#dfc-screen .dfc-submit"
RESULT = "#dfc-screen [data-dfc-quiz-result]"
SCREENS = "() => document.documentElement.scrollHeight / window.innerHeight"
COUNTER = re.compile(r"Page (\d+) of (\d+): (?:questions (\d+) to (\d+)|question (\d+)) of (\d+)")


def checks(trainee) -> list[int]:
    return [i for i, s in enumerate(trainee.data()["screens"]) if s["kind"] == "quiz"]


def shown(page, questions: list[str]) -> list[str]:
    return [q for q in questions if page.is_visible(f"#q-{q}")]


def walk_pages(page, questions: list[str]) -> list[tuple[str, list[str], float, bool, bool]]:
    """From page 1, by Next questions: each page's counter, questions, height in screens, and
    whether Previous questions and Submit show."""
    seen = []
    while True:
        seen.append(
            (
                page.inner_text(STATUS),
                shown(page, questions),
                page.evaluate(SCREENS),
                page.is_visible(PREV),
                page.is_visible(SUBMIT),
            )
        )
        if not page.is_visible(NEXT):
            return seen
        page.click(NEXT)
        assert page.evaluate("() => document.activeElement.matches('.dfc-page-status')")


def test_every_knowledge_check_page_is_a_few_phone_screens(page, base_url):
    page.set_viewport_size(PHONE)
    trainee = open_standalone(page, base_url, "bundled")
    trainee.start("manager")
    measured = {}
    for index in checks(trainee):
        go(page, index)
        page.wait_for_function("i => DFC.app.nav.current === i", arg=index)
        questions = trainee.visible_questions()
        pages = walk_pages(page, questions)
        total = len(questions)
        assert len(pages) >= 2, f"a knowledge check of {total} questions is not in pages"
        assert [q for _, on, *_ in pages for q in on] == questions
        for number, (status, on, _, prev, submit) in enumerate(pages, 1):
            found = COUNTER.fullmatch(status)
            assert found, status
            first = questions.index(on[0]) + 1
            assert int(found[1]) == number and int(found[2]) == len(pages), status
            assert int(found[3] or found[5]) == first and int(found[6]) == total, status
            assert found[5] or int(found[4]) == first + len(on) - 1, status
            assert submit == (number == len(pages)), status
            assert prev == (number > 1), status
        measured[trainee.data()["screens"][index]["id"]] = [round(p[2], 1) for p in pages]
        assert max(p[2] for p in pages) <= MOST_SCREENS, measured


def test_the_missing_summary_opens_the_page_of_the_first_unanswered(page, base_url):
    trainee = open_standalone(page, base_url, "bundled")
    trainee.start("manager")
    go(page, checks(trainee)[0])
    questions = trainee.visible_questions()
    assert page.inner_text(STATUS).startswith("Page 1 of ")
    on_first = shown(page, questions)
    for qid in on_first:
        trainee.answer(qid)
    trainee.submit()  # from the last page
    message = page.inner_text(RESULT)
    first_missing = len(on_first) + 1
    assert message.startswith("Answer every question before you submit.")
    assert f"This is the page of question {first_missing}." in message
    assert shown(page, questions)[0] == questions[first_missing - 1]
    assert page.inner_text(STATUS).startswith("Page 2 of ")
    assert page.evaluate("() => document.activeElement.matches('[data-dfc-quiz-result]')")


def test_the_feedback_comes_in_the_same_pages_from_the_first(page, base_url):
    page.set_viewport_size(PHONE)
    trainee = open_standalone(page, base_url, "bundled")
    trainee.start("manager")
    go(page, checks(trainee)[0])
    questions = trainee.visible_questions()
    before = [p[1] for p in walk_pages(page, questions)]
    trainee.answer_all(right=False)
    trainee.submit()
    assert page.inner_text(STATUS).startswith("Page 1 of ")
    screens: list[float] = []
    # Every answer can be read again, page by page, each with its feedback shown.
    after, marked = [], []
    while True:
        on = shown(page, questions)
        after.append(on)
        marked += [q for q in on if page.is_visible(f"#q-{q} [data-dfc-result]")]
        screens.append(page.evaluate(SCREENS))
        if not page.is_visible(NEXT):
            break
        page.click(NEXT)
    assert after == before
    assert marked == questions
    assert not page.is_visible(SUBMIT)
    # A marked question is about twice as tall; a marked page is still far from the 20 to 24
    # screens of a whole marked check (measured 4.2 to 7.9; three tallest marked: about 9.4).
    assert max(screens) <= 10, screens
