"""Start a new module or question bank from examples that already pass `validate --strict`.

`new_module` writes modules/<id>/ (module.md and three pages showing every block type),
quizzes/<id>.yaml (one example of every question type) and adds the id to `modules:` in
course/course.yaml, changing nothing else in that file. `new_quiz` writes only the question
bank, for a module that exists. Neither ever overwrites a file: when something is in the way
they raise ScaffoldError (a ValueError) saying what exists and what to do, and change nothing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from builder.discover import COURSE_FILE, MODULE_FILE
from builder.errors import Problems, TrainerError
from builder.load import split_front_matter
from builder.models import ID_PATTERN, Quiz
from builder.validation import validate
from builder.yamlfile import YamlSyntaxError, parse_yaml

ID_MAX = 64  # builder.models.Id's max_length
MINUTES = 20
OBJECTIVE_SUFFIXES = ("explain", "apply")
QUESTION_SUFFIXES = ("q1", "q2", "q3", "q4", "q5")
ID_LINE = re.compile(r"""^\s*(?:-\s+)?id:\s*["']?([a-z][a-z0-9-]*)""", re.MULTILINE)


class ScaffoldError(TrainerError):
    """Nothing was written: the message says why, in the trainer's words."""


def new_module(root: Path, module_id: str, title: str | None = None) -> list[Path]:
    """Create a module, its question bank and its entry in course/course.yaml.

    Returns the files written, in order; course/course.yaml comes last when it was changed
    (it is left alone when it already lists the module).
    """
    check_id(module_id, "module")
    course_file = _course_file(root)
    folder = root / "modules" / module_id
    quiz = root / "quizzes" / f"{module_id}.yaml"
    if folder.exists():
        raise ScaffoldError(
            f"modules/{module_id}/ already exists, so nothing was created. Choose another id, "
            f"or to add only a question bank to that module run: new quiz {module_id}"
        )
    if quiz.exists():
        raise ScaffoldError(
            f"quizzes/{module_id}.yaml already exists, so nothing was created. Choose another "
            "module id, or rename or remove that file first"
        )
    title = (title or "").strip() or title_from_id(module_id)
    taken = _existing_ids(root)
    objective_ids = _fresh_ids(module_id, OBJECTIVE_SUFFIXES, taken)
    question_ids = _fresh_ids(module_id, QUESTION_SUFFIXES, taken)

    # Work out every change first, so a problem stops everything before anything is written.
    course_text, course_bytes = _read_course(course_file)
    new_course = add_module_to_course(course_text, module_id)
    files = {
        folder / MODULE_FILE: module_md(title, objective_ids),
        folder / "01-introduction.md": INTRODUCTION.replace("{id}", module_id),
        folder / "02-in-practice.md": IN_PRACTICE,
        folder / "03-summary.md": SUMMARY,
        quiz: quiz_yaml(module_id, objective_ids, question_ids),
    }
    written = _write_new(files, make_dirs=[folder])
    if new_course is not None:
        bom = b"\xef\xbb\xbf" if course_bytes.startswith(b"\xef\xbb\xbf") else b""
        course_file.write_bytes(bom + new_course.encode("utf-8"))
        written.append(course_file)
    return written


def new_quiz(root: Path, module_id: str) -> Path:
    """Create quizzes/<module_id>.yaml for an existing module, using its objective ids."""
    check_id(module_id, "module")
    _course_file(root)
    module_file = root / "modules" / module_id / MODULE_FILE
    quiz = root / "quizzes" / f"{module_id}.yaml"
    if not module_file.is_file():
        raise ScaffoldError(
            f"modules/{module_id}/{MODULE_FILE} does not exist, so there is no module to add a "
            f"question bank to. To start a whole new module run: new module {module_id}"
        )
    if quiz.exists():
        raise ScaffoldError(
            f"quizzes/{module_id}.yaml already exists, so nothing was created. Edit that file, "
            "or rename it first if you want to start again from the examples"
        )
    objective_ids = _module_objectives(root, module_id)
    question_ids = _fresh_ids(module_id, QUESTION_SUFFIXES, _existing_ids(root))
    return _write_new({quiz: quiz_yaml(module_id, objective_ids, question_ids)})[0]


