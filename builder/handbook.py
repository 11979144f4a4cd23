"""The facilitator handbook: one printable HTML document for running the course face to face.

Managers and trade union representatives take the course together, in pairs, in one room.
The handbook gives the facilitator an agenda with timings, and for each module its
objectives, key points, joint activity with facilitation notes, discussion questions and the
answer key; then the final assessment's settings and the self-assessment.

The document is self-contained: styles are inline, images become data: URIs, external images
become their alt text, and there are no scripts, so it opens and prints anywhere.
Call `render_handbook(model)`; it touches no files.
"""

from __future__ import annotations

import base64
import copy
import itertools
import mimetypes
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markdown_it.token import Token
from markupsafe import Markup

from builder import markup
from builder.agenda import (
    BRIEF,
    PER_STEP,
    SHARE_BACK,
    activity_minutes,
    clock,
    duration,
    plan_agenda,
)
from builder.models import (
    ChoiceQuestion,
    CourseModel,
    Diagnostic,
    Matching,
    Module,
    MultipleResponse,
    Ordering,
    TrueFalse,
)

TEMPLATES = Path(__file__).parent / "templates"

TYPE_LABELS = {
    "single": "Single choice: one right answer",
    "multiple": "Multiple response: choose all that apply",
    "true-false": "True or false",
    "matching": "Matching: pair each item with its match",
    "ordering": "Ordering: put the items in the right order",
}
PRODUCE = re.compile(r"^\W*what (?:you|the pair) produces?\W*", re.IGNORECASE)
WHAT_TO_DO = re.compile(r"what to do:\s*", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"‘'(])")
NEGATIVE_START = re.compile(r"^(?:do not|don['’]t|never|avoid|not)\b", re.IGNORECASE)
ROLE_NAMES = {"manager": "a manager", "rep": "a union representative"}
ROLE_GROUPS = {"manager": "Managers", "rep": "Union representatives"}
OTHER_ROLE = {"manager": "rep", "rep": "manager"}


# --- what the template shows ----------------------------------------------------------------


@dataclass
class ActivityView:
    title: str
    page: str
    body: Markup
    steps: int
    minutes: int
    prepare: list[str]
    pairing: list[str]
    timing: str
    produces: Markup | None


@dataclass
class LensView:
    role: str
    title: str
    body: Markup


@dataclass
class DiscussionTopic:
    page: str
    lenses: list[LensView]
    questions: list[str]


@dataclass
class ChoiceRow:
    label: str
    text: str
    correct: bool
    feedback: str


@dataclass
class QuestionView:
    id: str
    number: int
    prompt: str
    type: str
    type_label: str
    objectives: str
    weighting: int
    answers: list[str]  # the right answer(s), as the key states them
    choices: list[ChoiceRow] = field(default_factory=list)  # single, multiple, true-false
    pairs: list[Any] = field(default_factory=list)  # matching
    items: list[Any] = field(default_factory=list)  # ordering


@dataclass
class ModuleView:
    number: int
    id: str
    title: str
    minutes: int
    objectives: list[Any]
    intro: Markup
    key_points: Markup
    key_points_source: str
    activities: list[ActivityView]
    topics: list[DiscussionTopic]
    general_questions: list[str]
    quiz: Any
    questions: list[QuestionView]

    @property
    def activity_minutes(self) -> int:
        return sum(a.minutes for a in self.activities)


@dataclass
class BandView:
    title: str
    text: str
    low: int
    high: int
    next_steps: list[str]


# --- entry point ----------------------------------------------------------------------------


def render_handbook(model: CourseModel) -> bytes:
    """The facilitator handbook for `model`, as one self-contained printable HTML file."""
    modules = [_module_view(n, m) for n, m in enumerate(model.modules, 1)]
    agenda = plan_agenda(modules)
    diagnostic = model.self_assessment
    html = (
        _environment()
        .get_template("handbook.html")
        .render(
            course=model.course,
            modules=modules,
            agenda=agenda,
            final=model.course.final_assessment,
            final_questions=_final_question_count(model),
            diagnostic=diagnostic,
            bands=_bands(diagnostic) if diagnostic else [],
            top_score=_top_score(diagnostic) if diagnostic else 0,
            total_minutes=agenda.total(),
            duration=duration,
            clock=clock,
        )
    )
    return html.encode("utf-8")


def _environment() -> jinja2.Environment:
    from builder.render import template_cache

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        bytecode_cache=template_cache(),
    )


# --- modules --------------------------------------------------------------------------------


