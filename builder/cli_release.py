"""The joint sign-off commands: approve, approvals, verify and reviews."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from builder.cli_common import _run, course_option, debug_option


@click.command()
@course_option
@click.option("--as", "name", required=True, help="Your name, as in approvals/allowed_signers.")
@click.option(
    "--key",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Your private SSH key (ssh-keygen asks for its passphrase).",
)
@click.option("--note", default="", help="A note kept with the approval.")
@click.option("--yes", "-y", is_flag=True, help="Sign without asking to confirm.")
@debug_option
def approve(course_dir: Path, name: str, key: Path, note: str, yes: bool, debug: bool) -> None:
    """Approve this version of the course: show what changed, then sign it."""
    from builder.tools.approve import approve as run_approve

    def confirm(question: str) -> bool:
        return yes or click.confirm(question, default=False, err=True)

    record = _run(lambda: run_approve(course_dir, name, key, note, confirm, click.echo), debug)
    click.echo(f"approved: wrote {record} and its signature {record.name}.sig")


@click.command()
@course_option
@debug_option
def approvals(course_dir: Path, debug: bool) -> None:
    """List who approved which version, whether each signature verifies and the sources match."""
    from builder.tools.approve import approvals_report

    for line in _run(lambda: approvals_report(course_dir), debug):
        click.echo(line)


@click.command()
@click.argument("package", type=click.Path(dir_okay=False, path_type=Path))
@course_option
@debug_option
def verify(package: Path, course_dir: Path, debug: bool) -> None:
    """Prove PACKAGE was built from the approved sources in the course folder."""
    from builder.tools.verify import verify_package

    proved, differs = _run(lambda: verify_package(package, course_dir), debug)
    for line in proved:
        click.echo(line)
    if differs:
        for line in differs:
            click.echo(f"differs: {line}", err=True)
        click.echo(
            f"error: {package.name} is not proved to come from the approved sources", err=True
        )
        sys.exit(1)
    click.echo(f"verified: {package.name} was built from the approved sources")


@click.command()
@course_option
@click.option("--open", "only_open", is_flag=True, help="Only comments still open.")
@click.option(
    "--format", "output", type=click.Choice(["text", "csv"]), default="text", show_default=True
)
@click.option("--version", "version", help="Course version [default: course.yaml's].")
@debug_option
def reviews(
    course_dir: Path, only_open: bool, output: str, version: str | None, debug: bool
) -> None:
    """List review comments by screen, for the joint group's meeting."""
    from builder.tools.review_list import list_reviews

    click.echo(_run(lambda: list_reviews(course_dir, only_open, output, version), debug), nl=False)


COMMANDS = (approve, approvals, verify, reviews)
