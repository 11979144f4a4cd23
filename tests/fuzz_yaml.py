"""Hypothesis strategies for tests/test_fuzz.py's YAML: course files built from the models' own
field names in every scalar style, and edits of the fixture course's real files."""

from __future__ import annotations

import inspect
import json
import random

from helpers import FIXTURES
from hypothesis import strategies as st
from pydantic import BaseModel

from builder.model import course as models

# --- YAML -----------------------------------------------------------------------------------

QUIZ_FILE = "quizzes/fire-basics.yaml"

FIELDS = sorted(
    {
        name
        for cls in vars(models).values()
        if inspect.isclass(cls) and issubclass(cls, BaseModel) and cls is not BaseModel
        for name in cls.model_fields
    }
)
TYPOS = ["pasmark", "feedbak", "objective", "titel", "Title", "question", "option", "true", "1"]
WORDS = [
    "fire-basics", "fire-01", "fire-triangle", "fire-response", "a", "b", "c", "single",
    "multiple", "true-false", "matching", "ordering", "diagnostic", "scorm12", "scorm2004",
    "web", "en-GB", "1.0.0", "incomplete", "failed", "yes", "no", "~", "null", "80", "-1",
    "1e3", "0x1F", "2024-05-01", "Fire_01", "", " ", "a: b", "- x", "# not a comment",
    "<script>alert(1)</script>", "&amp;", "caf\u00e9", "\u202e", "multi\nline",
]  # fmt: skip
TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",))
    | st.sampled_from(":#-'\"[]{}|>&*!%@`\t "),
    max_size=30,
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.integers(),
    st.floats(),
    st.sampled_from(WORDS),
    TEXT,
)
# Text fields get plain words most of the time, so many documents get past the shape
# checks and into the cross-file rules and the renderer.
WORDY = st.from_regex(r"[A-Z][a-z]{0,8}( [a-z]{1,8}){0,4}[.?]?", fullmatch=True)
PROSE = st.one_of(WORDY, WORDY, SCALARS)
KEYS = (
    st.sampled_from(FIELDS)
    | st.sampled_from(TYPOS)
    | st.from_regex(r"[a-z_]{1,12}", fullmatch=True)
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=5),
    max_leaves=25,
)
IDS = st.sampled_from(["a", "b", "c", "fire-01", "fire-02", "x-1"]) | st.from_regex(
    r"[a-z][a-z0-9-]{0,8}", fullmatch=True
)


def some(required: dict, optional: dict) -> st.SearchStrategy[dict]:
    """A mapping with the model's fields, some missing and some unknown ones added."""
    return st.builds(
        lambda base, extra, drop: {k: v for k, v in {**base, **extra}.items() if k not in drop},
        st.fixed_dictionaries(required, optional=optional),
        st.dictionaries(KEYS, VALUES, max_size=2),
        st.sets(st.sampled_from(sorted(required) or ["id"]), max_size=2),
    )


