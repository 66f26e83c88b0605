"""Runs SPARQL that a person wrote: read-only, with no outbound fetch, results serialised.

Refuses updates and SERVICE/LOAD before the query runs (pyoxigraph would perform SERVICE as a
real HTTP request from its Rust core). The usual prefixes need no declaration.
"""

from __future__ import annotations

import re

from .errors import QueryError
from .namespaces import PREFIXES

#: Lexical pieces that may hold any word: strings, IRIs and comments.
_OPAQUE = re.compile(
    r"""'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\s]*>|\#[^\n]*""",
    re.DOTALL,
)
#: A keyword stands alone: not part of a prefixed name, a variable or a longer word.
_UPDATE = re.compile(r"(?<![\w:?$-])(INSERT|DELETE|DROP|CLEAR|CREATE|ADD|MOVE|COPY|LOAD|WITH)(?![\w:-])", re.IGNORECASE)
_SERVICE = re.compile(r"(?<![\w:?$-])SERVICE(?![\w:-])", re.IGNORECASE)

#: For CONSTRUCT and DESCRIBE, the RDF format that stands in for each results format.
GRAPH_FORMATS = {"json": "jsonld", "xml": "xml", "csv": "turtle", "tsv": "turtle", "table": "turtle"}


def strip_opaque(text: str) -> str:
    """The query with strings, IRIs and comments blanked out, so that keywords can be seen."""
    return _OPAQUE.sub(lambda match: " " * len(match.group(0)), text)


def check_read_only(text: str) -> None:
    """Raise QueryError for an update, LOAD or SERVICE: only reading queries run here."""
    bare = strip_opaque(text)
    if _SERVICE.search(bare):
        raise QueryError(
            "SERVICE er ikke tilladt: forespørgsler må ikke hente data andre steder fra.",
            "SERVICE is not allowed: queries may not fetch data from elsewhere.",
        )
    keyword = _UPDATE.search(bare)
    if keyword:
        raise QueryError(
            f"Kun læsende forespørgsler (SELECT, ASK, CONSTRUCT, DESCRIBE) er tilladt; "
            f"{keyword.group(1).upper()} ændrer eller henter data.",
            f"Only reading queries (SELECT, ASK, CONSTRUCT, DESCRIBE) are allowed; "
            f"{keyword.group(1).upper()} changes or fetches data.",
        )


def run_query(store, text: str, fmt: str = "table") -> list[dict] | bool | bytes:
    """Run a read-only query. `table`: rows (SELECT), a bool (ASK) or Turtle (CONSTRUCT);
    `csv`, `tsv`, `json`, `xml`: the SPARQL results format (or RDF for CONSTRUCT) as bytes."""
    check_read_only(text)
    table = fmt == "table"
    kind, result = store.query_any(
        text,
        prefixes=PREFIXES,
        results_format="json" if table else fmt,
        graph_format=GRAPH_FORMATS[fmt],
        rows=table,
    )
    return result
