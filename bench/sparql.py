"""Benchmark of the SPARQL endpoint against the raw store: the same ten queries, median times.

    python bench/sparql.py --municipalities 98

The endpoint's time is a real HTTP request through waitress and a query worker process, from a
client in a process of its own on one kept-alive connection (as SPARQLWrapper, curl or a
browser would be); the store's is pyoxigraph in that client process, serialised to the same
SPARQL JSON. The two alternate, query by query, so both meet the same machine.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import statistics
import sys
import tempfile
import threading
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import timed_ms  # noqa: E402

QUERIES = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?p a mp:GoalPlan }",
    "SELECT ?p ?l WHERE { ?p a mp:GoalPlan ; rdfs:label ?l } LIMIT 1000",
    "SELECT ?o (COUNT(?p) AS ?n) WHERE { ?p mp:objective ?o } GROUP BY ?o ORDER BY DESC(?n) LIMIT 100",
    "SELECT ?w ?c WHERE { ?w mp:centre ?c } LIMIT 2000",
    "SELECT ?s WHERE { ?s a mp:Sign . MINUS { ?s mp:documentedBy ?d } } LIMIT 1000",
    "SELECT ?a ?g WHERE { ?a mp:servesGoal ?g } LIMIT 2000",
    "SELECT ?node WHERE { <https://data.example.dk/k050/action/3-0-0> mp:contributesTo* ?node }",
    "SELECT ?s (COUNT(?o) AS ?n) WHERE { ?o mp:observedSign ?s } GROUP BY ?s LIMIT 100",
    "ASK { ?v a mp:Vision }",
    "SELECT ?p ?t WHERE { ?p mp:targetGroup ?t } LIMIT 2000",
]


def measure(port: int, store_path: str, queries: list[str], rounds: int = 15) -> list[tuple[float, float]]:
    """In a client process of its own: each query's median time on the store (opened here) and
    through the endpoint, in alternation, round after round, so both meet the same machine."""
    from malplan_graph.namespaces import PREFIXES
    from malplan_graph.store import OxigraphStore

    store = OxigraphStore(store_path)
    connection = http.client.HTTPConnection("127.0.0.1", port)

    def ask(query: str) -> None:
        connection.request(
            "GET",
            "/sparql?" + urllib.parse.urlencode({"query": query}),
            headers={"Accept": "application/sparql-results+json"},
        )
        response = connection.getresponse()
        response.read()
        assert response.status == 200, response.status

    figures = []
    for query in queries:
        raw, endpoint = [], []
        store.query_any(query, prefixes=PREFIXES)
        ask(query)
        for _ in range(rounds):
            raw.append(timed_ms(lambda q=query: store.query_any(q, prefixes=PREFIXES)))
            endpoint.append(timed_ms(lambda q=query: ask(q)))
        figures.append((statistics.median(raw), statistics.median(endpoint)))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--municipalities", type=int, default=98)
    args = parser.parse_args()

    import generate
    import waitress

    from malplan_graph import resources

    store = generate.store(args.municipalities, Path(tempfile.mkdtemp(prefix="malplan-sparql-bench-")))
    app = resources.web_package().create_app({"STORE": store, "SECRET_KEY": "bench", "SPARQL_MAX_BYTES": 500_000_000})
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()

    print(f"{args.municipalities} municipalities, {store.triple_count()} triples")
    with multiprocessing.get_context("spawn").Pool(1) as client:
        figures = client.apply(measure, (server.effective_port, str(store.path), QUERIES))
    raw = [r for r, _ in figures]
    endpoint = [e for _, e in figures]
    ratios = [e / r for r, e in figures]
    for query, (r, e) in zip(QUERIES, figures, strict=True):
        print(f"  store {r:8.1f} ms   endpoint {e:8.1f} ms   ×{e / r:5.2f}   +{e - r:4.1f} ms   {query[:50]}")
    print(
        f"  all ten: store {sum(raw):.1f} ms, endpoint {sum(endpoint):.1f} ms, ×{sum(endpoint) / sum(raw):.2f}; "
        f"median ×{statistics.median(ratios):.2f}; queries over 5 ms: worst "
        f"×{max((e / r for r, e in figures if r > 5), default=0):.2f}; fixed cost median "
        f"{statistics.median(e - r for r, e in figures):.1f} ms"
    )
    server.close()
    app.extensions["malplan_queries"].close()


if __name__ == "__main__":
    main()
