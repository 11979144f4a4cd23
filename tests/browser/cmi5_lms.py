"""A small cmi5 LMS in front of Ralph, for the browser tests.

It creates registrations, writes LMS.LaunchData, posts `launched`, serves the one-time fetch
URL, keeps State and Agent Profile documents (Ralph 5.1.0 has neither), checks every
statement against the AU rules (cmi5_rules.py) and forwards it to Ralph.

The course is served from http://127.0.0.1:<port>/content/ and the xAPI endpoint from
http://localhost:<port>/xapi/, so the AU talks to its LRS across origins, as in most LMSs.
"""

from __future__ import annotations

import datetime
import http.server
import json
import mimetypes
import threading
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cmi5_rules import VERB, RegistrationRecord, SessionRecord, check
from ralph_server import Ralph

LMS_HOME = "https://lms.example.org"


def now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="milliseconds")


@dataclass
class Launch:
    """How to launch one registration: LaunchData's settings and the learner's profile."""

    folder: str  # the unpacked package under the site root
    au_id: str
    iri: str
    mastery: float | None = None
    move_on: str = "CompletedAndPassed"
    mode: str = "Normal"
    return_url: str | None = None
    preferences: dict[str, str] | None = None
    learner: str = field(default_factory=lambda: f"learner-{uuid.uuid4().hex[:8]}")


