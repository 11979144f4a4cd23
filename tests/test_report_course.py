"""The report reads the course by what it finds there: scenarios decision by decision, and a
self-assessment whose statements name their element, whose zones are given by rules and whose
scale has an unscored "don't know"."""

from __future__ import annotations

from types import SimpleNamespace as NS

from builder.tools.report.course_index import element_of, index_course
from builder.tools.report.read_xapi import add_statement
from builder.tools.report.records import Collector, parse_response
from builder.tools.report.summary import summarise

Q = "https://learning.example.org/courses/c/questions"


def model():
    single = NS(
        id="q1",
        type="single",
        objectives=["o1"],
        options=[NS(id="a"), NS(id="b"), NS(id="c")],
        correct_ids=lambda: ["a"],
    )
    scenario = NS(
        id="s1",
        type="scenario",
        objectives=["o1"],
        nodes=[
            NS(id="n1", choices=[NS(id="a", score=2), NS(id="b", score=0)]),
            NS(id="n2", choices=[NS(id="a", score=1), NS(id="b", score=2), NS(id="c", score=0)]),
        ],
    )
    quiz = NS(pass_mark=80, questions=[single, scenario])
    module = NS(id="m1", meta=NS(objectives=[NS(id="o1", text="Decide together")]), quiz=quiz)
    diagnostic = NS(
        questions=[
            NS(id="sa-01", prompt="Anything at all", element="Level of involvement"),
            NS(id="sa-02", prompt="Service organisation: managers lead it", element=None),
            NS(id="sa-03", prompt="No element named here"),
        ],
        scale=[NS(id="a", score=0), NS(id="b", score=2), NS(id="dk", score=None)],
        zones=[NS(id="danger", title="Danger zone"), NS(id="good", title="Good Practice zone")],
    )
    roles = [NS(id=r, group_name=r.title()) for r in ("manager", "rep", "other")]
    course = NS(title="Course", iri="https://learning.example.org/courses/c", roles=roles)
    return NS(course=course, modules=[module], self_assessment=diagnostic)


