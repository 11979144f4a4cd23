"""`dfc-course handbook`: the facilitator handbook as a PDF, its contents with page numbers."""

from __future__ import annotations

from pathlib import Path

import click

from builder.cli_common import _run, course_option, debug_option, out_folder_option


@click.command()
@course_option
@out_folder_option
@debug_option
def handbook(course_dir: Path, out: Path | None, debug: bool) -> None:
    """Print the facilitator handbook to PDF with Chromium, page numbers in its contents."""
    from builder import api
    from builder.handbook.views import render_handbook
    from builder.tools.handbook_pdf import handbook_pdf

    def run() -> Path:
        model, _ = api.validate(course_dir)
        folder = out or course_dir / "dist"
        dest = folder / f"{model.course.id}-{model.course.version}-handbook.pdf"
        return handbook_pdf(lambda numbers: render_handbook(model, page_numbers=numbers), dest)

    click.echo(f"wrote {_run(run, debug)}")


COMMANDS = [handbook]
