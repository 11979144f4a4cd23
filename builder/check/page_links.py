"""Links and pictures on pages: every target resolves, every asset is used, pictures have alt text."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

from builder.load import markup
from builder.model.course import Module
from builder.model.problems import Location, Problems

DRIVE_PATH = re.compile(r"^[A-Za-z]:[\\/]")  # C:\Pictures\map.png
EXAMPLE = {"image": "![A map of the exits](images/exits.png)", "link": "[the alarm](02-alarm.md)"}


def check_references(
    module: Module,
    all_pages: set[str],
    problems: Problems,
    refused: set[str],
    unreadable: set[str] = frozenset(),  # type: ignore[assignment]
) -> None:
    """Every image resolves inside the module, every page link to a page; every asset is used.

    Links into the folder of a module that could not be read (`unreadable`) are not checked:
    that module's own error is the one to fix.
    """
    folder = posixpath.dirname(module.path)
    used: set[str] = set()
    sources = [(module.path, module.intro_tokens)] + [(p.path, p.tokens) for p in module.pages]
    for path, tokens in sources:
        for kind, encoded, line, token in markup.references(tokens):
            # markdown-it %-encodes spaces and accents; files are named as the trainer typed.
            target = unquote(encoded)
            where = Location(path, line + 1 if line is not None else None)
            if kind == "image" and not token.content.strip():
                problems.warning(
                    where, f'image "{target}" has no alt text: describe it in ![...]', "alt-text"
                )
            if not target.strip():
                problems.error(where, f"the {kind} has no path: write it like {EXAMPLE[kind]}")
                continue
            if target.startswith("/") or DRIVE_PATH.match(target):
                problems.error(where, f'"{target}": use a path relative to the module folder')
                continue
            if markup.is_external(target):
                if kind == "image" and not target.lower().startswith(("data:", "#")):
                    problems.warning(
                        where,
                        f'image "{target}" is on another website and will not show: pages '
                        "show only images in the package; save it in the module's images/ folder",
                        "external-image",
                    )
                continue
            if "\\" in target:
                problems.error(where, f'"{target}": use / between folders, not \\')
                continue
            resolved = markup.resolve(folder, target)
            if resolved == folder:
                problems.error(where, f'"{target}" is the module folder, not a file')
                continue
            if kind == "link" and target.split("#")[0].endswith(".md"):
                if resolved not in all_pages and not any(
                    resolved.startswith(f"{gone}/") for gone in unreadable
                ):
                    problems.error(
                        where,
                        f'link to "{target}": no such page{_nearest_page(folder, resolved, all_pages)}',
                        "broken-link",
                    )
                continue
            if not resolved.startswith(folder + "/"):
                problems.error(where, f'"{target}" points outside the module folder')
                continue
            if resolved not in module.assets and resolved not in refused:
                problems.error(
                    where, f'{kind} "{target}" not found (looked for {resolved})', "missing-asset"
                )
            used.add(resolved)
    for asset in sorted(set(module.assets) - used):
        problems.warning(Location(asset), "is not used by any page", "unused-asset")


def _nearest_page(folder: str, resolved: str, all_pages: set[str]) -> str:
    """`; did you mean "02-alarm.md"?`, written as the link would be, or nothing."""
    from builder.check.block_rules import nearest

    # Compared as the trainer writes links (relative to the module), so the folders every
    # page shares do not make unlike names look alike.
    written = {posixpath.relpath(page, folder): page for page in sorted(all_pages)}
    found = nearest(posixpath.relpath(resolved, folder), list(written))
    return f'; did you mean "{found}"?' if found else ""
