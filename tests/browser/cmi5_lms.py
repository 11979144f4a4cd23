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
import threading
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cmi5_lms_http import make_handler
from cmi5_rules import VERB, RegistrationRecord, SessionRecord
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
        return make_handler(self)
