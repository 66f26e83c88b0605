"""Walks the chain: from any resource up to the vision, or down to everything that serves it.

The upward links come from the store (one query each way); networkx holds them as a graph and
lists the paths. Also resolves what a user typed (an IRI, a prefixed name, a path under the base
or a label) to one resource.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
from rdflib.term import Literal, URIRef

from . import labels, queries
from .errors import AmbiguousNameError, NotFoundError
from .namespaces import MP, PREFIXES, RDF, RDFS, SKOS

#: At most this many paths are listed (a vision can have thousands below it).
MAX_PATHS = 500


@dataclass(frozen=True)
class ChainNode:
    """One resource in a trace: its IRI, label and level (its class)."""

    iri: URIRef
    label: str
    level: URIRef | None
    level_label: str


@dataclass(frozen=True)
class ChainLink:
    """One upward link: `source` contributes to `target` through `relation`."""

    source: URIRef
    relation: URIRef
    target: URIRef
    relation_label: str


@dataclass
class Trace:
    """A resource and the chain above it (`up`) or below it (`down`), with its paths."""

    start: ChainNode
    direction: str
    nodes: dict[URIRef, ChainNode] = field(default_factory=dict)
    links: list[ChainLink] = field(default_factory=list)
    paths: list[list[URIRef]] = field(default_factory=list)
    truncated: bool = False
    #: Up only: where the chain ends when it does not reach a vision (issue 11), top first.
    stops: list[ChainNode] = field(default_factory=list)

    @property
    def reaches_vision(self) -> bool:
        """Up only: True when some path ends at a vision (or the start is one)."""
        return any(self.nodes[path[-1]].level == MP.Vision for path in self.paths)

    def graph(self) -> nx.MultiDiGraph:
        """The trace as a networkx graph; edges carry `relation`."""
        graph = nx.MultiDiGraph()
        for iri, node in self.nodes.items():
            graph.add_node(iri, label=node.label, level=node.level)
        for link in self.links:
            graph.add_edge(link.source, link.target, relation=link.relation)
        return graph

    def path_links(self, path: list[URIRef]) -> list[ChainLink]:
        """The links along one path, in order."""
        by_pair = {(link.source, link.target): link for link in self.links}
        return [by_pair[(a, b)] for a, b in zip(path, path[1:], strict=False)]

    def by_level(self) -> dict[URIRef | None, list[ChainNode]]:
        """The nodes other than the start, grouped by level."""
        groups: dict[URIRef | None, list[ChainNode]] = defaultdict(list)
        for node in self.nodes.values():
            if node.iri != self.start.iri:
                groups[node.level].append(node)
        return groups


# Classes in chain order, top first: the level shown for a resource with several types.
CHAIN_ORDER: tuple[URIRef, ...] = (
    MP.Vision,
    MP.Challenge,
    MP.Policy,
    MP.BudgetAgreement,
    MP.Objective,
    MP.GoalPlan,
    MP.Goal,
    MP.Sign,
    MP.TrialAction,
    MP.Evaluation,
    MP.Learning,
    MP.MilestonePlan,
    MP.Milestone,
    MP.TargetGroup,
    MP.Municipality,
    MP.Centre,
    MP.Workplace,
    MP.Manager,
    MP.Partner,
    MP.DataSource,
)


def level_of(types: set[URIRef]) -> URIRef | None:
    """The most telling class among `types` (chain classes first)."""
    for cls in CHAIN_ORDER:
        if cls in types:
            return cls
    return min(types) if types else None


def directions(store, iri: URIRef) -> tuple[bool, bool]:
    """Whether anything lies above `iri` in the chain, and whether anything contributes to it:
    which of its traces have more than itself to show."""
    return (
        store.ask(queries.get("has-above").text, {"resource": iri}),
        store.ask(queries.get("has-below").text, {"resource": iri}),
    )


@functools.cache
def upward_relations() -> frozenset[URIRef]:
    """The ontology's upward links: every sub-property of mp:contributesTo."""
    graph = labels.ontology()
    return frozenset(graph.transitive_subjects(RDFS.subPropertyOf, MP.contributesTo)) - {MP.contributesTo}


@functools.cache
def climbing_classes() -> frozenset[URIRef]:
    """The classes whose resources are meant to reach the vision: the domains of the upward
    links and their sub-classes (a workplace or a target group is beside the chain, not in it)."""
    graph = labels.ontology()
    domains = {graph.value(relation, RDFS.domain) for relation in upward_relations()} - {None}
    return frozenset(sub for domain in domains for sub in graph.transitive_subjects(RDFS.subClassOf, domain))


def _chain(store, rows: list[dict], start: URIRef, direction: str, lang: str) -> Trace:
    """A trace from the statements about the chain's resources: nodes, then links within them."""
    types: dict[URIRef, set[URIRef]] = defaultdict(set)
    names: dict[URIRef, list[Literal]] = defaultdict(list)
    statements = []
    for row in rows:
        subject, predicate, value = row["s"], row["p"], row["o"]
        types[subject]
        if predicate == RDF.type:
            types[subject].add(value)
        elif predicate in (RDFS.label, SKOS.prefLabel):
            names[subject].append(value)
        else:
            statements.append((subject, predicate, value))
    if start not in types:
        # Only named by others (a workplace a plan points to and nothing describes): no paths.
        if not store.match(None, None, start):
            raise _not_found(str(start))
        types[start]
    nodes = {}
    for iri, kinds in types.items():
        level = level_of(kinds)
        nodes[iri] = ChainNode(
            iri=iri,
            label=labels.best(names[iri], lang, fallback=iri),
            level=level,
            level_label=labels.label(level, lang) if level is not None else "",
        )
    upward = upward_relations()
    links = [
        ChainLink(s, p, o, labels.label(p, lang)) for s, p, o in sorted(set(statements)) if p in upward and o in nodes
    ]
    return Trace(start=nodes[start], direction=direction, nodes=nodes, links=links)


