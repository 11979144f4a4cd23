"""The handbook's agenda for a joint session: who plays whom in each scenario, each scenario's
own debrief, and the two or three discussion questions each module chose."""

from __future__ import annotations

import re

import lxml.html
import pytest
from helpers import COURSES
from test_any_course import stray_words

from builder import api
from builder.handbook.debrief import GENERAL_QUESTIONS
from builder.handbook.views import render_handbook
from builder.model.course import Scenario
from builder.tools.new_course import new_course


def words(text: str) -> str:
    return " ".join(text.split())


def handbook(root):
    model, _ = api.validate(root, strict=True)
    assert model is not None
    return model, lxml.html.fromstring(render_handbook(model))


@pytest.fixture(scope="module")
def bundled():
    return handbook(COURSES["bundled"])


def agenda_rows(doc, kind: str) -> list:
    return doc.xpath(f"//table[@class='agenda']/tbody/tr[@class='{kind}']")


def details(row) -> list[str]:
    return [words(li.text_content()) for li in row.xpath(".//ul[@class='details']/li")]


def scenarios(model) -> list[Scenario]:
    return [q for m in model.modules for q in m.quiz.questions if isinstance(q, Scenario)]


def test_every_scenario_row_says_who_plays_whom_in_both_rounds(bundled):
    model, doc = bundled
    rows = agenda_rows(doc, "scenario")
    assert len(rows) == len(scenarios(model)) == 6
    people = {r.id: r.one_person for r in model.course.roles}
    for row, scenario in zip(rows, scenarios(model), strict=True):
        assert scenario.debrief is not None and len(scenario.debrief.parts) == 2
        (one, first), (two, second) = [(people[p.role], p.plays) for p in scenario.debrief.parts]
        assert details(row) == [
            f"Round 1: {one} plays {first}; {two} plays {second}.",
            f"Round 2, roles swapped: {one} plays {second}; {two} plays {first}.",
            f"Debrief: the {len(scenario.debrief.questions)} questions after the scenario's "
            "flow in the answer key.",
        ]
        # The course's own role names, not a builder's: a manager and a union representative.
        assert {one, two} == {"a manager", "a union representative"}
        assert row.xpath("./td[@class='title']/a/@href") == [f"#q-{scenario.id}"]


def test_every_scenario_is_debriefed_with_its_own_questions(bundled):
    model, doc = bundled
    asked = []
    for scenario in scenarios(model):
        box = doc.get_element_by_id(f"q-{scenario.id}").find_class("debrief")[0]
        questions = [words(li.text_content()) for li in box.xpath("./ol/li")]
        assert questions == scenario.debrief.questions
        assert 2 <= len(questions) <= 5
        assert not set(questions) & set(GENERAL_QUESTIONS)
        rounds = [words(li.text_content()) for li in box.xpath("./ul[@class='rounds']/li")]
        assert rounds[0].startswith("Round 1: a manager plays Anita")
        asked += questions
    assert len(set(asked)) == len(asked)  # no question serves two scenarios


def test_each_discussion_row_lists_the_questions_its_module_chose(bundled):
    model, doc = bundled
    rows = agenda_rows(doc, "discussion")
    assert len(rows) == len(model.modules)
    for row, module in zip(rows, model.modules, strict=True):
        chosen = module.meta.discussion
        assert 2 <= len(chosen) <= 3
        title = words(row.xpath("./td[@class='title']/a")[0].text_content())
        assert title == f"Discussion: {len(chosen)} questions"
        assert details(row) == chosen
        assert row.xpath("./td[@class='title']/a/@href") == [f"#discussion-{module.id}"]
        # The module's section puts the same questions first; the drawn ones stay as spares.
        section = doc.xpath(f"//section[@aria-labelledby='discussion-{module.id}']")[0]
        first = section.xpath(".//ol")[0]
        assert [words(li.text_content()) for li in first.xpath("./li")] == chosen
        assert len(section.xpath(".//ol")) > 1


def test_the_agenda_says_how_the_rounds_and_the_chosen_questions_work(bundled):
    _model, doc = bundled
    intro = words(doc.xpath("//section[@id='agenda']/p")[0].text_content())
    assert "in round 2 they swap parts" in intro
    assert "the scenario's own questions" in intro
    assert "Where a discussion lists its questions, use those" in intro


def _course_with(tmp_path, debrief: str, discussion: str):
    """A new course of another kind (home carers and coordinators) with its scenario's
    debrief and its module's chosen questions set to the given YAML."""
    folder = tmp_path / "course"
    new_course(folder, title="Safe lone working for home carers")
    course = folder / "course/course.yaml"
    settings = course.read_text(encoding="utf-8").split("# The role question on")[0]
    course.write_text(
        settings
        + "roles:\n"
        + "  - {id: carer, label: A home carer}\n"
        + "  - {id: coordinator, label: A care coordinator, person: a coordinator}\n",
        encoding="utf-8",
    )
    module = folder / "modules/getting-started/module.md"
    text = module.read_text(encoding="utf-8")
    head, body = text[4:].split("\n---\n", 1)
    module.write_text(f"---\n{head}\n{discussion}---\n{body}", encoding="utf-8")
    bank = folder / "quizzes/getting-started.yaml"
    text = bank.read_text(encoding="utf-8")
    ending = re.search(r"\n    endings:\n(?:      .*\n|        .*\n)+", text)
    assert ending is not None
    bank.write_text(text[: ending.end()] + debrief + text[ending.end() :], encoding="utf-8")
    return folder


def test_another_course_names_its_own_people_and_questions(tmp_path):
    folder = _course_with(
        tmp_path,
        "    debrief:\n"
        "      parts:\n"
        "        - {role: coordinator, plays: Sam at the desk}\n"
        "        - {role: carer, plays: Jo on the round}\n"
        "      questions:\n"
        "        - When did Jo last check in?\n"
        "        - What would Sam do differently next time?\n",
        "discussion:\n  - Where do you check in today?\n  - Who knows your round?\n",
    )
    model, doc = handbook(folder)
    (row,) = agenda_rows(doc, "scenario")
    assert details(row)[:2] == [
        "Round 1: a coordinator plays Sam at the desk; a home carer plays Jo on the round.",
        "Round 2, roles swapped: a coordinator plays Jo on the round; "
        "a home carer plays Sam at the desk.",
    ]
    (discussion,) = agenda_rows(doc, "discussion")
    assert details(discussion) == ["Where do you check in today?", "Who knows your round?"]
    box = doc.find_class("debrief")[0]
    assert [words(li.text_content()) for li in box.xpath("./ol/li")] == [
        "When did Jo last check in?",
        "What would Sam do differently next time?",
    ]
    build = api.build(folder, folder / "dist", strict=True)
    assert build.warnings == []
    built = sorted((folder / "dist").glob("*handbook*.html"))
    assert built
    assert stray_words({p.name: p.read_text(encoding="utf-8") for p in built}) == []


def test_a_scenario_without_a_debrief_gets_the_general_rounds_and_questions(tmp_path):
    folder = _course_with(tmp_path, "", "")
    _model, doc = handbook(folder)
    (row,) = agenda_rows(doc, "scenario")
    assert details(row)[:2] == [
        "Round 1: one partner takes the decisions; the other says what they would do.",
        "Round 2, roles swapped: the other partner takes the decisions.",
    ]
    box = doc.find_class("debrief")[0]
    assert [words(li.text_content()) for li in box.xpath("./ol/li")] == GENERAL_QUESTIONS
    (discussion,) = agenda_rows(doc, "discussion")
    assert details(discussion) == []
    assert "two or three" in words(discussion.text_content())
