"""The self-assessment in a real browser: the runtime places as the model does, shows the
profile and the joint actions, keeps its answers, and tells the LMS once per statement."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from trainee import close, launch, lms_errors, stored

from builder import api
from builder.model.course import DONT_KNOW
from builder.render.pages import RUNTIME, runtime_scripts
from builder.render.quiz_data import diagnostic_data
from builder.targets import get_target

REPO = Path(__file__).parents[2]
VERSIONS = {"1.2": "scorm12", "2004": "scorm2004"}


@pytest.fixture(scope="module")
def diagnostic():
    model, _ = api.validate(REPO, strict=True)
    return model.self_assessment


@pytest.fixture
def runtime(page):
    """The scripts a browser-only package loads, in the package's own order, up to and
    including the self-assessment's (the page furniture after it is left out)."""
    page.set_content("<!doctype html><title>runtime</title>")
    scripts = runtime_scripts(get_target("web"))
    for name in scripts[: scripts.index("self-assessment.js") + 1]:
        page.add_script_tag(path=str(RUNTIME / name))
    return page


def test_the_runtime_places_every_answer_set_as_the_model_does(runtime, diagnostic):
    data = diagnostic_data(diagnostic)
    rand = random.Random(21)
    choices = [*data["answers"]]
    cases = [{q: rand.choice(choices) for q in data["questions"]} for _ in range(1500)]
    # Skewed sets reach Good Practice and the Danger rules often enough to matter.
    cases += [
        {q: rand.choice(["c", "d", "d", DONT_KNOW]) for q in data["questions"]} for _ in range(500)
    ]
    cases += [{q: rand.choice(["a", "a", "b"]) for q in data["questions"]} for _ in range(500)]
    # Good Practice reads nearly every statement, so it needs sets with no "don't know".
    cases += [{q: rand.choice(["b", "c", "d", "d"]) for q in data["questions"]} for _ in range(500)]
    placed = runtime.evaluate(
        "([diag, cases]) => cases.map(c => { const p = DFC.Diagnostic.place(diag, c);"
        " return [p.band.id, p.rule]; })",
        [data, cases],
    )
    expected = [[b.id, r] for b, r in (diagnostic.place(c) for c in cases)]
    assert placed == expected
    assert {p[0] for p in placed} == {"danger", "comfort", "good-practice", "not-enough-evidence"}
    assert {p[1] for p in placed if p[0] == "danger"} == {0, 1, 2, 3}


def test_the_profile_averages_each_element_without_dont_knows(runtime, diagnostic):
    data = diagnostic_data(diagnostic)
    answers = {q: "d" for q in data["questions"]}
    first, second, *_ = diagnostic.statements_of("involvement")
    answers[first] = "a"
    answers[second] = DONT_KNOW
    unions = diagnostic.statements_of("unions")
    for q in unions:
        answers[q] = DONT_KNOW
    got = runtime.evaluate("([d, a]) => DFC.Diagnostic.profile(d, a)", [data, answers])
    involvement = len(diagnostic.statements_of("involvement"))
    assert got[0] == {
        "id": "involvement",
        "average": 3 * (involvement - 2) / (involvement - 1),
        "answered": involvement - 1,
        "unknown": 1,
    }
    assert got[2] == {"id": "unions", "average": None, "answered": 0, "unknown": len(unions)}


def test_saved_answers_keep_dont_know_and_the_attempt(runtime, diagnostic):
    data = {
        "fingerprint": "abc123def456",
        "screens": [{"id": "s", "url": "s.html", "kind": "diagnostic", "module": None}],
        "modules": [],
        "questions": {},
        "quizzes": {},
        "diagnostic": diagnostic_data(diagnostic),
    }
    answers = {
        q: (DONT_KNOW if n % 3 else "b") for n, q in enumerate(data["diagnostic"]["questions"])
    }
    back = runtime.evaluate(
        "([data, answers]) => { const s = DFC.State.empty();"
        " s.diag = { answers: answers, done: true, attempt: 3 };"
        " const text = DFC.State.encode(s, data, 4096); return [text, DFC.State.decode(text, data)]; }",
        [data, answers],
    )
    text, state = back
    assert len(text) < 100
    assert state["diag"] == {"answers": answers, "done": True, "attempt": 3}
    for bad in ("1~abc123def456~~0~~d.0!", "1~abc123def456~~0~~x!1", "1~abc123def456~~0~~d!9"):
        assert runtime.evaluate("([t, d]) => DFC.State.decode(t, d)", [bad, data]) is None


