"""Every answer fits the SCORM 1.2 record, so it is never cut short.

A SCORM 1.2 package records an answer as `ids:` and the option ids it names
(docs/lms-behaviour.md), and SCORM 1.2 keeps at most 255 characters of it. A SCORM 2004 package
writes the same form when the LMS offers only SCORM 1.2, so both are checked.
"""

from __future__ import annotations

from builder.check.locations import attached_banks, field_line
from builder.load.loader import Loaded
from builder.model.course import ChoiceQuestion, Matching, Ordering
from builder.model.problems import Problems

SCORM12_MAX = 255
TAG = "ids:"
SCORM_PACKAGES = ("scorm12", "scorm2004")


def longest_scorm12_answer(question: object) -> int:
    """The most characters the question's answer (or key) can take in the SCORM 1.2 form."""
    if isinstance(question, ChoiceQuestion):
        ids = [o.id for o in question.options]
        if question.type == "single":
            return len(TAG) + max(map(len, ids))
        return len(TAG) + len(",".join(ids))
    if isinstance(question, Ordering):
        return len(TAG) + len(",".join(i.id for i in question.items))
    if isinstance(question, Matching):
        widest = max(map(len, question.target_ids()))
        return (
            len(TAG) + sum(len(p.id) + 1 + widest for p in question.pairs) + len(question.pairs) - 1
        )
    return 0  # true-false, scenario decisions, statements: one id of at most 64 characters


def check_answer_length(loaded: Loaded, problems: Problems) -> None:
    for path, quiz in attached_banks(loaded):
        for index, question in enumerate(quiz.questions):
            need = longest_scorm12_answer(question)
            if need > SCORM12_MAX:
                problems.error(
                    field_line(loaded, path, "questions", index, "id"),
                    f'question "{question.id}": its answer can take {need} characters in a SCORM '
                    f"package, more than the {SCORM12_MAX} that SCORM 1.2 keeps: use shorter "
                    "option ids",
                )
