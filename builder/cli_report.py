"""`dfc-course report`: what trainees got right and wrong, from statements, an LRS or CSVs."""

from __future__ import annotations

from pathlib import Path

import click

from builder.cli_common import _run, course_option, debug_option


def _timestamp(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """An xAPI timestamp as given, once it is known to be an ISO 8601 date and time."""
    import datetime

    if value is not None:
        try:
            datetime.datetime.fromisoformat(value)
        except ValueError:
            raise click.BadParameter(f'"{value}" is not an ISO 8601 time') from None
    return value


def _interface_language(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> str | None:
    """A language with an interface catalogue (cy-GB is served by cy), or a usage error."""
    from builder.interface.catalogue import served_by, shipped

    if value is None or served_by(value):
        return value and served_by(value)
    *first, last = shipped()
    raise click.BadParameter(
        f'no interface catalogue for "{value}": use {", ".join(first)} or {last}'
    )


@click.command()
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
    "--language",
    metavar="TAG",
    callback=_interface_language,
    help="Language of the report's own words [default: the course's language].",
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
    language: str | None,
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
                list(inputs), course_dir, output, min_group, auth, lrs, store, since_store, shown,
                language,
            ),  # fmt: skip
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


COMMANDS = [report]