def statement(learner, question, response, success=None):
    result = {"response": response}
    if success is not None:
        result["success"] = success
    return {
        "actor": {"mbox": f"mailto:{learner}@example.org"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": f"{Q}/{question}"},
        "result": result,
    }


def run(statements, min_group=5):
    index = index_course(model())
    collector = Collector(index)
    for n, s in enumerate(statements):
        add_statement(f"r{n}", s, collector)
    return index, summarise(collector, index, min_group)


def people(count, role):
    return [f"{role}-{n}" for n in range(count)]


def test_scenario_decisions_are_indexed_and_never_taken_for_questions():
    index = index_course(model())
    assert set(index.nodes) == {"s1-n1", "s1-n2"}
    assert "s1" not in index.items and "q1" in index.items
    assert index.nodes["s1-n2"].scores == {"a": 1, "b": 2, "c": 0}


def test_the_share_taking_each_choice_at_each_node():
    statements = []
    for n, who in enumerate(people(6, "manager") + people(6, "rep")):
        role = who.split("-")[0]
        statements.append(statement(who, "role", role))
        first = "a" if role == "rep" or n < 2 else "b"
        statements.append(statement(who, "s1-n1", first, first == "a"))
        if first == "a":
            statements.append(statement(who, "s1-n2", "b" if n % 2 else "a"))
    _, report = run(statements)
    nodes = {(s["scenario"], s["node"]): s for s in report["scenarios"]}
    n1, n2 = nodes[("s1", "n1")], nodes[("s1", "n2")]
    assert n1["all"] == {"n": 12, "choices": {"a": round(8 / 12, 4), "b": round(4 / 12, 4)}}
    assert n1["by_role"]["manager"] == {
        "n": 6,
        "choices": {"a": round(2 / 6, 4), "b": round(4 / 6, 4)},
    }
    assert n1["by_role"]["rep"] == {"n": 6, "choices": {"a": 1.0, "b": 0.0}}
    assert n1["by_role"]["other"] is None
    assert n2["all"]["n"] == 8
    assert n2["by_role"]["manager"] is None  # only 2 managers reached it
    assert n2["by_role"]["rep"]["n"] == 6


def test_elements_come_from_the_source_or_the_prompt():
    assert element_of(NS(prompt="x", element="Public management")) == "Public management"
    assert (
        element_of(NS(prompt="Level of involvement, corporate: staff help"))
        == "Level of involvement"
    )
    assert element_of(NS(prompt="Service organisation: managers lead it")) == "Service organisation"
    assert element_of(NS(prompt="No colon here")) == "All statements"
    index = index_course(model())
    assert index.self_assessment.elements == [
        "Level of involvement",
        "Service organisation",
        "All statements",
    ]
    assert index.self_assessment.zones == {"danger": "Danger zone", "good": "Good Practice zone"}


def test_zones_and_element_averages_by_role_with_dont_know_left_out():
    statements = []
    for who in people(5, "manager") + people(7, "rep"):
        role = who.split("-")[0]
        statements.append(statement(who, "role", role))
        statements.append(statement(who, "sa-01", "b" if role == "rep" else "a"))
        statements.append(statement(who, "sa-02", "dk"))
        statements.append(statement(who, "self-assessment", "good" if role == "rep" else "danger"))
    _, report = run(statements)
    sa = report["self_assessment"]
    assert sa["zones"]["all"]["counts"] == {"danger": 5, "good": 7}
    assert sa["zones"]["manager"]["counts"] == {"danger": 5, "good": 0}
    assert sa["zones"]["rep"]["shares"] == {"danger": 0.0, "good": 1.0}
    assert sa["zones"]["other"] is None
    assert sa["elements"]["all"]["Level of involvement"] == {
        "answers": 12,
        "average": round(14 / 12, 4),
        "unscored": 0,
    }
    assert sa["elements"]["rep"]["Level of involvement"]["average"] == 2.0
    assert sa["elements"]["manager"]["Service organisation"] == {
        "answers": 5,
        "average": None,
        "unscored": 5,
    }


def test_a_small_zone_is_suppressed_within_a_large_group():
    statements = [statement(w, "self-assessment", "danger") for w in people(9, "x")]
    statements += [statement(w, "self-assessment", "good") for w in people(2, "y")]
    _, report = run(statements)
    zones = report["self_assessment"]["zones"]["all"]
    assert zones["counts"] == {"danger": 9, "good": None}
    assert zones["shares"]["good"] is None


def test_responses_in_each_standards_form():
    options = ["x1", "x2", "x3"]
    assert parse_response("x1[,]x3", "choice", options) == ["x1", "x3"]
    assert parse_response("ids:x1,x3", "choice", options) == ["x1", "x3"]  # SCORM 1.2
    assert parse_response("x1[.]x2[,]x2[.]x1", "matching", options) == ["x1.x2", "x2.x1"]
    assert parse_response("ids:x1.x2,x2.x1", "matching", options) == ["x1.x2", "x2.x1"]
    assert parse_response("ids:x2", "likert", options) == ["x2"]
    assert parse_response("ids:", "choice", options) == []
    assert parse_response("t", "true-false", []) == ["true"]
    assert parse_response("false", "true-false", []) == ["false"]
    assert parse_response("maybe", "true-false", []) is None
    assert parse_response("x9", "choice", options) is None
    # Never guessed: untagged commas are not the SCORM 2004 form, and letters are not ids.
    assert parse_response("x1,x3", "choice", options) is None
    assert parse_response("a", "choice", options) is None
    assert parse_response("ids:x1[,]x3", "choice", options) is None


def test_ids_out_of_order_are_read_as_the_ids_they_are(tmp_path):
    """The minimal course's fire-02 lists its options a, c, b (Paper, Sand, Wood; the key is
    Paper and Wood). Right answers as each version records them are read as a and b, never
    as positions, and the report shows each prompt and option text beside the ids."""
    from pathlib import Path

    from builder.tools.report.output_html import as_html
    from builder.tools.report.output_text import as_csv
    from builder.tools.report.run import load_index

    index = load_index(Path(__file__).parent / "fixtures" / "minimal")
    collector = Collector(index)
    recorded = ["ids:a,b", "a[,]b", "ids:a,b", "a[,]b", "ids:a,b", "ids:c"]
    for n, response in enumerate(recorded):
        collector.add(f"test:{n}", f"learner-{n}", "fire-02", response, None)
    report = summarise(collector, index, min_group=1)
    item = next(i for i in report["items"] if i["id"] == "fire-02")
    assert item["facility"] == round(5 / 6, 4)  # scored with the key: a and b
    chosen = {o["id"]: (o["chosen"], o["key"], o["text"]) for o in item["options"]}
    assert chosen == {"a": (5, True, "Paper"), "c": (1, False, "Sand"), "b": (5, True, "Wood")}
    assert not any("more often than the key" in flag for flag in item["flags"])
    assert item["prompt"] == "Which of these can be fuel for a fire?"
    html = as_html(report)
    assert "fire-02: Which of these can be fuel for a fire?" in html
    assert "<td>Sand</td>" in html
    assert "a: Paper; c: Sand; b: Wood" in as_csv(report)


def test_long_prompts_are_shortened_at_a_word():
    from builder.tools.report.course_index import shorten

    assert shorten("Which **one**  of\nthese?") == "Which one of these?"
    long = "word " * 40
    cut = shorten(long, 30)
    assert cut.endswith("…") and len(cut) <= 31 and not cut[:-1].endswith(" ")
