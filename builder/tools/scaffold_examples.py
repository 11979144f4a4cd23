"""The example module and question bank that `dfc-course new` writes: every block and question type."""

from __future__ import annotations

import json

from builder.load.validation import validate
from builder.load.yamlfile import parse_yaml
from builder.model.course import Quiz

MINUTES = 20


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
    text: "Plan one practical step to take at work."
---
Replace this paragraph with two or three sentences that introduce the module: what it
covers, and why it matters to the people taking the course. It is shown on the module's
first screen, above the objectives.
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
[{next_title}]({next_file}).
"""

IN_PRACTICE_TOP = """# In practice

This page shows every special block a page can use. Keep the blocks you need and delete
the rest. A block starts with a line such as `::: case-study` and ends with a line `:::`.

::: case-study A real example
Tell the story of one team: what the problem was, what people did about it, and what
changed as a result. Give figures where you have them, and say where they come from.
:::
"""

LENS = """
::: lens {id}
Say how {person} may see this point, and what may worry them about it.

What to do: write one thing {person} can do about it.
:::
"""

IN_PRACTICE_END = """
::: activity Plan a first step
Work as a pair, with someone from the same organisation where you can.

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


def in_practice(roles: list[tuple[str, str]]) -> str:
    """The page of blocks; with the course's roles (id, one person), a lens box for each."""
    lenses = ""
    if roles:
        lenses = "\n## The same point, seen from each role\n" + "".join(
            LENS.format(id=role_id, person=person) for role_id, person in roles
        )
    return IN_PRACTICE_TOP + lenses + IN_PRACTICE_END


def quiz_yaml(module_id: str, objective_ids: list[str], question_ids: list[str]) -> str:
    """A question bank with one example of every question type, checked before it is returned."""
    # Spread the objectives over the five questions so that every objective is assessed;
    # the scenario assesses them all.
    *question_ids, s1 = question_ids
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
        text: "Talk it through with the people it affects, early on"
        correct: true
        feedback: "Talking early, before options are fixed, gives people a real say."
      - id: b
        text: "Decide first, then tell people what will happen"
        feedback: "Telling people after the decision leaves no room for their ideas."
      - id: c
        text: "Wait until people complain before saying anything"
        feedback: "Waiting for complaints means problems are found late."
  # multiple: two or more options have `correct: true`; trainees choose all that apply.
  - id: {q2}
    type: multiple
    objectives: {obj[1]}
    prompt: "Which of these help a plan to work?"
    options:
      - id: a
        text: "A named owner for each action"
        correct: true
        feedback: "Someone has to be responsible for making each action happen."
      - id: b
        text: "Keeping the plan secret from the team"
        feedback: "People need to know about a plan to take part in it."
      - id: c
        text: "A date to review progress"
        correct: true
        feedback: "A review date keeps everyone checking that the plan is working."
  # true-false: `answer` is true or false; give feedback for each possible answer.
  - id: {q3}
    type: true-false
    objectives: {obj[2]}
    prompt: "Staff who say nothing about a change always agree with it."
    answer: false
    feedback_true: "Silence can hide doubts; ask questions that make it easy to speak."
    feedback_false: "Silence does not mean agreement; ask questions to find out more."
  # matching: each pair is an item and its right match; trainees see the matches shuffled.
  - id: {q4}
    type: matching
    objectives: {obj[3]}
    prompt: "Match each source to what it tells you about a change."
    pairs:
      - id: a
        item: "A written procedure"
        match: "What should happen"
        feedback: "A procedure sets out what is meant to happen, step by step."
      - id: b
        item: "The people who do the work"
        match: "What really happens"
        feedback: "The people doing the work know where practice differs from the procedure."
      - id: c
        item: "The people who use the service"
        match: "How it feels from outside"
        feedback: "Service users see the result, and notice what others miss."
  # ordering: list the items in the right order; trainees see them shuffled.
  - id: {q5}
    type: ordering
    objectives: {obj[4]}
    prompt: "Put these steps of a review in order, from first to last."
    items:
      - id: a
        text: "Agree the terms of reference"
        feedback: "First: agree what the review is for and what is open to change."
      - id: b
        text: "Gather ideas from staff"
        feedback: "Next: collect ideas from the people who do the work."
      - id: c
        text: "Agree the changes and who makes them"
        feedback: "Then agree what will change, and who is responsible for each change."
      - id: d
        text: "Review progress"
        feedback: "Last: check that the changes worked."
  # scenario: a dilemma told one node at a time; each choice scores 0 (poor), 1 (partial)
  # or 2 (best), says what happens, and leads to another node (`next`) or an ending (`end`).
  - id: {s1}
    type: scenario
    objectives: [{", ".join(objective_ids)}]
    title: "The plan nobody mentioned"
    start: n1
    nodes:
      - id: n1
        text: "Sam, a team leader, has drawn up a plan to change the rota. A team member hears of it from a colleague."
        choices:
          - id: a
            text: "Sam meets the team to look at the plan before anything is fixed."
            next: n2
            score: 2
            feedback: "Meeting early gives the team a real say while the plan can still change."
          - id: b
            text: "Sam announces the new rota at the next team meeting."
            end: e2
            score: 0
            feedback: "The team hears it as a decision already made, and nobody says what worries them."
      - id: n2
        text: "At the meeting a team member says the new rota would be hard for people with caring duties."
        choices:
          - id: a
            text: "They agree to ask the team for ideas and try the best one for a month."
            end: e1
            score: 2
            feedback: "Staff help to shape the change, so they are more likely to make it work."
          - id: b
            text: "Sam notes the point and keeps the plan as it is."
            end: e2
            score: 1
            feedback: "The point was heard but nothing changed, so trust grows only a little."
    endings:
      - id: e1
        text: "The new rota works, and the team trusts the next plan sooner."
      - id: e2
        text: "The rota starts, but complaints follow. Talking early would have found the problem."
"""
    doc = parse_yaml(text, f"quizzes/{module_id}.yaml")
    quiz, problems = validate(Quiz, doc)
    if quiz is None or problems:  # the examples must always be valid: a bug if not
        raise RuntimeError(f"the example question bank is invalid: {problems}")
    return text
