"""The SPARQL 1.1 Protocol as clients really send it (issue 10, section 5): what */* and no Accept
get, media types with parameters, format= values, CORS for a page on another origin, the
protocol's 4xx, HEAD and OPTIONS; and real clients (SPARQLWrapper, rdflib's SPARQLStore,
requests, curl) against a real server."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
import urllib.parse

import pytest
import rdflib
from werkzeug.http import parse_options_header, parse_set_header

from tests.conftest import BASE
from tests.servers import serving


@contextlib.contextmanager
def serve(app):
    """`app` on a free local port in a waitress thread; yields the endpoint's URL."""
    with serving(app) as root:
        yield root + "/sparql"


FULL = "PREFIX mp: <https://w3id.org/malplan/def#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
SELECT = FULL + "SELECT ?plan ?label WHERE { ?plan a mp:GoalPlan ; rdfs:label ?label } ORDER BY ?label"
ASK = FULL + "ASK { ?v a mp:Vision }"
CONSTRUCT = FULL + "CONSTRUCT WHERE { ?v a mp:Vision ; rdfs:label ?l }"
VISION = rdflib.URIRef(BASE + "vision/albertslund")
MP = rdflib.Namespace("https://w3id.org/malplan/def#")
DESCRIBE = f"DESCRIBE <{VISION}>"
BAD = "SELECT ?x WHERE { ?x "
#: What Firefox and Chromium send for a page.
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
#: The media types each kind of answer comes in, and how rdflib reads each.
RESULTS = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
}
GRAPHS = {
    "text/turtle": "turtle",
    "text/n3": "turtle",  # Turtle is N3 (and rdflib's N3 parser warns of deprecations)
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/n-triples": "nt",
}


@pytest.fixture(scope="module")
def app(example_store):
    """The app on the example in memory (queries run in process): for tests that only read."""
    from malplan_web import create_app

    return create_app({"STORE": example_store, "TESTING": True, "SECRET_KEY": "test"})


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def server(app):
    with serve(app) as url:
        yield url


def _media(response) -> str:
    return parse_options_header(response.headers["Content-Type"])[0]


def _parsed(media: str, body: bytes):
    """The answer read by rdflib in the type it says it is: a query result or a graph."""
    if media in RESULTS:
        return rdflib.query.Result.parse(io.BytesIO(body), format=RESULTS[media])
    return rdflib.Graph().parse(data=body, format=GRAPHS[media])


def _vary(response) -> set[str]:
    return parse_set_header(response.headers.get("Vary", "")).as_set(preserve_casing=False)


@pytest.mark.parametrize("accept", [None, "*/*", "", "text/html;q=0.5, */*", "text/html;q=0.9, application/*"])
@pytest.mark.parametrize(
    ("query", "expected"),
    [(SELECT, "application/sparql-results+json"), (ASK, "application/sparql-results+json")]
    + [(CONSTRUCT, "text/turtle"), (DESCRIBE, "text/turtle")],
)
def test_issue_10_a_client_that_does_not_prefer_html_gets_data(client, accept, query, expected):
    """curl, requests and fetch() send */*; a client that sends nothing is the same."""
    headers = {} if accept is None else {"Accept": accept}
    response = client.get("/sparql", query_string={"query": query}, headers=headers)
    if accept and "application/*" in accept and query in (CONSTRUCT, DESCRIBE):
        expected = "application/ld+json"  # the first graph type under application/
    assert response.status_code == 200 and _media(response) == expected
    answer = _parsed(expected, response.data)
    assert len(answer) > 0 if query != ASK else answer.askAnswer is True
    assert "accept" in _vary(response) and response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("accept", [None, "*/*", "application/json"])
def test_issue_10_a_bad_query_gets_400_as_text_not_a_page(client, accept):
    response = client.get("/sparql", query_string={"query": BAD}, headers={} if accept is None else {"Accept": accept})
    assert response.status_code == 400 and response.mimetype == "text/plain"
    assert response.get_data(as_text=True).startswith("SPARQL-forespørgslen kan ikke læses")
    assert "accept" in _vary(response) and response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    ("accept", "html", "without_query"),
    [
        (BROWSER, True, "text/html"),
        ("text/html", True, "text/html"),
        ("application/sparql-results+json;q=0.5, text/html", True, "text/html"),
        ("text/html, application/sparql-results+json", False, "text/html"),  # equal: no preference for HTML
        ("text/html;q=0.9, */*", False, "text/turtle"),
        ("text/*", False, "text/turtle"),
    ],
)
def test_issue_10_html_only_for_a_client_that_ranks_it_first(client, accept, html, without_query):
    for query, status in ((SELECT, 200), (BAD, 400)):
        response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
        assert response.status_code == status and (response.mimetype == "text/html") is html, (query, accept)
        assert "accept" in _vary(response)
    # Without a query: the service description, unless HTML is preferred or the only match.
    page = client.get("/sparql", headers={"Accept": accept})
    assert page.status_code == 200 and page.mimetype == without_query


