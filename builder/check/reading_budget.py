"""Reading-time rules: a page reads in about two minutes; a module's minutes match its pages."""

from __future__ import annotations

from builder.load.yamlfile import YamlDoc
from builder.model.course import Module
from builder.model.problems import Location, Problems

WORDS_PER_MINUTE = 200
PAGE_MINUTES = 2
LONG_PAGE_WORDS = 600  # three times the two-minute budget: far over it
MINUTES_PER_QUESTION = 0.75


def check_reading_time(module: Module, doc: YamlDoc | None, problems: Problems) -> None:
    """Warn about pages far over budget and modules that take far longer than they say."""
    for page in module.pages:
        if page.words > LONG_PAGE_WORDS:
            problems.warning(
                Location(page.path, 1),
                f"the page has {page.words} words, about {round(page.words / WORDS_PER_MINUTE)} "
                f"minutes of reading; a page should read in about {PAGE_MINUTES}: split it",
                "long-page",
            )
    words = sum(page.words for page in module.pages)
    questions = len(module.quiz.questions) if module.quiz else 0
    estimate = round(words / WORDS_PER_MINUTE + questions * MINUTES_PER_QUESTION)
    stated = module.meta.minutes
    if estimate > 2 * stated:
        line = doc.line(("minutes",)) if doc else None
        problems.warning(
            Location(module.path, line),
            f"minutes: {stated} is far below the estimate of about {estimate} minutes "
            f"({words} words of pages and {questions} questions)",
            "minutes-estimate",
        )
