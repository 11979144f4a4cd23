"""Rendered scenarios, spare matches, emphasised stems, final-only questions and page structure."""

from __future__ import annotations

import json
import zipfile

import pytest
from helpers import FIXTURES, Package, fixture_text
from lxml import html

from builder import api


def read(root, tmp_path, name: str = "scorm2004") -> Package:
    report = api.build(root, tmp_path / "dist", [name])
    return Package.read(report.packages[0].path)


def data_of(pkg: Package) -> dict:
    doc = html.fromstring(pkg.files["index.html"])
    return json.loads(doc.get_element_by_id("dfc-data").text)


@pytest.fixture(scope="module")
def scenario_pkg(tmp_path_factory) -> Package:
    return read(FIXTURES / "scenario", tmp_path_factory.mktemp("scenario"))


def test_a_scenario_renders_one_section_per_node_with_radio_choices(scenario_pkg):
    doc = html.fromstring(scenario_pkg.files["pages/review/quiz.html"])
    box = doc.get_element_by_id("q-rev-s1")
    nodes = box.xpath(".//section[@data-dfc-node]")
    assert [n.get("data-dfc-node") for n in nodes] == ["n1", "n2", "n3"]
    assert all(n.get("hidden") is not None for n in nodes)  # the runtime shows one at a time
    first = nodes[0]
    assert [i.get("type") for i in first.xpath(".//input")] == ["radio"] * 3
    assert first.xpath(".//strong/text()") == ["10 % savings target"]  # node text is Markdown
    assert first.xpath(".//button[@data-dfc-decide]/text()") == ["Decide"]
    headings = first.xpath(".//h3")
    assert headings[0].get("tabindex") == "-1"  # focus moves here when the step appears
    assert [e.get("data-dfc-ending") for e in box.xpath(".//section[@data-dfc-ending]")] == [
        "e1",
        "e2",
        "e3",
    ]


def test_scenario_data_for_the_runtime(scenario_pkg):
    q = data_of(scenario_pkg)["questions"]["rev-s1"]
    assert q["type"] == "scenario" and q["start"] == "n1" and "best" not in q
    assert q["nodes"]["n1"] == [["a", "n2", "", 2], ["b", "n3", "", 0], ["c", "", "e2", 1]]
    assert q["weighting"] == 2


QUIZ = "quizzes/fire-basics.yaml"


def test_spare_matches_are_offered_to_every_item(make_course, tmp_path):
    quiz = fixture_text("minimal", QUIZ).replace(
        "        feedback: Air holds the oxygen.\n",
        "        feedback: Air holds the oxygen.\n    distractors:\n      - A glass of water\n",
    )
    pkg = read(make_course({QUIZ: quiz}), tmp_path)
    doc = html.fromstring(pkg.files["pages/fire-basics/quiz.html"])
    for select in doc.xpath("//div[@id='q-fire-04']//select"):
        options = [(o.get("value"), o.text) for o in select.xpath("option")][1:]
        assert ("1", "A glass of water") in options and len(options) == 4
    q = data_of(pkg)["questions"]["fire-04"]
    assert q["targets"] == ["a", "b", "c", "1"]
    assert q["correct"] == ["a", "b", "c"]


def test_a_chosen_match_has_a_place_to_show_in_full(built):
    pkg = next(p for n, p in built("minimal").items() if n.endswith("scorm2004.zip"))
    doc = html.fromstring(pkg.files["pages/fire-basics/quiz.html"])
    for select in doc.xpath("//div[@id='q-fire-04']//select"):
        chosen = select.getnext()
        assert chosen.get("data-dfc-chosen") is not None and chosen.get("aria-hidden") == "true"


def test_an_emphasised_negative_stays_emphasised(make_course, tmp_path):
    quiz = fixture_text("minimal", QUIZ).replace(
        "prompt: Which of these is part of the fire triangle?",
        "prompt: Which of these is **not** part of the fire triangle?",
    )
    pkg = read(make_course({QUIZ: quiz}), tmp_path)
    doc = html.fromstring(pkg.files["pages/fire-basics/quiz.html"])
    legend = doc.xpath("//div[@id='q-fire-01']//legend")[0]
    assert legend.xpath("strong/text()") == ["not"]


