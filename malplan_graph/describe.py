"""What a page shows about one resource: a plan's fields in the template's order, or any
resource with its links in and out. Labels come from the data and the ontology. No HTML here.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field

import rdflib
from rdflib.term import BNode, Literal, Node, URIRef

from . import labels, queries
from .errors import NotFoundError
from .namespaces import MP, ONTOLOGY_IRI, RDF, RDFS, SKOS
from .trace import level_of
from .word.template import EVALUATION, SECTIONS, Part, Question


@dataclass(frozen=True)
class Value:
    """One value shown: text, and the resource it names (None for plain text)."""

    text: str
    iri: URIRef | None = None
    level: str = ""


@dataclass(frozen=True)
class Answer:
    """A question of the template and the plan's answer to it."""

    question: str
    values: tuple[Value, ...]


@dataclass(frozen=True)
class SectionView:
    """A section of the template as a plan fills it."""

    key: str
    heading: str
    answers: tuple[Answer, ...]


@dataclass
class PlanView:
    """A plan, section by section in the template's order."""

    iri: URIRef
    label: str
    sections: list[SectionView] = field(default_factory=list)


@dataclass(frozen=True)
class Link:
    """A link from or to a resource: the relation's label and the resource at the other end."""

    relation: URIRef
    relation_label: str
    value: Value


@dataclass
class ResourceView:
    """A resource: its label, level and definition, every link out and in, and whether anything
    lies above it in the chain and anything below (which traces have more than itself)."""

    iri: URIRef
    label: str
    level: URIRef | None
    level_label: str
    definition: str
    outgoing: list[Link] = field(default_factory=list)
    incoming: list[Link] = field(default_factory=list)
    above: bool = False
    below: bool = False


def _name(graph: rdflib.Graph, node: Node, lang: str) -> str:
    values = list(graph.objects(node, RDFS.label)) + list(graph.objects(node, SKOS.prefLabel))
    return labels.best(values, lang, fallback=node)


def _value(graph: rdflib.Graph, node: Node, lang: str) -> Value:
    if isinstance(node, Literal):
        return Value(str(node))
    level = level_of(set(graph.objects(node, RDF.type)))
    return Value(
        _name(graph, node, lang),
        node if isinstance(node, URIRef) else None,
        labels.label(level, lang) if level is not None else "",
    )


def part_order(node: Node) -> tuple:
    """The order parts were written in: …/goal/2 before …/goal/10."""
    text = str(node)
    tail = text.rsplit("/", 1)[-1]
    return (text[: len(text) - len(tail)], int(tail) if tail.isdigit() else 0, tail)


def parts(graph: rdflib.Graph, plan: Node, part: Part) -> list[Node]:
    """The plan's parts of one kind in the order they were written (evaluations by date)."""
    nodes = sorted(graph.objects(plan, part.predicate), key=part_order)
    if part == EVALUATION:
        nodes.sort(key=lambda node: str(graph.value(node, MP.date) or ""))
    return nodes


def describe_plan(store, plan: URIRef, lang: str = "da") -> PlanView:
    """A plan's fields in the template's order (headings and questions in `lang`), values
    linked to their resources."""
    graph = store.neighbourhood(plan)
    if (plan, RDF.type, MP.GoalPlan) not in graph:
        raise NotFoundError(
            f"Vi kan ikke finde nogen målplan med adressen {plan}. Den kan være slettet eller omdøbt, eller "
            "linket kan være skrevet forkert. Find planen i listen over målplaner.",
            f"We cannot find a goal plan at the address {plan}. It may have been deleted or renamed, or the "
            "link may be mistyped. Find the plan in the list of goal plans.",
        )
    view = PlanView(plan, _name(graph, plan, lang))
    for section in SECTIONS:
        answers = tuple(
            Answer(question.text_in(lang), tuple(_answer(graph, plan, question, lang)))
            for question in section.questions
        )
        view.sections.append(SectionView(section.key, section.heading_in(lang), answers))
    return view


