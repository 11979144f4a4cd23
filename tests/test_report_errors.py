"""Every message `dfc-course report` gives for bad input, exactly: one line naming the file and
the line or record, exit code 1, no traceback; usage errors exit 2."""

from __future__ import annotations

import base64
import http.server
import json
import socket
import threading

import pytest
from report_helpers import make_course

Q = "https://learning.example.org/courses/simulated/questions"
UNKNOWN = (
    'unknown question id "zz-99": no question, scenario decision or self-assessment '
    "statement of the course has this id"
)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    folder, _ = make_course(tmp_path_factory.mktemp("errors") / "course", questions=5)
    return folder


def answered(question="m0001-q001", response="a", success=True, **changes):
    statement = {
        "actor": {"account": {"homePage": "https://lms.example.org", "name": "u1"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": f"{Q}/{question}"},
        "result": {"response": response, "success": success},
    }
    for key, value in changes.items():
        if value is None:
            statement.pop(key)
        else:
            statement[key] = value
    return statement


def line(statement):
    return json.dumps(statement)


def fails(cli, course, *args):
    result = cli("report", *args, "--course", str(course))
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr.removeprefix("error: ").rstrip("\n")


GOOD = line(answered())
STATEMENT_CASES = {
    "unknown id in an array": (
        f"[{GOOD},\n{line(answered('zz-99'))}]",
        "{p}:2: record 2: " + UNKNOWN,
    ),
    "unknown id in NDJSON": (f"{GOOD}\n\n{line(answered('zz-99'))}\n", "{p}:3: " + UNKNOWN),
    "NDJSON line that is not JSON": (
        f"{GOOD}\n{{oops\n",
        "{p}:2: not a JSON statement: Expecting property name enclosed in double quotes",
    ),
    "array cut short": (f"[{GOOD}, ", "{p}:1: record 2 is not JSON: Expecting value"),
    "array with junk": (f"[{GOOD} x]", "{p}:1: expected , or ] after record 1"),
    "empty file": ("  \n", "{p}: the file is empty: expected xAPI statements as JSON"),
    "one broken object": (
        "{oops",
        "{p}:1: not JSON: Expecting property name enclosed in double quotes",
    ),
    "not an object": ("[1]", "{p}:1: record 1: not an xAPI statement (a JSON object)"),
    "no verb": (line(answered(verb=None)), "{p}: record 1: the statement has no verb id"),
    "no object id": (
        line(answered(object={"definition": {}})),
        "{p}: record 1: the answered statement has no object id",
    ),
    "result not an object": (line(answered(result=[1])), "{p}: record 1: result is not an object"),
    "response not a string": (
        line(answered(response=["a"])),
        "{p}: record 1: result.response is not a string",
    ),
    "success not a boolean": (
        line(answered(success="yes")),
        "{p}: record 1: result.success is not true or false",
    ),
    "actor without an id": (
        line(answered(actor={"name": "Someone"})),
        "{p}: record 1: the actor has no account, mbox, mbox_sha1sum or openid to tell "
        "learners apart",
    ),
    "attempt not a number": (
        line(answered(context={"extensions": {"https://x.org/c/extensions/attempt": "2"}})),
        "{p}: record 1: the attempt extension is not a whole number >= 1",
    ),
    "unknown role": (
        line(answered("role", "boss", None)),
        '{p}: record 1: the role "boss" is not one of manager, rep, other',
    ),
    "unknown zone": (
        line(answered("self-assessment", "middle", None)),
        '{p}: record 1: unknown self-assessment zone "middle": the course has low, high',
    ),
    "voiding an activity": (
        line(answered(verb={"id": "http://adlnet.gov/expapi/verbs/voided"})),
        "{p}: record 1: the voiding statement's object is no StatementRef",
    ),
    "voiding without an id": (
        line(answered(verb={"id": "http://adlnet.gov/expapi/verbs/voided"},
                      object={"objectType": "StatementRef"})),
        "{p}: record 1: the voiding statement names no statement id",
    ),  # fmt: skip
    "no answers at all": (
        line(answered(verb={"id": "http://adlnet.gov/expapi/verbs/initialized"})),
        "{p}: no answers to questions of this course were found",
    ),
}


@pytest.mark.parametrize("case", list(STATEMENT_CASES))
def test_bad_statements(cli, course, tmp_path, case):
    text, message = STATEMENT_CASES[case]
    path = tmp_path / "statements.json"
    path.write_text(text, encoding="utf-8")
    assert fails(cli, course, str(path)) == message.format(p=path)


HEAD = "learner,attempt,interaction_id,type,response,result,timestamp\n"
ROW = "u1,1,m0001-q001,choice,a,correct,2026-11-02T10:00:00\n"
CSV_CASES = {
    "missing columns": (
        "learner,attempt,interaction_id,type,response\n",
        "{p}:1: not a Moodle Interactions report nor the neutral CSV: missing the columns "
        "result, timestamp",
    ),
    "missing one column": (
        "learner,attempt,interaction id,type,response,result\n",
        "{p}:1: not a Moodle Interactions report nor the neutral CSV: missing the column timestamp",
    ),
    "bad result": (
        HEAD + "u1,1,m0001-q001,choice,a,maybe,\n",
        '{p}:2: result "maybe" is not correct, incorrect, wrong, neutral or empty',
    ),
    "bad attempt": (
        HEAD + "u1,0,m0001-q001,choice,a,correct,\n",
        '{p}:2: attempt "0" is not a whole number from 1',
    ),
    "short row": (HEAD + "u1,1,m0001-q001,choice,a\n", "{p}:2: 5 fields where the header has 7"),
    "no learner": (HEAD + " ,1,m0001-q001,choice,a,correct,\n", "{p}:2: the learner is empty"),
    "no interaction id": (HEAD + "u1,1,,choice,a,correct,\n", "{p}:2: the interaction id is empty"),
    "unknown type": (
        HEAD + "u1,1,m0001-q001,essay,a,correct,\n",
        '{p}:2: type "essay" is not a SCORM interaction type',
    ),
    "type that does not fit": (
        HEAD + "u1,1,m0001-q001,matching,a,correct,\n",
        '{p}:2: type "matching" does not fit m0001-q001, a single question',
    ),
    "unknown id": (HEAD + ROW + "u1,1,zz-99-attempt-2,choice,a,correct,\n", "{p}:3: " + UNKNOWN),
    "empty": ("", "{p}:1: the file is empty: expected a header row"),
}

MOODLE_HEAD = "Name\tAttempt\tStarted on\tLast accessed on\tScore\tCourse"
MOODLE_CASES = {
    "no question columns": (
        MOODLE_HEAD + "\tResponse 0\n",
        '{p}:1: the Moodle Interactions report has no "Question N" columns: download it again '
        'with "Summary of question" ticked in the report options',
    ),
    "no response or result columns": (
        MOODLE_HEAD + "\tQuestion 0\n",
        '{p}:1: the Moodle Interactions report has neither "Response N" nor "Result N" '
        'columns: tick "Summary of responses" or "Summary of result" in the report options',
    ),
    "bad result": (
        MOODLE_HEAD + "\tQuestion 0\tResponse 0\tResult 0\n"
        "Ann Lee\t1\tx\tx\t80\t80\tm0001-q001\ta\tbogus\n",
        '{p}:2: Result 0: result "bogus" is not correct, incorrect, wrong, neutral or empty',
    ),
    "unknown id": (
        MOODLE_HEAD + "\tQuestion 0\tResponse 0\tQuestion 1\tResponse 1\n"
        "Ann Lee\t1\tx\tx\t80\t80\tm0001-q001\ta\tzz-99\ta\n",
        "{p}:2: Question 1: " + UNKNOWN,
    ),
    "short row": (
        MOODLE_HEAD + "\tQuestion 0\tResponse 0\nAnn Lee\t1\tx\n",
        "{p}:2: 3 fields where the header has 8",
    ),
}


@pytest.mark.parametrize("case", list(CSV_CASES))
def test_bad_neutral_csv(cli, course, tmp_path, case):
    text, message = CSV_CASES[case]
    path = tmp_path / "interactions.csv"
    path.write_text(text, encoding="utf-8")
    assert fails(cli, course, str(path)) == message.format(p=path)


@pytest.mark.parametrize("case", list(MOODLE_CASES))
def test_bad_moodle_download(cli, course, tmp_path, case):
    text, message = MOODLE_CASES[case]
    path = tmp_path / "moodle.txt"
    path.write_text(text, encoding="utf-8")
    assert fails(cli, course, str(path)) == message.format(p=path)


def test_a_missing_file(cli, course, tmp_path):
    missing = tmp_path / "nothere.json"
    assert fails(cli, course, str(missing)) == f"{missing}: no such file"


def test_a_failed_report_leaves_no_file(cli, course, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[1]", encoding="utf-8")
    out = tmp_path / "out" / "report.html"
    result = cli("report", str(bad), "--course", str(course), "--out", str(out))
    assert result.exit_code == 1
    assert not out.exists()


def test_without_numpy_the_report_says_how_to_install_it(cli, course, tmp_path, monkeypatch):
    path = tmp_path / "statements.json"
    path.write_text(GOOD, encoding="utf-8")
    monkeypatch.setitem(__import__("sys").modules, "numpy", None)
    assert fails(cli, course, str(path)) == (
        "dfc-course report needs numpy: install the report extra, pip install 'dfc-course[report]'"
    )


@pytest.mark.parametrize(
    "args, message",
    [
        ((), "give at least one INPUT, or --store"),
        (("x.json", "--since-store"), "--since-store needs --store"),
        (("x.json", "--format", "pdf"), "Invalid value for '--format'"),
        (("x.json", "--min-group", "0"), "Invalid value for '--min-group'"),
        (("x.json", "--lrs-password", "pw"), "--lrs-password needs --lrs-user"),
    ],
)
def test_usage_errors_exit_2(cli, args, message):
    result = cli("report", *args)
    assert result.exit_code == 2
    assert message in result.stderr


# --- LRS failures -------------------------------------------------------------------------


class Broken(http.server.BaseHTTPRequestHandler):
    """An LRS that answers each path as the test says."""

    answers: dict = {}
    seen: list = []

    def log_message(self, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:  # noqa: N802
        self.seen.append((self.path, self.headers.get("Authorization")))
        status, body = self.answers.get(self.path, (404, b"{}"))
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def broken():
    servers = []

    def start(answers):
        handler = type("BrokenLRS", (Broken,), {"answers": answers, "seen": []})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        start.seen = handler.seen
        return f"http://127.0.0.1:{server.server_port}/xAPI/statements"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def page(statements, more=""):
    return 200, json.dumps({"statements": statements, "more": more}).encode()


LRS_CASES = {
    "refused credentials": (
        {"/xAPI/statements": (401, b"{}")},
        "{u} page 1: the LRS answered HTTP 401 (check --lrs-user and --lrs-password)",
    ),
    "server error": ({"/xAPI/statements": (503, b"")}, "{u} page 1: the LRS answered HTTP 503"),
    "not JSON": (
        {"/xAPI/statements": (200, b"<html>")},
        "{u} page 1: the LRS answer is not JSON: Expecting value: line 1 column 1 (char 0)",
    ),
    "no statements": (
        {"/xAPI/statements": (200, b'{"more": ""}')},
        "{u} page 1: the LRS answer has no statements list",
    ),
    "a bad statement on page 2": (
        {
            "/xAPI/statements": page([answered()], "/xAPI/statements?p=2"),
            "/xAPI/statements?p=2": page([answered(), answered(verb=None)]),
        },
        "{u} page 2, record 2: the statement has no verb id",
    ),
    "more going round": (
        {
            "/xAPI/statements": page([answered()], "/xAPI/statements?p=2"),
            "/xAPI/statements?p=2": page([answered()], "/xAPI/statements?p=2"),
        },
        "{u} page 2: the more link points back to a page already read",
    ),
}


@pytest.mark.parametrize("case", list(LRS_CASES))
def test_lrs_failures(cli, course, broken, case):
    answers, message = LRS_CASES[case]
    url = broken(answers)
    auth = ("--lrs-user", "u", "--lrs-password", "p")
    assert fails(cli, course, url, *auth) == message.format(u=url)


def test_an_lrs_that_cannot_be_reached(cli, course):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/xAPI/statements"
    assert (
        fails(cli, course, url)
        == f"{url} page 1: cannot reach the LRS: [Errno 111] Connection refused"
    )


def test_the_password_is_sent_but_never_shown(cli, course, broken):
    url = broken({"/xAPI/statements?token=abc": (401, b"{}")})
    host = url.removeprefix("http://")
    message = fails(cli, course, f"http://u:hunter2@{host}?token=abc")
    assert (
        message == f"{url} page 1: the LRS answered HTTP 401 (check --lrs-user and --lrs-password)"
    )
    assert "hunter2" not in message and "abc" not in message
    sent = "Basic " + base64.b64encode(b"u:hunter2").decode()
    assert broken.seen == [("/xAPI/statements?token=abc", sent)]
