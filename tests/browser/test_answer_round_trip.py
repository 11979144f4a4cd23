"""Every answer is read back exactly as it was given, in SCORM 1.2, SCORM 2004 and cmi5.

Hypothesis draws a course (every question type, option ids in any order and of any length,
26 options and 36 matching targets, shuffled display, a scenario and a self-assessment) and a
trainee's answers. The package built from it runs in Chromium: the trainee gives the answers
through the screen, so the runtime's own recording code writes the records, into scorm-again
or to the cmi5 test LMS and Ralph. One page load answers the whole bank. The records then go
through every input the report reads for that standard (SCORM: Moodle's Interactions download
and the neutral CSV; cmi5: a JSON array, NDJSON and Ralph's statements endpoint), and each
answer must come back as exactly the option ids chosen, right or wrong exactly as the runtime
judged it (and as the report's own key judges it when no result is given).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from ralph_server import PASSWORD, USER
from round_trip_course import IRI, courses, expected, write_course
from test_cmi5 import cmi5_site, lms, open_course, ralph, wait_for  # noqa: F401
from trainee import Trainee, close, launch

from builder import api
from builder.tools.report.records import Collector, is_right, parse_response
from builder.tools.report.run import collect, load_index

TARGETS = {"1.2": "scorm12", "2004": "scorm2004", "cmi5": "cmi5"}
RESULTS = {"correct": True, "incorrect": False, "wrong": False, "neutral": None}
SLOW = settings(
    max_examples=2,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: a page load each
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def give(trainee: Trainee, q: dict[str, Any]) -> None:
    """One generated answer, through the question's form controls."""
    frame, source, answer = trainee.frame, q["source"], q["answer"]
    box = f"#q-{source['id']}"
    trainee.reveal(source["id"])
    kind = source["type"]
    if kind in ("single", "multiple"):
        for option in answer:
            frame.check(f"{box} input[value='{option}']")
    elif kind == "true-false":
        frame.check(f"{box} input[value='{answer}']")
    elif kind == "matching":
        for item, target in answer.items():
            frame.select_option(f"{box} [data-dfc-option='{item}'] select", target)
    elif kind == "ordering":
        for place, item in enumerate(answer, 1):
            frame.select_option(f"{box} [data-dfc-option='{item}'] select", str(place))
    elif kind == "scenario":
        for node, choice in answer:
            step = f"{box} [data-dfc-node='{node}']"
            frame.check(f"{step} input[value='{choice}']")
            frame.click(f"{step} [data-dfc-decide]")


def take_course(trainee: Trainee, course: dict[str, Any]) -> None:
    """The role, the final assessment (the whole bank) in one attempt, then the self-assessment."""
    trainee.start("rep")
    screens = trainee.data()["screens"]
    trainee.open(next(s["id"] for s in screens if s["kind"] == "final"))
    trainee.ready()
    shown = trainee.frame.eval_on_selector_all(
        "#dfc-screen .dfc-question", "els => els.map(e => e.getAttribute('data-dfc-question'))"
    )
    source_order = [q["source"]["id"] for q in course["questions"]]
    assert sorted(shown) == sorted(source_order)
    for q in course["questions"]:
        give(trainee, q)
    trainee.submit()
    trainee.open(next(s["id"] for s in screens if s["kind"] == "diagnostic"))
    for statement, answer in course["self_assessment"]["answer"].items():
        trainee.frame.check(f"#q-{statement} input[value='{answer}']")
    trainee.submit()


def build(course: dict[str, Any], root: Path, target: str, site: Path, name: str) -> Path:
    source = write_course(course, root / "source")
    report = api.build(source, root / "dist", [target])
    package = next(w.path for w in report.packages if not w.path.stem.endswith("-modules-cmi5"))
    with zipfile.ZipFile(package) as archive:
        archive.extractall(site / name)
    return source


def scorm_rows(cmi: dict[str, Any], version: str) -> list[tuple[str, str, str, str]]:
    """(id, type, response, result) of every record the LMS stored, in record order."""
    response = "student_response" if version == "1.2" else "learner_response"
    records = [cmi["interactions"][k] for k in sorted(cmi["interactions"], key=int)]
    return [(r["id"], r["type"], r.get(response, ""), r.get("result", "")) for r in records]


def moodle_export(rows: list[tuple[str, str, str, str]], results: bool) -> str:
    """Moodle's Interactions report "Text file" download of one learner's attempt."""
    head = ["Name", "Email address", "Attempt", "Started on", "Last accessed on", "Score", "SCO"]
    row = ["Ann Example", "ann@example.org", "1", "2 November 2026", "2 November 2026", "", ""]
    for n, (rid, _kind, response, result) in enumerate(rows):
        head += [f"Question {n}", f"Response {n}", f"Right answer {n}"]
        head += [f"Result {n}"] if results else []
        row += [rid, response, ""] + ([result] if results else [])
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerows([head, row])
    return out.getvalue()


