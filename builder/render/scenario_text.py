"""A scenario step's question: the last sentence of its text, when that sentence asks one."""

from __future__ import annotations

import re

# Where a sentence ends: its stop, any closing quote or bracket, then space; or a blank line.
SENTENCE_END = re.compile(r"[.!?:][\"”’)]*\s+|\n\s*\n")


def step_question(text: str) -> tuple[str, str | None]:
    """(the text without its closing question, the question) for the choices' legend, so a
    screen reader names the choices by the question the step asks ("What does Gary do?").
    A step whose text asks nothing at its end keeps its text, and no question (the legend
    then asks the interface's "What do you do?")."""
    body = text.rstrip()
    if not body.endswith("?"):
        return text, None
    cut = max((m.end() for m in SENTENCE_END.finditer(body[:-1])), default=0)
    return body[:cut].rstrip(), " ".join(body[cut:].split())
