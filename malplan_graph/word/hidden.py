"""What an exported målplan carries that the visible template has no place for: its parts' IRIs,
the statements about them the template does not show (an evaluation's date and label, a
milestone's date), and the parts it cannot show (a second evaluation), kept in the document's
custom properties (docProps/custom.xml), which Word and LibreOffice keep when they save.

On import the hidden data is untrusted input: it only names this plan's own parts (under its
IRI, or parts it has in the store), and visible text always wins: a part gets its old IRI and
hidden statements back only when its text is as it was exported. Never reads the store itself.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import rdflib
from rdflib import Literal, URIRef

from ..describe import part_order, parts
from ..namespaces import MP, RDF, RDFS
from ..store.terms import iri_problem
from .template import GOAL, MILESTONE_PLAN, PARTS, QUESTIONS, Part, questions_on

CUSTOM_PART = "/docProps/custom.xml"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"

#: The custom properties are named malplan.001, malplan.002 …; Word keeps at most 255
#: characters of a text property, so the data is cut into pieces shorter than that.
NAME = "malplan"
PIECE = 240
VERSION = 1
#: Hidden data larger than this (characters) is ignored as not ours.
MAX_CHARS = 2_000_000

MILESTONE = "milestone"
PLAN = "plan"


@dataclass
class Entry:
    """One part as exported: its kind, IRI, the text it was written as, and the statements
    about it the document does not show (all of them for a part the document cannot show)."""

    part: str
    iri: URIRef
    text: str = ""
    shown: bool = True
    property: URIRef | None = None
    statements: list[tuple[URIRef, rdflib.term.Node]] = field(default_factory=list)


# --------------------------------------------------------------------------- what the document shows


def shown(part: str) -> set[URIRef]:
    """The properties the visible document gives a part of kind `part` (their values in the
    document win over hidden ones)."""
    if part == PLAN:
        return {RDF.type, RDFS.label, *(p.predicate for p in PARTS)} | {
            q.property for q in QUESTIONS if q.kind == "name"
        }
    if part == MILESTONE:
        # its line is what the document shows; it is only matched when unchanged, and then
        # the milestone's own text ("august 2026", not "Status …: august 2026") is kept
        return {RDF.type}
    kind = _PART_BY_KEY[part]
    found = {RDF.type, *(q.property for q in questions_on(kind))}
    if part == MILESTONE_PLAN.key:
        found |= {q.also for q in questions_on(kind) if q.also is not None}
    if kind.named:
        found.add(RDFS.label)
    if kind == GOAL:
        found.add(MP.fulfils)  # the objective the plan names
    return found


def written(graph: rdflib.Graph, node, part: Part) -> str:
    """The text a part is known by in the document: its name, or its answers' texts."""
    if part.named:
        texts = [graph.value(node, RDFS.label)]
    else:
        texts = [graph.value(node, q.property) for q in questions_on(part, "text")]
    return _same(" ".join(str(text) for text in texts if text is not None))


def _same(text: str) -> str:
    return " ".join(text.split())


_PART_BY_KEY = {part.key: part for part in PARTS}


# --------------------------------------------------------------------------- writing


def entries(graph: rdflib.Graph, plan: URIRef, line_of) -> list[Entry]:
    """The hidden data of a plan's graph; `line_of(milestone, predicate)` is the line the
    document shows a milestone as."""
    found = [_entry(graph, plan, PLAN, "")]
    for part in PARTS:
        for number, node in enumerate(parts(graph, plan, part)):
            shows = part.named or part == MILESTONE_PLAN or number == 0
            found.append(_entry(graph, node, part.key, written(graph, node, part), shows))
            if part != MILESTONE_PLAN:
                continue
            for question in questions_on(MILESTONE_PLAN, "date"):
                for predicate in filter(None, (question.property, question.also)):
                    for milestone in sorted(graph.objects(node, predicate), key=part_order):
                        entry = _entry(graph, milestone, MILESTONE, _same(line_of(milestone, predicate)))
                        entry.property = predicate
                        found.append(entry)
    return [entry for entry in found if isinstance(entry.iri, URIRef)]


