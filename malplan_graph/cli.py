"""The `malplan` command line: a thin layer that opens the store, calls one core function and
prints the result. Exit codes: 0 done (and valid), 1 a violation or bad input, 2 a usage error.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import os
import sys
from pathlib import Path

import click

from . import analysis, curation, queries, render, store, trace, validate
from .cli_language import LANG, Group
from .errors import MalplanError, output_error, system_error
from .texts import t


class Context:
    """What every command needs: the store (opened when first asked for) and the language."""

    def __init__(self, store_path: Path | None, lang: str) -> None:
        self.store_path = store_path
        self.lang = lang
        self._store: store.OxigraphStore | None = None

    @property
    def store(self) -> store.OxigraphStore:
        if self._store is None:
            self._store = store.open_store(self.store_path)
        return self._store


def _handle_errors(command):
    """Turn a MalplanError into one line on stderr and exit 1; never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        context = click.get_current_context().find_object(Context)
        lang = context.lang if context else "da"
        try:
            return command(*args, **kwargs)
        except MalplanError as error:
            click.echo(error.text(lang), err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            sys.exit(130)
        except click.exceptions.Exit:
            raise
        except (click.ClickException, click.Abort):
            raise
        except OSError as error:
            # a file the command itself reads or writes (the core names the file in its own errors)
            click.echo(system_error(error.filename or "?", error).text(lang), err=True)
            sys.exit(1)
        except Exception as error:  # noqa: BLE001 - the promise is "never a traceback"
            if os.environ.get("MALPLAN_DEBUG"):
                raise
            click.echo(t("unexpected", lang, error=f"{type(error).__name__}: {error}"), err=True)
            sys.exit(1)

    return wrapper


pass_context = click.make_pass_decorator(Context)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--store",
    "store_path",
    type=click.Path(path_type=Path, file_okay=False),
    envvar="MALPLAN_STORE",
    help="The store folder (default: MALPLAN_STORE or the user's data folder). "
    "A new store starts with the Albertslund example.",
)
@click.option(
    "--lang",
    type=LANG,
    default="da",
    envvar="MALPLAN_LANG",
    show_default=True,
    help="Language of messages and labels: da (Danish) or en (English).",
)
@click.version_option(package_name="malplan-graph")
@click.pass_context
def main(ctx: click.Context, store_path: Path | None, lang: str) -> None:
    """malplan-graph: Albertslund Kommune's strategy chain as a knowledge graph.

    vision → udfordringer → politikker/budgetaftale → målsætninger → målplaner → mål → tegn
    → prøvehandlinger → evaluering → læring. Validate plans against the template, trace any
    trial action up to the vision, find gaps and links across centres, query with SPARQL.
    """
    ctx.obj = Context(store_path, lang)


# --------------------------------------------------------------------------- load and export


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--graph", help="Load into this named graph (default: the default graph).")
@click.option("--base", help="Base IRI for relative IRIs in the files (default: the store's base).")
@pass_context
@_handle_errors
def load(ctx: Context, files: tuple[Path, ...], graph: str | None, base: str | None) -> None:
    """Load RDF files (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML) into the store.

    Recorded in the store's history (`malplan history`); it cannot be undone, and `malplan undo`
    does not reach past it. All files land together or none does: a file with an error leaves the store as it was.
    Refused, with the file named: files over 512 MB, texts over 1,000,000 characters or with
    control characters, properties RDF/XML cannot write, nesting over 100 levels, XML entities
    that swell a file over tenfold, and statements for the ontology's graph, the shared graph of
    Word imports or a plan's graph.
    """
    added = curation.load(ctx.store, files, base=base, graph=graph).added
    click.echo(
        t("loaded", ctx.lang, files=len(files), added=added, store=ctx.store.path, total=ctx.store.triple_count())
    )


@main.command()
@click.argument("plan", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["turtle", "nt", "jsonld", "xml"]),
    default="turtle",
    show_default=True,
    help="Output format.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write to this file.")
@pass_context
@_handle_errors
def export(ctx: Context, plan: str | None, fmt: str, output: Path | None) -> None:
    """Export the whole store, or one PLAN (with what it points to), as RDF."""
    if plan:
        plan_iri = trace.resolve(ctx.store, plan, ctx.lang)
        graph = ctx.store.neighbourhood(plan_iri)
        from .namespaces import PREFIXES

        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        rdflib_format = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml"}[fmt]
        data = graph.serialize(format=rdflib_format).encode("utf-8")
    else:
        data = ctx.store.export(fmt)
    _write(ctx, data, output)


def _write(ctx: Context, data: bytes, output: Path | None) -> None:
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    temporary = output.with_name(f".{output.name}.part")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, output)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise output_error(output, error) from error
    click.echo(t("written", ctx.lang, path=output), err=True)


# --------------------------------------------------------------------------- validate


