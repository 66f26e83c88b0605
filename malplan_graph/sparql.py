"""Runs SPARQL that a person wrote: read-only, with no outbound fetch, results serialised.

What a query does is decided from a real SPARQL parser's result (rdflib's parse tree and
algebra), never from its text: an update, LOAD or SERVICE anywhere (nested, in a subquery or
an EXISTS, with a variable endpoint) is refused, and so is a query nested or chained so deeply
that the store's own recursive parser or evaluator could overflow its stack (issue 10). A query
rdflib cannot read is refused too: refusing what we cannot judge is the safe side. The usual
prefixes need no declaration.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Callable

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery, parseUpdate

from .errors import QueryError
from .namespaces import PREFIXES

#: For CONSTRUCT and DESCRIBE, the RDF format that stands in for each results format.
GRAPH_FORMATS = {"json": "jsonld", "xml": "xml", "csv": "turtle", "tsv": "turtle", "table": "turtle"}

#: The deepest algebra a query may have. The example queries reach 12; Oxigraph overflows its
#: stack somewhere past 1,000 nested groups (a segfault), and a chain of unions or `+` nests as
#: deeply as it is long.
MAX_DEPTH = 100
#: rdflib's parser is recursive Python, and Oxigraph's parser and evaluator are recursive Rust
#: that nests a flat chain (`?a + ?a + …`, `p/p/…`) as deeply as it is long: the check and the
#: query run in a thread of their own with this many frames and this much stack (reserved, not
#: used), so that the limit is the same wherever they are called from and the process never
#: crashes. With the main thread's 8 MB, a 30 kB query of 10,000 `+` was a segfault.
_PARSER_FRAMES = 6_000
_STACK_BYTES = 512 * 1024 * 1024
_REFUSED_FORMS = {"ServiceGraphPattern"}
_DEEP_LOCK = threading.Lock()

#: SPARQL Update's operations as rdflib's parser names them, and as a person writes them.
_UPDATES = {
    "InsertData": "INSERT DATA",
    "DeleteData": "DELETE DATA",
    "DeleteWhere": "DELETE WHERE",
    "Modify": "INSERT/DELETE",
    "Load": "LOAD",
    "Clear": "CLEAR",
    "Drop": "DROP",
    "Create": "CREATE",
    "Add": "ADD",
    "Move": "MOVE",
    "Copy": "COPY",
}
_SERVICE_REFUSED = (
    "SERVICE er ikke tilladt: forespørgsler må ikke hente data andre steder fra.",
    "SERVICE is not allowed: queries may not fetch data from elsewhere.",
)
_TOO_DEEP = (
    f"Forespørgslen er indlejret eller kædet for dybt (højst {MAX_DEPTH} niveauer); del den op i enklere dele.",
    f"The query is nested or chained too deeply (at most {MAX_DEPTH} levels); split it into simpler parts.",
)


def _deep_call(function: Callable[[], object]) -> object:
    """`function()` in a thread with a large stack and a fixed recursion budget."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = function()
        except BaseException as error:  # noqa: BLE001 - handed back to the caller's thread
            # Without its traceback: the frames hold Oxigraph's objects, which must be dropped
            # on the thread that made them.
            cause: BaseException | None = error
            while cause is not None:
                cause.__traceback__ = None
                cause = cause.__cause__ or cause.__context__
            outcome["error"] = error

    with _DEEP_LOCK:
        previous_stack = threading.stack_size(_STACK_BYTES)
        if sys.getrecursionlimit() < _PARSER_FRAMES:
            sys.setrecursionlimit(_PARSER_FRAMES)
        try:
            thread = threading.Thread(target=target, name="malplan-sparql", daemon=True)
            thread.start()
        finally:
            threading.stack_size(previous_stack)
    thread.join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome.get("value")


def _nodes(root: object):
    """Every parse-tree and algebra node below `root` with its depth, without recursion."""
    stack = [(root, 1)]
    seen: set[int] = set()
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            yield node, depth
            stack.extend((value, depth + 1) for value in node.values())
        elif isinstance(node, (list, tuple, ParseResults)):
            stack.extend((value, depth) for value in node)


def _where(error: ParseBaseException) -> tuple[str, str]:
    return f"linje {error.lineno}, kolonne {error.col}", f"line {error.lineno}, column {error.col}"