@pytest.mark.parametrize("accept", [None, "*/*", "text/turtle", 'application/ld+json; profile="x"'])
def test_issue_10_a_get_without_a_query_describes_the_service(client, accept):
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    response = client.get("/sparql", headers={} if accept is None else {"Accept": accept})
    media = _media(response)
    assert response.status_code == 200 and media in ("text/turtle", "application/ld+json")
    graph = _parsed(media, response.data)
    assert (None, rdflib.RDF.type, sd.Service) in graph
    assert response.headers["Access-Control-Allow-Origin"] == "*" and "accept" in _vary(response)


@pytest.mark.parametrize(
    ("query", "accept", "offered"),
    [
        (SELECT, "image/png", "application/sparql-results+json"),
        (None, "image/png", "text/turtle"),
        (SELECT, "text/turtle", "text/csv"),  # a graph type for a SELECT
        (CONSTRUCT, "text/csv", "application/n-triples"),  # a results type for a graph
    ],
)
def test_issue_10_an_accept_that_nothing_matches_gets_406_with_what_is_offered(client, query, accept, offered):
    response = client.get("/sparql", query_string={"query": query} if query else {}, headers={"Accept": accept})
    assert response.status_code == 406 and response.mimetype == "text/plain"
    assert offered in response.get_data(as_text=True).split(": ", 1)[1].rstrip(".\n").split(", ")
    assert response.headers["Access-Control-Allow-Origin"] == "*" and "accept" in _vary(response)


@pytest.mark.parametrize(
    ("query", "accept", "expected"),
    [
        (SELECT, "application/sparql-results+xml;charset=UTF-8", "application/sparql-results+xml"),
        (SELECT, "application/sparql-results+json; charset=utf-8", "application/sparql-results+json"),
        (SELECT, "text/csv; charset=utf-8; header=present", "text/csv"),
        (CONSTRUCT, "text/turtle; charset=utf-8", "text/turtle"),
        (CONSTRUCT, 'application/ld+json; profile="http://www.w3.org/ns/json-ld#expanded"', "application/ld+json"),
        (CONSTRUCT, "application/rdf+xml;q=0.9;charset=utf-8, text/turtle;q=0.5", "application/rdf+xml"),
        (SELECT, "application/json", "application/json"),  # JSON, as asked
        (CONSTRUCT, "application/json", "application/ld+json"),  # JSON-LD is the JSON of a graph
        (CONSTRUCT, "application/turtle, text/rdf+n3", "text/turtle"),  # legacy names get registered types
    ],
)
def test_issue_10_media_types_match_with_parameters_and_aliases(client, query, accept, expected):
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200 and _media(response) == expected
    assert len(_parsed(expected, response.data)) > 0


@pytest.mark.parametrize(
    "content_type", ["application/sparql-query; charset=utf-8", "application/sparql-query;charset=UTF-8"]
)
def test_issue_10_a_direct_post_with_a_charset_is_read(client, content_type):
    response = client.post("/sparql", data=ASK.encode(), headers={"Content-Type": content_type})
    assert response.status_code == 200 and json.loads(response.data)["boolean"] is True


def test_issue_10_a_form_post_with_a_charset_is_read(client):
    body = urllib.parse.urlencode({"query": ASK}).encode()
    for content_type in ("application/x-www-form-urlencoded; charset=UTF-8", "application/x-www-form-urlencoded"):
        response = client.post("/sparql", data=body, headers={"Content-Type": content_type})
        assert response.status_code == 200 and json.loads(response.data)["boolean"] is True