def _answer(graph: rdflib.Graph, plan: URIRef, question: Question, lang: str) -> list[Value]:
    """The values answering one question, as the template's table says where they are."""

    def names(subject: Node) -> list[Value]:
        return sorted((_value(graph, node, lang) for node in graph.objects(subject, question.property)), key=_text)

    if question.kind == "name":
        return names(plan)
    nodes = parts(graph, plan, question.on)
    if question.kind == "part":
        return [_value(graph, node, lang) for node in nodes]
    if question.kind == "text":
        return [Value(str(text)) for node in nodes for text in _in_lang(graph.objects(node, question.property), lang)]
    if question.kind == "pairs":  # "part → name" (data per sign), or "name: part" (who starts an action)
        pairs = [(_name(graph, node, lang), value) for node in nodes for value in names(node)]
        if question.create == MP.Partner:
            return [Value(f"{value.text}: {part}", value.iri) for part, value in pairs]
        return [Value(f"{part} → {value.text}", value.iri) for part, value in pairs]
    found = []
    for milestone_plan in nodes:
        predicates = (question.property, question.also) if question.also else (question.property,)
        for predicate in predicates:
            for node in sorted(graph.objects(milestone_plan, predicate), key=part_order):
                written, date = graph.value(node, MP.dateText), graph.value(node, MP.date)
                text = str(written) if written is not None else str(date or "")
                if written is not None and date is not None and str(date) not in text:
                    text = f"{text} ({date})"
                found.append(Value(text, node))
    return found


def _text(value: Value) -> str:
    return value.text


def _in_lang(texts, lang: str) -> list[Literal]:
    """The texts in `lang` if there are any, else all of them (a plan is written in one)."""
    texts = list(texts)
    return [t for t in texts if getattr(t, "language", None) == lang] or texts


def _statements(store, iri: URIRef, types: bool) -> rdflib.Graph:
    """The statements out of and into a resource, with the labels (and types) of the resources
    at the other end; NotFoundError when there are none."""
    graph = rdflib.Graph(bind_namespaces="none")  # rdflib's default binds ~30 prefixes per graph
    for row in queries.run(store, "statements-about", resource=iri):
        if row.get("direction") == Literal("out"):
            graph.add((iri, row["p"], row["o"]))
        else:
            graph.add((row["o"], row["p"], iri))
        if "otherLabel" in row:
            graph.add((row["o"], RDFS.label, row["otherLabel"]))
        if types and "otherType" in row:
            graph.add((row["o"], RDF.type, row["otherType"]))
    if not len(graph):
        raise NotFoundError(
            f"Vi kan ikke finde noget med adressen {iri}. Det kan være slettet eller omdøbt, eller linket kan "
            "være skrevet forkert. Find det, du leder efter, fra forsiden.",
            f"We cannot find anything at the address {iri}. It may have been deleted or renamed, or the link "
            "may be mistyped. Find what you are looking for from the front page.",
        )
    return graph


def describe(store, iri: URIRef, lang: str = "da") -> ResourceView:
    """Any resource: its label, level, the level's definition, and every link out and in."""
    graph = _statements(store, iri, types=True)
    level = level_of(set(graph.objects(iri, RDF.type)))
    view = ResourceView(
        iri=iri,
        label=_name(graph, iri, lang),
        level=level,
        level_label=labels.label(level, lang) if level is not None else "",
        definition=labels.definition(level, lang) if level is not None else "",
        above=(iri, MP.contributesTo, None) in graph,
        below=(None, MP.contributesTo, iri) in graph,
    )
    # mp:contributesTo is derived from the specific links shown beside it.
    hidden = {RDFS.label, SKOS.prefLabel, RDF.type, MP.contributesTo}
    grouped: dict[tuple, list] = defaultdict(list)
    for predicate, node in graph.predicate_objects(iri):
        if predicate not in hidden or (predicate in (RDFS.label, SKOS.prefLabel) and node.language not in (lang, None)):
            grouped[("out", predicate)].append(node)
    for node, predicate in graph.subject_predicates(iri):
        if predicate not in hidden:
            grouped[("in", predicate)].append(node)
    for (direction, predicate), nodes in sorted(
        grouped.items(), key=lambda kv: (kv[0][0], labels.label(kv[0][1], lang))
    ):
        links = [Link(predicate, labels.label(predicate, lang), _value(graph, node, lang)) for node in nodes]
        links.sort(key=lambda link: link.value.text)
        (view.outgoing if direction == "out" else view.incoming).extend(links)
    return view


