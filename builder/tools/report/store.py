"""The report's record store (`--store FILE`): the answers read so far, kept in a SQLite file.

Each answer is kept once, by its xAPI statement id: a statement read again (an LRS page read
twice, a file given twice) is passed over, and a voiding statement takes back the statement it
names, however long ago it was read. Rows without a statement id (the CSVs) are kept as read.
Learners are kept as hashes of their ids, never the ids. Answers are replayed in the order they
were first read, so the report from the store is the report of the statements that stand.

For each LRS read, the store keeps the latest `stored` time it has seen; a run with
`--since-store` asks the LRS only for statements stored after it (less a margin, since an LRS
may show a statement a moment after it stamps it; what the margin reads again is passed over
as a duplicate). LRS pages are asked for oldest first and each page is kept as soon as it has
been read, so a read that is stopped goes on, next time, from the last page it kept.

SQLite comes with Python. The store's work is a row-at-a-time insert and one ordered read:
for a million answers DuckDB's row inserts did not finish in three minutes on the test machine
where SQLite's took under two (and 15 s of processor time), and SQLite needs no dependency.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .course_index import CourseIndex
from .records import Collector, Dimensions, ReportInputError
from .tally import columns_of

FORMAT = "dfc-course report store 1"
MARGIN = datetime.timedelta(seconds=5)  # read again before the last stored time
BATCH = 20_000  # answers kept in memory before they go to the file

SCHEMA = """
CREATE TABLE IF NOT EXISTS about (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS answers (
    seq INTEGER PRIMARY KEY,  -- the order first read: the report replays answers in it
    statement TEXT UNIQUE,  -- the xAPI statement id, lower case; NULL for a CSV row
    learner BLOB NOT NULL,  -- a hash of the learner's id, never the id
    interaction TEXT NOT NULL,
    response TEXT,
    success INTEGER,
    session INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    version TEXT,
    language TEXT
);
CREATE TABLE IF NOT EXISTS voided (statement TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS read_to (source TEXT PRIMARY KEY, stored TEXT NOT NULL);
-- The running totals of every answer up to `folded_to` (tally.py), for the course whose
-- `fingerprint` it has, with the learners' hashes in the tally's order; a later report adds
-- only the answers after it. A learner in `dirty` lost an answer to a void: their totals are
-- made again from their answers.
CREATE TABLE IF NOT EXISTS tally (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL,
    folded_to INTEGER NOT NULL,
    learners BLOB NOT NULL,
    body BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS dirty (learner BLOB PRIMARY KEY);
"""
STANDING = (
    "SELECT a.seq, a.learner, a.interaction, a.response, a.success, a.session, a.attempt, "
    "a.version, a.language FROM answers a LEFT JOIN voided v ON v.statement = a.statement "
    "WHERE v.statement IS NULL"
)


class Store:
    """One store file, open for reading and adding."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if path.exists() and not path.is_file():
            raise ReportInputError(f"{path}: the store is not a file")
        try:
            self.db = sqlite3.connect(path, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
            found = dict(self.db.execute("SELECT key, value FROM about"))
        except sqlite3.DatabaseError as exc:
            raise ReportInputError(f"{path}: not a report store ({exc})") from None
        if not found:
            salt = os.urandom(16).hex()
            self.db.executemany("INSERT INTO about VALUES (?, ?)", [("format", FORMAT), ("salt", salt)])
            found = {"format": FORMAT, "salt": salt}
        if found.get("format") != FORMAT:
            raise ReportInputError(f"{path}: not a report store of this dfc-course version")
        self.salt = bytes.fromhex(found["salt"])

    def close(self) -> None:
        self.db.close()

    def learner(self, key: str) -> bytes:
        return hashlib.blake2b(key.encode("utf-8"), digest_size=16, salt=self.salt).digest()

    def since(self, source: str) -> str | None:
        """The time to ask `source` for statements stored since, or None if never read."""
        row = self.db.execute("SELECT stored FROM read_to WHERE source = ?", (source,)).fetchone()
        if row is None:
            return None
        return (moment(row[0]) - MARGIN).isoformat().replace("+00:00", "Z")

    def keep(
        self,
        rows: list[tuple[Any, ...]],
        voids: list[str],
        read_to: tuple[str, str] | None = None,
    ) -> None:
        """Add answers and voids, and move a source's read-to time on, all or nothing."""
        db = self.db
        db.execute("BEGIN")
        try:
            db.executemany(
                "INSERT OR IGNORE INTO answers (statement, learner, interaction, response, "
                "success, session, attempt, version, language) VALUES (?,?,?,?,?,?,?,?,?)",
                rows,
            )
            if voids:
                db.executemany("INSERT OR IGNORE INTO voided VALUES (?)", [(v,) for v in voids])
                db.executemany(
                    "INSERT OR IGNORE INTO dirty SELECT learner FROM answers WHERE statement = ?",
                    [(v,) for v in voids],
                )
                db.executemany("DELETE FROM answers WHERE statement = ?", [(v,) for v in voids])
            if read_to is not None:
                source, stored = read_to
                old = db.execute("SELECT stored FROM read_to WHERE source = ?", (source,))
                before = old.fetchone()
                if before is None or moment(before[0]) < moment(stored):
                    db.execute("INSERT OR REPLACE INTO read_to VALUES (?, ?)", (source, stored))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM answers").fetchone()[0]

    def replay(self, collector: Collector) -> Collector:
        """Every answer that stands, in the order first read, into `collector`: the totals kept
        from the last report, then only the answers read since (and again the answers of a
        learner who lost one to a void). The totals are kept again for the next report."""
        index, db = collector.index, self.db
        fingerprint = course_fingerprint(index)
        kept = db.execute("SELECT fingerprint, folded_to, learners, body FROM tally").fetchone()
        folded_to = 0
        if kept is not None and kept[0] == fingerprint:
            folded_to = kept[1]
            hashes = kept[2]
            collector.tally.load(kept[3])
            for n in range(0, len(hashes), 16):
                collector.learners[hashes[n : n + 16].hex()] = n // 16
            dirty = [row[0].hex() for row in db.execute("SELECT learner FROM dirty")]
            again = [collector.learners[d] for d in dirty if d in collector.learners]
            for learner in again:
                collector.tally.forget(learner)
            collector.taken_back = bool(again)
            if again:
                self._add(collector, f"{STANDING} AND a.seq <= ? AND a.learner IN "
                          "(SELECT learner FROM dirty)", (folded_to,))  # fmt: skip
        last = self._add(collector, f"{STANDING} AND a.seq > ?", (folded_to,))
        tally = collector.finish()
        hashes = b"".join(bytes.fromhex(key) for key in collector.learners)
        db.execute("BEGIN")
        try:
            db.execute("DELETE FROM dirty")
            db.execute(
                "INSERT OR REPLACE INTO tally VALUES (1, ?, ?, ?, ?)",
                (fingerprint, max(last, folded_to), hashes, tally.dump()),
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return collector

    def _add(self, collector: Collector, query: str, params: tuple[Any, ...]) -> int:
        """The answers `query` selects, in the order first read, into `collector`; returns the
        number of the last one."""
        cursor = self.db.execute(f"{query} ORDER BY a.seq", params)
        add, where, last = collector.add, f"{self.path}: stored answer", 0
        while rows := cursor.fetchmany(BATCH):
            for seq, learner, interaction, response, success, session, attempt, v, lang in rows:
                collector.counted()
                collector.seq = last = seq
                add(f"{where} {seq}", learner.hex(), interaction, response,
                    None if success is None else bool(success), session, attempt,
                    Dimensions(v, lang))  # fmt: skip
        return last


def course_fingerprint(index: CourseIndex) -> str:
    """What the totals depend on: the course's answers, their keys, its roles and zones."""
    sa = index.self_assessment
    parts = (
        list(columns_of(index)),
        [(i.id, i.type, i.options, i.key, i.targets) for i in index.items.values()],
        index.roles,
        list(sa.zones) if sa is not None else None,
    )
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


class StoreWriter(Collector):
    """What the readers hand their answers to when there is a store: each answer is checked as
    the report would check it, then goes to the file, a batch at a time."""

    def __init__(
        self, index: CourseIndex, store: Store, progress: Callable[[int], None] | None = None
    ) -> None:
        super().__init__(index, progress=progress)
        self.store = store
        self.rows: list[tuple[Any, ...]] = []
        self.voids: list[str] = []

    def keep(self, learner_key, interaction, response, success, session, attempt, dimensions):  # type: ignore[no-untyped-def]
        """An answer that has been checked: to the file, a batch at a time."""
        said = dimensions or Dimensions()
        statement = said.statement_id.lower() if said.statement_id else None
        self.rows.append(
            (statement, self.store.learner(learner_key), interaction, response,
             None if success is None else int(success), session, attempt, said.version,
             said.language)
        )  # fmt: skip
        if len(self.rows) >= BATCH:
            self.flush()

    def voided(self, where: str, statement_id: str) -> None:
        self.voids.append(statement_id.lower())

    def page_read(self, source: str, statements: list[Any]) -> None:
        times = [s.get("stored") for s in statements if isinstance(s, dict)]
        stamped = [t for t in times if isinstance(t, str) and _valid(t)]
        latest = max(stamped, key=moment) if stamped else None
        self.flush((source, latest) if latest else None)

    def flush(self, read_to: tuple[str, str] | None = None) -> None:
        if self.rows or self.voids or read_to:
            self.store.keep(self.rows, self.voids, read_to)
        self.rows, self.voids = [], []

    def __len__(self) -> int:
        return len(self.rows)


def moment(text: str) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(datetime.UTC)


def _valid(text: str) -> bool:
    try:
        moment(text)
    except ValueError:
        return False
    return True