def _module_view(number: int, module: Module) -> ModuleView:
    key_points, source = _key_points(module)
    activities = [
        _activity_view(module, page.title, info, inner)
        for page in module.pages
        for info, inner in blocks(page.tokens, "activity")
    ]
    topics = [t for t in (_discussion(module, page) for page in module.pages) if t is not None]
    objective_numbers = {o.id: n for n, o in enumerate(module.meta.objectives, 1)}
    questions = (
        [_question_view(n, q, objective_numbers) for n, q in enumerate(module.quiz.questions, 1)]
        if module.quiz
        else []
    )
    general = [] if topics else _general_questions(module)
    return ModuleView(
        number=number,
        id=module.id,
        title=module.meta.title,
        minutes=module.meta.minutes,
        objectives=list(module.meta.objectives),
        intro=_markdown(module, module.intro_tokens),
        key_points=key_points,
        key_points_source=source,
        activities=activities,
        topics=topics,
        general_questions=general,
        quiz=module.quiz,
        questions=questions,
    )


def _key_points(module: Module) -> tuple[Markup, str]:
    """The summary's key points; else any key-points block; else the pages' headings."""
    summary = [p for p in module.pages if p.id == "summary"]
    for pages, source in ((summary, "summary"), (module.pages, "pages")):
        found = [inner for page in pages for _info, inner in blocks(page.tokens, "key-points")]
        if found:
            return Markup("\n").join(_markdown(module, inner) for inner in found), source
    return _headings_outline(module), "headings"


def _headings_outline(module: Module) -> Markup:
    """A list of the pages and their section headings, for a module with no key points."""
    env = _environment()
    outline = []
    for page in module.pages:
        if page.id == "summary":
            continue
        tokens = page.tokens
        subheads = [
            _plain_inline(tokens[i + 1])
            for i, t in enumerate(tokens)
            if t.type == "heading_open" and t.tag == "h2" and i + 1 < len(tokens)
        ]
        outline.append((page.title, subheads))
    template = env.from_string(
        '<ul class="outline">{% for title, subs in outline %}<li>{{ title }}'
        "{% if subs %}<ul>{% for s in subs %}<li>{{ s }}</li>{% endfor %}</ul>{% endif %}"
        "</li>{% endfor %}</ul>"
    )
    return Markup(template.render(outline=outline))


def _plain_inline(token: Token) -> str:
    """The plain text of an inline token (emphasis and links dropped)."""
    children = token.children or []
    return "".join(c.content for c in children if c.type in ("text", "code_inline")).strip()


# --- activities -----------------------------------------------------------------------------


def _activity_view(module: Module, page_title: str, info: str, inner: list[Token]) -> ActivityView:
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
        body=_markdown(module, inner),
        steps=steps,
        minutes=minutes,
        prepare=_prepare_notes(text, produce_source or ""),
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


def _prepare_notes(text: str, produce: str) -> list[str]:
    notes = ["A printed copy of the activity's steps for each pair (the box above)."]
    produce = produce.lower()
    if "self-assessment" in text:
        notes.append(
            "A printed copy of the self-assessment for each pair (the statements and bands "
            "are at the end of this handbook), or access to the course online."
        )
    if "page" in produce or "sheet" in produce or "plan" in produce or "map" in produce:
        notes.append(
            "Blank A4 paper or a simple one-page template for each pair, so that what they "
            "produce fits on one sheet they can take away."
        )
    else:
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


def _discussion(module: Module, page: Any) -> DiscussionTopic | None:
    lenses: dict[str, tuple[list[Token], LensView]] = {}
    for info, inner in blocks(page.tokens, "lens"):
        role = info.split()[0] if info else ""
        if role in ROLE_NAMES and role not in lenses:
            title = markup.LENS_TITLES[role]
            lenses[role] = (inner, LensView(role, title, _markdown(module, inner)))
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


def _general_questions(module: Module) -> list[str]:
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


# --- answer key -----------------------------------------------------------------------------


