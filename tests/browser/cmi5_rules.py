"""The cmi5 AU rules (sections 7-11) and our statement profile, checked one statement at a time.

`check(statement, session, registration)` returns the rules the statement breaks, each
message starting with the section of the specification (or docs/cmi5-statements.md) it
comes from. It also records what the session and registration have seen so far.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

VERB = "http://adlnet.gov/expapi/verbs/"
CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon"
SESSION_EXT = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
MASTERY_EXT = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
AU_VERBS = {"initialized", "completed", "passed", "failed", "terminated"}
NEEDS_DURATION = {"terminated", "completed", "passed", "failed"}
INTERACTION_TYPES = {"true-false", "choice", "matching", "sequencing", "likert", "other"}
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|\+00:00)$")
DURATION = re.compile(r"^PT(\d+H)?(\d+M)?(\d+(\.\d+)?S)?$")


@dataclass
class SessionRecord:
    """One launch: what the LMS wrote and what the AU has done in it so far."""

    id: str
    launch_data: dict[str, Any]
    fetches: int = 0
    read_launch_data: bool = False
    read_preferences: bool = False
    statements: list[dict[str, Any]] = field(default_factory=list)
    defined_verbs: list[str] = field(default_factory=list)
    terminated: bool = False
    abandoned: bool = False


@dataclass
class RegistrationRecord:
    """One learner's enrolment in the AU."""

    id: str
    actor: dict[str, Any]
    activity_id: str
    au_id: str
    iri: str
    sessions: list[SessionRecord] = field(default_factory=list)
    verbs: list[str] = field(default_factory=list)  # cmi5 defined verbs by the AU, all sessions


def short_verb(statement: dict[str, Any]) -> str:
    verb = str(statement.get("verb", {}).get("id", ""))
    return verb.rsplit("/", 1)[-1]


def is_defined(statement: dict[str, Any]) -> bool:
    category = statement.get("context", {}).get("contextActivities", {}).get("category", [])
    return any(a.get("id") == CATEGORY for a in category)


def check(statement: dict[str, Any], session: SessionRecord, reg: RegistrationRecord) -> list[str]:
    """Every rule `statement` breaks; then note it in `session` and `reg`."""
    problems: list[str] = []
    add = problems.append
    verb = short_verb(statement)
    defined = is_defined(statement)
    template = session.launch_data["contextTemplate"]
    context = statement.get("context") or {}
    result = statement.get("result") or {}
    mode = session.launch_data.get("launchMode", "Normal")

    if not UUID.match(str(statement.get("id", ""))):
        add("9.1: the statement id must be a UUID")
    if statement.get("actor") != reg.actor:
        add("8.1.3/9.2: the actor must be exactly the launch actor")
    if not UTC.match(str(statement.get("timestamp", ""))):
        add("9.7: a UTC timestamp is required")
    if context.get("registration") != reg.id:
        add("9.6.1: context.registration must be the launch registration")
    extensions = context.get("extensions") or {}
    for key, value in (template.get("extensions") or {}).items():
        if extensions.get(key) != value:
            add(f"10.2.1: the context template's extension {key} is missing or changed")
    for kind, activities in (template.get("contextActivities") or {}).items():
        have = context.get("contextActivities", {}).get(kind, [])
        for activity in activities:
            if activity not in have:
                add(f"9.6.2/10.2.1: contextActivities.{kind} lacks {activity.get('id')}")
    if not session.read_launch_data:
        add("10.2.1: the AU sent a statement before reading LMS.LaunchData")
    if not session.read_preferences:
        add("11.0: the AU sent a statement before reading cmi5LearnerPreferences")
    if session.terminated:
        add("9.3.8: no statement may follow terminated in a session")
    if session.abandoned:
        add("9.3.6: the session was abandoned; it takes no more statements")
    if not session.statements and verb != "initialized":
        add("9.3.2/7.1.1: initialized must be the session's first statement")
    category = context.get("contextActivities", {}).get("category", [])
    has_moveon = any(a.get("id") == MOVEON for a in category)
    if defined:
        problems += _check_defined(statement, verb, session, reg, result, has_moveon)
    else:
        if mode != "Normal":
            add(f"10.2.2: in {mode} mode the AU sends only initialized and terminated")
        if has_moveon:
            add("9.6.2.2: only cmi5 defined statements may carry the moveon category")
        if verb == "initialized" or verb == "terminated":
            add(f"7.1.3: {verb} must be a cmi5 defined statement")
        problems += _check_answer(statement, reg)
    session.statements.append(statement)
    if defined:
        session.defined_verbs.append(verb)
        reg.verbs.append(verb)
    if verb == "terminated" and defined:
        session.terminated = True
    return problems


