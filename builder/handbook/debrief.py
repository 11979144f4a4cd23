"""How a pair plays a scenario in the room: who plays whom in each round, then the debrief.

The characters and the debrief questions are the course's own (`debrief:` on a scenario,
see builder/model/debrief.py); the people are named as the course's `roles:` name them. A
scenario without a debrief gets general questions that fit any scenario.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.model.audience import Role
from builder.model.course import Scenario

GENERAL_QUESTIONS = [
    "At which step did your choices change when you swapped, and why?",
    "What did the best choice at each step cost each side, and what did it gain them?",
    "Which step would be hardest to get right in your own organisation, and what would help?",
]


@dataclass
class PlayPlan:
    rounds: list[str]  # "Round 1: a manager plays Anita; a union representative plays Gary."
    questions: list[str]  # the debrief questions
    own_questions: bool  # False: the general questions stand in


def play_plan(scenario: Scenario, roles: list[Role]) -> PlayPlan:
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
            f"Round 1: {_cast(people, characters)}.",
            f"Round 2, roles swapped: {_cast(people, swapped)}.",
        ]
    elif parts:
        (person, character), = parts
        rounds = [
            f"Round 1: {person} plays {character}; the partner says what they would do.",
            f"Round 2, roles swapped: the partner plays {character}; {person} advises.",
        ]
    else:
        rounds = [
            "Round 1: one partner takes the decisions; the other says what they would do.",
            "Round 2, roles swapped: the other partner takes the decisions.",
        ]
    if debrief:
        return PlayPlan(rounds, list(debrief.questions), True)
    return PlayPlan(rounds, list(GENERAL_QUESTIONS), False)


def _cast(people: list[str], characters: list[str]) -> str:
    return "; ".join(f"{p} plays {c}" for p, c in zip(people, characters, strict=True))
