"""Benchmark of the SPARQL endpoint against the raw store: the same ten queries, median times.

    python bench/sparql.py --municipalities 98

The endpoint's time is a real HTTP request through waitress and a query worker process; the
store's is pyoxigraph in the same process, serialised to the same SPARQL JSON.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import median_ms  # noqa: E402

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--municipalities", type=int, default=98)
    args = parser.parse_args()

    import generate
    import waitress

    from malplan_graph import resources
    from malplan_graph.namespaces import PREFIXES
    from malplan_graph.store import OxigraphStore

    work = Path(tempfile.mkdtemp(prefix="malplan-sparql-bench-"))
    generate.generate(args.municipalities, work / "data.nt")
    store = OxigraphStore(work / "store", example=False)
    store.load([work / "data.nt"])
    app = resources.web_package().create_app({"STORE": store, "SECRET_KEY": "bench", "SPARQL_MAX_BYTES": 500_000_000})
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    url = f"http://127.0.0.1:{server.effective_port}/sparql"

    def over_http(query: str) -> None:
        request = urllib.request.Request(
            url + "?" + urllib.parse.urlencode({"query": query}), headers={"Accept": "application/sparql-results+json"}
        )
        with urllib.request.urlopen(request) as response:
            response.read()

    print(f"{args.municipalities} municipalities, {store.triple_count()} triples")
    ratios = []
    for query in QUERIES:
        raw = median_ms(lambda q=query: store.query_any(q, prefixes=PREFIXES))
        http = median_ms(lambda q=query: over_http(q))
        ratios.append(http / raw)
        print(f"  store {raw:8.1f} ms   endpoint {http:8.1f} ms   ×{http / raw:5.2f}   {query[:60]}")
    total_raw = sum(r for r in ratios)
    print(f"  median overhead ×{statistics.median(ratios):.2f}; mean ×{total_raw / len(ratios):.2f}")
    server.close()
    app.extensions["malplan_queries"].close()


if __name__ == "__main__":
    main()
