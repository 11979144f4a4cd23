"""`dfc-course translate`: export, import and status of the course's translations."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from builder.cli_common import _echo_problems, _run, course_option, debug_option


@click.group()
def translate() -> None:
    """Translate the course's own texts with XLIFF 1.2 files (see docs/translation.md)."""


@translate.command("export")
@course_option
@click.option("--language", required=True, help="Language to translate into, e.g. cy.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="File to write.")
@debug_option
def translate_export(course_dir: Path, language: str, out: Path | None, debug: bool) -> None:
    """Write every translatable text as one XLIFF 1.2 file."""
    from builder.tools.translate.run import export

    click.echo(_run(lambda: export(course_dir, language, out), debug)[1])


@translate.command("import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@course_option
@click.option("--language", help="Refuse the file unless it is for this language.")
@debug_option
def translate_import(course_dir: Path, file: Path, language: str | None, debug: bool) -> None:
    """Store a translated XLIFF file's targets under translations/LANG/."""
    from builder.tools.translate.run import import_file

    result = _run(lambda: import_file(course_dir, file, language), debug)
    _echo_problems(result.problems)
    for line in result.lines:
        click.echo(line)
    if result.problems:
        sys.exit(1)


@translate.command("status")
@course_option
@click.option("--all", "show_all", is_flag=True, help="List every missing or stale unit.")
@debug_option
def translate_status(course_dir: Path, show_all: bool, debug: bool) -> None:
    """Per language: how many units are translated, stale or missing, and which."""
    from builder.tools.translate.run import status

    for line in _run(lambda: status(course_dir, show_all), debug):
        click.echo(line)
