"""The assessment engine's draws and scenario scoring, run in Chromium on the shipped scripts."""

from __future__ import annotations

import pytest

from builder.render.pages import RUNTIME


@pytest.fixture
def runtime(page):
    page.set_content("<!doctype html><title>runtime</title>")
    for name in ("dfc-core.js", "state.js", "quiz-marking.js", "scenario.js"):
        page.add_script_tag(path=str(RUNTIME / name))
    return page


def question(module: str, objectives: list[str], family: str | None = None) -> dict:
    q = {
        "type": "true-false",
        "options": ["true", "false"],
        "correct": ["true"],
        "weighting": 1,
        "module": module,
        "objective": objectives[0],
        "objectives": objectives,
    }
    if family:
        q["family"] = family
    return q


def course(per_module: int) -> dict:
    """Module m1: objectives o1-o3, six questions (two a-b variants, one final-only); m2: two."""
    questions = {
        "a": question("m1", ["o1"], "a"),
        "b": question("m1", ["o1"], "a"),
        "c": question("m1", ["o1"]),
        "d": question("m1", ["o1", "o2"]),
        "e": question("m1", ["o2"]),
        "f": question("m1", ["o3"]),
        "x": question("m2", ["p1"]),
        "y": question("m2", ["p1"]),
    }
    return {
        "modules": [
            {"id": "m1", "objectives": ["o1", "o2", "o3"]},
            {"id": "m2", "objectives": ["p1"]},
        ],
        "questions": questions,
        "quizzes": {
            "m1": {
                "questions": ["a", "b", "c", "d", "e"],
                "finalOnly": ["f"],
                "shuffle": True,
                "draw": None,
            },
            "m2": {"questions": ["x", "y"], "shuffle": False, "draw": 1},
        },
        "final": {"perModule": per_module, "shuffle": True},
    }


# Seeds spread over the range DFC.newSeed() gives, as real attempts' seeds are.
DRAWS = """([data, key]) => Array.from({length: 300},
  (_, i) => DFC.Quiz.drawn(data, key, {seed: 1 + ((i + 1) * 2654435761) % 2147483646}))"""


def test_the_final_covers_every_objective_of_each_module_and_tops_up(runtime):
    data = course(per_module=3)
    for ids in runtime.evaluate(DRAWS, [data, "final"]):
        m1 = [q for q in ids if data["questions"][q]["module"] == "m1"]
        assert len(m1) == 3 and len(ids) == 5
        covered = {o for q in m1 for o in data["questions"][q]["objectives"]}
        assert covered == {"o1", "o2", "o3"}
        assert "f" in m1  # the only question on o3 is final-only, and the final still takes it
        assert not {"a", "b"} <= set(ids)


def test_with_fewer_questions_than_objectives_each_attempt_covers_as_many_as_it_can(runtime):
    data = course(per_module=2)
    seen: set[str] = set()
    for ids in runtime.evaluate(DRAWS, [data, "final"]):
        m1 = [q for q in ids if data["questions"][q]["module"] == "m1"]
        objectives = [data["questions"][q]["objectives"] for q in m1]
        assert len({o for objs in objectives for o in objs}) >= 2
        seen.update(o for objs in objectives for o in objs)
    assert seen == {"o1", "o2", "o3"}


def test_a_knowledge_check_never_asks_final_only_questions_or_two_variants(runtime):
    data = course(per_module=3)
    drawn = runtime.evaluate(DRAWS, [data, "m1"])
    for ids in drawn:
        assert "f" not in ids
        assert not {"a", "b"} <= set(ids)
        assert len(ids) == 4
    assert {q for ids in drawn for q in ids} == {"a", "b", "c", "d", "e"}


def test_a_draw_without_variants_is_unchanged(runtime):
    """Banks with no `variant_of` draw exactly as before, so saved attempts still resume."""
    data = course(per_module=3)
    same = runtime.evaluate(
        """([data]) => Array.from({length: 50}, (_, i) => {
          const rand = DFC.random(i + 1);
          const chosen = DFC.shuffle(['x', 'y'], rand).slice(0, 1);
          return JSON.stringify(DFC.Quiz.drawn(data, 'm2', {seed: i + 1})) === JSON.stringify(chosen);
        })""",
        [data],
    )
    assert all(same)


SCENARIO = {
    "type": "scenario",
    "start": "n1",
    "weighting": 2,
    "objective": "o1",
    "nodes": {
        "n1": [["a", "n2", "", 2], ["b", "", "e2", 0]],
        "n2": [["a", "", "e1", 2], ["b", "n1", "", 1]],
    },
}


@pytest.mark.parametrize(
    ("path", "credit", "right"),
    [
        ([], 0, False),
        (["a"], 0, False),  # not finished: no credit yet
        (["a", "a"], 1, True),
        (["b"], 0, False),
        (["a", "b", "a", "a"], 0.875, False),  # 2 + 1 + 2 + 2 of the 8 on offer
        (["a", "b", "b"], 0.5, False),  # 2 + 1 + 0 of 6
    ],
)
def test_a_scenario_scores_the_points_taken_over_the_best_on_offer(runtime, path, credit, right):
    result = runtime.evaluate(
        "([q, path]) => [DFC.Scenario.credit(q, path), DFC.Quiz.isRight(q, path),"
        " DFC.Scenario.decode(q, DFC.Scenario.encode(q, path))]",
        [SCENARIO, path],
    )
    assert result[0] == credit and result[1] is right and result[2] == path


def test_a_scenario_counts_as_one_question_with_its_weighting(runtime):
    data = {
        "questions": {"s": SCENARIO, "t": question("m1", ["o1"])},
        "quizzes": {"m1": {"questions": ["s", "t"], "shuffle": False, "draw": None}},
        "modules": [{"id": "m1"}],
    }
    # Half the scenario (weighting 2) and the true/false right: (1 + 1) / 3.
    score = runtime.evaluate(
        "([data]) => DFC.Quiz.score(data, 'm1', {seed: 1, answers: {s: ['a', 'b', 'b'], t: 'true'}})",
        [data],
    )
    assert score == round(100 * (2 * 0.5 + 1) / 3)


@pytest.mark.parametrize("bad", ["2", "a", "000", "10"])
def test_a_damaged_path_is_refused(runtime, bad):
    refused = runtime.evaluate(
        "([q, t]) => { try { DFC.Scenario.decode(q, t); return false; } catch (e) { return true; } }",
        [SCENARIO, bad],
    )
    assert refused


def test_a_match_to_a_spare_target_is_saved_and_restored(runtime):
    matching = {
        "type": "matching",
        "options": ["a", "b"],
        "correct": ["a", "b"],
        "targets": ["a", "b", "1", "2"],
        "weighting": 1,
        "objective": "o1",
        "module": "m1",
    }
    data = {
        "fingerprint": "f",
        "screens": [{"id": "s"}],
        "modules": [{"id": "m1"}],
        "graded": "m1",
        "questions": {"q": matching},
        "quizzes": {"m1": {"questions": ["q"], "shuffle": False, "draw": None}},
    }
    back = runtime.evaluate(
        """([data]) => { const s = DFC.State.empty(); s.quizzes.m1 = {attempt: 1, seed: 5,
          done: false, answers: {q: {a: '2', b: 'b'}}};
          const text = DFC.State.encode(s, data, 4096);
          return [text, DFC.State.decode(text, data).quizzes.m1.answers.q,
            DFC.Quiz.isRight(data.questions.q, {a: '2', b: 'b'})]; }""",
        [data],
    )
    assert back[1] == {"a": "2", "b": "b"} and back[2] is False
