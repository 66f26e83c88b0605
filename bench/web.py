"""Benchmark of the web app: page response times through a real waitress server on loopback.

    python bench/web.py --municipalities 0 98

0 is the Albertslund example; N > 0 generates N synthetic municipalities (bench/generate.py).
Prints p50 and p95 of resource pages, of resources' data by content negotiation (Turtle, JSON-LD,
RDF/XML and N-Triples in turn), plan pages and the graph page of one politik, and the front
page and På tværs both uncached (after a write) and cached.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _get(base: str, path: str, accept: str = "text/html", **params: str) -> float:
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    start = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept})) as response:
        response.read()
        assert response.status == 200, url
    return (time.perf_counter() - start) * 1000


def _percentiles(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return f"p50 {statistics.median(ordered):.0f} ms, p95 {p95:.0f} ms ({len(ordered)} requests)"


def run(municipalities: int) -> None:
    import generate
    import waitress

    from malplan_graph import queries, resources
    from malplan_graph.namespaces import MP

    store = generate.store(municipalities, Path(tempfile.mkdtemp(prefix="malplan-web-bench-")))
    app = resources.web_package().create_app({"STORE": store, "SECRET_KEY": "bench"})
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{server.effective_port}"

    def instances(cls) -> list[str]:
        return [str(row["resource"]) for row in queries.run(store, "instances", **{"class": cls})]

    rng = random.Random(1)
    sample = []
    for cls in (MP.Workplace, MP.Objective, MP.Goal, MP.TrialAction, MP.Sign, MP.Policy, MP.TargetGroup):
        found = instances(cls)
        sample += rng.sample(found, min(len(found), 30))
    plans = rng.sample(instances(MP.GoalPlan), min(len(instances(MP.GoalPlan)), 40))
    policies = rng.sample(instances(MP.Policy), min(len(instances(MP.Policy)), 20))

    print(f"{municipalities or 'example'}: {store.triple_count()} triples")
    start = time.perf_counter()
    first = _get(base, "/")
    print(f"  front page, first: {first:.0f} ms; again: {_get(base, '/'):.0f} ms")
    while "beregnes" in urllib.request.urlopen(base + "/validation").read().decode("utf-8"):
        time.sleep(1)
    print(
        f"  every plan validated (in the background beyond 200 plans) after {time.perf_counter() - start:.1f} s;"
        f" front page then: {_get(base, '/'):.0f} ms"
    )
    first = _get(base, "/links")
    print(f"  På tværs, first (ranks every pair): {first:.0f} ms; cached: {_get(base, '/links'):.0f} ms")
    _get(base, "/graph")
    print(f"  resource pages: {_percentiles([_get(base, '/resource', uri=iri) for iri in sample])}")
    kinds = ("text/turtle", "application/ld+json", "application/rdf+xml", "application/n-triples")
    data = [_get(base, "/resource", accept=kinds[i % 4], uri=iri) for i, iri in enumerate(sample + plans)]
    print(f"  resource data by content negotiation: {_percentiles(data)}")
    print(f"  plan pages (with validation): {_percentiles([_get(base, '/plan', uri=iri) for iri in plans])}")
    print(f"  graph page of one politik: {_percentiles([_get(base, '/graph', policy=iri) for iri in policies])}")
    server.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--municipalities", type=int, nargs="+", default=[0, 98])
    for n in parser.parse_args().municipalities:
        run(n)