@main.command(name="validate")
@click.argument("plans", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "turtle"]),
    default="text",
    show_default=True,
    help="text for people, json for programs, turtle for a SHACL report.",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Check dates as on this day (YYYY-MM-DD) instead of today.",
)
@click.option("--all", "all_plans", is_flag=True, help="All plans in the store (as when no PLANS are given).")
@pass_context
@_handle_errors
def validate_command(
    ctx: Context, plans: tuple[str, ...], fmt: str, today: dt.datetime | None, all_plans: bool
) -> None:
    """Validate PLANS (by IRI or title) against the målplan template; all plans if none given
    or with --all.

    Exit code 0 when every plan conforms, 1 when any plan has a violation.
    """
    day = today.date() if today else None
    if plans and all_plans:
        raise click.UsageError(t("validate-all-and-plans", ctx.lang))
    if plans:
        iris = [trace.resolve(ctx.store, plan, ctx.lang) for plan in plans]
    else:
        iris = [iri for iri, _ in validate.plan_iris(ctx.store)]
        if not iris:
            click.echo(t("no-plans", ctx.lang), err=True)
            return
    show_progress = fmt == "text" and len(iris) > validate.BATCH_SIZE and sys.stderr.isatty()
    if show_progress:
        with click.progressbar(length=len(iris), label=t("validating", ctx.lang), file=sys.stderr) as bar:
            reports = validate.validate_plans(ctx.store, iris, today=day, progress=bar.update)
    else:
        reports = validate.validate_plans(ctx.store, iris, today=day)
    if fmt == "json":
        click.echo(render.reports_json(reports, ctx.lang))
    elif fmt == "turtle":
        click.echo(validate.report_graph(reports).serialize(format="turtle"))
    else:
        click.echo(render.reports_text(reports, ctx.lang))
    if not all(report.conforms for report in reports):
        sys.exit(1)


@main.command()
@pass_context
@_handle_errors
def plans(ctx: Context) -> None:
    """List the goal plans in the store."""
    title, iri_column = t("col-title", ctx.lang), t("col-iri", ctx.lang)
    rows = [{title: label, iri_column: str(iri)} for iri, label in validate.plan_iris(ctx.store)]
    if not rows:
        click.echo(t("no-plans", ctx.lang))
        return
    click.echo(render.table(rows, width=90))


# --------------------------------------------------------------------------- trace, gaps, links


@main.command(name="trace")
@click.argument("name")
@click.option("--down", is_flag=True, help="Everything that contributes to NAME instead of the way up.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_context
@_handle_errors
def trace_command(ctx: Context, name: str, down: bool, fmt: str) -> None:
    """Every path from NAME up to the vision (or, with --down, everything below it); exits 1
    when NAME does not reach the vision, after saying where its chain stops.

    NAME is an IRI, a prefixed name, a path under the base IRI (plan/frikvarter) or a label
    ("Herstedlund Skole"); an ambiguous label lists the candidates.
    """
    iri = trace.resolve(ctx.store, name, ctx.lang)
    result = (trace.trace_down if down else trace.trace_up)(ctx.store, iri, ctx.lang)
    click.echo(render.trace_json(result) if fmt == "json" else render.trace_text(result, ctx.lang))
    if not down and not result.reaches_vision:
        sys.exit(1)  # issue 11: a chain that stops short of the vision is a finding, as a violation is


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@click.option(
    "--today", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD", help="Check dates as on this day."
)
@pass_context
@_handle_errors
def gaps(ctx: Context, fmt: str, today: dt.datetime | None) -> None:
    """Gaps in the chain: trial actions, goals, objectives and plans that do not reach the
    vision (and where their chain stops), objectives without plans, goals without signs, signs
    without data, trial actions nobody starts, challenges no objective addresses, overdue
    evaluations."""
    found = analysis.gaps(ctx.store, today=today.date() if today else None, lang=ctx.lang)
    _emit(ctx, fmt, lambda: render.gaps_text(found, ctx.lang), lambda: render.gaps_rows(found, ctx.lang))


@main.command()
@click.option("--new-only", is_flag=True, help="Only pairs that do not already share a plan.")
@click.option("--limit", type=click.IntRange(min=1), help="Show at most this many pairs.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@pass_context
@_handle_errors
def links(ctx: Context, new_only: bool, limit: int | None, fmt: str) -> None:
    """Workplaces in different centres that share an objective, a trial action or a target
    group, ranked (objective 3, trial action 2, target group 1)."""
    found = analysis.links(ctx.store, lang=ctx.lang, new_only=new_only, limit=limit)
    _emit(ctx, fmt, lambda: render.links_text(found, ctx.lang), lambda: render.links_rows(found, ctx.lang))


def _emit(ctx: Context, fmt: str, text, rows) -> None:
    if fmt == "json":
        import json

        click.echo(json.dumps(rows(), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(render.csv_text(rows()), nl=False)
    else:
        click.echo(text())


# --------------------------------------------------------------------------- query and stats


@main.command()
@click.argument("sparql", required=False)
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.File("r", encoding="utf-8"),
    help="Read the query from a file (- for stdin).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json", "xml"]),
    default="table",
    show_default=True,
    help="table for people; csv, tsv, json or xml (SPARQL results formats) for programs.",
)
@pass_context
@_handle_errors
def query(ctx: Context, sparql: str | None, query_file, fmt: str) -> None:
    """Run a SPARQL SELECT, ASK or CONSTRUCT query (inline or from a file) over the store.

    The usual prefixes (mp, rdfs, skos, dcterms, org, prov …) need no declaration.
    """
    from . import sparql as sparql_module

    if sparql and query_file:
        raise click.UsageError(t("query-both", ctx.lang))
    text = query_file.read() if query_file else sparql
    if not text:
        raise click.UsageError(t("query-missing", ctx.lang))
    result = sparql_module.run_query(ctx.store, text, fmt)
    if isinstance(result, bytes):
        click.echo(result.decode("utf-8"), nl=False)
    elif isinstance(result, bool):
        click.echo(t("yes" if result else "no", ctx.lang))
    else:
        click.echo(render.table(result, width=80) if result else "")
        click.echo(t("rows", ctx.lang, n=len(result)), err=True)


@main.command()
@pass_context
@_handle_errors
def stats(ctx: Context) -> None:
    """How many resources there are at each level of the chain."""
    level, count_column = t("col-level", ctx.lang), t("col-count", ctx.lang)
    rows = [{level: label, count_column: count} for _, label, count in analysis.level_counts(ctx.store, ctx.lang)]
    rows.append({level: t("stats-triples", ctx.lang), count_column: ctx.store.triple_count()})
    click.echo(render.table(rows))
    click.echo(f"{t('store', ctx.lang)}: {ctx.store.path}\n{t('base', ctx.lang)}: {ctx.store.base}")


@main.command()
@click.option("--empty", is_flag=True, help="Start empty instead of with the example data.")
@click.option("--base", help="A new base IRI for instance data.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_context
@_handle_errors
def reset(ctx: Context, empty: bool, base: str | None, yes: bool) -> None:
    """Delete everything in the store and start again with the Albertslund example (or empty).

    The history stays, with the reset in it; `malplan undo` does not reach past a reset."""
    if not yes:
        click.confirm(t("reset-confirm", ctx.lang, store=ctx.store.path), abort=True)
    curation.reset(ctx.store, example=not empty, base=base)
    click.echo(t("reset-done", ctx.lang, store=ctx.store.path, example="" if empty else t("with-example", ctx.lang)))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535), help="The port.")
