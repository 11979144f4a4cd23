"""The preview's cmi5 side: a launch, an auth token, LMS.LaunchData and an in-memory LRS.

Just enough of an LMS and a Learning Record Store for `dfc-course preview --cmi5` to run the
course's cmi5 adapter and list every statement it sends. Nothing leaves this computer.
"""

from __future__ import annotations

import json
import threading
import uuid
from typing import Any
from urllib.parse import parse_qsl, urlencode

ACTOR = {
    "objectType": "Agent",
    "account": {"homePage": "http://127.0.0.1/preview", "name": "preview-trainee"},
    "name": "Preview trainee",
}
SESSION_EXT = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"


class PreviewLrs:
    """One trainee's registration; every launch is a new session of it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.registration = str(uuid.uuid4())
            self.activity_id = f"http://127.0.0.1/preview/activities/{uuid.uuid4()}"
            self.statements: list[dict[str, Any]] = []
            self.documents: dict[tuple[str, str], bytes] = {}
            self.tokens: set[str] = set()
            self.fetch_keys: set[str] = set()

    def launch_url(
        self, origin: str, au_id: str, mastery: float | None, page: str = "/course/index.html"
    ) -> str:
        """A new session: LaunchData written, `launched` recorded, a one-time fetch URL."""
        with self.lock:
            session = str(uuid.uuid4())
            data: dict[str, Any] = {
                "contextTemplate": {
                    "contextActivities": {"grouping": [{"id": au_id, "objectType": "Activity"}]},
                    "extensions": {SESSION_EXT: session},
                },
                "launchMode": "Normal",
                "moveOn": "CompletedAndPassed" if mastery is not None else "Completed",
            }
            if mastery is not None:
                data["masteryScore"] = mastery
            self.documents[("state", "LMS.LaunchData")] = json.dumps(data).encode()
            key = uuid.uuid4().hex
            self.fetch_keys.add(key)
        query = {
            "endpoint": f"{origin}/__dfc/xapi/",
            "fetch": f"{origin}/__dfc/fetch/{key}",
            "actor": json.dumps(ACTOR),
            "registration": self.registration,
            "activityId": self.activity_id,
        }
        return f"{page}?{urlencode(query)}"

    def fetch(self, key: str) -> dict[str, str]:
        with self.lock:
            if key not in self.fetch_keys:
                return {"error-code": "1", "error-text": "This launch has already been used."}
            self.fetch_keys.discard(key)
            token = uuid.uuid4().hex
            self.tokens.add(token)
            return {"auth-token": token}

    def handle(self, method: str, resource: str, query: str, auth: str, body: bytes):
        """An xAPI request: (status, JSON body or None)."""
        with self.lock:
            if auth.removeprefix("Basic ") not in self.tokens:
                return 401, {"error": "not authorised"}
            params = dict(parse_qsl(query))
            if resource == "statements" and method in ("POST", "PUT"):
                batch = json.loads(body or b"[]")
                batch = batch if isinstance(batch, list) else [batch]
                known = {s.get("id") for s in self.statements}
                self.statements += [s for s in batch if s.get("id") not in known]
                return 200, [s.get("id") for s in batch]
            if resource in ("activities/state", "agents/profile"):
                kind = "state" if resource == "activities/state" else "profile"
                key = (kind, params.get("stateId") or params.get("profileId") or "")
                if method == "GET":
                    raw = self.documents.get(key)
                    return (200, json.loads(raw)) if raw else (404, None)
                if key == ("state", "LMS.LaunchData"):
                    return 403, {"error": "LMS.LaunchData is the LMS's"}
                self.documents[key] = body
                return 204, None
            return 404, None

    def summary(self) -> dict[str, Any]:
        """What the panel shows: the statements in the order they came, and the State."""
        with self.lock:
            state = {
                k[1]: json.loads(v) for k, v in self.documents.items() if k[0] == "state" and v
            }
            return {
                "registration": self.registration,
                "statements": self.statements,
                "state": state,
            }