def neutral_csv(rows: list[tuple[str, str, str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["learner", "attempt", "interaction_id", "type", "response", "result",
                     "timestamp"])  # fmt: skip
    writer.writerows(["u1", 1, i, t, r, s, ""] for i, t, r, s in rows)
    return out.getvalue()


class Recorder(Collector):
    """Each answer as the readers hand it over, checked as the report checks it: the report
    itself keeps only running totals."""

    def __init__(self, index: Any) -> None:
        super().__init__(index)
        self.answers: list[tuple[str, str | None, bool | None]] = []

    def keep(self, learner_key, interaction, response, success, session, attempt, dimensions):  # type: ignore[no-untyped-def]
        if interaction not in ("role", "self-assessment"):
            self.answers.append((interaction, response, success))


def read_back(collector: Recorder, with_results: bool = True) -> dict[str, tuple[Any, Any]]:
    """Interaction id -> (the ids the report reads, right or wrong as the report takes it)."""
    index = collector.index
    sa = index.self_assessment
    out = {}
    for interaction, response, success in collector.answers:
        item, node = index.items.get(interaction), index.nodes.get(interaction)
        if item is not None:
            ids = parse_response(response, item.interaction_type, item.options, item.targets)
            if not with_results:  # the report scores it with the course's key
                success = None if ids is None else is_right(item.interaction_type, ids, item.key)
        elif node is not None:
            ids = parse_response(response, "choice", node.choices)
        else:
            assert sa is not None and interaction in sa.statements, interaction
            ids = parse_response(response, "likert", sa.answers)
        out[interaction] = (ids, success)
    return out


def check(got: dict[str, tuple[Any, Any]], want: dict[str, Any], judged: dict[str, Any]) -> None:
    """Each answer read back as given, and judged as the runtime judged it."""
    assert set(got) == set(want)
    for rid, (ids, right) in want.items():
        assert got[rid][0] == ids, rid
        assert judged[rid] == right, rid  # the runtime judged it as its rule says
        assert got[rid][1] == right, rid


@pytest.mark.parametrize("version", ["1.2", "2004"])
@SLOW
@given(course=courses())
def test_scorm_answers_read_back_exactly(
    browser, lms_server, base_url, site, tmp_path_factory, version, course
):
    root = tmp_path_factory.mktemp("round-trip")
    name = f"{root.name}-{TARGETS[version]}"
    source = build(course, root, TARGETS[version], site, name)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.lms, page.problems = lms_server, []
        page.on("pageerror", lambda e: page.problems.append(str(e)))
        take_course(launch(page, base_url, name, version), course)
        cmi = close(page)
        assert page.problems == []
    finally:
        context.close()
    rows = [r for r in scorm_rows(cmi, version) if r[0] not in ("role", "self-assessment")]
    judged = {rid: RESULTS[result] for rid, _kind, _response, result in rows}
    want = expected(course)
    index = load_index(source)
    for label, text in [
        ("moodle.txt", moodle_export(rows, results=True)),
        ("neutral.csv", neutral_csv(rows)),
    ]:
        path = root / label
        path.write_text(text, encoding="utf-8")
        check(read_back(collect([str(path)], index, collector=Recorder(index))), want, judged)
    path = root / "moodle-without-results.txt"
    path.write_text(moodle_export(rows, results=False), encoding="utf-8")
    collector = collect([str(path)], index, collector=Recorder(index))
    graded = {k: v for k, v in read_back(collector, with_results=False).items() if k in index.items}
    assert graded == {k: want[k] for k in graded}


@SLOW
@given(course=courses())
def test_cmi5_answers_read_back_exactly(browser, lms, ralph, tmp_path_factory, course):  # noqa: F811
    from cmi5_lms import Launch

    root = tmp_path_factory.mktemp("round-trip")
    name = f"{root.name}-cmi5"
    source = build(course, root, "cmi5", lms.site, name)
    registration = lms.register(Launch(name, f"{IRI}/au", IRI, mastery=0.8))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        take_course(open_course(page, lms, registration), course)
        page.goto("about:blank")
        wait_for(lms, registration, "terminated")
        assert problems == []
    finally:
        context.close()
    statements = lms.statements(registration)
    answered = [s for s in statements if s["verb"]["id"].endswith("/answered")]
    judged = {}
    for s in answered:
        rid = s["object"]["id"].rsplit("/questions/", 1)[1]
        judged[rid] = s["result"].get("success")
    want = expected(course)
    judged = {k: v for k, v in judged.items() if k in want}
    index = load_index(source)
    (root / "statements.json").write_text(json.dumps(statements, indent=1), encoding="utf-8")
    (root / "statements.ndjson").write_text(
        "".join(json.dumps(s) + "\n" for s in statements), encoding="utf-8"
    )
    lrs = f"{ralph.url}/xAPI/statements?registration={registration}"
    for source_of in (root / "statements.json", root / "statements.ndjson", lrs):
        collector = collect([str(source_of)], index, lrs_auth=f"{USER}:{PASSWORD}",
                            collector=Recorder(index))  # fmt: skip
        check(read_back(collector), want, judged)
