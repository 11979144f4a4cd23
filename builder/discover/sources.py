"""Find a course's source files, in a fixed order that never depends on the file system."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from builder.model.problems import Location, Problems

COURSE_FILE = "course/course.yaml"
MODULE_FILE = "module.md"
PAGE_NAME = re.compile(r"^(\d+)-([a-z][a-z0-9-]*)\.md$")
LARGE_ASSET = 10 * 1024 * 1024


@dataclass
class ModuleSources:
    id: str
    dir: str
    pages: list[str] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)

    @property
    def module_file(self) -> str:
        return f"{self.dir}/{MODULE_FILE}"


@dataclass
class Sources:
    root: Path
    modules: dict[str, ModuleSources] = field(default_factory=dict)
    quizzes: dict[str, str] = field(default_factory=dict)
    # Files and folders refused because they are links that lead out of the course (or
    # nowhere). Reported once here; later stages skip them without follow-on errors.
    refused: set[str] = field(default_factory=set)


def discover_sources(root: Path, problems: Problems) -> Sources:
    """List course, module, page, asset and quiz files under `root`, sorted."""
    sources = Sources(root)
    if not (root / COURSE_FILE).is_file():
        problems.error(
            Location(COURSE_FILE),
            f"not found: is {root} a course folder? It needs {COURSE_FILE}",
        )
        return sources
    _inside(root, root / COURSE_FILE, problems, sources.refused)
    modules_dir = root / "modules"
    for folder in sorted(modules_dir.iterdir()) if modules_dir.is_dir() else []:
        if folder.is_dir() and not folder.name.startswith("."):
            sources.modules[folder.name] = _module_sources(root, folder, problems, sources.refused)
    quiz_dir = root / "quizzes"
    for file in sorted(quiz_dir.glob("*.yaml")) if quiz_dir.is_dir() else []:
        if _inside(root, file, problems, sources.refused):
            sources.quizzes[file.stem] = _rel(root, file)
    return sources


def _module_sources(
    root: Path, folder: Path, problems: Problems, refused: set[str]
) -> ModuleSources:
    module = ModuleSources(folder.name, _rel(root, folder))
    if not _inside(root, folder, problems, refused, "folder"):
        refused.add(module.module_file)
        return module
    for file in sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink()):
        rel = _rel(root, file)
        if any(part.startswith(".") for part in file.relative_to(folder).parts):
            continue
        if not _inside(root, file, problems, refused):
            continue
        if file.is_dir():
            problems.warning(
                Location(rel),
                "is a link to a folder: its files are not read; put the files here instead",
                "folder-link",
            )
            continue
        if file.parent == folder and file.suffix == ".md":
            if file.name == MODULE_FILE:
                continue
            if PAGE_NAME.match(file.name):
                module.pages.append(rel)
            else:
                problems.warning(
                    Location(rel),
                    "is not read: page files are named NN-page-id.md, e.g. 01-welcome.md",
                    "page-name",
                )
            continue
        module.assets.append(rel)
        size = file.stat().st_size
        if size > LARGE_ASSET:
            problems.warning(
                Location(rel),
                f"is large ({size / 1024 / 1024:.1f} MB): every trainee downloads it",
                "large-asset",
            )
    return module


def _inside(
    root: Path, path: Path, problems: Problems, refused: set[str], noun: str = "file"
) -> bool:
    """Refuse links that lead outside the course folder (the path's own or a parent's)."""
    target = path.resolve()
    rel = _rel(root, path)
    if not target.is_relative_to(root.resolve()):
        problems.error(
            Location(rel),
            f"is a link to a {noun} outside the course folder: copy the {noun} into the course",
        )
    elif not target.exists():
        problems.error(Location(rel), f"is a link to a {noun} that does not exist")
    else:
        return True
    refused.add(rel)
    return False


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()
