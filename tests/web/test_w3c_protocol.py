"""The W3C SPARQL 1.1 Protocol tests against /sparql through a real server: every query test with
no Accept, with */* and with each media type its expected format allows; every update test that
expects a refusal as written; and every other update test refused, as a read-only endpoint must.

The manifest is reference material beside the project (../shared/standards/sparql11-protocol/,
see its README): it is read from there and never copied in.
"""

from __future__ import annotations

import http.client
import io
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS
from werkzeug.http import parse_options_header, parse_set_header

from malplan_graph.store import OxigraphStore
from tests.web.test_sparql_protocol import serve

FOLDER = Path(__file__).resolve().parents[2].parent / "shared" / "standards" / "sparql11-protocol"
if not (FOLDER / "manifest.ttl").is_file():
    pytest.skip(f"the W3C SPARQL 1.1 Protocol manifest is not at {FOLDER}", allow_module_level=True)

MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = rdflib.Namespace("http://www.w3.org/2011/http-statusCodes#")
STATUS_CLASSES = {HTS[f"StatusCode{n}xx"]: n for n in range(1, 6)}

#: The media types each expected format may come in, and how rdflib reads each.
RESULTS = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPHS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/n-triples": "nt",
}
#: A boolean has no standard CSV or TSV form: JSON and XML only.
ALLOWED = {
    "boolean": ["application/sparql-results+json", "application/sparql-results+xml"],
    "tabular": list(RESULTS),
    "RDF": list(GRAPHS),
    None: [*RESULTS, *GRAPHS],
}
#: What the endpoint answers without Accept or with */*.
DEFAULT = {
    "boolean": "application/sparql-results+json",
    "tabular": "application/sparql-results+json",
    "RDF": "text/turtle",
}


@dataclass
class Exchange:
    """One request of a test and what its answer must be."""

    method: str
    target: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[int]
    format: str | None = None
    boolean: bool | None = None

    @property
    def is_update(self) -> bool:
        """An update by its media type, its form body or its URL, each read by a parser."""
        media = parse_options_header(self.headers.get("content-type", ""))[0]
        form = urllib.parse.parse_qs(self.body.decode("utf-8", "replace")) if self.body else {}
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.target).query)
        return media == "application/sparql-update" or "update" in form or "update" in query


@dataclass
class Case:
    name: str
    exchanges: list[Exchange] = field(default_factory=list)

    @property
    def is_update(self) -> bool:
        return any(exchange.is_update for exchange in self.exchanges)

    @property
    def expects_refusal(self) -> bool:
        return all(exchange.statuses == {4} for exchange in self.exchanges if exchange.is_update)


def _read_manifest() -> tuple[list[Case], dict[str, Path]]:
    """The manifest's tests in order, and every named graph they need with its data file."""
    graph = rdflib.Graph().parse(FOLDER / "manifest.ttl", format="turtle")
    manifest = graph.value(predicate=RDF.type, object=MF.Manifest, any=False)
    cases, data = [], {}
    for test in Collection(graph, graph.value(manifest, MF.entries)):
        case = Case(urllib.parse.urlsplit(str(test)).fragment)
        for graph_data in graph.objects(test, UT.graphData):
            file_iri = urllib.parse.urlsplit(str(graph.value(graph_data, UT.graph)))
            data[str(graph.value(graph_data, RDFS.label))] = Path(urllib.request.url2pathname(file_iri.path))
        action = graph.value(test, MF.action)
        for request in Collection(graph, graph.value(action, HT.requests)):
            headers = graph.value(request, HT.headers)
            body = graph.value(request, HT.body)
            response = graph.value(request, HT.resp)
            expected_format = graph.value(response, MF.expectedFormat)
            expected_boolean = graph.value(response, MF.expectedBoolean)
            case.exchanges.append(
                Exchange(
                    method=str(graph.value(request, HT.methodName)),
                    target=_on_our_endpoint(str(graph.value(request, HT.absolutePath))),
                    headers={
                        str(graph.value(header, HT.fieldName)).lower(): str(graph.value(header, HT.fieldValue))
                        for header in (Collection(graph, headers) if headers else [])
                    },
                    body=None
                    if body is None
                    else str(graph.value(body, CNT.chars)).encode(str(graph.value(body, CNT.characterEncoding))),
                    statuses={STATUS_CLASSES[status] for status in graph.objects(response, MF.expectedStatus)},
                    format=None if expected_format is None else str(expected_format),
                    boolean=None if expected_boolean is None else expected_boolean.toPython(),
                )
            )
        cases.append(case)
    return cases, data