# --- ids ------------------------------------------------------------------------------------


def check_id(value: str, what: str) -> None:
    """Refuse an id the course would reject, suggesting one it would accept."""
    if re.fullmatch(ID_PATTERN, value or "") and len(value) <= ID_MAX:
        return
    suggestion = re.sub(r"[^a-z0-9]+", "-", (value or "").lower()).strip("-")
    if suggestion[:1].isdigit():
        suggestion = f"{what}-{suggestion}"
    suggestion = suggestion[:ID_MAX].rstrip("-")
    hint = f' such as "{suggestion}"' if suggestion else ', such as "fire-safety"'
    if len(value or "") > ID_MAX:
        problem = f"is longer than {ID_MAX} characters"
    else:
        problem = "is not a valid id"
    raise ScaffoldError(
        f'"{value}" {problem}: a {what} id uses lower-case letters, digits and hyphens and '
        f"starts with a letter{hint}"
    )


def title_from_id(module_id: str) -> str:
    """`fire-basics` -> `Fire basics`."""
    words = module_id.replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def _fresh_ids(module_id: str, suffixes: tuple[str, ...], taken: set[str]) -> list[str]:
    """`<prefix>-<suffix>` ids that fit ID_MAX and clash with no id already in the course."""
    longest = max(len(s) for s in suffixes) + 1
    base = module_id[: ID_MAX - longest - 3].rstrip("-")
    for n in range(1, 100):
        prefix = base if n == 1 else f"{base}-{n}"
        ids = [f"{prefix}-{s}" for s in suffixes]
        if not taken.intersection(ids):
            taken.update(ids)
            return ids
    raise ScaffoldError(f'could not find free example ids for "{module_id}"')  # pragma: no cover


def _existing_ids(root: Path) -> set[str]:
    """Every `id:` in module front matter and question banks: new ids must not repeat them."""
    files = sorted((root / "modules").glob(f"*/{MODULE_FILE}")) + sorted(
        (root / "quizzes").glob("*.yaml")
    )
    ids: set[str] = set()
    for file in files:
        try:
            ids.update(ID_LINE.findall(file.read_text(encoding="utf-8-sig")))
        except (OSError, UnicodeDecodeError):
            continue
    return ids


def _module_objectives(root: Path, module_id: str) -> list[str]:
    path = f"modules/{module_id}/{MODULE_FILE}"
    unreadable = ScaffoldError(
        f"{path} has no readable objectives, so the new questions would have nothing to "
        "assess. Run `validate`, fix what it reports in that file, then try again"
    )
    try:
        text = (root / path).read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError):
        raise unreadable from None
    split = split_front_matter(text, path, Problems())
    if split is None:
        raise unreadable
    try:
        doc = parse_yaml(split[0], path, 2)
    except YamlSyntaxError:
        raise unreadable from None
    objectives = doc.data.get("objectives") if isinstance(doc.data, dict) else None
    ids = [
        o["id"]
        for o in objectives or []
        if isinstance(o, dict)
        and isinstance(o.get("id"), str)
        and re.fullmatch(ID_PATTERN, o["id"])
    ]
    if not ids:
        raise unreadable
    return ids


# --- files ----------------------------------------------------------------------------------


def _course_file(root: Path) -> Path:
    course_file = root / COURSE_FILE
    if not course_file.is_file():
        raise ScaffoldError(
            f"{root} is not a course folder: it has no {COURSE_FILE}. Run this in the folder "
            "that holds course/, modules/ and quizzes/"
        )
    return course_file


