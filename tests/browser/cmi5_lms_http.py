"""The HTTP side of the browser tests' cmi5 LMS (cmi5_lms.py): the course's files, the one-time
fetch URL, and the xAPI statements, State and Agent Profile resources the AU uses."""

from __future__ import annotations

import http.server
import json
import mimetypes
import urllib.parse
import uuid
from typing import TYPE_CHECKING

from cmi5_rules import RegistrationRecord, SessionRecord, check

if TYPE_CHECKING:
    from cmi5_lms import Cmi5Lms


def make_handler(lms: Cmi5Lms) -> type[http.server.BaseHTTPRequestHandler]:
    """A request handler class serving `lms`."""

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
                return self._send(200, b'{"error-code": "2", "error-text": "unknown fetch URL"}')
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
                    return self._send(lms.state_faults.pop(0), b'{"error": "failing on purpose"}')
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
