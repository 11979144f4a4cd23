"""HTTP requests to the LMS per completed course, and values lost at leaving, in three LMSs.

The LMSs are the browser tests' (tests/browser/lms.js, lms_server.py), counted on the server:

- `commit_based`: scorm-again posting each commit to its commit URL; a request per commit,
  the one `Terminate` sends included.
- `per_value`: every accepted `SetValue` its own request, in parallel, the last to finish
  winning; `Commit` and `Terminate` are requests too; the LMS commits and ends the session in
  its own beforeunload.
- `queued`: requests leave one at a time, each with every value set since the previous one
  left; `Commit` does nothing; as the page goes, only the request in flight completes.

`lms_requests_<profile>` is a scripted complete pass through the bundled course's SCORM 1.2
package with right answers. `values_lost_at_leave_<profile>` is the close-anywhere walk of
tests/browser/test_close_anywhere.py over that package: at each of its 20 or more leaves, the
elements whose latest value the LMS accepted but its server did not hold, summed;
`values_lost_at_leave` sums the three profiles.
"""

from __future__ import annotations

import random
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

BROWSER_DIR = Path(__file__).resolve().parents[1] / "tests" / "browser"
NAMES = {"commit-based": "commit_based", "per-value": "per_value", "queued": "queued"}


def measure_lms_profiles(
    browser: Any, server: Any, package: str, add: Callable[[str, float], None], walk: bool = True
) -> list[str]:
    """Add each profile's keys for `package` (a folder of the server's site); return the
    relaunches the walks found not as left (none expected of the current runtime)."""
    sys.path.insert(0, str(BROWSER_DIR))
    from test_close_anywhere import PROFILES, SEED, Walk
    from trainee import calls, close, launch, lost_at_leave

    mismatches: list[str] = []
    lost_total = 0
    for profile, name in NAMES.items():
        options = dict(PROFILES[profile])
        delay = options.pop("delay", 0.0)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.lms = server
        sid = f"bench-{uuid.uuid4().hex[:12]}"
        server.session(sid).delay = delay
        trainee = launch(page, server.url, package, "1.2", sid=sid, **options)
        trainee.start("manager")
        trainee.complete_course(final_right=True)
        close(page)
        session = server.session(sid)
        add(f"lms_requests_{name}", session.value_requests if options else len(session.commits))
        if not options:  # the API calls of the same pass, as `lms_calls_per_course` counts them
            made = calls(page)
            add("api_calls", len(made))
            add("api_commits", sum(1 for c in made if c["name"] == "LMSCommit"))
        context.close()
        if not walk:
            continue
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.lms = server
        tour = Walk(page, server.url, "1.2", random.Random(SEED), profile, package, strict=False)
        tour.run()
        close(page)
        lost = len(tour.lost) + len(lost_at_leave(page))
        lost_total += lost
        add(f"values_lost_at_leave_{name}", lost)
        mismatches += [f"{profile}: {m}" for m in tour.mismatches]
        context.close()
    if walk:
        add("values_lost_at_leave", lost_total)
    return mismatches


def compare(site: Path, packages: dict[str, str], walk: bool = True) -> dict[str, dict[str, float]]:
    """Each package's figures ({label: {key: value}}), measured in one browser, one server."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(BROWSER_DIR))
    from lms_server import LmsServer

    out: dict[str, dict[str, float]] = {}
    server = LmsServer(str(site)).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox"]
            )
            try:
                for label, package in packages.items():
                    figures: dict[str, float] = {}
                    problems = measure_lms_profiles(
                        browser, server, package, figures.__setitem__, walk
                    )
                    figures["relaunches_not_as_left"] = len(problems)
                    out[label] = figures
            finally:
                browser.close()
    finally:
        server.stop()
    return out
