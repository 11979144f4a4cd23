"""The test LMS's AU rules (tests/browser/cmi5_rules.py) catch what they claim to catch.

A rule that cannot fail proves nothing: each case breaks one rule of a good session and
expects the message of that rule's section, and only that one.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from cmi5_rules import (  # noqa: E402
    CATEGORY,
    MASTERY_EXT,
    MOVEON,
    SESSION_EXT,
    RegistrationRecord,
    SessionRecord,
    check,
)

IRI = "https://training.example.org/courses/fire-safety"
ACTOR = {"objectType": "Agent", "account": {"homePage": "https://lms.example.org", "name": "t1"}}
ACTIVITY = "https://lms.example.org/activities/1"
GROUPING = [{"id": IRI + "/au", "objectType": "Activity"}]
TEMPLATE = {"contextActivities": {"grouping": GROUPING}, "extensions": {SESSION_EXT: "s-1"}}
UUIDS = iter(f"00000000-0000-4000-8000-{n:012d}" for n in range(1, 10_000))


def statement(verb: str, result: dict | None = None, defined: bool = True, **context: Any) -> dict:
    categories = [{"id": CATEGORY}] if defined else []
    if defined and result and ("success" in result or "completion" in result):
        categories.append({"id": MOVEON})
    ctx: dict[str, Any] = {
        "registration": "r-1",
        "contextActivities": {"grouping": GROUPING, "category": categories},
        "extensions": {SESSION_EXT: "s-1", **context},
    }
    if not categories:
        del ctx["contextActivities"]["category"]
    s = {
        "id": next(UUIDS),
        "actor": copy.deepcopy(ACTOR),
        "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}"},
        "object": {"id": ACTIVITY, "objectType": "Activity"},
        "context": ctx,
        "timestamp": "2026-12-01T10:00:00.000Z",
    }
    if result:
        s["result"] = result
    return s


def answer(question: str = "fire-01", **result: Any) -> dict:
    s = statement("answered", {"response": "a", **result}, defined=False)
    s["context"]["extensions"][IRI + "/extensions/attempt"] = 1
    s["object"] = {
        "id": f"{IRI}/questions/{question}",
        "definition": {
            "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
            "interactionType": "choice",
        },
    }
    return s


def good_session() -> list[dict]:
    score = {"scaled": 1, "raw": 100, "min": 0, "max": 100}
    return [
        statement("initialized"),
        answer("role"),
        statement("completed", {"completion": True, "duration": "PT1M"}),
        answer("fire-01", success=True),
        statement(
            "passed",
            {"success": True, "score": score, "duration": "PT2M"},
            **{MASTERY_EXT: 0.8},
        ),
        statement("terminated", {"duration": "PT3M"}),
    ]


def run(statements: list[dict], mode: str = "Normal") -> list[str]:
    launch = {"contextTemplate": TEMPLATE, "launchMode": mode, "masteryScore": 0.8}
    session = SessionRecord("s-1", launch, read_launch_data=True, read_preferences=True)
    reg = RegistrationRecord("r-1", ACTOR, ACTIVITY, IRI + "/au", IRI)
    problems: list[str] = []
    for s in statements:
        problems += check(s, session, reg)
    return problems


def test_a_good_session_breaks_no_rule():
    assert run(good_session()) == []


def _edit(index: int, change):  # type: ignore[no-untyped-def]
    def apply(statements: list[dict]) -> list[dict]:
        change(statements[index])
        return statements

    return apply


CASES = {
    "9.1": _edit(1, lambda s: s.update(id="not-a-uuid")),
    "8.1.3/9.2": _edit(1, lambda s: s["actor"]["account"].update(name="someone-else")),
    "9.7": _edit(2, lambda s: s.update(timestamp="2026-12-01T10:00:00+01:00")),
    "9.6.1": _edit(2, lambda s: s["context"].update(registration="r-2")),
    "10.2.1": _edit(2, lambda s: s["context"]["extensions"].pop(SESSION_EXT)),
    "9.6.2/10.2.1": _edit(2, lambda s: s["context"]["contextActivities"].pop("grouping")),
    "9.3.2/7.1.1": lambda ss: ss[1:],
    "9.3.8": lambda ss: [*ss, answer("fire-02", success=False)],
    "9.3.3/9.3.4": lambda ss: ss[:3] + [ss[2] | {"id": next(UUIDS)}] + ss[3:],
    "9.4/8.1.5": _edit(2, lambda s: s["object"].update(id=IRI + "/au")),
    "9.5.1": _edit(2, lambda s: s["result"].update(score={"scaled": 1})),
    "9.3.4": _edit(4, lambda s: s["result"]["score"].update(scaled=0.5)),
    "9.5.2": _edit(4, lambda s: s["result"].update(success=False)),
    "9.5.4.1": _edit(5, lambda s: s.pop("result")),
    "9.6.2.2": _edit(
        0, lambda s: s["context"]["contextActivities"]["category"].append({"id": MOVEON})
    ),
    "9.6.3.2": _edit(4, lambda s: s["context"]["extensions"].pop(MASTERY_EXT)),
    "profile": _edit(1, lambda s: s["object"].update(id=IRI + "/questions/role-attempt-2")),
}


# A second completed in the session is also a repeated verb within it.
ALSO = {"9.3.3/9.3.4": {"9.3"}}


@pytest.mark.parametrize("section", list(CASES))
def test_each_broken_rule_is_reported_with_its_section(section):
    problems = run(CASES[section](good_session()))
    assert any(p.startswith(section + ":") for p in problems), problems
    allowed = {section} | ALSO.get(section, set())
    assert {p.split(":")[0] for p in problems} <= allowed, problems


@pytest.mark.parametrize("mode", ["Browse", "Review"])
def test_browse_and_review_allow_only_initialized_and_terminated(mode):
    good = good_session()
    assert run([good[0], good[-1]], mode) == []
    problems = run(good, mode)
    assert problems and all(p.startswith("10.2.2:") for p in problems), problems
