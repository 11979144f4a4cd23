"""A trainee driving a course through its real controls, in the LMS frame or on its own."""

from __future__ import annotations

from typing import Any

WAIT = 10_000


class Trainee:
    def __init__(self, page: Any, in_lms: bool = True, frame_selector: str = "#sco"):
        self.page = page
        self.in_lms = in_lms
        self.frame_selector = frame_selector

    @property
    def frame(self) -> Any:
        if not self.in_lms:
            return self.page.main_frame
        handle = self.page.wait_for_selector(self.frame_selector)
        frame = handle.content_frame()
        frame.wait_for_function(
            "() => !!(window.DFC && window.DFC.app && window.DFC.app.nav)", timeout=WAIT
        )
        return frame

    def data(self) -> dict[str, Any]:
        return self.frame.evaluate("DFC.data()")

    def current(self) -> str:
        return self.frame.evaluate(
            "() => DFC.app.nav.current >= 0 ? DFC.data().screens[DFC.app.nav.current].id : 'start'"
        )

    def _wait_for(self, screen_id: str) -> None:
        self.frame.wait_for_function(
            "id => DFC.app.nav.current >= 0 && DFC.data().screens[DFC.app.nav.current].id === id",
            arg=screen_id,
            timeout=WAIT,
        )

    def start(self, role: str = "manager") -> None:
        frame = self.frame
        frame.check(f"#dfc-role-{role}")
        first = frame.evaluate("DFC.data().screens[0].id")
        frame.click(".dfc-start")
        self._wait_for(first)

    def next(self) -> str:
        frame = self.frame
        index = frame.evaluate("DFC.app.nav.current")
        target = frame.evaluate(f"DFC.data().screens[{index + 1}].id")
        frame.click("[data-dfc-next]")
        self._wait_for(target)
        return target

    def open(self, screen_id: str) -> None:
        self.frame.click(f'.dfc-menu a[data-dfc-screen="{screen_id}"]')
        self._wait_for(screen_id)

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

    def answer(self, qid: str, right: bool = True) -> None:
        """Answer one question through its form controls, rightly or wrongly."""
        frame = self.frame
        q = frame.evaluate("id => DFC.data().questions[id]", qid)
        box = f"#q-{qid}"
        options, correct = q.get("options", []), q.get("correct", [])
        if q["type"] in ("single", "true-false", "diagnostic"):
            choice = correct[0] if right else next(o for o in options if o not in correct)
            frame.check(f"{box} input[value='{choice}']")
        elif q["type"] == "multiple":
            chosen = correct if right else [o for o in options if o not in correct][:1]
            for option in chosen:
                frame.check(f"{box} input[value='{option}']")
        elif q["type"] == "matching":
            for i, option in enumerate(options):
                target = option if right else options[(i + 1) % len(options)]
                frame.select_option(f"{box} [data-dfc-option='{option}'] select", target)
        elif q["type"] == "ordering":
            for i, option in enumerate(options):
                position = i + 1 if right else len(options) - i
                frame.select_option(f"{box} [data-dfc-option='{option}'] select", str(position))

    def answer_all(self, right: bool = True) -> list[str]:
        questions = self.visible_questions()
        for qid in questions:
            self.answer(qid, right)
        return questions

    def submit(self) -> None:
        self.ready()
        frame = self.frame
        frame.click("#dfc-screen .dfc-submit")
        frame.wait_for_selector("#dfc-screen [data-dfc-quiz-result]:not([hidden])", timeout=WAIT)

    def rate_all(self) -> None:
        """Complete the self-assessment with the middle of the scale."""
        frame = self.frame
        diag = frame.evaluate("DFC.data().diagnostic")
        scale = list(diag["scale"])
        for qid in diag["questions"]:
            frame.check(f"#q-{qid} input[value='{scale[len(scale) // 2]}']")

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


def launch(
    page: Any, base_url: str, package: str, version: str, cmi: Any = None, faults: str = "null"
) -> Trainee:
    """Open the test LMS and launch `package` (a folder of the test site) in it."""
    page.goto(f"{base_url}/lms.html")
    page.evaluate(
        f"([v, cmi, url]) => launch(v, cmi, url, {faults})",
        [version, cmi, f"/{package}/index.html"],
    )
    trainee = Trainee(page)
    trainee.frame.wait_for_selector("h1")
    return trainee


def close(page: Any) -> dict[str, Any]:
    """Leave the course the way a trainee closing it would, and return what the LMS holds."""
    page.evaluate("lmsClose()")
    page.wait_for_function(
        "lmsCalls.some(c => c[0] === 'LMSFinish' || c[0] === 'Terminate')", timeout=WAIT
    )
    return page.evaluate("lmsData()")


def calls(page: Any, name: str) -> list[list[Any]]:
    return [c for c in page.evaluate("lmsCalls") if c[0] == name]
