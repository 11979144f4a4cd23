"""`languages:` in course.yaml: every language the course is built in."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

LANGUAGE_TAG = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
LanguageTag = Annotated[str, Field(pattern=LANGUAGE_TAG)]


def languages_field() -> list[LanguageTag]:
    return Field(
        [],
        description="every language to build, the course's own `language` among them, "
        "e.g. [en-GB, cy]; translations come from translations/<language>/",
    )


def other_languages(language: str, languages: list[str]) -> list[str]:
    """The languages built from translations: all but the course's own, in the order given."""
    return [tag for tag in languages if tag.lower() != language.lower()]
