"""What the course asks of an LMS, measured in Chromium against the browser tests' test LMS.

- `lms_calls_per_course` and `commits_per_course`: a scripted complete pass through the
  bundled course's SCORM 1.2 package with right answers, counted from the call log the test
  LMS keeps on its server (so the calls made while the page closes count too).
- `slow4g_first_screen_ms`: the start screen ready for input, launched in the test LMS frame
  over Chromium's network emulation (150 ms latency, 1.6 Mbit/s down, 750 kbit/s up) with the
  cache off.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

BROWSER_DIR = Path(__file__).resolve().parents[1] / "tests" / "browser"
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
}
# Navigation start of the course frame to the end of its DOMContentLoaded handlers, which
# is when the runtime has wired the start screen (role choice and Start) for input.
FIRST_SCREEN_JS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return { url: nav.name, ms: nav.domContentLoadedEventEnd - nav.startTime };
}"""
APP_READY = """() => !!(window.DFC && window.DFC.app && window.DFC.app.nav
  && performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd > 0)"""


def measure_lms_traffic(
    browser: Any, site: Path, add: Callable[[str, float], None], passes: int, loads: int
) -> None:
    """Add the three keys' samples; `site` holds lms.html, lms.js, scorm-again and pkg/."""
    sys.path.insert(0, str(BROWSER_DIR))
    from lms_server import LmsServer
    from trainee import close, launch

    server = LmsServer(str(site)).start()
    try:
        for _ in range(passes):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.lms = server
            trainee = launch(page, server.url, "pkg", "1.2")
            trainee.start("manager")
            trainee.complete_course(final_right=True)
            close(page)
            calls = server.calls(page.dfc_sid, launch=page.dfc_launch)
            add("lms_calls_per_course", len(calls))
            add("commits_per_course", sum(1 for c in calls if c["name"] == "LMSCommit"))
            context.close()
        for n in range(loads + 1):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.lms = server
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            cdp.send("Network.emulateNetworkConditions", SLOW_4G)
            launch(page, server.url, "pkg", "1.2")
            frame = page.wait_for_selector("#sco").content_frame()
            frame.wait_for_function(APP_READY, timeout=60_000)
            first = frame.evaluate(FIRST_SCREEN_JS)
            if not first["url"].endswith("/pkg/index.html"):
                raise RuntimeError(f"measured the wrong document: {first['url']}")
            if n:  # the first load warms up Chromium itself, not the network
                add("slow4g_first_screen_ms", first["ms"])
            context.close()
    finally:
        server.stop()
