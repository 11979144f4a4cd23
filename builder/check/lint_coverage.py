"""Item-writing lint, coverage: objectives that ask for judgement but are tested by recall.

An objective whose verb asks trainees to plan, compare, explain or decide is not shown to
be met by questions that only ask them to recognise facts. Every question type except a
scenario asks for recall; a scenario makes the trainee decide and see what follows.
"""

from __future__ import annotations

import re

from builder.check.locations import field_line
from builder.load.loader import Loaded
from builder.model.course import Scenario
from builder.model.problems import Problems

BEYOND_RECALL = re.compile(r"\b(plan|compare|explain|decide)s?\b", re.IGNORECASE)


def check_recall_only(loaded: Loaded, problems: Problems) -> None:
    for module in loaded.modules.values():
        if module.quiz is None:
            continue
        for index, objective in enumerate(module.meta.objectives):
            verb = BEYOND_RECALL.search(objective.text)
            assessing = [q for q in module.quiz.questions if objective.id in q.objectives]
            if not verb or not assessing or any(isinstance(q, Scenario) for q in assessing):
                continue
            problems.warning(
                field_line(loaded, module.path, "objectives", index, "id"),
                f'objective "{objective.id}" asks trainees to {verb.group(1).lower()}, but '
                f"only recall questions assess it ({len(assessing)}): add a scenario in which "
                "they decide and see what follows",
                "recall-only",
            )
