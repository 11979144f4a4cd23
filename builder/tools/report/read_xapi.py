"""xAPI statements as the cmi5 package sends them (docs/cmi5-statements.md): from a JSON array,
an NDJSON file, a saved statements result, or an LRS statements endpoint, following `more`."""

from __future__ import annotations

import base64
import functools
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .course_index import CourseIndex
from .records import Collector, Dimensions, ReportInputError

ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
VOIDED = "http://adlnet.gov/expapi/verbs/voided"
XAPI_VERSION = "1.0.3"
TIMEOUT_S = 60


CHUNK = 1 << 20  # characters read at a time: memory holds a piece of the file, not all of it


def read_statement_file(path: Path, collector: Collector) -> None:
    for where, statement in _records(path):
        add_statement(where, statement, collector)


class _Pieces:
    """A text file read a piece at a time; `pos` is where reading has got to in `text` and
    `line` the line it is on, so that messages name lines of the whole file."""

    def __init__(self, handle: Any) -> None:
        self.handle, self.text, self.pos, self.line = handle, "", 0, 1

    def more(self) -> bool:
        piece = self.handle.read(CHUNK)
        if not piece:
            return False
        self.text = self.text[self.pos :] + piece
        self.pos = 0
        return True

    def move(self, end: int) -> None:
        self.line += self.text.count("\n", self.pos, end)
        self.pos = end

    def skip_space(self) -> bool:
        """Past spaces and line ends; False at the end of the file."""
        while True:
            self.move(_skip_space(self.text, self.pos))
            if self.pos < len(self.text):
                return True
            if not self.more():
                return False

    def next_is(self, char: str) -> bool:
        return self.skip_space() and self.text[self.pos] == char

    def decode(self, decoder: json.JSONDecoder) -> Any:
        """The next JSON value; a failure's line is the file's (as `exc.lineno`)."""
        while True:
            try:
                value, end = decoder.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as exc:
                if self.more():
                    continue
                exc.lineno = self.line + self.text.count("\n", self.pos, exc.pos)
                raise
            if end == len(self.text) and not isinstance(value, dict | list) and self.more():
                continue  # a number or word may go on in the next piece
            self.move(end)
            return value


def _records(path: Path) -> Iterator[tuple[str, Any]]:
    """(where, statement) for a JSON array, a single object or NDJSON, one record at a time."""
    name, decoder = str(path), json.JSONDecoder()
    with path.open(encoding="utf-8-sig") as handle:
        pieces = _Pieces(handle)
        if not pieces.skip_space():
            raise ReportInputError(f"{name}: the file is empty: expected xAPI statements as JSON")
        if pieces.text[pieces.pos] == "[":
            pieces.move(pieces.pos + 1)
            yield from _array(name, pieces, decoder)
            return
        try:
            first = pieces.decode(decoder)
        except json.JSONDecodeError as exc:
            raise ReportInputError(f"{name}:{exc.lineno}: not JSON: {exc.msg}") from None
        if not pieces.skip_space():  # one object: a statements result or one statement
            if isinstance(first, dict) and isinstance(first.get("statements"), list):
                for number, statement in enumerate(first["statements"], 1):
                    yield f"{name}: record {number}", statement
            else:
                yield f"{name}: record 1", first
            return
    del first
    with path.open(encoding="utf-8-sig") as handle:
        yield from _ndjson(name, handle)


def _ndjson(name: str, handle: Any) -> Iterator[tuple[str, Any]]:
    """One statement a line, numbered as `str.splitlines` numbers the lines of the whole file."""
    number = 0
    for read in handle:
        for line in read.splitlines():
            number += 1
            if not line.strip():
                continue
            try:
                statement = json.loads(line)
            except json.JSONDecodeError as exc:
                message = f"{name}:{number}: not a JSON statement: {exc.msg}"
                raise ReportInputError(message) from None
            yield f"{name}:{number}", statement


