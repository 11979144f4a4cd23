"""Simulated cmi5 `answered` statements of known truth, for the report's tests and benchmark.

Each learner has an ability drawn from a normal distribution; each question a difficulty and a
discrimination (a two-parameter logistic model); a role may shift ability on chosen questions.
The chance of a right first answer is then known for every learner and question, so the report's
figures can be checked against the model. Seeded: the same arguments give the same statements.
"""

from __future__ import annotations

import itertools
import json
import math
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ANSWERED = {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}}
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
IRI = "https://learning.example.org/courses/simulated"


@dataclass
class Model:
    """Item parameters, role effects and how wrong answers fall."""

    difficulty: dict[str, float] = field(default_factory=dict)  # default 0
    discrimination: dict[str, float] = field(default_factory=dict)  # default 1
    role_effect: dict[str, dict[str, float]] = field(default_factory=dict)  # role -> item -> shift
    distractors: dict[str, dict[str, float]] = field(default_factory=dict)  # item -> weights
    roles: dict[str, float] = field(default_factory=lambda: {"manager": 0.5, "rep": 0.5})
    retry: float = 0.3  # chance that a wrong first answer is tried again
    answer_share: float = 1.0  # chance that a learner answers a given question

    def chance(self, item: str, ability: float, role: str | None) -> float:
        shift = self.role_effect.get(role or "", {}).get(item, 0.0)
        a, b = self.discrimination.get(item, 1.0), self.difficulty.get(item, 0.0)
        return 1 / (1 + math.exp(-a * (ability + shift - b)))


@dataclass
class Truth:
    """What the model expects of the simulated learners, per item: sums of chances."""

    chance: dict[str, float] = field(default_factory=dict)
    count: dict[str, int] = field(default_factory=dict)
    by_role: dict[str, dict[str, list[float]]] = field(default_factory=dict)

    def facility(self, item: str, role: str | None = None) -> float:
        if role is None:
            return self.chance[item] / self.count[item]
        total, n = self.by_role[role][item]
        return total / n


def _wrong(rand: random.Random, item: Any, weights: dict[str, float] | None) -> str:
    options, key = item.options, item.key
    kind = item.interaction_type
    if kind == "true-false":
        return "false" if key == ["true"] else "true"
    if kind == "choice":
        if len(key) == 1:
            others = [o for o in options if o not in key]
            chosen = rand.choices(others, [(weights or {}).get(o, 1.0) for o in others])[0]
            return chosen
        wrong = [o for o in key if rand.random() < 0.7] + [
            o for o in options if o not in key and rand.random() < 0.4
        ]
        if sorted(wrong) == sorted(key):
            wrong = wrong[:-1]
        return "[,]".join(wrong or [options[-1]])
    order = list(key)
    i = rand.randrange(len(order) - 1)
    order[i], order[i + 1] = order[i + 1], order[i]
    if kind == "matching":
        return "[,]".join(f"{k}[.]{t}" for k, t in zip(key, order, strict=True))
    return "[,]".join(order)


def _right(item: Any) -> str:
    if item.interaction_type == "matching":
        return "[,]".join(f"{k}[.]{k}" for k in item.key)
    return "[,]".join(item.key)


def _statement(rand, actor, iri, question, kind, response, success, attempt, quiz, registration):  # type: ignore[no-untyped-def]
    result: dict[str, Any] = {"response": response}
    if success is not None:
        result["success"] = success
    return {
        "id": _uuid4(rand),
        "timestamp": "2026-11-02T10:00:00.000Z",
        "actor": actor,
        "verb": ANSWERED,
        "object": {
            "id": f"{iri}/questions/{question}",
            "objectType": "Activity",
            "definition": {"type": INTERACTION, "interactionType": kind},
        },
        "result": result,
        "context": {
            "registration": registration,
            "extensions": {f"{iri}/extensions/attempt": attempt, f"{iri}/extensions/quiz": quiz},
        },
    }


def _uuid4(rand: random.Random) -> str:
    """`str(uuid.UUID(int=rand.getrandbits(128), version=4))`, without building a UUID."""
    n = (rand.getrandbits(128) & ~(0xF000 << 64) | (4 << 76)) & ~(0xC000 << 48) | (0x8000 << 48)
    h = f"{n:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class Lines:
    """Statements as the JSON text `json.dumps` gives them, made from templates: the same
    random draws, in the same order, as `_statement`, about four times faster. What the
    generator writes when it streams millions of statements to disk."""

    def __init__(self) -> None:
        self.dumped: dict[Any, str] = {}
        self.objects: dict[tuple[str, str, str], str] = {}
        self.tails: dict[tuple[str, Any, str], str] = {}

    def dumps(self, value: Any) -> str:
        found = self.dumped.get(value)
        if found is None:
            found = self.dumped[value] = json.dumps(value)
        return found

    def __call__(self, rand, actor, iri, question, kind, response, success, attempt, quiz,  # type: ignore[no-untyped-def]
                 registration) -> str:  # fmt: skip
        ident = _uuid4(rand)
        head = self.objects.get((iri, question, kind))
        if head is None:
            target = {"id": f"{iri}/questions/{question}", "objectType": "Activity",
                      "definition": {"type": INTERACTION, "interactionType": kind}}  # fmt: skip
            head = self.objects[(iri, question, kind)] = (
                f', "verb": {json.dumps(ANSWERED)}, "object": {json.dumps(target)}, '
                '"result": {"response": '
            )
        tail = self.tails.get((iri, attempt, quiz))
        if tail is None:
            extensions = {f"{iri}/extensions/attempt": attempt, f"{iri}/extensions/quiz": quiz}
            tail = self.tails[(iri, attempt, quiz)] = f", \"extensions\": {json.dumps(extensions)}}}}}"
        said = "" if success is None else (', "success": true' if success else ', "success": false')
        return (
            f'{{"id": "{ident}", "timestamp": "2026-11-02T10:00:00.000Z", "actor": '
            f"{actor}{head}{self.dumps(response)}{said}}}, "
            f'"context": {{"registration": "{registration}"{tail}'
        )


