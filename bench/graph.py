"""Benchmark of the overview graph in Chromium (Debian's, through Playwright): how long the
overview takes to be drawn and interactive, and how long a click takes to expand a node.

    python bench/graph.py --municipalities 0 98

0 is the Albertslund example; N > 0 generates N synthetic municipalities (bench/generate.py).
The server's caches are warmed by one request first, as after the first visitor. "drawn" is
the time from the start of navigation to vis-network's first frame (performance.now() in the
page); "expand" is from the click's handler to the next frame. Median and worst of 5 runs.
Targets at 98: drawn < 2 s, expand < 300 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

RUNS = 5
EXPAND = """async () => {
    const holder = document.getElementById('graph');
    const network = holder.malplanNetwork;
    const data = JSON.parse(document.getElementById('graph-data').textContent);
    const parents = new Set(data.nodes.flatMap(n => n.parents));
    const id = network.body.data.nodes.getIds().find(i => parents.has(i));
    const start = performance.now();
    const drawn = new Promise(done => network.once('afterDrawing', done));
    holder.malplanToggle(id);
    await drawn;
    return {ms: performance.now() - start, before: data.nodes.filter(n => !n.parents.length).length,
            after: network.body.data.nodes.length};
}"""


def run(municipalities: int, browser) -> None:
    import generate
    import waitress

    from malplan_graph import resources

    store = generate.store(municipalities, Path(tempfile.mkdtemp(prefix="malplan-graph-bench-")))
    app = resources.web_package().create_app({"STORE": store, "SECRET_KEY": "bench"})
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{server.effective_port}"
    start = time.perf_counter()
    with urllib.request.urlopen(base + "/graph") as response:
        size = len(response.read())
    print(f"{municipalities or 'example'}: {store.triple_count()} triples")
    print(
        f"  /graph, first request (computes the filters' names): {(time.perf_counter() - start) * 1000:.0f} ms;"
        f" page {size / 1000:.0f} kB"
    )
    drawn, expand = [], []
    for _ in range(RUNS):
        context = browser.new_context(viewport={"width": 1366, "height": 800})
        page = context.new_page()
        page.goto(base + "/graph")
        page.wait_for_selector("#graph[data-drawn]", state="attached")
        drawn.append(float(page.get_attribute("#graph", "data-drawn")))
        nodes = int(page.get_attribute("#graph", "data-nodes"))
        result = page.evaluate(EXPAND)
        expand.append(result["ms"])
        context.close()
    print(
        f"  overview drawn and interactive: median {statistics.median(drawn):.0f} ms, worst {max(drawn):.0f} ms"
        f" ({nodes} nodes at first)"
    )
    print(
        f"  expanding a node: median {statistics.median(expand):.0f} ms, worst {max(expand):.0f} ms"
        f" ({result['before']} → {result['after']} nodes)"
    )
    server.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--municipalities", type=int, nargs="+", default=[0, 98])
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        for n in parser.parse_args().municipalities:
            run(n, chromium)
        chromium.close()