def _on_our_endpoint(absolute_path: str) -> str:
    """The manifest's /sparql/ (which, it says, a runner replaces) as our /sparql, query kept."""
    parts = urllib.parse.urlsplit(absolute_path)
    assert parts.path == "/sparql/", absolute_path
    return urllib.parse.urlunsplit(("", "", "/sparql", parts.query, ""))


CASES, DATA = _read_manifest()
QUERY_CASES = [case for case in CASES if not case.is_update]
REFUSAL_CASES = [case for case in CASES if case.is_update and case.expects_refusal]
UPDATE_CASES = [case for case in CASES if case.is_update and not case.expects_refusal]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """A server on a store with the manifest's data files in the named graphs the tests name."""
    from malplan_web import create_app

    store = OxigraphStore(tmp_path_factory.mktemp("w3c") / "store", example=False)
    for name, path in DATA.items():
        store.load([path], graph=name)
    app = create_app({"STORE": store, "SPARQL_TIMEOUT": 20})
    with serve(app) as url:
        yield urllib.parse.urlsplit(url), store


def _send(endpoint, exchange: Exchange, accept: str | None):
    """The request exactly as the manifest writes it (no header added but Accept), and the answer."""
    address, _ = endpoint
    headers = dict(exchange.headers)
    if accept is not None:
        headers["accept"] = accept
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    try:
        connection.request(exchange.method, exchange.target, body=exchange.body, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def _check(exchange: Exchange, accept: str | None, status: int, headers, body: bytes) -> None:
    assert status // 100 in exchange.statuses, (status, body[:300])
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "accept" in parse_set_header(headers.get("Vary", "")).as_set(preserve_casing=False)
    if exchange.format is None:
        return
    media = parse_options_header(headers["Content-Type"])[0]
    assert media == (DEFAULT[exchange.format] if accept in (None, "*/*") else accept)
    if exchange.format == "RDF":
        rdflib.Graph().parse(data=body, format=GRAPHS[media])  # it is RDF in the type it says
        return
    result = rdflib.query.Result.parse(io.BytesIO(body), format=RESULTS[media])
    if exchange.format == "boolean":
        assert result.type == "ASK" and exchange.boolean in (None, result.askAnswer)
    else:
        assert result.type == "SELECT" and result.vars


def _with_each_accept(cases):
    return [
        pytest.param(case, accept, id=f"{case.name}-{accept or 'no-accept'}")
        for case in cases
        for accept in (None, "*/*", *ALLOWED[case.exchanges[-1].format])
    ]


def test_the_manifest_is_read_whole():
    """Guards the runner: all 34 tests; 20 query tests and bad_update_wrong_media_type (a text/plain
    POST, which is no update by its form), 6 bad updates, 7 updates a read-only endpoint refuses."""
    assert len(CASES) == 34 and (len(QUERY_CASES), len(REFUSAL_CASES), len(UPDATE_CASES)) == (21, 6, 7)
    assert {path.name for path in DATA.values()} == {"data1.nt", "data2.nt", "data3.nt"}


@pytest.mark.parametrize(("case", "accept"), _with_each_accept(QUERY_CASES + REFUSAL_CASES))
def test_w3c_protocol(endpoint, case, accept):
    _, store = endpoint
    before = store.triple_count()
    for exchange in case.exchanges:
        _check(exchange, accept, *_send(endpoint, exchange, accept))
    assert store.triple_count() == before


@pytest.mark.parametrize("case", UPDATE_CASES, ids=[case.name for case in UPDATE_CASES])
def test_w3c_updates_are_refused_by_a_read_only_endpoint(endpoint, case):
    _, store = endpoint
    before = store.triple_count()
    for exchange in case.exchanges:
        if exchange.is_update:
            status, headers, body = _send(endpoint, exchange, None)
            assert status == 400 and b"SPARQL Update" in body, (status, body)
            assert headers["Access-Control-Allow-Origin"] == "*"
    assert store.triple_count() == before
