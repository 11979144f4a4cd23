"""Write a language's translations back into `translations/<lang>/`, one file per source file.

The files are YAML a reviewer can read in a git diff: one entry per unit, in course order,
each with the hash of the English it translates and the text, multi-line texts as blocks.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import yaml

from builder.load.translations import Translation, translation_file
from builder.load.yamlfile import plain_value
from builder.tools.translate.course_state import CourseUnits, language_name


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """A text as a block when it has lines, quoted when the course's YAML reader (the YAML 1.2
    core schema) would read it plain as something else, such as the hash 0304276256943829 as a
    number; PyYAML's own YAML 1.1 rules leave those plain."""
    style = "|" if "\n" in value else None
    if style is None and plain_value(value) != value:
        style = "'"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def store(
    course: CourseUnits,
    language: str,
    existing: dict[str, Translation],
    accepted: dict[str, Translation],
) -> list[str]:
    """Merge `accepted` over `existing` and rewrite the language's files; return their paths.

    Each unit goes to the file of its source file now; a unit no longer in the course keeps
    its place in the file it was in. Files are written the same way each time, so a file
    whose units did not change does not change.
    """
    merged = {**existing, **accepted}
    by_file: dict[str, list[tuple[str, Translation]]] = defaultdict(list)
    order = {unit_id: n for n, unit_id in enumerate(course.units)}
    for unit_id, translation in merged.items():
        unit = course.units.get(unit_id)
        path = translation_file(language, unit.path) if unit else translation.path
        by_file[path].append((unit_id, translation))
    touched = set(by_file) | {t.path for t in existing.values()}
    written = []
    for path in sorted(touched):
        entries = sorted(by_file.get(path, []), key=lambda e: order.get(e[0], len(order)))
        _write(course.root / path, path, language, entries, course)
        written.append(path)
    return written


def _write(
    file: Path,
    path: str,
    language: str,
    entries: list[tuple[str, Translation]],
    course: CourseUnits,
) -> None:
    if not entries:
        file.unlink(missing_ok=True)
        return
    sources = sorted({course.units[u].path for u, _t in entries if u in course.units})
    data = {unit_id: {"source": t.hash, "text": t.text} for unit_id, t in entries}
    header = (
        f"# {language_name(language)} ({language}) translation of {', '.join(sources) or path}.\n"
        "# Written by `dfc-course translate import`. `source` is a hash of the English each\n"
        "# text translates: when the English changes, the translation is stale.\n"
    )
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(header + body, encoding="utf-8")
