"""The handbook's activities and discussion questions, drawn from the module pages.

The roles and the pairing advice are the course's own (course.yaml `roles:` and `framing:`).
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it.token import Token
from markupsafe import Markup

from builder.handbook.agenda import BRIEF, PER_STEP, SHARE_BACK, activity_minutes
from builder.handbook.page_text import blocks, handbook_markdown, plain_text
from builder.handbook.view_types import ActivityView, DiscussionTopic, LensView
from builder.load import markup
from builder.model.audience import Framing, Role
from builder.model.course import Module

PRODUCE = re.compile(r"^\W*what (?:you|the pair) produces?\W*", re.IGNORECASE)
WHAT_TO_DO = re.compile(r"what to do:\s*", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"‘'(])")
NEGATIVE_START = re.compile(r"^(?:do not|don['’]t|never|avoid|not)\b", re.IGNORECASE)


# --- activities -----------------------------------------------------------------------------


def activity_view(
    module: Module,
    page_title: str,
    info: str,
    inner: list[Token],
    framing: Framing,
    template: str | None = None,
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
        title=info or framing.activity,
        heading=f"{framing.activity}: {info}" if info else framing.activity,
        page=page_title,
        body=handbook_markdown(module, inner),
        steps=steps,
        minutes=minutes,
        prepare=_prepare_notes(text, produce_source or "", template),
        pairing=_pairing_notes(instruction, text, framing),
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


def _pairing_notes(instruction: str | None, text: str, framing: Framing) -> list[str]:
    notes = []
    if instruction:
        notes.append(f"The activity asks: “{instruction}”")
    if "same organisation" in text or "same service" in text or "one organisation" in text:
        notes.append(
            "Pair people who work in the same organisation or service wherever you can: what "
            "they produce is then something they can act on when they get back to work."
        )
    else:
        notes.append(framing.handbook.pair_up)
    notes.extend(framing.handbook.pairing)
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


def discussion(module: Module, page: Any, roles: list[Role]) -> DiscussionTopic | None:
    """Questions from a page's lens boxes: each role acts on its own lens, then answers the
    next role's (with two roles, each answers the other's)."""
    lenses: dict[str, tuple[Role, list[Token], LensView]] = {}
    known = {r.id: r for r in roles}
    for info, inner in blocks(page.tokens, "lens"):
        role = known.get(info.split()[0] if info else "")
        if role is not None and role.id not in lenses:
            body = handbook_markdown(module, inner)
            view = LensView(role.id, role.lens_heading, body, roles.index(role) + 1)
            lenses[role.id] = (role, inner, view)
    if not lenses:
        return None
    order = list(lenses)
    questions: list[str] = []
    for role, inner, _view in lenses.values():
        quoted_later = len(order) > 1
        questions.append(_action_question(role, plain_text(inner), page.title, quoted_later))
    for n, (role, inner, _view) in enumerate(lenses.values()):
        other = lenses[order[(n + 1) % len(order)]][0]
        if other is not role:
            opening = first_sentence(plain_text(inner))
            if opening:
                questions.append(
                    f"{other.group_name}: the {_lower(role.lens_heading)} begins "
                    f"“{opening}” What would you say to {role.one_person} who sees it this "
                    "way, and what could you do together about it?"
                )
    questions.append(
        f"Together: on “{page.title}”, what is one thing you would agree to do first in your "
        "own organisation, and who would do it?"
    )
    return DiscussionTopic(page.title, [view for _r, _i, view in lenses.values()], questions)


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _action_question(role: Role, lens_text: str, topic: str, quoted_later: bool) -> str:
    """ "How would you, as a manager, <the lens's first piece of advice>?" or a fallback.

    The fallback quotes the lens's first sentence unless a later question quotes it anyway.
    """
    split = WHAT_TO_DO.split(lens_text, maxsplit=1)
    action = first_sentence(split[1]) if len(split) == 2 else ""
    if action and not NEGATIVE_START.match(action):
        action = action.rstrip(".!?").strip()
        action = action[0].lower() + action[1:]
        return f"How would you, as {role.one_person}, {action}? What would get in the way?"
    lens = _lower(role.lens_heading)
    if quoted_later:
        return (
            f"{role.group_name}: what does the {lens} ask you to do, and what would make it "
            "hard to do in your own organisation?"
        )
    return (
        f"{role.group_name}: the {lens} on “{topic}” begins “{first_sentence(lens_text)}” "
        "How true is that for you, and what would you do about it?"
    )


def general_questions(module: Module, roles: list[Role]) -> list[str]:
    """Questions for a module without lens blocks; with two roles or more, the first two
    answer in turn."""
    opening = f"What in “{module.meta.title}” matches your experience at work, and what surprised you?"
    last = "What is one thing you will do differently after this module, and who will you do it with?"
    if len(roles) < 2:
        return [opening + " Ask people to answer in turn.", last]
    one, two = roles[0].one_person, roles[1].one_person
    return [
        f"{opening} Ask {one} and {two} to answer in turn.",
        f"Where would {one} and {two} see this differently, and why?",
        last,
    ]


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    return SENTENCE_END.split(text, maxsplit=1)[0] if text else ""