@click.option(
    "--threads",
    default=6,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Threads for pages and data; SPARQL queries get their own on top (MALPLAN_SPARQL_WORKERS).",
)
@pass_context
@_handle_errors
def serve(ctx: Context, host: str, port: int, threads: int) -> None:
    """Start the web app on the store, served by waitress (the example data when the store is
    empty). Stop it with Ctrl+C."""
    import waitress

    from . import resources

    if not ctx.store.ask(queries.get("has-data").text):
        ctx.store.reset(example=True)
    app = resources.web_package().create_app({"STORE": ctx.store})
    service = app.extensions["malplan_queries"]
    # Queries hold at most `service.threads` threads (the rest get 503 at once): with those on
    # top, the pages always keep `threads` of their own (issue 10).
    try:  # bind first, so a busy port is said before anything claims to run
        server = waitress.create_server(
            app, host=host, port=port, threads=threads + service.threads, ident="malplan-graph"
        )
    except OSError as error:
        key = "port-busy" if error.errno == errno.EADDRINUSE else "port-unusable"
        click.echo(t(key, ctx.lang, host=host, port=port, other=port + 1 if port < 65535 else 5000), err=True)
        sys.exit(1)
    click.echo(t("serving", ctx.lang, url=f"http://{host}:{port}/", store=ctx.store.path), err=True)
    service.start()  # warm before the first query
    try:
        server.run()
    finally:
        server.close()


@main.command()
@click.option(
    "--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path), help="The folder to write."
)
@click.option("--site-url", help="The URL the site will be served at (default: the base IRI).")
@click.option("--license", "license_", help="The dataset's licence, a URL (default: CC BY 4.0).")
@pass_context
@_handle_errors
def publish(ctx: Context, out: Path, site_url: str | None, license_: str | None) -> None:
    """Write the linked data as a static site for any web server: a page with .ttl and .jsonld
    beside it for every resource, the graphs, the ontology, the dumps and the VoID/DCAT file."""
    import importlib

    from . import resources

    site = importlib.import_module(resources.web_package().__name__ + ".site")
    with click.progressbar(length=1, label=t("publishing", ctx.lang), file=sys.stderr) as bar:

        def progress(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - bar.pos)

        count = site.write_site(ctx.store, out, site_url=site_url, lang=ctx.lang, license=license_, progress=progress)
    click.echo(t("published", ctx.lang, count=count, out=out.resolve()))


from . import curation_commands as _curation_commands  # noqa: E402, F401 - adds merge, delete, history, undo
from . import search_commands as _search_commands  # noqa: E402, F401 - adds search
from .word import commands as _word_commands  # noqa: E402, F401 - adds import, export-docx, template

if __name__ == "__main__":  # pragma: no cover
    main()
