"""Benchmark of the core at stated scales: load, trace, validation, gaps, links, memory.

    python bench/core.py --municipalities 1 10 98

Each scale runs in a fresh process (so peak memory is that scale's own): it generates the
synthetic municipalities (bench/generate.py), loads them into a new on-disk store and times
each operation. Times of quick operations are the median of several runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import median_ms  # noqa: E402

TODAY = dt.date(2026, 11, 24)


def run_one(municipalities: int, plans: int) -> dict:
    """Measure one scale in this process."""
    import generate
    from rdflib import URIRef

    from malplan_graph import analysis, trace, validate
    from malplan_graph.store import OxigraphStore

    work = Path(tempfile.mkdtemp(prefix="malplan-bench-"))
    data = work / "data.nt"
    generated = generate.generate(municipalities, data, plans)
    store = OxigraphStore(work / "store", example=False)

    start = time.perf_counter()
    store.load([data])
    load_s = time.perf_counter() - start
    figures: dict = {
        "municipalities": municipalities,
        "generated": generated,
        "triples": store.triple_count(),
        "load_s": round(load_s, 2),
    }

    middle = municipalities // 2 + 1
    base = f"https://data.example.dk/k{middle:03d}/"
    action = URIRef(base + "action/3-0-0")
    vision = URIRef(base + "vision")
    paths = trace.trace_up(store, action).paths
    assert paths and paths[0][-1] == vision, paths
    objective = paths[0][2]  # trial action → goal → objective → vision
    figures["trace_up_ms"] = round(median_ms(lambda: trace.trace_up(store, action), 15), 2)
    figures["trace_down_objective_ms"] = round(median_ms(lambda: trace.trace_down(store, objective), 5), 1)
    figures["trace_down_vision_ms"] = round(median_ms(lambda: trace.trace_down(store, vision), 3), 1)

    one_plan = [URIRef(base + f"plan/{n}") for n in range(10)]
    validate.validate_plan(store, one_plan[0], today=TODAY)
    times = []
    for plan in one_plan:
        start = time.perf_counter()
        validate.validate_plan(store, plan, today=TODAY)
        times.append((time.perf_counter() - start) * 1000)
    figures["validate_one_ms"] = round(statistics.median(times), 1)

    start = time.perf_counter()
    reports = validate.validate_plans(store, today=TODAY)
    figures["validate_all_s"] = round(time.perf_counter() - start, 2)
    figures["plans"] = len(reports)
    figures["plans_conforming"] = sum(1 for report in reports if report.conforms)

    start = time.perf_counter()
    found = analysis.gaps(store, today=TODAY)
    figures["gaps_s"] = round(time.perf_counter() - start, 3)
    figures["gaps"] = len(found)

    start = time.perf_counter()
    pairs = analysis.links(store)
    figures["links_s"] = round(time.perf_counter() - start, 2)
    figures["links"] = len(pairs)

    # The main process's peak (the validation workers are separate processes, not counted).
    figures["peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return figures


COLUMNS = [
    ("municipalities", "municipalities"),
    ("triples", "triples"),
    ("load_s", "load s"),
    ("trace_up_ms", "trace up ms"),
    ("trace_down_objective_ms", "down objective ms"),
    ("trace_down_vision_ms", "down vision ms"),
    ("validate_one_ms", "validate 1 ms"),
    ("plans", "plans"),
    ("validate_all_s", "validate all s"),
    ("gaps_s", "gaps s"),
    ("links_s", "links s"),
    ("links", "pairs"),
    ("peak_memory_mb", "peak MB"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--municipalities", type=int, nargs="+", default=[1, 10, 98])
    parser.add_argument("--plans", type=int, default=35, help="goal plans per municipality")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(run_one(args.one, args.plans)))
        return
    rows = []
    for n in args.municipalities:
        output = subprocess.run(
            [sys.executable, __file__, "--one", str(n), "--plans", str(args.plans)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        rows.append(json.loads(output.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), file=sys.stderr)
    widths = [max(len(title), *(len(str(row[key])) for row in rows)) for key, title in COLUMNS]
    print("  ".join(title.rjust(w) for (_, title), w in zip(COLUMNS, widths, strict=True)))
    for row in rows:
        print("  ".join(str(row[key]).rjust(w) for (key, _), w in zip(COLUMNS, widths, strict=True)))


if __name__ == "__main__":
    main()
