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
        text: "Keeping the plan secret from staff"
        feedback: "Not this one. Staff need to know about a plan to take part in it."
      - id: c
        text: "A date to review progress together"
        correct: true
        feedback: "Right. A review date keeps both sides checking the plan is working."
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
  # scenario: a dilemma told one node at a time; each choice scores 0 (poor), 1 (partial)
  # or 2 (best), says what happens, and leads to another node (`next`) or an ending (`end`).
  - id: {s1}
    type: scenario
    objectives: [{", ".join(objective_ids)}]
    title: "The plan nobody mentioned"
    start: n1
    nodes:
      - id: n1
        text: "A manager has drawn up a plan to change the rota. The union rep hears of it from a member."
        choices:
          - id: a
            text: "The manager and the rep meet to look at the plan before anything is fixed."
            next: n2
            score: 2
            feedback: "Meeting early gives the rep a real say while the plan can still change."
          - id: b
            text: "The manager announces the new rota at the next team meeting."
            end: e2
            score: 0
            feedback: "Staff hear it as a decision already made, and the rep is left to deal with the anger."
      - id: n2
        text: "At the meeting the rep says the new rota would be hard for staff with caring duties."
        choices:
          - id: a
            text: "They agree to ask the team for ideas and try the best one for a month."
            end: e1
            score: 2
            feedback: "Staff help to shape the change, so they are more likely to make it work."
          - id: b
            text: "The manager notes the point and keeps the plan as it is."
            end: e2
            score: 1
            feedback: "The rep was heard but nothing changed, so trust grows only a little."
    endings:
      - id: e1
        text: "The new rota works, and the team trusts the next joint plan sooner."
      - id: e2
        text: "The rota starts, but complaints follow. Talking early would have found the problem."
"""
    doc = parse_yaml(text, f"quizzes/{module_id}.yaml")
    quiz, problems = validate(Quiz, doc)
    if quiz is None or problems:  # the examples must always be valid: a bug if not
        raise RuntimeError(f"the example question bank is invalid: {problems}")
    return text
