"""Item-writing lint: feedback that repeats the verdict.

The runtime states the verdict itself ("Right", "Not right"), in the interface's own words, so
feedback that starts "Right." or "Not this one." makes the trainee read it twice. Feedback says
why; it starts with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from builder.check.locations import attached_banks, field_line
from builder.load.loader import Loaded
from builder.model.course import ChoiceQuestion, Matching, Ordering, TrueFalse
from builder.model.problems import Problems

# "Right.", "Not this one:", "Your answer is correct," "Well done!", "Yes." A sentence that
# only starts with such a word ("True, but the audit…", "No organisation…") is left alone.
VERDICT = re.compile(
    r"^\W*(?:(?:(?:that(?:'s|’s| is) |your answer is |you are |you're |you’re )?(?:not )?"
    r"(?:right|wrong|correct|incorrect|quite right|this one)|not quite|well done|exactly)"
    r"\s*[.!:;,—–-]|(?:yes|no)\s*[.!])",
    re.IGNORECASE,
)


def repeated_verdict(feedback: str) -> str | None:
    """The verdict `feedback` starts with ("Not this one"), or None."""
    found = VERDICT.match(feedback)
    return found.group(0).strip(" .!:;,—–-") if found else None


def _feedback(question: object) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """(path to the field, what it is, its text) for each feedback text of `question`."""
    if isinstance(question, ChoiceQuestion):
        for n, option in enumerate(question.options):
            yield ("options", n, "feedback"), f'option "{option.id}"', option.feedback
    elif isinstance(question, TrueFalse):
        yield ("feedback_true",), "feedback_true", question.feedback_true
        yield ("feedback_false",), "feedback_false", question.feedback_false
    elif isinstance(question, Matching):
        for n, pair in enumerate(question.pairs):
            yield ("pairs", n, "feedback"), f'pair "{pair.id}"', pair.feedback
    elif isinstance(question, Ordering):
        for n, item in enumerate(question.items):
            yield ("items", n, "feedback"), f'item "{item.id}"', item.feedback


def check_verdicts(loaded: Loaded, problems: Problems) -> None:
    for path, quiz in attached_banks(loaded):
        for index, question in enumerate(quiz.questions):
            for where, what, text in _feedback(question):
                said = repeated_verdict(text)
                if said:
                    problems.warning(
                        field_line(loaded, path, "questions", index, *where),
                        f'question "{question.id}", {what}: the feedback starts "{said}", but '
                        "the course already says whether the answer is right: start with the "
                        "reason",
                        "feedback-verdict",
                    )