class Cmi5Lms:
    def __init__(self, site: Path, ralph: Ralph):
        self.site = site
        self.ralph = ralph
        self.lock = threading.Lock()
        self.registrations: dict[str, RegistrationRecord] = {}
        self.launches: dict[str, Launch] = {}
        self.sessions: dict[str, tuple[RegistrationRecord, SessionRecord]] = {}
        self.tokens: dict[str, str] = {}  # auth token -> session id
        self.fetch_keys: dict[str, str] = {}  # fetch key -> session id
        self.state: dict[tuple[str, str, str, str], bytes] = {}
        self.profiles: dict[tuple[str, str], bytes] = {}
        self.received: dict[str, list[dict[str, Any]]] = {}  # registration -> in arrival order
        self.by_id: dict[str, dict[str, Any]] = {}
        self.violations: list[str] = []
        self.faults: list[Any] = []  # answers for the next statement POSTs: 401, 503, "drop"
        self.state_faults: list[int] = []  # answers for the next reads of the AU's own State
        self.requests: list[tuple[str, str]] = []
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.port = self.server.server_port
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def content(self) -> str:
        return f"http://127.0.0.1:{self.port}/content"

    @property
    def endpoint(self) -> str:
        return f"http://localhost:{self.port}/xapi/"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- the LMS side ----------------------------------------------------------------------

    def register(self, launch: Launch) -> str:
        """A new enrolment of a new learner; returns the registration id."""
        reg = RegistrationRecord(
            id=str(uuid.uuid4()),
            actor={
                "objectType": "Agent",
                "account": {"homePage": LMS_HOME, "name": launch.learner},
            },
            activity_id=f"{LMS_HOME}/activities/{uuid.uuid4()}",
            au_id=launch.au_id,
            iri=launch.iri,
        )
        self.registrations[reg.id] = reg
        self.launches[reg.id] = launch
        self.received[reg.id] = []
        if launch.preferences is not None:
            key = (json.dumps(reg.actor, sort_keys=True), "cmi5LearnerPreferences")
            self.profiles[key] = json.dumps(launch.preferences).encode()
        return reg.id

    def launch_url(self, registration: str) -> str:
        """Start a session: abandon an open one, write LaunchData, post launched."""
        reg = self.registrations[registration]
        launch = self.launches[registration]
        with self.lock:
            for old in reg.sessions:
                if not old.terminated and not old.abandoned:
                    old.abandoned = True
                    self._lms_statement(reg, old, "https://w3id.org/xapi/adl/verbs/abandoned")
            session_id = str(uuid.uuid4())
            template = {
                "contextActivities": {"grouping": [{"id": reg.au_id, "objectType": "Activity"}]},
                "extensions": {
                    "https://w3id.org/xapi/cmi5/context/extensions/sessionid": session_id
                },
            }
            data: dict[str, Any] = {
                "contextTemplate": template,
                "launchMode": launch.mode,
                "moveOn": launch.move_on,
            }
            if launch.mastery is not None:
                data["masteryScore"] = launch.mastery
            if launch.return_url:
                data["returnURL"] = launch.return_url
            session = SessionRecord(session_id, data)
            reg.sessions.append(session)
            self.sessions[session_id] = (reg, session)
            key = (reg.activity_id, json.dumps(reg.actor, sort_keys=True), reg.id, "LMS.LaunchData")
            self.state[key] = json.dumps(data).encode()
            self._lms_statement(reg, session, VERB + "launched")
            fetch_key = uuid.uuid4().hex
            self.fetch_keys[fetch_key] = session_id
        query = urllib.parse.urlencode(
            {
                "endpoint": self.endpoint,
                "fetch": f"http://localhost:{self.port}/fetch/{fetch_key}",
                "actor": json.dumps(reg.actor),
                "registration": reg.id,
                "activityId": reg.activity_id,
            }
        )
        return f"{self.content}/{launch.folder}/index.html?{query}"

    def _lms_statement(self, reg: RegistrationRecord, session: SessionRecord, verb: str) -> None:
        launch = session.launch_data
        extensions = dict(launch["contextTemplate"]["extensions"])
        extensions["https://w3id.org/xapi/cmi5/context/extensions/launchmode"] = launch[
            "launchMode"
        ]
        extensions["https://w3id.org/xapi/cmi5/context/extensions/moveon"] = launch["moveOn"]
        if "masteryScore" in launch:
            extensions["https://w3id.org/xapi/cmi5/context/extensions/masteryscore"] = launch[
                "masteryScore"
            ]
        statement: dict[str, Any] = {
            "id": str(uuid.uuid4()),
            "actor": reg.actor,
            "verb": {"id": verb, "display": {"en-US": verb.rsplit("/", 1)[-1]}},
            "object": {"id": reg.activity_id, "objectType": "Activity"},
            "context": {
                "registration": reg.id,
                "contextActivities": {
                    "grouping": launch["contextTemplate"]["contextActivities"]["grouping"],
                    "category": [{"id": "https://w3id.org/xapi/cmi5/context/categories/cmi5"}],
                },
                "extensions": extensions,
            },
            "timestamp": now(),
        }
        if verb.endswith("abandoned"):
            statement["result"] = {"duration": "PT0S"}
        status, body = self.ralph.post([statement])
        assert status == 200, body
        self.received[reg.id].append(statement)
        self.by_id[statement["id"]] = statement

    # --- what the tests read -----------------------------------------------------------------

    def sequence(self, registration: str) -> list[str]:
        """verb (or answered:<question>) of every statement of the registration, in order."""
        out = []
        for s in self.received[registration]:
            verb = s["verb"]["id"].rsplit("/", 1)[-1]
            if verb == "answered":
                verb += ":" + s["object"]["id"].rsplit("/questions/", 1)[-1]
            out.append(verb)
        return out

    def statements(self, registration: str) -> list[dict[str, Any]]:
        return list(self.received[registration])

    def state_document(self, registration: str, state_id: str) -> dict[str, Any] | None:
        reg = self.registrations[registration]
        key = (reg.activity_id, json.dumps(reg.actor, sort_keys=True), reg.id, state_id)
        raw = self.state.get(key)
        return json.loads(raw) if raw else None

    # --- HTTP --------------------------------------------------------------------------------

    def _handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        lms = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                """Quiet."""

            def _send(self, status: int, body: bytes = b"", kind: str = "application/json"):
                self.send_response(status)
                self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin") or "*")
                self.send_header(
                    "Access-Control-Allow-Headers",
                    "Authorization, Content-Type, X-Experience-API-Version",
                )
                self.send_header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS")
                self.send_header("Access-Control-Expose-Headers", "X-Experience-API-Version")
                if body:
                    self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("X-Experience-API-Version", "1.0.3")
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # a page that went away before its answer

            def _body(self) -> bytes:
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def do_OPTIONS(self) -> None:
                self._send(204)

            def do_GET(self) -> None:
                self._route("GET")

            def do_POST(self) -> None:
                self._route("POST")

            def do_PUT(self) -> None:
                self._route("PUT")

            def do_DELETE(self) -> None:
                self._route("DELETE")

            def _route(self, method: str) -> None:
                url = urllib.parse.urlsplit(self.path)
                query = dict(urllib.parse.parse_qsl(url.query))
                lms.requests.append((method, url.path))
                if url.path.startswith("/content/") and method == "GET":
                    return self._static(url.path.removeprefix("/content/"))
                if url.path == "/returned.html":
                    return self._send(
                        200,
                        b"<!doctype html><title>LMS</title><h1>Back in the LMS</h1>",
                        "text/html",
                    )
                if url.path.startswith("/fetch/") and method == "POST":
                    return self._fetch(url.path.removeprefix("/fetch/"))
                if not url.path.startswith("/xapi/"):
                    return self._send(404)
                session = self._session()
                if session is None:
                    return self._send(401, b'{"error": "not authorised"}')
                resource = url.path.removeprefix("/xapi/")
                if resource == "statements" and method in ("POST", "PUT"):
                    return self._statements(session)
                if resource == "activities/state":
                    return self._document(method, query, session, "state")
                if resource == "agents/profile":
                    return self._document(method, query, session, "profile")
                return self._send(404)

            def _static(self, rel: str) -> None:
                path = (lms.site / urllib.parse.unquote(rel)).resolve()
                if lms.site.resolve() not in path.parents or not path.is_file():
                    return self._send(404)
                kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                self._send(200, path.read_bytes(), kind)

            def _fetch(self, key: str) -> None:
                self._body()
                session_id = lms.fetch_keys.get(key)
                if session_id is None:
                    return self._send(
                        200, b'{"error-code": "2", "error-text": "unknown fetch URL"}'
                    )
                reg, session = lms.sessions[session_id]
                session.fetches += 1
                if session.fetches > 1:
                    lms.violations.append("8.2.1: the AU retrieved the auth token more than once")
                    body = {
                        "error-code": "1",
                        "error-text": "The authorization token has already been returned.",
                    }
                    return self._send(200, json.dumps(body).encode())
                token = uuid.uuid4().hex
                lms.tokens[token] = session_id
                self._send(200, json.dumps({"auth-token": token}).encode())

            def _session(self) -> tuple[RegistrationRecord, SessionRecord] | None:
                auth = self.headers.get("Authorization", "")
                if not auth.startswith("Basic "):
                    return None
                session_id = lms.tokens.get(auth.removeprefix("Basic "))
                return lms.sessions.get(session_id) if session_id else None

            def _statements(self, found: tuple[RegistrationRecord, SessionRecord]) -> None:
                body = self._body()
                with lms.lock:
                    if lms.faults:
                        fault = lms.faults.pop(0)
                        if fault == "drop":
                            self.close_connection = True
                            self.connection.shutdown(2)
                            return
                        return self._send(fault, b'{"error": "the LRS is failing on purpose"}')
                    try:
                        data = json.loads(body)
                    except ValueError:
                        return self._send(400, b'{"error": "not JSON"}')
                    batch = data if isinstance(data, list) else [data]
                    fresh = []
                    for statement in batch:
                        seen = lms.by_id.get(statement.get("id"))
                        if seen is not None:
                            if seen != statement:
                                lms.violations.append(
                                    f"xAPI: statement id {statement.get('id')} sent again with other content"
                                )
                                return self._send(409, b'{"error": "conflicting statement id"}')
                            continue
                        fresh.append(statement)
                    reg, session = found
                    for statement in fresh:
                        sid = (statement.get("context", {}).get("extensions") or {}).get(
                            "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
                        )
                        _, target = lms.sessions.get(sid, (reg, session))
                        for problem in check(statement, target, reg):
                            lms.violations.append(f"{problem} [{statement['verb']['id']}]")
                    if fresh:
                        status, answer = lms.ralph.post(fresh)
                        if status != 200:
                            lms.violations.append(f"Ralph refused statements: {status} {answer!r}")
                            return self._send(status, answer)
                    for statement in fresh:
                        lms.received[reg.id].append(statement)
                        lms.by_id[statement["id"]] = statement
                self._send(200, json.dumps([s["id"] for s in batch]).encode())

            def _document(self, method: str, query: dict[str, str], found, kind: str) -> None:
                reg, session = found
                body = self._body()
                try:
                    agent = json.loads(query.get("agent", "null"))
                except ValueError:
                    agent = None
                if agent != reg.actor:
                    lms.violations.append(
                        f"11.0/10.1: the {kind} request's agent is not the launch actor"
                    )
                    return self._send(400, b'{"error": "agent"}')
                agent_key = json.dumps(agent, sort_keys=True)
                if kind == "profile":
                    key: tuple = (agent_key, query.get("profileId", ""))
                    store = lms.profiles
                    if method == "GET" and key[1] == "cmi5LearnerPreferences":
                        session.read_preferences = True
                else:
                    if (
                        query.get("activityId") != reg.activity_id
                        or query.get("registration") != reg.id
                    ):
                        lms.violations.append(
                            "10.1: state requests use the launch activityId and registration"
                        )
                    key = (
                        query.get("activityId"),
                        agent_key,
                        query.get("registration"),
                        query.get("stateId"),
                    )
                    store = lms.state
                    if key[3] == "LMS.LaunchData":
                        if method != "GET":
                            lms.violations.append("10.2.1: the AU must not modify LMS.LaunchData")
                            return self._send(403)
                        session.read_launch_data = True
                if method == "GET" and kind == "state" and key[3] != "LMS.LaunchData":
                    if lms.state_faults:
                        return self._send(
                            lms.state_faults.pop(0), b'{"error": "failing on purpose"}'
                        )
                if method == "GET":
                    if key not in store:
                        return self._send(404)
                    return self._send(200, store[key])
                if method == "DELETE":
                    store.pop(key, None)
                    return self._send(204)
                store[key] = body
                self._send(204)

        return Handler
