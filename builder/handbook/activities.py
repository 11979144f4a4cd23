"""The handbook's joint activities and discussion questions, drawn from the module pages."""

from __future__ import annotations

import re
from typing import Any

from markdown_it.token import Token
from markupsafe import Markup

from builder.handbook.agenda import BRIEF, PER_STEP, SHARE_BACK, activity_minutes
from builder.handbook.page_text import blocks, handbook_markdown, plain_text
from builder.handbook.view_types import ActivityView, DiscussionTopic, LensView
from builder.load import markup
from builder.model.course import Module

PRODUCE = re.compile(r"^\W*what (?:you|the pair) produces?\W*", re.IGNORECASE)
WHAT_TO_DO = re.compile(r"what to do:\s*", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"‘'(])")
NEGATIVE_START = re.compile(r"^(?:do not|don['’]t|never|avoid|not)\b", re.IGNORECASE)
ROLE_NAMES = {"manager": "a manager", "rep": "a union representative"}
ROLE_GROUPS = {"manager": "Managers", "rep": "Union representatives"}
OTHER_ROLE = {"manager": "rep", "rep": "manager"}


# --- activities -----------------------------------------------------------------------------


def activity_view(
    module: Module, page_title: str, info: str, inner: list[Token], template: str | None = None
) -> ActivityView:
    paragraphs = [inner[i + 1] for i, t in enumerate(inner) if t.type == "paragraph_open"]
    produce_source = next((p.content for p in paragraphs if PRODUCE.match(p.content)), None)
    produces = (
        Markup(markup.PARSER.renderInline(PRODUCE.sub("", produce_source, count=1)))
        if produce_source
        else None
    )
    steps = _step_count(inner)
    minutes = activity_minutes(steps)
    text = plain_text(inner).lower()
    instruction = next((plain_text([p]) for p in paragraphs if "pair" in p.content.lower()), None)
    return ActivityView(
        title=info or "Joint activity",
        page=page_title,
        body=handbook_markdown(module, inner),
        steps=steps,
        minutes=minutes,
        prepare=_prepare_notes(text, produce_source or "", template),
        pairing=_pairing_notes(instruction, text),
        timing=_timing_note(steps, minutes),
        produces=produces,
    )


def _step_count(inner: list[Token]) -> int:
    """Items of the activity's first top-level ordered list."""
    base = min((t.level for t in inner), default=0)
    for index, token in enumerate(inner):
        if token.type == "ordered_list_open" and token.level == base:
            count = 0
            for item in inner[index + 1 :]:
                if item.type == "ordered_list_close" and item.level == base:
                    break
                if item.type == "list_item_open" and item.level == base + 1:
                    count += 1
            return count
    return 0


def _prepare_notes(text: str, produce: str, template: str | None = None) -> list[str]:
    notes = ["A printed copy of the activity's steps for each pair (the box above)."]
    if template is not None:
        notes.append(
            f"A printed copy of the template “{template}” for each pair, to record what "
            "they produce (it is in Templates to print, at the end of this handbook)."
        )
    produce = produce.lower()
    if "self-assessment" in text:
        notes.append(
            "A printed copy of the self-assessment for each pair (the statements, the rules "
            "and the results are near the end of this handbook), or access to the course online."
        )
    on_paper = any(word in produce for word in ("page", "sheet", "plan", "map"))
    if template is None and on_paper:
        notes.append(
            "Blank A4 paper or a simple one-page template for each pair, so that what they "
            "produce fits on one sheet they can take away."
        )
    elif template is None:
        notes.append("Paper and pens for each pair to record what they agree.")
    if "sign" in produce:
        notes.append("Pens for both partners to sign the finished sheet.")
    if any(
        word in text for word in ("your service", "your workplace", "your organisation", "real")
    ):
        notes.append(
            "Ask participants beforehand to come with real examples from their own service: "
            "the activity works on their situation, not on a made-up one."
        )
    notes.append("A flipchart to collect one point from each pair in the share-back.")
    return notes


