"""Generated courses for the answer round trip: a bank of every question type, a scenario and a
self-assessment, with option ids in any order and of any length, and the answers to give.

`courses()` draws one course and its trainee's answers; `write_course` lays it out as source
files beside the minimal fixture; `expected` says what a record of each answer must read back
as: the option ids chosen, in the runtime's order, and whether the answer is right.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

REPO = Path(__file__).parents[2]
IRI = "https://training.example.org/courses/round-trip"
LONG_IDS = st.from_regex(r"[a-z][a-z0-9-]{0,11}", fullmatch=True)
SHORT_IDS = st.from_regex(r"[a-z][a-z0-9]?", fullmatch=True)


def _ids(draw: Any, count: int, ids: Any = LONG_IDS) -> list[str]:
    return draw(st.lists(ids, min_size=count, max_size=count, unique=True))


def _texts(kind: str, qid: str, ids: list[str]) -> list[str]:
    return [f"{kind} {n} of {qid}, called {i}" for n, i in enumerate(ids)]


@st.composite
def choice_question(draw: Any, qid: str, kind: str, wide: bool = False) -> dict[str, Any]:
    """single or multiple: `wide` gives the 26 options the model allows, with short ids."""
    count = 26 if wide else draw(st.integers(2, 12))
    ids = _ids(draw, count, SHORT_IDS if wide else LONG_IDS)
    # A multiple-response question has two or more keys (one key is a single-choice question).
    size = 1 if kind == "single" else draw(st.integers(2, count))
    key = draw(st.lists(st.sampled_from(ids), min_size=size, max_size=size, unique=True))
    picked = draw(st.lists(st.sampled_from(ids), min_size=size, max_size=size, unique=True))
    if kind == "multiple":
        picked = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=count, unique=True))
    options = [
        {
            "id": i,
            "text": t,
            "feedback": f"Because of {i}.",
            **({"correct": True} if i in key else {}),
        }
        for i, t in zip(ids, _texts("Option", qid, ids), strict=True)
    ]
    return {"source": {"id": qid, "type": kind, "objectives": ["fire-triangle"],
                       "prompt": f"Question {qid}: which would you choose?", "options": options},
            "answer": picked}  # fmt: skip


@st.composite
def true_false(draw: Any, qid: str) -> dict[str, Any]:
    return {"source": {"id": qid, "type": "true-false", "objectives": ["fire-response"],
                       "prompt": f"Statement {qid} holds.", "answer": draw(st.booleans()),
                       "feedback_true": "Said true.", "feedback_false": "Said false."},
            "answer": draw(st.sampled_from(["true", "false"]))}  # fmt: skip


@st.composite
def matching(draw: Any, qid: str, wide: bool = False) -> dict[str, Any]:
    """`wide`: 26 items and 10 spare matches, so 36 targets to choose from."""
    count, spare = (26, 10) if wide else (draw(st.integers(2, 6)), draw(st.integers(0, 3)))
    ids = _ids(draw, count, SHORT_IDS if wide else LONG_IDS)
    targets = ids + [str(n) for n in range(1, spare + 1)]
    pairs = [{"id": i, "item": f"Item {i} of {qid}", "match": f"Match for {i} of {qid}",
              "feedback": f"{i} goes with its own match."} for i in ids]  # fmt: skip
    chosen = [draw(st.sampled_from(targets)) for _ in ids]
    return {"source": {"id": qid, "type": "matching", "objectives": ["fire-triangle"],
                       "prompt": f"Match each item of {qid}.", "pairs": pairs,
                       "distractors": [f"Spare match {n} of {qid}" for n in range(spare)]},
            "answer": dict(zip(ids, chosen, strict=True))}  # fmt: skip


@st.composite
def ordering(draw: Any, qid: str) -> dict[str, Any]:
    ids = _ids(draw, draw(st.integers(2, 8)))
    items = [{"id": i, "text": t, "feedback": f"{i} has its place."}
             for i, t in zip(ids, _texts("Step", qid, ids), strict=True)]  # fmt: skip
    return {"source": {"id": qid, "type": "ordering", "objectives": ["fire-response"],
                       "prompt": f"Put the steps of {qid} in order.", "items": items},
            "answer": draw(st.permutations(ids))}  # fmt: skip


@st.composite
def scenario(draw: Any, qid: str) -> dict[str, Any]:
    """A chain of nodes, each with a choice that leads on and others that end or skip ahead."""
    node_ids = _ids(draw, draw(st.integers(1, 4)))
    ending_ids = _ids(draw, 2)
    nodes = []
    for n, node in enumerate(node_ids):
        choice_ids = _ids(draw, draw(st.integers(2, 5)))
        later = node_ids[n + 1 :]
        choices = []
        for c, choice in enumerate(choice_ids):
            leads = {"next": later[0]} if later and c == 0 else {"end": ending_ids[c % 2]}
            if later and c > 1 and draw(st.booleans()):
                leads = {"next": draw(st.sampled_from(later))}
            choices.append({"id": choice, "text": f"Choice {choice} at {node} of {qid}",
                            "score": draw(st.integers(0, 2)) if c else 2,
                            "feedback": f"After {choice}.", **leads})  # fmt: skip
        draw(st.randoms()).shuffle(choices)
        nodes.append({"id": node, "text": f"Node {node} of {qid}.", "choices": choices})
    endings = [{"id": e, "text": f"Ending {e} of {qid}."} for e in ending_ids]
    picks = draw(st.lists(st.integers(0, 4), min_size=len(node_ids), max_size=len(node_ids)))
    return {"source": {"id": qid, "type": "scenario", "objectives": ["fire-response"],
                       "title": f"Scenario {qid}", "start": node_ids[0], "nodes": nodes,
                       "endings": endings},
            "answer": _path(nodes, picks)}  # fmt: skip


def _path(nodes: list[dict[str, Any]], picks: list[int]) -> list[tuple[str, str]]:
    """(node, choice) taken from the start: the n-th visit takes choice picks[n] (wrapped)."""
    by_id = {n["id"]: n for n in nodes}
    node, path = nodes[0], []
    for pick in picks:
        choice = node["choices"][pick % len(node["choices"])]
        path.append((node["id"], choice["id"]))
        if "next" not in choice:
            return path
        node = by_id[choice["next"]]
    while True:  # picks ran out: take the first choice until an ending
        choice = node["choices"][0]
        path.append((node["id"], choice["id"]))
        if "next" not in choice:
            return path
        node = by_id[choice["next"]]


@st.composite
def self_assessment(draw: Any) -> dict[str, Any]:
    scale = _ids(draw, draw(st.integers(2, 5)))
    statements = _ids(draw, draw(st.integers(1, 4)))
    answers = {s: draw(st.sampled_from([*scale, "dont-know"])) for s in statements}
    source = {
        "kind": "diagnostic", "title": "Ready?", "intro": "Answer together.",
        "scale": [{"id": a, "text": f"Scale answer {a}", "score": n} for n, a in enumerate(scale)],
        "dont_know": "Not sure", "elements": [{"id": "kit", "title": "The kit"}],
        "questions": [{"id": s, "element": "kit", "prompt": f"Statement {s} is true here.",
                       "if_unknown": f"Find out about {s}."} for s in statements],
        "bands": [{"id": "start", "title": "Getting started", "text": "There is work to do.",
                   "because": "No rule placed you higher.", "next_steps": ["Put up a sign."]}],
    }  # fmt: skip
    return {"source": source, "answer": answers}


@st.composite
def courses(draw: Any) -> dict[str, Any]:
    """One bank of every type (a wide multiple and a wide matching among them), a scenario and
    a self-assessment; question ids are unique across the course."""
    makers = [
        ("single", lambda q: choice_question(q, "single")),
        ("multiple", lambda q: choice_question(q, "multiple")),
        ("wide-multiple", lambda q: choice_question(q, "multiple", wide=True)),
        ("true-false", true_false),
        ("matching", matching),
        ("wide-matching", lambda q: matching(q, wide=True)),
        ("ordering", ordering),
        ("scenario", scenario),
    ]
    questions = []
    for n, (name, make) in enumerate(makers):
        for copy in range(1 if name.startswith("wide") or name == "scenario" else 2):
            questions.append(draw(make(f"rt-{n}{copy}-{name}")))
    draw(st.randoms()).shuffle(questions)
    return {"questions": questions, "self_assessment": draw(self_assessment())}


def write_course(course: dict[str, Any], folder: Path) -> Path:
    """The minimal fixture with the generated bank and self-assessment in place of its own."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(REPO / "tests" / "fixtures" / "minimal", folder)
    bank = {"module": "fire-basics", "title": "Knowledge check", "pass_mark": 80,
            "attempts": 0, "shuffle": True, "questions": [q["source"] for q in course["questions"]]}  # fmt: skip
    dump = lambda data: yaml.safe_dump(data, sort_keys=False, allow_unicode=True)  # noqa: E731
    (folder / "quizzes" / "fire-basics.yaml").write_text(dump(bank), encoding="utf-8")
    (folder / "quizzes" / "readiness.yaml").write_text(
        dump(course["self_assessment"]["source"]), encoding="utf-8"
    )
    yaml_file = folder / "course" / "course.yaml"
    text = yaml_file.read_text(encoding="utf-8").replace(
        "packages: [scorm12, scorm2004]", "packages: [scorm12, scorm2004, cmi5]"
    )  # the final assessment, the graded quiz whose answers are recorded, asks every question
    text = text.replace(
        "questions_per_module: 2", f"questions_per_module: {len(bank['questions'])}"
    )
    yaml_file.write_text(text + f"self_assessment: readiness\niri: {IRI}\n", encoding="utf-8")
    return folder


