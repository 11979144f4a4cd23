"""The facilitator handbook: one printable HTML document for running the course face to face.

The handbook gives the facilitator an agenda with timings, and for each module its
objectives, key points, activities with facilitation notes, discussion questions and the
answer key; then the final assessment's settings and the self-assessment.

The document is self-contained: styles are inline, images become data: URIs, external images
become their alt text, and there are no scripts, so it opens and prints anywhere.
Call `render_handbook(model)`; it touches no files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from builder.handbook.activities import activity_view, discussion, general_questions
from builder.handbook.agenda import clock, duration, plan_agenda
from builder.handbook.debrief import play_plan
from builder.handbook.page_text import blocks, handbook_markdown, plain_inline
from builder.handbook.scenario_flow import scenario_flow
from builder.handbook.self_assessment import self_assessment_view
from builder.handbook.template_sheet import widen_write_in_columns
from builder.handbook.view_types import ChoiceRow, ModuleView, QuestionView, TemplateView
from builder.interface.catalogue import Interface
from builder.interface.foreign import plain
from builder.load import markup
from builder.model.audience import Role
from builder.model.course import (
    ChoiceQuestion,
    Course,
    CourseModel,
    Matching,
    Module,
    MultipleResponse,
    Ordering,
    Scenario,
    TrueFalse,
)
from builder.model.weights import weight_of
from builder.render.template_cache import template_cache

TEMPLATES = Path(__file__).parent


# --- entry point ----------------------------------------------------------------------------


def render_handbook(
    model: CourseModel,
    template_folder: Path | None = None,
    page_numbers: dict[str, int] | None = None,
) -> bytes:
    """The facilitator handbook for `model`, as one self-contained printable HTML file.

    Compiled templates are kept in `template_folder` between builds, when one is given.
    `page_numbers` ({anchor: page}) puts page numbers in the contents, for a print to PDF.
    """
    modules = [_module_view(n, m, model.course) for n, m in enumerate(model.modules, 1)]
    words = Interface(model.course.language)
    final_count = _final_question_count(model)
    agenda = plan_agenda(modules, final_count, model.self_assessment is not None, words)
    diagnostic = model.self_assessment
    html = (
        _environment(template_folder)
        .get_template("handbook.html")
        .render(
            course=model.course,
            hb=model.course.framing.handbook,
            activity=model.course.framing.activity,
            activities=model.course.framing.activities,
            lens_names=lens_names(model.course),
            modules=modules,
            agenda=agenda,
            final=model.course.final_assessment,
            final_questions=_final_question_count(model),
            diagnostic=diagnostic,
            self_assessment=self_assessment_view(diagnostic, words) if diagnostic else None,
            templates=templates(model),
            guidance=[
                (section.title, Markup(markup.render(markup.parse(section.text))))
                for section in model.course.guidance
            ],
            total_minutes=agenda.total(),
            page_numbers=page_numbers,
            duration=lambda minutes: duration(minutes, words),
            clock=clock,
            t=words.text,
            th=words.html,
            join=words.join,
        )
    )
    return html.encode("utf-8")


def lens_names(course: Course) -> str:
    """The lens headings as one phrase, e.g. "manager’s lens and the union rep’s lens"."""
    words = Interface(course.language)
    names = [r.lens_heading[:1].lower() + r.lens_heading[1:] for r in course.roles if r.lens]
    return words.text("handbook.lens_and").join(names) or words.text("handbook.lenses")


def _environment(template_folder: Path | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        bytecode_cache=template_cache(template_folder),
    )
    env.filters["plain"] = plain
    return env


# --- modules --------------------------------------------------------------------------------


def _module_view(number: int, module: Module, course: Course) -> ModuleView:
    words = Interface(course.language)
    key_points, source = _key_points(module)
    activities = [
        activity_view(
            module, page, info, inner, course.framing, words, _template_title(page, words)
        )
        for page in module.pages
        for info, inner in blocks(page.tokens, "activity")
    ]
    roles = list(course.roles)
    topics = [
        d for d in (discussion(module, p, roles, words) for p in module.pages) if d is not None
    ]
    objective_numbers = {o.id: n for n, o in enumerate(module.meta.objectives, 1)}
    questions = (
        [
            _question_view(n, q, objective_numbers, module, weight_of(q, course), roles, words)
            for n, q in enumerate(module.quiz.questions, 1)
        ]
        if module.quiz
        else []
    )
    general = [] if topics else general_questions(module, roles, words)
    return ModuleView(
        number=number,
        id=module.id,
        title=module.meta.title,
        minutes=module.meta.minutes,
        objectives=list(module.meta.objectives),
        intro=handbook_markdown(module, module.intro_tokens),
        key_points=key_points,
        key_points_source=source,
        activities=activities,
        topics=topics,
        general_questions=general,
        quiz=module.quiz,
        questions=questions,
        discussion=list(module.meta.discussion),
    )


def _key_points(module: Module) -> tuple[Markup, str]:
    """The summary's key points; else any key-points block; else the pages' headings."""
    summary = [p for p in module.pages if p.id == "summary"]
    for pages, source in ((summary, "summary"), (module.pages, "pages")):
        found = [inner for page in pages for _info, inner in blocks(page.tokens, "key-points")]
        if found:
            return Markup("\n").join(handbook_markdown(module, inner) for inner in found), source
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
            plain_inline(tokens[i + 1])
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


def _template_title(page: Any, words: Interface) -> str | None:
    """The title of the page's first template, which records what its activity produces."""
    found = blocks(page.tokens, "template")
    return (found[0][0] or words.text("box.template")) if found else None


