"""Benchmark of the tolerant name matching (issue 11 §1): 100 generated målplaner (.docx) that
name things the way people write them, imported into a store holding the names of 98
synthetic municipalities (generate.py) beside the Albertslund example.

    python bench/names.py --municipalities 98 --plans 100

Every plan names workplaces, a manager, target groups, a policy, data sources and starters in
the forms issue 11 lists (definite and indefinite forms, -centret/-centeret, a post with its
holder, "og"/"&", lists with commas, abbreviations) and a few names of its own, some near a
known one (suggestions). By default the municipalities carry their organisation and no plans
(`--plans-per-municipality 35` for the full 2 million triples); the time is
`importer.import_plans` on all plans at once, reading, matching, validating and writing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

WORKPLACES = [
    "Ejendomscenteret, Sundhedscenteret",
    "Herstedvester skole og Biblioteket",
    "Team Klima & Energi",
    "PPR",
    "Plejecenteret Humlehaven",
    "Center for By, Miljø og Teknik",
    "Albertslund Idrætsforening",
]
OWNERS = ["Skolechef Lene Vestergaard", "Lene Vestergaard, skolechef", "Jobcenterchef Karim Nasser", "Skolechefen"]
GROUPS = ["Børn, unge og deres forældre", "Skolebørn og Familier med børn", "Ældre", "Unge 15-25 år"]
POLICIES = ["Børne- og ungepolitikken", "Sundhedspolitikken", "Budgetaftale 2025", "Klima & bæredygtighedspolitik"]


def answers(number: int) -> dict:
    from tests.core.word import builders

    return {
        **builders.ANSWERS,
        "workplaces": [WORKPLACES[number % len(WORKPLACES)], WORKPLACES[(number + 3) % len(WORKPLACES)]],
        "owner": [OWNERS[number % len(OWNERS)]],
        "target-groups": [GROUPS[number % len(GROUPS)], f"Nye borgere i bydel {number % 9}"],
        "policy": [POLICIES[number % len(POLICIES)]],
        "goal": [f"Mål nummer {number}: flere børn læser hver dag i {2026 + number % 3}."],
        "signs": [f"Tegn {number}-{s}" for s in range(3)],
        "data": ["Bibliotekets udlånstal", "Observationer og elevsamtaler", f"Ny datakilde {number}"],
        "actions": [f"Herstedvester Skole: Prøvehandling {number}-{a}" for a in range(3)],
        "starters": [f"Biblioteket og Læseforeningen {number % 5}: Prøvehandling {number}-1"],
        "start": [f"{1 + number % 28}. august 2025"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--municipalities", type=int, default=98)
    parser.add_argument("--plans", type=int, default=100)
    parser.add_argument("--plans-per-municipality", type=int, default=0)
    args = parser.parse_args()

    from generate import generate

    from malplan_graph.store import OxigraphStore
    from malplan_graph.word import importer
    from malplan_graph.word.names import NameIndex
    from tests.core.word import builders

    work = Path(tempfile.mkdtemp(prefix="malplan-names-"))
    layouts = list(builders.LAYOUTS.values())
    paths = [layouts[n % len(layouts)](work / f"Målplan {n}.docx", answers(n)) for n in range(args.plans)]
    triples = generate(args.municipalities, work / "data.nt", plans=args.plans_per_municipality)
    store = OxigraphStore(work / "store")
    store.load([work / "data.nt"])
    start = time.perf_counter()
    index = NameIndex(store)
    index_seconds = time.perf_counter() - start
    names = sum(len(keys) for keys in index.names.values())
    start = time.perf_counter()
    results = importer.import_plans(store, paths)
    seconds = time.perf_counter() - start
    imported = sum(1 for result in results if result.ok)
    suggestions = sum(len(result.suggestions) for result in results)
    created = sum(len(result.created) for result in results)
    print(
        f"{args.municipalities} municipalities ({triples:,} triples, {names:,} names in the index, "
        f"built in {index_seconds:.2f} s): {imported} of {len(paths)} plans imported in {seconds:.2f} s "
        f"({1000 * seconds / len(paths):.0f} ms a plan); {created} resources created, {suggestions} suggestions"
    )


if __name__ == "__main__":
    main()
