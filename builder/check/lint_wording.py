"""Item-writing lint, wording: options and stems that trip trainees up or give answers away."""

from __future__ import annotations

import re

from builder.check.locations import attached_banks, field_line
from builder.load.loader import Loaded
from builder.model.course import ChoiceQuestion, QuestionBase
from builder.model.problems import Problems

OF_THE_ABOVE = re.compile(r"\b(all|none|both|neither) of the above\b", re.IGNORECASE)
NEGATIVE = re.compile(r"\b(not|never)\b", re.IGNORECASE)
EMPHASIS = ("**", "__", "*", "_")


def check_wording(loaded: Loaded, problems: Problems) -> None:
    for path, quiz in attached_banks(loaded):
        for index, question in enumerate(quiz.questions):
            label = f'question "{question.id}"'
            if isinstance(question, ChoiceQuestion):
                for n, option in enumerate(question.options):
                    found = OF_THE_ABOVE.search(option.text)
                    if found:
                        problems.warning(
                            field_line(loaded, path, "questions", index, "options", n, "text"),
                            f'{label}, option "{option.id}": "{found.group(0).lower()}" helps '
                            "a test-wise trainee and makes no sense once options are "
                            "shuffled: write a real option",
                            "all-none-of-the-above",
                        )
            if isinstance(question, QuestionBase):
                word = unemphasised_negative(question.prompt)
                if word:
                    problems.warning(
                        field_line(loaded, path, "questions", index, "prompt"),
                        f'{label}, prompt: "{word}" is easy to miss: emphasise it as **{word}**',
                        "negative-stem",
                    )


def unemphasised_negative(text: str) -> str | None:
    """The first "not" or "never" in `text` that is not emphasised (`**not**`, `*not*`)."""
    for found in NEGATIVE.finditer(text):
        word = found.group(0)
        before, after = text[: found.start()], text[found.end() :]
        if any(before.endswith(mark) and after.startswith(mark) for mark in EMPHASIS):
            continue
        return word.lower()
    return None
