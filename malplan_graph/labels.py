"""Labels and definitions of ontology terms, read from the ontology, in Danish or English.

Every class or property name a user sees comes from here. Instance labels come from the data;
`best` picks one of several by language, with the IRI's local name as the last resort.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import rdflib
from rdflib.term import Literal, Node

from . import resources
from .namespaces import RDFS, SKOS

LANGUAGES = ("da", "en")


@functools.cache
def ontology() -> rdflib.Graph:
    """The ontology as an rdflib graph (parsed once)."""
    return rdflib.Graph().parse(resources.ontology_path(), format="turtle")


@functools.cache
def borrowed() -> rdflib.Graph:
    """Labels in Danish and English of the W3C terms the ontology borrows (ontology/w3c-labels.ttl)."""
    return rdflib.Graph().parse(resources.borrowed_labels_path(), format="turtle")


def local_name(iri: Node) -> str:
    """The last segment of an IRI, for when nothing better is known."""
    text = str(iri)
    for separator in ("#", "/"):
        if separator in text.rstrip(separator):
            text = text.rstrip(separator).rsplit(separator, 1)[1]
    return text


def best(values: Iterable[Node], lang: str = "da", fallback: Node | None = None) -> str:
    """The label in `lang`, else one without a language, else Danish, else any, else the local name."""
    literals = [value for value in values if isinstance(value, Literal)]
    for wanted in (lang, None, "da", "en"):
        for literal in literals:
            if literal.language == wanted:
                return str(literal)
    if literals:
        return str(literals[0])
    return local_name(fallback) if fallback is not None else ""


def label(term: Node, lang: str = "da") -> str:
    """The ontology's label of a class or property (`rdfs:label`) in `lang`; for a borrowed W3C
    term, the label in ontology/w3c-labels.ttl."""
    for graph in (ontology(), borrowed()):
        values = list(graph.objects(term, RDFS.label)) or list(graph.objects(term, SKOS.prefLabel))
        if values:
            return best(values, lang, fallback=term)
    return local_name(term)


def definition(term: Node, lang: str = "da") -> str:
    """The ontology's definition of a term (`skos:definition`) in `lang`."""
    return best(ontology().objects(term, SKOS.definition), lang)


def names(store, lang: str = "da", iris=None) -> dict[str, str]:
    """The label of each resource (IRIs as strings): rdfs:label before skos:prefLabel, in `lang`,
    else without a language, else Danish, else any. With `iris`, those only (index lookups);
    without, every labelled resource (one scan of each label predicate)."""
    preference = {lang: 0, "": 1, "da": 2}
    best: dict[str, tuple] = {}
    for rank, predicate in enumerate((RDFS.label, SKOS.prefLabel)):
        if iris is None:
            found = ((s, o, language) for s, o, language in store.statements(predicate))
        else:
            found = ((s, o, language) for iri in iris for s, _, o, language in store.match(iri, predicate, None))
        for resource, label, language in found:
            key = (rank, preference.get(language, 3), label)
            if resource not in best or key < best[resource][0]:
                best[resource] = (key, label)
    return {resource: label for resource, (_, label) in best.items()}
