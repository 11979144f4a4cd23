"""A trainee driving a course through its real controls, in the LMS frame or on its own."""

from __future__ import annotations

import re
import uuid
from typing import Any

WAIT = 10_000


class Trainee:
    def __init__(
        self, page: Any, in_lms: bool = True, frame_selector: str = "#sco", once: bool = False
    ):
        """`once`: the frame is loaded once (a launch in the test LMS), so once the course in
        it has started it is kept until it is detached or navigates, not looked for again."""
        self.page = page
        self.in_lms = in_lms
        self.frame_selector = frame_selector
        self.once = once
        self._started: tuple[Any, str] | None = None

    @property
    def frame(self) -> Any:
        if not self.in_lms:
            return self.page.main_frame
        if self._started:
            frame, url = self._started
            if not frame.is_detached() and frame.url == url:
                return frame
        handle = self.page.wait_for_selector(self.frame_selector)
        frame = handle.content_frame()
        frame.wait_for_function(
            "() => !!(window.DFC && window.DFC.app && window.DFC.app.nav)", timeout=WAIT
        )
        if self.once:
            self._started = (frame, frame.url)
        return frame

    def data(self) -> dict[str, Any]:
        return self.frame.evaluate("DFC.data()")

    def current(self) -> str:
        return self.frame.evaluate(
            "() => DFC.app.nav.current >= 0 ? DFC.data().screens[DFC.app.nav.current].id : 'start'"
        )

    def _paced(self) -> None:
        """Act again only once the LMS's requests for the last action have finished, where
        the LMS needs it. An LMS that stores each value by a request of its own, all in
        parallel with the last to finish winning (lms.js 'parallel'), keeps whichever of two
        changes of one value finished last: changes closer together than its requests take
        can land in either order, the LMS's own race, which no course can see or order. A
        person's next click comes long after those milliseconds; a test's can come within
        them, so there the trainee waits. Every other LMS is driven at full speed."""
        if self.in_lms and getattr(self.page, "dfc_persist", "") == "parallel":
            self.page.wait_for_function("() => window.lmsIdle()", timeout=WAIT)

    def _wait_for(self, screen_id: str) -> None:
        self.frame.wait_for_function(
            "id => DFC.app.nav.current >= 0 && DFC.data().screens[DFC.app.nav.current].id === id",
            arg=screen_id,
            timeout=WAIT,
        )

    def start(self, role: str | None = "manager") -> None:
        """Answer the role question (None: a course without roles has none) and start."""
        frame = self.frame
        if role is not None:
            frame.check(f"#dfc-role-{role}")
            self._paced()
        first = frame.evaluate("DFC.data().screens[0].id")
        frame.click(".dfc-start")
        self._wait_for(first)
        self._paced()

    def next(self) -> str:
        frame = self.frame
        index = frame.evaluate("DFC.app.nav.current")
        target = frame.evaluate(f"DFC.data().screens[{index + 1}].id")
        frame.click("[data-dfc-next]")
        self._wait_for(target)
        self._paced()
        return target

    def open(self, screen_id: str) -> None:
        self.frame.click(f'.dfc-menu a[data-dfc-screen="{screen_id}"]')
        self._wait_for(screen_id)
        self._paced()

    def ready(self) -> None:
        """Wait until the screen's quiz, if it has one, is set up (the final borrows its questions)."""
        self.frame.wait_for_function(
            "() => { const f = document.querySelector('#dfc-screen form.dfc-quiz');"
            " return !f || f.hasAttribute('data-dfc-ready') || !!f.dataset.dfcDiagnostic; }",
            timeout=WAIT,
        )

    def visible_questions(self) -> list[str]:
        self.ready()
        return self.frame.eval_on_selector_all(
            "#dfc-screen .dfc-question", "els => els.map(e => e.getAttribute('data-dfc-question'))"
        )

    def reveal(self, qid: str) -> None:
        """Page through a paged assessment with its own buttons until question `qid` shows."""
        frame = self.frame
        for _ in range(60):
            if frame.is_visible(f"#q-{qid}"):
                return
            later = frame.evaluate(
                "id => { const all = [...document.querySelectorAll('#dfc-screen .dfc-question')];"
                " const shown = all.findIndex(b => !b.hidden);"
                " return all.findIndex(b => b.id === 'q-' + id) > shown; }",
                qid,
            )
            frame.click("#dfc-screen .dfc-page-next" if later else "#dfc-screen .dfc-page-prev")
        raise AssertionError(f"question {qid} never showed")

    def to_last_page(self) -> None:
        """On a paged assessment, press Next questions until the last page (where Submit is)."""
        frame = self.frame
        for _ in range(60):
            if not frame.is_visible("#dfc-screen .dfc-page-next"):
                return
            frame.click("#dfc-screen .dfc-page-next")
        raise AssertionError("the assessment never reached its last page")

    def answer(self, qid: str, right: bool = True) -> None:
        """Answer one question through its form controls, rightly or wrongly."""
        self.reveal(qid)
        frame = self.frame
        q = frame.evaluate("id => DFC.data().questions[id]", qid)
        box = f"#q-{qid}"
        options, correct = q.get("options", []), q.get("correct", [])
        if q["type"] in ("single", "true-false", "diagnostic"):
            choice = correct[0] if right else next(o for o in options if o not in correct)
            frame.check(f"{box} input[value='{choice}']")
            self._paced()
        elif q["type"] == "multiple":
            chosen = correct if right else [o for o in options if o not in correct][:1]
            for option in chosen:
                frame.check(f"{box} input[value='{option}']")
                self._paced()
        elif q["type"] == "matching":
            for i, option in enumerate(options):
                target = option if right else options[(i + 1) % len(options)]
                frame.select_option(f"{box} [data-dfc-option='{option}'] select", target)
                self._paced()
        elif q["type"] == "ordering":
            for i, option in enumerate(options):
                position = i + 1 if right else len(options) - i
                frame.select_option(f"{box} [data-dfc-option='{option}'] select", str(position))
                self._paced()
        elif q["type"] == "scenario":
            for node, choice in scenario_path(q, right):
                step = f"{box} [data-dfc-node='{node}']"
                frame.check(f"{step} input[value='{choice}']")
                self._paced()
                frame.click(f"{step} [data-dfc-decide]")
                self._paced()

    def answer_all(self, right: bool = True) -> list[str]:
        questions = self.visible_questions()
        for qid in questions:
            self.answer(qid, right)
        return questions

    def submit(self) -> None:
        self.ready()
        frame = self.frame
        self.to_last_page()
        frame.click("#dfc-screen .dfc-submit")
        frame.wait_for_selector("#dfc-screen [data-dfc-quiz-result]:not([hidden])", timeout=WAIT)
        self._paced()

    def rate_all(self) -> None:
        """Complete the self-assessment with the middle of the scale, and "don't know" to
        every fourth statement where the questionnaire offers it."""
        frame = self.frame
        diag = frame.evaluate("DFC.data().diagnostic")
        scale = list(diag["scale"])
        for n, qid in enumerate(diag["questions"]):
            answer = diag.get("dontKnow") if n % 4 == 3 else None
            frame.check(f"#q-{qid} input[value='{answer or scale[len(scale) // 2]}']")
            self._paced()

    def complete_course(self, final_right: bool = True) -> list[str]:
        """Walk every screen with Next, doing each quiz; return the final's questions."""
        final: list[str] = []
        while True:
            screen = self.frame.evaluate("DFC.data().screens[DFC.app.nav.current]")
            if screen["kind"] == "quiz":
                self.answer_all(True)
                self.submit()
            elif screen["kind"] == "diagnostic":
                self.rate_all()
                self.submit()
            elif screen["kind"] == "final":
                final = self.answer_all(final_right)
                self.submit()
            if not self.frame.is_visible("[data-dfc-next]"):
                return final
            self.next()