def simulate(
    index: Any,
    learners: int,
    model: Model | None = None,
    seed: int = 1,
    iri: str = IRI,
    first_number: int = 0,
    truth: Truth | None = None,
) -> tuple[list[dict[str, Any]], Truth]:
    """Statements for `learners` learners of the course `index` (a CourseIndex), numbered from
    `first_number`; the model's expectations are added to `truth` (a new one by default)."""
    truth = truth if truth is not None else Truth()
    rand = random.Random(seed)
    numbers = range(first_number, first_number + learners)
    return list(_learners(index, numbers, model or Model(), rand, iri, truth)), truth


def _learners(index, numbers, model, rand, iri, truth, make=_statement) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    roles, weights = list(model.roles), list(model.roles.values())
    for number in numbers:
        actor = {"objectType": "Agent",
                 "account": {"homePage": "https://lms.example.org", "name": f"learner-{number:05d}"}}  # fmt: skip
        if make is not _statement:
            actor = json.dumps(actor)
        registration = _uuid4(rand)
        role = rand.choices(roles, weights)[0] if roles else None
        ability = rand.gauss(0.0, 1.0)
        if role is not None:
            yield make(rand, actor, iri, "role", "other", role, None, 1, "role", registration)
        for item in index.items.values():
            if model.answer_share < 1 and rand.random() >= model.answer_share:
                continue
            p = model.chance(item.id, ability, role)
            truth.chance[item.id] = truth.chance.get(item.id, 0.0) + p
            truth.count[item.id] = truth.count.get(item.id, 0) + 1
            cell = truth.by_role.setdefault(role or "", {}).setdefault(item.id, [0.0, 0])
            cell[0] += p
            cell[1] += 1
            right = rand.random() < p
            weights_of = model.distractors.get(item.id)
            response = _right(item) if right else _wrong(rand, item, weights_of)
            kind = item.interaction_type
            yield make(rand, actor, iri, item.id, kind, response, right, 1, item.module,
                             registration)  # fmt: skip
            if not right and rand.random() < model.retry:
                again = rand.random() < p + (1 - p) / 2
                response = _right(item) if again else _wrong(rand, item, weights_of)
                yield make(rand, actor, iri, item.id, kind, response, again, 2,
                                 item.module, registration)  # fmt: skip
        yield from _self_assessment(rand, index, actor, iri, role, registration, make)


def _self_assessment(rand, index, actor, iri, role, registration, make) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    sa = index.self_assessment
    if sa is None:
        return
    scale = list(sa.scale)
    lean = 0.6 if role == "rep" else 0.3  # reps rate higher in this model
    total = 0.0
    for statement in sa.statements:
        pick = min(len(scale) - 1, int(rand.random() + lean + rand.random() * (len(scale) - 1)))
        total += sa.scale[scale[pick]] or 0
        yield make(rand, actor, iri, statement, "likert", scale[pick], None, 1,
                         "self-assessment", registration)  # fmt: skip
    zones = list(sa.zones)
    if zones:
        zone = zones[0] if total < len(sa.statements) else zones[-1]
        yield make(rand, actor, iri, "self-assessment", "other", zone, None, 1,
                         "self-assessment", registration)  # fmt: skip


def simulate_count(index: Any, count: int, seed: int = 1, iri: str = IRI) -> list[dict[str, Any]]:
    """Exactly `count` statements of as many simulated learners as it takes (the last one may
    stop part-way), from the default model."""
    return list(stream_count(index, count, seed, iri))


def stream_count(index: Any, count: int, seed: int = 1, iri: str = IRI, make: Any = _statement
                 ) -> Iterator[Any]:  # fmt: skip
    """The statements of `simulate_count`, one at a time, never all held at once (as JSON
    text with `make=Lines()`)."""
    rand, model, truth = random.Random(seed), Model(), Truth()
    learners = (_learners(index, [number], model, rand, iri, truth, make) for number in range(10**9))
    return itertools.islice(itertools.chain.from_iterable(learners), count)


def write_statements(statements: Iterable[Any], out: Path) -> None:
    """A JSON array, byte for byte what `json.dumps` of the whole list gives, or NDJSON (one
    statement a line) when `out` ends in .ndjson; written as the statements come, a thousand
    at a time. Statements may be dicts or their JSON text (`Lines`)."""
    ndjson = out.suffix.lower() == ".ndjson"
    texts = (s if isinstance(s, str) else json.dumps(s) for s in statements)
    with out.open("w", encoding="utf-8", newline="") as handle:
        if not ndjson:
            handle.write("[")
        glue, first = ("\n", "") if ndjson else (", ", "")
        while block := list(itertools.islice(texts, 1000)):
            handle.write(first + glue.join(block))
            first = glue
        handle.write("\n" if ndjson and first else "" if ndjson else "]")


def main() -> None:
    """`python bench/gen_statements.py COURSE OUT COUNT`: write COUNT statements for COURSE as
    a JSON array, or NDJSON if OUT ends in .ndjson (in a process of its own, so that a
    benchmark's own memory stays small). The statements stream to disk: any COUNT fits."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from builder.tools.report.run import load_index

    course, out, count = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    write_statements(stream_count(load_index(course), count, make=Lines()), out)


if __name__ == "__main__":
    main()