def templates(model: CourseModel) -> list[TemplateView]:
    """Every `::: template` block of every page, in course order, for printing one a page."""
    found = []
    words = Interface(model.course.language)
    for number, module in enumerate(model.modules, 1):
        for page in module.pages:
            for n, (info, inner) in enumerate(blocks(page.tokens, "template"), 1):
                found.append(
                    TemplateView(
                        anchor=f"template-{module.id}-{page.id}-{n}",
                        title=info or words.text("box.template"),
                        module_number=number,
                        module_title=module.meta.title,
                        page=page.title,
                        body=widen_write_in_columns(handbook_markdown(module, inner)),
                    )
                )
    return found


# --- answer key -----------------------------------------------------------------------------


def _question_view(
    number: int,
    question: Any,
    objective_numbers: dict[str, int],
    module: Module,
    weight: int,
    roles: list[Role],
    words: Interface,
) -> QuestionView:
    numbers = sorted(objective_numbers.get(o, 0) for o in question.objectives)
    listed = ", ".join(str(n) for n in numbers if n)
    is_scenario = isinstance(question, Scenario)
    view = QuestionView(
        id=question.id,
        number=number,
        prompt=question.title if is_scenario else Markup(markup.inline(question.prompt)),
        type=question.type,
        type_label=words.text(f"handbook.type.{question.type}"),
        objectives=words.plural("handbook.objective_numbers", len(numbers), numbers=listed),
        weighting=weight,
        answers=[],
        final_only=question.use == "final",
    )
    if isinstance(question, Scenario):
        view.flow = scenario_flow(module, question, words)
        view.play = play_plan(question, roles, words)
        view.answers = view.flow.best_choices
    elif isinstance(question, TrueFalse):
        true, false = words.text("question.true"), words.text("question.false")
        view.answers = [true if question.answer else false]
        view.choices = [
            ChoiceRow(true, true, question.answer, question.feedback_true),
            ChoiceRow(false, false, not question.answer, question.feedback_false),
        ]
    elif isinstance(question, ChoiceQuestion):
        right = set(question.correct_ids())
        view.choices = [
            ChoiceRow(_letter(n), o.text, o.id in right, o.feedback)
            for n, o in enumerate(question.options)
        ]
        view.answers = [f"{c.label}. {c.text}" for c in view.choices if c.correct]
        if isinstance(question, MultipleResponse):
            view.type_label = words.text(
                "handbook.type_right", label=view.type_label, count=len(right)
            )
    elif isinstance(question, Matching):
        view.pairs = list(question.pairs)
        view.distractors = list(question.distractors)
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
