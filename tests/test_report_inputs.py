"""`dfc-course report` reads the same answers alike from every input it accepts: a JSON array,
NDJSON, a saved statements result, an LRS statements endpoint page by page, the neutral CSV and
Moodle's Interactions report download."""

from __future__ import annotations

import base64
import csv
import http.server
import json
import threading
import urllib.parse
from pathlib import Path

import pytest
from report_helpers import IRI, Model, as_moodle, as_ndjson, as_neutral_csv, make_course, simulate

PAGE = 70
USER, PASSWORD = "trainer", "s3cret pass"


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    root = tmp_path_factory.mktemp("inputs")
    course, index = make_course(root / "course", questions=10)
    statements, _ = simulate(index, 60, Model(retry=0.5), seed=7)
    # A statement the report passes over: another verb.
    other = json.loads(json.dumps(statements[1]))
    other["verb"] = {"id": "http://adlnet.gov/expapi/verbs/initialized"}
    statements.insert(0, other)
    return {"root": root, "course": course, "index": index, "statements": statements}


def report_json(cli, data, *inputs, extra=()):
    result = cli(
        "report", *map(str, inputs), "--course", str(data["course"]), "--format", "json", *extra
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def figures(report):
    """What every input format must give alike."""
    keep = ("id", "n", "facility", "discrimination", "by_role", "attempts", "options", "flags")
    return (
        [{k: item[k] for k in keep} for item in report["items"]],
        report["objectives"],
        report["self_assessment"],
        report["learners_by_role"],
    )


@pytest.fixture(scope="module")
def reference(data, tmp_path_factory):
    from click.testing import CliRunner

    from builder.cli import main

    path = tmp_path_factory.mktemp("ref") / "statements.json"
    path.write_text(json.dumps(data["statements"], indent=2), encoding="utf-8")
    args = ["report", str(path), "--course", str(data["course"]), "--format", "json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["learners"] == 60 and len(report["items"]) == 10
    return figures(report)


def test_a_json_array_is_read(reference):
    items = reference[0]
    assert [i["n"] for i in items] == [60] * 10
    assert all(i["attempts"]["all"]["n"] > 60 for i in items)


def test_ndjson_gives_the_same_figures(cli, data, reference, tmp_path):
    path = tmp_path / "statements.ndjson"
    path.write_text(as_ndjson(data["statements"]), encoding="utf-8")
    assert figures(report_json(cli, data, path)) == reference


def test_a_saved_statements_result_gives_the_same_figures(cli, data, reference, tmp_path):
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"statements": data["statements"], "more": ""}), encoding="utf-8")
    assert figures(report_json(cli, data, path)) == reference


def test_statements_split_over_two_files_give_the_same_figures(cli, data, reference, tmp_path):
    half = len(data["statements"]) // 2
    one, two = tmp_path / "one.json", tmp_path / "two.ndjson"
    one.write_text(json.dumps(data["statements"][:half]), encoding="utf-8")
    two.write_text(as_ndjson(data["statements"][half:]), encoding="utf-8")
    assert figures(report_json(cli, data, one, two)) == reference


def test_the_neutral_csv_gives_the_same_figures(cli, data, reference, tmp_path):
    path = tmp_path / "interactions.csv"
    path.write_text(as_neutral_csv(data["statements"][1:]), encoding="utf-8")
    assert figures(report_json(cli, data, path)) == reference


@pytest.mark.parametrize("identity", [True, False], ids=["with-email", "name-only"])
def test_moodles_interactions_download_gives_the_same_figures(
    cli, data, reference, tmp_path, identity
):
    path = tmp_path / "moodle.txt"
    path.write_text(as_moodle(data["statements"][1:], identity), encoding="utf-8")
    assert figures(report_json(cli, data, path)) == reference


