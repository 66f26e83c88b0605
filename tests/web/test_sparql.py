"""The SPARQL endpoint with real clients against a real server: SPARQLWrapper, rdflib's
SPARQLStore and curl, and a suite of hostile queries, each refused with the right 4xx."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
import rdflib

from malplan_graph.store import OxigraphStore
from tests.conftest import BASE
from tests.web.test_sparql_protocol import serve

PLANS = "SELECT ?plan ?label WHERE { ?plan a mp:GoalPlan ; rdfs:label ?label } ORDER BY ?label"
#: What Firefox and Chromium send for a page: HTML ranked above everything else.
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
FULL = "PREFIX mp: <https://w3id.org/malplan/def#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    from malplan_web import create_app

    store = OxigraphStore(tmp_path_factory.mktemp("sparql") / "store")
    app = create_app({"STORE": store, "SPARQL_TIMEOUT": 2, "SPARQL_MAX_BYTES": 200_000})
    with serve(app) as url:
        yield url, store


def _request(url: str, data: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_sparqlwrapper_in_json_xml_and_csv(endpoint):
    from SPARQLWrapper import CSV, JSON, XML, SPARQLWrapper

    url, _ = endpoint
    client = SPARQLWrapper(url)
    client.setQuery(FULL + PLANS)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert len(rows) == 12 and rows[0]["label"]["value"] == "Affaldsdetektiver: sortering i dagtilbud og skoler"
    client.setReturnFormat(XML)
    assert len(client.query().convert().getElementsByTagName("result")) == 12
    client.setReturnFormat(CSV)
    table = list(csv.reader(io.StringIO(client.query().convert().decode("utf-8"))))
    assert table[0] == ["plan", "label"] and len(table) == 13


def test_sparqlwrapper_construct_and_post(endpoint):
    from SPARQLWrapper import POST, TURTLE, SPARQLWrapper

    url, _ = endpoint
    client = SPARQLWrapper(url)
    client.setMethod(POST)
    client.setQuery(FULL + "CONSTRUCT { ?v a mp:Vision ; rdfs:label ?l } WHERE { ?v a mp:Vision ; rdfs:label ?l }")
    client.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=client.query().convert(), format="turtle")
    assert (rdflib.URIRef(BASE + "vision/albertslund"), None, None) in graph


def test_rdflib_sparqlstore(endpoint):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    url, _ = endpoint
    graph = rdflib.Graph(store=SPARQLStore(url))
    rows = list(graph.query(FULL + "SELECT (COUNT(?p) AS ?n) WHERE { ?p a mp:GoalPlan }"))
    assert int(rows[0][0]) == 12


@pytest.mark.parametrize(
    ("accept", "content_type", "check"),
    [
        ("application/sparql-results+json", "application/sparql-results+json", lambda b: json.loads(b)["head"]),
        ("application/sparql-results+xml", "application/sparql-results+xml", lambda b: b"<sparql" in b),
        ("text/csv", "text/csv", lambda b: b.startswith(b"plan,label")),
        ("text/tab-separated-values", "text/tab-separated-values", lambda b: b.startswith(b"?plan\t?label")),
    ],
)
def test_curl_with_each_accept_header(endpoint, accept, content_type, check):
    url, _ = endpoint
    query = urllib.parse.urlencode({"query": FULL + PLANS})
    result = subprocess.run(
        ["curl", "-s", "-i", "-H", f"Accept: {accept}", f"{url}?{query}"], capture_output=True, check=True
    )
    head, _, body = result.stdout.partition(b"\r\n\r\n")
    assert b" 200 " in head.split(b"\r\n")[0]
    assert f"content-type: {content_type}".encode() in head.lower()
    assert b"access-control-allow-origin: *" in head.lower()
    assert check(body)


@pytest.mark.parametrize(
    ("accept", "parse"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
        ("application/n-triples", "nt"),
    ],
)
def test_construct_in_every_rdf_format(endpoint, accept, parse):
    url, _ = endpoint
    query = urllib.parse.urlencode({"query": FULL + "CONSTRUCT WHERE { ?o a mp:Objective ; rdfs:label ?l }"})
    status, headers, body = _request(f"{url}?{query}", headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(accept)
    assert len(rdflib.Graph().parse(data=body, format=parse)) == 28


def test_dataset_parameters_are_honoured(endpoint):
    url, _ = endpoint
    query = urllib.parse.urlencode(
        {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "default-graph-uri": "https://w3id.org/malplan/def"}
    )
    status, _, body = _request(f"{url}?{query}", headers={"Accept": "application/sparql-results+json"})
    count = int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    assert status == 200 and 400 < count < 1000  # the ontology's graph alone


@pytest.mark.parametrize(
    ("name", "query", "message"),
    [
        ("service", "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", b"SERVICE"),
        ("load", "LOAD <http://example.org/data.ttl>", b"LOAD"),
        ("insert", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", b"INSERT"),
        ("drop", "DROP ALL", b"DROP"),
        ("malformed", "SELECT ?x WHERE { ?x ", b"kan ikke l"),
    ],
)
def test_hostile_queries_are_refused_and_change_nothing(endpoint, name, query, message):
    url, store = endpoint
    before = store.triple_count()
    status, _, body = _request(
        url,
        data=urllib.parse.urlencode({"query": query}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 400 and message in body, (name, body)
    assert store.triple_count() == before


def test_an_update_request_is_refused(endpoint):
    url, store = endpoint
    before = store.triple_count()
    status, _, body = _request(
        url, data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", headers={"Content-Type": "application/sparql-update"}
    )
    assert status == 400 and store.triple_count() == before


def test_a_query_running_too_long_is_stopped_and_the_endpoint_goes_on(endpoint):
    url, _ = endpoint
    query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"})
    start = time.monotonic()
    status, _, body = _request(f"{url}?{query}", headers={"Accept": "application/sparql-results+json"})
    assert status == 400 and b"blev stoppet" in body
    assert time.monotonic() - start < 10
    query = urllib.parse.urlencode({"query": FULL + "ASK { ?v a mp:Vision }"})
    status, _, body = _request(f"{url}?{query}", headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(body)["boolean"] is True


def test_when_every_worker_is_busy_the_answer_is_503_with_retry_after(tmp_path):
    from malplan_web import create_app

    store = OxigraphStore(tmp_path / "store")
    app = create_app({"STORE": store, "SPARQL_TIMEOUT": 20, "SPARQL_WORKERS": 1, "SPARQL_QUEUE_WAIT": 0.5})
    quick = urllib.parse.urlencode({"query": FULL + "ASK { ?v a mp:Vision }"})
    with serve(app) as endpoint_url:
        url = endpoint_url + "?"
        assert _request(url + quick)[0] == 200  # the one worker has started
        service = app.extensions["malplan_queries"]
        held = service._take()  # as a long query would hold it
        start = time.monotonic()
        status, headers, body = _request(url + quick, headers={"Accept": "application/sparql-results+json"})
        assert status == 503 and headers["Retry-After"] == "5"
        waited = time.monotonic() - start
        assert "optaget" in body.decode() and 0.5 <= waited < 20  # the queue's wait, not the query's timeout
        service._idle.put(held)
        assert _request(url + quick)[0] == 200  # and the worker serves again


def test_too_many_rows_and_too_long_a_query(endpoint):
    url, _ = endpoint
    query = urllib.parse.urlencode({"query": FULL + "SELECT * WHERE { ?s ?p ?o . ?plan a mp:GoalPlan }"})
    status, _, body = _request(f"{url}?{query}", headers={"Accept": "application/sparql-results+json"})
    assert status == 400 and b"0.2 MB" in body
    huge = "SELECT * WHERE { ?s ?p ?o } # " + "x" * (10 * 1024 * 1024)
    status, _, _ = _request(url, data=huge.encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 413


def test_a_browser_gets_the_query_page_and_a_table(client):
    page = client.get("/sparql", headers=BROWSER).get_data(as_text=True)
    assert "<textarea" in page
    html = client.get("/sparql", query_string={"query": FULL + PLANS}, headers=BROWSER)
    text = html.get_data(as_text=True)
    assert "12 rækker" in text and "/resource?uri=" in text
    assert ">Affaldsdetektiver: sortering i dagtilbud og skoler</a>" in text  # a resource by its name
    everything = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers=BROWSER)
    text = everything.get_data(as_text=True)
    assert "de første 1000 vises" in text and text.count("<tr>") == 1001


@pytest.mark.parametrize(("accept", "fmt"), [("text/turtle", "turtle"), ("application/ld+json", "json-ld")])
def test_the_endpoint_describes_itself_to_an_rdf_client(client, accept, fmt):
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    response = client.get("/sparql", headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == accept
    graph = rdflib.Graph().parse(data=response.data, format=fmt)
    service = graph.value(predicate=sd.endpoint, object=rdflib.URIRef("http://localhost/sparql"), any=False)
    assert (service, rdflib.RDF.type, sd.Service) in graph
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in graph
    assert (service, sd.resultFormat, rdflib.URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON")) in graph
    assert (service, sd.feature, sd.UnionDefaultGraph) in graph
    assert client.get("/sparql", headers=BROWSER).mimetype == "text/html"


def test_the_query_page_offers_the_example_library(client):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(client.get("/sparql", headers=BROWSER).get_data(as_text=True), "html.parser")
    examples = page.select(".examples li a")
    assert len(examples) >= 12
    assert "Hvilke arbejdspladser arbejder mod en målsætning?" in [a.get_text() for a in examples]
    ran = client.get(examples[0]["href"], headers=BROWSER).get_data(as_text=True)
    assert "rækker" in ran


def test_a_bad_query_in_the_browser_keeps_the_query_and_says_why(client):
    from bs4 import BeautifulSoup

    broken = "SELECT ?x WHERE { ?x a mp:GoalPlan <oops"
    response = client.get("/sparql", query_string={"query": broken}, headers=BROWSER)
    assert response.status_code == 400
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert page.find("textarea", id="query").get_text() == broken
    assert page.find(class_="problem").get_text().startswith("SPARQL-forespørgslen kan ikke læses")
    assert page.select(".actions a") == []  # no downloads of an answer that is not there


def test_the_editor_is_served_by_the_app_with_its_licence_and_terms(client):
    import json

    from bs4 import BeautifulSoup

    page = BeautifulSoup(client.get("/sparql", headers=BROWSER).get_data(as_text=True), "html.parser")
    scripts = [tag["src"] for tag in page.find_all("script", src=True)]
    assert all(src.startswith("/static/") for src in scripts) and len(scripts) == 5
    for src in scripts + [tag["href"] for tag in page.find_all("link", rel="stylesheet")]:
        with client.get(src) as response:
            assert response.status_code == 200, src
    with client.get("/static/vendor/codemirror-5.65.21/LICENSE") as licence:
        assert b"MIT License" in licence.data
    data = json.loads(page.find("script", id="sparql-editor-data").string)
    assert data["prefixes"]["mp"] == "https://w3id.org/malplan/def#"
    assert {"text": "mp:GoalPlan", "label": "Målplan"} in data["terms"]


def test_resources_by_content_negotiation(client):
    uri = BASE + "plan/frikvarter"
    for accept, parse in [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
        ("application/n-triples", "nt"),
    ]:
        response = client.get("/resource", query_string={"uri": uri}, headers={"Accept": accept})
        assert response.status_code == 200 and response.mimetype == accept
        assert response.headers["Vary"] == "Accept" and 'type="text/turtle"' in response.headers["Link"]
        graph = rdflib.Graph().parse(data=response.data, format=parse)
        assert (rdflib.URIRef(uri), None, None) in graph
    html = client.get("/resource", query_string={"uri": BASE + "workplace/bibliotek"}, headers=BROWSER)
    assert html.mimetype == "text/html" and html.headers["Vary"] == "Accept"


def test_instance_uris_resolve_under_the_base(client):
    turtle = client.get("/malplan/objective/trivsel.ttl")
    assert turtle.status_code == 200 and turtle.mimetype == "text/turtle"
    browser = client.get("/malplan/objective/trivsel", headers=BROWSER)
    assert browser.status_code == 303 and "/resource?uri=" in browser.headers["Location"]
    assert client.get("/malplan/objective/findes-ikke.ttl").status_code == 404


def test_a_place_left_by_a_stopped_query_goes_to_a_waiting_one(tmp_path):
    from malplan_graph.endpoint import QueryService, QueryTimeout

    service = QueryService(OxigraphStore(tmp_path / "store"), timeout=1, workers=1, queue_wait=30)
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    outcome = []
    first = threading.Thread(target=lambda: outcome.append(pytest.raises(QueryTimeout, service.run, slow)))
    try:
        first.start()
        time.sleep(0.5)  # the slow query holds the one worker; it is stopped 1 s after it starts
        assert service.run(FULL + "ASK { ?v a mp:Vision }").body  # waits, then gets the new worker
        first.join()
        assert outcome
    finally:
        service.close()


def test_issue_10_a_worker_that_dies_is_replaced_and_the_pool_keeps_its_size(tmp_path):
    from malplan_graph.endpoint import QueryService
    from malplan_graph.errors import QueryError

    service = QueryService(OxigraphStore(tmp_path / "store"), timeout=30, workers=1, queue_wait=60)
    ask = FULL + "ASK { ?v a mp:Vision }"
    try:
        assert service.run(ask).body
        worker = service._take()
        worker.process.kill()  # as a crash would end it
        worker.process.join()
        service._idle.put(worker)
        with pytest.raises(QueryError, match="kunne ikke køres"):
            service.run(ask)
        for _ in range(3):  # the one place has a new worker, again and again
            assert service.run(ask).body
        assert service._idle.qsize() == 1
    finally:
        service.close()
