"""Terms, formats and files between pyoxigraph and rdflib: conversion, parse errors, output.

Knows pyoxigraph's types; knows nothing of generations or locks.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from xml.parsers import expat

import pyoxigraph as ox
import rdflib
from rdflib.term import BNode, Literal, Node, URIRef

from ..errors import InputError
from ..namespaces import PREFIXES, XSD
from .inputs import check_json_depth, check_text, check_xml, regular_file, text_start

#: File endings the loader understands, and their pyoxigraph formats.
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".n3": ox.RdfFormat.N3,
}

#: Names of export formats and the pyoxigraph format each maps to.
EXPORT_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}

#: Names of SPARQL results formats and the pyoxigraph format each maps to.
RESULTS_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}

_XSD_STRING = str(XSD.string)


def to_rdflib(term: object) -> Node:
    """A pyoxigraph term as the equal rdflib term (xsd:string literals become plain)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unsupported term {term!r}")


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as the equal pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


def quad_to_rdflib(quad: ox.Quad) -> tuple:
    """A pyoxigraph quad as (subject, predicate, object, graph IRI or None for the default graph)."""
    graph = None if isinstance(quad.graph_name, ox.DefaultGraph) else URIRef(quad.graph_name.value)
    return to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object), graph


def quad_to_oxigraph(quad: tuple) -> ox.Quad:
    """(subject, predicate, object, graph IRI or None) as a pyoxigraph quad."""
    subject, predicate, value, graph = quad
    graph_name = ox.DefaultGraph() if graph is None else ox.NamedNode(str(graph))
    return ox.Quad(to_oxigraph(subject), to_oxigraph(predicate), to_oxigraph(value), graph_name)


def quads_text(quads: Iterable[tuple]) -> str:
    """Quads as N-Quads text (blank nodes keep their labels)."""
    return ox.serialize([quad_to_oxigraph(quad) for quad in quads], format=ox.RdfFormat.N_QUADS).decode("utf-8")


def quads_from_text(text: str) -> set[tuple]:
    """The quads of N-Quads text written by `quads_text`."""
    return {quad_to_rdflib(quad) for quad in ox.parse(text, format=ox.RdfFormat.N_QUADS)}


def iri_problem(text: str) -> str | None:
    """Why `text` is not an absolute IRI (the reason of pyoxigraph's IRI parser), or None."""
    try:
        ox.NamedNode(text)
    except ValueError as error:
        return str(error)
    return None


def check_iri_option(option: str, value: str | None) -> None:
    """Refuse an option's value (--graph, --base) that is not an absolute IRI."""
    problem = None if value is None else iri_problem(value)
    if problem is not None:
        raise InputError(
            f"{option} {value!r} er ikke en absolut IRI (fx https://eksempel.dk/); ret den, og prøv igen.",
            f"{option} {value!r} is not an absolute IRI ({problem}); correct it and try again.",
        )


def _rows(solutions: ox.QuerySolutions) -> list[dict[str, Node]]:
    names = [variable.value for variable in solutions.variables]
    converted: dict = {}  # the same IRIs come back row after row; convert each once
    rows = []
    for solution in solutions:
        row = {}
        for name in names:
            value = solution[name]
            if value is not None:
                term = converted.get(value)
                if term is None:
                    term = converted[value] = to_rdflib(value)
                row[name] = term
        rows.append(row)
    return rows


def _bindings(bindings: Mapping[str, Node] | None) -> dict | None:
    if not bindings:
        return None
    return {ox.Variable(name): to_oxigraph(value) for name, value in bindings.items()}


def _format_of(path: Path) -> ox.RdfFormat:
    regular_file(path)
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(RDF_FORMATS))
        raise InputError(
            f"{path}: ukendt filtype «{path.suffix}»; kendte filtyper er {known}.",
            f"{path}: unknown file type «{path.suffix}»; known types are {known}.",
        )
    return fmt


#: Says why a load may not write into a named graph (da, en), or None when it may.
GraphGuard = Callable[[str], "tuple[str, str] | None"]


def _load_file(writer: ox.Store, path: Path, fmt: ox.RdfFormat, base: str, to_graph, guard: GraphGuard) -> None:
    """Check one file whole (its size and shape, then every statement: literals, graphs), and
    only then load it. A read error is the file's; a write error is the store's (issue 10)."""
    size = regular_file(path)
    try:
        handle = open(path, "rb")
    except OSError as error:
        raise InputError(
            f"{path}: kan ikke åbnes: {error.strerror}.", f"{path}: cannot be opened: {error.strerror}."
        ) from error
    with handle:
        try:
            start = text_start(path, handle.read(4))
            handle.seek(start)
            source = handle
            if fmt == ox.RdfFormat.RDF_XML:
                copy = check_xml(path, handle, size)
                if copy is not None:  # a document with a DTD: Oxigraph reads expat's copy
                    source, start = io.BytesIO(copy), 0
            elif fmt == ox.RdfFormat.JSON_LD:
                check_json_depth(path, handle)
            source.seek(start)
            _check_statements(path, ox.parse(source, fmt, base_iri=base), guard)
        except SyntaxError as error:
            raise _parse_error(path, fmt, error) from error
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise InputError(
                f"{path}: kan ikke læses: {error}; ret filen, og prøv igen.",
                f"{path}: cannot be read: {error}; correct the file and try again.",
            ) from error
        source.seek(start)
        graph_arg = {} if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS) else {"to_graph": to_graph}
        # bulk_load is not transactional, and need not be: the generation it writes into is
        # thrown away on any error, and published only when every file has loaded. The file
        # has been read whole above: an error now is the store's, and the caller says so.
        writer.bulk_load(input=source, format=fmt, base_iri=base, **graph_arg)