ENTRY = some(
    {"id": IDS, "text": PROSE, "feedback": PROSE},
    {"correct": st.booleans() | SCALARS, "item": PROSE, "match": PROSE},
)
QUESTION = some(
    {
        "id": IDS,
        "type": st.sampled_from(["single", "multiple", "true-false", "matching", "ordering"])
        | SCALARS,
        "objectives": st.lists(
            st.sampled_from(["fire-triangle", "fire-response"]) | IDS, max_size=3
        ),
        "prompt": PROSE,
    },
    {
        "options": st.lists(ENTRY, max_size=4),
        "pairs": st.lists(ENTRY, max_size=4),
        "items": st.lists(ENTRY, max_size=4),
        "answer": st.booleans() | IDS | st.lists(IDS, max_size=3),
        "feedback_true": PROSE,
        "feedback_false": PROSE,
        "weighting": st.integers(-2, 12),
    },
)
QUIZ = some(
    {"module": st.just("fire-basics") | IDS, "questions": st.lists(QUESTION, max_size=6)},
    {
        "title": PROSE,
        "pass_mark": st.integers(-5, 105) | SCALARS,
        "draw": st.integers(-1, 8),
        "attempts": st.integers(-1, 3),
        "shuffle": st.booleans(),
    },
)
DIAGNOSTIC = some(
    {
        "kind": st.just("diagnostic") | SCALARS,
        "title": PROSE,
        "intro": PROSE,
        "scale": st.lists(
            some({"id": IDS, "text": PROSE, "score": st.integers(-1, 101)}, {}), max_size=4
        ),
        "questions": st.lists(some({"id": IDS, "prompt": PROSE}, {}), max_size=3),
        "dont_know": PROSE,
        "bands": st.lists(
            some(
                {"id": IDS, "title": PROSE, "text": PROSE},
                {
                    "next_steps": st.lists(SCALARS, max_size=3),
                    "rules": st.lists(
                        some(
                            {"because": PROSE},
                            {
                                "when": st.lists(
                                    some(
                                        {"statement": IDS},
                                        {"at_least": IDS, "at_most": IDS, "element": IDS},
                                    ),
                                    max_size=2,
                                )
                            },
                        ),
                        max_size=2,
                    ),
                },
            ),
            max_size=3,
        ),
    },
    {},
)
COURSE = some(
    {
        "id": st.just("fire-safety") | IDS,
        "title": PROSE,
        "version": st.just("1.0.0") | SCALARS,
        "language": st.just("en-GB") | SCALARS,
        "description": PROSE,
        "audience": PROSE,
        "modules": st.lists(st.just("fire-basics") | IDS, max_size=3) | SCALARS,
    },
    {
        "final_assessment": st.none()
        | some(
            {},
            {
                "questions_per_module": st.integers(-1, 7),
                "pass_mark": st.integers(-5, 105),
                "failed_with_attempts_left": st.sampled_from(["incomplete", "failed", "passed"]),
            },
        ),
        "self_assessment": IDS | st.none(),
        "packages": st.lists(st.sampled_from(["scorm12", "scorm2004", "web", "pdf"]), max_size=3),
    },
)
MODULE_META = some(
    {
        "title": PROSE,
        "minutes": st.integers(-1, 700) | SCALARS,
        "objectives": st.lists(
            some(
                {"id": st.sampled_from(["fire-triangle", "fire-response"]) | IDS, "text": PROSE}, {}
            ),
            max_size=3,
        ),
    },
    {},
)


