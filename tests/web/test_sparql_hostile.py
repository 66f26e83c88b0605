"""Issue 10, the public endpoint turned against the network or the site: every spelling of SERVICE
that a lexer could be fooled by, refused by the parser and, behind it, by a worker that has no
network; queries nested or chained 10,000 deep; eight costly queries at once while pages stay fast.
A listener on a local port proves that nothing reaches it."""

from __future__ import annotations

import concurrent.futures
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from malplan_graph.store import OxigraphStore
from tests.web.test_sparql_protocol import serve


class Listener:
    """A TCP listener on a free local port that counts the connections it gets."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self.socket.close()


@pytest.fixture
def listener():
    found = Listener()
    yield found
    found.close()


def spellings(url: str) -> dict[str, str]:
    """SERVICE to `url`, written every way that a text check could miss."""
    host = url.rsplit("/", 1)[0] + "/"
    group = "{ ?s ?p ?o }"
    return {
        "plain": f"SELECT * WHERE {{ SERVICE <{url}> {group} }}",
        "lower case": f"select * where {{ service <{url}> {group} }}",
        "mixed case": f"SELECT * WHERE {{ SeRvIcE <{url}> {group} }}",
        "silent": f"SELECT * WHERE {{ SERVICE SILENT <{url}> {group} }}",
        "escaped hash": f"PREFIX ex: <http://example.org/> SELECT * WHERE {{ BIND(ex:a\\# AS ?x) SERVICE <{url}> {group} }}",
        "escaped quote": f"PREFIX ex: <http://example.org/> SELECT * WHERE {{ BIND(ex:a\\' AS ?x) SERVICE <{url}> {group} }}",
        "after a comment": f"SELECT * WHERE {{ # a comment }}\n SERVICE <{url}> {group} }}",
        "after a string": f'SELECT * WHERE {{ BIND("\\"" AS ?x) SERVICE <{url}> {group} }}',
        "after a long string": f"SELECT * WHERE {{ BIND('''\\''' AS ?x) SERVICE <{url}> {group} }}",
        "unicode escape": f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {group} }}",
        # \u0022 ends a string for a parser that expands escapes first, not for one that does so
        # only inside strings: the two read SERVICE on opposite sides of the quotes
        "escaped quote in strings": (
            f'SELECT * WHERE {{ BIND("p\\u0022 AS ?a) BIND(" AS ?c) SERVICE <{url}> {group} '
            f'BIND(" AS ?e) BIND(\\u0022x" AS ?d) }}'
        ),
        "escaped apostrophe in strings": (
            f"SELECT * WHERE {{ BIND('p\\u0027 AS ?a) BIND(' AS ?c) SERVICE <{url}> {group} "
            f"BIND(' AS ?e) BIND(\\u0027x' AS ?d) }}"
        ),
        "escape of an escape": f"SELECT * WHERE {{ \\u005Cu0053ERVICE <{url}> {group} }}",
        "escape in the IRI": f"SELECT * WHERE {{ SERVICE <{url.replace(':', chr(92) + 'u003a', 1)}> {group} }}",
        "variable, BIND": f"SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {group} }}",
        "variable, VALUES": f"SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {group} }}",
        "prefixed name": f"PREFIX l: <{host}> SELECT * WHERE {{ SERVICE l:sparql {group} }}",
        "relative to BASE": f"BASE <{host}> SELECT * WHERE {{ SERVICE <sparql> {group} }}",
        "in OPTIONAL": f"SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ SERVICE <{url}> {group} }} }}",
        "in a subquery": f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}> {group} }} }} }}",
        "in EXISTS": f"SELECT * WHERE {{ ?a ?b ?c FILTER EXISTS {{ SERVICE <{url}> {group} }} }}",
        "in NOT EXISTS": f"ASK {{ FILTER NOT EXISTS {{ SERVICE <{url}> {group} }} }}",
        "in MINUS": f"SELECT * WHERE {{ ?a ?b ?c MINUS {{ SERVICE <{url}> {group} }} }}",
        "in UNION": f"SELECT * WHERE {{ {{ ?a ?b ?c }} UNION {{ SERVICE <{url}> {group} }} }}",
        "in GRAPH": f"SELECT * WHERE {{ GRAPH ?g {{ SERVICE <{url}> {group} }} }}",
        "nested": f"SELECT * WHERE {{ SERVICE <{url}> {{ SERVICE <{url}> {group} }} }}",
        "in CONSTRUCT": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {group} }}",
        "in DESCRIBE": f"DESCRIBE ?s WHERE {{ SERVICE <{url}> {group} }}",
        "LOAD": f"LOAD <{url}>",
        "LOAD after a query": f"SELECT * WHERE {{ ?s ?p ?o }} ; LOAD <{url}>",
    }


#: Spellings that the Recommendation reads as strings with no SERVICE in them (escapes are
#: expanded before parsing): answered, so long as nothing is fetched.
READ_AS_STRINGS = {"escaped quote in strings", "escaped apostrophe in strings"}


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    from malplan_web import create_app

    store = OxigraphStore(tmp_path_factory.mktemp("hostile") / "store")
    app = create_app({"STORE": store, "SPARQL_TIMEOUT": 30, "SPARQL_QUEUE_WAIT": 60})
    with serve(app) as url:
        yield url, app


def _send(url: str, method: str, query: str, accept: str = "application/sparql-results+json"):
    if method == "GET":
        request = urllib.request.Request(f"{url}?{urllib.parse.urlencode({'query': query})}")
    elif method == "form":
        data = urllib.parse.urlencode({"query": query}).encode()
        request = urllib.request.Request(url, data, {"Content-Type": "application/x-www-form-urlencoded"})
    else:
        request = urllib.request.Request(url, query.encode(), {"Content-Type": "application/sparql-query"})
    request.add_header("Accept", accept)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.parametrize("method", ["GET", "form", "direct"])
def test_issue_10_no_spelling_of_service_reaches_another_address(endpoint, listener, method):
    url, _ = endpoint
    answers = {name: _send(url, method, query) for name, query in spellings(listener.url).items()}
    time.sleep(0.3)  # a connection the store would have made has had time to arrive
    assert listener.connections == 0
    for name, (status, body) in answers.items():
        if name in READ_AS_STRINGS and status == 200:
            continue
        assert status == 400, (name, body)
        # rdflib's parser recurses without end on a SERVICE inside a SERVICE: refused as too deep
        reasons = (b"SERVICE", b"LOAD", "kan ikke læses".encode(), b"for dybt", b"escape")
        assert any(reason in body for reason in reasons), (name, body)


def test_issue_10_malplan_query_refuses_every_spelling(cli, listener):
    for name, query in spellings(listener.url).items():
        result = cli("query", query)
        if name in READ_AS_STRINGS and result.exit_code == 0:
            continue
        assert result.exit_code == 1, (name, result.output)
        assert "Uventet" not in result.output and "Traceback" not in result.output, name
    time.sleep(0.3)
    assert listener.connections == 0


def _open_network(port: int, walls: str, results) -> None:
    """In a fresh process: take away the network as `walls` says, then let pyoxigraph run
    SERVICE against the local port (no query check at all)."""
    import pyoxigraph

    from malplan_graph import sandbox

    held = {"both": sandbox.forbid_network, "seccomp": sandbox._seccomp, "namespace": sandbox._network_namespace}
    applied = held[walls]() if walls in held else None
    try:
        list(pyoxigraph.Store().query(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}"))
        outcome = "ran"
    except Exception as error:  # noqa: BLE001 - the outcome is what the test reads
        outcome = type(error).__name__
    results.put((applied, outcome))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the network walls are Linux's (README)")
@pytest.mark.parametrize("walls", ["none", "both", "seccomp", "namespace"])
def test_issue_10_a_worker_without_network_cannot_reach_a_local_port(listener, walls):
    """The second wall alone, with the query check out of the way; "none" shows that the test
    can fail: without the walls, pyoxigraph does connect."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    process = context.Process(target=_open_network, args=(listener.port, walls, results))
    process.start()
    applied, outcome = results.get(timeout=60)
    process.join(timeout=10)
    time.sleep(0.3)
    if walls == "none":
        assert listener.connections >= 1
        return
    if not applied:
        pytest.skip(f"this system does not offer the {walls} wall")
    assert listener.connections == 0 and outcome != "ran"