def rate(frame, diag, chosen: dict[str, str]) -> None:
    for qid in diag["questions"]:
        frame.check(f"#q-{qid} input[value='{chosen.get(qid, 'c')}']")


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_finishing_tells_the_lms_each_answer_once_and_shows_the_result(page, base_url, version):
    trainee = launch(page, base_url, f"bundled-{VERSIONS[version]}", version)
    trainee.start("rep")
    trainee.open("self-assessment")
    frame = trainee.frame
    diag = trainee.data()["diagnostic"]
    chosen = {"sa-17": "a", "sa-18": "a", "sa-04": DONT_KNOW, "sa-12": DONT_KNOW}
    rate(frame, diag, chosen)
    frame.click("#dfc-screen .dfc-submit")
    frame.wait_for_selector("#dfc-screen [data-dfc-band='danger']:not([hidden])")
    result = frame.inner_text("#dfc-screen [data-dfc-quiz-result]")
    assert "Danger zone" in result and "whatever else you answered" in result
    assert "Comfort zone" not in result and "Good Practice zone" not in result
    actions = frame.eval_on_selector_all(
        "#dfc-screen [data-dfc-unknown]:not([hidden])", "els => els.map(e => e.dataset.dfcUnknown)"
    )
    assert actions == ["sa-04", "sa-12"]
    rows = frame.eval_on_selector_all(
        "#dfc-screen [data-dfc-profile]",
        "rows => rows.map(r => [r.dataset.dfcProfile, r.cells[1].textContent])",
    )
    assert rows[2] == ["unions", '2 out of 3 (about "Mostly") (1 answered "Don\'t know")']
    # management: 2, 0, 0, 2, 2, 2 over six statements
    assert [rows[3][0], rows[3][1].strip()] == ["management", '1.3 out of 3 (about "Partly")']
    bars = frame.eval_on_selector_all(
        "#dfc-screen [data-dfc-bar] .dfc-bar", "bars => bars.map(b => b.style.width)"
    )
    assert bars[2] == "67%"  # 2 of 3: the bar and its text agree
    weight = frame.eval_on_selector(
        "#dfc-screen [data-dfc-band='danger'] > p", "p => getComputedStyle(p).fontWeight"
    )
    assert weight == "400", "the result reads as text, not one bold block"
    mid = stored(page)
    # Reloading the result, or coming back to it, writes nothing more.
    trainee.next()
    trainee.open("self-assessment")
    frame.wait_for_selector("#dfc-screen [data-dfc-band='danger']:not([hidden])")
    cmi = close(page)
    records = [i for i in cmi["interactions"].values() if i["id"] != "role"]
    assert len(records) == len(diag["questions"]) + 1
    assert len(mid["interactions"]) == len(cmi["interactions"])
    statements, zone = records[:-1], records[-1]
    assert [i["id"] for i in statements] == diag["questions"]
    assert all(i["type"] == "likert" and i["result"] == "neutral" for i in statements)
    response = "student_response" if version == "1.2" else "learner_response"
    answers = [i[response] for i in statements]
    if version == "1.2":  # the answer's id, after the tag that names the form
        assert answers == ["ids:" + chosen.get(q, "c") for q in diag["questions"]]
        assert zone["type"] == "fill-in"
    else:
        assert answers == [chosen.get(q, "c") for q in diag["questions"]]
        assert zone["type"] == "other"
        assert statements[0]["description"].startswith("Corporate level:")
    assert zone["id"] == "self-assessment" and zone[response] == "danger"
    assert zone["result"] == "neutral"
    assert lms_errors(page) == []


def test_changing_answers_is_a_second_attempt(page, base_url):
    trainee = launch(page, base_url, "bundled-scorm2004", "2004")
    trainee.start("manager")
    trainee.open("self-assessment")
    frame = trainee.frame
    diag = trainee.data()["diagnostic"]
    rate(frame, diag, {"sa-05": DONT_KNOW})
    frame.click("#dfc-screen .dfc-submit")
    frame.wait_for_selector("#dfc-screen [data-dfc-band='comfort']:not([hidden])")
    assert frame.is_disabled("#q-sa-05 input[value='c']")
    frame.click("#dfc-screen [data-dfc-retry]")
    frame.wait_for_selector("#dfc-screen .dfc-submit:not([hidden])")
    assert frame.is_checked(f"#q-sa-05 input[value='{DONT_KNOW}']")
    frame.check("#q-sa-05 input[value='d']")
    frame.click("#dfc-screen .dfc-submit")
    frame.wait_for_selector("#dfc-screen [data-dfc-band='good-practice']:not([hidden])")
    assert not frame.is_visible("#dfc-screen [data-dfc-unknowns]")
    cmi = close(page)
    ids = [i["id"] for i in cmi["interactions"].values() if i["id"] != "role"]
    n = len(diag["questions"])
    assert ids[: n + 1] == [*diag["questions"], "self-assessment"]
    assert ids[n + 1 :] == [f"{q}-attempt-2" for q in diag["questions"]] + [
        "self-assessment-attempt-2"
    ]
    assert list(cmi["interactions"].values())[-1]["learner_response"] == "good-practice"