@pytest.mark.parametrize(
    ("query", "values", "expected"),
    [
        (SELECT, ["json"], "application/sparql-results+json"),
        (SELECT, ["xml"], "application/sparql-results+xml"),
        (SELECT, ["csv"], "text/csv"),
        (SELECT, ["tsv", "text/tab-separated-values"], "text/tab-separated-values"),  # as SPARQLWrapper sends it
        (SELECT, ["application/sparql-results+json"], "application/sparql-results+json"),  # as Fuseki accepts
        (SELECT, ["application/sparql-results+xml;charset=UTF-8"], "application/sparql-results+xml"),
        (SELECT, ["turtle"], "application/sparql-results+json"),  # no results format: Accept decides
        (SELECT, ["no-such-format"], "application/sparql-results+json"),
        (CONSTRUCT, ["turtle"], "text/turtle"),
        (CONSTRUCT, ["ttl"], "text/turtle"),
        (CONSTRUCT, ["n3"], "text/n3"),
        (CONSTRUCT, ["nt"], "application/n-triples"),
        (CONSTRUCT, ["rdf+xml", "application/rdf+xml"], "application/rdf+xml"),
        (CONSTRUCT, ["rdf"], "application/rdf+xml"),
        (CONSTRUCT, ["rdfxml"], "application/rdf+xml"),
        (CONSTRUCT, ["xml"], "application/rdf+xml"),
        (CONSTRUCT, ["json-ld", ""], "application/ld+json"),
        (CONSTRUCT, ["jsonld"], "application/ld+json"),
        (CONSTRUCT, ["json"], "application/ld+json"),
        (CONSTRUCT, ["text/turtle; charset=utf-8"], "text/turtle"),
        (CONSTRUCT, ["csv"], "text/turtle"),  # no graph format: Accept decides
        (CONSTRUCT, ["no-such-format"], "text/turtle"),
    ],
)
def test_issue_10_format_values_that_clients_send(client, query, values, expected):
    for parameter in ("format", "output"):
        response = client.get("/sparql", query_string=[("query", query)] + [(parameter, v) for v in values])
        assert response.status_code == 200 and _media(response) == expected, (parameter, values)
        assert len(_parsed(expected, response.data)) > 0


def test_issue_10_format_wins_over_a_browser_accept(client):
    """The query page's download links: a browser's Accept, and format= names the file."""
    response = client.get("/sparql", query_string={"query": SELECT, "format": "csv"}, headers={"Accept": BROWSER})
    assert _media(response) == "text/csv" and response.data.startswith(b"plan,label")


@pytest.mark.parametrize(
    ("request_args", "status", "message"),
    [
        ({"query_string": [("query", ASK), ("query", SELECT)]}, 400, "2 gange"),
        (
            {"query_string": {"query": ASK}, "data": {"query": SELECT}},  # one in the URL, one in the form
            400,
            "2 gange",
        ),
        (
            {"query_string": {"query": ASK}, "data": SELECT, "content_type": "application/sparql-query"},
            400,
            "ikke begge",
        ),
        ({"data": "ASK {}", "content_type": "text/plain"}, 415, "application/sparql-query"),
        ({"data": "query=ASK%20%7B%7D"}, 415, "application/x-www-form-urlencoded"),
        (
            {"data": "ASK {}".encode("utf-16"), "content_type": "application/sparql-query; charset=UTF-16"},
            415,
            "UTF-8",
        ),
        ({"data": b"ASK { \xff }", "content_type": "application/sparql-query"}, 415, "UTF-8"),
        ({"data": "ASK {}", "content_type": "application/sparql-query; charset=no-such-charset"}, 415, "UTF-8"),
    ],
)
def test_issue_10_requests_against_the_protocol_get_4xx_with_the_reason(client, request_args, status, message):
    response = (
        client.post("/sparql", **request_args) if "data" in request_args else client.get("/sparql", **request_args)
    )
    assert response.status_code == status and message in response.get_data(as_text=True)
    assert response.headers["Access-Control-Allow-Origin"] == "*" and "accept" in _vary(response)


@pytest.mark.parametrize("accept", ["text/turtle", "application/sparql-results+json", "*/*", None, BROWSER])
@pytest.mark.parametrize("query", [None, SELECT, CONSTRUCT])
def test_issue_10_head_is_get_without_a_body(client, accept, query):
    headers = {} if accept is None else {"Accept": accept}
    kwargs = {"query_string": {"query": query} if query else {}, "headers": headers}
    got, head = client.get("/sparql", **kwargs), client.head("/sparql", **kwargs)
    assert head.status_code == got.status_code and head.data == b""
    assert head.headers["Content-Type"] == got.headers["Content-Type"]


