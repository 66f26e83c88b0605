"""The SPARQL 1.1 Protocol endpoint, /sparql: GET, form POST and application/sparql-query, answers
by content negotiation (or format=), read-only, with a timeout and a result cap from the core's
QueryService. A browser (a client that ranks HTML above every data type) gets the query page and
results as a table; every other client gets data, and every answer is open to other origins.
"""

from __future__ import annotations

import codecs
import json

from flask import Blueprint, Response, abort, current_app, render_template, request
from flask_babel import gettext as _
from werkzeug.http import parse_options_header

from malplan_graph import describe, labels, queries
from malplan_graph.endpoint import EndpointBusy, QueryTimeout
from malplan_graph.errors import QueryError
from malplan_graph.namespaces import PREFIXES

from .lod import RDF_TYPES, accepted, content_type
from .pages import language

bp = Blueprint("sparql", __name__)

#: The largest query accepted, in bytes.
MAX_QUERY_BYTES = 100_000
#: The query page shows this many rows; the downloads have them all.
TABLE_ROWS = 1000
METHODS = ("GET", "HEAD", "POST", "OPTIONS")
ALLOWED = ", ".join(METHODS)
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
_BODIES = {"form": FORM_TYPES[0], "direct": "application/sparql-query"}
#: One table per kind of answer: a media type a client may ask for → (the core's format, the
#: media type answered). The first is the default; legacy names get the registered type.
RESULT_TYPES = {
    "application/sparql-results+json": ("json", "application/sparql-results+json"),
    "application/sparql-results+xml": ("xml", "application/sparql-results+xml"),
    "text/csv": ("csv", "text/csv"),
    "text/tab-separated-values": ("tsv", "text/tab-separated-values"),
    "application/json": ("json", "application/json"),
    "application/xml": ("xml", "application/xml"),
}
GRAPH_TYPES = {
    "text/turtle": ("turtle", "text/turtle"),
    "application/ld+json": ("jsonld", "application/ld+json"),
    "application/rdf+xml": ("xml", "application/rdf+xml"),
    "application/n-triples": ("nt", "application/n-triples"),
    "text/n3": ("turtle", "text/n3"),  # Turtle is N3
    "application/turtle": ("turtle", "text/turtle"),
    "application/x-turtle": ("turtle", "text/turtle"),
    "text/rdf+n3": ("turtle", "text/n3"),
    "application/n3": ("turtle", "text/n3"),
    "text/plain": ("nt", "text/plain"),
    "application/json": ("jsonld", "application/ld+json"),
    "application/xml": ("xml", "application/rdf+xml"),
}
#: Values of format= (or output=, results=, as Joseki and SPARQLWrapper send them) and the media
#: type each names for results and for graphs. A media type is a value too (as Fuseki accepts).
FORMAT_PARAMETERS = ("format", "output", "results")
FORMATS = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None),
    "tsv": ("text/tab-separated-values", None),
    "turtle": (None, "text/turtle"),
    "ttl": (None, "text/turtle"),
    "n3": (None, "text/n3"),
    "nt": (None, "application/n-triples"),
    "ntriples": (None, "application/n-triples"),
    "n-triples": (None, "application/n-triples"),
    "jsonld": (None, "application/ld+json"),
    "json-ld": (None, "application/ld+json"),
    "rdfxml": (None, "application/rdf+xml"),
    "rdf+xml": (None, "application/rdf+xml"),
    "rdf": (None, "application/rdf+xml"),
}


def _named(types: dict, kind: int) -> str | None:
    """The media type that format= (or output=, results=) names for one kind of answer: the
    first value that names one; an unknown value is passed over, so Accept decides."""
    for parameter in FORMAT_PARAMETERS:
        for value in request.values.getlist(parameter):
            name = parse_options_header(value)[0].lower()
            media = FORMATS[name][kind] if name in FORMATS else name
            if media in types:
                return media
    return None


def _chosen(types: dict, kind: int) -> str | None:
    return _named(types, kind) or accepted().best_match(list(types))


def _wants_html(read_body: bool = True) -> bool:
    """True when no format= names a data type and Accept ranks HTML above every data type."""
    if read_body and (_named(RESULT_TYPES, 0) or _named(GRAPH_TYPES, 1)):
        return False
    accept = accepted()
    return accept.quality("text/html") > max(accept.quality(media) for media in (*RESULT_TYPES, *GRAPH_TYPES))


def _problem(status: int, text: str, read_body: bool = True) -> Response:
    if _wants_html(read_body):
        return Response(render_template("error.html", status=status, message=text), status, mimetype="text/html")
    return Response(text + "\n", status, mimetype="text/plain")


def _not_acceptable(*tables: dict) -> Response:
    offered = dict.fromkeys(answered for table in tables for _format, answered in table.values())
    return _problem(406, _("No media type in Accept is offered here. Offered: %(types)s.", types=", ".join(offered)))


