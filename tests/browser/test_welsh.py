"""The Welsh packages in headless Chromium: SCORM 1.2 and 2004 against scorm-again, cmi5 against
Ralph. Progress, scores and answers are recorded as in English; every statement says `cy`.

The Welsh texts are translate-toolkit's pseudo-translation, brought in by `translate import`.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cmi5_lms import Cmi5Lms, Launch
from lxml import etree
from ralph_server import Ralph
from test_cmi5 import CMI5_NS, assert_clean, leave, open_course, wait_for
from trainee import close, interaction_ids, launch
from translate_helpers import welsh_course

from builder import api

IRI = "https://training.example.org/courses/fire-safety"


@pytest.fixture(scope="module")
def welsh(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Welsh and English packages of the minimal course: {name: zip}."""
    tmp = tmp_path_factory.mktemp("welsh")
    course = welsh_course(tmp, f"iri: {IRI}\n")
    report = api.build(course, tmp / "dist", ["scorm12", "scorm2004", "cmi5"])
    return {p.path.name: p.path for p in report.packages}


@pytest.fixture(scope="module")
def scorm_site(welsh, site) -> dict[str, str]:
    """Each SCORM package unpacked into the test LMS's site: {version: folder}."""
    folders = {}
    for version, fmt in (("1.2", "scorm12"), ("2004", "scorm2004")):
        for lang, name in (("cy", f"fire-safety-1.0.0-cy-{fmt}.zip"),
                           ("en", f"fire-safety-1.0.0-{fmt}.zip")):  # fmt: skip
            folder = f"welsh-test-{lang}-{fmt}"
            with zipfile.ZipFile(welsh[name]) as archive:
                archive.extractall(site / folder)
            folders[(lang, version)] = folder
    return folders


def summary(cmi: dict[str, Any], version: str) -> dict[str, Any]:
    """What an LMS report shows of an attempt: status, score, and each answer's result."""
    interactions = sorted(
        (i["id"], i["result"]) for i in cmi["interactions"].values() if i["id"] != "role"
    )
    if version == "1.2":
        core = cmi["core"]
        return {"status": core["lesson_status"], "score": core["score"]["raw"],
                "answers": interactions}  # fmt: skip
    return {"status": (cmi["completion_status"], cmi["success_status"]),
            "score": cmi["score"]["raw"], "answers": interactions}  # fmt: skip


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_the_welsh_scorm_package_records_as_the_english_does(page, base_url, scorm_site, version):
    results = {}
    for lang in ("cy", "en"):
        trainee = launch(page, base_url, scorm_site[(lang, version)], version)
        assert trainee.frame.evaluate("document.documentElement.lang") == (
            "cy" if lang == "cy" else "en-GB"
        )
        title = trainee.frame.inner_text("h1")
        assert title.startswith("xxx") == (lang == "cy"), title
        trainee.start("manager")
        final = trainee.complete_course(final_right=True)
        data = trainee.data()
        cmi = close(page)
        recorded = summary(cmi, version)
        assert [a for a, _r in recorded["answers"]] == sorted(interaction_ids(data, final))
        # The final draw is random: compare what was recorded, not which questions came up.
        recorded["answers"] = [r for _a, r in recorded["answers"]]
        results[lang] = recorded
    assert results["cy"]["status"] in ("passed", ("completed", "passed"))
    assert results["cy"] == results["en"]
    assert page.problems == []


@pytest.fixture(scope="module")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ralph]:
    lrs = Ralph(tmp_path_factory.mktemp("ralph-welsh"))
    yield lrs
    lrs.stop()


@pytest.fixture(scope="module")
def cmi5(welsh, tmp_path_factory, ralph) -> Iterator[tuple[Cmi5Lms, str]]:
    root = tmp_path_factory.mktemp("cmi5-welsh-site")
    with zipfile.ZipFile(welsh["fire-safety-1.0.0-cy-cmi5.zip"]) as archive:
        archive.extractall(root / "cy-cmi5")
    structure = etree.parse(str(root / "cy-cmi5" / "cmi5.xml"))
    au_id = structure.find(".//c:au", CMI5_NS).get("id")
    server = Cmi5Lms(root, ralph)
    yield server, au_id
    server.stop()


@pytest.fixture
def tab(browser) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems, page.missing = [], []
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("response", lambda r: r.status == 404 and page.missing.append(r.url))
    yield page
    context.close()


def test_the_welsh_cmi5_package_says_cy_in_every_statement(tab, cmi5, ralph):
    lms, au_id = cmi5
    reg = lms.register(Launch("cy-cmi5", au_id, IRI, mastery=0.8))
    trainee = open_course(tab, lms, reg)
    assert trainee.frame.evaluate("document.documentElement.lang") == "cy"
    trainee.start("rep")
    final = trainee.complete_course(final_right=True)
    data = trainee.data()
    wait_for(lms, reg, "passed")
    leave(tab, lms, reg)
    answered = [f"answered:{q}" for q in interaction_ids(data, final)]
    assert lms.sequence(reg) == [
        "launched", "initialized", "answered:role", "completed", *answered, "passed",
        "terminated",
    ]  # fmt: skip
    ours = [s for s in lms.statements(reg) if not s["verb"]["id"].endswith("/launched")]
    assert ours and all(s["context"]["language"] == "cy" for s in ours)
    stored = [s for s in ralph.statements(reg) if not s["verb"]["id"].endswith("/launched")]
    assert {s["context"]["language"] for s in stored} == {"cy"}
    passed = next(s for s in ours if s["verb"]["id"].endswith("/passed"))
    assert passed["result"]["score"]["scaled"] == 1
    assert any(re.match(r"^xxx", d) for s in ours
               for d in (s["object"].get("definition", {}).get("description") or {}).values())  # fmt: skip
    assert_clean(tab, lms, ralph, reg)
