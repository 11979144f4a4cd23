"""The test LMS's server: serves the site, stores every commit, and keeps the LMS's call log.

One attempt (an `sid`) may span several launches, as a trainee leaves and comes back.
scorm-again posts each commit to /commit/<sid>/<launch> (its `lmsCommitUrl`); the latest by
launch and commit sequence is what the LMS has durably stored. tests/browser/lms.js posts its
record of every API call and error to /log/<sid>/<launch>. Tests read both after the page is
gone.

Per session, a test can make the server fail the next commits (HTTP 500) or answer each
commit after a random delay (out of order, as a busy server would), or take a fixed time over
every request it stores (a slow server).

An LMS that stores each value by a request of its own (lms.js's `persist` profiles) posts
them to /values/<sid>/<launch>; the server applies each request's values when it finishes, so
of two requests for one element the one that finishes last wins, as in such LMSs.
"""

from __future__ import annotations

import functools
import http.server
import json
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Session:
    commits: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (launch, body)
    log: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (launch, entry)
    launches: int = 0
    pings: int = 0
    terminated: set[int] = field(default_factory=set)  # launches whose Terminate commit came
    fail_commits: int = 0
    delay: float = 0.0
    slow: float = 0.0  # seconds every stored request takes
    values: dict[str, str] = field(default_factory=dict)  # element -> value, per-value LMSs
    requests: dict[int, set[int]] = field(default_factory=dict)  # launch -> requests finished
    value_requests: int = 0
    rng: random.Random = field(default_factory=lambda: random.Random(1))


class LmsServer:
    def __init__(self, root: str) -> None:
        self.sessions: dict[str, Session] = {}
        self.lock = threading.Lock()
        handler = functools.partial(_Handler, self, directory=root)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> LmsServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def session(self, sid: str) -> Session:
        with self.lock:
            return self.sessions.setdefault(sid, Session())

    # --- what tests read ------------------------------------------------------------------

    def new_launch(self, sid: str) -> int:
        session = self.session(sid)
        with self.lock:
            session.launches += 1
            return session.launches

    def stored(self, sid: str) -> dict[str, Any]:
        """The CMI data of the latest commit (by launch, then scorm-again's commit sequence)."""
        commits = self.session(sid).commits
        if not commits:
            return {}
        _launch, latest = max(commits, key=lambda c: (c[0], c[1].get("commitSequence", 0)))
        return json.loads(json.dumps(latest.get("cmi", {})))

    def entries(self, sid: str, launch: int | None = None) -> list[dict[str, Any]]:
        log = [(n, e) for n, e in self.session(sid).log if launch is None or n == launch]
        return [e for _n, e in sorted(log, key=lambda item: (item[0], item[1]["seq"]))]

    def calls(
        self, sid: str, name: str | None = None, launch: int | None = None
    ) -> list[dict[str, Any]]:
        return [
            e
            for e in self.entries(sid, launch)
            if e["kind"] == "call" and (name is None or e["name"] == name)
        ]

    def errors(self, sid: str, launch: int | None = None) -> list[str]:
        """Every error the LMS logged, and every failed call's error code."""
        log = self.entries(sid, launch)
        found = [e["message"] for e in log if e["kind"] == "error"]
        found += [
            f"{e['name']}({e['key']}) -> {e['code']}" for e in log if e.get("code", "0") != "0"
        ]
        return found

    def log_gaps(self, sid: str, launch: int) -> list[int]:
        """Numbers missing from a launch's call log (it numbers its entries from 1): entries the
        test LMS's own logging lost, which say nothing about the package."""
        held = {e["seq"] for e in self.entries(sid, launch)}
        return sorted(set(range(1, max(held, default=0) + 1)) - held)

    def stored_values(self, sid: str) -> dict[str, str]:
        """What a per-value LMS's server holds: element -> value."""
        session = self.session(sid)
        with self.lock:
            return dict(session.values)

    def requests_sent(self, sid: str, launch: int) -> set[int]:
        """The numbers of the value requests the LMS page logged for a launch."""
        return {e["n"] for e in self.entries(sid, launch) if e["kind"] == "request"}

    def requests_done(self, sid: str, launch: int) -> set[int]:
        session = self.session(sid)
        with self.lock:
            return set(session.requests.get(launch, set()))

    def wait(self, sid: str, until: Any, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if until(self.session(sid)):
                return True
            time.sleep(0.02)
        return False

    # --- what the page sends --------------------------------------------------------------

    def commit(
        self, sid: str, launch: int, body: dict[str, Any], terminate: bool
    ) -> tuple[int, dict[str, Any]]:
        session = self.session(sid)
        if session.delay:
            time.sleep(session.rng.uniform(0, session.delay))
        time.sleep(session.slow)
        with self.lock:
            if session.fail_commits > 0:
                session.fail_commits -= 1
                return 500, {"result": False, "errorCode": 101}
            session.commits.append((launch, body))
            if terminate:
                session.terminated.add(launch)
        return 200, {"result": True, "errorCode": 0}

    def store_values(self, sid: str, launch: int, body: dict[str, Any]) -> None:
        """One request of a per-value LMS: its values land when it finishes."""
        session = self.session(sid)
        with self.lock:
            pause = session.rng.uniform(0, session.delay) if session.delay else 0.0
            session.value_requests += 1
        time.sleep(pause + session.slow)
        with self.lock:
            for key, value in body.get("values", []):
                session.values[key] = value
            session.requests.setdefault(launch, set()).add(int(body.get("n", 0)))

    def add_log(self, sid: str, launch: int, entries: list[dict[str, Any]]) -> None:
        session = self.session(sid)
        with self.lock:  # a batch sent again as the page went is kept once
            held = {e["seq"] for n, e in session.log if n == launch}
            session.log.extend((launch, e) for e in entries if e["seq"] not in held)


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, server_state: LmsServer, *args: Any, **kwargs: Any) -> None:
        self.state = server_state
        super().__init__(*args, **kwargs)

    def log_message(self, *args: object) -> None:
        """Keep the test output quiet."""

    def do_POST(self) -> None:  # noqa: N802 (the http.server naming)
        path, _, query = self.path.partition("?")
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        parts = path.strip("/").split("/")
        if len(parts) != 3 or not parts[2].isdigit():
            self.send_error(404)
            return
        kind, sid, launch = parts[0], parts[1], int(parts[2])
        if kind == "commit":
            body = json.loads(raw or b"{}")
            status, reply = self.state.commit(sid, launch, body, "terminate" in query)
            self._json(status, reply)
        elif kind == "values":
            self.state.store_values(sid, launch, json.loads(raw or b"{}"))
            self._json(200, {})
        elif kind == "log":
            self.state.add_log(sid, launch, json.loads(raw or b"[]"))
            self._json(200, {})
        elif kind == "ping":
            self.state.session(sid).pings += 1
            self._json(200, {})
        else:
            self.send_error(404)

    def _json(self, status: int, reply: dict[str, Any]) -> None:
        data = json.dumps(reply).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