def xml_property(predicate: ox.NamedNode) -> bool:
    """True when RDF/XML can carry `predicate`: written by pyoxigraph's serializer and read
    back by expat (namespace-aware) as the same IRI. An IRI that ends in no name cannot be an
    element (pyoxigraph then writes `<oxprefix:>`, which no XML parser reads)."""
    output = io.BytesIO()
    ox.serialize([ox.Triple(ox.NamedNode("urn:s"), predicate, ox.Literal("x"))], output, ox.RdfFormat.RDF_XML)
    names: list[str] = []
    parser = expat.ParserCreate(namespace_separator="")
    parser.StartElementHandler = lambda name, attributes: names.append(name)
    try:
        parser.Parse(output.getvalue(), True)
    except expat.ExpatError:
        return False
    return names[2:] == [predicate.value]  # after rdf:RDF and rdf:Description


def _check_statements(path: Path, quads: Iterable, guard: GraphGuard) -> None:
    """Every statement can be written in every output format and goes into a graph a load may
    change: the same rule for every input (issue 10)."""
    predicates: set = set()
    graphs: set = set()
    for quad in quads:
        predicate = quad.predicate
        if predicate not in predicates:
            predicates.add(predicate)
            if not xml_property(predicate):
                raise InputError(
                    f"{path}: egenskaben <{predicate.value}> kan ikke skrives som RDF/XML, for dens IRI ender ikke "
                    "på et navn; giv den en IRI, der ender på et navn (fx …/harNavn), og prøv igen.",
                    f"{path}: the property <{predicate.value}> cannot be written as RDF/XML, as its IRI does not "
                    "end in a name; give it an IRI that ends in a name (…/hasName, say) and try again.",
                )
        value = quad.object
        if type(value) is ox.Literal:
            check_text(
                value.value,
                f"{path}: teksten til <{quad.subject.value}> <{quad.predicate.value}>",
                f"{path}: the text of <{quad.subject.value}> <{quad.predicate.value}>",
            )
        graph = quad.graph_name
        if graph not in graphs:
            graphs.add(graph)
            refused = guard(graph.value) if type(graph) is ox.NamedNode else None
            if refused is not None:
                raise InputError(
                    f"{path}: filen skriver i grafen <{graph.value}> med {refused[0]}, som en indlæsning ikke må "
                    "ændre; fjern GRAPH-blokken, eller læg dataene i en anden graf.",
                    f"{path}: the file writes into the graph <{graph.value}> of {refused[1]}, which a load may "
                    "not change; remove the GRAPH block, or put the data in another graph.",
                )


def _parse_error(path: Path, fmt: ox.RdfFormat, error: SyntaxError) -> InputError:
    reason = str(error.msg if hasattr(error, "msg") else error)
    line, column = error.lineno, error.offset
    if line is None and fmt == ox.RdfFormat.RDF_XML:
        line, column, reason = _locate_xml_error(path, reason)
    for prefix in ("Parser error at ", "Parser error between "):
        if reason.startswith(prefix):
            reason = reason.split(": ", 1)[-1]
    reason = reason.rstrip(". ")
    if line is not None:
        where_da = f"linje {line}" + (f", kolonne {column}" if column else "")
        where_en = f"line {line}" + (f", column {column}" if column else "")
        return InputError(
            f"{path}, {where_da}: {reason}; ret filen, og prøv igen.",
            f"{path}, {where_en}: {reason}; correct the file and try again.",
        )
    return InputError(
        f"{path}: {reason}; ret filen, og prøv igen.", f"{path}: {reason}; correct the file and try again."
    )


def _locate_xml_error(path: Path, reason: str) -> tuple[int | None, int | None, str]:
    """pyoxigraph's RDF/XML errors carry no position; rdflib's (through SAX) do."""
    try:
        rdflib.Graph().parse(str(path), format="xml")
    except Exception as error:  # noqa: BLE001 - any parser complaint is the message we want
        getline = getattr(error, "getLineNumber", None)
        getcolumn = getattr(error, "getColumnNumber", None)
        if getline is not None:
            return getline(), getcolumn(), getattr(error, "getMessage", lambda: reason)()
    return None, None, reason


class TooLarge(Exception):
    """A serialised answer passed its size limit."""


class Bounded(io.RawIOBase):
    """Collects what a serializer writes, and stops it (TooLarge) past `limit` bytes, so that
    a capped answer is evaluated once, not counted first."""

    def __init__(self, limit: int | None = None) -> None:
        super().__init__()
        self.limit, self.size, self.parts = limit, 0, []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.size += len(data)
        if self.limit is not None and self.size > self.limit:
            raise TooLarge(self.size)
        self.parts.append(bytes(data))
        return len(data)

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


def _serialise(triples: Iterable, fmt: str, limit: int | None = None) -> bytes:
    output = Bounded(limit)
    rdf_format = EXPORT_FORMATS[fmt]
    if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML):
        ox.serialize(triples, output, rdf_format, prefixes=PREFIXES)
    else:
        ox.serialize(triples, output, rdf_format)
    return output.getvalue()
