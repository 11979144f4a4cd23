"""What changed between two approved versions, screen by screen and question by question.

Each approval writes approvals/<version>/contents.yaml: a short digest of every screen,
question and file. The next `approve` compares the sources with the latest of these.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from builder.model.course import CourseModel
from builder.release.content_hash import normalise, source_files

CONTENTS = "contents.yaml"


def _digest(value: Any) -> str:
    if not isinstance(value, bytes):
        value = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str).encode()
    return hashlib.sha256(value).hexdigest()[:16]


def item_digests(model: CourseModel, root: Path) -> dict[str, dict[str, str]]:
    """{"screens": {screen id: digest}, "questions": {...}, "files": {...}}."""
    files = {path: normalise(path, data) for path, data in source_files(root).items()}
    screens: dict[str, str] = {}
    questions: dict[str, str] = {}
    for module in model.modules:
        screens[f"{module.id}/overview"] = _digest(
            [module.meta.model_dump(mode="json"), files.get(module.path, b"").decode("utf-8", "replace")]
        )
        for page in module.pages:
            screens[f"{module.id}/{page.id}"] = _digest(files.get(page.path, b""))
        if module.quiz is not None:
            settings = module.quiz.model_dump(mode="json", exclude={"questions"})
            screens[f"{module.id}/quiz"] = _digest(settings)
            for question in module.quiz.questions:
                questions[question.id] = _digest(question.model_dump(mode="json"))
    course = model.course
    if course.final_assessment is not None:
        screens["final-assessment"] = _digest(course.final_assessment.model_dump(mode="json"))
    if model.self_assessment is not None:
        key = course.self_assessment or "self-assessment"
        screens[key] = _digest(model.self_assessment.model_dump(mode="json"))
    return {
        "screens": screens,
        "questions": questions,
        "files": {path: _digest(data) for path, data in sorted(files.items())},
    }


@dataclass
class Changes:
    since: str | None  # the version compared with, or None when none was approved before
    added: dict[str, list[str]] = field(default_factory=dict)
    removed: dict[str, list[str]] = field(default_factory=dict)
    changed: dict[str, list[str]] = field(default_factory=dict)

    def lines(self) -> list[str]:
        if self.since is None:
            return ["no version was approved before: everything in it is new"]
        out = []
        for kind in ("screens", "questions", "files"):
            counts = [
                f"{len(self.changed[kind])} changed",
                f"{len(self.added[kind])} added",
                f"{len(self.removed[kind])} removed",
            ]
            out.append(f"{kind}: {', '.join(counts)}")
        for kind in ("screens", "questions"):
            for word, found in (("changed", self.changed), ("added", self.added), ("removed", self.removed)):
                for item in found[kind]:
                    out.append(f"  {kind[:-1]} {word}: {item}")
        if all(not v for d in (self.added, self.removed, self.changed) for v in d.values()):
            out.append("nothing trainees or facilitators see has changed")
        return out


def compare(old: dict[str, dict[str, str]] | None, new: dict[str, dict[str, str]], since: str | None) -> Changes:
    changes = Changes(since if old is not None else None)
    for kind in ("screens", "questions", "files"):
        before, after = (old or {}).get(kind, {}), new[kind]
        changes.added[kind] = [k for k in after if k not in before]
        changes.removed[kind] = [k for k in before if k not in after]
        changes.changed[kind] = [k for k in after if k in before and before[k] != after[k]]
    return changes


def last_approved(root: Path, current_hash: str) -> tuple[str, dict[str, dict[str, str]]] | None:
    """The most recently approved contents: (version, digests); an approval of exactly
    `current_hash` counts only when no other content was ever approved."""
    found = []
    for path in (root / "approvals").glob(f"*/{CONTENTS}"):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, OSError, UnicodeDecodeError):
            continue
        if isinstance(data, dict):
            same = data.get("content_hash") == current_hash
            found.append((not same, str(data.get("time", "")), path.parent.name, data))
    if not found:
        return None
    _other, _time, version, data = max(found)
    return version, {k: dict(data.get(k) or {}) for k in ("screens", "questions", "files")}


def contents_text(content_hash: str, time: str, digests: dict[str, dict[str, str]]) -> str:
    head = "# What was approved, screen by screen: `approve` compares the next version with it.\n"
    body = {"content_hash": content_hash, "time": time, **digests}
    return head + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100)
