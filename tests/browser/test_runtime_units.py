"""Unit tests of the runtime's encoders, run in Chromium on the shipped scripts themselves."""

from __future__ import annotations

import json

import pytest

from builder.render.pages import RUNTIME, runtime_scripts
from builder.targets import get_target


@pytest.fixture
def runtime(page):
    """The scripts a SCORM 1.2 package loads (both SCORM adapters), in the package's own
    order, up to and including the scenario's (the page furniture after it is left out)."""
    page.set_content("<!doctype html><title>runtime</title>")
    scripts = runtime_scripts(get_target("scorm12"))
    for name in scripts[: scripts.index("scenario.js") + 1]:
        page.add_script_tag(path=str(RUNTIME / name))
    return page


def scenario(nodes: int = 8) -> dict:
    """A scenario whose longest path makes a decision at each of its `nodes` nodes."""
    chain = {}
    for n in range(nodes):
        last = n == nodes - 1
        following = "" if last else f"n{n + 1}"
        chain[f"n{n}"] = [
            ["a", following, "e1" if last else "", 2],
            ["b", following, "e2" if last else "", 1],
            ["c", "", "e3", 0],
        ]
    return {"type": "scenario", "start": "n0", "nodes": chain}


def big_course(pages: int = 100, questions: int = 300, scenarios: int = 12) -> dict:
    """100 pages, 300 questions of every type in 100 modules, and 12 scenarios of 8 nodes."""
    shapes = [("single", 4), ("multiple", 5), ("true-false", 2), ("matching", 5), ("ordering", 5)]
    qs = {}
    for n in range(questions):
        kind, size = shapes[n % len(shapes)]
        options = ["true", "false"] if kind == "true-false" else [f"o{i}" for i in range(size)]
        qs[f"module-{n // 3:03d}-question-{n:03d}"] = {
            "type": kind,
            "options": options,
            "correct": options[:1],
            "weighting": 1,
            "objective": "x",
            "module": f"m{n // 3}",
        }
    for n in range(scenarios):
        qs[f"module-{n:03d}-scenario-{n:02d}"] = {
            **scenario(),
            "weighting": 1,
            "objective": "x",
            "module": f"m{n}",
        }
    modules = [{"id": f"m{i}", "title": "M"} for i in range(max(1, questions // 3))]
    return {
        "fingerprint": "abc123def456",
        "roles": ["manager", "rep", "other"],
        "screens": [
            {"id": f"s{i}", "url": f"pages/{i}.html", "kind": "page", "module": None}
            for i in range(pages)
        ],
        "modules": modules,
        "questions": qs,
        "quizzes": {
            m["id"]: {
                "questions": [q for q, d in qs.items() if d["module"] == m["id"]],
                "shuffle": True,
                "draw": None,
                "attempts": 0,
                "passMark": 80,
            }
            for m in modules
        },
        "graded": "final",
        "final": {"perModule": 3, "shuffle": True, "attempts": 3, "passMark": 80},
    }


FILL = """
([data]) => {
  const state = DFC.State.empty();
  data.screens.forEach((s, i) => { state.seen[i] = true; });
  state.role = 'rep';
  const answer = (q) => {
    if (q.type === 'scenario') {
      const path = [];
      for (let node = q.start; node; ) {
        const choice = q.nodes[node][1];
        path.push(choice[0]);
        node = choice[2] ? '' : choice[1];
      }
      return path;
    }
    if (q.type === 'multiple') return q.options.slice(1);
    if (q.type === 'matching') return Object.fromEntries(q.options.map((o, i) => [o, q.options[q.options.length - 1 - i]]));
    if (q.type === 'ordering') return Object.fromEntries(q.options.map((o, i) => [o, q.options.length - i]));
    return q.options[q.options.length - 1];
  };
  const fill = (key) => {
    const qs = DFC.State.emptyQuiz();
    qs.seed = 2147483646; qs.attempt = 9; qs.done = true;
    DFC.Quiz.drawn(data, key, qs).forEach((id) => { qs.answers[id] = answer(data.questions[id]); });
    state.quizzes[key] = qs;
  };
  data.modules.forEach((m) => fill(m.id));
  fill('final');
  const text = DFC.State.encode(state, data, 4096);
  return { text, state, back: DFC.State.decode(text, data) };
}
"""


def test_suspend_data_round_trips_and_fits_scorm12(runtime):
    data = big_course()
    result = runtime.evaluate(FILL, [data])
    text = result["text"]
    assert 0 < len(text) <= 4096, len(text)
    back, state = result["back"], result["state"]
    assert back is not None
    assert back["seen"] == state["seen"]
    assert back["role"] == "rep"
    assert back["quizzes"] == state["quizzes"]
    assert len(back["quizzes"]["final"]["answers"]) == 300
    paths = [a for q in back["quizzes"].values() for a in q["answers"].values() if a == ["b"] * 8]
    assert len(paths) >= 12  # every scenario's eight decisions, in each quiz that asks it


def test_suspend_data_never_exceeds_the_limit(runtime):
    data = big_course()
    for limit in (4096, 1500, 300, 40):
        text = runtime.evaluate(
            "([data, limit]) => { const s = DFC.State.empty(); data.screens.forEach((x, i) => s.seen[i] = true);"
            " const f = DFC.State.emptyQuiz(); Object.keys(data.questions).forEach(id => f.answers[id] ="
            " data.questions[id].type === 'scenario' ? ['c'] :"
            " data.questions[id].type === 'multiple' ? data.questions[id].options : data.questions[id].type ==="
            " 'true-false' ? 'true' : data.questions[id].type === 'single' ? 'o3' : {}); s.quizzes.final = f;"
            " data.modules.forEach(m => { s.quizzes[m.id] = Object.assign(DFC.State.emptyQuiz(), {answers: f.answers}); });"
            " return DFC.State.encode(s, data, limit); }",
            [data, limit],
        )
        assert len(text) <= limit


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "garbage",
        "1~otherprint~P~2~~",
        "1~abc123def456~P~9~Z!1.x.d!~",
        "1~abc123def456~~~",
        "2~abc123def456~P~2~~",
    ],
)
def test_damaged_or_stale_suspend_data_is_refused(runtime, bad):
    data = big_course(pages=10, questions=10)
    assert runtime.evaluate("([t, d]) => DFC.State.decode(t, d)", [bad, data]) is None


ADAPTER = """
([version, rec]) => {
  const log = [];
  const names = version === '1.2' ? ['LMSInitialize','LMSGetValue','LMSSetValue','LMSCommit','LMSFinish','LMSGetLastError','LMSGetErrorString']
                                  : ['Initialize','GetValue','SetValue','Commit','Terminate','GetLastError','GetErrorString'];
  const api = {};
  names.forEach((n) => { api[n] = (k, v) => { if (n.endsWith('SetValue')) log.push([k, v]); return n.endsWith('GetValue') ? '' : 'true'; }; });
  api[names[5]] = () => '0'; api[names[6]] = () => '';
  const adapter = DFC.adapters[version === '1.2' ? 'scorm12' : 'scorm2004'](api);
  adapter.start();
  rec.when = new Date(2026, 10, 25, 9, 5, 7);
  rec.index = 0;
  adapter.addInteraction(rec);
  adapter.commit();
  return Object.fromEntries(log);
}
"""
OPTIONS = [f"opt-{i}" for i in range(12)]


@pytest.mark.parametrize(
    ("rec", "v12", "v2004"),
    [
        (
            {"type": "choice", "options": OPTIONS, "response": ["opt-11"], "correct": ["opt-10"]},
            ("ids:opt-11", "ids:opt-10", "choice"),
            ("opt-11", "opt-10", "choice"),
        ),
        (
            {
                "type": "choice",
                "options": OPTIONS,
                "response": ["opt-0", "opt-9", "opt-10"],
                "correct": ["opt-1"],
            },
            ("ids:opt-0,opt-9,opt-10", "ids:opt-1", "choice"),
            ("opt-0[,]opt-9[,]opt-10", "opt-1", "choice"),
        ),
        (
            {
                "type": "true-false",
                "options": ["true", "false"],
                "response": "false",
                "correct": "true",
            },
            ("f", "t", "true-false"),
            ("false", "true", "true-false"),
        ),
        (
            {
                "type": "matching",
                "options": ["x", "y"],
                "targets": ["x", "y"],
                "response": [["x", "y"], ["y", "x"]],
                "correct": [["x", "x"], ["y", "y"]],
            },
            ("ids:x.y,y.x", "ids:x.x,y.y", "matching"),
            ("x[.]y[,]y[.]x", "x[.]x[,]y[.]y", "matching"),
        ),
        (
            {
                "type": "sequencing",
                "options": ["p", "q", "r"],
                "response": ["r", "p", "q"],
                "correct": ["p", "q", "r"],
            },
            ("ids:r,p,q", "ids:p,q,r", "sequencing"),
            ("r[,]p[,]q", "p[,]q[,]r", "sequencing"),
        ),
    ],
)
def test_response_patterns_in_each_versions_format(runtime, rec, v12, v2004):
    base = {
        "id": "q-1",
        "result": "incorrect",
        "weighting": 1,
        "objective": "obj-1",
        "latencyMs": 65500,
    }
    set12 = runtime.evaluate(ADAPTER, ["1.2", {**base, **rec}])
    assert (
        set12["cmi.interactions.0.student_response"],
        set12["cmi.interactions.0.correct_responses.0.pattern"],
        set12["cmi.interactions.0.type"],
    ) == v12
    assert set12["cmi.interactions.0.result"] == "wrong"
    assert set12["cmi.interactions.0.time"] == "09:05:07"
    assert set12["cmi.interactions.0.latency"] == "0000:01:05.50"
    set04 = runtime.evaluate(ADAPTER, ["2004", {**base, **rec}])
    assert (
        set04["cmi.interactions.0.learner_response"],
        set04["cmi.interactions.0.correct_responses.0.pattern"],
        set04["cmi.interactions.0.type"],
    ) == v2004
    assert set04["cmi.interactions.0.result"] == "incorrect"
    assert set04["cmi.interactions.0.timestamp"] == "2026-11-25T09:05:07"
    assert set04["cmi.interactions.0.latency"] == "PT1M5.5S"


def test_session_time_formats(runtime):
    out = runtime.evaluate("""() => {
      const log = {};
      const mk = (names) => { const api = {}; names.forEach(n => api[n] = (k, v) => { if (k && v !== undefined) log[k] = v; return 'true'; }); return api; };
      const a = DFC.adapters.scorm12(mk(['LMSInitialize','LMSGetValue','LMSSetValue','LMSCommit','LMSFinish','LMSGetLastError','LMSGetErrorString']));
      a.start(); a.setSessionTime(3723450); a.commit();
      const b = DFC.adapters.scorm2004(mk(['Initialize','GetValue','SetValue','Commit','Terminate','GetLastError','GetErrorString']));
      b.start(); b.setSessionTime(3723450); b.commit();
      return log;
    }""")
    assert out["cmi.core.session_time"] == "0001:02:03.45"
    assert out["cmi.session_time"] == "PT1H2M3.45S"
    assert json.dumps(out)


# The guarded call layer: what an LMS's API does wrong never reaches the course.
SESSION = """
(script) => {
  const calls = [];
  const api = {};
  ['Initialize','GetValue','SetValue','Commit','Terminate','GetLastError','GetErrorString'].forEach((n) => {
    api[n] = (k, v) => { calls.push(v === undefined ? [n, k] : [n, k, v]); return n === 'GetValue' ? 'x' : 'true'; };
  });
  const out = { warnings: [] };
  const warn = console.warn;
  console.warn = (m) => out.warnings.push(String(m));
  try {
    const lms = DFC.scormSession(api, { init: 'Initialize', get: 'GetValue', set: 'SetValue', commit: 'Commit',
      finish: 'Terminate', lastError: 'GetLastError', errorString: 'GetErrorString' });
    out.result = new Function('api', 'lms', 'calls', script)(api, lms, calls);
  } finally { console.warn = warn; }
  out.calls = calls;
  return out;
}
"""


def test_a_value_is_sent_when_it_changes_and_commit_only_follows_a_change(runtime):
    out = runtime.evaluate(
        SESSION,
        "lms.init(); lms.set('a', 1); lms.set('a', 2); lms.set('a', 2); lms.set('b', 'x');"
        " lms.commit(); lms.commit(); lms.set('b', 'y'); lms.commit(); lms.finish();"
        " lms.set('c', 1); lms.commit(); return lms.finish();",
    )
    # Each change is sent at once; a value the LMS holds is not sent again.
    assert out["calls"] == [
        ["Initialize", ""],
        ["SetValue", "a", "1"],
        ["SetValue", "a", "2"],
        ["SetValue", "b", "x"],
        ["Commit", ""],
        ["SetValue", "b", "y"],
        ["Commit", ""],
        ["Terminate", ""],
    ]
    assert out["result"] is False  # a second Terminate is never sent


@pytest.mark.parametrize(
    "breakage",
    [
        "delete api.Commit; delete api.GetLastError; delete api.GetErrorString;",
        "api.SetValue = () => { throw new Error('boom'); }; api.GetLastError = () => { throw new Error('no'); };",
        "api.SetValue = () => ({ ok: true }); api.GetLastError = () => 404; api.GetErrorString = () => null;",
        "api.Commit = () => undefined; api.GetErrorString = () => { throw new TypeError('x'); };",
    ],
    ids=["missing-methods", "throwing", "non-string-returns", "undefined-commit"],
)
def test_a_broken_api_is_a_warning_never_an_exception(runtime, breakage):
    out = runtime.evaluate(
        SESSION,
        breakage + " lms.init(); const ok = lms.set('k', 'v') && lms.commit();"
        " return [ok, lms.lastError(), lms.get('k'), lms.finish()];",
    )
    ok, last_error, value, finished = out["result"]
    assert ok is False
    assert isinstance(last_error, str) and isinstance(value, str)
    assert finished is True
    assert out["warnings"] and all(w.startswith("[dfc] ") for w in out["warnings"])


def test_a_get_that_answers_in_another_type_reads_as_text(runtime):
    out = runtime.evaluate(
        SESSION,
        "api.GetValue = (k) => k === 'n' ? 3 : k === 'o' ? {a: 1} : k === 'b' ? false : null;"
        " lms.init(); return ['n', 'o', 'b', 'z'].map((k) => lms.get(k));",
    )
    assert out["result"] == ["3", "", "false", ""]
