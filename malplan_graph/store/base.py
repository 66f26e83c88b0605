"""The store interface: what the rest of the package needs from a graph store.

One implementation today (`oxigraph.OxigraphStore`); a remote SPARQL 1.1 server can be a second.
Must not know any backend.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import rdflib
from rdflib.term import Node, URIRef

from ..errors import InputError
from ..namespaces import DEFAULT_BASE, ONTOLOGY_IRI

#: The graph (under the store's base) that holds resources created by Word imports and shared
#: between plans.
SHARED_GRAPH = "graph/shared"
#: The graph (under the store's base) that holds the history of writes, as PROV.
HISTORY_GRAPH = "graph/history"

#: A statement with its graph: rdflib subject, predicate, object, and the graph's IRI (None for
#: the default graph).
Quad = tuple[Node, Node, Node, "URIRef | None"]


def default_store_path() -> Path:
    """The store folder: MALPLAN_STORE, else the user's data directory."""
    env = os.environ.get("MALPLAN_STORE")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("malplan-graph", appauthor=False)) / "store"


def default_base() -> str:
    """The base IRI for new instance data: MALPLAN_BASE, else the Albertslund default."""
    return os.environ.get("MALPLAN_BASE") or DEFAULT_BASE


class Store(ABC):
    """What the rest of the package needs from a graph store (a SPARQL 1.1 backend can follow)."""

    base: str

    def reserved_graphs(self) -> dict[str, tuple[str, str]]:
        """The graphs no load or import may write into by name, each with what it holds (da, en):
        the ontology's (refreshed at every write) and the shared resources of Word imports."""
        return {
            str(ONTOLOGY_IRI): ("ontologien", "the ontology"),
            self.base + SHARED_GRAPH: (
                "de fælles ressourcer fra Word-importer",
                "the shared resources of Word imports",
            ),
            self.base + HISTORY_GRAPH: ("lagerets historik", "the store's history"),
        }

    def refuse_reserved(self, replace: Iterable[str], add: Iterable[str], remove: Iterable[str]) -> None:
        """Defence in depth (issue 10): a write never replaces or drops a reserved graph, and
        adds nothing to the ontology's, which every write refreshes."""
        reserved, ontology = self.reserved_graphs(), str(ONTOLOGY_IRI)
        for name in [*replace, *remove, *([ontology] if ontology in add else [])]:
            if name in reserved:
                what_da, what_en = reserved[name]
                raise InputError(
                    f"Grafen <{name}> med {what_da} kan ikke erstattes eller slettes af en skrivning; intet er skrevet.",
                    f"The graph <{name}> of {what_en} cannot be replaced or dropped by a write; nothing was written.",
                )

    @abstractmethod
    def graph_names(self) -> set[str]:
        """The names of the store's named graphs."""

    @abstractmethod
    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> list[dict[str, Node]]:
        """Rows of a SELECT query over the union of all graphs, as rdflib terms."""

    @abstractmethod
    def match(
        self, subject: str | None = None, predicate: str | None = None, value: str | None = None
    ) -> set[tuple[str, str, str, str]]:
        """Statements matching a pattern (IRIs as strings, None for any), as plain strings:
        (subject, predicate, object, the object's language or ""). An object pattern is an IRI."""

    def statements(self, predicate: URIRef) -> set[tuple[str, str, str]]:
        """Every (subject, object, language) of one predicate as plain strings: an IRI or a
        literal's lexical form, and the literal's language or "". For bulk work, where
        rdflib terms and joins in SPARQL cost too much (a scan of the predicate's index:
        7,000 statements in 8 ms, where a SPARQL join of the same took 300 ms)."""
        return {(s, o, language) for s, _, o, language in self.match(None, predicate, None)}

    @abstractmethod
    def quads(
        self,
        subject: Node | None = None,
        predicate: Node | None = None,
        value: Node | None = None,
        graph: URIRef | None = None,
    ) -> list[Quad]:
        """Every statement matching a pattern (None for any; a graph by its IRI), with its graph,
        as rdflib terms."""

    @abstractmethod
    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        """The answer to an ASK query."""

    @abstractmethod
    def construct(
        self, query: str, bindings: Mapping[str, Node] | None = None, into: rdflib.Graph | None = None
    ) -> rdflib.Graph:
        """The triples of a CONSTRUCT query, added to `into` (a new graph if none)."""

    @abstractmethod
    def neighbourhood(self, iri: URIRef, depth: int = 2, into: rdflib.Graph | None = None) -> rdflib.Graph:
        """All statements about `iri` and about every IRI it reaches in at most `depth` links
        (not through rdf:type). For a plan: the plan, its parts and what they point to."""

    @abstractmethod
    def triple_count(self, *, include_ontology: bool = True) -> int:
        """How many quads the store holds (without the ontology's: the data that `export` gives)."""

    @abstractmethod
    def load(
        self,
        paths: Iterable[Path],
        *,
        base: str | None = None,
        graph: str | None = None,
        record: Callable[[int], Iterable[Quad]] | None = None,
    ) -> int:
        """Load RDF files, all or nothing; returns how many quads were added. `record`, given
        that number, returns statements written in the same write (the history's record)."""

    @abstractmethod
    def write_graphs(
        self,
        replace: Mapping[str, rdflib.Graph] | None = None,
        add: Mapping[str, rdflib.Graph] | None = None,
        remove: Iterable[str] = (),
        forget: Iterable[URIRef] = (),
    ) -> None:
        """In one atomic write: replace named graphs whole, add to others, drop some, and
        remove every statement about the resources in `forget` from every graph."""

    @abstractmethod
    def write_quads(
        self, remove: Iterable[Quad] = (), add: Iterable[Quad] = (), *, based_on: str | None = None
    ) -> None:
        """In one atomic write: remove some statements and add others (never the ontology's).
        With `based_on` (a `generation`), refuse when another write came first since then."""

    @abstractmethod
    def reset(
        self,
        *,
        example: bool = True,
        base: str | None = None,
        record: Callable[[int, int], Iterable[Quad]] | None = None,
    ) -> None:
        """Empty the store, keeping the ontology and the history; reload the example unless told
        not to. `record`, given how many statements went and came, returns statements written in
        the same write (the history's record)."""

    @abstractmethod
    def export(self, fmt: str, *, include_ontology: bool = False) -> bytes:
        """Every triple (the ontology only when asked) serialised as `fmt`."""
