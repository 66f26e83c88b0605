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
from ..namespaces import MP, RDF, RDFS, SKOS
from ..store import SHARED_GRAPH
from ..store.inputs import check_text
from ..store.terms import iri_problem
from . import hidden
from .builder import Builder
from .names import Acceptance, Created, NameIndex, Suggestion, distinct_iri, plan_iri, plan_label, slug
from .reader import read_plan
from .template import normalise


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
    #: The title the plan had in the store before this import replaced it.
    replaced_label: str = ""
    notes: list[tuple[str, str]] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
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
    accept: Acceptance | None = None,
) -> list[ImportResult]:
    """Import målplaner: every readable file's plan is validated, then all are written in one
    atomic write (nothing with `dry_run`). A bad file gets its error and stops no other.
    A name near one the graph holds is a suggestion on the result, unless `accept` accepts it."""
    index = NameIndex(store)
    known_labels = {row["plan"]: str(row["label"] or "") for row in queries.run(store, "plans")}
    known_plans = set(known_labels)
    results: list[ImportResult] = []
    first_file: dict[URIRef, Path] = {}
    seen: dict[URIRef, tuple] = {}
    graphs = store.graph_names()
    for path in paths:
        result = ImportResult(path=Path(path))
        try:
            text = read_plan(Path(path))
            builder = Builder(text, index, accept)
            builder.plan = _identity(store, builder, known_plans, seen)
            _check_own_graph(store, builder.plan, known_plans, graphs, result.path)
            if builder.plan in first_file:
                other = first_file[builder.plan].name
                raise InputError(
                    f"{result.path.name}: er samme målplan («{plan_label(text)}») som {other}; importér dem hver "
                    f"for sig, eller giv planerne forskellige titler.",
                    f"{result.path.name}: is the same plan («{plan_label(text)}») as {other}; import them one at "
                    f"a time, or give the plans different titles.",
                )
            first_file[builder.plan] = result.path
            builder.build()
            _keep_unrecognised(builder, text)
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
            result.suggestions = builder.suggestions
            result.replaced = builder.plan in known_plans
            result.replaced_label = known_labels.get(builder.plan, "") if result.replaced else ""
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
            used=[curation.file_entity(store.base, result.path) for result in imported],
            generated=[result.plan for result in imported],
        )
    return results


def _identity(store, builder: Builder, known_plans: set, seen: dict[URIRef, tuple]) -> URIRef:
    """The plan's IRI: its identifier, or its title's IRI unless a different plan of that title
    is in the store or earlier in this import (issue 11: two plans in files both named
    "Målplan.docx" never overwrite each other). A plan is the same when it names the same
    objective or at least one of the same workplaces (or either names neither): then the import
    replaces it."""
    plan, text = builder.plan, builder.text
    if str(plan) == text.identifier:
        return plan
    index = builder.index
    written = " ".join(text.text("objective").split())
    names = builder.names(text.lines("workplaces"))
    workplaces = {index.find(name, (MP.Workplace,)) for name in names}
    # resolved where the graph knows them, and as written (an earlier file may have created them)
    mine = (
        index.find(written, (MP.Objective,)),
        normalise(written),
        frozenset(workplaces - {None}),
        frozenset(map(normalise, names)),
    )

    def same(other: tuple) -> bool:
        # A corrected file (its objective or a workplace was misread the first time) is still
        # the same plan: a plan of the same title is another plan only when it shares neither
        # the objective nor any workplace.
        objective = other[0] == mine[0] if other[0] and mine[0] else bool(mine[1]) and other[1] == mine[1]
        shared = bool(other[2] & mine[2]) or bool(other[3] & mine[3])
        return objective or shared or not (other[1] or other[3]) or not (mine[1] or mine[3])

    for candidate in (plan, distinct_iri(plan, text)):
        if candidate in seen:
            if same(seen[candidate]):
                return candidate
            continue
        if candidate in known_plans:
            graph = store.neighbourhood(candidate, depth=1)
            objective = graph.value(candidate, MP.objective)
            stored = (
                objective,
                normalise(str(graph.value(objective, RDFS.label) or "")) if objective else "",
                frozenset(graph.objects(candidate, MP.workplace)),
                frozenset(
                    normalise(str(graph.value(w, RDFS.label) or "")) for w in graph.objects(candidate, MP.workplace)
                ),
            )
            if not same(stored):
                continue
        seen[candidate] = mine
        return candidate
    return distinct_iri(plan, text)


def _keep_unrecognised(builder: Builder, text) -> None:
    """A heading the template does not have is no answer to the question before it (issue 11):
    it and the text under it stay on the plan as a note, and the report names it and where."""
    for found in text.unrecognised:
        builder.add(builder.plan, SKOS.note, Literal(found.note(), lang="da"))
        builder.notes.append(("heading-unknown", found.heading, {"after": found.after}))


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


@dataclass(frozen=True)
class Accepted:
    """A suggestion accepted after the import: the written name, now the candidate's too."""

    written: str
    candidate_label: str
    outcome: curation.Outcome


def accept_suggestion(store, created: str, candidate: str, lang: str = "da") -> Accepted:
    """Accept a suggestion after the import: the resource the import created is merged into the
    candidate (its name becomes the candidate's skos:altLabel, so the next import matches by
    itself), in one atomic write that `malplan undo` can undo."""
    for text in (created, candidate):
        if iri_problem(text) is not None:
            raise InputError(f"«{text}» er ikke en IRI.", f"«{text}» is not an IRI.")
    created_iri, candidate_iri = URIRef(created), URIRef(candidate)
    written = curation.name_of(store, created_iri, lang)
    candidate_label = curation.name_of(store, candidate_iri, lang)
    outcome = curation.merge(store, candidate_iri, created_iri, lang)
    return Accepted(written, candidate_label, outcome)


def describe_created(created: Created, lang: str = "da") -> str:
    """One line about a created resource: its class and name."""
    return f"{labels.label(created.cls, lang)}: {created.label}"


__all__ = [
    "Accepted",
    "Acceptance",
    "Created",
    "ImportResult",
    "Suggestion",
    "accept_suggestion",
    "NameIndex",
    "import_plans",
    "plan_iri",
    "plan_label",
    "slug",
]
