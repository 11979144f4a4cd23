"""The handbook prints each scenario as a flow: steps, choices, consequences, scores, endings."""

from __future__ import annotations

import lxml.html
import pytest
from helpers import FIXTURES

from builder import api
from builder.handbook.views import render_handbook


@pytest.fixture(scope="module")
def scenario():
    model, _ = api.validate(FIXTURES / "scenario")
    doc = lxml.html.fromstring(render_handbook(model))
    return doc.get_element_by_id("q-rev-s1")


def text(element) -> str:
    return " ".join(element.text_content().split())


def test_every_step_with_its_choices_scores_consequences_and_where_they_lead(scenario):
    steps = scenario.find_class("step")
    assert [s.get("id") for s in steps] == ["q-rev-s1-n1", "q-rev-s1-n2", "q-rev-s1-n3"]
    rows = [[text(td) for td in tr.xpath("td")] for tr in steps[0].xpath(".//tbody/tr")]
    assert rows == [
        [
            "A",
            "Share the target with the whole review team at its first meeting.",
            "2 (best)",
            "The team hears it from you, together, and can decide how to treat it.",
            "Step 2",
        ],
        [
            "B",
            "Keep the target to yourself until the review has reported.",
            "0 (poor)",
            "Word gets out within days, and the team stops trusting the review.",
            "Step 3",
        ],
        [
            "C",
            "Tell the branch secretary privately and ask them to keep it quiet.",
            "1 (partial)",
            "The rep is put in a hard spot with members, but the target is at least known.",
            "Ending 2",
        ],
    ]
    links = steps[0].xpath(".//tbody/tr/td/a/@href")
    assert links == ["#q-rev-s1-n2", "#q-rev-s1-n3", "#q-rev-s1-e2"]
    assert "10 % savings target" in text(steps[0])


def test_endings_and_the_best_choice_at_each_step(scenario):
    endings = scenario.find_class("ending")
    assert [e.get("id") for e in endings] == ["q-rev-s1-e1", "q-rev-s1-e2", "q-rev-s1-e3"]
    assert "The review stalls." in text(endings[2])
    answer = text(scenario.find_class("answer")[0])
    assert answer == "Best choice at each step: Step 1: A; Step 2: A; Step 3: A"
    assert "Scenario: a branching dilemma" in text(scenario.find_class("qmeta")[0])
