"""`malplan search WORDS`: the web app's search on the command line, registered on the main
command group."""

from __future__ import annotations

import click

from . import search as core_search
from .cli import Context, _emit, _handle_errors, main, pass_context
from .errors import InputError
from .texts import t


@main.command(name="search")
@click.argument("words", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@pass_context
@_handle_errors
def search_command(ctx: Context, words: tuple[str, ...], fmt: str) -> None:
    """Find resources whose names or texts hold every one of WORDS (any form of a Danish word:
    "ensomhed" finds "ensomme"), grouped by level."""
    found = core_search.search(ctx.store, " ".join(words))
    if not found.words:
        raise InputError(t("search-no-words", "da"), t("search-no-words", "en"))

    def text() -> str:
        if not found.count:
            return t("search-nothing", ctx.lang, words=" ".join(words))
        lines = []
        for group in found.groups:
            lines.append(f"{group.title(ctx.lang)} ({len(group.hits)})")
            lines.extend(f"  {hit.name(ctx.lang)}  <{hit.iri}>" for hit in group.hits)
        return "\n".join(lines)

    def rows() -> list[dict]:
        return [
            {"level": group.title(ctx.lang), "name": hit.name(ctx.lang), "iri": str(hit.iri)}
            for group in found.groups
            for hit in group.hits
        ]

    _emit(ctx, fmt, text, rows)
