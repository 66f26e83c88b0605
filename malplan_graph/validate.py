"""Validates målplaner against the SHACL shapes: one plan, or all of them in batches.

A plan is validated on its own subgraph (a CONSTRUCT into a small rdflib graph), never on the
whole store, so the time per plan does not grow with the store. Must not print or exit.
"""

from __future__ import annotations

import datetime as dt
import functools
import multiprocessing
import os
import re
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import pyshacl
import rdflib
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import BNode, Literal, Node, URIRef

from . import labels, queries, resources
from .errors import NotFoundError
from .namespaces import MP, MPSH, RDF, RDFS, SH, SKOS, XSD
from .texts import t
from .trace import ChainEnds, level_of, upward_relations

SEVERITIES = ("Violation", "Warning", "Info")
LANGS = ("da", "en")
#: How many plans share one pyshacl run when validating many.
BATCH_SIZE = 40
#: From this many plans on, validation is spread over worker processes.
PARALLEL_FROM = 200


@functools.lru_cache(maxsize=512)
def _prepared(text: str):
    return prepareQuery(text)


class _ValidationGraph(rdflib.Graph):
    """An rdflib graph that parses each SPARQL text once.

    pyshacl hands every SPARQL-based constraint to `query` as text, once per focus node, and
    rdflib would parse it every time (~25 ms); a prepared query is reused instead.
    """

    def query(self, query_object, *args, **kwargs):
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


@functools.cache
def shapes_graph() -> rdflib.Graph:
    """The SHACL shapes (parsed once)."""
    return rdflib.Graph().parse(resources.shapes_path(), format="turtle")


@dataclass(frozen=True)
class Result:
    """One validation result, its message in both languages."""

    severity: str
    focus: Node
    focus_label: str
    focus_level: str
    path: Node | None
    path_label: str
    value: Node | None
    message_da: str
    message_en: str
    shape: Node | None
    where_da: str = ""
    where_en: str = ""

    def message(self, lang: str = "da") -> str:
        """The message in `lang`."""
        return self.message_en if lang == "en" else self.message_da

    def where(self, lang: str = "da") -> str:
        """What the result is about, as the author wrote it ("Mål «…»", "Milepælsplan i «…»")."""
        return self.where_en if lang == "en" else self.where_da


@dataclass
class Report:
    """The validation of one plan: conforms when it has no violation."""

    plan: URIRef
    label: str
    results: list[Result] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        """True when no result is a violation (warnings and hints do not count)."""
        return not any(result.severity == "Violation" for result in self.results)

    def count(self, severity: str) -> int:
        """How many results have this severity."""
        return sum(1 for result in self.results if result.severity == severity)


def plan_iris(store) -> list[tuple[URIRef, str]]:
    """Every plan in the store with its Danish label, sorted by label."""
    found: dict[URIRef, list[Literal]] = defaultdict(list)
    for row in queries.run(store, "plans"):
        found[row["plan"]]
        if "label" in row:
            found[row["plan"]].append(row["label"])
    return sorted(((plan, labels.best(names, "da", plan)) for plan, names in found.items()), key=lambda p: p[1])


def validate_plan(store, plan: URIRef, *, today: dt.date | None = None) -> Report:
    """Validate one plan on its own subgraph."""
    reports = validate_plans(store, [plan], today=today)
    return reports[0]


def validate_plans(
    store,
    plans: list[URIRef] | None = None,
    *,
    today: dt.date | None = None,
    batch_size: int = BATCH_SIZE,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Report]:
    """Validate the given plans (all plans if None), `batch_size` plans per pyshacl run.

    Many plans in a store on disk are spread over `workers` processes (default: one per
    core), each opening the store read-only; `progress` is told how many plans are done.
    """
    today = today or dt.date.today()
    if plans is None:
        plans = [plan for plan, _ in plan_iris(store)]
    batches = [plans[start : start + batch_size] for start in range(0, len(plans), batch_size)]
    if workers is None:
        workers = min(os.cpu_count() or 1, 8) if len(plans) >= PARALLEL_FROM else 1
    path = getattr(store, "path", None)
    reports: list[Report] = []
    if workers > 1 and path is not None and len(batches) > 1:
        context = multiprocessing.get_context("spawn")  # as on Windows; no store handle is inherited
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            jobs = [(str(path), batch, today) for batch in batches]
            for batch, done in zip(batches, pool.map(_validate_in_worker, jobs), strict=True):
                reports.extend(done)
                if progress:
                    progress(len(batch))
        return reports
    for batch in batches:
        reports.extend(_validate_batch(store, batch, today))
        if progress:
            progress(len(batch))
    return reports


_WORKER_STORES: dict[str, object] = {}


def _validate_in_worker(job: tuple[str, list[URIRef], dt.date]) -> list[Report]:
    from .store import OxigraphStore

    path, batch, today = job
    store = _WORKER_STORES.get(path)
    if store is None:
        store = _WORKER_STORES[path] = OxigraphStore(path)
    return _validate_batch(store, batch, today)


