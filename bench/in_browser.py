"""The bench's measurements in Chromium: first and next page, the LMS traffic and the cmi5
statements of a full pass."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lms_traffic import APP_READY, measure_lms_traffic
from lms_traffic import FIRST_SCREEN_JS as FIRST_PAGE_JS
from timing import REPO, BenchError, Results

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]
BROWSER_DIR = REPO / "tests" / "browser"
SCORM_AGAIN = BROWSER_DIR / "node_modules" / "scorm-again" / "dist" / "scorm-again.js"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        """Keep the benchmark output clean."""


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


# Time from clicking Next to the new screen being shown, measured inside the course frame.
NEXT_PAGE_JS = """() => new Promise((resolve) => {
  const next = document.querySelector('[data-dfc-next]');
  if (!next || next.hidden) { resolve(null); return; }
  const start = performance.now();
  document.addEventListener('dfc:page', () => resolve(performance.now() - start), { once: true });
  next.click();
})"""


def measure_browser(zip_path: Path, results: Results, runs: int, tmp: Path) -> str:
    """first_page_ms, next_page_ms and the LMS traffic keys in Chromium; returns its version."""
    if not Path(CHROMIUM).exists():
        raise BenchError(f"{CHROMIUM} is missing: run `make chromium`")
    if not SCORM_AGAIN.is_file():
        raise BenchError("scorm-again is missing: run `make test` (npm ci in tests/browser)")
    from playwright.sync_api import sync_playwright

    site = tmp / "site"
    (site / "scorm-again").mkdir(parents=True)
    shutil.copy(BROWSER_DIR / "lms.html", site / "lms.html")
    shutil.copy(BROWSER_DIR / "lms.js", site / "lms.js")
    shutil.copy(SCORM_AGAIN, site / "scorm-again" / "scorm-again.js")
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(site / "pkg")
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            version = browser.version
            for n in range(runs + 1):  # a fresh context each time: nothing cached
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                frame = _launch(context.new_page(), base)
                first = frame.evaluate(FIRST_PAGE_JS)
                if not first["url"].endswith("/pkg/index.html"):
                    raise BenchError(f"measured the wrong document: {first['url']}")
                if n:
                    results.add("first_page_ms", first["ms"])
                context.close()
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            frame = _launch(page, base)
            frame.check("#dfc-role-manager")
            frame.click(".dfc-start")
            frame.wait_for_function("() => DFC.app.nav.current === 0")
            for n in range(runs + 1):
                # A trainee reads a screen before moving on: let the prefetch of the next
                # screen finish, as it would while they read.
                page.wait_for_timeout(100)
                ms = frame.evaluate(NEXT_PAGE_JS)
                if ms is None:
                    raise BenchError("the course ended before the next-page runs were done")
                if n:
                    results.add("next_page_ms", ms)
            context.close()
            passes = 3 if runs >= 20 else 1
            measure_lms_traffic(browser, site, results.add, passes, loads=max(3, runs // 4))
        finally:
            browser.close()
    return version


def _launch(page, base: str):  # type: ignore[no-untyped-def]
    """Open the test LMS and launch the package in its frame, as the browser tests do."""
    page.goto(f"{base}/lms.html")
    page.evaluate("launch('1.2', null, '/pkg/index.html')")
    frame = page.wait_for_selector("#sco").content_frame()
    frame.wait_for_function(APP_READY, timeout=20_000)
    return frame


@contextmanager
def serve_cmi5(folder: Path) -> Iterator[tuple[str, object]]:
    """The unpacked cmi5 package, and the preview's small LMS and record store beside it."""
    from builder.tools.preview_lrs import PreviewLrs

    lrs = PreviewLrs()

    class Handler(QuietHandler):
        def _lrs(self, method: str) -> None:
            path, _, query = self.path.partition("?")
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if path.startswith("/__dfc/fetch/"):
                status, answer = 200, lrs.fetch(path.rsplit("/", 1)[1])
            else:
                resource = path.removeprefix("/__dfc/xapi/")
                auth = self.headers.get("Authorization", "")
                status, answer = lrs.handle(method, resource, query, auth, body)
            payload = b"" if answer is None else json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_GET(self) -> None:  # noqa: N802
            if self.path.startswith("/__dfc/"):
                return self._lrs("GET")
            return super().do_GET()

        def do_POST(self) -> None:  # noqa: N802
            self._lrs("POST")

        def do_PUT(self) -> None:  # noqa: N802
            self._lrs("PUT")

    handler = functools.partial(Handler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", lrs
    finally:
        server.shutdown()
        server.server_close()


def measure_cmi5(out: Path, results: Results, tmp: Path) -> None:
    """cmi5_statements_per_course: a full pass of the bundled course with right answers."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(BROWSER_DIR))
    from trainee import Trainee

    found = sorted(out.glob("*-cmi5.zip"))
    if len(found) != 1:
        raise BenchError(f"expected one *-cmi5.zip in {out} (course.yaml packages), found {found}")
    site = tmp / "cmi5-site"
    with zipfile.ZipFile(found[0]) as archive:
        archive.extractall(site)
        ns = {"c": "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"}
        from lxml import etree

        au = etree.fromstring(archive.read("cmi5.xml")).find("c:au", ns)
    with serve_cmi5(site) as (base, lrs), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            mastery = au.get("masteryScore")
            launch = lrs.launch_url(base, au.get("id"), mastery and float(mastery), "/index.html")
            page.goto(base + launch)
            page.wait_for_function("() => !!(window.DFC && DFC.app && DFC.app.nav)")
            trainee = Trainee(page, in_lms=False)
            trainee.start("manager")
            final = trainee.complete_course(final_right=True)
            page.goto("about:blank")
            deadline = time.monotonic() + 30
            while not any(s["verb"]["id"].endswith("/terminated") for s in lrs.statements):
                if time.monotonic() > deadline:
                    raise BenchError("the cmi5 course never sent terminated")
                time.sleep(0.1)
        finally:
            browser.close()
    verbs = [s["verb"]["id"].rsplit("/", 1)[1] for s in lrs.statements]
    if "passed" not in verbs:
        raise BenchError(f"the full pass did not pass: {verbs}")
    results.values["cmi5_statements_per_course"] = len(verbs)
    results.notes["cmi5_questions"] = str(len(final))