def test_moodle_saved_with_commas_gives_the_same_figures(cli, data, reference, tmp_path):
    """A spreadsheet may save the download again as comma-separated .csv."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(as_moodle(data["statements"][1:])), delimiter="\t"))
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path = tmp_path / "moodle.csv"
    path.write_text("\ufeff" + out.getvalue(), encoding="utf-8")  # with a byte order mark
    assert figures(report_json(cli, data, path)) == reference


def test_moodle_without_result_columns_is_scored_with_the_key(cli, data, reference, tmp_path):
    lines = as_moodle(data["statements"][1:]).splitlines()
    head = lines[0].split("\t")
    keep = [n for n, name in enumerate(head) if not name.startswith("Result ")]
    text = "\n".join("\t".join(line.split("\t")[n] for n in keep) for line in lines) + "\n"
    path = tmp_path / "moodle-responses.txt"
    path.write_text(text, encoding="utf-8")
    assert figures(report_json(cli, data, path)) == reference


# --- an LRS statements endpoint -------------------------------------------------------------


class LRS(http.server.BaseHTTPRequestHandler):
    """Statements in pages of PAGE, each with a `more` link to the next, behind basic auth."""

    statements: list = []
    requests: list = []

    def log_message(self, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:  # noqa: N802
        self.requests.append((self.path, self.headers.get("X-Experience-API-Version")))
        expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        if self.headers.get("Authorization") != expected:
            return self._send(401, {"detail": "Invalid authentication credentials"})
        if self.headers.get("X-Experience-API-Version") is None:
            return self._send(400, {"detail": "no version header"})
        page = int(self.path.partition("page=")[2] or 0)
        chunk = self.statements[page * PAGE : (page + 1) * PAGE]
        last = (page + 1) * PAGE >= len(self.statements)
        more = "" if last else f"/xAPI/statements?page={page + 1}"
        self._send(200, {"statements": chunk, "more": more})

    def _send(self, status: int, body: object) -> None:
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)


def serve(handler):  # type: ignore[no-untyped-def]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def lrs(data):
    handler = type("PagedLRS", (LRS,), {"statements": data["statements"], "requests": []})
    server = serve(handler)
    yield f"http://127.0.0.1:{server.server_port}", handler
    server.shutdown()
    server.server_close()


def test_an_lrs_endpoint_is_read_page_by_page(cli, data, reference, lrs):
    base, handler = lrs
    auth = ("--lrs-user", USER, "--lrs-password", PASSWORD)
    assert figures(report_json(cli, data, f"{base}/xAPI/", extra=auth)) == reference
    pages = -(-len(data["statements"]) // PAGE)
    assert pages >= 10
    assert [path for path, _ in handler.requests] == ["/xAPI/statements"] + [
        f"/xAPI/statements?page={n}" for n in range(1, pages)
    ]
    assert {version for _, version in handler.requests} == {"1.0.3"}


def test_lrs_credentials_may_come_from_the_environment_or_the_url(cli, data, reference, lrs):
    base, _ = lrs
    env = {"DFC_LRS_USER": USER, "DFC_LRS_PASSWORD": PASSWORD}
    args = ("report", f"{base}/xAPI/statements", "--course", str(data["course"]))
    result = cli(*args, "--format", "json", env=env)
    assert result.exit_code == 0, result.output
    assert figures(json.loads(result.stdout)) == reference
    host = base.removeprefix("http://")
    in_url = f"http://{USER}:{PASSWORD.replace(' ', '%20')}@{host}/xAPI/statements"
    assert figures(report_json(cli, data, in_url)) == reference


def test_statements_of_another_course_are_passed_over(data):
    """With the course's IRI known, only its own questions count."""
    from builder.tools.report.read_xapi import add_statement
    from builder.tools.report.records import Collector

    index = data["index"]
    index.iri = IRI
    try:
        collector = Collector(index)
        stray = json.loads(json.dumps(data["statements"][2]))
        stray["object"]["id"] = "https://elsewhere.example.org/courses/x/questions/zz-99"
        for n, statement in enumerate([stray, *data["statements"]]):
            add_statement(f"r{n}", statement, collector)
        assert collector.skipped_other_course == 1
        answers = [
            s
            for s in data["statements"]
            if s["verb"]["id"].endswith("answered")
            and not s["object"]["id"].endswith(("/role", "/self-assessment"))
        ]
        assert len(collector) == len(answers)
    finally:
        index.iri = None


