"""The runtime scores every path of every bundled scenario as the model does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder.model.scenario_score import credit
from builder.render.quiz_data import question_data
from tests.test_scenarios import SCENARIOS, walk

RUNTIME = Path(__file__).parents[2] / "builder" / "runtime"


@pytest.fixture
def runtime(page):
    page.set_content("<!doctype html><title>scenarios</title>")
    for name in ("dfc-core.js", "scenario.js"):
        page.add_script_tag(path=str(RUNTIME / name))
    return page


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_runtime_credit_on_every_path(runtime, scenario):
    data = question_data(scenario, "module")
    paths = walk(scenario)
    cases = [
        {"path": [choice for _node, choice in taken], "ending": ending, "points": points}
        for taken, ending, points in paths
    ]
    results = runtime.evaluate(
        """([q, cases]) => cases.map(c => {
            const at = DFC.Scenario.walk(q, c.path);
            return {end: at.end, ended: DFC.Scenario.ended(q, c.path),
                    credit: DFC.Scenario.credit(q, c.path),
                    again: DFC.Scenario.decode(q, DFC.Scenario.encode(q, c.path))};
        })""",
        [data, cases],
    )
    for case, result in zip(cases, results, strict=True):
        assert result["ended"] and result["end"] == case["ending"], json.dumps(case)
        expected = float(credit(scenario, case["path"]))
        assert result["credit"] == pytest.approx(expected), json.dumps(case)
        assert result["again"] == case["path"]
    assert max(r["credit"] for r in results) == 1
