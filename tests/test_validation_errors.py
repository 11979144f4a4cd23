"""Trainer mistakes: `dfc-course validate` names the file, line and field of each, exactly."""

from __future__ import annotations

import json
import re

import pytest
from helpers import fixture_text

COURSE = "course/course.yaml"
MODULE = "modules/fire-basics/module.md"
QUIZ = "quizzes/fire-basics.yaml"
ALARM = "modules/fire-basics/02-alarm.md"
LINE = re.compile(r"^[a-z0-9][\w./-]*:\d+: error: \S.*$")
# Option "b" of question fire-02 renamed to "a", which that question already has.
DUPLICATE_OPTION = ("      - id: b\n        text: Wood\n", "      - id: a\n        text: Wood\n")
# Question fire-03 tagged with an objective no module has.
UNKNOWN_OBJECTIVE = (
    "objectives: [fire-response]\n    prompt: You",
    "objectives: [fire-escape]\n    prompt: You",
)


def edit(rel: str, old: str, new: str, base: str = "minimal", count: int = 1) -> str:
    """A fixture file with `old` replaced by `new` (`old` must occur `count` times)."""
    text = fixture_text(base, rel)
    assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times in {rel}"
    return text.replace(old, new)


def summary(count: int) -> str:
    return f"error: the course has {count} problem{'s' if count != 1 else ''}; nothing was built"


def assert_reports(result, *lines: str) -> None:
    """stderr is exactly these problem lines, then the count; exit code 1; nothing on stdout."""
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines() == [*lines, summary(len(lines))]
    for line in lines:
        assert LINE.match(line), f"not a `path:line: error: message` line: {line}"