def _question_view(number: int, question: Any, objective_numbers: dict[str, int]) -> QuestionView:
    numbers = sorted(objective_numbers.get(o, 0) for o in question.objectives)
    label = "objective" if len(numbers) == 1 else "objectives"
    view = QuestionView(
        id=question.id,
        number=number,
        prompt=question.prompt,
        type=question.type,
        type_label=TYPE_LABELS[question.type],
        objectives=f"{label} {', '.join(str(n) for n in numbers if n)}",
        weighting=question.weighting,
        answers=[],
    )
    if isinstance(question, TrueFalse):
        view.answers = ["True" if question.answer else "False"]
        view.choices = [
            ChoiceRow("True", "True", question.answer, question.feedback_true),
            ChoiceRow("False", "False", not question.answer, question.feedback_false),
        ]
    elif isinstance(question, ChoiceQuestion):
        right = set(question.correct_ids())
        view.choices = [
            ChoiceRow(_letter(n), o.text, o.id in right, o.feedback)
            for n, o in enumerate(question.options)
        ]
        view.answers = [f"{c.label}. {c.text}" for c in view.choices if c.correct]
        if isinstance(question, MultipleResponse):
            view.type_label += f" ({len(right)} right)"
    elif isinstance(question, Matching):
        view.pairs = list(question.pairs)
        view.answers = [f"{p.item} → {p.match}" for p in question.pairs]
    elif isinstance(question, Ordering):
        view.items = list(question.items)
        view.answers = [f"{n}. {item.text}" for n, item in enumerate(question.items, 1)]
    return view


def _letter(index: int) -> str:
    return chr(ord("A") + index)


def _final_question_count(model: CourseModel) -> int:
    final = model.course.final_assessment
    return final.questions_per_module * len(model.modules) if final else 0


def _top_score(diagnostic: Diagnostic) -> int:
    return max(o.score for o in diagnostic.scale) * len(diagnostic.questions)


def _bands(diagnostic: Diagnostic) -> list[BandView]:
    top = _top_score(diagnostic)
    views = []
    for band, following in itertools.zip_longest(diagnostic.bands, diagnostic.bands[1:]):
        high = following.min - 1 if following else top
        views.append(BandView(band.title, band.text, band.min, high, list(band.next_steps)))
    return views


# --- Markdown -------------------------------------------------------------------------------


def blocks(tokens: list[Token], name: str) -> list[tuple[str, list[Token]]]:
    """(title or role, inner tokens) of each top-level `::: name` block in `tokens`."""
    opening, closing = f"container_{name}_open", f"container_{name}_close"
    found: list[tuple[str, list[Token]]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type != opening:
            index += 1
            continue
        depth, end = 1, index + 1
        while end < len(tokens) and depth:
            depth += {opening: 1, closing: -1}.get(tokens[end].type, 0)
            end += 1
        info = token.info.strip()[len(name) :].strip()
        found.append((info, tokens[index + 1 : end - 1]))
        index = end
    return found


def plain_text(tokens: list[Token]) -> str:
    """The words of `tokens` without Markdown, paragraphs joined by a space."""
    parts = []
    for token in tokens:
        if token.type != "inline":
            continue
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
        parts.append(" ")
    return " ".join("".join(parts).split())


def _markdown(module: Module, tokens: list[Token]) -> Markup:
    """Render `tokens` with images inlined and headings moved below the handbook's own.

    Only the tokens that change are copied (a deep copy of every page costs more than the
    rest of the handbook); link and image targets are rewritten from their originals by
    markup.render, so the packages' rendering of the same tokens is unaffected.
    """
    folder = f"modules/{module.id}"
    tokens = [_for_handbook(token) for token in tokens]

    def rewrite(kind: str, target: str) -> str:
        resolved = markup.resolve(folder, target)
        if kind == "image":
            data = module.assets.get(resolved)
            if data is None:
                return ""
            mime = mimetypes.guess_type(resolved)[0] or "application/octet-stream"
            return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
        # A page or file of the module: point at the module's part of the handbook.
        return f"#module-{module.id}"

    return Markup(markup.render(tokens, rewrite))


def _for_handbook(token: Token) -> Token:
    if token.type in ("heading_open", "heading_close"):
        token = copy.copy(token)
        token.tag = f"h{min(6, int(token.tag[1]) + 2)}"
    elif token.children and any(child.type in ("image", "link_open") for child in token.children):
        token = copy.copy(token)
        token.children = [_inline_safe(child) for child in token.children]
    return token


def _own_attrs(token: Token) -> Token:
    """A copy whose attributes can be rewritten without touching the course model."""
    clone = copy.copy(token)
    clone.attrs = dict(token.attrs)
    clone.meta = dict(token.meta)
    return clone


def _inline_safe(token: Token) -> Token:
    """An image the handbook cannot embed (not a file of the module) becomes its alt text."""
    if token.type == "link_open":
        return _own_attrs(token)
    if token.type != "image":
        return token
    src = token.meta.get("dfc_target") or token.attrGet("src") or ""
    if markup.is_external(src) and not src.lower().startswith("data:"):
        alt = token.content or posixpath.basename(src)
        return Token("text", "", 0, content=f"[Image: {alt}]")
    return _own_attrs(token)
