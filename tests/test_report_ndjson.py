"""The fast NDJSON reader (read_ndjson.py, msgspec) against the plain reading it replaced
(json.loads on each line of the text, then add_statement): for any lines, well formed or not,
cut into pieces anywhere, the Collector hears the same calls in the same order, and a bad line
stops both with the same message."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.tools.report import read_ndjson as fast_module
from builder.tools.report.course_index import CourseIndex, Item, SelfAssessment
from builder.tools.report.read_ndjson import read_ndjson
from builder.tools.report.records import Collector, ReportInputError
from builder.tools.report.statements import ANSWERED, VOIDED, add_statement

IRI = "https://example.org/courses/c"


def make_index(iri: str | None) -> CourseIndex:
    index = CourseIndex(title="t", iri=iri, role_names={"manager": "Managers", "rep": "Reps"})
    index.items = {
        "q1": Item("q1", "m1", "single", [], ["a", "b"], ["a"]),
        "q2": Item("q2", "m1", "multiple", [], ["a", "b", "c"], ["a", "c"]),
    }
    index.self_assessment = SelfAssessment({"s1": "E"}, {"x": 1}, {"low": "Low"}, ["E"])
    return index


class Recorder(Collector):
    """Every call the readers make, in order; answers are checked as the report checks them."""

    def __init__(self, index: CourseIndex) -> None:
        super().__init__(index)
        self.calls: list[tuple[object, ...]] = []

    def counted(self) -> None:
        self.calls.append(("counted",))

    def voided(self, where: str, statement_id: str) -> None:
        self.calls.append(("voided", where, statement_id))

    def add(self, where, learner_key, interaction, response, success, session=1, attempt=1,  # type: ignore[no-untyped-def]
            dimensions=None):  # fmt: skip
        self.calls.append(("add", where, learner_key, interaction, response, success, session,
                           attempt, dimensions))  # fmt: skip
        self.check(where, interaction, response)


def plain_reading(path: Path, collector: Collector) -> None:
    """The reading before msgspec: the text's lines as str.splitlines numbers them."""
    number = 0
    with path.open(encoding="utf-8-sig") as handle:
        for read in handle:
            for line in read.splitlines():
                number += 1
                if not line.strip():
                    continue
                try:
                    statement = json.loads(line)
                except json.JSONDecodeError as exc:
                    message = f"{path}:{number}: not a JSON statement: {exc.msg}"
                    raise ReportInputError(message) from None
                add_statement(f"{path}:{number}", statement, collector)


def outcome(read, path: Path, index: CourseIndex):  # type: ignore[no-untyped-def]
    collector = Recorder(index)
    try:
        read(path, collector)
        stopped = None
    except ReportInputError as exc:
        stopped = str(exc)
    return collector.calls, collector.skipped_other_course, stopped


def some(*values: object) -> st.SearchStrategy[object]:
    return st.sampled_from(values)


ext = f"{IRI}/extensions/"
QUESTIONS = [f"{IRI}/questions/{q}" for q in ("q1", "q2", "role", "s1")]


