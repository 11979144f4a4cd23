"""The dfc-course command line: wiring only; the work is in builder.api."""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path

import click

FORMATS = click.Choice(["scorm12", "scorm2004", "web"])


def course_option(func):  # type: ignore[no-untyped-def]
    return click.option(
        "--course",
        "course_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=".",
        show_default=True,
        help="The course folder (holds course/, modules/, quizzes/).",
    )(func)


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
@click.option("--debug", is_flag=True, help="Show a traceback on unexpected errors.")
def build(
    course_dir: Path,
    out: Path | None,
    formats: tuple[str, ...],
    per_module: bool,
    strict: bool,
    debug: bool,
) -> None:
    """Build the course into packages in dist/."""
    from builder import api

    report = _run(lambda: api.build(course_dir, out, list(formats), per_module, strict), debug)
    _echo_problems(report.warnings)
    for written in report.packages:
        click.echo(f"wrote {written.path} ({written.size / 1024:.0f} KB)")
    click.echo(
        f"{len(report.packages)} packages, {report.pages} pages, "
        f"{report.questions} questions in {report.seconds:.2f} s"
    )


@main.command()
@course_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--format", "output", type=click.Choice(["text", "json"]), default="text", help="Output format."
)
@click.option("--debug", is_flag=True, help="Show a traceback on unexpected errors.")
def validate(course_dir: Path, strict: bool, output: str, debug: bool) -> None:
    """Check every course file and build nothing."""
    from builder import api

    model, warnings = _run(lambda: api.validate(course_dir, strict), debug, output)
    if output == "json":
        click.echo(json.dumps({"ok": True, "problems": [p.as_dict() for p in warnings]}, indent=2))
        return
    _echo_problems(warnings)
    click.echo(
        f"the course is valid: {len(model.modules)} modules, {model.page_count()} pages, "
        f"{model.question_count()} questions"
    )


@main.command()
@course_option
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0 picks a free one).")
@click.option("--scorm", type=click.Choice(["12", "2004"]), default="12", show_default=True,
              help="Which SCORM version the test LMS speaks.")
@click.option("--debug", is_flag=True, help="Show a traceback on unexpected errors.")
def preview(course_dir: Path, port: int, scorm: str, debug: bool) -> None:
    """Serve the course in a test LMS on this computer; rebuild when files change."""
    from builder.preview import PreviewServer

    server = _run(lambda: PreviewServer(course_dir, scorm, port, report=_echo_now), debug)
    server.start()
    click.echo(f"previewing at {server.url} (SCORM {scorm}); press Ctrl+C to stop")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()
        click.echo("preview stopped")


def _echo_now(message: str) -> None:
    stamp = time.strftime("%H:%M:%S")
    for line in message.splitlines():
        click.echo(f"[{stamp}] {line}", err=True)


def _run(action, debug: bool, output: str = "text"):  # type: ignore[no-untyped-def]
    from builder.errors import CourseError

    try:
        return action()
    except CourseError as exc:
        if output == "json":
            click.echo(
                json.dumps({"ok": False, "problems": [p.as_dict() for p in exc.problems]}, indent=2)
            )
        else:
            _echo_problems(exc.problems)
            click.echo(f"error: {exc.summary()}", err=True)
        sys.exit(1)
    except OSError as exc:
        if debug:
            raise
        click.echo(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("stopped: no package was changed", err=True)
        sys.exit(130)
    except Exception as exc:  # a fault in dfc-course itself, never the trainer's input
        if debug:
            raise
        click.echo(
            f"error: dfc-course failed unexpectedly ({type(exc).__name__}: {exc}); "
            "no package was changed. Run again with --debug and report the output.",
            err=True,
        )
        sys.exit(1)


def _echo_problems(problems) -> None:  # type: ignore[no-untyped-def]
    for problem in problems:
        click.echo(problem.format(), err=True)
