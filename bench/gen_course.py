"""Write a large, realistic course for benchmarks: `python bench/gen_course.py OUT --modules N`.

Each module gets `--pages` pages of about 250 words (headings, lists, a case study and a
manager's and a rep's lens) and a bank of `--questions` questions mixing all five types.
The course has a final assessment and a self-assessment. The output is deterministic.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

WORDS = (
    "service staff union manager review change team council change involvement partner "
    "public improve shared plan agree meeting proposal working group frontline residents "
    "budget training steward branch policy process value outcome trust voice culture "
    "leadership engagement pilot result study report measure target quality capacity "
    "decision feedback progress survey forum evidence resource funding contract schedule "
    "community practice standard framework priority risk barrier benefit support joint "
    "together clear open honest early regular local national senior junior every each "
    "develop deliver design explain listen discuss review record share test learn build "
    "the a of to and in for with on at by from as that this it is are was be can will "
    "they their them we our you your people work time year week day month"
).split()


def sentence(rand: random.Random, low: int = 8, high: int = 16) -> str:
    words = [rand.choice(WORDS) for _ in range(rand.randint(low, high))]
    return " ".join(words).capitalize() + "."


def recall_objective(text: str) -> str:
    """The generated banks have no scenarios, so objectives ask for nothing beyond recall."""
    return re.sub(
        r"\b(plan|explain)\b",
        lambda m: "Describe" if m.group(0)[0].isupper() else "describe",
        text,
        flags=re.IGNORECASE,
    )


def paragraph(rand: random.Random, sentences: int) -> str:
    return " ".join(sentence(rand) for _ in range(sentences))


def page_text(rand: random.Random, title: str) -> str:
    """About 250 words: intro, a heading, a list, a case study and two lenses."""
    parts = [
        f"# {title}",
        "",
        paragraph(rand, 5),
        "",
        f"## {sentence(rand, 3, 5)[:-1]}",
        "",
        paragraph(rand, 4),
        "",
        *[f"- {sentence(rand, 4, 8)}" for _ in range(3)],
        "",
        f"::: case-study {sentence(rand, 2, 3)[:-1]}",
        paragraph(rand, 4),
        ":::",
        "",
        "::: lens manager",
        paragraph(rand, 2),
        ":::",
        "",
        "::: lens rep",
        paragraph(rand, 2),
        ":::",
        "",
        f"Read **{rand.choice(WORDS)}** and *{rand.choice(WORDS)}* together. {sentence(rand)}",
        "",
    ]
    return "\n".join(parts)


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def question_yaml(rand: random.Random, qid: str, kind: str, objectives: list[str]) -> str:
    lines = [
        f"  - id: {qid}",
        f"    type: {kind}",
        f"    objectives: [{rand.choice(objectives)}]",
        f"    prompt: {quoted(sentence(rand, 8, 14)[:-1] + '?')}",
    ]
    number = int(qid.rsplit("q", 1)[1])
    if kind in ("single", "multiple"):
        # Keys move around, multiple-response questions vary their number of keys, and a key
        # is never the only longest option: the bank passes the item-writing lint rules.
        right = {number % 4} if kind == "single" else ({0, 2}, {1, 2, 3})[number // 5 % 2]
        texts = [sentence(rand, 4, 9) for _ in "abcd"]
        if kind == "single":
            key = next(iter(right))
            if all(len(texts[key]) > len(t) for n, t in enumerate(texts) if n != key):
                texts[(key + 1) % 4] = texts[key] + " too"
        lines.append("    options:")
        for n, letter in enumerate("abcd"):
            lines.append(f"      - id: {letter}")
            lines.append(f"        text: {quoted(texts[n])}")
            if n in right:
                lines.append("        correct: true")
            lines.append(f"        feedback: {quoted(sentence(rand, 10, 18))}")
    elif kind == "true-false":
        lines.append(f"    answer: {'true' if number // 5 % 2 else 'false'}")
        lines.append(f"    feedback_true: {quoted(sentence(rand, 10, 16))}")
        lines.append(f"    feedback_false: {quoted(sentence(rand, 10, 16))}")
    elif kind == "matching":
        lines.append("    pairs:")
        for n, letter in enumerate("abcd"):
            lines.append(f"      - id: {letter}")
            lines.append(f"        item: {quoted(f'Item {n + 1}: ' + sentence(rand, 2, 4))}")
            lines.append(f"        match: {quoted(f'Match {n + 1}: ' + sentence(rand, 5, 9))}")
            lines.append(f"        feedback: {quoted(sentence(rand, 8, 14))}")
    else:
        lines.append("    items:")
        for n, letter in enumerate("abcd"):
            lines.append(f"      - id: {letter}")
            lines.append(f"        text: {quoted(f'Step {n + 1}: ' + sentence(rand, 4, 8))}")
            lines.append(f"        feedback: {quoted(sentence(rand, 8, 14))}")
    return "\n".join(lines)


KINDS = ("single", "multiple", "true-false", "matching", "ordering")

DIAGNOSTIC = """kind: diagnostic
title: "Where do we stand?"
intro: "Rate each statement together, as a manager and a union representative."
scale:
  - {id: a, text: "Not at all", score: 0}
  - {id: b, text: "Partly", score: 1}
  - {id: c, text: "Fully", score: 2}
