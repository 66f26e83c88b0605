"""Synthetic municipalities for the benchmarks, written as N-Triples.

Each municipality is shaped like the Albertslund example, larger: a vision, 8 challenges,
8 policies and a budget agreement, 24 objectives, 8 centres with 120 workplaces, 12 target
groups, 40 data sources and `plans` goal plans (default 35) with every field of the template
filled. Behind every sign lie monthly observations over three years (RDF Data Cube), as a
municipality that publishes its data would have. 98 municipalities ≈ 2 million triples.

    python bench/generate.py 98 out/national.nt
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

MP = "https://w3id.org/malplan/def#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
QB = "http://purl.org/linked-data/cube#"
XSD = "http://www.w3.org/2001/XMLSchema#"

WORDS = [
    "trivsel",
    "læsning",
    "bevægelse",
    "klima",
    "affald",
    "fællesskab",
    "ensomhed",
    "job",
    "natur",
    "sundhed",
    "kultur",
    "uddannelse",
    "energi",
    "inklusion",
    "tryghed",
    "mad",
]


def _iri(value: str) -> str:
    return f"<{value}>"


def _text(value: str, lang: str = "da") -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@{lang}'


def _typed(value: str, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


def municipality(number: int, plans: int, rng: random.Random) -> list[str]:
    """The triples of one synthetic municipality, as N-Triples lines."""
    base = f"https://data.example.dk/k{number:03d}/"
    lines: list[str] = []

    def add(s: str, p: str, o: str) -> None:
        lines.append(f"<{base}{s}> <{p}> {o} .")

    def node(path: str) -> str:
        return _iri(base + path)

    add("municipality", RDF_TYPE, _iri(MP + "Municipality"))
    add("municipality", LABEL, _text(f"Kommune {number}"))
    add("vision", RDF_TYPE, _iri(MP + "Vision"))
    add("vision", LABEL, _text(f"Vision for kommune {number}"))
    add("vision", MP + "municipality", node("municipality"))
    for c in range(8):
        add(f"challenge/{c}", RDF_TYPE, _iri(MP + "Challenge"))
        add(f"challenge/{c}", LABEL, _text(f"Udfordring {c}: {WORDS[c]}"))
    for p in range(9):
        kind = "BudgetAgreement" if p == 8 else "Policy"
        add(f"policy/{p}", RDF_TYPE, _iri(MP + kind))
        add(f"policy/{p}", LABEL, _text(f"Politik {p} om {WORDS[p]}" if p < 8 else "Budgetaftale"))
        add(f"policy/{p}", MP + "pursues", node("vision"))
        add(f"policy/{p}", MP + "addresses", node(f"challenge/{p % 8}"))
    for o in range(24):
        add(f"objective/{o}", RDF_TYPE, _iri(MP + "Objective"))
        add(f"objective/{o}", LABEL, _text(f"Målsætning {o} om {WORDS[o % len(WORDS)]}"))
        add(f"objective/{o}", MP + "statedIn", node(f"policy/{o % 9}"))
        add(f"objective/{o}", MP + "concretises", node("vision"))
        if o % 3:
            add(f"objective/{o}", MP + "addresses", node(f"challenge/{o % 8}"))
    for c in range(8):
        add(f"centre/{c}", RDF_TYPE, _iri(MP + "Centre"))
        add(f"centre/{c}", LABEL, _text(f"Center {c}"))
        add(f"centre/{c}", MP + "inMunicipality", node("municipality"))
    for w in range(120):
        add(f"workplace/{w}", RDF_TYPE, _iri(MP + "Workplace"))
        add(f"workplace/{w}", LABEL, _text(f"Arbejdsplads {w} i kommune {number}"))
        add(f"workplace/{w}", MP + "centre", node(f"centre/{w % 8}"))
    for m in range(20):
        add(f"manager/{m}", RDF_TYPE, _iri(MP + "Manager"))
        add(f"manager/{m}", LABEL, _text(f"Chef {m}"))
        add(f"manager/{m}", "http://www.w3.org/ns/org#postIn", node(f"centre/{m % 8}"))
    for f in range(10):
        add(f"partner/{f}", RDF_TYPE, _iri(MP + "Partner"))
        add(f"partner/{f}", LABEL, _text(f"Forening {f}"))
    for t in range(12):
        add(f"target-group/{t}", RDF_TYPE, _iri(MP + "TargetGroup"))
        add(f"target-group/{t}", PREF, _text(f"Målgruppe {t}"))
    for d in range(40):
        add(f"data/{d}", RDF_TYPE, _iri(MP + "DataSource"))
        add(f"data/{d}", LABEL, _text(f"Datakilde {d}"))
        add(f"data/{d}", MP + "observations", node(f"dataset/{d}"))
        add(f"dataset/{d}", RDF_TYPE, _iri(QB + "DataSet"))
        add(f"dataset/{d}", QB + "structure", _iri(MP + "signObservationStructure"))

    observation = 0
    for n in range(plans):
        plan = f"plan/{n}"
        objective = rng.randrange(24)
        workplaces = rng.sample(range(120), rng.randint(2, 5))
        start_year = rng.choice([2024, 2025, 2026])
        end_year = start_year + rng.randint(1, 3)
        add(plan, RDF_TYPE, _iri(MP + "GoalPlan"))
        add(plan, LABEL, _text(f"Målplan {n} om {WORDS[objective % len(WORDS)]}"))
        add(plan, MP + "municipality", node("municipality"))
        for w in workplaces:
            add(plan, MP + "workplace", node(f"workplace/{w}"))
        if n % 10 != 9:  # one plan in ten is incomplete: no owner
            add(plan, MP + "owner", node(f"manager/{rng.randrange(20)}"))
        for t in rng.sample(range(12), rng.randint(1, 3)):
            add(plan, MP + "targetGroup", node(f"target-group/{t}"))
        add(plan, MP + "policy", node(f"policy/{objective % 9}"))
        add(plan, MP + "objective", node(f"objective/{objective}"))
        partner = rng.randrange(10)
        add(plan, MP + "partner", node(f"partner/{partner}"))
        for g in range(rng.randint(1, 2)):
            goal = f"goal/{n}-{g}"
            add(plan, MP + "goal", node(goal))
            add(goal, RDF_TYPE, _iri(MP + "Goal"))
            add(goal, LABEL, _text(f"Mål {g} for målplan {n}: flere borgere oplever {WORDS[(n + g) % len(WORDS)]}"))
            add(goal, MP + "rationale", _text("Fordi data viser, at det gør en forskel for målgruppen."))
            add(goal, MP + "fulfils", node(f"objective/{objective}"))
            for s in range(rng.randint(1, 2)):
                sign = f"sign/{n}-{g}-{s}"
                data = rng.randrange(40)
                add(plan, MP + "sign", node(sign))
                add(sign, RDF_TYPE, _iri(MP + "Sign"))
                add(sign, LABEL, _text(f"Tegn {s} på mål {g} i målplan {n}"))
                add(sign, MP + "signOf", node(goal))
                if n % 10 != 8:  # one plan in ten has a sign without data
                    add(sign, MP + "documentedBy", node(f"data/{data}"))
                for year in range(start_year, end_year + 1):
                    for month in range(1, 13):
                        obs = f"observation/{observation}"
                        observation += 1
                        add(obs, RDF_TYPE, _iri(QB + "Observation"))
                        add(obs, QB + "dataSet", node(f"dataset/{data}"))
                        add(obs, MP + "observedSign", node(sign))
                        add(obs, MP + "refPeriod", _typed(f"{year}-{month:02d}-01", "date"))
                        add(obs, MP + "observedWorkplace", node(f"workplace/{workplaces[0]}"))
                        add(obs, MP + "observedValue", _typed(str(rng.randint(20, 95)), "decimal"))
            for a in range(rng.randint(2, 3)):
                action = f"action/{n}-{g}-{a}"
                add(plan, MP + "trialAction", node(action))
                add(action, RDF_TYPE, _iri(MP + "TrialAction"))
                add(action, LABEL, _text(f"Prøvehandling {a} for mål {g} i målplan {n}"))
                add(action, MP + "servesGoal", node(goal))
                starters = rng.sample(workplaces, min(len(workplaces), rng.randint(1, 2)))
                for w in starters:
                    add(action, MP + "startedBy", node(f"workplace/{w}"))
                if a == 2:
                    add(action, MP + "startedBy", node(f"partner/{partner}"))
        mplan = f"milestone-plan/{n}"
        add(plan, MP + "milestonePlan", node(mplan))
        add(mplan, RDF_TYPE, _iri(MP + "MilestonePlan"))

        def milestone(name: str, kind: str, prop: str, date: str, n: int = n, mplan: str = mplan) -> None:
            path = f"milestone/{n}-{name}"
            add(mplan, MP + prop, node(path))
            add(path, RDF_TYPE, _iri(MP + kind))
            add(path, MP + "date", _typed(date, "date"))
            add(path, MP + "dateText", _text(date))

        milestone("start", "ActionStart", "actionStart", f"{start_year}-09-01")
        milestone("end", "ExpectedFulfilment", "expectedFulfilment", f"{end_year}-06-01")
        milestone("eval-1", "InterimEvaluation", "interimEvaluation", f"{start_year + 1}-02-01")
        for year in range(start_year + 1, end_year):
            milestone(f"status-{year}", "StatusReport", "statusReport", f"{year}-08-15")
        if start_year < 2026:
            evaluation = f"evaluation/{n}"
            add(plan, MP + "evaluation", node(evaluation))
            add(evaluation, RDF_TYPE, _iri(MP + "Evaluation"))
            add(evaluation, MP + "date", _typed(f"{start_year + 1}-02-20", "date"))
            add(evaluation, MP + "degreeOfFulfilment", _text("Delvist indfriet."))
            add(evaluation, MP + "effects", _text("Flere deltager; færre falder fra."))
            learning = f"learning/{n}"
            add(plan, MP + "learning", node(learning))
            add(learning, RDF_TYPE, _iri(MP + "Learning"))
            add(learning, MP + "insights", _text("Samarbejdet på tværs gør en forskel."))
            add(learning, MP + "actionsToKeep", _text("Alle fastholdes."))
            add(learning, MP + "collaboration", _text("Faste møder har hjulpet."))
    return lines


def generate(municipalities: int, path: Path, plans: int = 35, seed: int = 1) -> int:
    """Write `municipalities` synthetic municipalities to `path`; returns the number of triples."""
    rng = random.Random(seed)
    count = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        for number in range(1, municipalities + 1):
            lines = municipality(number, plans, rng)
            count += len(lines)
            out.write("\n".join(lines))
            out.write("\n")
    return count


def store(municipalities: int, work: Path):
    """A new store in the folder `work`: `municipalities` synthetic ones, or the Albertslund
    example for 0."""
    from malplan_graph.store import OxigraphStore

    if not municipalities:
        return OxigraphStore(work / "store")
    generate(municipalities, work / "data.nt")
    loaded = OxigraphStore(work / "store", example=False)
    loaded.load([work / "data.nt"])
    return loaded


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("municipalities", type=int)
    parser.add_argument("path", type=Path)
    parser.add_argument("--plans", type=int, default=35, help="goal plans per municipality")
    args = parser.parse_args()
    print(f"{generate(args.municipalities, args.path, args.plans)} triples written to {args.path}")
