"""The preview's language switch: the course in each language of its `languages:`.

The course's own language is served at /course/, each other language at /lang/<tag>/.
Texts not yet translated fall back to the source language, as `build --allow-partial`
does, so a course can be previewed while its translation is under way.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from urllib.parse import quote

from builder.interface.catalogue import PSEUDO, babel_locale

PREFIX = "/lang/"


def build_languages(
    root: Path, target: str
) -> tuple[dict[str, bytes], dict[str, dict[str, bytes]]]:
    """One package in memory for the course's own language, and one for each other language."""
    from builder import api
    from builder.load.localise import localised_models

    model, _warnings = api.validate(root, formats=[target])
    own = next(iter(api.render_packages(model, [target], per_module=False).values()))
    others, _fallbacks = localised_models(root, model, allow_partial=True)
    return own, {
        language: next(iter(api.render_packages(localised, [target], False).values()))
        for language, localised in others
    }


def course_page(language: str, others: dict[str, dict[str, bytes]]) -> str:
    """Where the preview's frame opens the course in `language` (the course's own if unknown)."""
    return f"{PREFIX}{quote(language)}/index.html" if language in others else "/course/index.html"


def switch(own: str, others: list[str], chosen: str) -> str:
    """Links to the course in each of its languages, the one shown marked as current."""
    if not others:
        return ""
    links = []
    for language in [own, *others]:
        current = ' aria-current="page"' if language == chosen else ""
        name = escape(_name(language))
        if language.lower() != PSEUDO.lower():  # its name is in itself
            name = f'<span lang="{escape(language)}">{name}</span>'
        links.append(f'<a href="/?language={quote(language)}"{current}>{name}</a>')
    return f'<nav id="languages" aria-label="Language of the course">{" ".join(links)}</nav>'


def _name(language: str) -> str:
    """The language's name in itself ("Cymraeg"), with its tag."""
    if language.lower() == PSEUDO.lower():
        return f"Pseudo-locale ({language})"
    name = babel_locale(language).get_display_name(babel_locale(language)) or language
    return f"{name[:1].upper()}{name[1:]} ({language})"


def language_of(files: dict[str, bytes]) -> str:
    """The language a built package's shell page is tagged with."""
    page = files.get("index.html", b"").decode("utf-8", "replace")
    start = page.find('<html lang="')
    return page[start + 12 : page.find('"', start + 12)] if start >= 0 else ""
