"""Gaps in the chain and links across departments, computed from the store.

Gaps are named queries (one per kind); links are a bipartite networkx graph of workplaces and
what they work on, projected onto pairs of workplaces in different centres.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
from rdflib.term import Literal, URIRef

from . import labels, queries
from .namespaces import MP, XSD
from .trace import level_of

#: The kinds of gap, each a named query `gaps-<kind>.rq`, in the order they are shown.
GAP_KINDS = (
    "not-reaching-vision",
    "objectives-without-plan",
    "goals-without-sign",
    "signs-without-data",
    "actions-without-starter",
    "challenges-unaddressed",
    "evaluations-overdue",
)


@dataclass(frozen=True)
class Stop:
    """Where a chain ends short of the vision: the last resource reached, and its level."""

    iri: URIRef
    label: str
    level: URIRef | None
    level_label: str


@dataclass(frozen=True)
class Gap:
    """One gap: a resource that lacks what the model asks of it, and the plan it belongs to;
    for a chain that does not reach the vision, where it stops."""

    kind: str
    resource: URIRef
    label: str
    plan: URIRef | None
    plan_label: str
    stops: tuple[Stop, ...] = ()

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
        grouped: dict[tuple, dict[str, list]] = defaultdict(lambda: {"label": [], "plan_label": [], "stops": set()})
        stops: dict[URIRef, dict[str, set]] = defaultdict(lambda: {"types": set(), "labels": set()})
        for row in rows:
            entry = grouped[(row["resource"], row.get("plan"))]
            if "label" in row:
                entry["label"].append(row["label"])
            if "planLabel" in row:
                entry["plan_label"].append(row["planLabel"])
            if "stop" in row:
                entry["stops"].add(row["stop"])
                stops[row["stop"]]["types"].update([row["stopType"]] if "stopType" in row else [])
                stops[row["stop"]]["labels"].update([row["stopLabel"]] if "stopLabel" in row else [])
        ends = {iri: _stop(iri, found["types"], found["labels"], lang) for iri, found in stops.items()}
        kind_gaps = [
            Gap(
                kind=kind,
                resource=resource,
                label=labels.best(entry["label"], lang, resource),
                plan=plan,
                plan_label=labels.best(entry["plan_label"], lang, plan) if plan is not None else "",
                stops=tuple(sorted((ends[stop] for stop in entry["stops"]), key=lambda end: (end.label, end.iri))),
            )
            for (resource, plan), entry in grouped.items()
        ]
        found.extend(sorted(kind_gaps, key=lambda g: (g.plan_label, g.label)))
    return found


def _stop(iri: URIRef, types: set, names: set, lang: str) -> Stop:
    level = level_of(types)
    return Stop(iri, labels.best(names, lang, iri), level, labels.label(level, lang) if level is not None else "")


def level_counts(store, lang: str = "da") -> list[tuple[URIRef, str, int]]:
    """How many resources there are of each class of the ontology, in the chain's order."""
    from .trace import CHAIN_ORDER

    counts = {row["class"]: int(row["count"]) for row in queries.run(store, "counts")}
    ordered = sorted(counts, key=lambda c: (CHAIN_ORDER.index(c) if c in CHAIN_ORDER else len(CHAIN_ORDER), str(c)))
    return [(cls, labels.label(cls, lang), counts[cls]) for cls in ordered]


# --------------------------------------------------------------------------- links

#: The class of each kind of shared thing.
KIND_CLASS = {"objective": MP.Objective, "trialAction": MP.TrialAction, "targetGroup": MP.TargetGroup}
#: How much each kind of shared thing weighs when pairs are ranked.
LINK_WEIGHTS = {"objective": 3, "trialAction": 2, "targetGroup": 1}


