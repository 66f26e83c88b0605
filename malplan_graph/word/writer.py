"""Writes a plan into the målplan template (.docx), and the blank template, with python-docx.

The layout is the template's: a title, then one two-column row per section, heading and
guidance on the left, questions and answers on the right. Answers are written as the reader
reads them back (one name or item a paragraph), and the plan's IRI goes into the document's
properties, so that import → export → import gives the same graph. Never prints.
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
from ..describe import part_order
from ..errors import NotFoundError, output_error
from ..namespaces import MP, RDF, RDFS, SKOS
from .template import SECTIONS, TITLE


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
    _save(document, path)


def plan_answers(graph: rdflib.Graph, plan: URIRef) -> dict[str, list[str]]:
    """The answer paragraphs to each question, from a plan's graph."""

    def objects(subject, predicate) -> list:
        return sorted(graph.objects(subject, predicate), key=part_order)

    def names(subject, predicate) -> list[str]:
        return sorted(_name(graph, node) for node in graph.objects(subject, predicate))

    goals, signs, actions = objects(plan, MP.goal), objects(plan, MP.sign), objects(plan, MP.trialAction)
    evaluations = sorted(graph.objects(plan, MP.evaluation), key=lambda e: (str(graph.value(e, MP.date) or ""), str(e)))
    learnings = objects(plan, MP.learning)
    milestone_plan = graph.value(plan, MP.milestonePlan)
    answers: dict[str, list[str]] = {
        "workplaces": names(plan, MP.workplace),
        "owner": names(plan, MP.owner),
        "target-groups": names(plan, MP.targetGroup),
        "policy": names(plan, MP.policy),
        "objective": names(plan, MP.objective),
        "goal": [_text(graph, goal, RDFS.label) for goal in goals],
        "rationale": _first(graph, goals, MP.rationale),
        "signs": [_text(graph, sign, RDFS.label) for sign in signs],
        "data": ["; ".join(names(sign, MP.documentedBy)) for sign in signs],
        "actions": [_text(graph, action, RDFS.label) for action in actions],
        "starters": [
            f"{'; '.join(names(action, MP.startedBy))}: {_text(graph, action, RDFS.label)}"
            for action in actions
            if graph.value(action, MP.startedBy) is not None
        ],
        "degree": _first(graph, evaluations, MP.degreeOfFulfilment),
        "effects": _first(graph, evaluations, MP.effects),
        "insights": _first(graph, learnings, MP.insights),
        "keep": _first(graph, learnings, MP.actionsToKeep),
        "collaboration": _first(graph, learnings, MP.collaboration),
    }
    if milestone_plan is not None:
        for key, predicate in (
            ("start", MP.actionStart),
            ("fulfilment", MP.expectedFulfilment),
            ("interim", MP.interimEvaluation),
        ):
            # Milestones read from one line ("januar og august 2026") share it: it is written once.
            answers[key] = list(dict.fromkeys(_date_text(graph, node) for node in objects(milestone_plan, predicate)))
        statuses = (_date_text(graph, node) for node in objects(milestone_plan, MP.statusReport))
        answers["interim"] += dict.fromkeys(
            text if "status" in text.lower() else f"Status til politisk niveau: {text}" for text in statuses
        )
    return {key: [value for value in values if value] for key, values in answers.items()}


def _name(graph: rdflib.Graph, node) -> str:
    values = list(graph.objects(node, RDFS.label)) + list(graph.objects(node, SKOS.prefLabel))
    return labels.best(values, "da", fallback=node)


def _text(graph: rdflib.Graph, node, predicate) -> str:
    return labels.best(graph.objects(node, predicate), "da")


def _first(graph: rdflib.Graph, nodes: list, predicate) -> list[str]:
    for node in nodes:
        text = _text(graph, node, predicate)
        if text:
            return text.split("\n")
    return []


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
            bullets = len(values) > 1 and question.key in _LISTS
            for value in values:
                right.add_paragraph(value, style="List Bullet" if bullets else None)
            if not values:
                right.add_paragraph("")
    return document


#: Questions whose answer is a list of items (each its own resource).
_LISTS = {"workplaces", "target-groups", "goal", "signs", "data", "actions", "starters", "start", "interim"}


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