def _read_course(course_file: Path) -> tuple[str, bytes]:
    data = course_file.read_bytes()
    try:
        return data.decode("utf-8-sig"), data
    except UnicodeDecodeError:
        raise ScaffoldError(
            f"{COURSE_FILE} is not UTF-8 text, so the module could not be added to it. Save it "
            "as UTF-8 and try again"
        ) from None


def _write_new(files: dict[Path, str], make_dirs: list[Path] | None = None) -> list[Path]:
    """Write each file, refusing to replace anything (even a file created a moment ago)."""
    for folder in make_dirs or []:
        folder.mkdir(parents=True, exist_ok=False)
    written = []
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        written.append(path)
    return written


# --- course/course.yaml ---------------------------------------------------------------------


def add_module_to_course(text: str, module_id: str) -> str | None:
    """`text` with `module_id` added at the end of `modules:`; None if it is listed already.

    A text edit, not a YAML rewrite: every other byte of the file, comments, quotes and
    blank lines included, stays as it was.
    """
    try:
        doc = parse_yaml(text, COURSE_FILE)
    except YamlSyntaxError as exc:
        raise ScaffoldError(
            f"{COURSE_FILE} cannot be read (line {exc.line}: {exc.message}), so the module "
            "could not be added to it. Fix it and try again"
        ) from None
    data = doc.data if isinstance(doc.data, dict) else {}
    modules = data.get("modules")
    if isinstance(modules, list) and module_id in modules:
        return None
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    edited = None
    if isinstance(modules, list) and modules and ("modules", len(modules) - 1) in doc.lines:
        edited = _append_block_item(lines, doc.lines[("modules", len(modules) - 1)], module_id)
        edited = edited or _append_flow_item(lines, doc.line(("modules",)), module_id)
    elif isinstance(modules, list) or modules is None:
        line = doc.lines.get(("modules",))
        edited = _append_flow_item(lines, line, module_id) if line else None
        if edited is None and line is not None and modules is None:
            edited = _insert_lines(lines, line, [f"  - {module_id}{newline}"])
    if edited is None:
        raise ScaffoldError(
            f"could not add {module_id} to `modules:` in {COURSE_FILE}: add the line "
            f"`  - {module_id}` to its list of modules yourself, then run validate"
        )
    _check_only_modules_changed(doc.data, edited, module_id)
    return edited


def _append_block_item(lines: list[str], last_line: int, module_id: str) -> str | None:
    """After the last `  - item` line, a new line with the same indentation."""
    line = lines[last_line - 1]
    match = re.match(r"^(\s*-\s+)", line)
    if match is None:
        return None
    body = line.rstrip("\r\n")
    newline = line[len(body) :] or ("\r\n" if any(x.endswith("\r\n") for x in lines) else "\n")
    if not line.endswith(("\n", "\r")):
        lines = [*lines[:-1], body + newline]
    return _insert_lines(lines, last_line, [f"{match.group(1)}{module_id}{newline}"])


def _append_flow_item(lines: list[str], key_line: int | None, module_id: str) -> str | None:
    """`modules: [a, b]` -> `modules: [a, b, new]`, when the list is on the key's line."""
    if key_line is None:
        return None
    line = lines[key_line - 1]
    match = re.match(r"^(modules:\s*\[)([^\]#]*)(\].*)$", line, re.DOTALL)
    if match is None:
        return None
    items = match.group(2)
    sep = ", " if items.strip() else ""
    new = f"{match.group(1)}{items.rstrip()}{sep}{module_id}{match.group(3)}"
    return "".join([*lines[: key_line - 1], new, *lines[key_line:]])


def _insert_lines(lines: list[str], after: int, new: list[str]) -> str:
    return "".join([*lines[:after], *new, *lines[after:]])