def mostly(good: list[object], odd: list[object]) -> st.SearchStrategy[object]:
    """A good value fifteen times in sixteen; else an odd one (a wrong type, empty, missing): odd
    values often stop a reading, and what comes after them is then never read."""
    odd = [*odd, MISSING]
    return st.sampled_from(good * -(-15 * len(odd) // len(good)) + odd)


def mostly_shaped(good: st.SearchStrategy[object], odd: list[object]) -> st.SearchStrategy[object]:
    """Drawn from `good` fifteen times in sixteen; else an odd value or missing."""
    fifteen_in_16 = st.sampled_from([True] * 15 + [False])
    return st.tuples(fifteen_in_16, good, st.sampled_from([*odd, MISSING])).map(
        lambda drawn: drawn[1] if drawn[0] else drawn[2]
    )


MISSING = object()
statement_parts = {
    "id": mostly(["A1B2", "c3d4"], ["", 5, None]),
    "verb": mostly([{"id": ANSWERED}], [{"id": VOIDED}, {"id": "http://x/initialized"}, {},
                                        {"id": 5}, "answered", None]),
    "object": mostly_shaped(st.fixed_dictionaries({
        "id": mostly([*QUESTIONS, "https://o.org/questions/q1", "q1"],
                     [f"{IRI}/questions/nope", "a1b2", 7, None]),
        "objectType": mostly(["Activity"], ["StatementRef", 3, None])}), [None, [], "x"]),
    "actor": mostly_shaped(st.fixed_dictionaries({
        "account": mostly_shaped(st.fixed_dictionaries({
            "name": mostly(["ann", "bob", "Zoë"], [4, None]),
            "homePage": mostly(["https://l"], [None, 2])}), [None, "acct"]),
        "mbox": mostly([MISSING], ["mailto:c@x", 9, None]),
        "openid": mostly([MISSING], ["https://id/d"])}), [None, "me"]),
    "result": mostly_shaped(st.fixed_dictionaries({
        "response": mostly(["a", "b", "a[,]c", "manager", "rep", "low"], ["x", "", 1, None]),
        "success": mostly([True, False, None], [0, "true"])}), [None, [], 0, ""]),
    "context": mostly_shaped(st.fixed_dictionaries({
        "language": mostly(["cy", "en", ""], [3, None]),
        "extensions": mostly_shaped(st.dictionaries(
            st.sampled_from([ext + "attempt", ext + "course-version", "https://o.org/extensions/attempt",
                             "https://o.org/extensions/course-version", "https://x/quiz"]),
            mostly([1, 2, "1.0", "2.0", ""], [0, True, "2", 1.5, 12345678901234567890, None]),
            max_size=4), [None, []])}), [None, "ctx"]),
    "timestamp": mostly(["2026-11-02T10:00:00Z"], [float("nan"), 1e400]),
}  # fmt: skip


def _present(value: object) -> object:
    """A statement without the parts drawn as missing, at any depth."""
    if isinstance(value, dict):
        return {k: _present(v) for k, v in value.items() if v is not MISSING}
    return value


statements = st.fixed_dictionaries(statement_parts).map(_present)
lines = st.one_of(
    statements.map(lambda s: json.dumps(s, ensure_ascii=False)),
    statements.map(json.dumps),
    some("", "   ", "{", "[1]", "5", "null", '{"verb": {"id": "' + ANSWERED + '"}} x', "\x1f"),
)
breaks = some("\n", "\n", "\n", "\r\n", "\r", "\x1c", "\u2028", "\x85")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.tuples(lines, breaks), max_size=12),
    bom=st.booleans(),
    end=st.booleans(),
    chunk=st.integers(1, 300),
    iri=some(IRI, None),
)
def test_the_fast_reading_is_the_plain_reading(tmp_path, rows, bom, end, chunk, iri):
    text = "".join(line + brk for line, brk in rows)
    if rows and not end:
        text = text[: -len(rows[-1][1])]
    path = tmp_path / "s.ndjson"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    index = make_index(iri)
    expected = outcome(plain_reading, path, index)
    got = outcome(lambda p, c: read_ndjson(str(p), p, c, chunk), path, index)
    assert got == expected


def test_a_well_formed_statement_is_read_without_the_plain_reading(tmp_path, monkeypatch):
    statement = {
        "id": "s1", "verb": {"id": ANSWERED, "display": {"en-GB": "answered"}},
        "actor": {"account": {"homePage": "https://l", "name": "ann"}},
        "object": {"id": f"{IRI}/questions/q1", "definition": {"type": "x"}},
        "result": {"response": "a", "success": True},
        "context": {"language": "cy", "extensions": {ext + "attempt": 2, ext + "course-version": "3"}},
    }  # fmt: skip
    path = tmp_path / "s.ndjson"
    path.write_text(json.dumps(statement) + "\n" + json.dumps(statement), encoding="utf-8")

    def plain(self, line):  # type: ignore[no-untyped-def]
        raise AssertionError(f"read the plain way: {line}")

    monkeypatch.setattr(fast_module._Lines, "plain", plain)
    calls, _, stopped = outcome(lambda p, c: read_ndjson(str(p), p, c, 64), path, make_index(IRI))
    assert stopped is None
    adds = [call for call in calls if call[0] == "add"]
    assert len(adds) == 2
    assert adds[1][1:8] == (f"{path}:2", "account:https://l|ann", "q1", "a", True, 1, 2)
    assert (adds[1][8].version, adds[1][8].language, adds[1][8].statement_id) == ("3", "cy", "s1")