def _array(name: str, pieces: _Pieces, decoder: json.JSONDecoder) -> Iterator[tuple[str, Any]]:
    number = 0
    if pieces.next_is("]"):
        return
    while True:
        number += 1
        pieces.skip_space()
        line = pieces.line
        try:
            statement = pieces.decode(decoder)
        except json.JSONDecodeError as exc:
            raise ReportInputError(
                f"{name}:{exc.lineno}: record {number} is not JSON: {exc.msg}"
            ) from None
        yield f"{name}:{line}: record {number}", statement
        if pieces.next_is(","):
            pieces.move(pieces.pos + 1)
            continue
        line = pieces.line
        if pieces.next_is("]"):
            line = pieces.line
            pieces.move(pieces.pos + 1)
            if not pieces.skip_space():
                return
        raise ReportInputError(f"{name}:{line}: expected , or ] after record {number}")


def _skip_space(text: str, pos: int, _space: re.Pattern[str] = re.compile(r"[ \t\r\n]*")) -> int:
    return _space.match(text, pos).end()  # type: ignore[union-attr]


def add_statement(where: str, statement: Any, collector: Collector) -> None:
    """One statement: an `answered` statement for a question of this course becomes an answer;
    a `voided` statement takes back the statement it names; every other statement (initialized,
    passed, another course's) is passed over."""
    if not isinstance(statement, dict):
        raise ReportInputError(f"{where}: not an xAPI statement (a JSON object)")
    collector.counted()
    verb, target = statement.get("verb"), statement.get("object")
    if not isinstance(verb, dict) or not isinstance(verb.get("id"), str):
        raise ReportInputError(f"{where}: the statement has no verb id")
    if verb["id"] == VOIDED:
        if not isinstance(target, dict) or target.get("objectType") != "StatementRef":
            raise ReportInputError(f"{where}: the voiding statement's object is no StatementRef")
        if not isinstance(target.get("id"), str):
            raise ReportInputError(f"{where}: the voiding statement names no statement id")
        collector.voided(where, target["id"])
        return
    if verb["id"] != ANSWERED:
        return
    if not isinstance(target, dict) or not isinstance(target.get("id"), str):
        raise ReportInputError(f"{where}: the answered statement has no object id")
    question = _question_id(target["id"], collector)
    if question is None:
        return
    result = statement.get("result") or {}
    if not isinstance(result, dict):
        raise ReportInputError(f"{where}: result is not an object")
    response, success = result.get("response"), result.get("success")
    if response is not None and not isinstance(response, str):
        raise ReportInputError(f"{where}: result.response is not a string")
    if success is not None and not isinstance(success, bool):
        raise ReportInputError(f"{where}: result.success is not true or false")
    learner = actor_key(where, statement.get("actor"))
    context = statement.get("context")
    context = context if isinstance(context, dict) else {}
    extensions = context.get("extensions")
    extensions = extensions if isinstance(extensions, dict) else {}
    attempt = _attempt(where, extensions, collector.index.iri)
    dimensions = Dimensions(
        _course_version(extensions, collector.index),
        _text(context.get("language")),
        _text(statement.get("id")),
    )
    collector.add(where, learner, question, response, success, 1, attempt, dimensions)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _course_version(extensions: dict[str, Any], index: CourseIndex) -> str | None:
    """`<iri>/extensions/course-version`, which release packages send."""
    wanted = _extension(index.iri, "course-version")
    if wanted is not None:  # one key can be it: looked up, not searched for
        value = extensions.get(wanted)
        return value if isinstance(value, str) and value else None
    for key, value in extensions.items():
        if key.endswith("/extensions/course-version"):
            if isinstance(value, str) and value:
                return value
    return None


def _question_id(object_id: str, collector: Collector) -> str | None:
    iri = collector.index.iri
    if iri:
        prefix = iri.rstrip("/") + "/questions/"
        if not object_id.startswith(prefix):
            collector.skipped_other_course += 1
            return None
        return object_id[len(prefix) :]
    head, sep, tail = object_id.rpartition("/questions/")
    return tail if sep and head else None


def actor_key(where: str, actor: Any) -> str:
    """The learner as launched: account, mbox, mbox_sha1sum or openid. Never written out."""
    if isinstance(actor, dict):
        account = actor.get("account")
        if isinstance(account, dict) and account.get("name") is not None:
            return f"account:{account.get('homePage', '')}|{account['name']}"
        for name in ("mbox", "mbox_sha1sum", "openid"):
            if isinstance(actor.get(name), str):
                return f"{name}:{actor[name]}"
    raise ReportInputError(
        f"{where}: the actor has no account, mbox, mbox_sha1sum or openid to tell learners apart"
    )