def _check_only_modules_changed(before: dict[str, object], text: str, module_id: str) -> None:
    """The edit must add exactly one module and leave every other value alone."""
    after = parse_yaml(text, COURSE_FILE).data
    old = list(before.get("modules") or [])
    if (
        not isinstance(after, dict)
        or after.get("modules") != [*old, module_id]
        or {k: v for k, v in after.items() if k != "modules"}
        != {k: v for k, v in before.items() if k != "modules"}
    ):
        raise ScaffoldError(
            f"could not add {module_id} to `modules:` in {COURSE_FILE} safely: add the line "
            f"`  - {module_id}` to its list of modules yourself, then run validate"
        )


# --- the examples ---------------------------------------------------------------------------


def _q(text: str) -> str:
    """A YAML double-quoted string (JSON's form is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def module_md(title: str, objective_ids: list[str]) -> str:
    first, second = objective_ids
    return f"""---
# The module's title, shown in the course menu and on the module's first screen.
title: {_q(title)}
# About how long the module takes, in minutes, knowledge check included.
minutes: {MINUTES}
# What a trainee can do after the module. Start each with a verb you could check
# (name, explain, plan). Ids are unique in the course; each question in the module's
# question bank names the objectives it assesses, and every objective needs a question.
objectives:
  - id: {first}
    text: "Explain the main idea of this module in your own words."
  - id: {second}
    text: "Plan one practical step to take together at work."
---
Replace this paragraph with two or three sentences that introduce the module: what it
covers, and why it matters to managers and union representatives. It is shown on the
module's first screen, above the objectives.
"""


INTRODUCTION = """# Introduction

Replace this page with the first page of your module. Every page is one file in the
module's folder. Pages are shown in the order of their file names (01-, 02-, 03- ...),
and the first line of each file is the page's title.

## Writing a page

- Keep paragraphs short and words plain: one idea per paragraph.
- Use a heading that starts with two hash signs to break a long page into sections.
- Put a key term in **bold**, and use a numbered list when the order matters.

To add a picture, save it in the folder modules/{id}/images/ and write
`![What the picture shows](images/picture.png)` on a line of its own. Screen readers
read the words in the square brackets aloud, so describe what the picture shows.

To link to another page of this module, use its file name, as in this link to the
[summary](03-summary.md).
"""

IN_PRACTICE = """# In practice

This page shows every special block a page can use. Keep the blocks you need and delete
the rest. A block starts with a line such as `::: case-study` and ends with a line `:::`.

::: case-study A real example
Tell the story of one organisation: what the problem was, what managers and union
representatives did together, and what changed as a result. Give figures where you have
them, and say where they come from.
:::

## The same point, two views

::: lens manager
Say how a manager may see this point, and what may worry them about it.

What to do: share early plans with union representatives before any options are fixed.
:::

::: lens rep
Say how a union representative may see this point, and what may worry them about it.

What to do: bring members' ideas for improving the service, not only their concerns.
:::

::: activity Plan a first step together
Work as a pair: one manager and one union representative from the same organisation.

1. Each of you, on your own, writes down one thing that already works well.
2. Compare what you wrote, and agree one thing to improve.
3. Agree the first step, who takes it, and by when.

**What you produce:** a one-page note of the step you agreed, who will take it, and the
date you will review it together.
:::

::: key-points
- A key-points block sums up a page in a few short bullets.
- Write each point as a full sentence that makes sense on its own.
:::
"""

SUMMARY = """# Summary

Sum up the module in a sentence or two. The summary's key points are also the key
points in the facilitator handbook, so list everything a trainee should remember.

::: key-points
- The first thing a trainee should remember from this module.
- The second thing a trainee should remember.
- The third thing a trainee should remember.
:::

## What comes next

Say in a sentence or two how this module leads into the next one.
"""


def quiz_yaml(module_id: str, objective_ids: list[str], question_ids: list[str]) -> str:
    """A question bank with one example of every question type, checked before it is returned."""
    # Spread the objectives over the five questions so that every objective is assessed.
    spread: list[list[str]] = [[] for _ in question_ids]
    for index, objective in enumerate(objective_ids):
        spread[index % len(question_ids)].append(objective)
    for index, entry in enumerate(spread):
        if not entry:
            entry.append(objective_ids[index % len(objective_ids)])
    obj = ["[" + ", ".join(ids) + "]" for ids in spread]
    q1, q2, q3, q4, q5 = question_ids
    text = f"""# The question bank for the module {module_id}: its knowledge check, and the pool the
