"""What every dfc-course command shares: the common options and turning failures into
messages and exit codes."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

T = TypeVar("T")


def course_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--course",
        "course_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=".",
        show_default=True,
        help="The course folder (holds course/, modules/, quizzes/).",
    )(func)


def out_folder_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--out",
        type=click.Path(file_okay=False, path_type=Path),
        help="Output folder [default: COURSE/dist].",
    )(func)


def debug_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--debug", is_flag=True, help="Show a traceback on unexpected errors.")(
        func
    )


def _run(action: Callable[[], T], debug: bool, output: str = "text") -> T:
    """Run `action`; turn every failure into a message and an exit code, never a traceback."""
    from builder.model.problems import CourseError, TrainerError

    try:
        return action()
    except CourseError as exc:
        if output == "json":
            problems = [p.as_dict() for p in exc.problems]
            click.echo(json.dumps({"ok": False, "problems": problems}, indent=2))
        else:
            _echo_problems(exc.problems)
            click.echo(click.style(f"error: {exc.summary()}", fg="red", bold=True), err=True)
        sys.exit(1)
    except TrainerError as exc:
        click.echo(click.style(f"error: {exc}", fg="red"), err=True)
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


def _echo_problems(problems: Any) -> None:
    colours = {"error": "red", "warning": "yellow"}
    for problem in problems:
        click.echo(click.style(problem.format(), fg=colours.get(problem.severity.value)), err=True)