def test_issue_10_options_and_other_methods(client):
    response = client.options("/sparql", headers={"Origin": "https://elsewhere.example", **PREFLIGHT})
    assert response.status_code == 204
    assert set(parse_set_header(response.headers["Allow"])) == {"GET", "HEAD", "POST", "OPTIONS"}
    assert "POST" in parse_set_header(response.headers["Access-Control-Allow-Methods"])
    allowed = parse_set_header(response.headers["Access-Control-Allow-Headers"]).as_set(preserve_casing=False)
    assert "content-type" in allowed and response.headers["Access-Control-Allow-Origin"] == "*"
    for method in ("PUT", "DELETE", "PATCH"):
        refused = client.open("/sparql", method=method, query_string={"query": ASK})
        assert refused.status_code == 405 and response.headers["Allow"] == refused.headers["Allow"]
        assert refused.headers["Access-Control-Allow-Origin"] == "*" and "GET" in refused.get_data(as_text=True)


#: What a browser asks before it POSTs application/sparql-query from a page on another origin.
PREFLIGHT = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}


@pytest.mark.parametrize("way", ["get", "form", "direct"])
@pytest.mark.parametrize(("query", "status"), [(SELECT, 200), (BAD, 400)])
def test_issue_10_a_page_on_another_origin_can_read_every_kind_of_answer(client, way, query, status):
    """The 6 kinds of a query page's request (GET, form POST, direct POST × success, error), and
    the preflight of a direct POST, as a browser's CORS check reads them."""
    origin = {"Origin": "https://elsewhere.example"}
    if way == "get":
        response = client.get("/sparql", query_string={"query": query}, headers=origin)
    elif way == "form":
        response = client.post("/sparql", data={"query": query}, headers=origin)
    else:
        assert client.options("/sparql", headers={**origin, **PREFLIGHT}).headers["Access-Control-Allow-Origin"] == "*"
        response = client.post("/sparql", data=query, content_type="application/sparql-query", headers=origin)
    assert response.status_code == status and response.headers["Access-Control-Allow-Origin"] == "*"
    assert "accept" in _vary(response)


def test_issue_10_413_and_503_are_open_to_other_origins_too(tmp_path, example_store):
    from malplan_web import create_app

    from malplan_graph.endpoint import EndpointBusy

    class Busy:
        def run(self, *args, **kwargs):
            raise EndpointBusy("Alle forespørgselspladser er optaget.", "Every query slot is busy.")

    app = create_app({"STORE": example_store, "TESTING": True, "SECRET_KEY": "test", "MAX_CONTENT_LENGTH": 200_000})
    app.extensions["malplan_queries"] = Busy()
    client = app.test_client()
    busy = client.get("/sparql", query_string={"query": ASK})
    assert busy.status_code == 503 and busy.headers["Retry-After"] == "5"
    over_app_limit = client.post("/sparql", data=b"#" * 300_000, content_type="application/sparql-query")
    over_query_limit = client.post("/sparql", data={"query": "#" * 150_000})
    for response in (busy, over_app_limit, over_query_limit):
        assert response.headers["Access-Control-Allow-Origin"] == "*" and "accept" in _vary(response)
        assert response.mimetype == "text/plain"
    assert over_app_limit.status_code == over_query_limit.status_code == 413
    assert "Retry-After" in parse_set_header(busy.headers["Access-Control-Expose-Headers"])


# -- real clients against a real server

