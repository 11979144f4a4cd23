"""`dfc-course validate` as a content linter: each rule, its exact message, --strict and JSON."""

from __future__ import annotations

import json

import pytest

PAGE = "modules/fire-basics/01-fire-triangle.md"
PAGE_TEXT = "# The fire triangle\n\nEvery fire needs heat, fuel and oxygen.\n"
MODULE = "modules/fire-basics/module.md"
PNG = b"\x89PNG\r\n\x1a\n"


def module_md(minutes: int = 10, extra_objective: bool = False) -> str:
    extra = (
        "  - id: fire-extra\n    text: Explain something no question asks about.\n"
        if extra_objective
        else ""
    )
    return (
        f"---\ntitle: Fire basics\nminutes: {minutes}\nobjectives:\n"
        "  - id: fire-triangle\n    text: Name the three things every fire needs.\n"
        "  - id: fire-response\n    text: Describe what to do when the fire alarm sounds.\n"
        f"{extra}---\nThis module explains how a fire starts.\n"
    )


RULES = {
    "broken-link": (
        {PAGE: PAGE_TEXT + "\nSee [the alarm page](02-alarms.md).\n"},
        "error",
        'modules/fire-basics/01-fire-triangle.md:5: error: link to "02-alarms.md": no such page; did you mean "02-alarm.md"?',
    ),
    "missing-asset": (
        {PAGE: PAGE_TEXT + "\n![A fire triangle](images/triangle.png)\n"},
        "error",
        'modules/fire-basics/01-fire-triangle.md:5: error: image "images/triangle.png" not found '
        "(looked for modules/fire-basics/images/triangle.png)",
    ),
    "unused-asset": (
        {"modules/fire-basics/images/spare.png": PNG},
        "warning",
        "modules/fire-basics/images/spare.png: warning: is not used by any page",
    ),
    "alt-text": (
        {
            PAGE: PAGE_TEXT + "\n![](images/triangle.png)\n",
            "modules/fire-basics/images/triangle.png": PNG,
        },
        "warning",
        'modules/fire-basics/01-fire-triangle.md:5: warning: image "images/triangle.png" has no alt '
        "text: describe it in ![...]",
    ),
    "unassessed-objective": (
        {MODULE: module_md(extra_objective=True)},
        "warning",
        'modules/fire-basics/module.md:9: warning: objective "fire-extra" is not assessed by any question',
    ),
    "long-page": (
        {PAGE: "# The fire triangle\n\n" + "Heat fuel and oxygen make fire. " * 130 + "\n"},
        "warning",
        "modules/fire-basics/01-fire-triangle.md:1: warning: the page has 783 words, about 4 minutes "
        "of reading; a page should read in about 2: split it",
    ),
    "minutes-estimate": (
        {MODULE: module_md(minutes=1)},
        "warning",
        "modules/fire-basics/module.md:3: warning: minutes: 1 is far below the estimate of about "
        "4 minutes (73 words of pages and 5 questions)",
    ),
}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_rule_message_and_level(make_course, cli, rule):
    files, level, message = RULES[rule]
    root = make_course(files)
    result = cli("validate", "--course", str(root))
    assert message in result.stderr.splitlines(), result.stderr
    assert result.exit_code == (1 if level == "error" else 0)
    report = json.loads(cli("validate", "--course", str(root), "--format", "json").stdout)
    found = [p for p in report["problems"] if p["rule"] == rule]
    assert found and found[0]["severity"] == level
    assert found[0]["path"] == message.split(":")[0]
    assert report["ok"] is (level == "warning")


@pytest.mark.parametrize("rule", sorted(r for r in RULES if RULES[r][1] == "warning"))
def test_strict_turns_each_warning_into_a_failure(make_course, cli, rule):
    files, _level, message = RULES[rule]
    root = make_course(files)
    result = cli("validate", "--course", str(root), "--strict")
    assert result.exit_code == 1
    assert message in result.stderr.splitlines()
    assert cli("build", "--course", str(root), "--strict").exit_code == 1
    assert not (root / "dist").exists()


def test_missing_feedback_is_an_error(make_course, cli):
    root = make_course()
    quiz = root / "quizzes" / "fire-basics.yaml"
    text = quiz.read_text(encoding="utf-8")
    quiz.write_text(
        text.replace("        feedback: Water puts many fires out.\n", "", 1),
        encoding="utf-8",
    )
    result = cli("validate", "--course", str(root))
    assert result.exit_code == 1
    assert (
        'quizzes/fire-basics.yaml:16: error: question "fire-01", option "b", feedback: is missing'
        in (result.stderr.splitlines())
    )


def test_json_lists_every_problem_with_its_location(make_course, cli):
    root = make_course({**RULES["broken-link"][0], **RULES["unused-asset"][0]})
    report = json.loads(cli("validate", "--course", str(root), "--format", "json").stdout)
    assert report["ok"] is False
    assert [(p["path"], p["line"], p["severity"], p["rule"]) for p in report["problems"]] == [
        ("modules/fire-basics/01-fire-triangle.md", 5, "error", "broken-link"),
        ("modules/fire-basics/images/spare.png", None, "warning", "unused-asset"),
    ]
