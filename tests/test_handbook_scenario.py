"""The handbook prints each scenario as a flow: steps, choices, consequences, scores, endings."""

from __future__ import annotations

import re

import lxml.html
import pytest
from helpers import FIXTURES
from hypothesis import given
from hypothesis import strategies as st

from builder import api
from builder.handbook.scenario_flow import step_labels
from builder.handbook.views import render_handbook
from builder.model.course import Scenario


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
            "Step 2a",
        ],
        [
            "B",
            "Keep the target to yourself until the review has reported.",
            "0 (poor)",
            "Word gets out within days, and the team stops trusting the review.",
            "Step 2b",
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
    assert answer == "Best choice at each step: Step 1: A; Step 2a: A; Step 2b: A"
    assert "Scenario: a branching dilemma" in text(scenario.find_class("qmeta")[0])


def scenario_of(links: dict[str, list[str]]) -> Scenario:
    """A scenario whose node n<i> has one choice per entry of links[n<i>]: a node id, or an
    ending (e1) where the list says "end"."""
    return Scenario.model_validate(
        {
            "id": "s", "type": "scenario", "objectives": ["o"], "title": "T", "start": "n1",
            "nodes": [
                {
                    "id": node, "text": f"At {node}.",
                    "choices": [
                        {"id": f"c{n}", "text": f"Choice {n}.", "score": 0, "feedback": "F.",
                         **({"end": "e1"} if to == "end" else {"next": to})}
                        for n, to in enumerate(targets)
                    ],
                }
                for node, targets in links.items()
            ],
            "endings": [{"id": "e1", "text": "The end."}],
        }
    )  # fmt: skip


def test_steps_are_numbered_by_path_with_letters_for_steps_that_share_a_number():
    # n1 → n2 or n3; n2 → n3: so n3 is the second decision on one path, the third on another.
    scenario = scenario_of(
        {"n1": ["n3", "n2", "n4"], "n2": ["n3", "end"], "n3": ["end", "end"], "n4": ["end", "end"]}
    )
    assert step_labels(scenario) == {
        "n1": "Step 1", "n3": "Step 2 or 3", "n2": "Step 2a", "n4": "Step 2b",
    }  # fmt: skip


@st.composite
def layered_links(draw) -> dict[str, list[str]]:
    """A scenario without loops: each node's choices lead to later nodes or to the ending."""
    count = draw(st.integers(1, 8))
    links = {}
    for n in range(1, count + 1):
        later = [f"n{m}" for m in range(n + 1, count + 1)] + ["end"]
        links[f"n{n}"] = draw(st.lists(st.sampled_from(later), min_size=2, max_size=3))
    return links


@given(layered_links())
def test_every_path_meets_its_steps_under_the_numbers_the_trainee_sees(links):
    labels = step_labels(scenario_of(links))

    def walk(node: str, decisions: int) -> None:
        number = labels[node].removeprefix("Step ").rstrip("abcdefgh")
        if node in reached:  # the path numbering the trainee sees: decisions taken so far + 1
            assert str(decisions + 1) in re.split(r", | or ", number), (node, labels)
            for to in links[node]:
                if to != "end":
                    walk(to, decisions + 1)

    reached = {"n1"}
    stack = ["n1"]
    while stack:
        for to in links[stack.pop()]:
            if to != "end" and to not in reached:
                reached.add(to)
                stack.append(to)
    walk("n1", 0)
    shown = [label for node, label in labels.items() if node in reached]
    assert len(set(shown)) == len(shown)  # no two steps print the same label