# One trainer mistake per case: (files to change, the exact lines `validate` prints).
CASES = {
    "unknown module listed": (
        {COURSE: edit(COURSE, "  - fire-basics\n", "  - fire-basics\n  - fire-drills\n")},
        [
            'course/course.yaml:10: error: modules: "fire-drills" is listed but '
            "modules/fire-drills/ does not exist"
        ],
    ),
    "missing required field": (
        {COURSE: edit(COURSE, "title: Fire safety basics\n", "")},
        ["course/course.yaml:2: error: title: is missing"],
    ),
    "unknown field with a suggestion": (
        {COURSE: edit(COURSE, "  pass_mark: 80\n", "  pasmark: 80\n")},
        ['course/course.yaml:13: error: pasmark: is not a known field; did you mean "pass_mark"?'],
    ),
    "unknown field in a quiz, no follow-on errors": (
        {QUIZ: edit(QUIZ, "pass_mark: 80\n", "pasmark: 80\n")},
        [
            "quizzes/fire-basics.yaml:3: error: pasmark: is not a known field; "
            'did you mean "pass_mark"?'
        ],
    ),
    "unknown question type": (
        {QUIZ: edit(QUIZ, "type: multiple\n", "type: multi\n")},
        [
            'quizzes/fire-basics.yaml:20: error: question "fire-02", type: "multi" is not a question '
            "type; use one of: single, multiple, true-false, matching, ordering, scenario"
        ],
    ),
    "version not in quotes": (
        {COURSE: edit(COURSE, 'version: "1.0.0"\n', "version: 1.0\n")},
        [
            "course/course.yaml:4: error: version: should be text: put the version in quotes, "
            'e.g. "1.0.0"'
        ],
    ),
    "option without feedback": (
        {QUIZ: edit(QUIZ, "        feedback: Water puts many fires out.\n", "")},
        [
            'quizzes/fire-basics.yaml:16: error: question "fire-01", option "b", feedback: '
            "is missing"
        ],
    ),
    "duplicate module in the list": (
        {COURSE: edit(COURSE, "  - fire-basics\n", "  - fire-basics\n  - fire-basics\n")},
        ['course/course.yaml:10: error: modules: "fire-basics" is listed twice'],
    ),
    "duplicate page id": (
        {"modules/fire-basics/03-fire-triangle.md": "# The triangle again\n\nText.\n"},
        [
            'modules/fire-basics/03-fire-triangle.md:1: error: the page id "fire-triangle" is '
            "also used by modules/fire-basics/01-fire-triangle.md"
        ],
    ),
    "duplicate question id": (
        {QUIZ: edit(QUIZ, "  - id: fire-02\n", "  - id: fire-01\n")},
        [
            'quizzes/fire-basics.yaml:19: error: question "fire-01": the id is also used in '
            "quizzes/fire-basics.yaml, line 7"
        ],
    ),
    "duplicate option id": (
        {QUIZ: edit(QUIZ, *DUPLICATE_OPTION)},
        ['quizzes/fire-basics.yaml:31: error: question "fire-02": option id "a" is used twice'],
    ),
    "answer that is not an option": (
        {
            QUIZ: edit(QUIZ, "fire triangle?\n", "fire triangle?\n    answer: e\n").replace(
                "        text: Oxygen\n        correct: true\n", "        text: Oxygen\n"
            )
        },
        [
            'quizzes/fire-basics.yaml:11: error: question "fire-01": answer "e" is not one of the '
            "options (a, b)"
        ],
    ),
    "single choice with two right options": (
        {QUIZ: edit(QUIZ, "        text: Water\n", "        text: Water\n        correct: true\n")},
        [
            'quizzes/fire-basics.yaml:8: error: question "fire-01": a single-choice question needs '
            "exactly one right option, it has 2"
        ],
    ),
    "matching with one pair": (
        {
            QUIZ: edit(
                QUIZ,
                "      - id: b\n        item: Fuel\n"
                "        match: A pile of paper\n        feedback: Paper is the fuel.\n"
                "      - id: c\n        item: Oxygen\n"
                "        match: The air in the room\n"
                "        feedback: Air holds the oxygen.\n",
                "",
            )
        },
        ['quizzes/fire-basics.yaml:46: error: question "fire-04", pairs: needs at least 2 entries'],
    ),
    "ordering with one item": (
        {
            QUIZ: edit(
                QUIZ,
                "      - id: b\n        text: Leave by the nearest safe exit\n"
                "        feedback: Then leave.\n      - id: c\n"
                "        text: Wait at the assembly point\n"
                "        feedback: Last, wait to be counted.\n",
                "",
            )
        },
        ['quizzes/fire-basics.yaml:63: error: question "fire-05", items: needs at least 2 entries'],
    ),
    "objective that does not exist": (
        {QUIZ: edit(QUIZ, *UNKNOWN_OBJECTIVE)},
        [
            'quizzes/fire-basics.yaml:37: error: question "fire-03": objective "fire-escape" is not '
            "an objective of this module (known: fire-response, fire-triangle)"
        ],
    ),
    "missing image": (
        {ALARM: fixture_text("minimal", ALARM) + "\n![A map of the exits](images/exits.png)\n"},
        [
            'modules/fire-basics/02-alarm.md:11: error: image "images/exits.png" not found '
            "(looked for modules/fire-basics/images/exits.png)"
        ],
    ),
    "quiz for a module that does not exist": (
        {
            "quizzes/fire-drills.yaml": edit(
                QUIZ, "module: fire-basics\n", "module: fire-drills\n"
            ).replace("id: fire-0", "id: drill-0")
        },
        [
            'quizzes/fire-drills.yaml:1: error: module: "fire-drills" is not a module '
            "(modules/fire-drills/ does not exist)"
        ],
    ),
    "yaml: a tab": (
        {COURSE: edit(COURSE, "  pass_mark: 80\n", "\tpass_mark: 80\n")},
        [
            "course/course.yaml:13: error: a tab character is not allowed here: "
            "indent YAML with spaces"
        ],
    ),
    "yaml: a tab in module front matter": (
        {MODULE: edit(MODULE, "    text: Describe", "\ttext: Describe")},
        [
            "modules/fire-basics/module.md:8: error: a tab character is not allowed here: "
            "indent YAML with spaces"
        ],
    ),
    "yaml: an unclosed quote": (
        {COURSE: edit(COURSE, 'version: "1.0.0"\n', 'version: "1.0.0\n')},
        ["course/course.yaml:4: error: a quoted text is never closed: add the closing quote"],
    ),
    "yaml: an unclosed quote in a quiz": (
        {
            QUIZ: edit(
                QUIZ, "prompt: Put these steps in order.\n", 'prompt: "Put these steps in order.\n'
            )
        },
        [
            "quizzes/fire-basics.yaml:62: error: a quoted text is never closed: "
            "add the closing quote"
        ],
    ),
    "yaml: a duplicate key": (
        {COURSE: edit(COURSE, "audience:", "title: Fire safety\naudience:")},
        [
            'course/course.yaml:7: error: the key "title" appears twice (first at line 3): '
            "keep only one"
        ],
    ),
    "yaml: a duplicate key in module front matter, no follow-on errors": (
        {MODULE: edit(MODULE, "minutes: 10\n", "minutes: 10\nminutes: 12\n")},
        [
            'modules/fire-basics/module.md:4: error: the key "minutes" appears twice '
            "(first at line 3): keep only one"
        ],
    ),
    "yaml: a duplicate key in a question": (
        {QUIZ: edit(QUIZ, "    type: true-false\n", "    type: true-false\n    type: single\n")},
        [
            'quizzes/fire-basics.yaml:37: error: the key "type" appears twice (first at line 36): '
            "keep only one"
        ],
    ),
}