# final assessment draws from. Replace these examples with your own questions.
# Every question needs an id that is unique in the course, a prompt, the ids of the
# module objectives it assesses, and feedback that says why an answer is right or wrong.
module: {module_id}
title: Knowledge check
pass_mark: 80        # per cent needed to pass the knowledge check
attempts: 0          # 0 means no limit
shuffle: true        # shuffle the questions and their options for each attempt
# draw: 5            # ask only this many questions per attempt; leave out to ask them all
questions:
  # single: exactly one option has `correct: true`.
  - id: {q1}
    type: single
    objectives: {obj[0]}
    prompt: "Which of these is the best first step when a change is planned?"
    options:
      - id: a
        text: "Managers and union representatives discuss it together early on"
        correct: true
        feedback: "Right. Talking early, before options are fixed, gives both sides a real say."
      - id: b
        text: "Managers decide, then tell staff what will happen"
        feedback: "Not this one. Telling people after the decision leaves no room for their ideas."
      - id: c
        text: "Wait until staff complain before saying anything"
        feedback: "Not this one. Waiting for complaints means problems are found late."
  # multiple: two or more options have `correct: true`; trainees choose all that apply.
  - id: {q2}
    type: multiple
    objectives: {obj[1]}
    prompt: "Which of these help a joint plan to work? Choose all that apply."
    options:
      - id: a
        text: "A named owner for each action"
        correct: true
        feedback: "Right. Someone has to be responsible for making each action happen."
      - id: b
        text: "A date to review progress together"
        correct: true
        feedback: "Right. A review date keeps both sides checking the plan is working."
      - id: c
        text: "Keeping the plan secret from staff"
        feedback: "Not this one. Staff need to know about a plan to take part in it."
  # true-false: `answer` is true or false; give feedback for each possible answer.
  - id: {q3}
    type: true-false
    objectives: {obj[2]}
    prompt: "Staff who say nothing about a change always agree with it."
    answer: false
    feedback_true: "Not right. Silence can hide doubts; ask questions that make it easy to speak."
    feedback_false: "Right. Silence does not mean agreement; ask questions to find out more."
  # matching: each pair is an item and its right match; trainees see the matches shuffled.
  - id: {q4}
    type: matching
    objectives: {obj[3]}
    prompt: "Match each role to something it brings to a change."
    pairs:
      - id: a
        item: "Manager"
        match: "Responsibility for running the service"
        feedback: "Managers run the service and make the decisions that shape it."
      - id: b
        item: "Union representative"
        match: "The views and ideas of members"
        feedback: "Representatives bring their members' concerns and ideas into the discussion."
      - id: c
        item: "Frontline staff"
        match: "First-hand knowledge of service users"
        feedback: "Frontline staff see the service and its users every day."
  # ordering: list the items in the right order; trainees see them shuffled.
  - id: {q5}
    type: ordering
    objectives: {obj[4]}
    prompt: "Put these steps of a joint review in order, from first to last."
    items:
      - id: a
        text: "Agree the terms of reference together"
        feedback: "First: agree together what the review is for and what is open to change."
      - id: b
        text: "Gather ideas from staff"
        feedback: "Next: collect ideas from the people who do the work."
      - id: c
        text: "Agree the changes and who makes them"
        feedback: "Then agree what will change, and who is responsible for each change."
      - id: d
        text: "Review progress together"
        feedback: "Last: check together that the changes worked."
"""
    doc = parse_yaml(text, f"quizzes/{module_id}.yaml")
    quiz, problems = validate(Quiz, doc)
    if quiz is None or problems:  # the examples must always be valid: a bug if not
        raise RuntimeError(f"the example question bank is invalid: {problems}")
    return text
