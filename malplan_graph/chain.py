"""The strategy chain as a graph to draw: nodes by level, the upward links between them, the
filters that narrow it, and for each node the nodes whose expansion shows it (an overview opens
with the vision, politikker and målsætninger of one municipality).

A filtered graph is walked from the filter through index lookups, so one politik's graph costs
the same at national scale as in one municipality. Knows nothing of pyvis or HTML.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import URIRef

from . import labels, queries
from .namespaces import DCTERMS, MP

#: The row of each level in a hierarchical layout, the vision on top.
ROW = {
    MP.Vision: 0,
    MP.Policy: 1,
    MP.BudgetAgreement: 1,
    MP.Objective: 2,
    MP.GoalPlan: 3,
    MP.Goal: 4,
    MP.TrialAction: 5,
    MP.Sign: 5,
    MP.Workplace: 4,
}
#: How many nodes the overview opens with, at most (vision, politikker, målsætninger).
OPEN_LIMIT = 40
FILTERS = ("vision", "policy", "objective", "centre", "workplace", "targetGroup")
#: The levels an overview opens with, from the vision down; what lies below opens on a click.
TOP_LEVELS = (MP.Vision, MP.Policy, MP.BudgetAgreement, MP.Objective)


@dataclass(frozen=True)
class Node:
    """A node to draw: the resource, its label, its level, its row, and (for a cluster) how
    many plans lie below it."""

    iri: str
    label: str
    level: URIRef
    level_label: str
    row: int
    description: str = ""
    #: The nodes whose expansion shows this one (none: shown from the start).
    parents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Edge:
    """A link to draw, from the lower node to the higher."""

    source: str
    target: str
    relation: URIRef
    relation_label: str


@dataclass
class ChainGraph:
    """What to draw and the filters that are set."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    filters: dict[str, str] = field(default_factory=dict)

    def children(self) -> dict[str, list[Node]]:
        """What lies directly below each node (the sources of the edges to it), by label: the
        chain as a tree, vision → politik → målsætning → plan → mål → prøvehandling."""
        by_iri = {node.iri: node for node in self.nodes}
        below: dict[str, list[Node]] = defaultdict(list)
        for edge in self.edges:
            if edge.source in by_iri and by_iri[edge.source] not in below[edge.target]:
                below[edge.target].append(by_iri[edge.source])
        for nodes in below.values():
            nodes.sort(key=lambda node: (node.row, node.label))
        return below

    def roots(self) -> list[Node]:
        """The nodes nothing lies above (the visions, or what is not linked up), by row and label."""
        above = {edge.source for edge in self.edges}
        return sorted((node for node in self.nodes if node.iri not in above), key=lambda n: (n.row, n.label))


class _Lookup:
    """Index lookups on the store, as plain strings."""

    def __init__(self, store) -> None:
        self.store = store

    def objects(self, subject: str, predicate: URIRef) -> list[str]:
        return sorted(o for _, _, o, _ in self.store.match(subject, predicate, None))

    def subjects(self, predicate: URIRef, value: str) -> set[str]:
        return {s for s, _, _, _ in self.store.match(None, predicate, value)}