def test_issue_10_the_endpoints_workers_have_no_network(endpoint):
    url, app = endpoint
    assert _send(url, "GET", "ASK {}")[0] == 200
    walls = app.extensions["malplan_queries"].walls
    if sys.platform.startswith("linux"):
        assert walls and set(walls) <= {"namespace", "seccomp"}
    else:
        assert walls == ()


DEEP = 10_000
#: Queries nested or chained 10,000 deep, each a different way for a recursive parser or
#: evaluator to run out of stack.
DEEP_QUERIES = {
    "groups": "SELECT * WHERE " + "{" * DEEP + "?s ?p ?o" + "}" * DEEP,
    "parentheses": "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * DEEP + "?o" + ")" * DEEP + ") }",
    "OPTIONAL": "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * 4000 + "}" * 4000 + "}",
    "subqueries": "SELECT * WHERE " + "{ SELECT * WHERE " * 3000 + "{ ?s ?p ?o }" + "}" * 3000,
    "function calls": "SELECT * WHERE { BIND(" + "STR(" * DEEP + "1" + ")" * DEEP + " AS ?x) }",
    "UNION chain": "SELECT * WHERE { " + " UNION ".join(["{?s ?p ?o}"] * 5000) + " }",
}
#: Flat chains that the store nests as deeply as they are long (a segfault on an 8 MB stack):
#: answered or refused, but never a crash.
CHAINS = {
    "+ chain": "SELECT * WHERE { ?s ?p ?o FILTER(" + "+".join(["?o"] * DEEP) + ") } LIMIT 1",
    "&& chain": "SELECT * WHERE { ?s ?p ?o FILTER(" + "&&".join(["?o"] * DEEP) + ") } LIMIT 1",
    "| chain": "SELECT * WHERE { ?s " + "|".join(["<p:p>"] * DEEP) + " ?o } LIMIT 1",
}