@dataclass(frozen=True)
class Shared:
    """Something two workplaces share: an objective, a trial action or a target group."""

    kind: str
    iri: URIRef
    label: str

    def kind_label(self, lang: str = "da") -> str:
        """The class of the shared thing, as the ontology names it."""
        return labels.label(KIND_CLASS[self.kind], lang)


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
    shared: tuple[Shared, ...] = ()
    plans: tuple[URIRef, ...] = ()

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
    """The bipartite graph of workplaces (bipartite=0, with their centre, municipality and plans)
    and what they work on (bipartite=1: a (kind, IRI) pair): the objective and target groups of
    each plan a workplace takes part in, and each trial action it starts. Nodes are strings."""

    def pairs(predicate: URIRef) -> list[tuple[str, str]]:
        return [(subject, value) for subject, value, _ in store.statements(predicate)]

    centre = dict(pairs(MP.centre))
    municipality = dict(pairs(MP.inMunicipality))
    workplaces_of: dict[str, list[str]] = defaultdict(list)
    for plan, workplace in pairs(MP.workplace):
        if workplace in centre:
            workplaces_of[plan].append(workplace)
    graph = nx.Graph()

    def link(workplace: str, thing: tuple[str, str], plan: str) -> None:
        if workplace not in graph:
            graph.add_node(
                workplace,
                bipartite=0,
                centre=centre[workplace],
                municipality=municipality.get(centre[workplace]),
                plans=set(),
            )
        graph.add_node(thing, bipartite=1)
        graph.add_edge(workplace, thing)
        graph.nodes[workplace]["plans"].add(plan)

    for kind, predicate in (("objective", MP.objective), ("targetGroup", MP.targetGroup)):
        for plan, thing in pairs(predicate):
            for workplace in workplaces_of.get(plan, ()):
                link(workplace, (kind, thing), plan)
    plan_of_action = {action: plan for plan, action in pairs(MP.trialAction)}
    for action, agent in pairs(MP.startedBy):
        if agent in centre and action in plan_of_action:
            link(agent, ("trialAction", action), plan_of_action[action])
    return graph


def links(store, *, lang: str = "da", new_only: bool = False, limit: int | None = None) -> list[CrossLink]:
    """Pairs of workplaces in different centres (of one municipality) that share objectives,
    trial actions or target groups, highest score first; at most `limit` of them.
    `new_only` drops pairs that already share a plan."""
    graph = workplace_graph(store)
    node = graph.nodes
    # The projection onto workplaces, kept to pairs across centres of one municipality, with
    # the things each pair shares (networkx's projected_graph would also pair every two
    # workplaces of a centre, only to drop them again).
    shared: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for thing, data in graph.nodes(data=True):
        if data["bipartite"] != 1:
            continue
        members = sorted(graph[thing])
        for index, a in enumerate(members):
            da = node[a]
            for b in members[index + 1 :]:
                db = node[b]
                if da["centre"] != db["centre"] and da["municipality"] == db["municipality"]:
                    shared[(a, b)].append(thing)
    names = labels.names(store, lang)
    ranked = []
    for (a, b), things in shared.items():
        plans = node[a]["plans"] & node[b]["plans"]
        if new_only and plans:
            continue
        score = sum(LINK_WEIGHTS[kind] for kind, _ in things)
        name_a, name_b = _name(names, a), _name(names, b)
        if (name_b, b) < (name_a, a):
            a, b, name_a, name_b = b, a, name_b, name_a
        ranked.append((-score, name_a, name_b, a, b, things, plans))
    ranked.sort(key=lambda item: item[:3])
    # The same workplaces, plans and shared things recur in many pairs: make each once.
    parties: dict[str, Party] = {}
    items: dict[tuple[str, str], Shared] = {}
    sets: dict[tuple, tuple[Shared, ...]] = {}
    iris: dict[str, URIRef] = {}
    found = []
    for _, _, _, a, b, things, plans in ranked[:limit]:
        for workplace in (a, b):
            if workplace not in parties:
                parties[workplace] = _party(graph, workplace, names)
        key = tuple(sorted(things))
        if key not in sets:
            for thing in key:
                if thing not in items:
                    items[thing] = Shared(thing[0], URIRef(thing[1]), _name(names, thing[1]))
            sets[key] = tuple(sorted((items[thing] for thing in key), key=_shared_order))
        for plan in plans:
            if plan not in iris:
                iris[plan] = URIRef(plan)
        found.append(
            CrossLink(a=parties[a], b=parties[b], shared=sets[key], plans=tuple(sorted(iris[plan] for plan in plans)))
        )
    return found


def _shared_order(item: Shared) -> tuple[int, str]:
    return (-LINK_WEIGHTS[item.kind], item.label)


def _name(names: dict[str, str], iri: str) -> str:
    name = names.get(iri)
    return name if name is not None else labels.local_name(iri)


def _party(graph: nx.Graph, workplace: str, names: dict[str, str]) -> Party:
    centre = graph.nodes[workplace]["centre"]
    return Party(URIRef(workplace), _name(names, workplace), URIRef(centre), _name(names, centre))
