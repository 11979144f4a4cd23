"""What the content tests share: the bundled course, validated strictly once, and readers of
its Markdown."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from builder import api
from builder.model.course import CourseModel

REPO = Path(__file__).parents[1]
MODULES = (
    "why-change-together",
    "leadership",
    "communications",
    "participation-methods",
    "best-value",
    "sustaining-involvement",
)


@functools.cache
def bundled_course() -> CourseModel:
    """The bundled course's model; strict validation must give no warning."""
    model, warnings = api.validate(REPO, strict=True)
    assert warnings == []
    return model


def blocks(module, name: str) -> list[tuple[str, str]]:
    """(page id, info) for every `::: name` block in the module's pages."""
    found = []
    for page in module.pages:
        for token in page.tokens:
            if token.type == f"container_{name}_open":
                found.append((page.id, token.info.strip()[len(name) :].strip()))
    return found


def page_text(module_dir: str | None = None) -> str:
    root = REPO / "modules" / module_dir if module_dir else REPO / "modules"
    return " ".join(p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.md")))


def sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+", re.sub(r"\s+", " ", text))