def chain_graph(store, *, lang: str = "da", **filters: str | None) -> ChainGraph:
    """The chain, narrowed by `filters` (vision, policy, objective, centre, workplace,
    targetGroup: IRIs). Past OPEN_LIMIT nodes each node below the top levels names the nodes
    whose expansion shows it (`parents`), so a page opens with the top and draws the rest on a click."""
    active = {key: str(value) for key, value in filters.items() if value and key in FILTERS}
    look = _Lookup(store)
    plans = _plans(store, look, active)
    graph = ChainGraph(filters=active)
    levels: dict[str, URIRef] = {}
    links: dict[tuple[str, str, URIRef], None] = {}

    def link(source: str, target: str, relation: URIRef, level: URIRef) -> None:
        levels.setdefault(target, level)
        links[(source, target, relation)] = None

    budget = _budget_agreements(store)
    objectives = set()
    #: The objectives each node below them serves (the plan's), for opening them on a click.
    served: dict[str, set[str]] = defaultdict(set)
    for plan in plans:
        levels[plan] = MP.GoalPlan
        own = look.objects(plan, MP.objective)
        for objective in own:
            link(plan, objective, MP.objective, MP.Objective)
            objectives.add(objective)
        parts = [plan]
        for predicate, level, upward in (
            (MP.goal, MP.Goal, MP.fulfils),
            (MP.trialAction, MP.TrialAction, MP.servesGoal),
            (MP.sign, MP.Sign, MP.signOf),
        ):
            for part in look.objects(plan, predicate):
                levels[part] = level
                parts.append(part)
                targets = look.objects(part, upward)
                if upward == MP.fulfils:
                    objectives.update(targets)
                    # A goal hangs under its plan; a link to an objective the plan does not
                    # name is drawn as well, so no path is lost.
                    targets = [t for t in targets if t not in own]
                    link(part, plan, predicate, MP.GoalPlan)
                elif not targets:
                    link(part, plan, predicate, MP.GoalPlan)
                for target in targets:
                    link(part, target, upward, MP.Objective if upward == MP.fulfils else MP.Goal)
        for workplace in look.objects(plan, MP.workplace):
            levels[workplace] = MP.Workplace
            parts.append(workplace)
            link(workplace, plan, MP.workplace, MP.GoalPlan)
        for part in parts:
            served[part].update(own or [t for g in look.objects(plan, MP.goal) for t in look.objects(g, MP.fulfils)])
    if not active:
        objectives |= {s for s, _, _ in store.statements(MP.statedIn)}
    if "vision" in active:
        objectives |= _objectives_of_vision(look, active["vision"])
    for objective in objectives:
        levels.setdefault(objective, MP.Objective)
        for policy in look.objects(objective, MP.statedIn):
            link(objective, policy, MP.statedIn, MP.BudgetAgreement if policy in budget else MP.Policy)
            for vision in look.objects(policy, MP.pursues):
                link(policy, vision, MP.pursues, MP.Vision)
        for vision in look.objects(objective, MP.concretises):
            link(objective, vision, MP.concretises, MP.Vision)
    graph.edges = [Edge(s, o, p, labels.label(p, lang)) for s, o, p in links if s in levels and o in levels]
    top = [iri for iri, level in levels.items() if level in TOP_LEVELS]
    objectives_open = len(top) <= OPEN_LIMIT
    parents: dict[str, tuple[str, ...]] = {}
    for iri, level in levels.items() if len(levels) > OPEN_LIMIT else ():  # a small graph opens whole
        if level == MP.Objective and not objectives_open:
            parents[iri] = tuple(sorted(look.objects(iri, MP.statedIn))) or tuple(look.objects(iri, MP.concretises))
        elif level not in TOP_LEVELS:
            parents[iri] = tuple(sorted(o for o in served.get(iri, ()) if o in levels))
    graph.nodes = _nodes(store, levels, lang, parents=parents)
    return graph


def _objectives_of_vision(look: _Lookup, vision: str) -> set[str]:
    """The objectives of a vision: those of the politikker that pursue it, and those that
    concretise it themselves."""
    policies = look.subjects(MP.pursues, vision)
    return {o for p in policies for o in look.subjects(MP.statedIn, p)} | look.subjects(MP.concretises, vision)


def visions(store, lang: str = "da") -> list[tuple[str, str]]:
    """Every vision (one a municipality), as (IRI, label), by label."""
    iris = {str(row["resource"]) for row in queries.run(store, "instances", **{"class": MP.Vision})}
    names = labels.names(store, lang, iris)
    return sorted(((iri, names.get(iri) or labels.local_name(iri)) for iri in iris), key=lambda c: c[1])


def overview(store, *, lang: str = "da", vision: str | None = None) -> ChainGraph:
    """The graph the overview opens with: one municipality's chain (`vision`, else the first by
    name when the store holds more than one), its top levels shown and the rest behind a click."""
    every = visions(store, lang)
    if vision is None and len(every) > 1:
        vision = every[0][0]
    return chain_graph(store, lang=lang, vision=vision)