def test_without_msgspec_the_message_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "msgspec", None)
    fast_module.decoder.cache_clear()
    try:
        with pytest.raises(ReportInputError, match=r"needs msgspec: .*dfc-course\[report\]"):
            fast_module.decoder()
    finally:
        fast_module.decoder.cache_clear()


GOOD = {
    "id": "A1B2", "verb": {"id": ANSWERED}, "actor": {"account": {"homePage": "h", "name": "ann"}},
    "object": {"id": f"{IRI}/questions/q1"}, "result": {"response": "a", "success": True},
    "context": {"language": "cy", "extensions": {ext + "attempt": 2}},
}  # fmt: skip
EDGES = {
    "attempt true": {"context": {"extensions": {ext + "attempt": True}}},
    "attempt text": {"context": {"extensions": {ext + "attempt": "2"}}},
    "attempt 0": {"context": {"extensions": {ext + "attempt": 0}}},
    "attempt huge": {"context": {"extensions": {ext + "attempt": 2**70}}},
    "attempt elsewhere": {"context": {"extensions": {"https://o.org/extensions/attempt": 3}}},
    "two versions": {"context": {"extensions": {"https://o.org/extensions/course-version": "1",
                                                ext + "course-version": "2"}}},
    "first version empty": {"context": {"extensions": {"https://o.org/extensions/course-version": "",
                                                       ext + "course-version": "2"}}},
    "version a number": {"context": {"extensions": {ext + "course-version": 2}}},
    "language empty": {"context": {"language": ""}},
    "language a number": {"context": {"language": 3}},
    "context text": {"context": "ctx"},
    "extensions a list": {"context": {"extensions": []}},
    "id empty": {"id": ""},
    "id a number": {"id": 5},
    "result a list": {"result": []},
    "result false": {"result": False},
    "success 1": {"result": {"response": "a", "success": 1}},
    "home page null": {"actor": {"account": {"homePage": None, "name": "ann"}}},
    "no home page": {"actor": {"account": {"name": "ann"}}},
    "name a number": {"actor": {"account": {"name": 4}}},
    "mbox after an empty account": {"actor": {"account": {}, "mbox": "mailto:a@x"}},
    "mbox a number": {"actor": {"mbox": 9, "openid": "https://id/d"}},
    "another course": {"object": {"id": "https://o.org/questions/q1"}},
    "no questions path": {"object": {"id": "q1"}},
    "object id a number": {"object": {"id": 7}},
    "void": {"verb": {"id": VOIDED}, "object": {"objectType": "StatementRef", "id": "A1B2"}},
    "void without id": {"verb": {"id": VOIDED}, "object": {"objectType": "StatementRef"}},
    "role padded": {"object": {"id": f"{IRI}/questions/role"}, "result": {"response": " rep "}},
    "not a number": {"timestamp": float("nan")},
    "too large": {"timestamp": 1e400},
}  # fmt: skip


@pytest.mark.parametrize("iri", [IRI, None])
@pytest.mark.parametrize("edge", list(EDGES))
def test_edge_statements_are_read_as_the_plain_reading_reads_them(tmp_path, edge, iri):
    odd = {**GOOD, **EDGES[edge]}
    text = "\ufeff" + "\n".join(json.dumps(s) for s in (GOOD, odd, GOOD, {**GOOD, "id": "é\u2028"}))
    path = tmp_path / "s.ndjson"
    path.write_text(text + "\r\n" + json.dumps(GOOD), encoding="utf-8")
    index = make_index(iri)
    for chunk in (7, 1 << 20):
        got = outcome(lambda p, c, chunk=chunk: read_ndjson(str(p), p, c, chunk), path, index)
        assert got == outcome(plain_reading, path, index)
