"""Turns read målplaner into the graph: names resolved against what the graph holds, new
resources created and listed, every plan validated, and each import written whole or not at all.

A plan lives in a named graph of its own (its IRI), so importing the same plan again replaces
it; resources the plans share (new workplaces, partners, data sources …) go to one shared graph.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib import Literal, URIRef

from .. import curation, labels, queries, validate
from ..errors import InputError, MalplanError
from ..namespaces import MP, RDF
from ..store import SHARED_GRAPH
from ..store.inputs import check_text
from . import hidden
from .builder import Builder
from .names import Created, NameIndex, plan_iri, plan_label, slug
from .reader import read_plan


@dataclass
class ImportResult:
    """What importing one file gave: the plan, what was created, its validation, or an error."""

    path: Path
    plan: URIRef | None = None
    label: str = ""
    graph: rdflib.Graph | None = None
    shared: rdflib.Graph | None = None
    created: list[Created] = field(default_factory=list)
    report: validate.Report | None = None
    replaced: bool = False
    notes: list[tuple[str, str]] = field(default_factory=list)
    error: MalplanError | None = None

    @property
    def ok(self) -> bool:
        """True when the file was read and its plan built (whatever its validation says)."""
        return self.error is None


# --------------------------------------------------------------------------- importing


def import_plans(
    store,
    paths: list[Path],
    *,
    dry_run: bool = False,
    today: dt.date | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[ImportResult]:
    """Import målplaner: every readable file's plan is validated, then all are written in one
    atomic write (nothing with `dry_run`). A bad file gets its error and stops no other."""
    index = NameIndex(store)
    known_plans = {row["plan"] for row in queries.run(store, "plans")}
    results: list[ImportResult] = []
    first_file: dict[URIRef, Path] = {}
    graphs = store.graph_names()
    for path in paths:
        result = ImportResult(path=Path(path))
        try:
            text = read_plan(Path(path))
            builder = Builder(text, index)
            _check_own_graph(store, builder.plan, known_plans, graphs, result.path)
            if builder.plan in first_file:
                other = first_file[builder.plan].name
                raise InputError(
                    f"{result.path.name}: er samme målplan ({builder.plan}) som {other}; importér dem hver for "
                    f"sig, eller giv filerne forskellige navne.",
                    f"{result.path.name}: is the same plan ({builder.plan}) as {other}; import them one at a "
                    f"time, or give the files different names.",
                )
            first_file[builder.plan] = result.path
            builder.build()
            _restore_hidden(store, builder, result.path, known_plans)
            _check_texts(builder, result.path)
        except MalplanError as error:
            result.error = error
        except Exception as error:  # noqa: BLE001 - one bad file never stops the others (issue 10)
            result.error = InputError(
                f"{result.path.name}: kunne ikke læses ({type(error).__name__}: {error}); åbn filen i Word, gem den "
                "igen som .docx, og prøv igen (meld fejlen, hvis den bliver ved).",
                f"{result.path.name}: could not be read ({type(error).__name__}: {error}); open the file in Word, "
                "save it again as .docx and try again (report the error if it persists).",
            )
        else:
            result.plan, result.graph = builder.plan, builder.graph
            result.label = plan_label(text)
            result.created, result.notes = builder.created, builder.notes
            result.replaced = builder.plan in known_plans
            result.shared = builder.shared
        results.append(result)
        if progress:
            progress(1)
    imported = [r for r in results if r.ok]
    for start in range(0, len(imported), validate.BATCH_SIZE):
        batch = imported[start : start + validate.BATCH_SIZE]
        data = rdflib.Graph()
        for result in batch:
            data += result.graph
            data += result.shared
        for node in set(data.objects()):
            if isinstance(node, URIRef) and node in index.iris:
                store.neighbourhood(node, depth=1, into=data)
        reports = validate.validate_graph(data, [result.plan for result in batch], today=today)
        for result, report in zip(batch, reports, strict=True):
            result.report = report
    if imported and not dry_run:
        shared = rdflib.Graph()
        for result in imported:
            shared += result.shared
        # one atomic write, recorded in the history, without the orphans the old versions leave
        curation.replace_graphs(
            store,
            replace={str(result.plan): result.graph for result in imported},
            add={store.base + SHARED_GRAPH: shared} if len(shared) else {},
            forget=[node for result in imported if result.replaced for node in plan_parts(store, result.plan)],
            used=[URIRef(result.path.resolve().as_uri()) for result in imported],
            generated=[result.plan for result in imported],
        )
    return results


def _check_texts(builder: Builder, path: Path) -> None:
    """The rule of every input (issue 10): no text too long or with a character XML cannot
    carry (a file name is a plan's title when the document has none)."""
    for subject, predicate, value in (*builder.graph, *builder.shared):
        if isinstance(value, Literal):
            check_text(
                str(value),
                f"{path.name}: teksten til <{subject}> <{predicate}>",
                f"{path.name}: the text of <{subject}> <{predicate}>",
            )


def _restore_hidden(store, builder: Builder, path: Path, known_plans: set) -> None:
    """What the exported document carried besides its text (its parts' IRIs, evaluation dates …),
    when it is this plan's: it may name only the plan's own parts, under the plan's IRI or held
    by the plan in the store, never another plan's or anything else the store holds."""
    plan, entries = hidden.read(path)
    if plan != str(builder.plan) or not entries:
        return
    own = plan_parts(store, builder.plan) if builder.plan in known_plans else {builder.plan}

    def allowed(iri: URIRef) -> bool:
        if iri in own:
            return True
        return str(iri).startswith(f"{builder.plan}/") and not store.match(subject=str(iri))

    hidden.restore(builder.graph, builder.plan, entries, allowed)


def _check_own_graph(store, plan: URIRef, known_plans: set, graphs: set[str], path: Path) -> None:
    """A plan is written into a graph of its own name: refuse a name that is a reserved graph
    or anything in the store other than a plan (a graph, an ontology term, a workplace …)."""
    reserved = store.reserved_graphs().get(str(plan))
    if reserved is not None:
        raise InputError(
            f"{path.name}: dokumentets identifikator <{plan}> er navnet på grafen med {reserved[0]}, som en "
            f"import ikke må erstatte; slet identifikatoren (Filer › Oplysninger › Egenskaber), og prøv igen.",
            f"{path.name}: the document's identifier <{plan}> names the graph of {reserved[1]}, which an import "
            f"may not replace; delete the identifier (File › Info › Properties) and try again.",
        )
    if plan not in known_plans and (str(plan) in graphs or store.match(subject=str(plan))):
        raise InputError(
            f"{path.name}: dokumentets identifikator <{plan}> navngiver noget i lageret, som ikke er en målplan; "
            f"slet identifikatoren (Filer › Oplysninger › Egenskaber), eller giv planen sin egen, og prøv igen.",
            f"{path.name}: the document's identifier <{plan}> names something in the store that is not a plan; "
            f"delete the identifier (File › Info › Properties) or give the plan its own, and try again.",
        )


def plan_parts(store, plan: URIRef) -> set[URIRef]:
    """The plan and the parts it holds (goals, signs, trial actions, evaluations, learning,
    its milestone plan and milestones), wherever they were written: what a new import replaces."""
    graph = store.neighbourhood(plan, depth=2)
    parts = {plan}
    for predicate in (MP.goal, MP.sign, MP.trialAction, MP.evaluation, MP.learning, MP.milestonePlan):
        parts.update(node for node in graph.objects(plan, predicate) if isinstance(node, URIRef))
    for milestone_plan in graph.objects(plan, MP.milestonePlan):
        parts.update(
            node
            for predicate, node in graph.predicate_objects(milestone_plan)
            if predicate != RDF.type and isinstance(node, URIRef)
        )
    return parts


def describe_created(created: Created, lang: str = "da") -> str:
    """One line about a created resource: its class and name."""
    return f"{labels.label(created.cls, lang)}: {created.label}"


__all__ = ["Created", "ImportResult", "NameIndex", "import_plans", "plan_iri", "plan_label", "slug"]