def test_the_html_report_is_the_default(cli, data, tmp_path):
    path = tmp_path / "statements.json"
    path.write_text(json.dumps(data["statements"]), encoding="utf-8")
    result = cli("report", str(path), "--course", str(data["course"]))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>")
    out = tmp_path / "reports" / "report.html"
    result = cli("report", str(path), "--course", str(data["course"]), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == f"wrote {out}\n"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in out.parent.iterdir()] == ["report.html"]  # no temporary file left


def test_csv_has_one_row_per_question(cli, data, tmp_path):
    path = tmp_path / "statements.json"
    path.write_text(json.dumps(data["statements"]), encoding="utf-8")
    result = cli("report", str(path), "--course", str(data["course"]), "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "id,module,type,objectives,n,facility,point_biserial,upper_lower,first_attempts_n,"
        "first_attempts_facility,all_attempts_n,all_attempts_facility,manager_n,"
        "manager_facility,rep_n,rep_facility,other_n,other_facility,flags,prompt,options,"
        "version=1.0.0_n,version=1.0.0_facility"
    )
    assert [line.split(",")[0] for line in lines[1:]] == [f"m0001-q{n:03d}" for n in range(1, 11)]
    assert all(",fewer than 5,fewer than 5," in line for line in lines[1:])  # no "other" role
    # Each question's prompt, and each option's text beside its id, as the course has them.
    report = json.loads(cli("report", str(path), "--course", str(data["course"]),
                            "--format", "json").stdout)  # fmt: skip
    for row, item in zip(csv.DictReader(lines), report["items"], strict=True):
        assert row["prompt"] == item["prompt"] != ""
        said = [f"{o['id']}: {o['text']}" for o in item["options"] or []]
        assert row["options"] == "; ".join(said)
        assert all(o["text"] for o in item["options"] or [])


def test_the_cli_does_not_import_numpy_until_a_report_is_asked_for():
    import subprocess
    import sys

    code = "import sys, builder.cli; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_bundled_course_self_assessment_elements():
    """The bundled course names each statement's element, shown by the element's title."""
    from builder.tools.report.run import load_index

    sa = load_index(Path(__file__).resolve().parents[1]).self_assessment
    assert sa is not None
    assert sa.elements == [
        "Level of involvement",
        "Service organisation",
        "Trade union organisation",
        "Public management",
    ]


def test_the_lrs_is_sent_the_filters_it_can_apply(cli, data, reference, lrs):
    base, handler = lrs
    auth = ("--lrs-user", USER, "--lrs-password", PASSWORD)
    activity = "https://learning.example.org/courses/simulated"
    verb = "http://adlnet.gov/expapi/verbs/answered"
    filters = ("--lrs-activity", activity, "--lrs-related-activities", "--lrs-verb", verb)
    times = ("--lrs-since", "2026-11-01T00:00:00Z", "--lrs-until", "2026-11-30T00:00:00+00:00")
    got = report_json(cli, data, f"{base}/xAPI/?format=exact", extra=auth + filters + times)
    assert figures(got) == reference
    first = urllib.parse.urlsplit(handler.requests[0][0])
    assert first.path == "/xAPI/statements"
    assert urllib.parse.parse_qs(first.query) == {
        "format": ["exact"],
        "activity": [activity],
        "related_activities": ["true"],
        "verb": [verb],
        "since": ["2026-11-01T00:00:00Z"],
        "until": ["2026-11-30T00:00:00+00:00"],
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--lrs-since", "last week"), '"last week" is not an ISO 8601 time'),
        (("--lrs-related-activities",), "--lrs-related-activities needs --lrs-activity"),
    ],
)
def test_bad_lrs_filters_are_usage_errors(cli, data, args, message):
    result = cli("report", "http://127.0.0.1:9/xAPI", "--course", str(data["course"]), *args)
    assert result.exit_code == 2
    assert message in result.stderr
