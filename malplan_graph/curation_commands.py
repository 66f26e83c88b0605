"""The curation commands of `malplan`: merge two resources, delete a plan, list the store's
history, undo the last import, merge or deletion. A thin layer over `curation`, registered on
the main command group.
"""

from __future__ import annotations

import click

from . import curation, labels, render, trace
from .cli import Context, _handle_errors, main, pass_context
from .texts import t


def _report(ctx: Context, outcome: curation.Outcome) -> None:
    for graph, (added, removed) in outcome.graphs.items():
        name = f"<{graph}>" if graph else t("default-graph", ctx.lang)
        click.echo(t("graph-line", ctx.lang, graph=name, added=added, removed=removed))
    if outcome.orphans:
        click.echo(t("orphans-removed", ctx.lang, names=", ".join(f"<{iri}>" for iri in outcome.orphans)))


@main.command()
@click.argument("keep")
@click.argument("other")
@pass_context
@_handle_errors
def merge(ctx: Context, keep: str, other: str) -> None:
    """Merge OTHER into KEEP: every statement about OTHER (as subject and as object, in every
    graph) moves to KEEP, OTHER's names become KEEP's alternative names (skos:altLabel), and
    OTHER's IRI stays as `OTHER owl:sameAs KEEP`. One atomic write, undone by `malplan undo`.

    KEEP and OTHER are IRIs, prefixed names, paths under the base IRI or labels, and must be of
    the same kind. Resources nothing uses any more after the merge are removed.
    """
    keep_iri, other_iri = (trace.resolve(ctx.store, name, ctx.lang) for name in (keep, other))
    names = [curation.name_of(ctx.store, iri, ctx.lang) for iri in (keep_iri, other_iri)]
    outcome = curation.merge(ctx.store, keep_iri, other_iri, ctx.lang)
    moved = sum(removed for _, removed in outcome.graphs.values())
    click.echo(
        t("merged", ctx.lang, keep=names[0], other=names[1], moved=moved, keep_iri=keep_iri, other_iri=other_iri)
    )
    _report(ctx, outcome)


@main.command()
@click.argument("plan")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_context
@_handle_errors
def delete(ctx: Context, plan: str, yes: bool) -> None:
    """Delete PLAN (by IRI, path or title): its graph, its parts, every statement pointing at
    them, and the resources only it created; resources other plans use stay. One atomic write,
    undone by `malplan undo`."""
    plan_iri = trace.resolve(ctx.store, plan, ctx.lang)
    name = curation.name_of(ctx.store, plan_iri, ctx.lang)
    if not yes:
        click.confirm(t("delete-confirm", ctx.lang, plan=name, iri=plan_iri), abort=True)
    outcome = curation.delete_plan(ctx.store, plan_iri, ctx.lang)
    click.echo(t("deleted", ctx.lang, plan=name, removed=outcome.removed))
    _report(ctx, outcome)


@main.command()
@pass_context
@_handle_errors
def history(ctx: Context) -> None:
    """List what each import, merge, deletion and undo did to the store, newest first: when,
    what, how many triples were added and removed (kept as PROV in the store's history graph)."""
    entries = curation.history(ctx.store)
    if not entries:
        click.echo(t("no-history", ctx.lang))
        return
    rows = [
        {
            t("h-time", ctx.lang): f"{entry.started:%Y-%m-%d %H:%M:%S}",
            t("h-kind", ctx.lang): labels.label(entry.kind, ctx.lang)
            + (f" ({t('undone-mark', ctx.lang)})" if entry.undone else ""),
            t("h-added", ctx.lang): entry.added,
            t("h-removed", ctx.lang): entry.removed,
            t("h-used", ctx.lang): ", ".join(curation.short_name(ctx.store, iri, ctx.lang) for iri in entry.used),
        }
        for entry in entries
    ]
    click.echo(render.table(rows, width=60))


@main.command()
@pass_context
@_handle_errors
def undo(ctx: Context) -> None:
    """Undo the last import, merge or deletion not yet undone, in one atomic write (run it again
    to undo the one before). The undo itself is kept in the history."""
    entry, outcome = curation.undo(ctx.store)
    kind = labels.label(entry.kind, ctx.lang).lower()
    click.echo(
        t(
            "undone",
            ctx.lang,
            kind=kind,
            time=f"{entry.started:%Y-%m-%d %H:%M:%S}",
            added=outcome.added,
            removed=outcome.removed,
        )
    )
    _report(ctx, outcome)
