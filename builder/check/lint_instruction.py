"""Item-writing lint: a prompt that repeats the instruction the course shows for its type.

The course puts a line under every question that says how to answer it ("Choose all the
answers that apply.", in the interface's words for the course's language), so a prompt that
ends "Choose all that apply." makes the trainee read the instruction twice. A sentence of the
prompt counts as the instruction when three quarters or more of its words are words of that
line: "Select all that apply." and "Choose one answer." do; a real question, whose words are
its own, does not.
"""

from __future__ import annotations

import re

from builder.check.locations import attached_banks, field_line
from builder.interface.catalogue import SOURCE, Interface
from builder.load.loader import Loaded
from builder.model.course import QuestionBase
from builder.model.problems import Problems

HINTS = {
    "single": "question.hint.one",
    "true-false": "question.hint.one",
    "multiple": "question.hint.multiple",
    "matching": "question.hint.matching",
    "ordering": "question.hint.ordering",
}
SHARE = 0.75
# A sentence ends at . ! ? (or their full-width forms) followed by a space or the end.
SENTENCE = re.compile(r"[^.!?。！？]+[.!?。！？]*")
WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return [w.casefold() for w in WORD.findall(text.replace("’", "'"))]


def repeated_instruction(prompt: str, instruction: str) -> str | None:
    """The sentence of `prompt` that says what `instruction` says, or None."""
    said = set(words(instruction))
    for found in SENTENCE.finditer(prompt):
        sentence = found.group(0).strip()
        own = words(sentence)
        if len(own) >= 2 and sum(w in said for w in own) >= SHARE * len(own):
            return sentence
    return None


def check_instructions(loaded: Loaded, problems: Problems) -> None:
    language = loaded.course.language if loaded.course is not None else SOURCE
    interface = Interface(language)
    for path, quiz in attached_banks(loaded):
        for index, question in enumerate(quiz.questions):
            key = HINTS.get(getattr(question, "type", ""))
            if key is None or not isinstance(question, QuestionBase):
                continue
            instruction = interface.text(key)
            sentence = repeated_instruction(question.prompt, instruction)
            if sentence:
                problems.warning(
                    field_line(loaded, path, "questions", index, "prompt"),
                    f'question "{question.id}", prompt: "{sentence}" repeats the instruction '
                    f'the course already shows under this type of question ("{instruction}"): '
                    "take it out of the prompt",
                    "prompt-instruction",
                )