@functools.cache
def _class_axioms() -> tuple[tuple[Node, Node, Node], ...]:
    """The ontology's rdfs:subClassOf axioms between its own classes."""
    ontology = labels.ontology()
    return tuple(
        (sub, RDFS.subClassOf, sup)
        for sub, sup in ontology.subject_objects(RDFS.subClassOf)
        if isinstance(sub, URIRef) and isinstance(sup, URIRef) and sub.startswith(MP) and sup.startswith(MP)
    )


def _validate_batch(store, plans: list[URIRef], today: dt.date) -> list[Report]:
    data = _ValidationGraph()
    for plan in plans:
        store.neighbourhood(plan, into=data)
        if (plan, RDF.type, MP.GoalPlan) not in data:
            raise NotFoundError(
                f"Grafen indeholder ingen målplan med IRI'en {plan}.",
                f"The graph holds no goal plan with the IRI {plan}.",
            )
        # Issue 11: whether the plan reaches the vision is decided by the chain above it, a
        # handful of statements per plan that the plan's subgraph does not reach.
        for row in queries.run(store, "chain-above-plan", plan=plan):
            data.add((row["s"], row["p"], row["o"]))
    return _validate_data(data, plans, today)


def validate_graph(graph: rdflib.Graph, plans: list[URIRef], *, today: dt.date | None = None) -> list[Report]:
    """Validate plans held in a graph of their own (a plan about to be imported, with what it
    points to), not in the store."""
    data = _ValidationGraph()
    data += graph
    return _validate_data(data, plans, today or dt.date.today())


def _validate_data(data: _ValidationGraph, plans: list[URIRef], today: dt.date) -> list[Report]:
    data.add((BNode(), MPSH.today, Literal(today.isoformat(), datatype=XSD.date)))
    for axiom in _class_axioms():
        data.add(axiom)
    # The store entails mp:contributesTo from each upward link; a plan about to be imported
    # does not yet, so the shapes get the same one property to climb either way.
    for relation in upward_relations():
        for subject, value in list(data.subject_objects(relation)):
            data.add((subject, MP.contributesTo, value))
    _, report_graph, _ = pyshacl.validate(
        data, shacl_graph=shapes_graph(), allow_warnings=True, allow_infos=True, inference="none"
    )
    reports = {plan: Report(plan=plan, label=_label(data, plan, "da")) for plan in plans}
    for result in _results(report_graph, data, reports):
        for plan in _owners(data, result.focus, reports):
            reports[plan].results.append(result)
    ends = ChainEnds(data)
    for plan, report in reports.items():
        report.results.extend(_breaks(ends, plan, reports))
    for report in reports.values():
        report.results.sort(key=_order)
    return [reports[plan] for plan in plans]


#: The parts of a plan that must reach the vision, each with the part above it in the plan
#: (a part under a broken part above is not named again) and its message key in texts.py.
_PARTS = (
    (MP.objective, None, "chain-objective"),
    (MP.goal, MP.objective, "chain-goal"),
    (MP.trialAction, MP.goal, "chain-action"),
)


def _breaks(ends: ChainEnds, plan: URIRef, reports: dict[URIRef, Report]) -> list[Result]:
    """A warning for each highest part of `plan` that does not reach the vision (issue 11). A
    part with no upward link at all is left to its shape, which names what it lacks.

    A rule of the validator, not a SHACL-SPARQL shape: rdflib's transitive paths under FILTER
    NOT EXISTS cost about 20 ms a plan (validation took three times as long)."""
    data, results = ends.graph, []
    kind = labels.label(MP.GoalPlan, "da")
    for predicate, above, key in _PARTS:
        upper = set(data.objects(plan, above)) if above is not None else set()
        for part in sorted(data.objects(plan, predicate)):
            links = set(data.objects(part, MP.contributesTo))
            if not links or links & upper or ends.reaches_vision(part):
                continue
            for stop in sorted(ends.ends(part)):
                said = [t(key, lang, name=_label(data, part, lang), stop=_label(data, stop, lang)) for lang in LANGS]
                where = [_where(data, plan, MP.GoalPlan, reports, lang) for lang in LANGS]
                via = labels.label(predicate, "da")
                results.append(
                    Result("Warning", plan, reports[plan].label, kind, predicate, via, part, *said, None, *where)
                )
    return results


def _owners(data: rdflib.Graph, focus: Node, plans: dict) -> set[URIRef]:
    """The plans of the batch whose subgraph holds `focus`: it is the plan, or at most two
    links from it (the depth of Store.neighbourhood)."""
    owners = {focus} & plans.keys()
    for predicate, first in ((p, s) for s, p in data.subject_predicates(focus)):
        if predicate == RDF.type:
            continue
        if first in plans:
            owners.add(first)
        owners.update(s for s, p in data.subject_predicates(first) if s in plans and p != RDF.type)
    return owners


def _order(result: Result) -> tuple:
    return (SEVERITIES.index(result.severity), result.focus_level, result.focus_label, result.message_da)


def _label(graph: rdflib.Graph, node: Node, lang: str) -> str:
    values = list(graph.objects(node, RDFS.label)) + list(graph.objects(node, SKOS.prefLabel))
    return labels.best(values, lang, fallback=node)


