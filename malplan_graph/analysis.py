"""Gaps in the chain and links across departments, computed from the store.

Gaps are named queries (one per kind); links are a bipartite networkx graph of workplaces and
what they work on, projected onto pairs of workplaces in different centres.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
from networkx.algorithms import bipartite
from rdflib.term import Literal, URIRef

from . import labels, queries
from .namespaces import MP, XSD

#: The kinds of gap, each a named query `gaps-<kind>.rq`, in the order they are shown.
GAP_KINDS = (
    "objectives-without-plan",
    "goals-without-sign",
    "signs-without-data",
    "actions-without-starter",
    "challenges-unaddressed",
    "evaluations-overdue",
)


@dataclass(frozen=True)
class Gap:
    """One gap: a resource that lacks what the model asks of it, and the plan it belongs to."""

    kind: str
    resource: URIRef
    label: str
    plan: URIRef | None
    plan_label: str

    def title(self, lang: str = "da") -> str:
        """What kind of gap this is, in `lang` (the title of its query)."""
        return gap_title(self.kind, lang)


def gap_title(kind: str, lang: str = "da") -> str:
    """The title of a kind of gap in `lang`."""
    return queries.get(f"gaps-{kind}").title(lang)


def gaps(store, *, today: dt.date | None = None, lang: str = "da") -> list[Gap]:
    """Every gap in the store, by kind in GAP_KINDS order, then by plan and label."""
    today = today or dt.date.today()
    found: list[Gap] = []
    for kind in GAP_KINDS:
        bindings = {"today": Literal(today.isoformat(), datatype=XSD.date)} if kind == "evaluations-overdue" else {}
        rows = queries.run(store, f"gaps-{kind}", **bindings)
        grouped: dict[tuple, dict[str, list]] = defaultdict(lambda: {"label": [], "plan_label": []})
        for row in rows:
            entry = grouped[(row["resource"], row.get("plan"))]
            if "label" in row:
                entry["label"].append(row["label"])
            if "planLabel" in row:
                entry["plan_label"].append(row["planLabel"])
        kind_gaps = [
            Gap(
                kind=kind,
                resource=resource,
                label=labels.best(entry["label"], lang, resource),
                plan=plan,
                plan_label=labels.best(entry["plan_label"], lang, plan) if plan is not None else "",
            )
            for (resource, plan), entry in grouped.items()
        ]
        found.extend(sorted(kind_gaps, key=lambda g: (g.plan_label, g.label)))
    return found


# --------------------------------------------------------------------------- links

#: How much each kind of shared thing weighs when pairs are ranked.
LINK_WEIGHTS = {"objective": 3, "trialAction": 2, "targetGroup": 1}
_KIND_CLASS = {"objective": MP.Objective, "trialAction": MP.TrialAction, "targetGroup": MP.TargetGroup}


@dataclass(frozen=True)
class Shared:
    """Something two workplaces share: an objective, a trial action or a target group."""

    kind: str
    iri: URIRef
    label: str


@dataclass(frozen=True)
class Party:
    """A workplace in a link, with its centre."""

    iri: URIRef
    label: str
    centre: URIRef
    centre_label: str


@dataclass
class CrossLink:
    """Two workplaces in different centres and what they share; `plans` they have in common."""

    a: Party
    b: Party
    shared: list[Shared] = field(default_factory=list)
    plans: list[URIRef] = field(default_factory=list)

    @property
    def score(self) -> int:
        """The ranking weight: objectives count 3, trial actions 2, target groups 1."""
        return sum(LINK_WEIGHTS[item.kind] for item in self.shared)

    @property
    def known(self) -> bool:
        """True when the two already work together in a plan."""
        return bool(self.plans)

    def of_kind(self, kind: str) -> list[Shared]:
        """The shared things of one kind."""
        return [item for item in self.shared if item.kind == kind]


def workplace_graph(store) -> nx.Graph:
    """The bipartite graph of workplaces (bipartite=0) and what they work on (bipartite=1)."""
    graph = nx.Graph()
    for row in queries.run(store, "link-rows"):
        workplace, thing = row["workplace"], (row["kind"].toPython(), row["thing"])
        if workplace not in graph:
            graph.add_node(
                workplace, bipartite=0, centre=row["centre"], municipality=row.get("municipality"), plans=set()
            )
        graph.add_node(thing, bipartite=1)
        graph.add_edge(workplace, thing)
        graph.nodes[workplace]["plans"].add(row["plan"])
    return graph


def links(store, *, lang: str = "da", new_only: bool = False) -> list[CrossLink]:
    """Pairs of workplaces in different centres (of one municipality) that share objectives,
    trial actions or target groups, highest score first. `new_only` drops pairs that already
    share a plan."""
    graph = workplace_graph(store)
    workplaces = [n for n, d in graph.nodes(data=True) if d["bipartite"] == 0]
    projected = bipartite.projected_graph(graph, workplaces)
    names = _names(store, lang)
    found = []
    for u, v in projected.edges():
        du, dv = graph.nodes[u], graph.nodes[v]
        if du["centre"] == dv["centre"]:
            continue
        if du["municipality"] is not None and du["municipality"] != dv["municipality"]:
            continue
        a, b = sorted((u, v), key=lambda n: (names.get(n, str(n)), str(n)))
        plans = sorted(graph.nodes[a]["plans"] & graph.nodes[b]["plans"])
        if new_only and plans:
            continue
        shared = sorted(
            (Shared(kind, iri, names.get(iri, labels.local_name(iri))) for kind, iri in set(graph[u]) & set(graph[v])),
            key=lambda s: (-LINK_WEIGHTS[s.kind], s.label),
        )
        found.append(CrossLink(a=_party(graph, a, names), b=_party(graph, b, names), shared=shared, plans=plans))
    return sorted(found, key=lambda link: (-link.score, link.a.label, link.b.label))


def _party(graph: nx.Graph, node: URIRef, names: dict) -> Party:
    centre = graph.nodes[node]["centre"]
    return Party(node, names.get(node, labels.local_name(node)), centre, names.get(centre, labels.local_name(centre)))


def _names(store, lang: str) -> dict[URIRef, str]:
    """Labels of the workplaces, centres and shared things, in `lang`."""
    collected: dict[URIRef, list[Literal]] = defaultdict(list)
    for cls in (MP.Workplace, MP.Centre, *_KIND_CLASS.values()):
        for row in queries.run(store, "labels-of-kind", **{"class": cls}):
            collected[row["resource"]].append(row["label"])
    return {iri: labels.best(values, lang, iri) for iri, values in collected.items()}
