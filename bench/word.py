"""Benchmark of the Word import: 100 generated målplaner (.docx) into the example store.

    python bench/word.py --plans 100

Plans are written in the five layouts the tests know (the template's table, headings, bold
paragraphs, content controls, edited with tracked changes), each with its own workplaces,
signs, trial actions and dates; the time is `malplan import` on all of them at once.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", type=int, default=100)
    args = parser.parse_args()

    from malplan_graph.store import OxigraphStore
    from malplan_graph.word import importer
    from tests.core.word import builders

    work = Path(tempfile.mkdtemp(prefix="malplan-word-"))
    layouts = list(builders.LAYOUTS.values())
    paths = []
    for number in range(args.plans):
        answers = {
            **builders.ANSWERS,
            "goal": [f"Mål nummer {number}: flere børn læser hver dag i {2026 + number % 3}."],
            "signs": [f"Tegn {number}-{s}" for s in range(3)],
            "data": ["Bibliotekets udlånstal", "Observationer og elevsamtaler", f"Ny datakilde {number}"],
            "actions": [f"Herstedvester Skole: Prøvehandling {number}-{a}" for a in range(4)],
            "start": [f"{1 + number % 28}. august 2025"],
        }
        paths.append(layouts[number % len(layouts)](work / f"Målplan {number}.docx", answers))
    store = OxigraphStore(work / "store")
    start = time.perf_counter()
    results = importer.import_plans(store, paths)
    seconds = time.perf_counter() - start
    imported = sum(1 for result in results if result.ok)
    print(f"{imported} of {len(paths)} plans imported in {seconds:.2f} s ({1000 * seconds / len(paths):.0f} ms a plan)")


if __name__ == "__main__":
    main()