def _plans(store, look: _Lookup, active: dict[str, str]) -> set[str]:
    """The plans the filters leave (every plan without filters)."""
    found: set[str] | None = None

    def narrow(plans: set[str]) -> None:
        nonlocal found
        found = plans if found is None else found & plans

    if "vision" in active:
        objectives = _objectives_of_vision(look, active["vision"])
        narrow({p for o in objectives for p in look.subjects(MP.objective, o)})
    if "policy" in active:
        objectives = look.subjects(MP.statedIn, active["policy"])
        narrow(
            {p for o in objectives for p in look.subjects(MP.objective, o)} | look.subjects(MP.policy, active["policy"])
        )
    if "objective" in active:
        narrow(look.subjects(MP.objective, active["objective"]))
    if "workplace" in active:
        narrow(look.subjects(MP.workplace, active["workplace"]))
    if "centre" in active:
        workplaces = look.subjects(MP.centre, active["centre"])
        narrow({p for w in workplaces for p in look.subjects(MP.workplace, w)})
    if "targetGroup" in active:
        narrow(look.subjects(MP.targetGroup, active["targetGroup"]))
    if found is None:
        found = {str(row["resource"]) for row in queries.run(store, "instances", **{"class": MP.GoalPlan})}
    return found


def _nodes(
    store,
    levels: dict[str, URIRef],
    lang: str,
    parents: dict[str, tuple[str, ...]] | None = None,
) -> list[Node]:
    """The nodes to draw: label, level, row, a short description, and the nodes whose
    expansion shows them."""
    names = labels.names(store, lang, levels)
    return [
        Node(
            iri,
            names.get(iri, labels.local_name(iri)),
            level,
            labels.label(level, lang),
            ROW[level],
            description=describe_briefly(store, iri, level, lang),
            parents=(parents or {}).get(iri, ()),
        )
        for iri, level in levels.items()
    ]


def describe_briefly(store, iri: str, level: URIRef, lang: str = "da") -> str:
    """A short description for a tooltip: the resource's own (dcterms:description), else the
    first sentence of its level's definition in the ontology."""
    own = sorted(
        (0 if language == lang else 1, text) for _, _, text, language in store.match(iri, DCTERMS.description, None)
    )
    text = own[0][1] if own else labels.definition(level, lang).split(". ")[0].rstrip(".") + "."
    return text if len(text) <= 220 else text[:219] + "…"


def _budget_agreements(store) -> set[str]:
    return {str(row["resource"]) for row in queries.run(store, "instances", **{"class": MP.BudgetAgreement})}


#: The classes each filter offers.
FILTER_CLASSES = {
    "vision": (MP.Vision,),
    "policy": (MP.Policy, MP.BudgetAgreement),
    "objective": (MP.Objective,),
    "centre": (MP.Centre,),
    "workplace": (MP.Workplace,),
    "targetGroup": (MP.TargetGroup,),
}


