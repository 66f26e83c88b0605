"""The Word commands of `malplan`: import filled-in målplaner, export a plan to Word, write the
blank template. A thin layer over the word package, registered on the main command group.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from .. import render, trace
from ..cli import Context, _handle_errors, main, pass_context
from ..texts import t


@main.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show the report and write nothing.")
@click.option(
    "--today", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD", help="Check dates as on this day."
)
@click.option(
    "--accept",
    "accepted",
    multiple=True,
    metavar="WRITTEN=NAME",
    help="Accept a suggested name: link WRITTEN to the resource NAME (its name or IRI) and keep WRITTEN as its "
    'alternative name, e.g. --accept "Børne- og ungepolitikken=Børne- og ungepolitik". May be repeated.',
)
@click.option("--accept-all", is_flag=True, help="Accept every suggested name (see the report of a --dry-run first).")
@pass_context
@_handle_errors
def import_command(
    ctx: Context,
    files: tuple[Path, ...],
    dry_run: bool,
    today: dt.datetime | None,
    accepted: tuple[str, ...],
    accept_all: bool,
) -> None:
    """Import filled-in målplaner (.docx, or every .docx in a folder): each plan is validated
    and written whole or not at all; importing the same file again replaces its plan. A bad
    file stops no other.

    A name near one the graph holds ("Børne- og ungepolitikken") is never merged silently: the
    report asks "Mente du «Børne- og ungepolitik»?"; accept with --accept or --accept-all, or
    afterwards with `malplan merge`.

    Exit code 0 when every file was imported, 1 when any could not be read.
    """
    from . import importer

    accept = importer.Acceptance.parse(accepted, all=accept_all)

    files = tuple(
        found
        for given in files
        for found in (
            sorted(p for p in given.glob("*.docx") if not p.name.startswith("~$")) if given.is_dir() else [given]
        )
    )
    day = today.date() if today else None
    if len(files) > 1 and sys.stderr.isatty():
        with click.progressbar(length=len(files), label=t("importing", ctx.lang), file=sys.stderr) as bar:
            results = importer.import_plans(
                ctx.store, list(files), dry_run=dry_run, today=day, progress=bar.update, accept=accept
            )
    else:
        results = importer.import_plans(ctx.store, list(files), dry_run=dry_run, today=day, accept=accept)
    click.echo(render.import_text(results, ctx.lang, dry_run=dry_run))
    if any(not result.ok for result in results):
        sys.exit(1)


@main.command(name="export-docx")
@click.argument("plan")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True, help="The Word file to write."
)
@pass_context
@_handle_errors
def export_docx(ctx: Context, plan: str, output: Path) -> None:
    """Write PLAN (by IRI, path or title) into the målplan template as a Word document."""
    from . import writer

    writer.write_plan(ctx.store, trace.resolve(ctx.store, plan, ctx.lang), output)
    click.echo(t("written", ctx.lang, path=output), err=True)


@main.command()
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True, help="The Word file to write."
)
@pass_context
@_handle_errors
def template(ctx: Context, output: Path) -> None:
    """Write the blank målplan template as a Word document for staff to fill in."""
    from . import writer

    writer.write_template(output)
    click.echo(t("written", ctx.lang, path=output), err=True)