WRAPPER_KINDS = {"SELECT": SELECT, "ASK": ASK, "CONSTRUCT": CONSTRUCT, "DESCRIBE": DESCRIBE}
#: What each SPARQLWrapper return format gets for results and for graphs; where a format is none
#: of its kind (TURTLE for a SELECT), SPARQLWrapper sends */* and the default comes back.
WRAPPER_RESULTS = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml"} | {
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
WRAPPER_GRAPHS = {"turtle": "text/turtle", "n3": "text/n3", "xml": "application/rdf+xml"} | {
    "rdf+xml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
    "json-ld": "application/ld+json",
    "json": "application/ld+json",
}


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("kind", list(WRAPPER_KINDS))
@pytest.mark.parametrize("return_format", ["json", "xml", "csv", "tsv", "turtle", "n3", "rdf", "rdf+xml", "json-ld"])
def test_issue_10_sparqlwrapper_in_every_return_format(server, method, kind, return_format):
    import warnings

    from SPARQLWrapper import SPARQLWrapper

    graph_kind = kind in ("CONSTRUCT", "DESCRIBE")
    named = (WRAPPER_GRAPHS if graph_kind else WRAPPER_RESULTS).get(return_format)
    client = SPARQLWrapper(server)
    client.setMethod(method)
    client.setQuery(WRAPPER_KINDS[kind])
    client.setReturnFormat(return_format)
    with warnings.catch_warnings():
        if named is None or (graph_kind and return_format in ("json", "rdf")):
            # SPARQLWrapper warns that it sends */* for a format that is none of the kind's
            warnings.simplefilter("ignore", RuntimeWarning)
        result = client.query()
        media = parse_options_header(result.info()["content-type"])[0]
        body = result.response.read()
    assert media == (named or ("text/turtle" if graph_kind else "application/sparql-results+json"))
    if kind == "ASK" and media in ("text/csv", "text/tab-separated-values"):
        assert body.strip() == b"true"  # CSV and TSV have no boolean form; SPARQLWrapper passes this on
    elif kind == "ASK":
        assert _parsed(media, body).askAnswer is True
    else:
        assert len(_parsed(media, body)) > 0


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
def test_issue_10_rdflib_sparqlstore(server, method):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = rdflib.Graph(store=SPARQLStore(server, method=method))
    assert len(list(graph.query(SELECT))) == 12
    assert graph.query(ASK).askAnswer is True
    assert (VISION, rdflib.RDF.type, MP.Vision) in graph.query(CONSTRUCT).graph


def test_issue_10_python_requests_with_its_defaults(server):
    import requests

    got = requests.get(server, params={"query": SELECT}, timeout=30)
    form = requests.post(server, data={"query": SELECT}, timeout=30)
    direct = requests.post(
        server, data=SELECT.encode(), headers={"Content-Type": "application/sparql-query"}, timeout=30
    )
    for response in (got, form, direct):
        assert response.request.headers["Accept"] == "*/*"
        assert response.status_code == 200 and _media(response) == "application/sparql-results+json"
        assert len(response.json()["results"]["bindings"]) == 12
    graph = requests.get(server, params={"query": CONSTRUCT}, timeout=30)
    assert _media(graph) == "text/turtle" and (VISION, None, None) in _parsed("text/turtle", graph.content)
    bad = requests.get(server, params={"query": BAD}, timeout=30)
    assert bad.status_code == 400 and _media(bad) == "text/plain"
    described = requests.get(server, timeout=30)
    assert described.status_code == 200 and _media(described) == "text/turtle"


def _curl(*args: str) -> tuple[int, dict, bytes]:
    """curl with its defaults (Accept: */*): the status, the headers (lower-case) and the body."""
    result = subprocess.run(["curl", "-s", "-i", *args], capture_output=True, check=True, timeout=60)
    head, _, body = result.stdout.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)}
    return int(status_line.split()[1]), headers, body


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_issue_10_curl_with_its_defaults(server):
    status, headers, body = _curl("-G", server, "--data-urlencode", f"query={SELECT}")
    assert status == 200 and json.loads(body)["results"]["bindings"]
    status, headers, body = _curl(server, "--data-urlencode", f"query={ASK}")  # a form POST
    assert status == 200 and json.loads(body)["boolean"] is True
    status, headers, body = _curl(server, "-H", "Content-Type: application/sparql-query", "--data-binary", CONSTRUCT)
    assert status == 200 and (VISION, None, None) in _parsed(parse_options_header(headers["content-type"])[0], body)
    status, headers, body = _curl("-G", server, "--data-urlencode", f"query={BAD}")
    assert status == 400 and headers["content-type"].startswith("text/plain")
    for response_headers in (headers, _curl(server)[1]):
        assert response_headers["access-control-allow-origin"] == "*"
    status, headers, body = _curl("-I", "-H", "Accept: text/turtle", server)  # HEAD
    assert status == 200 and headers["content-type"].startswith("text/turtle") and body == b""


def test_issue_10_relative_iris_resolve_against_the_endpoint(client):
    """The protocol lets the service choose the base IRI, "which MAY be the service endpoint"."""
    response = client.post(
        "/sparql", data="CONSTRUCT { <s> <p> <#o> } WHERE {}", content_type="application/sparql-query"
    )
    assert response.status_code == 200
    graph = _parsed(_media(response), response.data)
    endpoint = rdflib.URIRef("http://localhost/sparql")
    assert set(graph) == {(rdflib.URIRef("http://localhost/s"), rdflib.URIRef("http://localhost/p"), endpoint + "#o")}