FINISH = ("LMSFinish", "LMSTerminate", "Terminate")


def scenario_path(q: dict[str, Any], right: bool) -> list[tuple[str, str]]:
    """(node, choice) from the start to an ending: the best choice each time, or the poorest."""
    path, node = [], q["start"]
    while node:
        choices = q["nodes"][node]
        pick = max(choices, key=lambda c: c[3]) if right else min(choices, key=lambda c: c[3])
        path.append((node, pick[0]))
        node = "" if pick[2] else pick[1]
    return path


def interaction_ids(data: dict[str, Any], questions: list[str], right: bool = True) -> list[str]:
    """The interactions answering `questions` records: one per decision in a scenario."""
    ids = []
    for qid in questions:
        q = data["questions"][qid]
        if q["type"] == "scenario":
            ids += [f"{qid}-{node}" for node, _choice in scenario_path(q, right)]
        else:
            ids.append(qid)
    return ids


def question_of(interaction_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """The question an interaction answers: its id, less any attempt and scenario node."""
    qid = re.sub(r"-attempt-\d+$", "", interaction_id)
    if qid not in data["questions"]:
        qid = qid.rsplit("-", 1)[0]
    return data["questions"][qid]


def launch(
    page: Any,
    base_url: str,
    package: str,
    version: str,
    cmi: Any = None,
    faults: str = "null",
    sid: str | None = None,
    **options: Any,
) -> Trainee:
    """Open the test LMS and launch `package` (a folder of the test site, or a full URL) in it.

    `sid` names the attempt on the test LMS's server: pass the previous launch's to relaunch
    the same attempt. `options` are the test LMS's settings and profiles (tests/browser/lms.js).
    """
    server = page.lms
    page.dfc_persist = options.get("persist", "")
    page.dfc_sid = sid or uuid.uuid4().hex[:12]
    page.dfc_launch = server.new_launch(page.dfc_sid)
    page.goto(f"{base_url}/lms.html")
    options.update(sid=page.dfc_sid, launch=page.dfc_launch)
    page.evaluate(
        f"([v, cmi, url, options]) => {{ options.faults = {faults}; launch(v, cmi, url, options); }}",
        [version, cmi, package if "://" in package else f"/{package}/index.html", options],
    )
    trainee = Trainee(page, once=True)
    trainee.sid = page.dfc_sid
    trainee.frame.wait_for_selector("h1")
    return trainee


def close(page: Any, terminates: bool = True) -> dict[str, Any]:
    """Leave the course as a trainee closing the tab would; return what the LMS's server holds.

    The LMS page goes too, so everything read here reached the server over HTTP.
    """
    server, sid, launch_no = page.lms, page.dfc_sid, page.dfc_launch
    if getattr(page, "dfc_persist", ""):
        # The trainee leaves once the requests of their earlier clicks have left, as a person
        # does: what is tested is what the course sends as the page goes, and the LMS's own
        # ending first, not the LMS's backlog at that instant.
        # Leave in the same task that finds it idle, so no timer of the course's runs between.
        page.wait_for_function(
            "() => !window.lmsIdle || (window.lmsIdle() && !!(location.href = 'about:blank'))"
        )
        page.wait_for_url("about:blank")
    else:
        page.goto("about:blank")
    if getattr(page, "dfc_persist", False):
        # A per-value LMS: its whole log, then every request it logged as sent, finished.
        server.wait(sid, lambda s: any(n == launch_no and e["kind"] == "gone" for n, e in s.log))
        server.wait(
            sid,
            lambda s: server.requests_sent(sid, launch_no) <= server.requests_done(sid, launch_no),
        )
        return nest(server.stored_values(sid))
    if terminates:
        server.wait(sid, lambda s: launch_no in s.terminated)
    # The test LMS's call log arrives by beacon as its page goes.
    server.wait(
        sid,
        lambda s: (
            any(n == launch_no and e.get("name") in FINISH for n, e in s.log)
            and not server.log_gaps(sid, launch_no)
        ),
        timeout=10 if terminates else 1,
    )
    return server.stored(sid)


def calls(page: Any, name: str | None = None) -> list[dict[str, Any]]:
    """The API calls of the page's latest launch, as the test LMS's server logged them."""
    return page.lms.calls(page.dfc_sid, name, page.dfc_launch)


def lms_errors(page: Any) -> list[str]:
    return page.lms.errors(page.dfc_sid, page.dfc_launch)


def stored(page: Any) -> dict[str, Any]:
    """What the LMS's server holds for the page's attempt right now."""
    return page.lms.stored(page.dfc_sid)


# A quiz form set up for an attempt not yet submitted: what "Try again" leads to.
NEW_ATTEMPT = "#dfc-screen form[data-dfc-ready]:not([data-dfc-done])"


def nest(values: dict[str, str]) -> dict[str, Any]:
    """Stored elements as the nested CMI scorm-again loads: cmi.core.exit -> {"core": {"exit"}}."""
    out: dict[str, Any] = {}
    # A record's id and type first: an LMS checks a response against the type.
    first = sorted(values, key=lambda k: k.rsplit(".", 1)[-1] not in ("id", "type"))
    for key in first:
        value = values[key]
        *path, last = key.split(".")[1:]
        node = out
        for part in path:
            node = node.setdefault(part, {})
        node[last] = value
    return out


def lost_at_leave(page: Any) -> list[str]:
    """Elements whose latest value the LMS accepted in the page's latest launch but its
    server does not hold: what leaving lost."""
    accepted: dict[str, str] = {}
    for c in calls(page):
        if c["name"].endswith("SetValue") and c["result"] == "true":
            accepted[c["key"]] = c["value"]
    if getattr(page, "dfc_persist", False):
        held = page.lms.stored_values(page.dfc_sid)
    else:
        held = flat(page.lms.stored(page.dfc_sid), "cmi")
    return sorted(k for k, v in accepted.items() if not same_value(held.get(k), v))


TIMESPAN = re.compile(r"(\d{2,4}):(\d{2}):(\d{2}(?:\.\d{1,2})?)")


def same_value(held: str | None, sent: str) -> bool:
    """The value sent, as the LMS holds it: scorm-again writes 1.2 timespans with two-digit
    hours (0000:00:01.26 is held as 00:00:01.26)."""
    if held == sent or held is None:
        return held == sent
    a, b = TIMESPAN.fullmatch(held), TIMESPAN.fullmatch(sent)
    seconds = [3600 * int(m[1]) + 60 * int(m[2]) + float(m[3]) for m in (a, b) if m]
    return len(seconds) == 2 and seconds[0] == seconds[1]


def flat(node: Any, prefix: str) -> dict[str, str]:
    """Nested CMI as dotted elements with their values as text."""
    if not isinstance(node, dict):
        return {prefix: str(node)}
    out: dict[str, str] = {}
    for key, value in node.items():
        out.update(flat(value, f"{prefix}.{key}"))
    return out
