"""One xAPI statement checked and turned into an answer: what every reader of statements (a
file, an NDJSON file, an LRS page) hands to the Collector."""

from __future__ import annotations

import functools
from typing import Any

from .course_index import CourseIndex
from .records import Collector, Dimensions, ReportInputError

ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
VOIDED = "http://adlnet.gov/expapi/verbs/voided"


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
    attempt = attempt_of(where, extensions, collector.index.iri)
    dimensions = Dimensions(
        course_version_of(extensions, collector.index),
        _text(context.get("language")),
        _text(statement.get("id")),
    )
    collector.add(where, learner, question, response, success, 1, attempt, dimensions)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def course_version_of(extensions: dict[str, Any], index: CourseIndex) -> str | None:
    """`<iri>/extensions/course-version`, which release packages send."""
    wanted = extension_iri(index.iri, "course-version")
    if wanted is not None:  # one key can be it: looked up, not searched for
        value = extensions.get(wanted)
        return value if isinstance(value, str) and value else None
    for key, value in extensions.items():
        if key.endswith("/extensions/course-version"):
            if isinstance(value, str) and value:
                return value
    return None


def _question_id(object_id: str, collector: Collector) -> str | None:
    question = question_of(object_id, collector.index.iri)
    if question is None and collector.index.iri:
        collector.skipped_other_course += 1
    return question


def question_of(object_id: str, iri: str | None) -> str | None:
    """The question id an object id names; None for another course's (or no) question."""
    if iri:
        prefix = _questions(iri)
        return object_id[len(prefix) :] if object_id.startswith(prefix) else None
    head, sep, tail = object_id.rpartition("/questions/")
    return tail if sep and head else None


@functools.cache
def _questions(iri: str) -> str:
    return iri.rstrip("/") + "/questions/"


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


def attempt_of(where: str, extensions: dict[str, Any], iri: str | None) -> int:
    wanted = extension_iri(iri, "attempt")
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
def extension_iri(iri: str | None, name: str) -> str | None:
    """The course's extension IRI `name` (attempt, course-version), or None without an iri."""
    return f"{iri.rstrip('/')}/extensions/{name}" if iri else None