def _attempt(where: str, extensions: dict[str, Any], iri: str | None) -> int:
    wanted = _extension(iri, "attempt")
    if wanted is not None:
        found = [(wanted, extensions[wanted])] if wanted in extensions else []
    else:
        found = [(k, v) for k, v in extensions.items() if k.endswith("/extensions/attempt")][:1]
    for _key, value in found:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ReportInputError(f"{where}: the attempt extension is not a whole number >= 1")
        return value
    return 1


@functools.cache
def _extension(iri: str | None, name: str) -> str | None:
    """The course's extension IRI `name` (attempt, course-version), or None without an iri."""
    return f"{iri.rstrip('/')}/extensions/{name}" if iri else None


# --- an LRS statements endpoint --------------------------------------------------------------


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def statements_url(endpoint: str) -> tuple[str, str | None]:
    """The statements resource for `endpoint`, and credentials given in it as user:password@."""
    parts = urllib.parse.urlsplit(endpoint)
    auth = None
    if parts.username is not None:
        auth = (
            f"{urllib.parse.unquote(parts.username)}:{urllib.parse.unquote(parts.password or '')}"
        )
        host = parts.hostname or ""
        netloc = host + (f":{parts.port}" if parts.port else "")
        parts = parts._replace(netloc=netloc)
    path = (
        parts.path
        if parts.path.rstrip("/").endswith("/statements")
        else (parts.path.rstrip("/") + "/statements")
    )
    return urllib.parse.urlunsplit(parts._replace(path=path)), auth


def lrs_source(endpoint: str) -> str:
    """What the store calls an LRS by: its statements URL, with no query and no credentials."""
    return _shown(statements_url(endpoint)[0])


def read_lrs(
    endpoint: str,
    collector: Collector,
    auth: str | None = None,
    filters: dict[str, str] | None = None,
) -> int:
    """Every statement the endpoint returns, page after page; returns the number of pages.
    `filters` (xAPI `activity`, `related_activities`, `verb`, `since`, `until`) go in the first
    request's query, so that the LRS does the filtering; its `more` links carry them on."""
    url, in_url = statements_url(endpoint)
    source = lrs_source(endpoint)
    if filters:
        parts = urllib.parse.urlsplit(url)
        query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        query += sorted(filters.items())
        url = urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))
    auth = auth or in_url
    seen: set[str] = set()
    page = 0
    while url:
        page += 1
        seen.add(url)
        body = _get(url, auth, page)
        where = f"{_shown(url)} page {page}"
        if not isinstance(body, dict) or not isinstance(body.get("statements"), list):
            raise ReportInputError(f"{where}: the LRS answer has no statements list")
        for number, statement in enumerate(body["statements"], 1):
            add_statement(f"{where}, record {number}", statement, collector)
        collector.page_read(source, body["statements"])
        more = body.get("more") or ""
        if not isinstance(more, str):
            raise ReportInputError(f"{where}: the more link is not a string")
        url = urllib.parse.urljoin(url, more) if more else ""
        if url in seen:
            raise ReportInputError(f"{where}: the more link points back to a page already read")
    return page


def _get(url: str, auth: str | None, page: int) -> Any:
    headers = {"X-Experience-API-Version": XAPI_VERSION, "Accept": "application/json"}
    if auth:
        headers["Authorization"] = "Basic " + base64.b64encode(auth.encode()).decode("ascii")
    request = urllib.request.Request(url, headers=headers)
    shown = f"{_shown(url)} page {page}"
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as answer:  # noqa: S310
            raw = answer.read()
    except urllib.error.HTTPError as exc:
        hint = " (check --lrs-user and --lrs-password)" if exc.code in (401, 403) else ""
        raise ReportInputError(f"{shown}: the LRS answered HTTP {exc.code}{hint}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ReportInputError(f"{shown}: cannot reach the LRS: {reason}") from None
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReportInputError(f"{shown}: the LRS answer is not JSON: {exc}") from None


def _shown(url: str) -> str:
    """A URL for messages: no query string (it may hold a token), never credentials."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(query="", fragment=""))