def choices(store, lang: str = "da") -> dict[str, list[tuple[str, str]]]:
    """What each filter can be set to: (IRI, name), by name; a name that repeats is qualified
    by what it belongs to (a workplace by its centre, then by the municipality; a politik, a
    målsætning, a centre or a target group by the municipality), so "Politik 0 om trivsel" says whose it is."""
    look = _Lookup(store)
    every = {key: set() for key in FILTER_CLASSES}
    for key, classes in FILTER_CLASSES.items():
        for cls in classes:
            every[key] |= {str(row["resource"]) for row in queries.run(store, "instances", **{"class": cls})}

    def municipality(key: str, iri: str) -> list[str]:
        if key == "vision":
            return look.objects(iri, MP.municipality)
        if key == "policy":
            return [m for v in look.objects(iri, MP.pursues) for m in look.objects(v, MP.municipality)]
        if key == "objective":
            visions = [v for p in look.objects(iri, MP.statedIn) for v in look.objects(p, MP.pursues)]
            return [m for v in visions or look.objects(iri, MP.concretises) for m in look.objects(v, MP.municipality)]
        if key == "centre":
            return look.objects(iri, MP.inMunicipality)
        if key == "workplace":
            return [m for c in look.objects(iri, MP.centre) for m in look.objects(c, MP.inMunicipality)]
        if key == "targetGroup":  # the municipalities whose plans serve it
            return [m for plan in look.subjects(MP.targetGroup, iri) for m in look.objects(plan, MP.municipality)]
        return []

    names = labels.names(store, lang, set().union(*every.values()))
    found = {}
    for key, iris in every.items():
        named = {iri: names.get(iri) or labels.local_name(iri) for iri in iris}
        qualifiers = (
            [municipality] if key != "workplace" else [lambda _, iri: look.objects(iri, MP.centre), municipality]
        )
        for qualifier in qualifiers:
            counts = defaultdict(int)
            for text in named.values():
                counts[text] += 1
            repeated = {iri: qualifier(key, iri) for iri, text in named.items() if counts[text] > 1}
            owners = labels.names(store, lang, {o for found_owners in repeated.values() for o in found_owners})
            for iri, found_owners in repeated.items():
                if found_owners:
                    whose = ", ".join(sorted({owners.get(o) or labels.local_name(o) for o in found_owners}))
                    named[iri] = f"{named[iri]} ({whose})" if "(" not in named[iri] else f"{named[iri][:-1]}, {whose})"
        found[key] = sorted(named.items(), key=lambda c: c[1])
    return found


def find(options: list[tuple[str, str]], text: str, limit: int = 20) -> list[tuple[str, str]]:
    """The choices whose name holds every word of `text` (case and accents as typed), at most
    `limit`: what a type-ahead offers."""
    words = text.casefold().split()
    return [c for c in options if all(w in c[1].casefold() for w in words)][:limit]


def from_trace(trace, lang: str = "da") -> ChainGraph:
    """A trace as a graph to draw: its nodes in their rows, its links. A large trace down from
    a vision or a politik opens as the overview does: what lies below the målsætninger behind
    a click on them."""
    rows = {}
    for node in trace.nodes.values():
        level = node.level if node.level is not None else MP.GoalPlan
        rows[str(node.iri)] = (node, level, ROW.get(level, 6))
    edges = [Edge(str(link.source), str(link.target), link.relation, link.relation_label) for link in trace.links]
    start_row = rows.get(str(trace.start.iri), (None, None, 6))[2]
    parents: dict[str, tuple[str, ...]] = {}
    if len(rows) > OPEN_LIMIT and start_row < ROW[MP.Objective]:
        up = defaultdict(set)
        for edge in edges:
            up[edge.source].add(edge.target)
        for iri, (_, _, row) in rows.items():
            if row <= ROW[MP.Objective]:
                continue
            found, seen, todo = set(), {iri}, [iri]
            while todo:
                for target in up[todo.pop()] - seen:
                    seen.add(target)
                    (found.add if rows.get(target, (0, 0, 6))[2] == ROW[MP.Objective] else todo.append)(target)
            parents[iri] = tuple(sorted(found))
    graph = ChainGraph()
    for iri, (node, level, row) in rows.items():
        graph.nodes.append(Node(iri, node.label, level, node.level_label, row, parents=parents.get(iri, ())))
    graph.edges = edges
    return graph


def from_links(links) -> ChainGraph:
    """Pairs of workplaces as a graph to draw: the workplaces, one edge a pair (its relation
    label names what they share)."""
    graph = ChainGraph()
    seen: dict[str, Node] = {}
    for link in links:
        for party in (link.a, link.b):
            if str(party.iri) not in seen:
                seen[str(party.iri)] = Node(str(party.iri), party.label, MP.Workplace, party.centre_label, 0)
        shared = "; ".join(item.label for item in link.shared)
        graph.edges.append(Edge(str(link.a.iri), str(link.b.iri), MP.workplace, f"{link.score}: {shared}"))
    graph.nodes = list(seen.values())
    return graph
