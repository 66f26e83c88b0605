"""The SPARQL 1.1 Protocol endpoint, /sparql: GET, form POST and application/sparql-query, answers
by content negotiation (or format=), read-only, with a timeout and a result cap from the core's
QueryService. A browser gets the query page and results as a table.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, render_template, request
from flask_babel import gettext as _

from malplan_graph import describe, labels, queries
from malplan_graph.endpoint import EndpointBusy, QueryTimeout
from malplan_graph.errors import QueryError
from malplan_graph.namespaces import PREFIXES

from .lod import RDF_TYPES
from .pages import language

bp = Blueprint("sparql", __name__)

#: The largest query accepted, in bytes.
MAX_QUERY_BYTES = 100_000
#: The query page shows this many rows; the downloads have them all.
TABLE_ROWS = 1000
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "xml",
    "application/n-triples": "nt",
    "text/plain": "nt",
}
CONTENT_TYPES = {
    ("select", "json"): "application/sparql-results+json",
    ("select", "xml"): "application/sparql-results+xml",
    ("select", "csv"): "text/csv; charset=utf-8",
    ("select", "tsv"): "text/tab-separated-values; charset=utf-8",
    ("graph", "turtle"): "text/turtle; charset=utf-8",
    ("graph", "jsonld"): "application/ld+json",
    ("graph", "xml"): "application/rdf+xml",
    ("graph", "nt"): "application/n-triples",
}
#: format= values and what they ask for: (results format, graph format).
FORMATS = {
    "json": ("json", "jsonld"),
    "xml": ("xml", "xml"),
    "csv": ("csv", "turtle"),
    "tsv": ("tsv", "turtle"),
    "turtle": ("json", "turtle"),
    "ttl": ("json", "turtle"),
    "jsonld": ("json", "jsonld"),
    "rdfxml": ("xml", "xml"),
    "nt": ("json", "nt"),
}


def _problem(status: int, text: str) -> Response:
    if _wants_html():
        return Response(render_template("error.html", status=status, message=text), status, mimetype="text/html")
    return Response(text + "\n", status, mimetype="text/plain")


def _wants_html() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", *RESULT_TYPES, *GRAPH_TYPES])
    return best == "text/html" and "format" not in request.values


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def endpoint():
    if request.method == "OPTIONS":
        return _cors(Response(status=204))
    # The interface language is looked up only where a text is shown: an answer as data has no
    # words, and the lookup (Babel's locale selection) costs about 0.2 ms a request.
    if request.mimetype == "application/sparql-update" or "update" in request.values:
        return _problem(400, _("The endpoint only reads: SPARQL Update is not allowed."))
    if request.mimetype == "application/sparql-query":
        query = request.get_data(as_text=True)
    else:
        query = request.values.get("query", "")
    if len(query.encode("utf-8")) > MAX_QUERY_BYTES:
        return _problem(413, _("The query is longer than %(n)s kB.", n=MAX_QUERY_BYTES // 1000))
    html = _wants_html()
    if not query.strip():
        wanted = request.accept_mimetypes.best_match(["text/html", *RDF_TYPES])
        if request.method == "GET" and wanted in RDF_TYPES:
            return _service_description(wanted)
        if html or request.method == "GET":
            return _page(language(), "")
        return _problem(400, _("Give a SPARQL query in the parameter query."))
    if "format" in request.values:
        if request.values["format"] not in FORMATS:
            return _problem(400, _("Unknown format."))
        results_format, graph_format = FORMATS[request.values["format"]]
    else:
        results_format = RESULT_TYPES.get(request.accept_mimetypes.best_match(list(RESULT_TYPES)) or "", "json")
        graph_format = GRAPH_TYPES.get(request.accept_mimetypes.best_match(list(GRAPH_TYPES)) or "", "turtle")
    service = current_app.extensions["malplan_queries"]
    try:
        answer = service.run(
            query,
            results_format="json" if html else results_format,
            graph_format="turtle" if html else graph_format,
            default_graphs=request.values.getlist("default-graph-uri") or None,
            named_graphs=request.values.getlist("named-graph-uri") or None,
        )
    except EndpointBusy as error:
        response = _problem(503, error.text(language()))
        response.headers["Retry-After"] = "5"
        return response
    except (QueryError, QueryTimeout) as error:  # a stopped query too: the client must narrow it
        if html:  # the query page again, the query kept in the editor and the reason above it
            return _page(language(), query, error=error.text(language())), 400
        return _problem(400, error.text(language()))
    if html:
        return _page(
            language(),
            query,
            table=_table(answer, language()),
            graph=answer.body.decode("utf-8") if answer.kind == "graph" else None,
        )
    kind = "select" if answer.kind in ("select", "ask") else "graph"
    content_type = CONTENT_TYPES[(kind, results_format if kind == "select" else graph_format)]
    if answer.kind == "ask" and results_format in ("csv", "tsv"):
        content_type = CONTENT_TYPES[("select", "json")]
    return _cors(Response(answer.body, 200, content_type=content_type, headers={"Vary": "Accept"}))


def _service_description(media: str) -> Response:
    """The endpoint's SPARQL 1.1 Service Description, for a GET without a query that asks for RDF."""
    from malplan_graph import publish

    site = current_app.config.get("SITE_URL") or request.url_root
    graph = publish.describe_service(current_app.extensions["malplan_store"], site)
    body = graph.serialize(format=RDF_TYPES[media][2], encoding="utf-8")
    content_type = f"{media}; charset=utf-8" if media.startswith("text/") else media
    return _cors(Response(body, 200, content_type=content_type, headers={"Vary": "Accept"}))


def _page(lang: str, query: str, **results) -> str:
    """The query page: the editor (with the prefixes and the ontology's terms it completes),
    the example library, and the results or the error."""
    ontology = describe.ontology_view(lang)
    editor = {
        "prefixes": PREFIXES,
        "terms": [
            {"text": f"mp:{term.name}", "label": term.label_en if lang == "en" else term.label_da}
            for term in (*ontology.classes, *ontology.properties)
        ],
    }
    examples = [(queries.get(name).title(lang), queries.get(name).text) for name in queries.names("examples")]
    return render_template("sparql/query.html", query=query, examples=examples, editor=editor, **results)


def _cors(response: Response) -> Response:
    if request.method in ("GET", "OPTIONS"):
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
    return response


def _table(answer, lang: str) -> dict | None:
    """A SELECT's or ASK's answer for the page, with the name of each resource in it."""
    if answer.kind == "graph":
        return None
    data = json.loads(answer.body)
    if "boolean" in data:
        return {"boolean": data["boolean"]}
    rows = data["results"]["bindings"]
    shown = rows[:TABLE_ROWS]
    iris = {cell["value"] for row in shown for cell in row.values() if cell["type"] == "uri"}
    store = current_app.extensions["malplan_store"]
    names = labels.names(store, lang, iris)
    return {"head": data["head"]["vars"], "rows": shown, "count": len(rows), "names": names}