@bp.after_request
def protocol_headers(response: Response) -> Response:
    """Every answer of the endpoint, errors included, is open to other origins and varies by Accept."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Methods"] = ALLOWED
    response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
    response.headers["Access-Control-Expose-Headers"] = "Retry-After"
    response.vary.add("Accept")
    return response


@bp.errorhandler(413)
def too_large(error) -> Response:
    """A body over the app's limit, refused before the view (and not read): said as the endpoint says it."""
    return _problem(413, _("The query is longer than %(n)s kB.", n=MAX_QUERY_BYTES // 1000), read_body=False)


@bp.errorhandler(405)
def wrong_method(error) -> Response:
    """PUT, DELETE, PATCH: refused with the methods that are allowed."""
    response = _problem(405, _("Send a query with GET or POST."))
    response.headers["Allow"] = ALLOWED
    return response


def _query_text() -> str:
    """The query, in one of the protocol's three ways; a request that breaks the protocol is
    answered with a 4xx here."""
    if request.mimetype == "application/sparql-update" or "update" in request.values:
        abort(_problem(400, _("The endpoint only reads: SPARQL Update is not allowed.")))
    direct = request.method == "POST" and request.mimetype == "application/sparql-query"
    if request.method == "POST" and not direct and request.mimetype not in FORM_TYPES and request.get_data():
        abort(_problem(415, _("Send the query as a form (%(form)s) or as %(direct)s, in UTF-8.", **_BODIES)))
    if direct:
        if "query" in request.args:
            abort(_problem(400, _("Give the query once: in the body or in the parameter query, not both.")))
        body = request.get_data()
        if len(body) > MAX_QUERY_BYTES:
            abort(_problem(413, _("The query is longer than %(n)s kB.", n=MAX_QUERY_BYTES // 1000)))
        try:
            if codecs.lookup(request.mimetype_params.get("charset", "utf-8")).name != "utf-8":
                raise LookupError
            query = body.decode("utf-8-sig")
        except (LookupError, UnicodeDecodeError):
            abort(_problem(415, _("Send the query as a form (%(form)s) or as %(direct)s, in UTF-8.", **_BODIES)))
    else:
        given = request.values.getlist("query")
        if len(given) > 1:
            abort(_problem(400, _("Give one query: the parameter query is given %(n)s times.", n=len(given))))
        query = given[0] if given else ""
    if len(query.encode("utf-8")) > MAX_QUERY_BYTES:
        abort(_problem(413, _("The query is longer than %(n)s kB.", n=MAX_QUERY_BYTES // 1000)))
    return query


# PUT, DELETE and PATCH are routed here only to be refused in the endpoint's own words and headers.
@bp.route("/sparql", methods=["GET", "POST", "OPTIONS", "PUT", "DELETE", "PATCH"])
def endpoint():
    if request.method not in METHODS:
        abort(405)
    if request.method == "OPTIONS":
        return Response(status=204, headers={"Allow": ALLOWED, "Access-Control-Max-Age": "86400"})
    # The interface language is looked up only where a text is shown: an answer as data has no
    # words, and the lookup (Babel's locale selection) costs about 0.2 ms a request.
    query = _query_text()
    html = _wants_html()
    offered = ["text/html", *RESULT_TYPES, *GRAPH_TYPES, *RDF_TYPES]
    if not html and not _named(RESULT_TYPES, 0) and not _named(GRAPH_TYPES, 1) and not accepted().best_match(offered):
        return _not_acceptable(RESULT_TYPES, GRAPH_TYPES)
    if not query.strip():
        # A GET: the service description, unless HTML is preferred or the only type that matches.
        wanted = "text/html" if html else accepted().best_match([*RDF_TYPES, "text/html"])
        if wanted in RDF_TYPES and request.method != "POST":
            return _service_description(wanted)
        if wanted == "text/html" and (html or request.method != "POST"):
            return _page(language(), "")
        return _problem(400, _("Give a SPARQL query in the parameter query."))
    results_media, graph_media = _chosen(RESULT_TYPES, 0), _chosen(GRAPH_TYPES, 1)
    service = current_app.extensions["malplan_queries"]
    try:
        answer = service.run(
            query,
            results_format="json" if html or not results_media else RESULT_TYPES[results_media][0],
            graph_format="turtle" if html or not graph_media else GRAPH_TYPES[graph_media][0],
            default_graphs=request.values.getlist("default-graph-uri") or None,
            named_graphs=request.values.getlist("named-graph-uri") or None,
            base_iri=_endpoint_iri(),
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
    types, media = (GRAPH_TYPES, graph_media) if answer.kind == "graph" else (RESULT_TYPES, results_media)
    if media is None:
        return _not_acceptable(types)
    return Response(answer.body, 200, content_type=content_type(types[media][1]))


def _endpoint_iri() -> str:
    """The endpoint's own IRI: a query's base IRI, as the protocol allows, and the service's."""
    return (current_app.config.get("SITE_URL") or request.url_root).rstrip("/") + "/sparql"


def _service_description(media: str) -> Response:
    """The endpoint's SPARQL 1.1 Service Description, for a GET without a query that asks for RDF."""
    from malplan_graph import publish

    site = current_app.config.get("SITE_URL") or request.url_root
    graph = publish.describe_service(current_app.extensions["malplan_store"], site)
    body = graph.serialize(format=RDF_TYPES[media][2], encoding="utf-8")
    return Response(body, 200, content_type=content_type(media))


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