def test_final_only_questions_never_reach_the_knowledge_check(make_course, tmp_path):
    quiz = fixture_text("minimal", QUIZ).replace(
        "    type: true-false\n", "    type: true-false\n    use: final\n"
    )
    data = data_of(read(make_course({QUIZ: quiz}), tmp_path))
    assert "fire-03" not in data["quizzes"]["fire-basics"]["questions"]
    assert data["quizzes"]["fire-basics"]["finalOnly"] == ["fire-03"]
    assert data["modules"][0]["objectives"] == ["fire-triangle", "fire-response"]


def test_variants_share_a_family(make_course, tmp_path):
    quiz = fixture_text("minimal", QUIZ).replace(
        "  - id: fire-02\n    type: multiple\n",
        "  - id: fire-02\n    type: multiple\n    variant_of: fire-01\n",
    )
    data = data_of(read(make_course({QUIZ: quiz}), tmp_path))
    families = {qid: q.get("family") for qid, q in data["questions"].items()}
    assert families == {
        "fire-01": "fire-01",
        "fire-02": "fire-01",
        "fire-03": None,
        "fire-04": None,
        "fire-05": None,
    }


@pytest.mark.parametrize("course", ["minimal", "bundled"])
def test_the_skip_link_is_inside_a_landmark_on_every_page(built, course):
    for pkg in built(course).values():
        for name, data in pkg.files.items():
            if not name.endswith(".html"):
                continue
            doc = html.fromstring(data)
            skip = doc.find_class("dfc-skip")
            assert len(skip) == 1, name
            landmarks = [
                a.tag for a in skip[0].iterancestors() if a.tag in ("header", "main", "nav")
            ]
            assert landmarks, f"{name}: the skip link sits outside any landmark"


@pytest.mark.parametrize("course", ["minimal", "bundled"])
def test_every_form_has_a_submit_button(built, course):
    for pkg in built(course).values():
        for name, data in pkg.files.items():
            if name.endswith(".html"):
                for form in html.fromstring(data).xpath("//form"):
                    assert form.xpath(".//button[@type='submit'] | .//input[@type='submit']"), name


def test_the_role_choice_is_a_group_not_a_form(built):
    pkg = next(p for n, p in built("two-modules").items() if n.endswith("scorm12.zip"))
    doc = html.fromstring(pkg.files["index.html"])
    role = doc.xpath("//*[@data-dfc-role-form]")[0]
    assert role.tag == "div" and role.xpath("fieldset/legend")
    assert not doc.xpath("//form[.//input[@name='dfc-role']]")
    labels = [label.text_content() for label in role.xpath(".//label")]
    assert labels == ["A manager", "A trade union representative", "Other"]


def test_a_course_without_roles_asks_no_role_question(make_course, tmp_path):
    root = make_course({"course/course.yaml": fixture_text("minimal", "course/course.yaml").split("roles:")[0]})
    report = api.build(root, tmp_path / "out")
    with zipfile.ZipFile(report.packages[0].path) as archive:
        doc = html.fromstring(archive.read("index.html"))
    assert not doc.xpath("//*[@data-dfc-role-form] | //input[@name='dfc-role']")
    assert '"roles"' not in doc.xpath("//script[@id='dfc-data']")[0].text


def test_the_handbook_lists_spare_matches(make_course, tmp_path):
    quiz = fixture_text("minimal", QUIZ).replace(
        "        feedback: Air holds the oxygen.\n",
        "        feedback: Air holds the oxygen.\n    distractors:\n      - A glass of water\n",
    )
    root = make_course({QUIZ: quiz})
    report = api.build(root, tmp_path / "out")
    text = report.handbook.path.read_text(encoding="utf-8")
    assert "Spare matches that belong to no item: A glass of water." in text
