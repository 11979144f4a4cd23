"""NDJSON statements, one a line, read fast: msgspec decodes each line straight into the few
fields the report reads (verb, object, actor, result, context, id) and skips the rest in C.

Every line that does not fit those typed fields exactly (a wrong type anywhere, a missing verb,
a line that is not JSON, a blank line) is read again the plain way (`json.loads`, then
statements.add_statement), so what is kept and every message are those of the plain reading,
and lines are numbered as `str.splitlines` numbers the lines of the whole file. A piece of the
file holding a line break other than "\\n" (or text that is not UTF-8) is read the plain way.
"""

# No `from __future__ import annotations` here: msgspec reads the typed fields of the classes
# made inside decoder() from their annotations, which must be real types, not strings.
import functools
import json
from pathlib import Path
from typing import Any

from .records import Collector, Dimensions, ReportInputError
from .statements import (
    ANSWERED,
    VOIDED,
    add_statement,
    attempt_of,
    extension_iri,
    question_of,
)

# What str.splitlines breaks a line at besides "\n": \r, \v, \f, \x1c-\x1e, then U+0085,
# U+2028 and U+2029 (as UTF-8). Each is looked for on its own: a plain search is fast in C.
BREAKS = (b"\r", b"\x0b", b"\x0c", b"\x1c", b"\x1d", b"\x1e")
WIDE_BREAKS = (b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")
BOM = b"\xef\xbb\xbf"


def read_ndjson(name: str, path: Path, collector: Collector, chunk: int) -> None:
    """Every line of `path`, read `chunk` bytes at a time; a line that goes on into the next
    piece is put together first."""
    reader = _Lines(name, collector)
    held: list[bytes] = []  # the start of a line that goes on in the next piece
    with path.open("rb") as handle:
        while piece := handle.read(chunk):
            start = 0
            if held:
                start = piece.find(b"\n") + 1
                if not start:
                    held.append(piece)
                    continue
                held.append(piece[:start])
                reader.lines(b"".join(held), 0, sum(map(len, held)))
                held = []
            cut = piece.rfind(b"\n") + 1
            if cut > start:
                reader.lines(piece, start, cut)
            held.append(piece[cut:])
    tail = b"".join(held)
    if tail:
        reader.lines(tail, 0, len(tail))


class _Lines:
    def __init__(self, name: str, collector: Collector) -> None:
        self.name, self.collector, self.number = name, collector, 0
        self.decode, self.invalid = decoder()

    def lines(self, data: bytes, start: int, end: int) -> None:
        """The lines of data[start:end] (the last may lack its "\n" at the end of the file)."""
        if not self.number and data.startswith(BOM, start, end):
            start += len(BOM)
        if not _plain_lines(data, start, end):
            for line in data[start:end].decode("utf-8").splitlines():
                self.number += 1
                self.plain(line)
            return
        view, decode, invalid, fast = memoryview(data), self.decode, self.invalid, self.fast
        while start < end:
            stop = data.find(b"\n", start, end)
            stop = end if stop < 0 else stop
            line, start = view[start:stop], stop + 1
            self.number += 1
            try:
                statement = decode(line)
            except invalid:
                self.plain(str(line, "utf-8"))
                continue
            if not fast(statement):
                self.plain(str(line, "utf-8"))

    def plain(self, line: str) -> None:
        """One line read as the report always has: any message comes from here."""
        if not line.strip():
            return
        where = f"{self.name}:{self.number}"
        try:
            statement = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ReportInputError(f"{where}: not a JSON statement: {exc.msg}") from None
        add_statement(where, statement, self.collector)

    def fast(self, statement: Any) -> bool:
        """A statement as typed fields; False, having done nothing, when the plain reading
        would stop at an error (so that it says which)."""
        collector, target = self.collector, statement.object
        if statement.verb.id == VOIDED:
            if target is None or target.objectType != "StatementRef" or target.id is None:
                return False
            collector.counted()
            collector.voided(f"{self.name}:{self.number}", target.id)
            return True
        if statement.verb.id != ANSWERED:
            collector.counted()
            return True
        if target is None or target.id is None:
            return False
        index = collector.index
        question = question_of(target.id, index.iri)
        if question is None:
            collector.counted()
            if index.iri:
                collector.skipped_other_course += 1
            return True
        learner = _learner(statement.actor)
        if learner is None:
            return False
        collector.counted()
        where = f"{self.name}:{self.number}"
        context, result = statement.context, statement.result
        extensions = (context.extensions if context is not None else None) or {}
        attempt_key, version_keys = _extension_keys(tuple(extensions), index.iri)
        attempt = 1 if attempt_key is None else extensions[attempt_key]
        if isinstance(attempt, bool) or not isinstance(attempt, int) or attempt < 1:
            attempt_of(where, extensions, index.iri)  # stops with the plain reading's message
        version = None
        for key in version_keys:
            value = extensions[key]
            if isinstance(value, str) and value:
                version = value
                break
        dimensions = Dimensions(
            version,
            (context.language or None) if context is not None else None,
            statement.id or None,
        )
        response, success = (None, None) if result is None else (result.response, result.success)
        collector.add(where, learner, question, response, success, 1, attempt, dimensions)
        return True


@functools.lru_cache(maxsize=4096)
def _extension_keys(keys: tuple[str, ...], iri: str | None) -> tuple[str | None, tuple[str, ...]]:
    """The keys among an extensions object's that statements.attempt_of reads (the attempt) and
    statements.course_version_of tries in turn (the course version): worked out once for each
    set of keys met, not for every statement."""
    if iri:
        attempt, version = extension_iri(iri, "attempt"), extension_iri(iri, "course-version")
        return (attempt if attempt in keys else None), ((version,) if version in keys else ())
    attempts = [key for key in keys if key.endswith("/extensions/attempt")]
    versions = tuple(key for key in keys if key.endswith("/extensions/course-version"))
    return (attempts[0] if attempts else None), versions


def _learner(actor: Any) -> str | None:
    """statements.actor_key for typed fields: None where it would stop at an error."""
    if actor is None:
        return None
    account = actor.account
    if account is not None and account.name is not None:
        return f"account:{account.homePage}|{account.name}"
    for name in ("mbox", "mbox_sha1sum", "openid"):
        value = getattr(actor, name)
        if value is not None:
            return f"{name}:{value}"
    return None


def _plain_lines(data: bytes, start: int, end: int) -> bool:
    """data[start:end] is UTF-8 text whose only line break is "\n"."""
    if any(data.find(mark, start, end) >= 0 for mark in BREAKS):
        return False
    if data[start:end].isascii():
        return True
    try:
        data[start:end].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not any(data.find(mark, start, end) >= 0 for mark in WIDE_BREAKS)


@functools.cache
def decoder() -> tuple[Any, type[Exception]]:
    """msgspec's decoder of a statement's typed fields, and the error it raises."""
    try:
        import msgspec
    except ImportError:
        raise ReportInputError(
            "dfc-course report needs msgspec: install the report extra, "
            "pip install 'dfc-course[report]'"
        ) from None
    from msgspec import Struct

    class Verb(Struct):
        id: str

    class Target(Struct):
        id: str | None = None
        objectType: str | None = None  # noqa: N815 (xAPI's own name)

    class Account(Struct):
        name: str | None = None
        homePage: str = ""  # noqa: N815

    class Actor(Struct):
        account: Account | None = None
        mbox: str | None = None
        mbox_sha1sum: str | None = None
        openid: str | None = None

    class Result(Struct):
        response: str | None = None
        success: bool | None = None

    class Context(Struct):
        language: str | None = None
        extensions: dict[str, Any] | None = None

    class Statement(Struct):
        verb: Verb
        object: Target | None = None
        actor: Actor | None = None
        result: Result | None = None
        context: Context | None = None
        id: str | None = None

    return msgspec.json.Decoder(Statement).decode, msgspec.DecodeError