def _pairing_notes(instruction: str | None, text: str) -> list[str]:
    notes = []
    if instruction:
        notes.append(f"The activity asks: “{instruction}”")
    if "same organisation" in text or "same service" in text or "one organisation" in text:
        notes.append(
            "Pair people who work in the same organisation or service wherever you can: what "
            "they produce is then something they can act on when they get back to work."
        )
    else:
        notes.append(
            "Pair each manager with a union representative, from the same organisation where "
            "you can, so that what they produce is something they can act on."
        )
    notes.extend(
        [
            "Avoid pairing representatives with their own line manager unless both are happy "
            "to work together; check quietly before the session.",
            "If the numbers are uneven, make a group of three rather than a pair from one "
            "side: every group needs at least one manager and one representative.",
            "Where partners come from different organisations, let them work on one "
            "partner's organisation, with the other acting as a critical friend.",
        ]
    )
    return notes


def _timing_note(steps: int, minutes: int) -> str:
    if steps:
        work = minutes - BRIEF - SHARE_BACK
        halfway = (steps + 1) // 2
        return (
            f"Allow about {minutes} minutes: {BRIEF} to introduce the activity and check "
            f"that every pair knows what they will produce; about {work} for the {steps} steps "
            f"(roughly {PER_STEP} minutes a step); and {SHARE_BACK} for the share-back. "
            f"Check on progress after step {halfway}, and give a five-minute warning."
        )
    work = minutes - BRIEF - SHARE_BACK
    return (
        f"Allow about {minutes} minutes: {BRIEF} to introduce the activity, about {work} for "
        f"the pair work, and {SHARE_BACK} for the share-back. Give a five-minute warning."
    )


# --- discussion -----------------------------------------------------------------------------


def discussion(module: Module, page: Any) -> DiscussionTopic | None:
    lenses: dict[str, tuple[list[Token], LensView]] = {}
    for info, inner in blocks(page.tokens, "lens"):
        role = info.split()[0] if info else ""
        if role in ROLE_NAMES and role not in lenses:
            title = markup.LENS_TITLES[role]
            lenses[role] = (inner, LensView(role, title, handbook_markdown(module, inner)))
    if not lenses:
        return None
    questions: list[str] = []
    for role, (inner, _view) in lenses.items():
        quoted_later = OTHER_ROLE[role] in lenses
        questions.append(_action_question(role, plain_text(inner), page.title, quoted_later))
    for role, (inner, _view) in lenses.items():
        other = OTHER_ROLE[role]
        if other in lenses:
            opening = first_sentence(plain_text(inner))
            if opening:
                questions.append(
                    f"{ROLE_GROUPS[other]}: the {markup.LENS_TITLES[role].lower()} begins "
                    f"“{opening}” What would you say to {ROLE_NAMES[role]} who sees it this "
                    "way, and what could you do together about it?"
                )
    questions.append(
        f"Together: on “{page.title}”, what is one thing you would agree to do first in your "
        "own organisation, and who would do it?"
    )
    return DiscussionTopic(page.title, [view for _inner, view in lenses.values()], questions)


def _action_question(role: str, lens_text: str, topic: str, quoted_later: bool) -> str:
    """ "How would you, as a manager, <the lens's first piece of advice>?" or a fallback.

    The fallback quotes the lens's first sentence unless a later question quotes it anyway.
    """
    split = WHAT_TO_DO.split(lens_text, maxsplit=1)
    action = first_sentence(split[1]) if len(split) == 2 else ""
    if action and not NEGATIVE_START.match(action):
        action = action.rstrip(".!?").strip()
        action = action[0].lower() + action[1:]
        return f"How would you, as {ROLE_NAMES[role]}, {action}? What would get in the way?"
    lens = markup.LENS_TITLES[role].lower()
    if quoted_later:
        return (
            f"{ROLE_GROUPS[role]}: what does the {lens} ask you to do, and what would make it "
            "hard to do in your own organisation?"
        )
    return (
        f"{ROLE_GROUPS[role]}: the {lens} on “{topic}” begins “{first_sentence(lens_text)}” "
        "How true is that for you, and what would you do about it?"
    )


def general_questions(module: Module) -> list[str]:
    """Questions for a module without lens blocks."""
    return [
        f"What in “{module.meta.title}” matches your experience at work, and what surprised "
        "you? Ask a manager and a union representative to answer in turn.",
        "Where would a manager and a union representative see this differently, and why?",
        "What is one thing you will do differently after this module, and who will you do it with?",
    ]


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    return SENTENCE_END.split(text, maxsplit=1)[0] if text else ""
