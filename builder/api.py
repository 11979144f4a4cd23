"""The pipeline: load, check, lay out, render, package. The CLI only calls these."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from builder.model.problems import CourseError, Problem, Problems
from builder.package.build_report import BuildReport, Progress, Written

# The pipeline's modules are imported where they are used: a build with nothing changed
# (see builder/cache.py) then costs little more than starting Python.
if TYPE_CHECKING:
    from builder.model.course import CourseModel
    from builder.outline.screens import Outline
    from builder.render.pages import Renderer


def validate(
    root: Path, strict: bool = False, formats: list[str] | None = None
) -> tuple[CourseModel, list[Problem]]:
    """Load and check every file; raise CourseError listing every problem.

    `formats` are the packages to be built (default: course.yaml's), for the rules only
    some formats need.
    """
    from builder.check.course_rules import check_course
    from builder.load.loader import load_sources

    problems = Problems()
    loaded = load_sources(root, problems)
    model = check_course(loaded, problems, formats)
    problems.raise_if_errors(strict)
    assert model is not None
    return model, problems.sorted()


def render_packages(
    model: CourseModel,
    formats: list[str],
    per_module: bool,
    progress: Progress | None = None,
    suffix: str = "",
) -> dict[str, dict[str, bytes]]:
    """Render every package in memory: {package file name: {path: bytes}}.

    `suffix` goes into every package name after the version (a language, e.g. "-cy").
    """
    from builder.outline.screens import build_outline
    from builder.render.pages import Renderer, make_environment

    outlines = [build_outline(model)]
    if per_module:
        outlines += [build_outline(model, m.id) for m in model.modules]
    for outline in outlines:
        outline.suffix = suffix + outline.suffix
    env = make_environment(_template_folder())
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
    if per_module and "cmi5" in formats:
        from builder.targets.cmi5 import Cmi5

        packages.update(Cmi5().combined_package(outlines, packages))
    return packages


def _template_folder() -> Path:
    """Compiled templates live beside the no-op build records, like .pyc files."""
    from builder.package.build_cache import cache_dir

    return cache_dir() / "templates"


def _assemble(
    outline: Outline, renderer: Renderer, screens: dict[str, bytes], name: str
) -> dict[str, dict[str, bytes]]:
    from builder.render.pages import runtime_files
    from builder.render.statement import STATEMENT_FILE, render_statement
    from builder.targets import get_target

    target = get_target(name)
    files = {**screens, **runtime_files(target, outline.model), **target.extra_files(outline)}
    files["index.html"] = renderer.render_shell(target)
    files[STATEMENT_FILE] = render_statement(outline.model, renderer.env, renderer.page_csp())
    stamp = outline.model.release
    if stamp is not None:
        from builder.release.package_info import RELEASE_FILE, release_json

        package = target.package_name(outline)
        files[RELEASE_FILE] = release_json(outline.model.course, stamp, target.name, package)
    manifest = target.build_manifest(outline, sorted(files))
    if manifest is not None:
        files[target.manifest_name] = manifest
    return {target.package_name(outline): files}


def release_stamp(root: Path, model: CourseModel, git_commit: str | None = None) -> None:
    """Check the approvals of the sources at `root`; on success, stamp `model` for release.

    Raises CourseError naming every missing or invalid approval (and open review comment).
    """
    from builder.release.checks import release_problems_and_stamp

    stamp, problems = release_problems_and_stamp(root, model, git_commit)
    if problems:
        raise CourseError(problems)
    model.release = stamp


def build(
    root: Path,
    out: Path | None = None,
    formats: list[str] | None = None,
    per_module: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
    release: bool = False,
    git_commit: str | None = None,
    allow_partial: bool = False,
) -> BuildReport:
    """Build the course's packages and facilitator handbook into `out` (default: <root>/dist).

    When `out` already holds this build of these sources (see builder/cache.py), the
    recorded report is returned, warnings included, and nothing is rendered or written.
    A release build (`release`) first checks the approvals and is never taken from the
    record; `git_commit` overrides the commit release.json names (verify uses it).
    Each of course.yaml's `languages` besides the course's own gets its own packages,
    handbook and accessibility statement, named with the language; `allow_partial` lets untranslated texts stay English.
    """
    from builder.package import build_cache as cache

    started = time.perf_counter()
    options = {
        "formats": formats or [],
        "per_module": per_module,
        "strict": strict,
        "allow_partial": allow_partial,
    }
    key, cached = cache.lookup(root, out or root / "dist", options)
    if cached is not None and not release:
        cached.up_to_date = True
        cached.seconds = time.perf_counter() - started
        return cached
    import gc

    from builder.handbook.views import render_handbook
    from builder.package.archive import write_file, write_package

    # A build makes millions of objects that live until it ends: scanning them for garbage
    # cycles 700 allocations at a time (the default) costs a large course a fifth of its time.
    thresholds = gc.get_threshold()
    gc.set_threshold(10_000, 50, 1000)
    try:
        model, warnings = validate(root, strict, formats)
        if release:
            release_stamp(root, model, git_commit)
        others, language_warnings = _other_languages(root, model, allow_partial, strict)
        warnings = sorted(warnings + language_warnings, key=Problem.sort_key)
        chosen = formats or list(model.course.packages)
        packages = render_packages(model, chosen, per_module, progress)
        handbooks = {"": render_handbook(model, _template_folder())}
        languages = {"": model}
        for language, localised in others:
            suffix = f"-{language}"
            packages.update(render_packages(localised, chosen, per_module, progress, suffix))
            handbooks[suffix] = render_handbook(localised, _template_folder())
            languages[suffix] = localised
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
    for suffix, handbook in handbooks.items():
        dest = out / f"{model.course.id}-{model.course.version}{suffix}-handbook.html"
        written = Written(dest, write_file(handbook, dest))
        if suffix:
            report.handbooks.append(written)
        else:
            report.handbook = written
    # The accessibility statement beside the packages, for the people who publish it: one
    # per language, named as the handbooks are.
    from builder.render.pages import make_environment
    from builder.render.statement import render_statement

    env = make_environment(_template_folder())
    for suffix, which in languages.items():
        dest = out / f"{model.course.id}-{model.course.version}{suffix}-accessibility.html"
        written = Written(dest, write_file(render_statement(which, env), dest))
        if suffix:
            report.statements.append(written)
        else:
            report.statement = written
    if not release:
        cache.record(root, out, key, options, report)
    report.seconds = time.perf_counter() - started
    return report


def _other_languages(
    root: Path, model: CourseModel, allow_partial: bool, strict: bool
) -> tuple[list[tuple[str, CourseModel]], list[Problem]]:
    """The course in each of its other languages; with `strict`, a fallback is an error."""
    from builder.load.localise import localised_models

    others, warnings = localised_models(root, model, allow_partial)
    if strict and warnings:
        raise CourseError(warnings)
    return others, warnings


__all__ = ["build", "validate", "render_packages", "BuildReport", "CourseError"]
