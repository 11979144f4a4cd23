"""Mistakes in a page's Markdown that trainees would otherwise see: `:::` blocks the build does
not know, lens blocks for roles the course does not have, and paragraphs indented into code;
and a module's `activities:` that name no page with an activity."""

from __future__ import annotations

import difflib
import re

from builder.check.locations import COURSE_FILE, field_line
from builder.load import markup
from builder.load.loader import Loaded
from builder.model.course import Module
from builder.model.problems import Location, Problems

FENCE = re.compile(r"^\s*:{3,}\s*(\S+)")


def nearest(name: str, known: list[str] | tuple[str, ...]) -> str | None:
    """The known name closest to `name`, when one is close enough to be a slip of the keys."""
    found = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return found[0] if found else None


def check_blocks(loaded: Loaded, problems: Problems) -> None:
    roles = [r.id for r in loaded.course.roles] if loaded.course is not None else None
    for module in loaded.modules.values():
        sources = [(module.path, module.intro_tokens)] + [(p.path, p.tokens) for p in module.pages]
        for path, tokens in sources:
            for token in tokens:
                line = token.map[0] + 1 if token.map else None
                where = Location(path, line)
                if token.type == "container_lens_open" and roles is not None:
                    _check_lens(token.info.strip()[len("lens") :].strip(), roles, where, problems)
                elif token.type == "inline" and line is not None:
                    _check_fences(token.content, path, line, problems)
                elif token.type == "code_block":
                    problems.warning(
                        where,
                        "this paragraph starts with a tab or four spaces, so trainees see it as "
                        "code in a grey box; remove the indent",
                        "indented-paragraph",
                    )
        _check_activity_needs(loaded, module, problems)


def _check_activity_needs(loaded: Loaded, module: Module, problems: Problems) -> None:
    """Each key of `activities:` is the id of one of the module's pages with an activity."""
    with_activity = [
        p.id for p in module.pages if any(t.type == "container_activity_open" for t in p.tokens)
    ]
    for page_id in module.meta.activities:
        if page_id in with_activity:
            continue
        hint = nearest(page_id, with_activity)
        more = (
            f'did you mean "{hint}"?'
            if hint
            else "the pages with one are " + ", ".join(with_activity)
            if with_activity
            else "this module has no activity"
        )
        problems.error(
            field_line(loaded, module.path, "activities", page_id),
            f'activities: no page "{page_id}" with a "::: activity" block in this module; {more}',
        )


def _check_lens(info: str, roles: list[str], where: Location, problems: Problems) -> None:
    role = info.split()[0] if info else ""
    fence = f"::: lens {role}".strip()
    if not roles:
        problems.error(
            where,
            f'"{fence}": this course has no roles; list them under roles: in '
            f"{COURSE_FILE}, or remove the lens block",
        )
    elif not role:
        problems.error(where, f'"::: lens" needs a role id: one of {", ".join(roles)}')
    elif role not in roles:
        hint = nearest(role, roles)
        more = f'did you mean "{hint}"?' if hint else f"the roles are {', '.join(roles)}"
        problems.error(where, f'"::: lens {role}": no role "{role}" in {COURSE_FILE}; {more}')


def _check_fences(content: str, path: str, first_line: int, problems: Problems) -> None:
    """`::: name` lines that markdown-it left as text: the name is not one of the blocks."""
    for offset, text in enumerate(content.split("\n")):
        found = FENCE.match(text)
        if not found:
            continue
        name = found.group(1)
        hint = nearest(name, markup.BLOCKS)
        more = f'did you mean "{hint}"? ' if hint else ""
        problems.error(
            Location(path, first_line + offset),
            f'"::: {name}" is not a block the build knows, so trainees would see it as text; '
            f"{more}The blocks are {', '.join(markup.BLOCKS)}",
        )
