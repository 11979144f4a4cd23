"""`dfc-course new course DIR`: a whole course from nothing, which builds with no warning.

It writes course/course.yaml (every field, each with a comment), one module of two pages, a
question bank with one question of each type, a .gitignore for dist/ and a README for the
trainer. It never overwrites a file, and refuses a folder that already holds a course.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from builder.discover.sources import COURSE_FILE, MODULE_FILE
from builder.tools.scaffold import (
    OBJECTIVE_SUFFIXES,
    QUESTION_SUFFIXES,
    ScaffoldError,
    introduction,
    write_new,
)
from builder.tools.scaffold_examples import in_practice, module_md, quiz_yaml

MODULE_ID = "getting-started"
LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def course_id(folder: Path) -> str:
    """An id for the course made from its folder's name: lower case, hyphens, a letter first."""
    words = re.findall(r"[a-z0-9]+", folder.resolve().name.lower())
    made = "-".join(words)[:64].strip("-")
    return made if made[:1].isalpha() else f"course-{made}".strip("-")[:64]


def course_yaml(identifier: str, title: str, language: str) -> str:
    q = json.dumps  # a YAML double-quoted string
    return f"""# The course's settings. Lines starting with # are comments: the build ignores them.
# Run `dfc-course validate` after every change; it names the file, line and field of any
# mistake.

# A short id that names the packages: lower case letters, digits and hyphens.
id: {identifier}
# The title trainees see, and the LMS shows in its catalogue.
title: {q(title)}
# The course's version, in quotes. Raise it when you publish a change.
version: "1.0.0"
# The language the course is written in, as a language tag such as en-GB or cy.
language: {language}
# Every language to build, this one among them; translations come from
# translations/<language>/ (see `dfc-course translate`). For example:
# languages: [{language}, cy]
# One or two sentences for the LMS catalogue.
description: >-
  Replace this with one or two sentences that say what the course covers.
# Who the course is for, shown on the start screen.
audience: >-
  Replace this with who the course is for.
# The modules in the order they are taught. Each is a folder in modules/.
# Add one with: dfc-course new module MODULE_ID
modules:
  - {MODULE_ID}
# The graded assessment, drawn from the modules' question banks. Leave it out to grade the
# last module's knowledge check instead.
final_assessment:
  title: Final assessment     # its heading
  questions_per_module: 3     # questions drawn from each module's bank per attempt
  pass_mark: 80               # per cent needed to pass
  attempts: 3                 # attempts allowed; 0 means no limit
  shuffle: true               # shuffle questions and options per attempt
  scenario_weight: 3          # how many questions' worth a scenario counts in the score
  # What the LMS is told after a fail with attempts left: incomplete or failed.
  failed_with_attempts_left: incomplete   # or failed
# A self-assessment questionnaire in quizzes/ (`kind: diagnostic`), if the course has one.
# self_assessment: my-self-assessment
# The packages `dfc-course build` writes: scorm12, scorm2004, cmi5 and web.
packages: [scorm12, scorm2004]
# The course's absolute address; a cmi5 package needs it.
# iri: https://learning.example.org/courses/{identifier}
# Who must sign a version off before `dfc-course build --release` will build it, with how
# many signers from each group (see docs/approval.md). For example:
# approval:
#   groups:
#     training-team: 1
# Guidance for facilitators, printed in the handbook after the agenda. For example:
# guidance:
#   - title: Before the day
#     text: Send the joining instructions a week ahead.
# Your organisation's look: its name, colours, logo and font. The build checks every colour
# pair for contrast. Leave it out for the plain look. For example (see the README):
# theme:
#   organisation: Anytown Council
#   colours:
#     brand: "#1d4f91"
# The parts of the accessibility statement only people can give; the build drafts the rest.
# Fill each in before you publish: leave one out and the statement says it is missing.
accessibility:
  # Where trainees report a problem or ask for another format: email, phone or web page.
  contact: Replace this with an email address, phone number or web page.
  last_tested: not yet          # the date a person last tested it, e.g. 2026-11-30
  compliance: not               # full, partial or not, against WCAG 2.2 AA
  # The enforcement procedure where the course is used, for example the paragraph on the
  # Equality and Human Rights Commission from GOV.UK's model statement.
  enforcement: >-
    Replace this with the enforcement procedure paragraph.
  # Known limitations, each in a sentence, with any alternative. For example:
  # limitations:
  #   - The diagram on page 2 has no long description; the handbook describes it.
# Settings of the checks on how questions are written.
lint:
  # How alike two questions in different banks may be before they are reported.
  near_duplicates: 0.8
# Who takes the course. With roles, the start screen asks the trainee which one they are,
# the LMS records the answer, the report compares the roles, and a page can hold a lens box
# for each role (`::: lens ID`). Leave roles out and none of this appears. For example:
# roles:
#   - id: carer                  # as lens boxes name it
#     label: A home carer        # the choice on the start screen
#     lens: For home carers      # heading of its lens boxes [default: the label]
#     group: Home carers         # its people in the report and handbook [default: the label]
#     person: a home carer       # one of them, in the handbook [default: the label]
#   - id: coordinator
#     label: A care coordinator
# The role question on the start screen (used only when there are roles).
role_question:
  prompt: You are taking this course as
  hint: We show your role’s point of view first on each page. You can read the others too.
  skippable: true             # false: trainees must answer before they start
# Wording that frames the course. Each has a plain default; change it to suit your course.
framing:
  activity: Activity          # label of activity boxes
  activities: Activities      # the same, for more than one
  action: action              # what a "don't know" in a self-assessment becomes
  actions: actions
  self_assessment:
    unknowns_heading: Find out
    unknowns: >-
      Each one is an action: agree who does it and by when, then come back and change your
      answer.
  handbook:
    subtitle: Running the course face to face
    audience: with the people it was written for   # ends "This handbook is for …, in a room,"
    advice_heading: Running the session
    advice:                   # advice on seating and running the room, one line each
      - >-
        Agree ground rules at the start: everyone speaks for themselves, what is said in the
        room stays there, and disagreement is welcome as long as it is about the issue, not
        the person.
      - >-
        Give everyone a fair share of the time. In the discussions, ask people to answer in
        turn, and notice who speaks first.
      - Keep the focus on what people will do when they get back to work.
    pair_up: >-
      Put people in pairs or small groups, from the same organisation where you can, so that
      what they produce is something they can act on.
    pairing:                  # more pairing advice, shown with every activity
      - If the numbers are uneven, make a group of three rather than leaving anyone out.
  report:
    roles_heading: Roles compared
"""


