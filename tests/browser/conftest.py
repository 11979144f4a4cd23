"""Browser tests: packages run in Debian's headless Chromium against scorm-again, the LMS runtime.

Every test here is marked `browser`. The set-up (`make test`) installs Chromium and scorm-again;
when either is missing the tests fail with a message saying how to install it.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lms_server import LmsServer

from builder import api

HERE = Path(__file__).parent
REPO = HERE.parents[1]
CHROMIUM = "/usr/bin/chromium"
SCORM_AGAIN = HERE / "node_modules" / "scorm-again" / "dist" / "scorm-again.js"
COURSES = {"bundled": REPO, "minimal": REPO / "tests" / "fixtures" / "minimal"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the test LMS and every package of the test courses, unpacked."""
    if not SCORM_AGAIN.is_file():
        pytest.fail(
            "scorm-again is not installed: run `make test` (it runs npm ci in tests/browser)"
        )
    root = tmp_path_factory.mktemp("site")
    shutil.copy(HERE / "lms.html", root / "lms.html")
    shutil.copy(HERE / "lms.js", root / "lms.js")
    (root / "scorm-again").mkdir()
    shutil.copy(SCORM_AGAIN, root / "scorm-again" / "scorm-again.js")
    dist = tmp_path_factory.mktemp("dist")
    for name, course in COURSES.items():
        report = api.build(course, dist / name, ["scorm12", "scorm2004", "web"])
        for written in report.packages:
            target = written.path.stem.rsplit("-", 1)[1]
            with zipfile.ZipFile(written.path) as archive:
                archive.extractall(root / f"{name}-{target}")
    return root


@pytest.fixture(scope="session")
def lms_server(site: Path) -> Iterator[LmsServer]:
    """The test LMS's server: the site, and the commits and call log of every launch."""
    server = LmsServer(str(site)).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def base_url(lms_server: LmsServer) -> str:
    return lms_server.url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `make test` (it installs Debian's chromium package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, lms_server):  # type: ignore[no-untyped-def]
    """A fresh page that records console errors and every request it makes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.lms = lms_server
    page.problems = []
    page.requests = []
    page.warnings = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("console", lambda m: m.type == "warning" and page.warnings.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    yield page
    context.close()
