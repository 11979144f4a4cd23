"""`report --store`: the report from the store equals the report of the statements that stand,
however the statements arrive: in batches, twice over, voided later, from an LRS page by page
with `since`, or in a read that stopped half way and went on."""

from __future__ import annotations

import datetime
import http.server
import json
import threading
import urllib.parse
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_helpers import Model, make_course, simulate
from test_report_inputs import LRS

from builder.tools.report.output_text import as_json
from builder.tools.report.read_xapi import add_statement
from builder.tools.report.records import Collector
from builder.tools.report.run import collect
from builder.tools.report.store import MARGIN, Store, StoreWriter
from builder.tools.report.summary import summarise

VOIDED = "http://adlnet.gov/expapi/verbs/voided"
PAGE = 40


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    root = tmp_path_factory.mktemp("store")
    course, index = make_course(root / "course", questions=8)
    statements, _ = simulate(index, 30, Model(retry=0.5), seed=3)
    start = datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC)
    for n, statement in enumerate(statements):  # as an LRS stamps them, one a second
        stamp = start + datetime.timedelta(seconds=n)
        statement["stored"] = stamp.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return {"root": root, "course": course, "index": index, "statements": statements}


def voiding(target: dict, when: str) -> dict:
    return {"id": str(uuid.uuid4()), "actor": target["actor"], "stored": when,
            "verb": {"id": VOIDED, "display": {"en-US": "voided"}},
            "object": {"objectType": "StatementRef", "id": target["id"]}}  # fmt: skip


def report_of(index, statements) -> str:
    """The report of a whole read, statement by statement: what the store must equal."""
    collector = Collector(index)
    for number, statement in enumerate(statements, 1):
        add_statement(f"record {number}", statement, collector)
    return as_json(summarise(collector, index, 5))


def report_from_store(index, path) -> str:
    store = Store(path)
    try:
        return as_json(summarise(store.replay(Collector(index)), index, 5))
    finally:
        store.close()


def standing(statements, voided_ids):
    return [s for s in statements if s["id"] not in voided_ids]


@st.composite
def deliveries(draw, count: int):
    """The statements as they may arrive: some twice, some voided later, in batches."""
    voided = draw(st.sets(st.integers(0, count - 1), max_size=12))
    stream: list[tuple[str, int]] = []
    for n in range(count):
        stream.append(("statement", n))
        if n and draw(st.integers(0, 9)) == 0:  # a statement read again, as with a margin
            stream.append(("statement", draw(st.integers(0, n))))
    for n in sorted(voided):  # each void comes some time after its statement
        at = draw(st.integers([i for i, e in enumerate(stream) if e == ("statement", n)][0] + 1,
                              len(stream)))  # fmt: skip
        stream.insert(at, ("void", n))
    cuts = sorted(draw(st.sets(st.integers(1, len(stream) - 1), max_size=6)))
    return voided, stream, cuts