@dataclass(frozen=True)
class VisionView:
    """A vision: its IRI, its words and its description."""

    iri: URIRef
    label: str
    description: str


def visions(store, lang: str = "da") -> list[VisionView]:
    """Every vision in the store (one per municipality)."""
    found: dict[URIRef, dict[str, list]] = defaultdict(lambda: {"label": [], "description": []})
    for row in queries.run(store, "visions"):
        entry = found[row["vision"]]
        for key in ("label", "description"):
            if key in row:
                entry[key].append(row[key])
    return sorted(
        (
            VisionView(iri, labels.best(e["label"], lang, iri), labels.best(e["description"], lang))
            for iri, e in found.items()
        ),
        key=lambda v: v.label,
    )


def resources(store) -> list[URIRef]:
    """Every resource the data describes (an IRI it makes statements about, the ontology's own
    terms aside), under the store's base or not, sorted."""
    rows = queries.run(store, "subjects", ontology=Literal(str(ONTOLOGY_IRI).rstrip("#/")))
    return sorted(row["resource"] for row in rows)


@dataclass
class InstancesView:
    """One page of the resources of a class, by name: the class, its name and definition, how
    many there are, and the page's (IRI, name) pairs."""

    cls: URIRef
    label: str
    definition: str
    total: int
    page: int
    pages: int
    items: list[tuple[URIRef, str]]


#: Resources on a page of a class's list.
PAGE_SIZE = 500


