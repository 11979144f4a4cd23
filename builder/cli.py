"""The dfc-course command line: wiring only; the work is in builder.api and friends."""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path
from typing import Any

import click

from builder.cli_common import _echo_problems, _run, course_option, debug_option, out_folder_option

FORMATS = click.Choice(["scorm12", "scorm2004", "cmi5", "web"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dfc-course")
def main() -> None:
    """Build SCORM packages from a course kept as plain text files."""


@main.command()
@course_option
@out_folder_option
@click.option(
    "--format",
    "formats",
    type=FORMATS,
    multiple=True,
    help="Package to build (repeat for more); default: course.yaml packages.",
)
@click.option("--per-module", is_flag=True, help="Also write one package per module.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--quiet", "-q", is_flag=True, help="Print only warnings and errors.")
@click.option(
    "--release", is_flag=True, help="Build only if every group has approved these sources."
)
@click.option(
    "--allow-partial",
    is_flag=True,
    help="Build other languages even with texts untranslated; they stay in the course's language.",
)
@debug_option
def build(
    course_dir: Path,
    out: Path | None,
    formats: tuple[str, ...],
    per_module: bool,
    strict: bool,
    quiet: bool,
    release: bool,
    allow_partial: bool,
    debug: bool,
) -> None:
    """Build the course into packages in dist/."""
    from builder import api

    progress = None if quiet or not _is_terminal() else _show_progress
    report = _run(
        lambda: api.build(
            course_dir,
            out,
            list(formats),
            per_module,
            strict,
            progress,
            release,
            allow_partial=allow_partial,
        ),
        debug,
    )
    _echo_problems(report.warnings)
    if not quiet:
        _echo_build_summary(report)


@main.command()
@course_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--format", "output", type=click.Choice(["text", "json"]), default="text", help="Output format."
)
@debug_option
def validate(course_dir: Path, strict: bool, output: str, debug: bool) -> None:
    """Check every course file and build nothing."""
    from builder import api

    model, warnings = _run(lambda: api.validate(course_dir, strict), debug, output)
    if output == "json":
        click.echo(json.dumps({"ok": True, "problems": [p.as_dict() for p in warnings]}, indent=2))
        return
    _echo_problems(warnings)
    click.echo(
        f"the course is valid: {_count(len(model.modules), 'module')}, "
        f"{_count(model.page_count(), 'page')}, {_count(model.question_count(), 'question')}"
    )


@main.command()
@course_option
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0 picks a free one).",
)
@click.option(
    "--scorm",
    type=click.Choice(["12", "2004"]),
    default="12",
    show_default=True,
    help="Which SCORM version the test LMS speaks.",
)
@click.option("--cmi5", is_flag=True, help="Preview the cmi5 package and the statements it sends.")
@click.option("--review", is_flag=True, help="Add a Comment control to every screen.")
@click.option("--as", "reviewer", help="With --review: your name, as in approvals/allowed_signers.")
@debug_option
def preview(
    course_dir: Path,
    port: int,
    scorm: str,
    cmi5: bool,
    review: bool,
    reviewer: str | None,
    debug: bool,
) -> None:
    """Serve the course in a test LMS on this computer; rebuild when files change."""
    from builder.tools.preview import PreviewServer

    if review != (reviewer is not None):
        raise click.UsageError("--review and --as NAME go together")
    if review and cmi5:
        raise click.UsageError("--review works with the SCORM preview, not --cmi5")
    extra = {"reviewer": reviewer} if reviewer else {}
    server = _run(
        lambda: PreviewServer(course_dir, scorm, port, report=_echo_now, cmi5=cmi5, **extra),
        debug,
    )
    server.start()
    standard = "cmi5" if cmi5 else f"SCORM {scorm}"
    click.echo(f"previewing at {server.url} ({standard}); press Ctrl+C to stop")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()
        click.echo("preview stopped")


@main.group()
def new() -> None:
    """Start a new course, module or question bank from working examples."""


@new.command("module")
@click.argument("module_id")
@click.option("--title", help="The module's title [default: made from the id].")
@course_option
@debug_option
def new_module(module_id: str, title: str | None, course_dir: Path, debug: bool) -> None:
    """Create modules/MODULE_ID/, quizzes/MODULE_ID.yaml and list it in course.yaml."""
    from builder.tools import scaffold

    written = _run(lambda: scaffold.new_module(course_dir, module_id, title), debug)
    for path in written:
        click.echo(f"{'updated' if path.name == 'course.yaml' else 'created'} {path}")


@new.command("course")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", help="The course's title [default: My new course].")
@click.option("--language", help="The course's language tag, e.g. en-GB [default: en-GB].")
@debug_option
def new_course(folder: Path, title: str | None, language: str | None, debug: bool) -> None:
    """Start a course from nothing in FOLDER: settings, one module, a question bank."""
    from builder.tools.new_course import new_course as make

    for path in _run(lambda: make(folder, title, language), debug):
        click.echo(f"created {path}")
    click.echo(f"next: cd {folder} and run dfc-course validate, then dfc-course preview")


@new.command("quiz")
@click.argument("module_id")
@course_option
@debug_option
def new_quiz(module_id: str, course_dir: Path, debug: bool) -> None:
    """Create quizzes/MODULE_ID.yaml for a module that has no question bank yet."""
    from builder.tools import scaffold

    click.echo(f"created {_run(lambda: scaffold.new_quiz(course_dir, module_id), debug)}")


def _echo_build_summary(report: Any) -> None:
    """A table of the files written, then one line of counts and time."""
    handbooks = [report.handbook, *report.handbooks]
    statements = [report.statement, *report.statements]
    files = [w for w in (*report.packages, *handbooks, *statements) if w is not None]
    width = max(len(str(w.path)) for w in files)
    for written in files:
        size = f"{written.size / 1024:,.0f} KB"
        click.echo(f"{click.style(str(written.path).ljust(width), fg='green')}  {size:>9}")
    packages = len(report.packages)
    if report.up_to_date:
        click.echo("nothing changed since the last build: these files are up to date")
        return
    click.echo(
        f"built {_count(packages, 'package')} and the handbook from {_count(report.modules, 'module')}, "
        f"{_count(report.pages, 'page')} and {_count(report.questions, 'question')} "
        f"in {report.seconds:.2f} s"
    )


def _show_progress(done: int, total: int) -> None:
    end = "\n" if done >= total else ""
    click.echo(f"\rrendering {done}/{total} screens{end}", nl=False, err=True)


def _echo_now(message: str) -> None:
    stamp = time.strftime("%H:%M:%S")
    for line in message.splitlines():
        click.echo(f"[{stamp}] {line}", err=True)


def _is_terminal() -> bool:
    return sys.stderr.isatty()


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _add_commands() -> None:
    """The commands kept in modules of their own."""
    from builder import cli_handbook, cli_release, cli_report, cli_translate

    for module in (cli_release, cli_report, cli_handbook):
        for command in module.COMMANDS:
            main.add_command(command)
    main.add_command(cli_translate.translate)


_add_commands()
