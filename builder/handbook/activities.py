"""The handbook's activities and discussion questions, drawn from the module pages.

Every sentence the handbook adds comes from the interface catalogue for the course's language;
what an activity needs is declared in its module's front matter (`activities:`), and the rest is
read from the activity's shape, never from its wording: the paragraph before its numbered steps
says how to pair, the paragraph after them says what the pair produces. The roles and the
pairing advice are the course's own (course.yaml `roles:` and `framing:`).
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it.token import Token
from markupsafe import Markup

from builder.handbook.agenda import BRIEF, PER_STEP, SHARE_BACK, activity_minutes
from builder.handbook.page_text import blocks, handbook_markdown, plain_text
from builder.handbook.view_types import ActivityView, DiscussionTopic, LensView
from builder.interface.catalogue import Interface
from builder.load import markup
from builder.model.activity import ActivityNeeds
from builder.model.audience import Framing, Role
from builder.model.course import Module

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
SENTENCE_START = "“\"‘'("
BOLD_LABEL = re.compile(r"^(\W*?)(\*\*|__)([^\n]+?)\2\s*")
PLAIN_LABEL = re.compile(r"^(\W*)([^:\n]*):\s*")
LABEL_WORDS = 6


# --- activities -----------------------------------------------------------------------------


def activity_view(
    module: Module,
    page: Any,
    info: str,
    inner: list[Token],
    framing: Framing,
    words: Interface,
    template: str | None = None,
) -> ActivityView:
    needs = module.meta.activities.get(page.id, ActivityNeeds())
    lead, result = _lead_and_result(inner)
    steps = _step_count(inner)
    minutes = activity_minutes(steps)
    return ActivityView(
        title=info or framing.activity,
        heading=f"{framing.activity}: {info}" if info else framing.activity,
        page=page.title,
        body=handbook_markdown(module, inner),
        steps=steps,
        minutes=minutes,
        prepare=_prepare_notes(needs, words, template),
        pairing=_pairing_notes(plain_text([lead]) if lead else None, needs, framing, words),
        timing=_timing_note(steps, minutes, words),
        produces=Markup(markup.PARSER.renderInline(_without_label(result.content)))
        if result
        else None,
    )


def _lead_and_result(inner: list[Token]) -> tuple[Token | None, Token | None]:
    """The inline text of the paragraph before the activity's numbered steps (how to work) and
    of the paragraph after them (what the pair produces); None where there is none."""
    base = min((t.level for t in inner), default=0)
    top = [
        (n, t)
        for n, t in enumerate(inner)
        if t.level == base and t.type in ("paragraph_open", "ordered_list_open")
    ]
    steps = next((n for n, t in top if t.type == "ordered_list_open"), None)
    if steps is None:
        return None, None
    before = [inner[n + 1] for n, t in top if t.type == "paragraph_open" and n < steps]
    after = [inner[n + 1] for n, t in top if t.type == "paragraph_open" and n > steps]
    return (before[0] if before else None), (after[0] if after else None)


def _without_label(text: str) -> str:
    """The paragraph without a leading label ("What you produce:", bold or not): text up to
    a colon within its first few words."""
    bold = BOLD_LABEL.match(text)
    if bold and ":" in bold[3] and len(bold[3].split()) <= LABEL_WORDS + 1:
        return bold[1] + text[bold.end() :]
    plain = PLAIN_LABEL.match(text)
    if plain and plain[2].strip() and len(plain[2].split()) <= LABEL_WORDS:
        return plain[1] + text[plain.end() :]
    return text


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


def _prepare_notes(needs: ActivityNeeds, words: Interface, template: str | None) -> list[str]:
    notes = [words.text("handbook.prepare.steps")]
    if template is not None:
        notes.append(words.text("handbook.prepare.template", template=template))
    if "self-assessment" in needs.prepare:
        notes.append(words.text("handbook.prepare.self_assessment"))
    if template is None:
        one_page = "one-page" in needs.prepare
        notes.append(
            words.text("handbook.prepare.one_page" if one_page else "handbook.prepare.paper")
        )
    if "signatures" in needs.prepare:
        notes.append(words.text("handbook.prepare.signatures"))
    if "real-examples" in needs.prepare:
        notes.append(words.text("handbook.prepare.real_examples"))
    notes.append(words.text("handbook.prepare.flipchart"))
    return notes


def _pairing_notes(
    instruction: str | None, needs: ActivityNeeds, framing: Framing, words: Interface
) -> list[str]:
    notes = []
    if instruction:
        notes.append(words.text("handbook.pairing.asks", instruction=instruction))
    if needs.pairs == "same-organisation":
        notes.append(words.text("handbook.pairing.same_organisation"))
    else:
        notes.append(framing.handbook.pair_up)
    notes.extend(framing.handbook.pairing)
    return notes


def _timing_note(steps: int, minutes: int, words: Interface) -> str:
    work = minutes - BRIEF - SHARE_BACK
    counts = {
        "minutes": words.plural("handbook.minutes_count", minutes),
        "brief": BRIEF,
        "work": work,
        "share_back": SHARE_BACK,
    }
    if not steps:
        return words.text("handbook.timing.unstepped", **counts)
    return words.text(
        "handbook.timing.steps",
        steps=words.plural("handbook.steps_count", steps),
        per_step=words.plural("handbook.minutes_count", PER_STEP),
        halfway=(steps + 1) // 2,
        **counts,
    )


# --- discussion -----------------------------------------------------------------------------


def discussion(
    module: Module, page: Any, roles: list[Role], words: Interface
) -> DiscussionTopic | None:
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
        questions.append(_action_question(role, plain_text(inner), page.title, quoted_later, words))
    for n, (role, inner, _view) in enumerate(lenses.values()):
        other = lenses[order[(n + 1) % len(order)]][0]
        if other is not role:
            opening = first_sentence(plain_text(inner))
            if opening:
                questions.append(
                    words.text(
                        "handbook.ask.other_lens",
                        group=other.group_name,
                        lens=_lower(role.lens_heading),
                        opening=opening,
                        person=role.one_person,
                    )
                )
    questions.append(words.text("handbook.ask.together", topic=page.title))
    return DiscussionTopic(page.title, [view for _r, _i, view in lenses.values()], questions)


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _action_question(
    role: Role, lens_text: str, topic: str, quoted_later: bool, words: Interface
) -> str:
    """ "How would you, as a manager, <the lens's first piece of advice>?" or a fallback.

    The advice follows the label the catalogue gives for the course's language ("What to
    do:"), and is left out when it starts with one of the catalogue's words for "not".
    The fallback quotes the lens's first sentence unless a later question quotes it anyway.
    """
    label = words.text("handbook.ask.advice_label")
    split = re.split(re.escape(label) + r"\s*", lens_text, maxsplit=1, flags=re.IGNORECASE)
    action = first_sentence(split[1]) if len(split) == 2 else ""
    negatives = [w.strip() for w in words.text("handbook.ask.advice_not").split(",")]
    negative = re.compile(rf"^(?:{'|'.join(map(re.escape, negatives))})\b", re.IGNORECASE)
    if action and not negative.match(action):
        action = _lower(action.rstrip(".!?").strip())
        return words.text("handbook.ask.action", person=role.one_person, action=action)
    lens = _lower(role.lens_heading)
    if quoted_later:
        return words.text("handbook.ask.own_lens", group=role.group_name, lens=lens)
    return words.text(
        "handbook.ask.own_lens_quoted",
        group=role.group_name,
        lens=lens,
        topic=topic,
        opening=first_sentence(lens_text),
    )


def general_questions(module: Module, roles: list[Role], words: Interface) -> list[str]:
    """Questions for a module without lens blocks; with two roles or more, the first two
    answer in turn."""
    opening = words.text("handbook.ask.general_opening", title=module.meta.title)
    last = words.text("handbook.ask.general_last")
    if len(roles) < 2:
        return [f"{opening} {words.text('handbook.ask.in_turn')}", last]
    one, two = roles[0].one_person, roles[1].one_person
    return [
        f"{opening} {words.text('handbook.ask.in_turn_roles', one=one, two=two)}",
        words.text("handbook.ask.general_differ", one=one, two=two),
        last,
    ]


def first_sentence(text: str) -> str:
    """Up to the first full stop, question or exclamation mark followed by a capital letter (in
    any alphabet: Ŵ as well as W) or an opening quote."""
    text = " ".join(text.split())
    for end in SENTENCE_END.finditer(text):
        following = text[end.end() : end.end() + 1]
        if following and (following.isupper() or following in SENTENCE_START):
            return text[: end.start()]
    return text
