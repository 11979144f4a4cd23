"""The pipeline: load, check, lay out, render, package. The CLI only calls these."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from builder.errors import CourseError, Problem, Problems

# The pipeline's modules are imported where they are used: a build with nothing changed
# (see builder/cache.py) then costs little more than starting Python.
if TYPE_CHECKING:
    from builder.models import CourseModel
    from builder.outline import Outline
    from builder.render import Renderer


@dataclass
class Written:
    path: Path
    size: int


Progress = Callable[[int, int], None]


@dataclass
class BuildReport:
    packages: list[Written] = field(default_factory=list)
    handbook: Written | None = None
    up_to_date: bool = False  # nothing changed since the last build into the same folder
    modules: int = 0
    pages: int = 0
    questions: int = 0
    seconds: float = 0.0
    warnings: list[Problem] = field(default_factory=list)


def validate(root: Path, strict: bool = False) -> tuple[CourseModel, list[Problem]]:
    """Load and check every file; raise CourseError listing every problem."""
    from builder.checks import check_course
    from builder.load import load_sources

    problems = Problems()
    loaded = load_sources(root, problems)
    model = check_course(loaded, problems)
    problems.raise_if_errors(strict)
    assert model is not None
    return model, problems.sorted()


def render_packages(
    model: CourseModel, formats: list[str], per_module: bool, progress: Progress | None = None
) -> dict[str, dict[str, bytes]]:
    """Render every package in memory: {package file name: {path: bytes}}."""
    from builder.outline import build_outline
    from builder.render import Renderer, make_environment

    outlines = [build_outline(model)]
    if per_module:
        outlines += [build_outline(model, m.id) for m in model.modules]
    env = make_environment()
    packages: dict[str, dict[str, bytes]] = {}
    total = sum(len(outline.screens) for outline in outlines)
    done = [0]

    def tick() -> None:
        done[0] += 1
        if progress and (done[0] % 25 == 0 or done[0] == total):
            progress(done[0], total)

    for outline in outlines:
        renderer = Renderer(outline, env)
        screens = renderer.render_screens(tick)
        for name in formats:
            packages.update(_assemble(outline, renderer, screens, name))
    return packages


def _assemble(
    outline: Outline, renderer: Renderer, screens: dict[str, bytes], name: str
) -> dict[str, dict[str, bytes]]:
    from builder.render import runtime_files
    from builder.targets import get_target

    target = get_target(name)
    files = {**screens, **runtime_files(target), **target.extra_files(outline)}
    files["index.html"] = renderer.render_shell(target)
    manifest = target.build_manifest(outline, sorted(files))
    if manifest is not None:
        files["imsmanifest.xml"] = manifest
    return {target.package_name(outline): files}


def build(
    root: Path,
    out: Path | None = None,
    formats: list[str] | None = None,
    per_module: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
) -> BuildReport:
    """Build the course's packages and facilitator handbook into `out` (default: <root>/dist).

    When `out` already holds this build of these sources (see builder/cache.py), the
    recorded report is returned, warnings included, and nothing is rendered or written.
    """
    from builder import cache

    started = time.perf_counter()
    options = {"formats": formats or [], "per_module": per_module, "strict": strict}
    key, cached = cache.lookup(root, out or root / "dist", options)
    if cached is not None:
        cached.up_to_date = True
        cached.seconds = time.perf_counter() - started
        return cached
    import gc

    from builder.handbook import render_handbook
    from builder.package import write_file, write_package

    # A build makes millions of objects that live until it ends: scanning them for garbage
    # cycles 700 allocations at a time (the default) costs a large course a fifth of its time.
    thresholds = gc.get_threshold()
    gc.set_threshold(10_000, 50, 1000)
    try:
        model, warnings = validate(root, strict)
        chosen = formats or list(model.course.packages)
        packages = render_packages(model, chosen, per_module, progress)
        handbook = render_handbook(model)
    finally:
        gc.set_threshold(*thresholds)
    out = out or root / "dist"
    report = BuildReport(
        modules=len(model.modules),
        pages=model.page_count(),
        questions=model.question_count(),
        warnings=warnings,
    )
    cache.forget(out)
    for file_name, files in packages.items():
        dest = out / file_name
        report.packages.append(Written(dest, write_package(files, dest)))
    dest = out / f"{model.course.id}-{model.course.version}-handbook.html"
    report.handbook = Written(dest, write_file(handbook, dest))
    cache.record(root, out, key, options, report)
    report.seconds = time.perf_counter() - started
    return report


__all__ = ["build", "validate", "render_packages", "BuildReport", "CourseError"]