def _parse(text: str, base_iri: str | None):
    """The query's parse tree and algebra, or QueryError saying why it cannot run here."""
    try:
        tree = parseQuery(text)
    except ParseBaseException as error:
        try:
            update = parseUpdate(text)
        except (ParseBaseException, RecursionError):
            da, en = _where(error)
            raise QueryError(
                f"SPARQL-forespørgslen kan ikke læses ({da}): {error.msg}. Ret forespørgslen, og prøv igen.",
                f"The SPARQL query cannot be parsed ({en}): {error.msg}. Correct the query and try again.",
            ) from None
        operations = ", ".join(dict.fromkeys(_UPDATES.get(part.name, part.name) for part in update.request))
        raise QueryError(
            f"Kun læsende forespørgsler (SELECT, ASK, CONSTRUCT, DESCRIBE) er tilladt; {operations} ændrer eller henter data.",
            f"Only reading queries (SELECT, ASK, CONSTRUCT, DESCRIBE) are allowed; {operations} changes or fetches data.",
        ) from None
    try:
        algebra = translateQuery(tree, base=base_iri, initNs=PREFIXES).algebra
    except RecursionError:
        raise
    except Exception as error:  # noqa: BLE001 - rdflib raises plain Exceptions for unknown prefixes and the like
        raise QueryError(
            f"SPARQL-forespørgslen kan ikke læses: {error}. Ret forespørgslen, og prøv igen.",
            f"The SPARQL query cannot be parsed: {error}. Correct the query and try again.",
        ) from None
    return tree, algebra


def _escapes_expanded(text: str) -> str:
    """The query with SPARQL's \\u and \\U escapes expanded, as the Recommendation says they
    are before parsing. rdflib expands them everywhere, Oxigraph only in strings and IRIs: a
    `\\u0022` would end a string for one parser and not for the other. Both get this text,
    and an escape that writes another escape is refused, so the text has nothing left to expand."""
    try:
        expanded = expandUnicodeEscapes(text)
        if expandUnicodeEscapes(expanded) == expanded:
            return expanded
    except ValueError as error:
        raise QueryError(
            f"SPARQL-forespørgslen kan ikke læses: {error}. Ret forespørgslen, og prøv igen.",
            f"The SPARQL query cannot be parsed: {error}. Correct the query and try again.",
        ) from None
    raise QueryError(
        "Forespørgslen har en \\u-escape, der skriver en ny escape; skriv tegnet selv.",
        "The query has a \\u escape that writes another escape; write the character itself.",
    )


@functools.lru_cache(maxsize=512)
def _check(text: str, base_iri: str | None) -> None:
    """Raise QueryError unless `text` (escapes expanded) is one reading query that fetches
    nothing from elsewhere and is shallow enough for the store. Judged from the parse tree and
    the algebra."""
    try:
        tree, algebra = _parse(text, base_iri)
    except RecursionError:
        raise QueryError(*_TOO_DEEP) from None
    nodes = [*_nodes(tree), *_nodes(algebra)]
    if any(getattr(node, "name", None) in _REFUSED_FORMS for node, _ in nodes):
        raise QueryError(*_SERVICE_REFUSED)
    if max(depth for _, depth in nodes) > MAX_DEPTH:
        raise QueryError(*_TOO_DEEP)


def execute(store, text: str, *, base_iri: str | None = None, **options) -> tuple[str, object]:
    """Check a query and run on the store exactly the text that was judged: ("select" | "ask" |
    "graph", result). QueryError when it is refused."""

    def checked_query() -> tuple[str, object]:
        judged = _escapes_expanded(text)
        _check(judged, base_iri)
        return store.query_any(judged, prefixes=PREFIXES, base_iri=base_iri, **options)

    return _deep_call(checked_query)  # type: ignore[return-value]


def run_query(store, text: str, fmt: str = "table") -> list[dict] | bool | bytes:
    """Run a read-only query. `table`: rows (SELECT), a bool (ASK) or Turtle (CONSTRUCT);
    `csv`, `tsv`, `json`, `xml`: the SPARQL results format (or RDF for CONSTRUCT) as bytes."""
    table = fmt == "table"
    kind, result = execute(
        store,
        text,
        results_format="json" if table else fmt,
        graph_format=GRAPH_FORMATS[fmt],
        rows=table,
    )
    return result