elements:
  - {id: all, title: "Involvement"}
questions:
%s
bands:
  - id: low
    title: "Getting started"
    text: "Involvement is mostly missing."
    next_steps:
      - "Agree together that you want staff and unions involved."
  - id: high
    title: "Working together"
    text: "Involvement reaches most levels."
    rules:
      - because: "Every statement is rated Fully."
        when:
          - {element: all, at_least: c}
    next_steps:
      - "Keep reviewing how well you involve people."
"""


def generate(
    out: Path, modules: int, pages: int = 10, questions: int = 30, seed: int = 1
) -> dict[str, int]:
    """Write the course into `out` (emptied first); return its size."""
    rand = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "course").mkdir(parents=True)
    (out / "quizzes").mkdir()
    ids = [f"module-{n:04d}" for n in range(1, modules + 1)]
    course = [
        "id: bench-course",
        'title: "Benchmark course: working together at scale"',
        'version: "1.0.0"',
        "language: en-GB",
        "description: >-",
        "  A generated course for measuring how fast dfc-course builds a large course.",
        "audience: Managers and trade union representatives.",
        "modules:",
        *[f"  - {m}" for m in ids],
        "final_assessment:",
        "  title: Final assessment",
        "  questions_per_module: 3",
        "  pass_mark: 80",
        "  attempts: 3",
        "  shuffle: true",
        "self_assessment: self-assessment",
        "packages: [scorm12, scorm2004]",
        "roles:",
        "  - {id: manager, label: A manager}",
        "  - {id: rep, label: A trade union representative}",
        "  - {id: other, label: Other}",
        "accessibility:",
        "  contact: learning@example.org",
        "  last_tested: not yet",
        "  compliance: not",
        "  enforcement: The enforcement procedure where the course is used goes here.",
        "",
    ]
    (out / "course" / "course.yaml").write_text("\n".join(course), encoding="utf-8")
    for number, module_id in enumerate(ids, 1):
        folder = out / "modules" / module_id
        folder.mkdir(parents=True)
        objectives = [f"m{number:04d}-obj-{k}" for k in range(1, 4)]
        meta = [
            "---",
            f"title: {quoted(f'Module {number}: ' + sentence(rand, 2, 4)[:-1])}",
            f"minutes: {rand.randint(30, 45)}",
            "objectives:",
            *[
                f"  - id: {o}\n    text: {recall_objective(sentence(rand, 8, 12))}"
                for o in objectives
            ],
            "---",
            paragraph(rand, 3),
            "",
        ]
        (folder / "module.md").write_text("\n".join(meta), encoding="utf-8")
        for p in range(1, pages + 1):
            title = sentence(rand, 2, 5)[:-1]
            (folder / f"{p:02d}-page-{p}.md").write_text(page_text(rand, title), encoding="utf-8")
        bank = [
            f"module: {module_id}",
            "title: Knowledge check",
            "pass_mark: 80",
            "draw: 5",
            "attempts: 0",
            "shuffle: true",
            "questions:",
        ]
        # Every objective is assessed: the first three questions cover one each.
        for q in range(questions):
            qid = f"m{number:04d}-q{q + 1:03d}"
            chosen = [objectives[q]] if q < len(objectives) else objectives
            bank.append(question_yaml(rand, qid, KINDS[q % len(KINDS)], chosen))
        (out / "quizzes" / f"{module_id}.yaml").write_text("\n".join(bank) + "\n", "utf-8")
    statements = "\n".join(
        f"  - id: sa-{n:02d}\n    element: all\n    prompt: {quoted(sentence(rand, 10, 16))}"
        for n in range(1, 7)
    )
    (out / "quizzes" / "self-assessment.yaml").write_text(DIAGNOSTIC % statements, "utf-8")
    return {"modules": modules, "pages": modules * pages, "questions": modules * questions}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (emptied first)")
    parser.add_argument("--modules", type=int, default=200)
    parser.add_argument("--pages", type=int, default=10, help="pages per module")
    parser.add_argument("--questions", type=int, default=30, help="questions per module")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    size = generate(args.out, args.modules, args.pages, args.questions, args.seed)
    sys.stdout.write(
        f"wrote {args.out}: {size['modules']} modules, {size['pages']} pages, "
        f"{size['questions']} questions\n"
    )


if __name__ == "__main__":
    main()
