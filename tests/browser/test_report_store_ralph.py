"""End to end: statements sent to Ralph, a real LRS, read into the report's store; a week later
the new ones (and a voiding statement) read with --since-store; the report from the store is
the report of the statements that stand, in the order the store read them."""

from __future__ import annotations

import datetime
import json
import sqlite3
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from ralph_server import PASSWORD, USER, Ralph
from report_helpers import Model, make_course, simulate

from builder.tools.report.output_text import as_json
from builder.tools.report.read_xapi import add_statement, lrs_source
from builder.tools.report.records import Collector
from builder.tools.report.store import Store
from builder.tools.report.summary import summarise


@pytest.fixture(scope="module")
def ralph(tmp_path_factory):  # type: ignore[no-untyped-def]
    lrs = Ralph(tmp_path_factory.mktemp("ralph-store"))
    yield lrs
    lrs.stop()


def now(hours_ago: int = 0) -> str:
    moment = datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=hours_ago)
    return moment.isoformat(timespec="milliseconds")


def post(ralph, statements, hours_ago: int = 0) -> None:  # type: ignore[no-untyped-def]
    """As an LMS forwards them: each stamped when it happened, `hours_ago` before now (Ralph's
    file store filters `since` by the statement's timestamp, so a week's statements must be
    older than the store's margin, however fast the machine posts them)."""
    for start in range(0, len(statements), 100):
        batch = statements[start : start + 100]
        for statement in batch:
            statement["timestamp"] = now(hours_ago)
        status, body = ralph.post(batch)
        assert status == 200, body


def report(cli, course: Path, store: Path, url: str, *extra: str):  # type: ignore[no-untyped-def]
    args = ("report", url, "--course", str(course), "--store", str(store), "--format", "json")
    result = cli(*args, "--lrs-user", USER, "--lrs-password", PASSWORD, *extra)
    assert result.exit_code == 0, result.output
    return result.stdout


def in_store_order(store: Path, by_id: dict[str, dict]) -> list[dict]:
    with sqlite3.connect(store) as db:
        ids = [row[0] for row in db.execute("SELECT statement FROM answers ORDER BY seq")]
    return [by_id[i] for i in ids]


def ralph_statements(ralph, since: str | None) -> set[str]:  # type: ignore[no-untyped-def]
    """The ids Ralph returns for `since`, page after page."""
    found: set[str] = set()
    url = f"{ralph.url}/xAPI/statements?" + urllib.parse.urlencode({"since": since})
    while url:
        request = urllib.request.Request(
            url, headers={"Authorization": ralph.auth, "X-Experience-API-Version": "1.0.3"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            body = json.loads(response.read())
        found |= {s["id"] for s in body["statements"]}
        url = urllib.parse.urljoin(url, body["more"]) if body.get("more") else ""
    return found


def report_of(index, statements) -> str:  # type: ignore[no-untyped-def]
    collector = Collector(index)
    for number, statement in enumerate(statements, 1):
        add_statement(f"record {number}", statement, collector)
    return as_json(summarise(collector, index, 5))


def test_weekly_reports_from_ralph_through_the_store(cli, ralph, tmp_path):
    course, index = make_course(tmp_path / "course", questions=6)
    statements, _ = simulate(index, 24, Model(retry=0.4), seed=9)
    by_id = {s["id"]: s for s in statements}
    first, later = statements[: len(statements) // 2], statements[len(statements) // 2 :]
    url = f"{ralph.url}/xAPI/statements?limit=25"
    store = tmp_path / "weekly.sqlite"

    post(ralph, first, hours_ago=1)
    week_one = report(cli, course, store, url)
    held = in_store_order(store, by_id)
    assert sorted(s["id"] for s in held) == sorted(s["id"] for s in first)
    assert week_one == report_of(index, held)

    gone = first[3]
    void = {"id": str(uuid.uuid4()), "actor": gone["actor"],
            "verb": {"id": "http://adlnet.gov/expapi/verbs/voided",
                     "display": {"en-US": "voided"}},
            "object": {"objectType": "StatementRef", "id": gone["id"]}}  # fmt: skip
    post(ralph, [*later, void])
    # What --since-store will ask for: Ralph answers with the new statements (and the few in
    # the margin), not the whole history.
    kept = Store(store)
    try:
        since = kept.since(lrs_source(url))
    finally:
        kept.close()
    asked = ralph_statements(ralph, since)
    assert {s["id"] for s in later} | {void["id"]} <= asked
    assert len(asked) < len(statements) * 3 // 4
    week_two = report(cli, course, store, url, "--since-store")
    held = in_store_order(store, by_id)
    standing = [s for s in statements if s["id"] != gone["id"]]
    assert sorted(s["id"] for s in held) == sorted(s["id"] for s in standing)
    assert week_two == report_of(index, held)
    assert week_two != week_one
    assert json.loads(week_two)["learners"] == 24
    # The store alone, with no LRS, gives the same report.
    alone = cli("report", "--course", str(course), "--store", str(store), "--format", "json")
    assert alone.exit_code == 0, alone.output
    assert alone.stdout == week_two
