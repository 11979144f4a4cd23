"""Scenarios in a real LMS runtime (scorm-again), SCORM 1.2 and 2004: paths, reports, resume."""

from __future__ import annotations

import pytest
from scenario_course import scenario_site  # noqa: F401  (a fixture)
from trainee import WAIT, close, launch, lms_errors

VERSIONS = {"1.2": "scorm12", "2004": "scorm2004"}
SCENARIO = "rev-s1"
pytestmark = pytest.mark.usefixtures("scenario_site")
BOX = f"#dfc-screen #q-{SCENARIO}"


def all_paths(q: dict) -> list[tuple[list[tuple[str, str]], str, int]]:
    """Every path through the scenario: [(node, choice)], the ending and the points."""
    found = []

    def walk(node: str, path: list[tuple[str, str]], points: int) -> None:
        for choice_id, following, ending, score in q["nodes"][node]:
            step = [*path, (node, choice_id)]
            if ending:
                found.append((step, ending, points + score))
            else:
                walk(following, step, points + score)

    walk(q["start"], [], 0)
    return found


def decide(frame, node: str, choice: str) -> None:
    frame.check(f"{BOX} [data-dfc-node='{node}'] input[value='{choice}']")
    frame.click(f"{BOX} [data-dfc-node='{node}'] [data-dfc-decide]")


def open_final(trainee) -> None:
    trainee.start("manager")
    trainee.open("final-assessment")
    trainee.ready()


def decisions(cmi: dict) -> list[dict]:
    return [i for i in cmi["interactions"].values() if i["id"].startswith(f"{SCENARIO}-")]


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_every_path_reaches_its_ending_and_each_decision_is_recorded(page, base_url, version):
    folder = f"scenario-{VERSIONS[version]}"
    trainee = launch(page, base_url, folder, version)
    q = trainee.data()["questions"][SCENARIO]
    paths = all_paths(q)
    assert len(paths) == 5
    for n, (path, ending, points) in enumerate(paths):
        if n:
            trainee = launch(page, base_url, folder, version)
        open_final(trainee)
        frame = trainee.frame
        assert frame.is_visible(f"{BOX} [data-dfc-node='{q['start']}']")
        for step, (node, choice) in enumerate(path, 1):
            assert frame.inner_text(f"{BOX} [data-dfc-node='{node}'] h3") == f"Step {step}"
            decide(frame, node, choice)
            # No going back: the node just decided is gone, and only one node or ending shows.
            assert not frame.is_visible(f"{BOX} [data-dfc-node='{node}']")
            shown = frame.eval_on_selector_all(
                f"{BOX} [data-dfc-node], {BOX} [data-dfc-ending]",
                "els => els.filter(e => !e.hidden).length",
            )
            assert shown == 1
        assert frame.is_visible(f"{BOX} [data-dfc-ending='{ending}']")
        trainee.answer("rev-01", right=True)
        trainee.submit()
        cmi = close(page)
        recorded = decisions(cmi)
        assert [r["id"] for r in recorded] == [f"{SCENARIO}-{node}" for node, _ in path]
        wrong = "incorrect" if version == "2004" else "wrong"
        for record, (node, choice) in zip(recorded, path, strict=True):
            score = next(c[3] for c in q["nodes"][node] if c[0] == choice)
            best = max(c[3] for c in q["nodes"][node])
            # A best choice is correct (n3's best earns 1), any other that earns points neutral.
            expected = "correct" if score == best else "neutral" if score else wrong
            assert record["type"] == "choice"
            assert record["result"] == expected
            assert record["objectives"]["0"]["id"] == "review-decide"
            if version == "1.2":
                assert record["student_response"] == f"ids:{choice}"
            else:
                assert record["learner_response"] == choice
        # The points taken over the best points on offer at the steps visited.
        offered = sum(max(c[3] for c in q["nodes"][node]) for node, _ in path)
        percent = round(100 * (2 * points / offered + 1) / 3)
        raw = cmi["core"]["score"]["raw"] if version == "1.2" else cmi["score"]["raw"]
        assert raw == str(percent)
        assert lms_errors(page) == []
        assert page.problems == []


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_trainee_who_leaves_mid_scenario_resumes_where_they_were(page, base_url, version):
    folder = f"scenario-{VERSIONS[version]}"
    trainee = launch(page, base_url, folder, version)
    open_final(trainee)
    decide(trainee.frame, "n1", "b")
    consequence = trainee.frame.inner_text(f"{BOX} [data-dfc-consequence]")
    assert "Word gets out within days" in consequence
    cmi = close(page)
    assert decisions(cmi) == []  # decisions are reported when the attempt is submitted
    assert len(cmi["suspend_data"]) < 4096

    again = launch(page, base_url, folder, version, cmi=cmi)
    again.frame.wait_for_function("() => DFC.app.nav.current >= 0", timeout=WAIT)
    assert again.current() == "final-assessment"
    again.ready()
    frame = again.frame
    assert frame.is_visible(f"{BOX} [data-dfc-node='n3']")
    assert not frame.is_visible(f"{BOX} [data-dfc-node='n1']")
    assert frame.inner_text(f"{BOX} [data-dfc-node='n3'] h3") == "Step 2"
    assert frame.inner_text(f"{BOX} [data-dfc-consequence]") == consequence
    decide(frame, "n3", "a")
    assert frame.is_visible(f"{BOX} [data-dfc-ending='e2']")
    again.answer("rev-01", right=False)
    again.submit()
    assert frame.inner_text(f"{BOX} [data-dfc-result]") == (
        "You took the best choice at 1 of 2 steps (1 of the 3 points on offer at those steps)."
    )
    cmi = close(page)
    assert [r["id"] for r in decisions(cmi)] == [f"{SCENARIO}-n1", f"{SCENARIO}-n3"]
    assert lms_errors(page) == []
    assert page.problems == []


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_try_again_restarts_the_scenario_and_reports_the_attempt(page, base_url, version):
    trainee = launch(page, base_url, f"scenario-{VERSIONS[version]}", version)
    open_final(trainee)
    frame = trainee.frame
    decide(frame, "n1", "c")
    trainee.answer("rev-01", right=False)
    trainee.submit()  # 1 of 2 points on a weighting of 2, and a wrong answer: 33 %, a fail
    frame.click("#dfc-screen [data-dfc-retry]")
    frame.wait_for_selector(f"{BOX} [data-dfc-node='n1']:not([hidden])", timeout=WAIT)
    assert frame.inner_text(f"{BOX} [data-dfc-node='n1'] h3") == "Step 1"
    decide(frame, "n1", "a")
    decide(frame, "n2", "a")
    trainee.answer("rev-01", right=True)
    trainee.submit()
    cmi = close(page)
    assert [r["id"] for r in decisions(cmi)] == [
        f"{SCENARIO}-n1",
        f"{SCENARIO}-n1-attempt-2",
        f"{SCENARIO}-n2-attempt-2",
    ]
    status = cmi["core"]["lesson_status"] if version == "1.2" else cmi["success_status"]
    assert status == "passed"
