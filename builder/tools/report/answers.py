"""An answer's parts as the report reads them: attempts, responses as option ids, right or
wrong by the course's key; and the error every bad input raises."""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.model.problems import TrainerError

ATTEMPT_SUFFIX = re.compile(r"^(.+)-attempt-([1-9][0-9]*)$")
TRUE_WORDS = {
    "true": "true",
    "t": "true",
    "1": "true",
    "false": "false",
    "f": "false",
    "0": "false",
}
IDS_TAG = "ids:"  # SCORM 1.2 answers by option id: docs/lms-behaviour.md


class ReportInputError(TrainerError):
    """Bad report input: the message names the file and the line or record."""


def split_attempt(interaction_id: str) -> tuple[str, int]:
    """`lead-04-attempt-2` -> ("lead-04", 2); an id without the suffix is attempt 1."""
    found = ATTEMPT_SUFFIX.match(interaction_id)
    return (found.group(1), int(found.group(2))) if found else (interaction_id, 1)


@dataclass(frozen=True)
class Dimensions:
    """What an answer says beside the answer: the course version and language it was given in,
    and the statement id (xAPI) that the store uses to tell duplicates apart."""

    version: str | None = None
    language: str | None = None
    statement_id: str | None = None


def parse_response(
    raw: str | None, kind: str, options: list[str], targets: list[str] | None = None
) -> list[str] | None:
    """A response as a list of option ids (matching: "item.target" entries), read in the form
    that the response itself names, never guessed: the SCORM 1.2 package writes `ids:a,c` and
    `ids:x.y`; SCORM 2004 and xAPI write `a[,]c` and `x[.]y`; a true-false answer is
    true/false (t/f, 1/0). None when it is not a response of this question: an id the question
    does not have is never read as anything else. `targets`: a matching question's targets,
    when they are more than its items (spare targets)."""
    if raw is None:
        return None
    text = raw.strip()
    if kind == "true-false":
        word = TRUE_WORDS.get(text.lower())
        return [word] if word else None
    tagged = text.startswith(IDS_TAG)
    if tagged:
        text = text[len(IDS_TAG) :]
    if kind == "other":
        return [text]
    if kind == "likert":
        return [text] if text in options else None
    parts = text.split(",") if tagged else text.split("[,]")
    parts = [p.strip() for p in parts if p.strip()]
    known = set(options)
    if kind == "matching":
        pairs = []
        for part in parts:
            item, sep, target = part.partition("." if tagged else "[.]")
            if not sep or item not in known or target not in set(targets or options):
                return None
            pairs.append(f"{item}.{target}")
        return pairs
    return parts if all(p in known for p in parts) else None


def is_right(kind: str, response: list[str], key: list[str]) -> bool:
    """The runtime's own rule: the same set of choices, every pair matched, the order kept."""
    if kind == "matching":
        return sorted(response) == sorted(f"{k}.{k}" for k in key)
    if kind == "sequencing":
        return response == key
    return sorted(response) == sorted(key)
