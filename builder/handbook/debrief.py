"""How a pair plays a scenario in the room: who plays whom in each round, then the debrief.

The characters and the debrief questions are the course's own (`debrief:` on a scenario,
see builder/model/debrief.py); the people are named as the course's `roles:` name them. A
scenario without a debrief gets general questions that fit any scenario.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from builder.interface.catalogue import SOURCE, Interface
from builder.model.audience import Role
from builder.model.course import Scenario

GENERAL_KEYS = ("handbook.general.changed", "handbook.general.cost", "handbook.general.hardest")
GENERAL_QUESTIONS = [Interface(SOURCE).text(key) for key in GENERAL_KEYS]  # in en-GB


@dataclass
class PlayPlan:
    rounds: list[str]  # "Round 1: a manager plays Anita; a union representative plays Gary."
    questions: list[str]  # the debrief questions
    own_questions: bool  # False: the general questions stand in


def play_plan(scenario: Scenario, roles: list[Role], words: Interface | None = None) -> PlayPlan:
    say = (words or Interface(SOURCE)).text
    debrief = scenario.debrief
    known = {r.id: r for r in roles}
    parts = [
        (known[p.role].one_person, p.plays)
        for p in (debrief.parts if debrief else [])
        if p.role in known
    ]
    if len(parts) >= 2:
        people = [person for person, _ in parts]
        characters = [character for _, character in parts]
        # Each person takes the next character in the second round: with two, a swap.
        swapped = characters[1:] + characters[:1]
        rounds = [
            say("handbook.round_1", cast=_cast(people, characters, say)),
            say("handbook.round_2", cast=_cast(people, swapped, say)),
        ]
    elif parts:
        ((person, character),) = parts
        rounds = [
            say("handbook.round_1_one", person=person, character=character),
            say("handbook.round_2_one", person=person, character=character),
        ]
    else:
        rounds = [say("handbook.round_1_none"), say("handbook.round_2_none")]
    if debrief:
        return PlayPlan(rounds, list(debrief.questions), True)
    return PlayPlan(rounds, [say(key) for key in GENERAL_KEYS], False)


def _cast(people: list[str], characters: list[str], say: Any) -> str:
    pairs = zip(people, characters, strict=True)
    return "; ".join(say("handbook.plays", person=p, character=c) for p, c in pairs)