class ChainEnds:
    """Where the chain above each resource of an rdflib graph ends, by its mp:contributesTo
    statements: at a vision, or where it stops short of one (issue 11). Remembers each answer."""

    def __init__(self, graph) -> None:
        self.graph = graph
        self._ends: dict = {}

    def ends(self, node) -> frozenset:
        """The resources where the chain above `node` ends (`node` itself when nothing is above)."""
        found = self._ends.get(node)
        if found is None:
            self._ends[node] = frozenset()  # a cycle ends nowhere
            above = [self.ends(up) for up in self.graph.objects(node, MP.contributesTo) if up != node]
            found = self._ends[node] = frozenset().union(*above) if above else frozenset({node})
        return found

    def reaches_vision(self, node) -> bool:
        """True when the chain above `node` reaches a vision (or `node` is one)."""
        return any((end, RDF.type, MP.Vision) in self.graph for end in self.ends(node))


def trace_up(store, iri: URIRef, lang: str = "da") -> Trace:
    """Every path from `iri` up to the vision (or to the top of the chain it reaches)."""
    trace = _chain(store, queries.run(store, "chain-up", start=iri), iri, "up", lang)
    graph = nx.DiGraph((link.source, link.target) for link in trace.links)
    graph.add_node(iri)
    tops = [n for n, node in trace.nodes.items() if node.level == MP.Vision and n in graph]
    if not tops:
        tops = [n for n in graph if graph.out_degree(n) == 0]
        if trace.links or trace.start.level in climbing_classes():
            trace.stops = sorted((trace.nodes[n] for n in tops), key=lambda node: (node.label, node.iri))
    trace.paths, trace.truncated = _paths(graph, [iri], tops)
    return trace


def trace_down(store, iri: URIRef, lang: str = "da") -> Trace:
    """Everything that contributes to `iri`, and the paths from each trial action or sign."""
    trace = _chain(store, queries.run(store, "chain-down", target=iri), iri, "down", lang)
    graph = nx.DiGraph((link.source, link.target) for link in trace.links)
    graph.add_node(iri)
    leaves = [n for n in graph if graph.in_degree(n) == 0 and n != iri]
    trace.paths, trace.truncated = _paths(graph, leaves, [iri])
    return trace


def _paths(graph: nx.DiGraph, sources: list[URIRef], targets: list[URIRef]) -> tuple[list[list[URIRef]], bool]:
    paths: list[list[URIRef]] = []
    for source in sorted(sources):
        for target in sorted(targets):
            if source == target:
                paths.append([source])
                continue
            for path in nx.all_simple_paths(graph, source, target):
                paths.append(path)
                if len(paths) >= MAX_PATHS:
                    return paths, True
    return sorted(paths, key=lambda p: (len(p), [str(n) for n in p])), False


# --------------------------------------------------------------------------- names

_SCHEME = re.compile(r"^(https?|urn|file):", re.IGNORECASE)
_PREFIXED = re.compile(r"^([A-Za-z][\w-]*):([^\s/]*)$")


def normalise(text: str) -> str:
    """A label as compared: lower case, single spaces, no surrounding space."""
    return " ".join(text.split()).lower()


def resolve(store, name: str, lang: str = "da") -> URIRef:
    """The resource a user named by IRI, prefixed name (mp:Goal), path under the base or label."""
    name = name.strip()
    candidates: list[URIRef] = []
    if _SCHEME.match(name):
        candidates.append(URIRef(name.strip("<>")))
    else:
        prefixed = _PREFIXED.match(name)
        if prefixed and prefixed.group(1) in PREFIXES:
            candidates.append(URIRef(PREFIXES[prefixed.group(1)] + prefixed.group(2)))
        if "/" in name and " " not in name:
            candidates.append(URIRef(store.base + name.lstrip("/")))
    for candidate in candidates:
        if queries.run(store, "resource", resource=candidate):
            return candidate
    if candidates and _SCHEME.match(name):
        raise _not_found(name)
    rows = queries.run(store, "find-by-label", needle=Literal(normalise(name)))
    found: dict[URIRef, dict] = {}
    for row in rows:
        entry = found.setdefault(row["resource"], {"types": set(), "labels": []})
        if "type" in row:
            entry["types"].add(row["type"])
        if "label" in row:
            entry["labels"].append(row["label"])
    if len(found) == 1:
        return next(iter(found))
    if not found:
        raise _not_found(name)
    listed = []
    for iri, entry in sorted(found.items()):
        level = level_of(entry["types"])
        kind = labels.label(level, lang) if level is not None else ""
        listed.append((str(iri), f"{labels.best(entry['labels'], lang, iri)} ({kind})"))
    lines = "\n".join(f"  {iri}  {text}" for iri, text in listed)
    raise AmbiguousNameError(
        f"«{name}» kan betyde flere ressourcer; angiv en af disse IRI'er:\n{lines}",
        f"«{name}» names several resources; give one of these IRIs:\n{lines}",
        listed,
    )


def _not_found(name: str) -> NotFoundError:
    return NotFoundError(
        f"Grafen indeholder ingen ressource ved navn «{name}».",
        f"The graph holds no resource named «{name}».",
    )