@pytest.mark.parametrize("name", DEEP_QUERIES)
def test_issue_10_over_deep_queries_are_refused_and_the_worker_lives(endpoint, name):
    url, _ = endpoint
    status, body = _send(url, "direct", DEEP_QUERIES[name])
    assert status == 400 and b"for dybt" in body, body[:300]
    assert _send(url, "GET", "ASK { ?s ?p ?o }") == (200, b'{"head":{},"boolean":true}')


@pytest.mark.parametrize("name", CHAINS)
def test_issue_10_long_chains_do_not_crash_the_worker(endpoint, name):
    url, _ = endpoint
    status, body = _send(url, "direct", CHAINS[name])
    # answered, refused as too deep, or stopped by the timeout on a busy machine: never a crash
    assert status == 200 or (status == 400 and (b"for dybt" in body or b"blev stoppet" in body)), body[:300]
    assert _send(url, "GET", "ASK { ?s ?p ?o }") == (200, b'{"head":{},"boolean":true}')


def test_issue_10_malplan_query_refuses_over_deep_queries_without_crashing(tmp_path):
    """In a process of its own, as a user runs it: a crash would be exit 139, not 1."""
    store = tmp_path / "store"
    for name, query in {**DEEP_QUERIES, **CHAINS}.items():
        run = subprocess.run(
            [sys.executable, "-m", "malplan_graph", "--store", str(store), "query", "-f", "-"],
            input=query,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if name in CHAINS and run.returncode == 0:
            continue
        assert run.returncode == 1, (name, run.returncode, run.stderr[-500:])
        assert "for dybt" in run.stderr and "Traceback" not in run.stderr, name


def test_issue_10_shallow_queries_of_each_kind_still_run(endpoint):
    url, _ = endpoint
    for depth in (10, 30):
        for query in (
            "SELECT * WHERE " + "{" * depth + "?s ?p ?o" + "}" * depth + " LIMIT 1",
            "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * depth + "true" + ")" * depth + ") } LIMIT 1",
            "SELECT * WHERE { " + " UNION ".join(["{?s ?p ?o}"] * depth) + " } LIMIT 1",
        ):
            assert _send(url, "GET", query)[0] == 200, query[:80]


# ------------------------------------------------------------------ costly queries and the pages

COSTLY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
PAGES = ["/def.ttl", "/", "/plans", "/.well-known/void"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def _malplan_serve(store, **settings):
    """`malplan serve` in a process of its own, as a user starts it; yields its root URL."""
    port = _free_port()
    environment = {**os.environ, **{f"MALPLAN_{key}": str(value) for key, value in settings.items()}}
    process = subprocess.Popen(
        [sys.executable, "-m", "malplan_graph", "--store", str(store), "serve", "--port", str(port)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    root = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(root + "/def.ttl", timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        yield root
    finally:
        process.terminate()
        process.wait(timeout=30)


def _timed_get(url: str) -> float:
    start = time.monotonic()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
    return time.monotonic() - start


def test_issue_10_eight_costly_queries_do_not_slow_the_pages(tmp_path):
    """Two run (each in a worker, stopped at the timeout), two wait, four get 503 at once; the
    pages keep their own threads and the processor first, p95 < 500 ms."""
    with _malplan_serve(tmp_path / "store", SPARQL_TIMEOUT=8) as root:
        for page in PAGES:  # warm: caches filled, as on a running site
            _timed_get(root + page)
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            started = time.monotonic()
            costly = [pool.submit(_send, f"{root}/sparql", "GET", COSTLY) for _ in range(8)]
            time.sleep(1.0)  # all eight have arrived; two are running
            latencies = []
            while time.monotonic() - started < 6 and not all(future.done() for future in costly):
                for page in PAGES:
                    latencies.append(_timed_get(root + page))
            answers = [future.result() for future in costly]
        statuses = sorted(status for status, _ in answers)
        assert statuses.count(503) >= 4, statuses
        assert all(status in (400, 503) for status in statuses), statuses  # stopped or turned away
        assert len(latencies) >= 20, latencies
        p95 = statistics.quantiles(latencies, n=20)[-1]
        assert p95 < 0.5, (p95, sorted(latencies)[-5:])
        assert _send(f"{root}/sparql", "GET", "ASK { ?s ?p ?o }")[0] == 200  # and the endpoint is back
