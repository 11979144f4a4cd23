"""`preview --review`: two reviewers comment at once from their own previews of one course
folder; nothing is lost, the control works from the keyboard, and comments keep their
screen and anchor after the pages are reordered."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from approval_helpers import add_signers
from trainee import Trainee

from builder.tools.preview import PreviewServer

FIXTURE = Path(__file__).parents[1] / "fixtures" / "minimal"
pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs ssh-keygen")


def open_review(browser, server, screen):
    context = browser.new_context(viewport={"width": 2200, "height": 900})
    page = context.new_page()
    page.goto(server.url)
    trainee = Trainee(page, frame_selector="#course")
    trainee.frame.wait_for_selector("h1")
    trainee.start("manager")
    trainee.open(screen)
    page.wait_for_selector(f'#review-screen[data-screen="{screen}"]')
    return context, page


def write_comment(page, text, anchor=None):
    """Keyboard only: focus the Comment button, press Enter, choose, type; no click."""
    page.focus("#review-comment")
    page.keyboard.press("Enter")
    page.wait_for_selector("#review-text:focus")
    assert page.get_attribute("#review-comment", "aria-expanded") == "true"
    if anchor:
        page.select_option("#review-anchor", anchor)
    page.fill("#review-text", text)


def test_two_reviewers_at_once_then_pages_reordered(browser, tmp_path):
    root = Path(shutil.copytree(FIXTURE, tmp_path / "course"))
    add_signers(root, tmp_path / "keys")
    servers = [
        PreviewServer(root, port=0, interval=0.1, reviewer=name).start() for name in ("mary", "uma")
    ]
    contexts = []
    try:
        pages = []
        for server in servers:
            context, page = open_review(browser, server, "fire-basics/alarm")
            contexts.append(context)
            pages.append(page)
        # The label names the screen, the button says what it does.
        assert pages[0].inner_text("#review-comment") == "Comment"
        assert pages[0].get_attribute("#review-comment", "aria-describedby") == "review-screen"
        write_comment(pages[0], "Say who calls the fire service.")
        write_comment(pages[1], "The assembly point needs a map.")
        # Both press Save before either answer comes back.
        for page in pages:
            page.focus("#review-form button[type=submit]")
        for page in pages:
            page.keyboard.press("Enter")
        for page in pages:
            page.wait_for_selector("#review-status:has-text('saved')")
        stored = yaml.safe_load((root / "reviews" / "1.0.0.yaml").read_text(encoding="utf-8"))
        got = {(c["author"], c["group"], c["screen"], c["text"]) for c in stored["comments"]}
        assert got == {
            ("mary", "management", "fire-basics/alarm", "Say who calls the fire service."),
            ("uma", "union", "fire-basics/alarm", "The assembly point needs a map."),
        }
        assert sorted(c["id"] for c in stored["comments"]) == [1, 2]
        assert all(c["status"] == "open" for c in stored["comments"])
        # Focus returns to the Comment button; the live region says what happened.
        assert pages[0].evaluate("document.activeElement.id") == "review-comment"

        # A comment on a question's option, then the pages swap places.
        trainee = Trainee(pages[1], frame_selector="#course")
        trainee.open("fire-basics/quiz")
        pages[1].wait_for_selector('#review-screen[data-screen="fire-basics/quiz"]')
        write_comment(pages[1], "Option wording is unclear.")
        options = pages[1].eval_on_selector_all(
            "#review-anchor option", "os => os.map(o => o.value).filter(Boolean)"
        )
        option = next(v for v in options if "/" in v)
        pages[1].select_option("#review-anchor", option)
        pages[1].click("#review-form button[type=submit]")
        pages[1].wait_for_selector("#review-status:has-text('Comment 3 saved')")

        folder = root / "modules" / "fire-basics"
        (folder / "01-fire-triangle.md").rename(folder / "03-fire-triangle.md")
        (folder / "02-alarm.md").rename(folder / "01-alarm.md")
        page = pages[0]
        page.wait_for_function(
            "() => document.getElementById('course').contentWindow.DFC &&"
            " document.getElementById('course').contentWindow.DFC.data().screens[1].id"
            " === 'fire-basics/alarm'",
            timeout=15_000,
        )
        Trainee(page, frame_selector="#course").open("fire-basics/alarm")
        page.wait_for_selector('#review-list li[data-comment="2"]')
        assert page.locator("#review-list li").count() == 2
        stored = yaml.safe_load((root / "reviews" / "1.0.0.yaml").read_text(encoding="utf-8"))
        assert stored["comments"][2]["anchor"] == option
    finally:
        for context in contexts:
            context.close()
        for server in servers:
            server.stop()
