"""xAPI statements as the cmi5 package sends them (docs/cmi5-statements.md): from a JSON array,
an NDJSON file, a saved statements result, or an LRS statements endpoint, following `more`."""

from __future__ import annotations

import base64
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .records import Collector, ReportInputError
from .statements import actor_key, add_statement

__all__ = ["CHUNK", "actor_key", "add_statement", "is_url", "lrs_source", "read_lrs",
           "read_statement_file", "statements_url"]  # fmt: skip

XAPI_VERSION = "1.0.3"
TIMEOUT_S = 60


CHUNK = 1 << 20  # characters read at a time: memory holds a piece of the file, not all of it


def read_statement_file(path: Path, collector: Collector) -> None:
    def rest_as_ndjson() -> None:
        from .read_ndjson import read_ndjson

        read_ndjson(str(path), path, collector, CHUNK)

    for where, statement in _records(path, rest_as_ndjson):
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


def _records(path: Path, as_ndjson: Callable[[], None]) -> Iterator[tuple[str, Any]]:
    """(where, statement) for a JSON array or a single object, one record at a time; NDJSON
    (more than one value at the top level) is read by `as_ndjson`, from the start."""
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
    as_ndjson()


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
