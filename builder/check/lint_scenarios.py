"""Item-writing lint, scenario decisions: habits that let a trainee guess the best choice.

The same shares as the single-choice rules, over every decision of every scenario in the
course: the best choice should not usually be the longest, nor usually sit in one place;
and one decision's choices should be of like length, so none stands out.
"""

from __future__ import annotations

from collections import Counter

from builder.check.lint_keys import LONGEST_MIN, LONGEST_SHARE, ordinal, percent
from builder.check.locations import attached_banks, field_line
from builder.load.loader import Loaded
from builder.model.course import Scenario, ScenarioNode
from builder.model.problems import Location, Problems
from builder.model.scenario_score import best_score

POSITION_SHARE, POSITION_MIN = 0.40, 5
LENGTH_RATIO = 2.5


def check_scenario_choices(loaded: Loaded, problems: Problems) -> None:
    decisions: list[tuple[Location, ScenarioNode]] = []
    for path, quiz in attached_banks(loaded):
        for q, question in enumerate(quiz.questions):
            if not isinstance(question, Scenario):
                continue
            for n, node in enumerate(question.nodes):
                where = field_line(loaded, path, "questions", q, "nodes", n, "choices")
                decisions.append((where, node))
                _check_lengths(where, question, node, problems)
    # Decisions where every choice is best give nothing away.
    telling = [(where, node) for where, node in decisions if not _all_best(node)]
    longest = [(where, node) for where, node in telling if _best_is_only_longest(node)]
    if len(telling) >= LONGEST_MIN and len(longest) > LONGEST_SHARE * len(telling):
        problems.warning(
            longest[0][0],
            f"in {len(longest)} of {len(telling)} scenario decisions in the course "
            f"({percent(len(longest), len(telling))}) the best choice is the only longest; "
            f"keep it to {percent(LONGEST_SHARE)} or less: lengthen another choice or "
            "shorten the best one",
            "scenario-longest",
        )
    positions = Counter(p for _where, node in telling for p in _best_positions(node))
    total = sum(positions.values())
    if total >= POSITION_MIN:
        position, count = max(positions.items(), key=lambda item: (item[1], -item[0]))
        if count > POSITION_SHARE * total:
            first = next(w for w, node in telling if position in _best_positions(node))
            problems.warning(
                first,
                f"{count} of {total} best choices in the course's scenario decisions "
                f"({percent(count, total)}) are the {ordinal(position)} choice listed; no "
                f"one position should hold more than {percent(POSITION_SHARE)}: move some "
                "best choices to other places",
                "scenario-position",
            )


def _check_lengths(
    where: Location, question: Scenario, node: ScenarioNode, problems: Problems
) -> None:
    lengths = [len(c.text) for c in node.choices]
    longest, shortest = max(lengths), min(lengths)
    if longest >= LENGTH_RATIO * shortest:
        problems.warning(
            where,
            f'question "{question.id}", node "{node.id}": the longest choice is '
            f"{_ratio(longest, shortest)} times the length of the shortest ({longest} and "
            f"{shortest} characters); keep it under {LENGTH_RATIO} : 1 so no choice stands "
            "out",
            "scenario-lengths",
        )


def length_ratio(node: ScenarioNode) -> float:
    lengths = [len(c.text) for c in node.choices]
    return max(lengths) / min(lengths)


def _ratio(longest: int, shortest: int) -> str:
    return f"{int(10 * longest / shortest) / 10:g}"  # rounded down: 2.49 never shows as 2.5


def _all_best(node: ScenarioNode) -> bool:
    return len({c.score for c in node.choices}) == 1


def _best_positions(node: ScenarioNode) -> list[int]:
    top = best_score(node)
    return [i for i, c in enumerate(node.choices) if c.score == top]


def _best_is_only_longest(node: ScenarioNode) -> bool:
    top = best_score(node)
    lengths = [(len(c.text), c.score == top) for c in node.choices]
    most = max(length for length, _ in lengths)
    return {best for length, best in lengths if length == most} == {True}
