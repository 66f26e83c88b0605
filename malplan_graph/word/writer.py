"""Writes a plan into the målplan template (.docx), and the blank template, with python-docx.

The layout is the template's: a title, then one two-column row per section, heading and
guidance on the left, questions and answers on the right, as the template's table
(template.QUESTIONS) says. Answers are written as the reader reads them back (one name or item a
paragraph); the plan's IRI goes into the document's properties and what the template has no
place for into its custom properties (hidden.py), so that export → import gives the same graph.
Never prints.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import docx
import rdflib
from docx.shared import Cm, Pt
from rdflib import URIRef

from .. import labels
from ..describe import part_order, parts
from ..errors import NotFoundError, output_error
from ..namespaces import MP, RDF, RDFS, SKOS
from . import hidden
from .template import QUESTIONS, SECTIONS, TITLE, Question


def write_template(path: Path) -> None:
    """The blank målplan template."""
    _save(_document({}, title=""), path)


def write_plan(store, plan: URIRef, path: Path) -> None:
    """One plan from the store, written into the template."""
    graph = store.neighbourhood(plan)
    if (plan, RDF.type, MP.GoalPlan) not in graph:
        raise NotFoundError(
            f"Grafen indeholder ingen målplan med IRI'en {plan}.", f"The graph holds no goal plan with the IRI {plan}."
        )
    document = _document(plan_answers(graph, plan), title=_name(graph, plan))
    document.core_properties.identifier = str(plan)
    hidden.attach(document, hidden.entries(graph, plan, lambda node, p: milestone_line(graph, node, p)), plan)
    _save(document, path)


def plan_answers(graph: rdflib.Graph, plan: URIRef) -> dict[str, list[str]]:
    """The answer paragraphs to each question, from a plan's graph, as the template's table says."""
    return {question.key: [v for v in _answer(graph, plan, question) if v] for question in QUESTIONS}


def _answer(graph: rdflib.Graph, plan: URIRef, question: Question) -> list[str]:
    def names(subject, predicate) -> list[str]:
        return sorted(_name(graph, node) for node in graph.objects(subject, predicate))

    if question.kind == "name":
        return names(plan, question.property)
    nodes = parts(graph, plan, question.on)
    if question.kind == "part":
        return [_text(graph, node, RDFS.label) for node in nodes]
    if question.kind == "text":  # the template has room for one: the first that has it
        return next((text.split("\n") for node in nodes if (text := _text(graph, node, question.property))), [])
    if question.kind == "pairs" and question.create == MP.Partner:
        # "who starts which": the template's own verb, so that a name in the action's text
        # ("Herstedøster Skole: Energipatrulje") is not read as the starter's
        return [
            f"{'; '.join(names(node, question.property))} iværksætter {_text(graph, node, RDFS.label)}"
            for node in nodes
            if graph.value(node, question.property) is not None
        ]
    if question.kind == "pairs":
        lines = [("; ".join(names(node, question.property)), _text(graph, node, RDFS.label)) for node in nodes]
        if all(found for found, _ in lines):  # one line per part, in the parts' order
            return [found for found, _ in lines]
        return [f"{label}: {found}" for found, label in lines if found]  # some parts have none
    return date_lines(graph, nodes, question)


def date_lines(graph: rdflib.Graph, milestone_plans: list, question: Question) -> list[str]:
    """A date question's lines: one per milestone; milestones read from one line ("januar og
    august 2026") share it and it is written once; statuses say they are."""
    lines: list[str] = []
    for milestone_plan in milestone_plans:
        for predicate in filter(None, (question.property, question.also)):
            for node in sorted(graph.objects(milestone_plan, predicate), key=part_order):
                lines.append(milestone_line(graph, node, predicate))
    return list(dict.fromkeys(lines))


def milestone_line(graph: rdflib.Graph, node, predicate: URIRef) -> str:
    """The line a milestone is written as; a status says it is one (the builder knows it by the word)."""
    text = _date_text(graph, node)
    if predicate == MP.statusReport and "status" not in text.lower():
        return f"Status til politisk niveau: {text}"
    return text


def _name(graph: rdflib.Graph, node) -> str:
    values = list(graph.objects(node, RDFS.label)) + list(graph.objects(node, SKOS.prefLabel))
    return labels.best(values, "da", fallback=node)


def _text(graph: rdflib.Graph, node, predicate) -> str:
    return labels.best(graph.objects(node, predicate), "da")


def _date_text(graph: rdflib.Graph, node) -> str:
    written = graph.value(node, MP.dateText)
    if written is not None:
        return str(written)
    date = graph.value(node, MP.date)
    if date is None:
        return ""
    from .dates import write_date

    return write_date(date.toPython())


def _document(answers: dict[str, list[str]], title: str) -> docx.Document:
    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.subject = TITLE
    heading = document.add_paragraph()
    run = heading.add_run(TITLE)
    run.bold = True
    run.font.size = Pt(16)
    if title:
        document.add_paragraph(title).runs[0].italic = True
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for section in SECTIONS:
        left, right = table.add_row().cells
        left.width, right.width = Cm(6), Cm(11)
        left.paragraphs[0].add_run(section.heading).bold = True
        if section.guidance:
            left.add_paragraph(section.guidance).runs[0].font.size = Pt(9)
        first = True
        for question in section.questions:
            paragraph = right.paragraphs[0] if first else right.add_paragraph()
            first = False
            paragraph.add_run(question.text).bold = True
            values = answers.get(question.key, [])
            bullets = len(values) > 1 and question.kind != "text"  # a text's paragraphs are one text
            for value in values:
                right.add_paragraph(value, style="List Bullet" if bullets else None)
            if not values:
                right.add_paragraph("")
    return document


def _save(document: docx.Document, path: Path) -> None:
    path = Path(path)
    temporary = path.with_name(f".{path.name}.part")
    try:
        document.save(str(temporary))
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise output_error(path, error) from error
