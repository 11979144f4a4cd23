"""The facilitator handbook: complete, self-contained, and printable."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from helpers import COURSES

from builder import api
from builder.handbook.agenda import BLOCK_LIMIT, DAY_LIMIT, activity_minutes, plan_agenda
from builder.handbook.view_types import ModuleView
from builder.handbook.views import render_handbook
from builder.load import markup
from builder.model.course import ChoiceQuestion, Matching, Ordering, Scenario, TrueFalse

CHROMIUM = "/usr/bin/chromium"


def words(text: str) -> str:
    return " ".join(text.split())


def text_of(element) -> str:
    return words(element.text_content())


@pytest.fixture(scope="module")
def bundled():
    model, _ = api.validate(COURSES["bundled"])
    html = render_handbook(model)
    return model, html, lxml.html.fromstring(html)


def handbook_of(root: Path):
    model, _ = api.validate(root)
    html = render_handbook(model)
    return model, html, lxml.html.fromstring(html)


def activity_titles(model) -> list[str]:
    return [
        t.info.strip()[len("activity") :].strip()
        for m in model.modules
        for p in m.pages
        for t in p.tokens
        if t.type == "container_activity_open"
    ]


# --- content --------------------------------------------------------------------------------


def test_every_module_and_activity_title_is_in_the_handbook(bundled):
    model, _html, doc = bundled
    for module in model.modules:
        section = doc.get_element_by_id(f"module-{module.id}")
        assert text_of(section.xpath(".//h1")[0]) == module.meta.title
        for objective in module.meta.objectives:
            assert objective.text in text_of(section)
    headings = [text_of(h) for h in doc.xpath("//section[@class='activity']/div/h2")]
    titles = activity_titles(model)
    assert len(titles) == 6
    assert headings == [f"Joint activity: {t}" for t in titles]


def test_every_question_has_its_prompt_right_answers_and_all_feedback(bundled):
    model, _html, doc = bundled
    count = 0
    for module in model.modules:
        assert module.quiz is not None
        section = doc.get_element_by_id(f"module-{module.id}")
        for question in module.quiz.questions:
            count += 1
            element = section.get_element_by_id(f"q-{question.id}")
            if isinstance(question, Scenario):
                check_scenario_flow(question, element)
                continue
            assert text_of(element.find_class("prompt")[0]) == words(markup.plain(question.prompt))
            answer = text_of(element.find_class("answer")[0])
            answers = [text_of(a) for a in element.find_class("right-answer")]
            body = text_of(element)
            if isinstance(question, TrueFalse):
                assert answer.endswith("True" if question.answer else "False")
                feedback = [question.feedback_true, question.feedback_false]
            elif isinstance(question, ChoiceQuestion):
                right = set(question.correct_ids())
                assert answers == [
                    f"{chr(65 + n)}. {words(o.text)}"
                    for n, o in enumerate(question.options)
                    if o.id in right
                ]
                feedback = [o.feedback for o in question.options]
                marked = [
                    text_of(row.xpath("td")[1]) for row in element.xpath(".//tr[@class='right']")
                ]
                assert marked == [words(o.text) for o in question.options if o.id in right]
            elif isinstance(question, Matching):
                assert answers == [words(f"{p.item} → {p.match}") for p in question.pairs]
                feedback = [p.feedback for p in question.pairs]
            else:
                assert isinstance(question, Ordering)
                assert answers == [f"{n}. {words(i.text)}" for n, i in enumerate(question.items, 1)]
                feedback = [i.feedback for i in question.items]
            for text in feedback:
                assert words(text) in body
    assert count == model.question_count() == len(doc.find_class("question"))


def check_scenario_flow(scenario: Scenario, element) -> None:
    """The handbook prints a scenario as a flow: every step, choice, consequence and ending."""
    assert text_of(element.find_class("prompt")[0]) == words(scenario.title)
    steps = {step.get("id"): step for step in element.find_class("step")}
    assert len(steps) == len(scenario.nodes)
    best = []
    for node in scenario.nodes:
        step = steps[f"q-{scenario.id}-{node.id}"]
        body = text_of(step)
        assert words(markup.plain(node.text)) in body
        for choice in node.choices:
            assert words(choice.text) in body and words(choice.feedback) in body
            assert f"{choice.score} (" in body
        label = text_of(step.find("h5")).split(" (after ")[0]
        top = max(c.score for c in node.choices)
        letters = [chr(65 + i) for i, c in enumerate(node.choices) if c.score == top]
        best.append(
            f"{label}: " + (", ".join(letters[:-1]) + " or " if letters[1:] else "") + letters[-1]
        )
    endings = element.find_class("ending")
    assert len(endings) == len(scenario.endings)
    for ending, shown in zip(scenario.endings, endings, strict=True):
        assert words(markup.plain(ending.text)) in text_of(shown)
    answer = text_of(element.find_class("answer")[0])
    assert sorted(answer.removeprefix("Best choice at each step: ").split("; ")) == sorted(best)


def test_key_points_come_from_the_summary_page(bundled):
    model, _html, doc = bundled
    for module in model.modules:
        summary = next(p for p in module.pages if p.id == "summary")
        bullets = [words(t.content) for t in summary.tokens if t.type == "inline" and t.level == 4]
        section = doc.get_element_by_id(f"module-{module.id}")
        shown = [text_of(li) for li in section.xpath(".//div[@class='key-points']//li")]
        assert shown and shown == [markup_plain(b) for b in bullets]


def markup_plain(source: str) -> str:
    """The text of one line of Markdown, as the browser shows it."""
    return text_of(lxml.html.fragment_fromstring(markup.PARSER.renderInline(source), "p"))


def test_discussion_questions_come_from_the_lenses(bundled):
    model, _html, doc = bundled
    section = doc.get_element_by_id("module-why-change-together")
    questions = [text_of(li) for li in section.xpath(".//section[@class='discussion']//ol/li")]
    assert (
        "How would you, as a manager, share your early thinking with union representatives "
        "before options are fixed? What would get in the way?"
    ) in questions
    assert any(
        q.startswith("How would you, as a union representative, take part") for q in questions
    )
    lenses = section.xpath(".//section[@class='discussion']//div[contains(@class, 'lens-rep')]")
    assert lenses and "Union rep’s lens" in text_of(lenses[0])
    for module in model.modules:
        discussion = doc.get_element_by_id(f"module-{module.id}").xpath(
            ".//section[@class='discussion']//li"
        )
        assert len(discussion) >= 3
        assert not any("**" in text_of(li) or "  " in li.text_content() for li in discussion)


def test_activity_notes_cover_preparation_pairing_timing_and_product(bundled):
    _model, _html, doc = bundled
    for activity in doc.xpath("//section[@class='activity']"):
        notes = [text_of(h) for h in activity.xpath(".//div[@class='notes']//h4")]
        assert notes == ["Prepare", "Pairing", "Timing", "What each pair produces"]
        text = text_of(activity)
        assert "Allow about" in text and "minutes a step" in text
        assert "a one-page" in text_of(activity.xpath(".//div[@class='notes']/div[last()]")[0])


def test_assessment_and_self_assessment(bundled):
    model, _html, doc = bundled
    final = text_of(doc.get_element_by_id("final-assessment"))
    assert "5 (30 in all)" in final and "80%" in final
    diagnostic = model.self_assessment
    assert diagnostic is not None
    section = doc.get_element_by_id("self-assessment")
    part = text_of(section)
    prompts = [text_of(p) for p in section.find_class("prompt")]
    assert prompts == [words(s.prompt) for s in diagnostic.questions]
    for statement in diagnostic.questions:
        assert f"If you do not know: {words(statement.if_unknown)}" in part
    for element in diagnostic.elements:
        assert element.title in [text_of(h) for h in section.xpath(".//h3")]
    for band in diagnostic.bands:
        assert words(band.title) in part and words(band.text) in part
        for step in band.next_steps:
            assert words(step) in part
    rules = [text_of(li) for li in section.find_class("rule")]
    assert len(rules) == sum(len(b.rules) for b in diagnostic.bands) + 1
    assert rules[0].startswith(
        "Danger zone if statement 17 is “Not at all” and statement 18 is “Not at all”."
    )
    (good,) = [r for r in rules if r.startswith("Good Practice zone if")]
    assert "every “Trade union organisation” statement (12 to 15) is “Mostly” or “Fully”" in good
    assert "every “Service organisation” statement (8 to 11) is “Mostly” or “Fully”" in good
    assert rules[-1].startswith("Not enough evidence yet in every other case.")
    assert "score" not in part.lower().replace("scored", "")


def test_agenda_times_add_up(bundled):
    model, _html, doc = bundled
    rows = doc.xpath("//table[@class='agenda']/tbody/tr")
    minutes = [int(text_of(r.find_class("minutes")[0])) for r in rows]
    total = text_of(doc.xpath("//table[contains(@class, 'totals')]/tfoot//td")[1])
    assert total.startswith(f"{sum(minutes)} (")
    module_rows = [r for r in rows if r.get("class") == "module"]
    assert [text_of(r.find_class("minutes")[0]) for r in module_rows] == [
        str(m.meta.minutes) for m in model.modules
    ]
    assert any(r.get("class") in ("break", "lunch") for r in rows)


def test_the_agenda_gives_practice_and_assessment_their_time(bundled):
    """Each scenario gets 15 to 20 minutes in pairs, each module a discussion and its
    knowledge check, the last session the final and the self-assessment; every time falls
    on a five-minute mark."""
    model, _html, doc = bundled
    rows = [
        (
            r.get("class"),
            text_of((r.xpath("./td[@class='title']/a") or r.find_class("title"))[0]),
            int(text_of(r.find_class("minutes")[0])),
        )
        for r in doc.xpath("//table[@class='agenda']/tbody/tr")
    ]
    scenarios = [q for m in model.modules for q in m.quiz.questions if q.type == "scenario"]
    played = [(title, minutes) for kind, title, minutes in rows if kind == "scenario"]
    assert [t for t, _ in played] == [f"Scenario, played in pairs: {q.title}" for q in scenarios]
    assert all(15 <= minutes <= 20 for _, minutes in played)
    checks = [title for kind, title, _ in rows if kind == "check"]
    assert sum(t.startswith("Knowledge check") for t in checks) == len(model.modules)
    assert checks[-2:] == ["Final assessment (30 questions)", "Self-assessment, in pairs"]
    assert sum(kind == "discussion" for kind, _, _ in rows) == len(model.modules)
    for time in doc.xpath("//table[@class='agenda']//td[@class='time']"):
        for clock_time in text_of(time).split("–"):
            assert int(clock_time[-2:]) % 5 == 0, text_of(time)
    note = text_of(doc.xpath("//section[@class='answer-key']/p[@class='note']")[0])
    assert "Each attempt asks all of them" not in note
    assert "final assessment only" in note


def test_the_course_guidance_is_printed_after_the_agenda(bundled):
    model, _html, doc = bundled
    part = doc.get_element_by_id("guidance")
    titles = [text_of(h) for h in part.xpath("./section/h2")]
    assert titles == [s.title for s in model.course.guidance]
    for needle in ("Co-facilitation", "live dispute", "Pre-work", "90-day follow-up"):
        assert any(needle in t for t in titles), needle
    assert part.xpath(".//table//td") and part.xpath(".//ul/li")  # Markdown rendered
    order = [s.get("id") for s in doc.xpath("//section[contains(@class, 'part')]")]
    assert order.index("guidance") == order.index("agenda") + 1
    assert "#guidance" in doc.xpath("//nav[@class='contents']//a/@href")


def test_a_course_without_guidance_has_no_guidance_part(make_course):
    root = make_course({}, base="two-modules")
    _model, _html, doc = handbook_of(root)
    assert not doc.xpath("//*[@id='guidance']")


def test_the_handbook_is_self_contained(bundled):
    _model, html, doc = bundled
    assert not doc.xpath("//script | //link | //iframe | //object | //embed")
    assert not doc.xpath("//*[@src and not(starts-with(@src, 'data:'))]")
    assert b"url(" not in html and b"@import" not in html
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert csp and "default-src 'none'" in csp[0]


# --- other courses --------------------------------------------------------------------------


def test_a_course_without_summary_or_lenses(course_copy):
    root = course_copy("minimal")
    (root / "modules/fire-basics/01-fire-triangle.md").write_text(
        "# The fire triangle\n\nEvery fire needs heat, fuel and oxygen.\n\n"
        "## Heat\n\nA spark.\n\n## Fuel\n\nPaper.\n",
        encoding="utf-8",
    )
    _model, _html, doc = handbook_of(root)
    section = doc.get_element_by_id("module-fire-basics")
    outline = [text_of(li) for li in section.xpath(".//ul[@class='outline']/li/ul/li")]
    assert outline == ["Heat", "Fuel"]
    assert "has no key-points summary" in text_of(section)
    questions = [text_of(li) for li in section.xpath(".//section[@class='discussion']//li")]
    assert len(questions) == 3
    assert "Ask a manager and a staff representative to answer in turn" in questions[0]
    (root / "course/course.yaml").write_text(
        (root / "course/course.yaml").read_text(encoding="utf-8").split("roles:")[0],
        encoding="utf-8",
    )
    _model, _html, doc = handbook_of(root)  # no roles: two questions, neither naming a role
    section = doc.get_element_by_id("module-fire-basics")
    questions = [text_of(li) for li in section.xpath(".//section[@class='discussion']//li")]
    assert len(questions) == 2 and questions[0].endswith("Ask people to answer in turn.")
    assert text_of(section.find_class("answer")[3]).endswith(
        "Heat → A lit match; Fuel → A pile of paper; Oxygen → The air in the room"
    )


def test_images_are_inlined_and_the_model_is_left_alone(make_course):
    root = make_course(
        {
            "modules/first-aid-kit/02-checks.md": "# Checking the kit\n\n::: key-points\n"
            "![A green first aid box](images/kit.png)\n\n"
            "![An outside picture](https://example.org/x.png)\n\n"
            "See [what is in the kit](01-contents.md).\n:::\n"
        },
        base="two-modules",
    )
    model, html, doc = handbook_of(root)
    images = doc.xpath("//img")
    assert [i.get("alt") for i in images] == ["A green first aid box"]
    assert images[0].get("src").startswith("data:image/png;base64,")
    assert "[Image: An outside picture]" in text_of(doc)
    assert b"example.org" not in html
    assert doc.xpath("//a[text()='what is in the kit']/@href") == ["#module-first-aid-kit"]
    tokens = model.module("first-aid-kit").pages[1].tokens
    srcs = [src for kind, src, _line, _t in markup.references(tokens) if kind == "image"]
    assert srcs == ["images/kit.png", "https://example.org/x.png"]


def test_trainer_text_is_escaped(make_course):
    root = make_course(
        {
            "quizzes/fire-basics.yaml": (COURSES["minimal"] / "quizzes/fire-basics.yaml")
            .read_text(encoding="utf-8")
            .replace(
                "Which of these is part of the fire triangle?",
                '"Is <b>this</b> & <script>that</script> part of it?"',
            )
        }
    )
    _model, html, doc = handbook_of(root)
    assert b"<script>" not in html and not doc.xpath("//b")
    assert "Is <b>this</b> & <script>that</script> part of it?" in text_of(doc)


def test_long_courses_are_split_into_sessions():
    def module(number: int, minutes: int) -> ModuleView:
        return ModuleView(
            number, f"m{number}", f"M{number}", minutes, [], "", "", "", [], [], [], None, []
        )

    agenda = plan_agenda([module(n, 60) for n in range(1, 9)])
    assert len(agenda.days) == 2
    assert [sum(r.kind == "module" for r in d.rows) for d in agenda.days] == [4, 4]
    for day in agenda.days:
        assert day.minutes <= DAY_LIMIT
        assert day.rows[0].start == "09:30"
        stretch = 0
        for row in day.rows:
            stretch = 0 if row.kind in ("break", "lunch") else stretch + row.minutes
            assert stretch <= BLOCK_LIMIT + 30  # the opening plus one module at most
        assert sum(r.kind == "lunch" for r in day.rows) <= 1
    titles = [r.title for d in agenda.days for r in d.rows if r.kind == "module"]
    assert titles == [f"Module {n}: M{n}" for n in range(1, 9)]
    assert abs(agenda.days[0].minutes - agenda.days[1].minutes) <= 100
    assert len(plan_agenda([module(1, 600)]).days) == 1


def test_activity_timing():
    assert activity_minutes(5) == 30
    assert activity_minutes(6) == 35
    assert activity_minutes(0) == 30


def test_the_handbook_holds_every_template_one_a_page(bundled):
    model, _html, doc = bundled
    part = doc.get_element_by_id("templates")
    sheets = part.find_class("template-sheet")
    expected = [
        (t.info.strip()[len("template") :].strip(), page, module)
        for module in model.modules
        for page in module.pages
        for t in page.tokens
        if t.type == "container_template_open"
    ]
    assert len(sheets) == len(expected) == 6
    for sheet, (title, page, module) in zip(sheets, expected, strict=True):
        assert text_of(sheet.xpath(".//h2")[0]) == title
        assert module.meta.title in text_of(sheet) and page.title in text_of(part)
        assert "Working alone?" in text_of(sheet)
        assert sheet.xpath(".//table//th") and sheet.xpath(".//table//td")
        link = part.xpath(f".//a[@href='#{sheet.get('id')}']")
        assert link and text_of(link[0]) == title
    assert text_of(sheets[-1].xpath(".//h2")[0]) == "Joint action plan"
    assert not part.xpath(".//button"), "no print buttons on paper"
    for activity in doc.xpath("//section[@class='activity']"):
        prepare = text_of(activity.xpath(".//div[@class='notes']/div[1]")[0])
        assert "A printed copy of the template “" in prepare
    assert doc.xpath("//nav[@class='contents']//a[@href='#templates']")


def test_the_html_contents_say_where_page_numbers_come_from_and_the_pdf_has_them(bundled):
    model, _html, tree = bundled
    note = "This copy has no page numbers. The PDF that the command dfc-course handbook prints gives the page of each entry above."
    (contents,) = tree.xpath("//nav[@class='contents']")
    assert [text_of(p) for p in contents.xpath("p[@class='muted']")] == [note]
    assert not contents.xpath(".//span[@class='page-no']")
    # The PDF's two passes: without numbers yet, then with them; neither carries the note.
    for numbers in ({}, {"agenda": 3}):
        printed = lxml.html.fromstring(render_handbook(model, page_numbers=numbers))
        (contents,) = printed.xpath("//nav[@class='contents']")
        assert not contents.xpath("p[@class='muted']")
        assert [text_of(n) for n in contents.xpath(".//span[@class='page-no']")] == (
            ["", "3"] + [""] * (len(contents.xpath(".//li")) - 2) if numbers else []
        )
