"""A scenario whose paths differ in length: the best choice at every step scores 100 % in the
runtime, the preview and the LMS record (SCORM 1.2 and 2004; cmi5 is in test_cmi5.py), and
fair choices: shuffled per attempt and kept over a resume, recorded by id, weights sent; the
result says what its per cent is made of; the review shows the better choice.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from scenario_course import scenario_site  # noqa: F401  (a fixture)
from trainee import WAIT, Trainee, close, launch, lms_errors

from builder import api
from builder.tools.preview import PreviewServer

FIXTURE = Path(__file__).parents[1] / "fixtures" / "unequal"
VERSIONS = {"1.2": "scorm12", "2004": "scorm2004"}
SCENARIO = "un-s1"
BOX = f"#dfc-screen #q-{SCENARIO}"
# Math.random made repeatable, so each attempt's seed, and so its order, is the same each run.
SEEDED = """(() => { let s = 20261203;
  Math.random = () => (s = (s * 16807) % 2147483647) / 2147483647; })();"""


@pytest.fixture(scope="module")
def unequal_site(site, tmp_path_factory):
    out = tmp_path_factory.mktemp("dist-unequal")
    for written in api.build(FIXTURE, out, ["scorm12", "scorm2004"]).packages:
        target = written.path.stem.rsplit("-", 1)[1]
        with zipfile.ZipFile(written.path) as archive:
            archive.extractall(site / f"unequal-{target}")
    return site


def decide(frame, node: str, choice: str) -> None:
    frame.check(f"{BOX} [data-dfc-node='{node}'] input[value='{choice}']")
    frame.click(f"{BOX} [data-dfc-node='{node}'] [data-dfc-decide]")


def begin(page, base_url, version, **kwargs) -> Trainee:
    trainee = launch(page, base_url, f"unequal-{VERSIONS[version]}", version, **kwargs)
    trainee.start("manager")
    trainee.open("final-assessment")
    trainee.ready()
    trainee.reveal(SCENARIO)
    return trainee


def shown_order(frame, node: str) -> list[str]:
    return frame.eval_on_selector_all(
        f"{BOX} [data-dfc-node='{node}'] [data-dfc-choice]",
        "rows => rows.map(r => r.getAttribute('data-dfc-choice'))",
    )


def result_text(frame) -> str:
    return frame.inner_text("#dfc-screen [data-dfc-quiz-result]")


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_the_best_choice_at_every_step_scores_100_on_a_short_path(
    page, base_url, unequal_site, version
):
    trainee = begin(page, base_url, version)
    frame = trainee.frame
    decide(frame, "n1", "b")  # the best choice, and the path ends at once
    assert frame.is_visible(f"{BOX} [data-dfc-ending='e1']")
    trainee.answer("rev-01", right=True)
    trainee.submit()
    trainee.reveal(SCENARIO)
    assert frame.inner_text(f"{BOX} [data-dfc-result]") == (
        "You took the best choice at 1 of 1 step (2 of the 2 points on offer at those steps)."
    )
    assert result_text(frame).startswith(
        "You got 2 of 2 right. Your score is 100%: some questions count more than others. "
        "You passed."
    )
    cmi = close(page)
    raw = cmi["core"]["score"]["raw"] if version == "1.2" else cmi["score"]["raw"]
    status = cmi["core"]["lesson_status"] if version == "1.2" else cmi["success_status"]
    assert (raw, status) == ("100", "passed")
    records = {i["id"]: i for i in cmi["interactions"].values()}
    # The scenario counts 3 (the default scenario_weight); its one decision carries it all.
    assert records[f"{SCENARIO}-n1"]["weighting"] == "3"
    assert records[f"{SCENARIO}-n1"]["result"] == "correct"
    assert records["rev-01"]["weighting"] == "1"
    assert lms_errors(page) == []
    assert page.problems == []


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_part_marks_are_said_and_the_review_shows_the_better_choice(
    page, base_url, unequal_site, version
):
    trainee = begin(page, base_url, version)
    frame = trainee.frame
    # The legend asks the step's own question, and the text does not ask it twice.
    legend = frame.inner_text(f"{BOX} [data-dfc-node='n1'] legend")
    assert legend == "What does Gary do?"
    assert legend not in frame.inner_text(f"{BOX} [data-dfc-node='n1'] .dfc-node-text")
    decide(frame, "n1", "a")  # 1 of 2: leads on
    note = frame.inner_text(f"{BOX} [data-dfc-consequence]").splitlines()
    assert [line for line in note if line.strip()] == [
        "You chose: Ask members to wait while he checks the rota with Anita first.",
        "What happened: Members wait a day, uneasy, but Gary has the facts when they meet.",
    ]
    assert frame.inner_text(f"{BOX} [data-dfc-node='n2'] legend") == "What does Anita do?"
    decide(frame, "n2", "c")  # 1 of 2
    trainee.answer("rev-01", right=True)
    trainee.submit()
    trainee.reveal(SCENARIO)
    # (3 x 2 of 4 + 1) of 4: 62.5, shown as 63 %; one question of two fully right.
    assert result_text(frame).startswith(
        "You got 1 of 2 questions fully right. Your score is 63%: it counts part marks for "
        "scenario steps, and some questions count more than others."
    )
    assert "right: 63%" not in result_text(frame)
    steps = frame.eval_on_selector_all(
        f"{BOX} [data-dfc-path] ol > li",
        "items => items.map(li => Array.from(li.querySelectorAll('p')).map(p => p.innerText))",
    )
    assert steps == [
        [
            "You chose: Ask members to wait while he checks the rota with Anita first. "
            "(1 of 2 points)",
            "What happened: Members wait a day, uneasy, but Gary has the facts when they meet.",
            "The best choice here: Agree a time with Anita today and tell the members "
            "straight away.",
        ],
        [
            "You chose: Ask Gary to pass on the reasons for the rota at the next branch "
            "meeting. (1 of 2 points)",
            "What happened: The reasons arrive late and second hand, but they do arrive.",
            "The best choice here: Meet the members with Gary today and explain how the rota "
            "was drawn up.",
        ],
    ]
    # Numbered once: by the list, not again in the text.
    assert not any(p.startswith("Step") for step in steps for p in step)
    cmi = close(page)
    records = {i["id"]: i for i in cmi["interactions"].values()}
    # The scenario's weight of 3 shared by the best points on offer at each step: 1.5 each.
    assert [records[f"{SCENARIO}-{n}"]["weighting"] for n in ("n1", "n2")] == ["1.5", "1.5"]
    assert lms_errors(page) == []
    assert page.problems == []


def test_choices_are_shuffled_once_per_attempt_kept_over_a_resume_and_recorded_by_id(
    page, base_url, unequal_site
):
    page.context.add_init_script(SEEDED)
    trainee = begin(page, base_url, "2004")
    frame = trainee.frame
    source = ["a", "b", "c", "d"]
    first = shown_order(frame, "n1")
    assert sorted(first) == source and first != source
    seed = frame.evaluate("DFC.app.quizState('final').seed")
    sid = page.dfc_sid
    cmi = close(page)

    again = launch(page, base_url, "unequal-scorm2004", "2004", cmi=cmi, sid=sid)
    again.frame.wait_for_function("() => DFC.app.nav.current >= 0", timeout=WAIT)
    again.ready()
    again.reveal(SCENARIO)
    frame = again.frame
    assert frame.evaluate("DFC.app.quizState('final').seed") == seed
    assert shown_order(frame, "n1") == first
    decide(frame, "n1", "d")  # wherever it is shown
    second = shown_order(frame, "n2")
    assert sorted(second) == source
    decide(frame, "n2", "a")
    again.answer("rev-01", right=False)
    again.submit()
    cmi = close(page)
    records = {i["id"]: i for i in cmi["interactions"].values()}
    assert records[f"{SCENARIO}-n1"]["learner_response"] == "d"
    assert records[f"{SCENARIO}-n2"]["learner_response"] == "a"
    assert lms_errors(page) == []


@pytest.mark.usefixtures("scenario_site")
def test_with_shuffle_off_the_choices_keep_their_source_order(page, base_url):
    trainee = launch(page, base_url, "scenario-scorm2004", "2004")
    trainee.start("manager")
    trainee.open("final-assessment")
    trainee.ready()
    trainee.reveal("rev-s1")
    order = trainee.frame.eval_on_selector_all(
        "#dfc-screen #q-rev-s1 [data-dfc-node='n1'] [data-dfc-choice]",
        "rows => rows.map(r => r.getAttribute('data-dfc-choice'))",
    )
    assert order == ["a", "b", "c"]


@pytest.mark.parametrize("scorm", ["12", "2004"])
def test_the_preview_panel_shows_100_for_the_best_choice_at_every_step(browser, tmp_path, scorm):
    course = Path(shutil.copytree(FIXTURE, tmp_path / "course"))
    server = PreviewServer(course, scorm=scorm, port=0, report=lambda _m: None).start()
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    try:
        page.goto(server.url)
        trainee = Trainee(page, frame_selector="#course")
        trainee.frame.wait_for_selector("h1")
        trainee.start("manager")
        trainee.open("final-assessment")
        trainee.ready()
        trainee.reveal(SCENARIO)
        decide(trainee.frame, "n1", "b")
        trainee.answer("rev-01", right=True)
        trainee.submit()
        page.wait_for_function(
            "() => /Score\\s*100/.test(document.querySelector('#panel').innerText)", timeout=WAIT
        )
        panel = page.inner_text("#panel")
        assert ("Status\npassed" if scorm == "12" else "Success\npassed") in panel
    finally:
        context.close()
        server.stop()