def _results(report: rdflib.Graph, data: rdflib.Graph, plans: dict[URIRef, Report]) -> list[Result]:
    shapes = shapes_graph()
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(node, SH.focusNode)
        path = report.value(node, SH.resultPath)
        severity = str(report.value(node, SH.resultSeverity)).rsplit("#", 1)[-1]
        messages = _messages(report, node, shapes)
        level = level_of(set(data.objects(focus, RDF.type)))
        results.append(
            Result(
                severity=severity,
                focus=focus,
                focus_label=_label(data, focus, "da"),
                focus_level=labels.label(level, "da") if level is not None else "",
                path=path,
                path_label=labels.label(path, "da") if isinstance(path, URIRef) else "",
                value=report.value(node, SH.value),
                message_da=messages.get("da", ""),
                message_en=messages.get("en", messages.get("da", "")),
                shape=report.value(node, SH.sourceShape),
                where_da=_where(data, focus, level, plans, "da"),
                where_en=_where(data, focus, level, plans, "en"),
            )
        )
    return results


def _where(data: rdflib.Graph, focus: Node, level: URIRef | None, plans: dict[URIRef, Report], lang: str) -> str:
    """The focus node as the author wrote it: its level and label, or (a part the author did not
    name, such as a milestone plan) its role in the plan and the plan's title; never the local
    name of an IRI the importer made up (issue 11)."""
    kind = labels.label(level, lang) if level is not None else ""
    names = list(data.objects(focus, RDFS.label)) + list(data.objects(focus, SKOS.prefLabel))
    if names:
        return f"{kind} «{labels.best(names, lang)}»"
    written = labels.best(data.objects(focus, MP.dateText), lang)
    for plan in sorted(plans):
        role = _role(data, plan, focus)
        if role is not None:
            role_name = labels.label(role, lang)
            role_name = role_name[:1].upper() + role_name[1:]
            title = _label(data, plan, lang)
            if written:
                return t("part-written-in-plan", lang, role=role_name, text=written, plan=title)
            return t("part-in-plan", lang, role=role_name, plan=title)
    return f"{kind} «{written}»" if written else kind


_NOT_ROLES = {RDF.type, MP.contributesTo}


def _role(data: rdflib.Graph, plan: URIRef, focus: Node) -> URIRef | None:
    """The property that links `focus` into `plan`, directly or through one part between."""
    direct = sorted(p for p in data.predicates(plan, focus) if p not in _NOT_ROLES)
    if direct:
        return direct[0]
    for part, predicate in sorted(data.subject_predicates(focus)):
        if predicate not in _NOT_ROLES and any(p not in _NOT_ROLES for p in data.predicates(plan, part)):
            return predicate
    return None


def _messages(report: rdflib.Graph, node: Node, shapes: rdflib.Graph) -> dict[str, str]:
    """The result's messages by language.

    pyshacl keeps the language tag of a plain sh:message but drops it when it fills in the
    {?variables} of a SPARQL constraint's message; the filled-in text is matched against the
    constraint's templates to find its language again.
    """
    found: dict[str, str] = {}
    untagged = []
    for message in report.objects(node, SH.resultMessage):
        if isinstance(message, Literal) and message.language:
            found[message.language] = str(message)
        else:
            untagged.append(str(message))
    constraint = report.value(node, SH.sourceConstraint)
    if untagged and constraint is not None:
        for template in shapes.objects(constraint, SH.message):
            pattern = _template_pattern(str(template))
            for text in untagged:
                if pattern.fullmatch(text):
                    found[template.language or "da"] = text
    return found


@functools.lru_cache(maxsize=64)
def _template_pattern(template: str) -> re.Pattern:
    parts = re.split(r"\{[?$]\w+\}", template)
    return re.compile("(.*?)".join(re.escape(part) for part in parts), re.DOTALL)


def report_graph(reports: list[Report]) -> rdflib.Graph:
    """The reports as one SHACL validation report (sh:ValidationReport), messages @da and @en."""
    graph = rdflib.Graph()
    graph.bind("sh", SH)
    graph.bind("mp", MP)
    root = BNode()
    graph.add((root, RDF.type, SH.ValidationReport))
    graph.add((root, SH.conforms, Literal(all(report.conforms for report in reports))))
    seen = set()
    for report in reports:
        for result in report.results:
            key = (result.focus, result.path, result.value, result.message_da, result.shape)
            if key in seen:
                continue
            seen.add(key)
            node = BNode()
            graph.add((root, SH.result, node))
            graph.add((node, RDF.type, SH.ValidationResult))
            graph.add((node, SH.resultSeverity, SH[result.severity]))
            graph.add((node, SH.focusNode, result.focus))
            if result.path is not None:
                graph.add((node, SH.resultPath, result.path))
            if result.value is not None:
                graph.add((node, SH.value, result.value))
            if result.shape is not None and not isinstance(result.shape, BNode):
                graph.add((node, SH.sourceShape, result.shape))
            graph.add((node, SH.resultMessage, Literal(result.message_da, lang="da")))
            graph.add((node, SH.resultMessage, Literal(result.message_en, lang="en")))
    return graph