@pytest.fixture(scope="module")
def whole(data):
    return report_of(data["index"], data["statements"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(delivery=st.data())
def test_batches_duplicates_and_voids_give_the_report_of_what_stands(data, tmp_path, delivery):
    statements, index = data["statements"], data["index"]
    voided, stream, cuts = delivery.draw(deliveries(len(statements)))
    voided_ids = {statements[n]["id"] for n in voided}
    records = [statements[n] if kind == "statement" else voiding(statements[n], "2026-11-03T00:00:00Z")
               for kind, n in stream]  # fmt: skip
    path = tmp_path / f"store-{uuid.uuid4().hex}.sqlite"
    for start, end in zip([0, *cuts], [*cuts, len(records)], strict=True):
        batch = tmp_path / f"batch-{uuid.uuid4().hex}.ndjson"
        batch.write_text("\n".join(json.dumps(r) for r in records[start:end]), encoding="utf-8")
        store = Store(path)
        try:
            writer = StoreWriter(index, store)
            collect([str(batch)], index, collector=writer)
            writer.flush()
        finally:
            store.close()
        # A report after each batch keeps the running totals, which the next one goes on from.
        read = [n for kind, n in stream[:end] if kind == "statement"]
        gone = {statements[n]["id"] for kind, n in stream[:end] if kind == "void"}
        so_far = standing([statements[n] for n in dict.fromkeys(read)], gone)
        if so_far and any("/questions/m" in s["object"]["id"] for s in so_far):
            assert report_from_store(index, path) == report_of(index, so_far)
    assert report_from_store(index, path) == report_of(index, standing(statements, voided_ids))


def test_a_void_changes_the_figures(data, whole):
    """So that the property above can fail: the voided statements are not simply ignored."""
    statements = data["statements"]
    answers = [s for s in statements if "/questions/m" in s["object"]["id"]]
    assert report_of(data["index"], standing(statements, {a["id"] for a in answers[:20]})) != whole


# --- an LRS that serves pages and honours since, ascending and limit ------------------------


class PagedLRS(LRS):
    """Pages by offset, oldest first when asked, only what was stored since, when asked; no
    authentication."""

    fail_at: int | None = None  # the request (counted from 1) answered with HTTP 500

    def do_GET(self) -> None:  # noqa: N802
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
        self.requests.append(query)
        if self.fail_at is not None and len(self.requests) == self.fail_at:
            return self._send(500, {"detail": "the LRS fell over"})
        chosen = self.statements
        if "since" in query:
            since = datetime.datetime.fromisoformat(query["since"])
            chosen = [s for s in chosen if datetime.datetime.fromisoformat(s["stored"]) > since]
        chosen = sorted(chosen, key=lambda s: s["stored"], reverse=query.get("ascending") != "true")
        offset = int(query.get("offset", 0))
        more = ""
        if offset + PAGE < len(chosen):
            rest = {k: v for k, v in query.items() if k != "offset"}
            more = "/xAPI/statements?" + urllib.parse.urlencode({**rest, "offset": offset + PAGE})
        self._send(200, {"statements": chosen[offset : offset + PAGE], "more": more})


@pytest.fixture
def lrs():
    handler = type("LRS", (PagedLRS,), {"statements": [], "requests": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/xAPI/", handler
    server.shutdown()
    server.server_close()


def run_store(cli, data, url, store, *extra):
    args = ("report", url, "--course", str(data["course"]), "--store", str(store))
    return cli(*args, "--format", "json", *extra)


def test_since_store_asks_only_for_what_is_new(cli, data, lrs, tmp_path):
    url, handler = lrs
    statements = data["statements"]
    first, later = statements[:300], statements[300:]
    store = tmp_path / "weekly.sqlite"
    handler.statements = list(first)
    result = run_store(cli, data, url, store)
    assert result.exit_code == 0, result.output
    assert result.stdout == report_of(data["index"], first)
    assert all(q.get("ascending") == "true" and "since" not in q for q in handler.requests)
    # A week on: new statements, one of last week's voided, and one served again.
    gone = first[10]
    void = voiding(gone, later[-1]["stored"].replace("Z", "1Z"))
    handler.statements = [*first, *later, void]
    handler.requests = []
    result = run_store(cli, data, url, store, "--since-store")
    assert result.exit_code == 0, result.output
    last = datetime.datetime.fromisoformat(first[-1]["stored"])
    asked = datetime.datetime.fromisoformat(handler.requests[0]["since"])
    assert asked == last - MARGIN
    served = [s for s in handler.statements if datetime.datetime.fromisoformat(s["stored"]) > asked]
    assert len(handler.requests) == -(-len(served) // PAGE)
    assert len(served) < len(later) + 10  # only the margin is read again, not last week
    assert result.stdout == report_of(data["index"], standing(statements, {gone["id"]}))
    assert result.stdout != report_of(data["index"], statements)
    # The store alone gives the same report, with no LRS at all.
    alone = cli("report", "--course", str(data["course"]), "--store", str(store), "--format", "json")
    assert alone.exit_code == 0, alone.output
    assert alone.stdout == result.stdout


def test_a_stopped_read_goes_on_from_the_store(cli, data, lrs, tmp_path):
    url, handler = lrs
    statements = data["statements"]
    handler.statements = list(statements)
    handler.fail_at = 4
    store = tmp_path / "stopped.sqlite"
    result = run_store(cli, data, url, store)
    assert result.exit_code == 1
    kept = Store(store)
    try:
        held = kept.count()
    finally:
        kept.close()
    assert held > 0
    assert result.stderr.strip().endswith(
        f"{store} keeps the {held:,} answers read before: run again with --since-store to go "
        "on from there"
    )
    assert "HTTP 500" in result.stderr
    handler.fail_at = None
    handler.requests = []
    result = run_store(cli, data, url, store, "--since-store")
    assert result.exit_code == 0, result.output
    # It went on from the third page (less the margin), not from the start.
    assert datetime.datetime.fromisoformat(handler.requests[0]["since"]) == (
        datetime.datetime.fromisoformat(statements[3 * PAGE - 1]["stored"]) - MARGIN
    )
    assert result.stdout == report_of(data["index"], statements)


def test_a_file_read_twice_into_the_store_counts_once(cli, data, tmp_path, whole):
    path = tmp_path / "all.ndjson"
    path.write_text("\n".join(json.dumps(s) for s in data["statements"]), encoding="utf-8")
    store = tmp_path / "twice.sqlite"
    for _ in range(2):
        result = run_store(cli, data, str(path), store)
        assert result.exit_code == 0, result.output
        assert result.stdout == whole


def test_a_file_that_is_not_a_store(cli, data, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("not a database, just notes " * 100, encoding="utf-8")
    result = cli("report", "--course", str(data["course"]), "--store", str(bad))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {bad}: not a report store (")


def test_learner_ids_never_reach_the_store(cli, data, tmp_path):
    path = tmp_path / "all.ndjson"
    path.write_text("\n".join(json.dumps(s) for s in data["statements"]), encoding="utf-8")
    store = tmp_path / "private.sqlite"
    assert run_store(cli, data, str(path), store).exit_code == 0
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("private.sqlite*"))
    names = {s["actor"]["account"]["name"] for s in data["statements"]}
    assert names and not any(name.encode() in raw for name in names)
