"""Read a language's translations: `translations/<lang>/`, one YAML file per source file.

Each file maps unit ids to the translated text and a hash of the English it translates:

    page/leadership/shared-leadership:the-research.heading:
      source: 3f2a9c0d51e7b8a4
      text: Yr ymchwil

A translation whose `source` hash differs from the English now in the course is stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from builder.load.yamlfile import YamlSyntaxError, parse_yaml
from builder.model.problems import Location, Problems

FOLDER = "translations"


@dataclass(frozen=True)
class Translation:
    text: str
    hash: str
    path: str
    line: int | None = None


def translation_file(language: str, source_path: str) -> str:
    """Where the translation of `source_path` lives, relative to the course root."""
    stored = PurePosixPath(source_path)
    if stored.suffix == ".md":
        stored = stored.with_suffix(".yaml")
    return f"{FOLDER}/{language}/{stored}"


def read_translations(root: Path, language: str, problems: Problems) -> dict[str, Translation]:
    """Every unit translated into `language`: {unit id: translation}."""
    folder = root / FOLDER / language
    found: dict[str, Translation] = {}
    for file in sorted(folder.rglob("*.yaml")) if folder.is_dir() else []:
        rel = file.relative_to(root).as_posix()
        try:
            doc = parse_yaml(file.read_text(encoding="utf-8-sig"), rel)
        except (YamlSyntaxError, UnicodeDecodeError) as exc:
            problems.error(Location(rel, getattr(exc, "line", None)), _reason(exc))
            continue
        if doc.data is None:
            continue
        if not isinstance(doc.data, dict):
            problems.error(Location(rel, 1), "must map unit ids to a `source` and a `text`")
            continue
        for unit_id, entry in doc.data.items():
            line = doc.line((unit_id,))
            if (
                not isinstance(entry, dict)
                or not isinstance(entry.get("text"), str)
                or not isinstance(entry.get("source"), str)
            ):
                problems.error(
                    Location(rel, line), f"{unit_id}: needs a `source` hash and a `text`"
                )
                continue
            if unit_id in found:
                other = found[unit_id]
                problems.error(
                    Location(rel, line),
                    f"{unit_id}: is translated twice (also in {other.path}:{other.line})",
                )
                continue
            found[str(unit_id)] = Translation(entry["text"], entry["source"], rel, line)
    return found


def _reason(exc: Exception) -> str:
    if isinstance(exc, YamlSyntaxError):
        return exc.message
    return "is not UTF-8 text: save it as UTF-8"