def expected(course: dict[str, Any]) -> dict[str, tuple[list[str], bool | None]]:
    """Interaction id -> (the ids its record must read back as, right / wrong / neither)."""
    out: dict[str, tuple[list[str], bool | None]] = {}
    for q in course["questions"]:
        source, answer = q["source"], q["answer"]
        kind = source["type"]
        if kind in ("single", "multiple"):
            ids = [o["id"] for o in source["options"]]
            key = {o["id"] for o in source["options"] if o.get("correct")}
            chosen = [i for i in ids if i in answer]  # the runtime lists them in source order
            out[source["id"]] = (chosen, set(chosen) == key)
        elif kind == "true-false":
            out[source["id"]] = ([answer], answer == ("true" if source["answer"] else "false"))
        elif kind == "matching":
            pairs = [f"{item}.{target}" for item, target in answer.items()]
            out[source["id"]] = (pairs, all(i == t for i, t in answer.items()))
        elif kind == "ordering":
            out[source["id"]] = (list(answer), list(answer) == [i["id"] for i in source["items"]])
        elif kind == "scenario":
            scores = {(n["id"], c["id"]): c["score"] for n in source["nodes"] for c in n["choices"]}
            for node, choice in answer:
                right = {2: True, 1: None, 0: False}[scores[(node, choice)]]
                out[f"{source['id']}-{node}"] = ([choice], right)
    for statement, answer in course["self_assessment"]["answer"].items():
        out[statement] = ([answer], None)
    return out