def _entry(graph: rdflib.Graph, node, part: str, text: str, shows: bool = True) -> Entry:
    visible = shown(part) if shows else set()
    statements = [(p, o) for p, o in graph.predicate_objects(node) if p not in visible and p != MP.contributesTo]
    return Entry(part, node, text, shows, None, sorted(statements))


def attach(document, data: list[Entry], plan: URIRef) -> None:
    """Put the hidden data into the document's custom properties."""
    text = json.dumps(
        {"version": VERSION, "plan": str(plan), "parts": [_encode(entry) for entry in data]}, ensure_ascii=False
    )
    attach_text(document, text)


def attach_text(document, text: str) -> None:
    """Put a text into the document's custom properties, in pieces Word keeps whole."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part as OpcPart

    pieces = [text[start : start + PIECE] for start in range(0, len(text), PIECE)]
    properties = "".join(
        f'<property fmtid="{_FMTID}" pid="{number + 2}" name="{NAME}.{number + 1:04d}">'
        f"<vt:lpwstr>{escape(piece)}</vt:lpwstr></property>"
        for number, piece in enumerate(pieces)
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}">{properties}</Properties>'
    ).encode()
    package = document.part.package
    part = OpcPart(PackURI(CUSTOM_PART), CUSTOM_TYPE, xml, package)
    package.relate_to(part, CUSTOM_RELATION)


def _encode(entry: Entry) -> dict:
    return {
        "part": entry.part,
        "iri": str(entry.iri),
        "text": entry.text,
        "shown": entry.shown,
        **({"property": str(entry.property)} if entry.property is not None else {}),
        "statements": [[str(p), _encode_node(o)] for p, o in entry.statements],
    }


def _encode_node(node) -> dict:
    if isinstance(node, Literal):
        return {
            "text": str(node),
            **({"lang": node.language} if node.language else {}),
            **({"type": str(node.datatype)} if node.datatype else {}),
        }
    return {"iri": str(node)}


# --------------------------------------------------------------------------- reading


def read(path: Path) -> tuple[str, list[Entry]]:
    """The plan IRI and the entries a document's hidden data names; ("", []) when it has none
    or they cannot be trusted to be ours (anything malformed is dropped, never an error)."""
    try:
        with zipfile.ZipFile(path) as archive:
            if CUSTOM_PART[1:] not in archive.namelist():
                return "", []
            info = archive.getinfo(CUSTOM_PART[1:])
            if info.file_size > MAX_CHARS * 4:
                return "", []
            xml = archive.read(info)
        data = json.loads(_pieces(xml))
        plan = data["plan"]
        if data.get("version") != VERSION or not isinstance(plan, str) or iri_problem(plan):
            return "", []
        return plan, [entry for raw in data["parts"] if (entry := _decode_or_none(raw)) is not None]
    except (OSError, zipfile.BadZipFile, ValueError, KeyError, TypeError, AttributeError):
        return "", []


def _pieces(xml: bytes) -> str:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    root = etree.fromstring(xml, parser=parser)
    if root.getroottree().docinfo.doctype:
        raise ValueError("a DTD")
    pieces = {}
    for prop in root.iter(f"{{{_CUSTOM_NS}}}property"):
        name = prop.get("name") or ""
        head, _, number = name.partition(".")
        if head == NAME and number.isdigit():
            pieces[int(number)] = "".join(prop.itertext())
    text = "".join(pieces[number] for number in sorted(pieces))
    if len(text) > MAX_CHARS:
        raise ValueError("too long")
    return text


def _decode_or_none(raw) -> Entry | None:
    try:
        return _decode(raw)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _decode(raw: dict) -> Entry | None:
    if raw.get("part") not in (PLAN, MILESTONE, *_PART_BY_KEY) or not _iri_ok(raw.get("iri")):
        return None
    prop = raw.get("property")
    if prop is not None and not _iri_ok(prop):
        return None
    statements = []
    for predicate, node in raw.get("statements", []):
        value = _decode_node(node)
        # mp:contributesTo is the store's to derive, never a document's to say
        if _iri_ok(predicate) and value is not None and predicate != str(MP.contributesTo):
            statements.append((URIRef(predicate), value))
    text = raw.get("text", "")
    return Entry(
        raw["part"],
        URIRef(raw["iri"]),
        text if isinstance(text, str) else "",
        raw.get("shown", True) is not False,
        URIRef(prop) if prop else None,
        statements,
    )


def _decode_node(node: dict):
    if "iri" in node:
        return URIRef(node["iri"]) if _iri_ok(node["iri"]) else None
    text, lang, datatype = node.get("text"), node.get("lang"), node.get("type")
    if not isinstance(text, str) or (datatype is not None and not _iri_ok(datatype)):
        return None
    if lang is not None and not (isinstance(lang, str) and lang.replace("-", "").isalnum() and len(lang) < 36):
        return None
    return Literal(text, lang=lang or None, datatype=URIRef(datatype) if datatype and not lang else None)


def _iri_ok(text) -> bool:
    return isinstance(text, str) and len(text) < 4096 and iri_problem(text) is None


# --------------------------------------------------------------------------- restoring


def restore(graph: rdflib.Graph, plan: URIRef, data: list[Entry], allowed) -> None:
    """Give the built parts whose text is as exported their old IRIs and the statements the
    document does not show; add the parts it cannot show. `allowed(iri)` says whether an IRI
    may be one of this plan's parts (hidden data names nothing else)."""
    data = [e for e in data if (e.iri == plan) == (e.part == PLAN) and (e.part == PLAN or allowed(e.iri))]
    if not data:
        return
    built = _built(graph, plan)
    free = list(data)
    rename: dict[URIRef, URIRef] = {}
    kept: list[tuple[URIRef, Entry]] = []
    for node, part, text, predicate in built:
        entry = next(
            (e for e in free if e.shown and e.part == part and e.text == text and e.property == predicate), None
        )
        if entry is not None:
            free.remove(entry)
            rename[node] = entry.iri
            kept.append((entry.iri, entry))
    taken = set(rename.values())
    for node, _, _, _ in built:  # a new part never takes an old part's IRI
        if node not in rename and node in taken:
            number = 2
            while URIRef(f"{node}-{number}") in taken:
                number += 1
            rename[node] = URIRef(f"{node}-{number}")
    _rename(graph, rename)
    unshown = [e for e in free if not e.shown and e.part in _PART_BY_KEY]
    restored = taken | {e.iri for e in unshown} | {plan}
    stale = {e.iri for e in data} - restored

    def usable(node) -> bool:
        return node not in stale

    for iri, entry in kept:
        visible = shown(entry.part)
        for triple in list(graph.triples((iri, None, None))):
            if triple[1] not in visible:
                graph.remove(triple)
        for predicate, node in entry.statements:
            if predicate not in visible and usable(node):
                graph.add((iri, predicate, node))
    for entry in unshown:  # of its kind's class only: hidden data makes no plan, no goal
        part = _PART_BY_KEY[entry.part]
        graph.add((plan, part.predicate, entry.iri))
        graph.add((entry.iri, RDF.type, part.cls))
        for predicate, node in entry.statements:
            if predicate != RDF.type and usable(node):
                graph.add((entry.iri, predicate, node))
    for entry in data:
        if entry.part == PLAN:
            for predicate, node in entry.statements:
                if predicate not in shown(PLAN) and usable(node):
                    graph.add((plan, predicate, node))


def _built(graph: rdflib.Graph, plan: URIRef) -> list[tuple[URIRef, str, str, URIRef | None]]:
    """The built parts: node, kind, the text it is known by, and (milestones) its property."""
    found = []
    for part in PARTS:
        for node in parts(graph, plan, part):
            found.append((node, part.key, written(graph, node, part), None))
            if part != MILESTONE_PLAN:
                continue
            for question in questions_on(MILESTONE_PLAN, "date"):
                for predicate in filter(None, (question.property, question.also)):
                    for milestone in sorted(graph.objects(node, predicate), key=part_order):
                        text = _same(str(graph.value(milestone, MP.dateText) or ""))
                        found.append((milestone, MILESTONE, text, predicate))
    return [row for row in found if isinstance(row[0], URIRef)]


def _rename(graph: rdflib.Graph, rename: dict[URIRef, URIRef]) -> None:
    if not any(old != new for old, new in rename.items()):
        return
    triples = list(graph)
    graph.remove((None, None, None))
    for s, p, o in triples:
        graph.add((rename.get(s, s), p, rename.get(o, o)))
