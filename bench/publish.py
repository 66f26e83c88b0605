"""Benchmark of `malplan publish`: the static site of N synthetic municipalities.

    python bench/publish.py --municipalities 0 1 10

0 is the Albertslund example. Prints the resources, the files written, the seconds, the files
a second and the site's size.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def run(municipalities: int) -> None:
    from importlib import import_module

    import generate

    from malplan_graph import describe, resources

    work = Path(tempfile.mkdtemp(prefix="malplan-publish-bench-"))
    store = generate.store(municipalities, work)
    writer = import_module(resources.web_package().__name__ + ".site")
    start = time.perf_counter()
    count = writer.write_site(store, work / "site")
    seconds = time.perf_counter() - start
    size = sum(path.stat().st_size for path in (work / "site").rglob("*") if path.is_file())
    print(
        f"{municipalities or 'example'}: {store.triple_count()} triples, {len(describe.resources(store))} resources; "
        f"{count} files in {seconds:.1f} s ({count / seconds:.0f} a second), {size / 1e6:.0f} MB"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--municipalities", type=int, nargs="+", default=[0, 1, 10])
    for n in parser.parse_args().municipalities:
        run(n)