class Emitter:
    """Write data as YAML text in randomly chosen styles (and sometimes slightly wrong)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.width = rng.choice([2, 2, 3, 4])

    def document(self, value: object) -> str:
        if isinstance(value, dict) and value:
            return "\n".join(self.mapping(value, 0)) + "\n"
        if isinstance(value, list) and value:
            return "\n".join(self.sequence(value, 0)) + "\n"
        return self.scalar(value, 0) + "\n"

    def mapping(self, data: dict, indent: int) -> list[str]:
        lines = []
        pad = " " * indent
        for key, value in data.items():
            head = f"{pad}{self.key(key)}:"
            lines += self.value(head, value, indent)
        return lines

    def sequence(self, data: list, indent: int) -> list[str]:
        lines = []
        pad = " " * indent
        for value in data:
            if isinstance(value, dict) and value:
                inner = self.mapping(value, indent + 2)
                lines.append(f"{pad}- " + inner[0].lstrip(" "))
                lines += inner[1:]
            elif isinstance(value, list) and value:
                inner = self.sequence(value, indent + 2)
                lines.append(f"{pad}- " + inner[0].lstrip(" "))
                lines += inner[1:]
            else:
                lines.append(f"{pad}- {self.scalar(value, indent + 2)}".rstrip(" "))
        return lines

    def value(self, head: str, value: object, indent: int) -> list[str]:
        if isinstance(value, dict) and value:
            if self.rng.random() < 0.15 and all(
                not isinstance(v, dict | list) for v in value.values()
            ):
                items = ", ".join(f"{self.key(k)}: {self.flow(v)}" for k, v in value.items())
                return [f"{head} {{{items}}}"]
            return [head, *self.mapping(value, indent + self.width)]
        if isinstance(value, list) and value:
            if self.rng.random() < 0.3 and all(not isinstance(v, dict | list) for v in value):
                return [f"{head} [{', '.join(self.flow(v) for v in value)}]"]
            offset = self.rng.choice([0, self.width])
            return [head, *self.sequence(value, indent + offset)]
        text = self.scalar(value, indent + self.width)
        return [f"{head} {text}".rstrip(" ")]

    def key(self, key: object) -> str:
        text = str(key)
        if self.rng.random() < 0.05:
            return json.dumps(text)
        return text

    def flow(self, value: object) -> str:
        if isinstance(value, str):
            return json.dumps(value) if self.rng.random() < 0.7 else value
        return self.scalar(value, 0)

    def scalar(self, value: object, indent: int) -> str:
        if isinstance(value, dict | list):
            return "{}" if isinstance(value, dict) else "[]"
        if value is None:
            return self.rng.choice(["", "~", "null"])
        if isinstance(value, bool):
            return self.rng.choice(["true", "false"] if value else ["false", "False"])
        if isinstance(value, float):
            return self.rng.choice([repr(value), ".inf", ".nan", "-.inf"])
        if isinstance(value, int):
            return str(value)
        text = str(value)
        style = self.rng.choice(["plain", "plain", "double", "single", "block", "broken"])
        if style == "double":
            return json.dumps(text, ensure_ascii=self.rng.random() < 0.5)
        if style == "single":
            return "'" + text.replace("'", "''") + "'"
        if style == "block":
            pad = " " * max(indent, 1)
            body = "\n".join(pad + line for line in text.split("\n"))
            return self.rng.choice(["|", ">", "|-", ">-"]) + "\n" + body
        if style == "broken":
            return self.rng.choice(['"', "'", "[", "{"]) + text
        return text


def mutate(text: str, rng: random.Random) -> str:
    """Sometimes damage the text the way editors and people do."""
    roll = rng.random()
    lines = text.split("\n")
    if roll < 0.08 and text:
        at = rng.randrange(len(text))
        return text[:at] + "\t" + text[at:]
    if roll < 0.14 and text:
        at = rng.randrange(len(text))
        return text[:at] + text[at + 1 :]
    if roll < 0.20 and len(lines) > 1:
        at = rng.randrange(len(lines))
        lines.insert(at, lines[at])
        return "\n".join(lines)
    if roll < 0.26 and len(lines) > 1:
        at = rng.randrange(len(lines))
        lines[at] = " " * rng.randint(1, 5) + lines[at]
        return "\n".join(lines)
    if roll < 0.30:
        return text.replace("\n", "\r\n")
    if roll < 0.33:
        return text[: rng.randrange(len(text) + 1)]
    return text


@st.composite
def yaml_text(draw, data: st.SearchStrategy) -> str:
    value = draw(data)
    rng = random.Random(draw(st.integers(0, 2**32)))
    return mutate(Emitter(rng).document(value), rng)


ANY_YAML = yaml_text(st.one_of(COURSE, QUIZ, DIAGNOSTIC, MODULE_META, VALUES))


@st.composite
def edited(draw, rel: str) -> str:
    """The fixture's own file with one to three small edits: nearly valid, so the
    cross-file rules (ids, answers, objectives, references) and the renderer get exercised."""
    lines = (FIXTURES / "minimal" / rel).read_text(encoding="utf-8").split("\n")
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(lines) - 1))
        line = lines[at]
        kind = draw(st.sampled_from(["value", "value", "delete", "copy", "indent", "insert"]))
        if kind == "value" and ": " in line:
            key = line.split(": ", 1)[0]
            rng = random.Random(draw(st.integers(0, 2**32)))
            lines[at] = f"{key}: {Emitter(rng).scalar(draw(SCALARS | IDS | WORDY), 4)}"
        elif kind == "delete":
            del lines[at]
        elif kind == "copy":
            lines.insert(at, line)
        elif kind == "indent":
            lines[at] = " " * draw(st.integers(0, 6)) + line.lstrip(" ")
        elif kind == "insert":
            lines.insert(at, " " * draw(st.integers(0, 6)) + f"{draw(KEYS)}: {draw(WORDY)}")
        if not lines:
            lines = [""]
    return "\n".join(lines)