def _check_defined(
    statement: dict[str, Any],
    verb: str,
    session: SessionRecord,
    reg: RegistrationRecord,
    result: dict[str, Any],
    has_moveon: bool,
) -> list[str]:
    problems: list[str] = []
    add = problems.append
    launch = session.launch_data
    mode = launch.get("launchMode", "Normal")
    if verb not in AU_VERBS:
        add(f"9.3: {verb} is not a verb an AU may use in a cmi5 defined statement")
    if statement.get("object", {}).get("id") != reg.activity_id:
        add("9.4/8.1.5: the object of a cmi5 defined statement must be the launch activityId")
    if verb in session.defined_verbs:
        add(f"9.3: {verb} is sent twice in one session")
    if verb in ("passed", "failed") and {"passed", "failed"} & set(session.defined_verbs):
        add("9.3: only one of passed and failed in a session")
    if verb in ("completed", "passed") and verb in reg.verbs:
        add(f"9.3.3/9.3.4: a second {verb} in the registration")
    if verb == "failed" and "passed" in reg.verbs:
        add("9.3: failed must not follow passed in a registration")
    if mode != "Normal" and verb not in ("initialized", "terminated"):
        add(f"10.2.2: in {mode} mode the AU sends only initialized and terminated")
    if "score" in result:
        if verb not in ("passed", "failed"):
            add("9.5.1: only passed and failed may carry a score")
        score = result["score"]
        if "raw" in score and not ("min" in score and "max" in score):
            add("9.5.1: a raw score needs min and max")
        mastery = launch.get("masteryScore")
        scaled = score.get("scaled")
        if mastery is not None and scaled is not None:
            if verb == "passed" and scaled < mastery:
                add("9.3.4: passed with a scaled score below masteryScore")
            if verb == "failed" and scaled >= mastery:
                add("9.3.5: failed with a scaled score at or above masteryScore")
    want_success = {"passed": True, "failed": False}.get(verb)
    if result.get("success") != want_success:
        add(f"9.5.2: success must be {want_success} on {verb}")
    want_completion = True if verb == "completed" else None
    if result.get("completion") != want_completion:
        add(f"9.5.3: completion must be {want_completion} on {verb}")
    if verb in NEEDS_DURATION and not DURATION.match(str(result.get("duration", ""))):
        add(f"9.5.4.1: {verb} needs an ISO 8601 duration")
    needs_moveon = "success" in result or "completion" in result
    if needs_moveon != has_moveon:
        add("9.6.2.2: the moveon category goes exactly on statements with success or completion")
    extensions = statement.get("context", {}).get("extensions") or {}
    if verb in ("passed", "failed") and launch.get("masteryScore") is not None:
        if extensions.get(MASTERY_EXT) != launch["masteryScore"]:
            add("9.6.3.2: passed and failed must carry the LaunchData masteryScore")
    return problems


def _check_answer(statement: dict[str, Any], reg: RegistrationRecord) -> list[str]:
    """docs/cmi5-statements.md (the profile the results report reads)."""
    problems: list[str] = []
    add = problems.append
    if short_verb(statement) != "answered" or statement["verb"]["id"] != VERB + "answered":
        add("profile: an allowed statement must use the answered verb")
        return problems
    obj = statement.get("object", {})
    if not str(obj.get("id", "")).startswith(reg.iri + "/questions/"):
        add("profile: the object id must be <iri>/questions/<id>")
    if re.search(r"-attempt-\d+$", str(obj.get("id", ""))):
        add("profile: the attempt goes in an extension, not the object id")
    definition = obj.get("definition", {})
    if definition.get("type") != INTERACTION:
        add("profile: the object must be a cmi.interaction activity")
    if definition.get("interactionType") not in INTERACTION_TYPES:
        add("profile: interactionType is missing or unknown")
    result = statement.get("result", {})
    if not isinstance(result.get("response"), str):
        add("profile: result.response is required")
    extensions = statement.get("context", {}).get("extensions") or {}
    attempt = extensions.get(reg.iri + "/extensions/attempt")
    if not isinstance(attempt, int) or attempt < 1:
        add("profile: the attempt extension must be an integer from 1")
    if obj.get("id") == reg.iri + "/questions/role" and "success" in result:
        add("profile: the role is never right or wrong")
    return problems
