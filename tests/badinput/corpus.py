"""The bad-input corpus: broken courses and files, each with exactly what `build` must print.

Every case overlays `files` on tests/fixtures/minimal and runs `dfc-course build` (plus
`args`). `expected` is stderr, line by line; for errors the count line the CLI adds at the
end is checked by the test, not listed here. A case with only warnings is accepted: it
exits 0. test_badinput.py runs every case.

File values: text (the new file), bytes (written as is), None (delete the file), Edit (a
change to the fixture's own file), Link (a symbolic link), Sparse (a large file of zeros
that takes no disk space).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    """Replace `old` (which must occur exactly `count` times) in the fixture's file."""

    old: str
    new: str
    count: int = 1
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Link:
    """A symbolic link to `target`; OUTSIDE and OUTSIDE_DIR stand for a real file and
    folder outside the course."""

    target: str


@dataclass(frozen=True)
class Sparse:
    """A file of `size` zero bytes, created sparse so it is instant."""

    size: int


@dataclass(frozen=True)
class Case:
    files: dict[str, str | bytes | Edit | Link | Sparse | None]
    expected: list[str]
    args: tuple[str, ...] = ()
    # Applied to every .yaml and .md file after `files`: "bom" (a UTF-8 byte-order mark
    # first) and/or "crlf" (Windows line endings). Such a course must build the same zips.
    every_file: tuple[str, ...] = ()
    # A release scenario from tests/approval_helpers.py, run after `files`: it adds the
    # signers mary (management) and uma (union) with keys made by ssh-keygen, approves,
    # and breaks something. `expected` may name {hash} (the sources' hash now) and {old}.
    release: str | None = None


OUTSIDE = "<a file outside the course>"
OUTSIDE_DIR = "<a folder outside the course>"
MB = 1024 * 1024

COURSE = "course/course.yaml"
MODULE = "modules/fire-basics/module.md"
PAGE1 = "modules/fire-basics/01-fire-triangle.md"
PAGE2 = "modules/fire-basics/02-alarm.md"
QUIZ = "quizzes/fire-basics.yaml"
# The last lines of the minimal course's course.yaml: its accessibility statement's fields.
STATEMENT = """\
accessibility:
  contact: learning@example.org
  last_tested: 2026-11-30
  compliance: partial
  enforcement: The enforcement procedure where the course is used goes here.
"""
IMAGES = "modules/fire-basics/images"
DIAGNOSTIC = "quizzes/readiness.yaml"

GOOD_DIAGNOSTIC = """\
kind: diagnostic
title: How ready are we for a fire?
intro: Answer together.
scale:
  - {id: a, text: Not at all, score: 0}
  - {id: b, text: Fully, score: 2}
questions:
  - id: ready-01
    prompt: Everyone knows the way out.
bands:
  - id: start
    title: Getting started
    text: There is work to do.
    next_steps:
      - Walk the route together.
"""

WITH_DIAGNOSTIC = Edit("packages:", "self_assessment: readiness\npackages:")
WELSH = Edit("language: en-GB", "language: en-GB\nlanguages: [en-GB, cy]")
# The fixture's roles, and edits that change them.
ROLES = "roles:\n  - {id: manager, label: A manager}\n  - {id: rep, label: A staff representative}\n  - {id: other, label: Other}\n"
ONE_ROLE = Edit(ROLES, "roles:\n  - {id: carer, label: A home carer}\n")
NO_ROLES = Edit(ROLES, "")
ALARM_IMAGE = Edit(":::\n", ":::\n\n![The exit map](images/exits.png)\n")

# A scenario for the fixture's bank, with a debrief naming the fixture's roles.
SCENARIO = """\
  - id: fire-06
    type: scenario
    objectives: [fire-response]
    title: The alarm at lunchtime
    start: n1
    nodes:
      - id: n1
        text: The alarm sounds while the team eats lunch. What does the supervisor do?
        choices:
          - id: a
            text: Lead everyone out by the nearest exit, and count them at the point.
            end: e1
            score: 2
            feedback: Everyone is out within two minutes, and nobody is missing.
          - id: b
            text: Finish the call she is on, then follow the others out of the room.
            end: e1
            score: 0
            feedback: She is last out, and the warden has to go back in to find her.
    endings:
      - id: e1
        text: The building is clear.
    debrief:
      parts:
        - {role: manager, plays: the supervisor}
        - {role: rep, plays: the fire warden}
      questions:
        - What did the supervisor need to know before lunch?
        - Who counts people at the point when the supervisor is away?
"""


def with_scenario(old: str = "", new: str = "") -> Edit:
    """The fixture's bank with SCENARIO added at its end, `old` in it replaced by `new`."""
    last = "        feedback: Last, wait to be counted.\n"
    return Edit(last, last + SCENARIO.replace(old, new) if old else last + SCENARIO)