@pytest.mark.parametrize("files, expected", list(CASES.values()), ids=list(CASES))
def test_mistake_is_reported_exactly(make_course, cli, files, expected):
    root = make_course(files)
    result = cli("validate", "--course", str(root))
    assert_reports(result, *expected)


def test_duplicate_objective_across_modules(make_course, cli):
    module = "modules/calling-for-help/module.md"
    quiz = "quizzes/calling-for-help.yaml"
    root = make_course(
        {
            module: edit(module, "id: call-when", "id: kit-contents", base="two-modules"),
            quiz: edit(quiz, "[call-when]", "[kit-contents]", base="two-modules", count=2),
        },
        base="two-modules",
    )
    result = cli("validate", "--course", str(root))
    assert_reports(
        result,
        'modules/first-aid-kit/module.md:5: error: objective "kit-contents" is also defined in '
        "modules/calling-for-help/module.md, line 5",
    )


def test_duplicate_question_id_across_files(make_course, cli):
    quiz = "quizzes/calling-for-help.yaml"
    root = make_course(
        {quiz: edit(quiz, "id: call-02", "id: kit-01", base="two-modules")}, base="two-modules"
    )
    result = cli("validate", "--course", str(root))
    assert_reports(
        result,
        'quizzes/first-aid-kit.yaml:3: error: question "kit-01": the id is also used in '
        "quizzes/calling-for-help.yaml, line 20",
    )


def test_broken_self_assessment_gives_no_follow_on_errors(make_course, cli):
    diagnostic = "quizzes/readiness.yaml"
    root = make_course(
        {diagnostic: edit(diagnostic, "    title: Ready\n", "", base="two-modules")},
        base="two-modules",
    )
    result = cli("validate", "--course", str(root))
    assert_reports(result, 'quizzes/readiness.yaml:19: error: band "ready", title: is missing')


def test_every_error_in_every_file_in_one_run(make_course, cli):
    """Mistakes in five files, course.yaml among them: all reported, sorted by path and line."""
    root = make_course(
        {
            QUIZ: edit(QUIZ, *DUPLICATE_OPTION).replace(*UNKNOWN_OBJECTIVE),
            ALARM: fixture_text("minimal", ALARM) + "\n![A map of the exits](images/exits.png)\n",
            COURSE: edit(COURSE, "  pass_mark: 80\n", "  pasmark: 80\n"),
            "modules/fire-basics/01-fire-triangle.md": "The fire triangle\n\nNo heading.\n",
            "quizzes/extra.yaml": "module: fire-basics\nquestions: [fire-01, fire-02\n",
        }
    )
    result = cli("validate", "--course", str(root))
    assert_reports(
        result,
        'course/course.yaml:13: error: pasmark: is not a known field; did you mean "pass_mark"?',
        "modules/fire-basics/01-fire-triangle.md:1: error: a page must start with its title as "
        "a heading: # Title",
        'modules/fire-basics/02-alarm.md:11: error: image "images/exits.png" not found '
        "(looked for modules/fire-basics/images/exits.png)",
        "quizzes/extra.yaml:2: error: a bracket [ or { is never closed: add the closing ] or }",
        'quizzes/fire-basics.yaml:31: error: question "fire-02": option id "a" is used twice',
        'quizzes/fire-basics.yaml:37: error: question "fire-03": objective "fire-escape" is not '
        "an objective of this module (known: fire-response, fire-triangle)",
    )


def test_errors_as_json(make_course, cli):
    root = make_course({QUIZ: edit(QUIZ, "  - id: fire-02\n", "  - id: fire-01\n")})
    result = cli("validate", "--course", str(root), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert data["problems"] == [
        {
            "path": "quizzes/fire-basics.yaml",
            "line": 19,
            "severity": "error",
            "rule": "error",
            "message": 'question "fire-01": the id is also used in quizzes/fire-basics.yaml, line 7',
        }
    ]


def test_not_a_course_folder(tmp_path, cli):
    """The one message without a line: there is no file to point into."""
    result = cli("validate", "--course", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"course/course.yaml: error: not found: is {tmp_path} a course folder? "
        "It needs course/course.yaml",
        summary(1),
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--no-such-option"],
        ["validate", "--format", "pdf"],
        ["build", "--format", "pdf"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(course_copy, cli, args):
    command, *rest = args
    course = ["--course", str(course_copy("minimal"))] if command in ("validate", "build") else []
    result = cli(command, *course, *rest)
    assert result.exit_code == 2
    assert "Error" in result.stderr
    assert result.stdout == ""