def instances(store, cls: URIRef, lang: str = "da", page: int = 1) -> InstancesView:
    """The resources of a class sorted by name, `PAGE_SIZE` to a page (pages count from 1)."""
    found = [row["resource"] for row in queries.run(store, "instances", **{"class": cls})]
    names = labels.names(store, lang, [str(iri) for iri in found])
    ordered = sorted(found, key=lambda iri: (names.get(str(iri), str(iri)).casefold(), str(iri)))
    pages = max(1, -(-len(ordered) // PAGE_SIZE))
    if not 1 <= page <= pages:
        raise NotFoundError(f"Listen har ingen side {page}.", f"The list has no page {page}.")
    shown = ordered[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return InstancesView(
        cls=cls,
        label=labels.label(cls, lang),
        definition=labels.definition(cls, lang),
        total=len(ordered),
        page=page,
        pages=pages,
        items=[(iri, names.get(str(iri)) or _unnamed(store, iri, cls, lang, names)) for iri in shown],
    )


def _unnamed(store, iri: URIRef, cls: URIRef, lang: str, names: dict[str, str]) -> str:
    """A name for a part the author did not name (a milestone plan, an evaluation): its date as
    written, else its kind and the named resource that holds it, never its IRI."""
    for _, _, written, _ in store.match(iri, MP.dateText, None):
        return str(written)
    holders = sorted({subject for subject, _, _, _ in store.match(None, None, iri)})
    held_by = labels.names(store, lang, holders)
    for holder in holders:
        if holder in held_by:
            return f"{labels.label(cls, lang)} · {held_by[holder]}"
    return labels.label(cls, lang)


def known(store, iri: URIRef) -> bool:
    """Whether the graph says anything about `iri` or of it."""
    return bool(queries.run(store, "resource", resource=iri))


#: The most blank nodes a resource's data follows (a restriction, a union and its list).
MAX_BLANK_NODES = 1000


def resource_graph(store, iri: URIRef) -> rdflib.Graph:
    """What the graph says about a resource and of it (its statements out and in, with the
    labels of the resources at the other end): its data for an RDF client. Blank nodes are
    followed as in a symmetric concise bounded description: what a blank node says, and what
    says a blank node that says the resource, until only IRIs and literals remain (a class's
    restrictions and unions, issue 10)."""
    from .namespaces import PREFIXES

    graph = _statements(store, iri, types=False)
    into = {node for node in graph.subjects(None, iri) if isinstance(node, BNode)}
    out = {node for node in graph.objects(iri) if isinstance(node, BNode)} | into
    done: dict[bool, set[BNode]] = {True: set(), False: set()}  # outward and upward, followed
    while out or into:
        outward = bool(out)
        node = (out if outward else into).pop()
        if len(done[True]) + len(done[False]) >= MAX_BLANK_NODES:
            break
        done[outward].add(node)
        for row in queries.run(store, "statements-about", resource=node):
            other = row["o"]
            if (row.get("direction") == Literal("out")) != outward:
                continue
            graph.add((node, row["p"], other) if outward else (other, row["p"], node))
            if "otherLabel" in row:
                graph.add((other, RDFS.label, row["otherLabel"]))
            if isinstance(other, BNode):
                if other not in done[True]:
                    out.add(other)
                if not outward and other not in done[False]:
                    into.add(other)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


@dataclass(frozen=True)
class TermView:
    """A class or property of the ontology as its documentation shows it."""

    iri: URIRef
    name: str
    label_da: str
    label_en: str
    definition: str
    related: tuple[tuple[str, tuple[URIRef, ...]], ...]


@dataclass
class OntologyView:
    """The ontology's documentation: its title, description, version, classes and properties."""

    iri: URIRef
    title: str
    description: str
    version: str
    classes: list[TermView] = field(default_factory=list)
    properties: list[TermView] = field(default_factory=list)


@functools.cache
def ontology_view(lang: str = "da") -> OntologyView:
    """The ontology, read for people: every class and property with labels and definitions.
    The ontology ships with the package, so this is read once a language (callers must not
    change what it returns)."""
    from .namespaces import DCTERMS, ONTOLOGY_IRI, OWL

    graph = labels.ontology()
    view = OntologyView(
        ONTOLOGY_IRI,
        labels.best(graph.objects(ONTOLOGY_IRI, DCTERMS.title), lang),
        labels.best(graph.objects(ONTOLOGY_IRI, DCTERMS.description), lang),
        str(graph.value(ONTOLOGY_IRI, OWL.versionInfo) or ""),
    )
    relations = (
        (RDFS.subClassOf, "subClassOf"),
        (RDFS.subPropertyOf, "subPropertyOf"),
        (RDFS.domain, "domain"),
        (RDFS.range, "range"),
        (SKOS.closeMatch, "closeMatch"),
    )

    def term(iri: URIRef) -> TermView:
        related = tuple(
            (name, tuple(sorted(o for o in graph.objects(iri, predicate) if isinstance(o, URIRef))))
            for predicate, name in relations
        )
        return TermView(
            iri,
            labels.local_name(iri),
            labels.label(iri, "da"),
            labels.label(iri, "en"),
            labels.definition(iri, lang),
            tuple((name, found) for name, found in related if found),
        )

    for kind, target in (
        (OWL.Class, view.classes),
        (OWL.ObjectProperty, view.properties),
        (OWL.DatatypeProperty, view.properties),
    ):
        target.extend(term(iri) for iri in sorted(graph.subjects(RDF.type, kind)) if str(iri).startswith(str(MP)))
    view.classes.sort(key=lambda t: t.name)
    view.properties.sort(key=lambda t: t.name)
    return view