CASES: dict[str, Case] = {
    # --- YAML syntax ------------------------------------------------------------------------
    "yaml: a tab in course.yaml": Case(
        {COURSE: Edit("  pass_mark: 80\n", "\tpass_mark: 80\n")},
        [
            "course/course.yaml:13: error: a tab character is not allowed here: indent YAML with spaces",
        ],
    ),
    "yaml: a tab in a question": Case(
        {QUIZ: Edit("    prompt: Put these", "\tprompt: Put these")},
        [
            "quizzes/fire-basics.yaml:62: error: a tab character is not allowed here: indent YAML with spaces",
        ],
    ),
    # YAML allows a tab between a key and its value (only indentation must be spaces).
    "yaml: a tab after a key is accepted": Case(
        {COURSE: Edit("language: en-GB", "language:\ten-GB")},
        [],
    ),
    "yaml: an unclosed double quote": Case(
        {COURSE: Edit('version: "1.0.0"', 'version: "1.0.0')},
        [
            "course/course.yaml:4: error: a quoted text is never closed: add the closing quote",
        ],
    ),
    "yaml: an unclosed single quote in a quiz": Case(
        {QUIZ: Edit("        text: Sand\n", "        text: 'Sand\n")},
        [
            "quizzes/fire-basics.yaml:29: error: a quoted text is never closed: add the closing quote",
        ],
    ),
    "yaml: an unclosed bracket": Case(
        {COURSE: Edit(f"  - {{id: other, label: Other}}\n{STATEMENT}", "  - {id: other, label: Other")},
        [
            "course/course.yaml:20: error: a bracket [ or { is never closed: add the closing ] or }",
        ],
    ),
    "yaml: an unclosed bracket before the last line": Case(
        {COURSE: Edit("packages: [scorm12, scorm2004]", "packages: [scorm12, scorm2004")},
        [
            "course/course.yaml:17: error: a bracket is not closed or a comma is missing",
        ],
    ),
    "yaml: an unclosed bracket mid-file": Case(
        {
            QUIZ: Edit(
                "objectives: [fire-response]\n    prompt: You",
                "objectives: [fire-response\n    prompt: You",
            )
        },
        [
            "quizzes/fire-basics.yaml:38: error: a bracket is not closed or a comma is missing",
        ],
    ),
    # Message to improve in yamlfile.py: parser words, and line 7 where the brace opens on 6.
    "yaml: an unclosed brace": Case(
        {
            DIAGNOSTIC: GOOD_DIAGNOSTIC.replace("text: Fully, score: 2}", "text: Fully, score: 2"),
            COURSE: WITH_DIAGNOSTIC,
        },
        [
            "quizzes/readiness.yaml:7: error: a bracket is not closed or a comma is missing",
        ],
    ),
    "yaml: a duplicate key in course.yaml": Case(
        {COURSE: Edit("audience:", "id: fire-safety-2\naudience:")},
        [
            'course/course.yaml:7: error: the key "id" appears twice (first at line 2): keep only one',
        ],
    ),
    "yaml: a duplicate key in an option": Case(
        {QUIZ: Edit("        text: Sand\n", "        text: Sand\n        text: Gravel\n")},
        [
            'quizzes/fire-basics.yaml:30: error: the key "text" appears twice (first at line 29): keep only one',
        ],
    ),
    "yaml: a duplicate key in module front matter": Case(
        {MODULE: Edit("minutes: 10\n", "minutes: 10\ntitle: Fire\n")},
        [
            'modules/fire-basics/module.md:4: error: the key "title" appears twice (first at line 2): keep only one',
        ],
    ),
    "yaml: a line indented too far": Case(
        {COURSE: Edit("audience:", "   audience:")},
        [
            "course/course.yaml:7: error: a colon followed by a space is not allowed here: put the text "
            "in quotes, or check the line's indentation",
        ],
    ),
    "yaml: a list item where a key belongs": Case(
        {QUIZ: Edit("shuffle: true\n", "shuffle: true\n- extra\n")},
        [
            "quizzes/fire-basics.yaml:6: error: this line does not fit with the lines above it: check its indentation, and that every quote opened above is closed",
        ],
    ),
    "yaml: a colon in unquoted text": Case(
        {
            QUIZ: Edit(
                "prompt: Put these steps in order.", "prompt: Order: put these steps in order."
            )
        },
        [
            "quizzes/fire-basics.yaml:62: error: a colon followed by a space is not allowed here: put "
            "the text in quotes, or check the line's indentation",
        ],
    ),
    "front matter never closed": Case(
        {MODULE: Edit("---\nThis module", "\nThis module")},
        [
            "modules/fire-basics/module.md:1: error: the front matter is never closed: add a line ---",
        ],
    ),
    "module.md without front matter": Case(
        {MODULE: "# Fire basics\n\nThis module explains fires.\n"},
        [
            "modules/fire-basics/module.md:1: error: must start with front matter: a line ---, the YAML, then ---",
        ],
    ),
    # --- wrong types ------------------------------------------------------------------------
    "type: minutes as words": Case(
        {MODULE: Edit("minutes: 10", "minutes: ten")},
        [
            "modules/fire-basics/module.md:3: error: minutes: should be a whole number",
        ],
    ),
    "type: pass mark as words": Case(
        {QUIZ: Edit("pass_mark: 80", "pass_mark: eighty")},
        [
            "quizzes/fire-basics.yaml:3: error: pass_mark: should be a whole number",
        ],
    ),
    "type: pass mark with a per cent sign": Case(
        {COURSE: Edit("  pass_mark: 80", "  pass_mark: 80%")},
        [
            "course/course.yaml:13: error: pass_mark: should be a whole number",
        ],
    ),
    "type: shuffle not true or false": Case(
        {QUIZ: Edit("shuffle: true", "shuffle: sometimes")},
        [
            "quizzes/fire-basics.yaml:5: error: shuffle: should be true or false",
        ],
    ),
    "type: modules as one text": Case(
        {COURSE: Edit("modules:\n  - fire-basics\n", "modules: fire-basics\n")},
        [
            "course/course.yaml:8: error: modules: should be a list (lines starting with -)",
        ],
    ),
    "type: options as text": Case(
        {
            QUIZ: Edit(
                "    options:\n      - id: a\n        text: Oxygen\n        correct: true\n"
                "        feedback: A fire needs oxygen, heat and fuel.\n"
                "      - id: b\n        text: Water\n        feedback: Water puts many fires out.\n",
                "    options: Oxygen or water\n",
            )
        },
        [
            'quizzes/fire-basics.yaml:11: error: question "fire-01", options: should be a list (lines starting with -)',
        ],
    ),
    "type: questions as a mapping": Case(
        {QUIZ: "module: fire-basics\nquestions:\n  fire-01: Which?\n"},
        [
            "quizzes/fire-basics.yaml:2: error: questions: should be a list (lines starting with -)",
        ],
    ),
    "type: a question that is only text": Case(
        {QUIZ: Edit("questions:\n", "questions:\n  - Which of these burns?\n")},
        [
            "quizzes/fire-basics.yaml:7: error: question 1: should be a set of `key: value` lines",
        ],
    ),
    "type: final_assessment as a list": Case(
        {
            COURSE: Edit(
                "final_assessment:\n  title: Final assessment\n  questions_per_module: 2\n"
                "  pass_mark: 80\n  attempts: 3\n  shuffle: true\n",
                "final_assessment:\n  - title: Final assessment\n    questions_per_module: 2\n",
            )
        },
        [
            "course/course.yaml:10: error: final_assessment: should be a set of `key: value` lines",
        ],
    ),
    "type: course.yaml is a list": Case(
        {COURSE: "- id: fire-safety\n- title: Fire safety basics\n"},
        [
            "course/course.yaml:1: error: expected a set of `key: value` lines",
        ],
    ),
    "type: course.yaml is one line of text": Case(
        {COURSE: "Fire safety basics\n"},
        [
            "course/course.yaml:1: error: expected a set of `key: value` lines",
        ],
    ),
    "type: title as a list": Case(
        {COURSE: Edit("title: Fire safety basics", "title: [Fire, safety]")},
        [
            "course/course.yaml:3: error: title: should be text",
        ],
    ),
    "type: correct as a number": Case(
        {
            QUIZ: Edit(
                "        text: Oxygen\n        correct: true",
                "        text: Oxygen\n        correct: 2",
            )
        },
        [
            'quizzes/fire-basics.yaml:14: error: question "fire-01", option "a", correct: should be true or false',
        ],
    ),
    "type: a number where text belongs": Case(
        {COURSE: Edit('version: "1.0.0"', "version: 1.0")},
        [
            'course/course.yaml:4: error: version: should be text: put the version in quotes, e.g. "1.0.0"',
        ],
    ),
    "type: attempts below zero": Case(
        {QUIZ: Edit("attempts: 0", "attempts: -1")},
        [
            "quizzes/fire-basics.yaml:4: error: attempts: should be at least 0",
        ],
    ),
    "type: minutes as a decimal": Case(
        {MODULE: Edit("minutes: 10", "minutes: 7.5")},
        [
            "modules/fire-basics/module.md:3: error: minutes: should be a whole number",
        ],
    ),
    # --- missing fields ---------------------------------------------------------------------
    "missing: course id": Case(
        {COURSE: Edit("id: fire-safety\n", "")},
        [
            "course/course.yaml:2: error: id: is missing",
        ],
    ),
    "missing: question prompt": Case(
        {
            QUIZ: Edit(
                "    prompt: Which of these can be fuel for a fire?\n", ""
            )
        },
        [
            'quizzes/fire-basics.yaml:19: error: question "fire-02", prompt: is missing',
        ],
    ),
    "missing: module objectives": Case(
        {
            MODULE: Edit(
                "objectives:\n  - id: fire-triangle\n    text: Name the three things every fire needs.\n"
                "  - id: fire-response\n    text: Describe what to do when the fire alarm sounds.\n",
                "",
            )
        },
        [
            "modules/fire-basics/module.md:2: error: objectives: is missing",
        ],
    ),
    "missing: true-false answer": Case(
        {QUIZ: Edit("    answer: false\n", "")},
        [
            'quizzes/fire-basics.yaml:35: error: question "fire-03", answer: is missing',
        ],
    ),
    "missing: question type": Case(
        {QUIZ: Edit("    type: ordering\n", "")},
        [
            'quizzes/fire-basics.yaml:59: error: question "fire-05": type is missing; use one of: single, multiple, true-false, matching, ordering, scenario',
        ],
    ),
    "missing: an empty title": Case(
        {COURSE: Edit("title: Fire safety basics", 'title: ""')},
        [
            "course/course.yaml:3: error: title: is empty",
        ],
    ),
    "missing: title with no value": Case(
        {COURSE: Edit("title: Fire safety basics", "title:")},
        [
            "course/course.yaml:3: error: title: is empty",
        ],
    ),
    "range: a question's weight of 0": Case(
        {QUIZ: Edit("  - id: fire-01\n", "  - id: fire-01\n    weight: 0\n")},
        [
            'quizzes/fire-basics.yaml:8: error: question "fire-01", weight: should be at least 1',
        ],
    ),
    "range: a scenario weight over 10": Case(
        {COURSE: Edit("  shuffle: true\n", "  shuffle: true\n  scenario_weight: 11\n")},
        [
            "course/course.yaml:16: error: scenario_weight: should be at most 10",
        ],
    ),
    # --- unknown fields ---------------------------------------------------------------------
    "unknown: pasmark in the final assessment": Case(
        {COURSE: Edit("  pass_mark: 80\n", "  pasmark: 80\n")},
        [
            'course/course.yaml:13: error: pasmark: is not a known field; did you mean "pass_mark"?',
        ],
    ),
    "unknown: feedbak in an option": Case(
        {
            QUIZ: Edit(
                "        feedback: Paper burns easily.",
                "        feedbak: Right. Paper burns easily.",
            )
        },
        [
            'quizzes/fire-basics.yaml:27: error: question "fire-02", option "a", feedbak: is not a known field; did you mean "feedback"?',
        ],
    ),
    "unknown: objective for objectives": Case(
        {
            QUIZ: Edit(
                "    objectives: [fire-response]\n    prompt: Put",
                "    objective: [fire-response]\n    prompt: Put",
            )
        },
        [
            'quizzes/fire-basics.yaml:61: error: question "fire-05", objective: is not a known field; did you mean "objectives"?',
        ],
    ),
    "unknown: a field nothing is like": Case(
        {COURSE: Edit("audience:", "colour: red\naudience:")},
        [
            "course/course.yaml:7: error: colour: is not a known field (allowed: id, title, version, language, languages, description, audience, modules, final_assessment, self_assessment, iri, packages, lint, approval, guidance, accessibility, theme, roles, role_question, framing)",
        ],
    ),
    "answer length: an ordering answer too long for SCORM 1.2": Case(
        {
            QUIZ: Edit(
                "    prompt: Put these steps in order.\n    items:\n",
                "    prompt: Put these steps in order.\n    items:\n"
                "      - id: step-one-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n        text: Raise the alarm\n        feedback: Tell others.\n      - id: step-two-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n        text: Close the door behind you\n        feedback: Slow the fire.\n      - id: step-three-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n        text: Walk, never run\n        feedback: Stay safe on the stairs.\n      - id: step-four-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n        text: Report to the warden\n        feedback: So nobody is sent back in.\n",
            )
        },
        [
            'quizzes/fire-basics.yaml:59: error: question "fire-05": its answer can take 269 characters in a SCORM package, more than the 255 that SCORM 1.2 keeps: use shorter option ids',
        ],
    ),
    # --- empty files ------------------------------------------------------------------------
    "empty: course.yaml": Case(
        {COURSE: ""},
        [
            "course/course.yaml:1: error: the file is empty",
        ],
    ),
    "empty: course.yaml with only comments": Case(
        {COURSE: "# nothing yet\n"},
        [
            "course/course.yaml:1: error: the file is empty",
        ],
    ),
    "empty: a quiz file": Case(
        {QUIZ: ""},
        [
            "quizzes/fire-basics.yaml:1: error: the file is empty",
        ],
    ),
    "empty: a page": Case(
        {PAGE2: ""},
        [
            "modules/fire-basics/02-alarm.md:1: error: the page is empty",
        ],
    ),
    "empty: a page of blank lines": Case(
        {PAGE2: "\n  \n\n"},
        [
            "modules/fire-basics/02-alarm.md:1: error: the page is empty",
        ],
    ),
    "empty: module.md": Case(
        {MODULE: ""},
        [
            "modules/fire-basics/module.md:1: error: the file is empty: it needs front matter: a line ---, the YAML, then ---",
        ],
    ),
    "empty: module front matter": Case(
        {MODULE: "---\n---\nIntro.\n"},
        [
            "modules/fire-basics/module.md:1: error: the front matter is empty: it needs title, minutes and objectives",
        ],
    ),
    # --- encodings and line endings ---------------------------------------------------------
    "encoding: a page that is not UTF-8": Case(
        {PAGE2: "# When the alarm sounds\n\nLeave the caf\xe9.\n".encode("latin-1")},
        [
            "modules/fire-basics/02-alarm.md:3: error: is not UTF-8 text (byte 0xe9): save it as UTF-8",
        ],
    ),
    "encoding: a quiz that is not UTF-8": Case(
        {QUIZ: Edit("        text: Sand\n", "        text: S\xe4nd\n", encoding="latin-1")},
        [
            "quizzes/fire-basics.yaml:29: error: is not UTF-8 text (byte 0xe4): save it as UTF-8",
        ],
    ),
    "encoding: UTF-16 course.yaml": Case(
        {COURSE: "id: fire-safety\n".encode("utf-16")},
        [
            "course/course.yaml:1: error: is not UTF-8 text (byte 0xff): save it as UTF-8",
        ],
    ),
    "accepted: a byte-order mark on every file": Case({}, [], every_file=("bom",)),
    "accepted: Windows line endings on every file": Case({}, [], every_file=("crlf",)),
    "accepted: both on every file": Case({}, [], every_file=("bom", "crlf")),
    # --- folders and references -------------------------------------------------------------
    "a module folder with no pages": Case(
        {PAGE1: None, PAGE2: None},
        [
            "modules/fire-basics: error: the module has no pages (files named 01-title.md)",
        ],
    ),
    "a quiz for a module that does not exist": Case(
        {
            "quizzes/fire-drills.yaml": "module: fire-drills\nquestions:\n  - id: drill-01\n    type: true-false\n"
            "    objectives: [fire-response]\n    prompt: Drills are monthly.\n    answer: true\n"
            "    feedback_true: Yes.\n    feedback_false: No.\n"
        },
        [
            'quizzes/fire-drills.yaml:1: error: module: "fire-drills" is not a module (modules/fire-drills/ does not exist)',
        ],
    ),
    "a module listed with no folder": Case(
        {COURSE: Edit("  - fire-basics\n", "  - fire-basics\n  - fire-drills\n")},
        [
            'course/course.yaml:10: error: modules: "fire-drills" is listed but modules/fire-drills/ does not exist',
        ],
    ),
    "a course with no modules": Case(
        {COURSE: Edit("modules:\n  - fire-basics\n", "modules: []\n")},
        ["course/course.yaml:8: error: modules: needs at least 1 entry"],
    ),
    "a second bank for the same module": Case(
        {
            "quizzes/more-fire.yaml": "module: fire-basics\nquestions:\n  - id: more-01\n    type: true-false\n"
            "    objectives: [fire-response]\n    prompt: Drills are monthly.\n    answer: true\n"
            "    feedback_true: Yes.\n    feedback_false: No.\n"
        },
        [
            'quizzes/more-fire.yaml:1: error: module "fire-basics" already has a question bank',
        ],
    ),
    "a self-assessment that does not exist": Case(
        {COURSE: WITH_DIAGNOSTIC},
        [
            "course/course.yaml:16: error: self_assessment: quizzes/readiness.yaml is missing or is not `kind: diagnostic`",
        ],
    ),
    "a page file with a wrong name (accepted, not read)": Case(
        {"modules/fire-basics/notes.md": "# Notes\n"},
        [
            "modules/fire-basics/notes.md: warning: is not read: page files are named NN-page-id.md, e.g. 01-welcome.md",
        ],
    ),
    "a page without a title heading": Case(
        {PAGE2: "When the alarm sounds\n\nLeave.\n"},
        [
            "modules/fire-basics/02-alarm.md:1: error: a page must start with its title as a heading: # Title",
        ],
    ),
    # --- ids --------------------------------------------------------------------------------
    "ids: two questions share an id": Case(
        {QUIZ: Edit("  - id: fire-04\n", "  - id: fire-02\n")},
        [
            'quizzes/fire-basics.yaml:42: error: question "fire-02": the id is also used in quizzes/fire-basics.yaml, line 19',
        ],
    ),
    "ids: two objectives share an id": Case(
        {MODULE: Edit("  - id: fire-response", "  - id: fire-triangle")},
        [
            'modules/fire-basics/module.md:7: error: objective "fire-triangle" is also defined in modules/fire-basics/module.md, line 5',
            'quizzes/fire-basics.yaml:37: error: question "fire-03": objective "fire-response" is not an objective of this module (known: fire-triangle)',
            'quizzes/fire-basics.yaml:61: error: question "fire-05": objective "fire-response" is not an objective of this module (known: fire-triangle)',
        ],
    ),
    "ids: a statement and a question share an id": Case(
        {
            DIAGNOSTIC: GOOD_DIAGNOSTIC.replace("id: ready-01", "id: fire-03"),
            COURSE: WITH_DIAGNOSTIC,
        },
        [
            'quizzes/readiness.yaml:8: error: question "fire-03": the id is also used in quizzes/fire-basics.yaml, line 35',
        ],
    ),
    "ids: two pairs share an id": Case(
        {QUIZ: Edit("      - id: c\n        item: Oxygen", "      - id: b\n        item: Oxygen")},
        [
            'quizzes/fire-basics.yaml:55: error: question "fire-04": pair id "b" is used twice',
        ],
    ),
    "ids: capitals in an id": Case(
        {QUIZ: Edit("  - id: fire-05", "  - id: Fire_05")},
        [
            'quizzes/fire-basics.yaml:59: error: question "Fire_05", id: should use lower-case letters, digits and hyphens, starting with a letter',
        ],
    ),
    "ids: an id that is too long": Case(
        {QUIZ: Edit("  - id: fire-05", "  - id: fire-" + "5" * 70)},
        [
            'quizzes/fire-basics.yaml:59: error: question "fire-5555555555555555555555555555555555555555555555555555555555555555555555", id: is too long (at most 64 characters)',
        ],
    ),
    "ids: a module listed by its title": Case(
        {COURSE: Edit("  - fire-basics\n", "  - Fire basics\n")},
        [
            'course/course.yaml:9: error: modules: "Fire basics" should use lower-case letters, digits and hyphens, starting with a letter',
        ],
    ),
    "ids: a page named like a reserved screen": Case(
        {"modules/fire-basics/03-quiz.md": "# A quiz page\n\nText.\n"},
        [
            'modules/fire-basics/03-quiz.md:1: error: the page id "quiz" is reserved; rename the file',
        ],
    ),
    # --- paths and assets -------------------------------------------------------------------
    "path: an image path with ..": Case(
        {PAGE2: Edit(":::\n", ":::\n\n![The course file](../../course/course.yaml)\n")},
        [
            'modules/fire-basics/02-alarm.md:11: error: "../../course/course.yaml" points outside the module folder',
        ],
    ),
    "path: an image path with .. that stays inside": Case(
        {
            PAGE2: Edit(
                ":::\n", ":::\n\n![The exit map](images/../../fire-basics/images/exits.png)\n"
            ),
            f"{IMAGES}/exits.png": b"\x89PNG\r\n\x1a\n",
        },
        [],
    ),
    "path: an absolute image path": Case(
        {PAGE2: Edit(":::\n", ":::\n\n![The password file](/etc/passwd)\n")},
        [
            'modules/fire-basics/02-alarm.md:11: error: "/etc/passwd": use a path relative to the module folder',
        ],
    ),
    "path: a Windows image path": Case(
        {PAGE2: Edit(":::\n", ":::\n\n![The exit map](images\\exits.png)\n")},
        [
            'modules/fire-basics/02-alarm.md:11: error: "images\\exits.png": use / between folders, not \\',
        ],
    ),
    "path: a link outside the module": Case(
        {PAGE2: Edit(":::\n", ":::\n\nSee [the course](../../course/course.yaml).\n")},
        [
            'modules/fire-basics/02-alarm.md:11: error: "../../course/course.yaml" points outside the module folder',
        ],
    ),
    "path: a symlink pointing outside the course": Case(
        {f"{IMAGES}/exits.png": Link(OUTSIDE), PAGE2: ALARM_IMAGE},
        [
            "modules/fire-basics/images/exits.png: error: is a link to a file outside the course folder: copy the file into the course",
        ],
    ),
    "path: a symlink that points nowhere": Case(
        {f"{IMAGES}/exits.png": Link("no-such-file.png"), PAGE2: ALARM_IMAGE},
        [
            "modules/fire-basics/images/exits.png: error: is a link to a file that does not exist",
        ],
    ),
    "path: a missing image": Case(
        {PAGE2: ALARM_IMAGE},
        [
            'modules/fire-basics/02-alarm.md:11: error: image "images/exits.png" not found (looked for modules/fire-basics/images/exits.png)',
        ],
    ),
    "path: a link to a page that does not exist": Case(
        {PAGE2: Edit(":::\n", ":::\n\nSee [the exits](03-exits.md).\n")},
        [
            'modules/fire-basics/02-alarm.md:11: error: link to "03-exits.md": no such page',
        ],
    ),
    "path: a module folder that links outside the course": Case(
        {
            "modules/fire-drills": Link(OUTSIDE_DIR),
            COURSE: Edit("  - fire-basics\n", "  - fire-basics\n  - fire-drills\n"),
        },
        [
            "modules/fire-drills: error: is a link to a folder outside the course folder: copy the folder into the course",
        ],
    ),
    "path: a page that links outside the course": Case(
        {"modules/fire-basics/03-secret.md": Link(OUTSIDE)},
        [
            "modules/fire-basics/03-secret.md: error: is a link to a file outside the course folder: copy the file into the course",
        ],
    ),
    "path: a quiz file that links outside the course": Case(
        {"quizzes/secret.yaml": Link(OUTSIDE)},
        [
            "quizzes/secret.yaml: error: is a link to a file outside the course folder: copy the file into the course",
        ],
    ),
    "path: a course.yaml that links outside the course": Case(
        {COURSE: Link(OUTSIDE)},
        [
            "course/course.yaml: error: is a link to a file outside the course folder: copy the file into the course",
        ],
    ),
    "path: a link to a folder inside the course (accepted with a warning)": Case(
        {f"{IMAGES}": Link("../../quizzes")},
        [
            "modules/fire-basics/images: warning: is a link to a folder: its files are not read; put the files here instead",
        ],
    ),
    "path: an image on another website (accepted with a warning)": Case(
        {PAGE2: Edit(":::\n", ":::\n\n![The exit map](https://example.com/exits.png)\n")},
        [
            'modules/fire-basics/02-alarm.md:11: warning: image "https://example.com/exits.png" is on another website and will not show: pages show only images in the package; save it in the module\'s images/ folder',
        ],
    ),
    "path: an image on another website with --strict": Case(
        {PAGE2: Edit(":::\n", ":::\n\n![The exit map](https://example.com/exits.png)\n")},
        [
            'modules/fire-basics/02-alarm.md:11: warning: image "https://example.com/exits.png" is on another website and will not show: pages show only images in the package; save it in the module\'s images/ folder',
        ],
        args=("--strict",),
    ),
    "path: an image with no path": Case(
        {PAGE2: Edit(":::\n", ":::\n\n![The exit map]()\n")},
        [
            "modules/fire-basics/02-alarm.md:11: error: the image has no path: write it like ![A map of the exits](images/exits.png)",
        ],
    ),
    "path: an image path that is the module folder": Case(
        {PAGE2: Edit(":::\n", ":::\n\n![The exit map](./)\n")},
        [
            'modules/fire-basics/02-alarm.md:11: error: "./" is the module folder, not a file',
        ],
    ),
    "path: a Windows drive path": Case(
        {PAGE2: Edit(":::\n", ":::\n\n![The exit map](C:\\\\Pictures\\\\exits.png)\n")},
        [
            'modules/fire-basics/02-alarm.md:11: error: "C:\\Pictures\\exits.png": use a path relative to the module folder',
        ],
    ),
    "accepted: an image named with spaces and accents": Case(
        {
            PAGE2: Edit(":::\n", ":::\n\n![The exit map](<images/plan de sortie – café.png>)\n"),
            f"{IMAGES}/plan de sortie – café.png": b"\x89PNG\r\n\x1a\n",
        },
        [],
    ),
    "asset: 50 MB (accepted with a warning)": Case(
        {f"{IMAGES}/exits.png": Sparse(50 * MB), PAGE2: ALARM_IMAGE},
        [
            "modules/fire-basics/images/exits.png: warning: is large (50.0 MB): every trainee downloads it",
        ],
    ),
    "asset: 50 MB with --strict": Case(
        {f"{IMAGES}/exits.png": Sparse(50 * MB), PAGE2: ALARM_IMAGE},
        [
            "modules/fire-basics/images/exits.png: warning: is large (50.0 MB): every trainee downloads it",
        ],
        args=("--strict",),
    ),
    "asset: an unused image with --strict": Case(
        {f"{IMAGES}/exits.png": b"\x89PNG\r\n\x1a\n"},
        [
            "modules/fire-basics/images/exits.png: warning: is not used by any page",
        ],
        args=("--strict",),
    ),
    # --- numbers out of range ---------------------------------------------------------------
    "range: final pass mark over 100": Case(
        {COURSE: Edit("  pass_mark: 80", "  pass_mark: 150")},
        [
            "course/course.yaml:13: error: pass_mark: should be at most 100",
        ],
    ),
    "range: quiz pass mark below 0": Case(
        {QUIZ: Edit("pass_mark: 80", "pass_mark: -5")},
        [
            "quizzes/fire-basics.yaml:3: error: pass_mark: should be at least 0",
        ],
    ),
    "range: minutes of 0": Case(
        {MODULE: Edit("minutes: 10", "minutes: 0")},
        [
            "modules/fire-basics/module.md:3: error: minutes: should be at least 1",
        ],
    ),
    "range: draw more than the bank": Case(
        {QUIZ: Edit("shuffle: true", "shuffle: true\ndraw: 9")},
        [
            "quizzes/fire-basics.yaml:6: error: draw: 9 questions asked for but the bank has 5",
        ],
    ),
    "range: questions_per_module more than the bank": Case(
        {COURSE: Edit("questions_per_module: 2", "questions_per_module: 6")},
        [
            'course/course.yaml:12: error: questions_per_module is 6 but module "fire-basics" has only 5 questions',
        ],
    ),
    # --- other content rules ----------------------------------------------------------------
    "a single-choice question with no right option": Case(
        {QUIZ: Edit("        text: Oxygen\n        correct: true\n", "        text: Oxygen\n")},
        [
            'quizzes/fire-basics.yaml:8: error: question "fire-01": a single-choice question needs exactly one right option, it has 0',
        ],
    ),
    "a language that is not a tag": Case(
        {COURSE: Edit("language: en-GB", "language: English")},
        [
            'course/course.yaml:5: error: language: should be a language tag such as "en-GB"',
        ],
    ),
    "a package format that does not exist": Case(
        {COURSE: Edit("packages: [scorm12, scorm2004]", "packages: [scorm12, pdf]")},
        [
            'course/course.yaml:16: error: packages: "pdf" is not one of: scorm12, scorm2004, cmi5, web',
        ],
    ),
    "a questionnaire with a misspelt kind": Case(
        {
            DIAGNOSTIC: GOOD_DIAGNOSTIC.replace("kind: diagnostic", "kind: diagnostc"),
            COURSE: WITH_DIAGNOSTIC,
        },
        [
            'quizzes/readiness.yaml:1: error: kind: "diagnostc" is not one of: diagnostic',
        ],
    ),
    "a question bank with a kind": Case(
        {QUIZ: Edit("module: fire-basics\n", "kind: quiz\nmodule: fire-basics\n")},
        [
            "quizzes/fire-basics.yaml:1: error: kind: is not a known field (allowed: module, title, pass_mark, draw, attempts, shuffle, questions)",
        ],
    ),
    "yaml: nested too deeply": Case(
        {COURSE: Edit("audience:", "notes: " + "[" * 500 + "]" * 500 + "\naudience:")},
        [
            "course/course.yaml: error: is nested too deeply to read: simplify it",
        ],
    ),
    "an unknown question type": Case(
        {QUIZ: Edit("type: ordering", "type: order")},
        [
            'quizzes/fire-basics.yaml:60: error: question "fire-05", type: "order" is not a question type; use one of: single, multiple, true-false, matching, ordering, scenario',
        ],
    ),
    # --- Release builds: every refusal ----------------------------------------------------
    "release: no approval section": Case(
        {},
        [
            "course/course.yaml: error: approval: is not set: a release needs the groups that must approve it (see docs/approval.md)",
        ],
        args=("--release",),
    ),
    "release: no allowed_signers": Case(
        {},
        [
            "approvals/allowed_signers: error: not found: list each signer's public key and group here (see docs/approval.md)",
            "course/course.yaml: error: approval: management needs 1 valid approval of {hash}, and has 0",
            "course/course.yaml: error: approval: union needs 1 valid approval of {hash}, and has 0",
        ],
        args=("--release",),
        release="no-signers",
    ),
    "release: a signer line without a group": Case(
        {},
        [
            "approvals/allowed_signers:1: error: mary has no group: end the line with group=GROUP",
            "approvals/allowed_signers:2: error: is not a signer line: write NAME [options] KEY-TYPE KEY group=GROUP",
            "course/course.yaml: error: approval: management needs 1 valid approval of {hash}, and has 0",
            "course/course.yaml: error: approval: union needs 1 valid approval of {hash}, and has 0",
        ],
        args=("--release",),
        release="bad-signer-lines",
    ),
    "release: not approved yet": Case(
        {},
        [
            "course/course.yaml: error: approval: management needs 1 valid approval of {hash}, and has 0",
            "course/course.yaml: error: approval: union needs 1 valid approval of {hash}, and has 0",
        ],
        args=("--release",),
        release="unapproved",
    ),
    "release: a forged signature": Case(
        {},
        [
            "approvals/1.0.0/uma.yaml: error: the signature does not match this record: bad signature",
            "course/course.yaml: error: approval: union needs 1 valid approval of {hash}, and has 0",
        ],
        args=("--release",),
        release="forged",
    ),
    "release: an unknown signer": Case(
        {},
        [
            "approvals/1.0.0/eve.yaml: error: eve is not in approvals/allowed_signers: unknown signer",
            "course/course.yaml: error: approval: union needs 1 valid approval of {hash}, and has 0",
        ],
        args=("--release",),
        release="unknown-signer",
    ),
    "release: a management key signing as union": Case(
        {},
        [
            "approvals/1.0.0/uma.yaml: error: was signed with the key of mary (management), not uma's: a signer in another group",
            "course/course.yaml: error: approval: union needs 1 valid approval of {hash}, and has 0",
        ],
        args=("--release",),
        release="key-of-another-group",
    ),
    "release: a signer in another group": Case(
        {},
        [
            "approvals/1.0.0/mary.yaml: error: mary signed as union, but approvals/allowed_signers puts mary in management: a signer in another group",
            "course/course.yaml: error: approval: management needs 1 valid approval of {hash}, and has 0",
        ],
        args=("--release",),
        release="claims-another-group",
    ),
    "release: a signature over an older hash": Case(
        {},
        [
            "approvals/1.0.0/uma.yaml: error: approves content hash {old}, not the current {hash}: wrong hash",
            "course/course.yaml: error: approval: union needs 1 valid approval of {hash}, and has 0",
        ],
        args=("--release",),
        release="older-hash",
    ),
    "release: sources changed since approval": Case(
        {},
        [
            "approvals/1.0.0/mary.yaml: error: approves content hash {old}, but the sources now hash to {hash}: the sources changed since approval",
            "approvals/1.0.0/uma.yaml: error: approves content hash {old}, but the sources now hash to {hash}: the sources changed since approval",
            "course/course.yaml: error: approval: management needs 1 valid approval of {hash}, and has 0",
            "course/course.yaml: error: approval: union needs 1 valid approval of {hash}, and has 0",
        ],
        args=("--release",),
        release="sources-changed",
    ),
    "release: a record without its signature": Case(
        {},
        [
            "approvals/1.0.0/uma.yaml: error: has no signature (uma.yaml.sig): approve again",
            "course/course.yaml: error: approval: union needs 1 valid approval of {hash}, and has 0",
        ],
        args=("--release",),
        release="unsigned",
    ),
    "release: a signer removed after signing": Case(
        {},
        [
            "approvals/1.0.0/uma.yaml: error: uma is not in approvals/allowed_signers: unknown signer",
            "course/course.yaml: error: approval: union needs 1 valid approval of {hash}, and has 0",
        ],
        args=("--release",),
        release="removed-signer",
    ),
    "release: not an approval record": Case(
        {"approvals/1.0.0/uma.yaml": "name: uma\n"},
        [
            "approvals/1.0.0/uma.yaml: error: is not an approval record: run dfc-course approve again",
            "course/course.yaml: error: approval: management needs 1 valid approval of {hash}, and has 0",
            "course/course.yaml: error: approval: union needs 1 valid approval of {hash}, and has 0",
        ],
        args=("--release",),
        release="unapproved",
    ),
    "release: an open review comment": Case(
        {},
        [
            "reviews/1.0.0.yaml: error: comment 1 on fire-basics/alarm by mary (management) is still open: resolve it before a release",
        ],
        args=("--release",),
        release="open-comment",
    ),
    # --- languages and translations ---------------------------------------------------------
    "languages: a language listed twice, the course's own missing": Case(
        {COURSE: Edit("language: en-GB", "language: en-GB\nlanguages: [cy, cy]")},
        [
            'course/course.yaml:6: error: languages: "cy" is listed twice',
            "course/course.yaml:6: error: languages: must list the course's own language, en-GB "
            "(the `language` the files are written in)",
        ],
    ),
    "languages: no translation for a listed language": Case(
        {COURSE: WELSH},
        [
            "translations/cy: error: 74 texts have no current cy translation: course:title, course:description, course:audience, course:final_assessment.title, course:accessibility.contact, course:accessibility.enforcement, course:roles.manager.label, course:roles.rep.label, course:roles.other.label, course:role_question.prompt and 64 more; see `dfc-course translate status`, or build with --allow-partial",
        ],
    ),
    "languages: a translation file that is not YAML": Case(
        {COURSE: WELSH, "translations/cy/course/course.yaml": "course:title: [a\n"},
        [
            "translations/cy: error: 74 texts have no current cy translation: course:title, course:description, course:audience, course:final_assessment.title, course:accessibility.contact, course:accessibility.enforcement, course:roles.manager.label, course:roles.rep.label, course:roles.other.label, course:role_question.prompt and 64 more; see `dfc-course translate status`, or build with --allow-partial",
            "translations/cy/course/course.yaml:1: error: a bracket [ or { is never closed: add "
            "the closing ] or }",
        ],
    ),
    "languages: a translation without its source hash": Case(
        {
            COURSE: WELSH,
            "translations/cy/course/course.yaml": "course:title:\n  text: Diogelwch tân\n",
        },
        [
            "translations/cy: error: 74 texts have no current cy translation: course:title, course:description, course:audience, course:final_assessment.title, course:accessibility.contact, course:accessibility.enforcement, course:roles.manager.label, course:roles.rep.label, course:roles.other.label, course:role_question.prompt and 64 more; see `dfc-course translate status`, or build with --allow-partial",
            "translations/cy/course/course.yaml:1: error: course:title: needs a `source` hash and "
            "a `text`",
        ],
    ),
    "release: a review file that cannot be read": Case(
        {"reviews/1.0.0.yaml": "comments:\n  - id: one\n"},
        [
            "reviews/1.0.0.yaml: error: cannot be read as review comments: put it right, or take it back from git",
        ],
        args=("--release",),
        release="approved",
    ),
    # --- theme: colours checked for contrast, a logo with alt text, fonts with a licence -----
    "theme: a link colour too light to read": Case(
        {COURSE: Edit("packages:", 'theme:\n  colours:\n    link: "#6fa8dc"\npackages:')},
        [
            "course/course.yaml:18: error: theme.colours.link: links in notes and the current menu item (light scheme) would be #6fa8dc on #f4f4f4, a contrast ratio of 2.29:1, below the 4.5:1 of WCAG 2.2 AA (2 more pairs of it fail too); the nearest link colour that passes is #4c7397",
        ],
    ),
    "theme: a pale header under white text": Case(
        {COURSE: Edit("packages:", 'theme:\n  colours:\n    brand: "#7fb2e5"\npackages:')},
        [
            "course/course.yaml:17: error: theme.colours.focus: the focus ring on the header (dark scheme): neither the text colour #ffffff nor the focus colour #ffdd00 stands out from #7fb2e5 (best 2.23:1, below the 3:1 of WCAG 2.2 AA); choose a focus colour that contrasts with it",
            "course/course.yaml:18: error: theme.colours.brand: the header's text (light scheme) would be #ffffff on #7fb2e5, a contrast ratio of 2.23:1, below the 4.5:1 of WCAG 2.2 AA (1 more pair of it fails too); the nearest brand colour that passes is #57799c",
        ],
    ),
    "theme: not a colour": Case(
        {COURSE: Edit("packages:", "theme:\n  colours:\n    accent: blue\npackages:")},
        [
            'course/course.yaml:18: error: accent: "blue" is not a colour; write it as #rrggbb, e.g. "#1d4f91"',
        ],
    ),
    "theme: a logo without alt text": Case(
        {
            COURSE: Edit("packages:", "theme:\n  logo:\n    file: course/logo.svg\npackages:"),
            "course/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',
        },
        ["course/course.yaml:17: error: alt: is missing"],
    ),
    "theme: a logo that is not there": Case(
        {
            COURSE: Edit(
                "packages:",
                "theme:\n  logo:\n    file: course/logo.svg\n    alt: Northshire Council\npackages:",
            )
        },
        [
            'course/course.yaml:18: error: theme.logo.file: "course/logo.svg" does not exist in the course folder',
        ],
    ),
    "theme: a font the trainee's device may not have": Case(
        {
            COURSE: Edit(
                "packages:", "theme:\n  font:\n    family: [Comic Neue, sans-serif]\npackages:"
            )
        },
        [
            'course/course.yaml:17: error: font: "Comic Neue" is not a system font; ship it in files: with its licence, or use system fonts such as system-ui, Arial, Georgia or sans-serif',
        ],
    ),
    "theme: font files without a licence": Case(
        {
            COURSE: Edit(
                "packages:",
                "theme:\n  font:\n    family: [Atkinson Hyperlegible, sans-serif]\n    files: [course/a.woff2]\npackages:",
            ),
            "course/a.woff2": b"wOF2",
        },
        [
            "course/course.yaml:17: error: font: font files need licence: the name of the licence they are under"
        ],
    ),
    # --- roles, lens boxes and blocks (course.yaml `roles:`) -----------------------------------
    "lens: a role the course does not have, with a near one": Case(
        {COURSE: ONE_ROLE, PAGE2: Edit(":::\n", ":::\n\n::: lens carers\nText.\n:::\n")},
        [
            'modules/fire-basics/02-alarm.md:11: error: "::: lens carers": no role "carers" in course/course.yaml; did you mean "carer"?',
        ],
    ),
    "lens: a role the course does not have, with none near": Case(
        {COURSE: ONE_ROLE, PAGE2: Edit(":::\n", ":::\n\n::: lens driver\nText.\n:::\n")},
        [
            'modules/fire-basics/02-alarm.md:11: error: "::: lens driver": no role "driver" in course/course.yaml; the roles are carer',
        ],
    ),
    "lens: a course with no roles": Case(
        {COURSE: NO_ROLES, PAGE2: Edit(":::\n", ":::\n\n::: lens manager\nText.\n:::\n")},
        [
            'modules/fire-basics/02-alarm.md:11: error: "::: lens manager": this course has no roles; list them under roles: in course/course.yaml, or remove the lens block',
        ],
    ),
    "lens: no role id": Case(
        {COURSE: ONE_ROLE, PAGE2: Edit(":::\n", ":::\n\n::: lens\nText.\n:::\n")},
        [
            'modules/fire-basics/02-alarm.md:11: error: "::: lens" needs a role id: one of carer',
        ],
    ),
    # --- debriefs and chosen discussion questions (for the handbook) -------------------------
    "debrief: a part for a role the course does not have, with a near one": Case(
        {QUIZ: with_scenario("role: rep,", "role: reps,")},
        [
            'quizzes/fire-basics.yaml:98: error: question "fire-06", debrief: no role "reps" in course/course.yaml; did you mean "rep"?',
        ],
    ),
    "debrief: a part for a role, in a course with no roles": Case(
        {COURSE: NO_ROLES, QUIZ: with_scenario()},
        [
            'quizzes/fire-basics.yaml:97: error: question "fire-06", debrief: role "manager": this course has no roles; list them under roles: in course/course.yaml, or remove the parts',
            'quizzes/fire-basics.yaml:98: error: question "fire-06", debrief: role "rep": this course has no roles; list them under roles: in course/course.yaml, or remove the parts',
        ],
    ),
    "debrief: two parts for one role": Case(
        {QUIZ: with_scenario("role: rep,", "role: manager,")},
        [
            'quizzes/fire-basics.yaml:95: error: question "fire-06", debrief: role "manager" has two parts: give each role one',
        ],
    ),
    "debrief: one question": Case(
        {
            QUIZ: with_scenario(
                "        - Who counts people at the point when the supervisor is away?\n", ""
            )
        },
        [
            'quizzes/fire-basics.yaml:99: error: question "fire-06", questions: needs at least 2 entries',
        ],
    ),
    "discussion: one question for the agenda": Case(
        {MODULE: Edit("---\nThis module", "discussion: [Only one?]\n---\nThis module")},
        [
            "modules/fire-basics/module.md:9: error: discussion: list two or three questions, or leave discussion out",
        ],
    ),
    "discussion: four questions for the agenda": Case(
        {
            MODULE: Edit(
                "---\nThis module", "discussion: [One?, Two?, Three?, Four?]\n---\nThis module"
            )
        },
        ["modules/fire-basics/module.md:9: error: discussion: has too many entries (at most 3)"],
    ),
    "activities: a page id with no activity, with a near one": Case(
        {
            MODULE: Edit(
                "---\nThis module",
                "activities:\n  alarms:\n    prepare: [signatures]\n---\nThis module",
            )
        },
        [
            'modules/fire-basics/module.md:10: error: activities: no page "alarms" with a "::: activity" block in this module; did you mean "alarm"?',
        ],
    ),
    "activities: a page without an activity": Case(
        {MODULE: Edit("---\nThis module", "activities:\n  triangle: {}\n---\nThis module")},
        [
            'modules/fire-basics/module.md:10: error: activities: no page "triangle" with a "::: activity" block in this module; the pages with one are alarm',
        ],
    ),
    "activities: an unknown pairing and an unknown need": Case(
        {
            MODULE: Edit(
                "---\nThis module",
                "activities:\n  alarm:\n    pairs: same-service\n    prepare: [signature]\n"
                "---\nThis module",
            )
        },
        [
            'modules/fire-basics/module.md:11: error: pairs: "same-service" is not one of: any, same-organisation',
            'modules/fire-basics/module.md:12: error: prepare: "signature" is not one of: one-page, signatures, real-examples, self-assessment',
        ],
    ),
    "roles: one id twice": Case(
        {COURSE: Edit(ROLES, "roles:\n  - {id: carer, label: A}\n  - {id: carer, label: B}\n")},
        [
            'course/course.yaml:17: error: roles: the role id "carer" is used twice',
        ],
    ),
    "an unknown block name, with a near one": Case(
        {PAGE2: Edit(":::\n", ":::\n\n::: keypoints\n- One.\n:::\n")},
        [
            'modules/fire-basics/02-alarm.md:11: error: "::: keypoints" is not a block the build knows, so trainees would see it as text; did you mean "key-points"? The blocks are case-study, lens, activity, template, key-points',
        ],
    ),
    "an unknown block name, with none near": Case(
        {PAGE2: Edit(":::\n", ":::\n\n::: sidebar\nText.\n:::\n")},
        [
            'modules/fire-basics/02-alarm.md:11: error: "::: sidebar" is not a block the build knows, so trainees would see it as text; The blocks are case-study, lens, activity, template, key-points',
        ],
    ),
    "a paragraph indented with a tab": Case(
        {PAGE2: Edit(":::\n", ":::\n\n\tThe alarm is tested on Mondays.\n")},
        [
            "modules/fire-basics/02-alarm.md:11: warning: this paragraph starts with a tab or four spaces, so trainees see it as code in a grey box; remove the indent",
        ],
    ),
    # --- trainer mistakes: one slip, one error; a near name suggested -----------------------
    "a misspelt type": Case(
        {QUIZ: Edit("    type: single\n", "    typ: single\n")},
        [
            'quizzes/fire-basics.yaml:7: error: question "fire-01": type is missing; did you mean "type" for "typ"? Use one of: single, multiple, true-false, matching, ordering, scenario',
        ],
    ),
    "multiple response with one right option": Case(
        {QUIZ: Edit("        text: Wood\n        correct: true\n", "        text: Wood\n")},
        [
            'quizzes/fire-basics.yaml:20: error: question "fire-02": a multiple-response question needs two or more right options, it has one; for one right option use type: single',
        ],
    ),
    "multiple response with no key gets no lint warning": Case(
        {
            QUIZ: Edit(
                "        text: Paper\n        correct: true\n        feedback: Paper burns easily.\n"
                "      - id: c\n        text: Sand\n        feedback: Sand does not burn.\n"
                "      - id: b\n        text: Wood\n        correct: true\n",
                "        text: Paper\n        feedback: Paper burns easily.\n"
                "      - id: c\n        text: Sand\n        feedback: Sand does not burn.\n"
                "      - id: b\n        text: Wood\n",
            )
        },
        [
            'quizzes/fire-basics.yaml:20: error: question "fire-02": no option is marked right',
        ],
    ),
    "feedback that repeats the verdict": Case(
        {QUIZ: Edit("        feedback: Water puts", "        feedback: Not this one. Water puts")},
        [
            'quizzes/fire-basics.yaml:18: warning: question "fire-01", option "b": the feedback starts "Not this one", but the course already says whether the answer is right: start with the reason',
        ],
    ),
    "a prompt that repeats the instruction for its type": Case(
        {QUIZ: Edit("fuel for a fire?\n", "fuel for a fire? Choose all that apply.\n")},
        [
            'quizzes/fire-basics.yaml:22: warning: question "fire-02", prompt: "Choose all that apply." repeats the instruction the course already shows under this type of question ("Choose all the answers that apply."): take it out of the prompt',
        ],
    ),
    "a link to a misspelt page": Case(
        {PAGE2: Edit(":::\n", ":::\n\nSee [the triangle](01-fire-triangel.md).\n")},
        [
            'modules/fire-basics/02-alarm.md:11: error: link to "01-fire-triangel.md": no such page; did you mean "01-fire-triangle.md"?',
        ],
    ),
    "a misspelt module folder": Case(
        {COURSE: Edit("  - fire-basics\n", "  - fire-basic\n")},
        [
            'course/course.yaml:9: error: modules: "fire-basic" is listed but modules/fire-basic/ does not exist; did you mean "fire-basics"?',
            "modules/fire-basics: warning: is not listed in course/course.yaml modules, so it is not built",
        ],
    ),
    "a YAML slip in another module's module.md gives one error": Case(
        {
            COURSE: Edit("  - fire-basics\n", "  - fire-basics\n  - drills\n"),
            "modules/drills/module.md": "---\ntitle: Drills\nminutes 5\nobjectives:\n"
            "  - {id: drill-one, text: Run a drill.}\n---\nAbout drills.\n",
            "modules/drills/01-when.md": "# When to run a drill\n\nTwice a year.\n",
            PAGE2: Edit(":::\n", ":::\n\nSee [drills](../drills/01-when.md).\n"),
        },
        [
            "modules/drills/module.md:4: error: a line is missing its colon, or a quote opened above is not closed",
        ],
    ),
    "accessibility: no section in course.yaml": Case(
        {COURSE: Edit(STATEMENT, "")},
        [
            "course/course.yaml: warning: accessibility is missing: the accessibility statement is a draft until course.yaml gives accessibility.contact, accessibility.last_tested, accessibility.compliance and accessibility.enforcement",
        ],
    ),
    "accessibility: a statement begun but not finished": Case(
        {COURSE: Edit(STATEMENT, "accessibility:\n  contact: learning@example.org\n")},
        [
            "course/course.yaml:21: warning: accessibility.compliance is missing: the accessibility statement says so plainly until it is filled in",
            "course/course.yaml:21: warning: accessibility.enforcement is missing: the accessibility statement says so plainly until it is filled in",
            "course/course.yaml:21: warning: accessibility.last_tested is missing: the accessibility statement says so plainly until it is filled in",
        ],
    ),
}