GITIGNORE = """# What dfc-course build writes: rebuild it at any time.
dist/
"""


def readme(title: str) -> str:
    return f"""# {title}

This folder holds an e-learning course kept as plain text files. `dfc-course` turns it into
packages for a learning management system (LMS).

## What is where

- `course/course.yaml`: the course's title, its modules in order, the final assessment and
  its wording. Each setting has a comment that says what it does.
- `modules/`: one folder for each module. `module.md` holds its title, time and objectives;
  every other `.md` file is a page, shown in the order of the file names.
- `quizzes/`: one question bank for each module.
- `dist/`: what the build writes. It is made again at every build, so never edit it.

## Checking, looking and building

Run these in this folder (the one holding this README). If the computer answers
`command not found`, put the folder of your dfc-course installation in front, for example
`../dfc-course/.venv/bin/dfc-course validate`.

1. **Check** the course for mistakes. Each one is named with its file and line:

   ```sh
   dfc-course validate
   ```

2. **Look** at the course in your browser, as a trainee would. Pages change as you save:

   ```sh
   dfc-course preview
   ```

   Open the address it prints. Press Ctrl+C in the terminal to stop.

3. **Build** the packages to upload to your LMS:

   ```sh
   dfc-course build
   ```

   The packages and a facilitator handbook appear in `dist/`.

## Adding to the course

- Another module: `dfc-course new module MODULE_ID --title "Its title"`
- A question bank for a module that has none: `dfc-course new quiz MODULE_ID`
"""


def new_course(
    folder: Path, title: str | None = None, language: str | None = None
) -> list[Path]:
    """Write a new course into `folder` (created if missing); return the files written."""
    language = (language or "en-GB").strip()
    if not LANGUAGE.match(language):
        raise ScaffoldError(
            f'--language "{language}" is not a language tag; write it like en-GB, en or cy'
        )
    if (folder / COURSE_FILE).exists():
        raise ScaffoldError(
            f"{folder} already holds a course ({COURSE_FILE} exists), so nothing was created. "
            "Choose an empty folder, or add a module to this course with: "
            "dfc-course new module MODULE_ID"
        )
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder} is a file, not a folder, so nothing was created")
    title = (title or "").strip() or "My new course"
    module = folder / "modules" / MODULE_ID
    objectives = [f"{MODULE_ID}-{suffix}" for suffix in OBJECTIVE_SUFFIXES]
    questions = [f"{MODULE_ID}-{suffix}" for suffix in QUESTION_SUFFIXES]
    files = {
        folder / COURSE_FILE: course_yaml(course_id(folder), title, language),
        module / MODULE_FILE: module_md("Getting started", objectives),
        module / "01-introduction.md": introduction(MODULE_ID, "next page", "02-in-practice.md"),
        module / "02-in-practice.md": in_practice([]),
        folder / "quizzes" / f"{MODULE_ID}.yaml": quiz_yaml(MODULE_ID, objectives, questions),
        folder / ".gitignore": GITIGNORE,
        folder / "README.md": readme(title),
    }
    taken = [path for path in files if path.exists()]
    if taken:
        names = ", ".join(str(path.relative_to(folder)) for path in taken)
        raise ScaffoldError(
            f"{folder} already has {names}, so nothing was created. Choose an empty folder"
        )
    folder.mkdir(parents=True, exist_ok=True)
    return write_new(files)
