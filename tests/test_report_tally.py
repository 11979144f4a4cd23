"""The running totals (tally.py) against the plain definition, answer by answer: a learner's
first attempt is the lowest rank, the earliest read among equals; the last is the highest rank,
the latest read among equals; every graded answer is counted; role, zone, version and language
are the latest said. However the answers are cut into batches."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.tools.report import tally as tally_module
from builder.tools.report.course_index import CourseIndex, Item, SelfAssessment
from builder.tools.report.records import Collector, Dimensions

INDEX = CourseIndex(title="t", iri=None, role_names={"manager": "Managers", "rep": "Reps"})
INDEX.items = {
    "q1": Item("q1", "m1", "single", [], ["a", "b", "c"], ["a"]),
    "q2": Item("q2", "m1", "multiple", [], ["a", "b", "c"], ["a", "c"]),
}
INDEX.self_assessment = SelfAssessment({"s1": "E"}, {"x": 1, "y": 2}, {"low": "Low", "high": "High"},
                                       ["E"])  # fmt: skip

records = st.lists(
    st.tuples(
        st.sampled_from(["u1", "u2", "u3", "u4"]),
        st.sampled_from(["q1", "q2", "s1", "role", "self-assessment"]),
        st.sampled_from(["a", "b", "a[,]c", "x", "y", "zz"]),
        st.sampled_from([True, False, None]),
        st.sampled_from([(1, 1), (1, 2), (2, 1)]),
        st.sampled_from([None, "1.0", "2.0"]),
        st.sampled_from([None, "cy", "en"]),
    ),
    max_size=60,
)


def fix(record):
    learner, interaction, response, success, rank, version, language = record
    if interaction == "role":
        response = "manager" if response < "b" else "rep"
    elif interaction == "self-assessment":
        response = "low" if response < "b" else "high"
    return learner, interaction, response, success, rank, version, language


def expected(rows):
    """The plain definition, from the whole list of answers."""
    learners = list(dict.fromkeys(r[0] for r in rows))
    cells, people = {}, {who: {} for who in learners}
    for seq, (who, interaction, response, success, rank, version, language) in enumerate(rows):
        person = people[who]
        if version:
            person["version"] = version
        if language:
            person["language"] = language
        if interaction in ("role", "self-assessment"):
            person[interaction] = response
            continue
        if success is None and interaction in INDEX.items and response in ("a", "b", "a[,]c"):
            success = {"q1": response == "a", "q2": response == "a[,]c"}[interaction]  # the key
        cells.setdefault((who, interaction), []).append((rank, seq, success, response))
    out = {}
    for (who, interaction), answers in cells.items():
        first, last = min(answers, key=lambda a: a[:2]), max(answers, key=lambda a: a[:2])
        graded = [a[2] for a in answers if a[2] is not None]
        out[(who, interaction)] = (first[2:], last[2:], len(graded), sum(graded))
    return learners, out, people


def got(tally, collector):
    learners = list(collector.learners)
    out, people = {}, {}
    resp = tally.texts("resp")
    value = {-1: None, 0: False, 1: True}
    for who, number in collector.learners.items():
        for interaction, column in tally.codes.items():
            cell = {n: tally.view(n)[number, column] for n in tally_module.CELLS}
            if cell["first_out"] == tally_module.EMPTY:
                continue
            first = (value[int(cell["first_out"])], resp[cell["first_resp"]])
            last = (value[int(cell["last_out"])], resp[cell["last_resp"]])
            out[(who, interaction)] = (first, last, int(cell["graded"]), int(cell["right"]))
        person = {}
        for kind, names in (("version", tally.texts("version")),
                            ("language", tally.texts("language")),
                            ("self-assessment", tally.texts("zone")),
                            ("role", INDEX.roles)):  # fmt: skip
            code = int(tally.view(kind if kind != "self-assessment" else "zone")[number])
            if code >= 0:
                person[kind] = names[code]
        people[who] = person
    return learners, out, people


@settings(max_examples=150, deadline=None)
@given(rows=records, batch=st.sampled_from([1, 2, 5, 1000]))
def test_the_totals_are_those_of_the_plain_definition(rows, batch):
    rows = [fix(r) for r in rows]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tally_module, "BATCH", batch)
        collector = Collector(INDEX)
        for who, interaction, response, success, (session, attempt), version, language in rows:
            collector.add("here", who, interaction, response, success, session, attempt,
                          Dimensions(version, language))  # fmt: skip
        tally = collector.finish()
        learners, cells, people = expected(rows)
        assert got(tally, collector) == (learners, cells, people)
        assert len(collector) == sum(r[1] not in ("role", "self-assessment") for r in rows)


@settings(max_examples=60, deadline=None)
@given(rows=records, gone=st.sampled_from(["u1", "u2"]))
def test_a_learner_taken_back_and_added_again_has_the_totals_of_their_answers(rows, gone):
    rows = [fix(r) for r in rows]
    collector = Collector(INDEX)
    for who, interaction, response, success, (session, attempt), version, language in rows:
        collector.add("here", who, interaction, response, success, session, attempt,
                      Dimensions(version, language))  # fmt: skip
    if gone in collector.learners:
        collector.tally.forget(collector.learners[gone])
    tally = collector.finish()
    _, cells, people = expected([r for r in rows if r[0] != gone])
    _, found, found_people = got(tally, collector)
    assert found == cells
    assert {k: v for k, v in found_people.items() if k != gone} == people
    if gone in collector.learners:
        assert found_people[gone] == {} and tally.view("first_seq")[collector.learners[gone]] == -1
