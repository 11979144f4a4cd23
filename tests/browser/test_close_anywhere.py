"""Close the course anywhere: the relaunch, from what the LMS's server stored, picks up exactly.

A seeded walk takes the bundled course from start to finish, failing the final assessment once
and retrying it, and closes the tab at 20 or more moments spread over the session: between
screens, between answers, right after a submit, on a result. Each time the course is relaunched
with exactly what the test LMS's server stored, and must show the same screen, the same answers
and the same attempt; status and score never go backwards, and no attempt is counted twice.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from trainee import NEW_ATTEMPT, close, launch

VERSIONS = {"1.2": "bundled-scorm12", "2004": "bundled-scorm2004"}
SEED = 20261201
MIN_CLOSES = 20
STATUS_RANK = {"not attempted": 0, "unknown": 0, "incomplete": 1, "failed": 2, "completed": 3}


def progress(cmi: dict[str, Any], version: str) -> tuple[int, float]:
    """(status rank, score) as the LMS holds them."""
    if version == "1.2":
        core = cmi.get("core", {})
        status = core.get("lesson_status", "not attempted")
        rank = 4 if status == "passed" else STATUS_RANK.get(status, 0)
        raw = core.get("score", {}).get("raw", "")
    else:
        success = cmi.get("success_status", "unknown")
        rank = 4 if success == "passed" else STATUS_RANK.get(cmi.get("completion_status", ""), 0)
        raw = cmi.get("score", {}).get("raw", "")
    return rank, float(raw) if raw not in ("", None) else -1.0


class Walk:
    """The trainee's session, closed and relaunched wherever the plan says."""

    def __init__(self, page: Any, base_url: str, version: str, rng: random.Random):
        self.page, self.base_url, self.version, self.rng = page, base_url, version, rng
        self.package = VERSIONS[version]
        self.trainee = launch(page, base_url, self.package, version)
        self.sid = self.trainee.sid
        self.closes: list[str] = []
        self.best = (0, -1.0)

    @property
    def frame(self) -> Any:
        return self.trainee.frame

    def maybe_close(self, moment: str, force: bool = False) -> None:
        if force or self.rng.random() < 0.06:
            self.close_and_relaunch(moment)

    def close_and_relaunch(self, moment: str) -> None:
        before = self.frame.evaluate("DFC.app.state")
        screen = self.trainee.current()
        cmi = close(self.page)
        rank, score = progress(cmi, self.version)
        assert (rank, score) >= self.best, f"{moment}: the LMS went back from {self.best}"
        assert rank >= self.best[0] and (score >= self.best[1] or rank > self.best[0])
        self.best = (rank, score)
        self.trainee = launch(
            self.page, self.base_url, self.package, self.version, cmi=cmi, sid=self.sid
        )
        self.frame.wait_for_function("() => DFC.app && DFC.app.nav.current >= 0")
        self.trainee.ready()
        after = self.frame.evaluate("DFC.app.state")
        assert self.trainee.current() == screen, moment
        assert after["quizzes"] == before["quizzes"], moment
        assert after["seen"] == before["seen"] and after["role"] == before["role"], moment
        assert after["diag"] == before["diag"], moment
        self.closes.append(moment)

    def answer_quiz(self, right: bool, kind: str) -> None:
        questions = self.trainee.visible_questions()
        for n, qid in enumerate(questions):
            self.trainee.answer(qid, right)
            if n < len(questions) - 1:
                self.maybe_close(f"{kind}: between answers", force=n == len(questions) // 2)
        self.trainee.submit()
        self.maybe_close(f"{kind}: right after submit", force=True)

    def run(self) -> None:
        self.trainee.start("rep")
        failed_once = False
        while True:
            screen = self.frame.evaluate("DFC.data().screens[DFC.app.nav.current]")
            if screen["kind"] == "quiz":
                self.answer_quiz(True, screen["id"])
            elif screen["kind"] == "final":
                if not failed_once:
                    self.answer_quiz(False, "final attempt 1")
                    self.maybe_close("final: on the result of a failed attempt", force=True)
                    self.frame.click("#dfc-screen [data-dfc-retry]")
                    self.frame.wait_for_selector(NEW_ATTEMPT)
                    failed_once = True
                self.answer_quiz(True, "final attempt 2")
            elif screen["kind"] == "diagnostic":
                self.trainee.rate_all()
                self.maybe_close("self-assessment: rated, not submitted", force=True)
                self.trainee.submit()
                self.maybe_close("self-assessment: on the result", force=True)
            if not self.frame.is_visible("[data-dfc-next]"):
                return
            self.trainee.next()
            self.maybe_close("between screens")


def graded(cmi: dict[str, Any]) -> list[dict[str, Any]]:
    items = sorted(cmi.get("interactions", {}).items(), key=lambda kv: int(kv[0]))
    return [i for _n, i in items]


@pytest.mark.parametrize("version", list(VERSIONS))
def test_close_anywhere_and_relaunch_from_what_the_lms_stored(page, base_url, version):
    walk = Walk(page, base_url, version, random.Random(SEED))
    walk.run()
    final = walk.frame.evaluate("DFC.app.state.quizzes.final")
    questions = walk.trainee.data()["questions"]
    cmi = close(page)
    assert len(walk.closes) >= MIN_CLOSES, walk.closes
    assert {m.split(":")[-1].strip() for m in walk.closes} >= {
        "between answers",
        "right after submit",
        "between screens",
        "on the result of a failed attempt",
    }
    assert progress(cmi, version)[0] == 4  # passed
    assert final["attempt"] == 2 and final["done"]
    records = graded(cmi)
    ids = [r["id"] for r in records]
    answers = [r["id"] for r in records if r["result"] != "neutral"]  # role, self-assessment
    assert len(ids) == len(set(ids)), "a record was written twice"
    # Each attempt answered as many questions (a scenario records one answer per decision).

    def question(record_id: str) -> str:
        qid = record_id.removesuffix("-attempt-2")
        return qid if qid in questions else qid.rsplit("-", 1)[0]  # a scenario's decision

    first = {question(i) for i in answers if "-attempt-" not in i}
    second = {question(i) for i in answers if i.endswith("-attempt-2")}
    assert len(first) == len(second) > 0 and ids.count("role") == 1
    assert not [p for p in page.problems if not p.startswith("Failed to load resource")]
