"""The dfc-course command line: wiring only; the work is in builder.api and friends."""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path
from typing import Any

import click

from builder.cli_common import _echo_problems, _run, course_option, debug_option

FORMATS = click.Choice(["scorm12", "scorm2004", "cmi5", "web"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dfc-course")
def main() -> None:
    """Build SCORM packages from a course kept as plain text files."""


@main.command()
@course_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder [default: COURSE/dist].",
)
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


def _timestamp(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """An xAPI timestamp as given, once it is known to be an ISO 8601 date and time."""
    import datetime

    if value is not None:
        try:
            datetime.datetime.fromisoformat(value)
        except ValueError:
            raise click.BadParameter(f'"{value}" is not an ISO 8601 time') from None
    return value


@main.command()
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@course_option
@click.option(
    "--store",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Keep what is read in this file, and report on all it holds.",
)
@click.option(
    "--since-store",
    is_flag=True,
    help="With --store: ask each LRS only for statements stored after those the store has.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write [default: standard output].",
)
@click.option(
    "--format",
    "output",
    type=click.Choice(["html", "json", "csv"]),
    default="html",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--min-group",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="Suppress every figure about fewer learners than this.",
)
@click.option("--lrs-user", envvar="DFC_LRS_USER", help="LRS user name [env DFC_LRS_USER].")
@click.option(
    "--lrs-password", envvar="DFC_LRS_PASSWORD", help="LRS password [env DFC_LRS_PASSWORD]."
)
@click.option("--lrs-activity", metavar="IRI", help="Ask the LRS only for this activity.")
@click.option(
    "--lrs-related-activities",
    is_flag=True,
    help="With --lrs-activity: its sub-activities and context activities too.",
)
@click.option("--lrs-verb", metavar="IRI", help="Ask the LRS only for statements of this verb.")
@click.option(
    "--lrs-since",
    metavar="TIMESTAMP",
    callback=_timestamp,
    help="Ask the LRS only for statements stored after this ISO 8601 time.",
)
@click.option(
    "--lrs-until",
    metavar="TIMESTAMP",
    callback=_timestamp,
    help="Ask the LRS only for statements stored at or before this ISO 8601 time.",
)
@debug_option
def report(
    inputs: tuple[str, ...],
    course_dir: Path,
    store: Path | None,
    since_store: bool,
    out: Path | None,
    output: str,
    min_group: int,
    lrs_user: str | None,
    lrs_password: str | None,
    lrs_activity: str | None,
    lrs_related_activities: bool,
    lrs_verb: str | None,
    lrs_since: str | None,
    lrs_until: str | None,
    debug: bool,
) -> None:
    """Report what trainees got right and wrong, by question and by role.

    INPUT is an xAPI statements file (JSON array or NDJSON), an LRS statements URL, a Moodle
    SCORM Interactions report download, or a neutral interactions CSV. With --store, INPUT
    may be left out to report on what the store holds.
    """
    if not inputs and store is None:
        raise click.UsageError("give at least one INPUT, or --store")
    if since_store and store is None:
        raise click.UsageError("--since-store needs --store")
    if lrs_password is not None and lrs_user is None:
        raise click.UsageError("--lrs-password needs --lrs-user")
    from builder.tools.report.run import make_report, write_atomically

    auth = f"{lrs_user}:{lrs_password or ''}" if lrs_user is not None else None
    if lrs_related_activities and lrs_activity is None:
        raise click.UsageError("--lrs-related-activities needs --lrs-activity")
    filters = {
        "activity": lrs_activity,
        "related_activities": "true" if lrs_related_activities else None,
        "verb": lrs_verb,
        "since": lrs_since,
        "until": lrs_until,
    }
    lrs = {key: value for key, value in filters.items() if value is not None}
    from builder.tools.report.progress import progress_line

    shown = progress_line()
    try:
        text = _run(
            lambda: make_report(
                list(inputs), course_dir, output, min_group, auth, lrs, store, since_store, shown
            ),
            debug,
        )
    finally:
        if shown is not None:
            shown.end()
    if out is None:
        click.echo(text, nl=False)
        return
    _run(lambda: write_atomically(text, out), debug)
    click.echo(f"wrote {out}", err=True)


def _echo_build_summary(report: Any) -> None:
    """A table of the files written, then one line of counts and time."""
    files = [*report.packages, *([report.handbook] if report.handbook else []), *report.handbooks]
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


def _add_release_commands() -> None:
    from builder.cli_release import COMMANDS

    for command in COMMANDS:
        main.add_command(command)


_add_release_commands()


def _add_translate_commands() -> None:
    from builder.cli_translate import translate

    main.add_command(translate)


_add_translate_commands()


def _add_handbook_command() -> None:
    from builder.cli_handbook import COMMANDS

    for command in COMMANDS:
        main.add_command(command)


_add_handbook_command()
