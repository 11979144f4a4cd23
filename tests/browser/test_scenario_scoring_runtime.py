"""The runtime scores random valid scenario graphs exactly as the model does.

The model's rule is proved in tests/test_scenario_scoring.py; here the shipped scenario.js
scores every path of each graph in Chromium, a batch of graphs per page call.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_scenario_paths import runtime  # noqa: F401  (a fixture: the shipped scenario.js)

from builder.model.scenario_score import best_steps, credit
from builder.render.quiz_data import question_data
from tests.scenario_graphs import paths, scenario_graphs


@settings(
    max_examples=8,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(scenario_graphs(), min_size=25, max_size=25))
def test_the_runtime_scores_every_path_as_the_model_does(runtime, graphs):  # noqa: F811
    cases = [
        (question_data(scenario, "m"), [path for path, _ in paths(scenario, longest=7, most=80)])
        for scenario in graphs
    ]
    results = runtime.evaluate(
        """(cases) => cases.map(([q, all]) => all.map(path => {
            const t = DFC.Scenario.tally(q, path);
            return [DFC.Scenario.credit(q, path), t.best, t.steps];
        }))""",
        cases,
    )
    for scenario, (_q, all_paths), scored in zip(graphs, cases, results, strict=True):
        for path, (share, best, taken) in zip(all_paths, scored, strict=True):
            assert share == pytest.approx(float(credit(scenario, path))), path
            assert (share == 1) is (best == taken == len(path)), path
            assert best == best_steps(scenario, path)
