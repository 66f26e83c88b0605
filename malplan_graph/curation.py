"""Curation of the graph: merge two resources, delete a plan, remove orphans, and the store's
history (PROV), with undo of the last import, merge or deletion.

Every change here is a set of statements removed and a set added, written in one atomic store
write together with its history record. What is needed to undo it (the exact statements) is
kept beside the store (`history/<id>.json` in the store folder; in memory for a store in memory).
`load` and `reset` are recorded too (mp:Load, mp:Reset), in the same write as their change; they
cannot be undone, and `undo` does not reach past them (what it would restore was written before).

Undo data is kept only for what `undo` can still reach: the newest UNDO_KEPT imports, merges
and deletions that are not undone and came after the last load or reset. Every write removes
the rest (issue 11: the files were never pruned).

An *orphan* is a resource whose `rdf:type` statement is in the shared graph and in no other
graph (so an import created it, never the example or a loaded file), and which no statement
refers to (as object) except its own, the history's, or another orphan's. Every write here
removes the orphans it leaves.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
import weakref
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote

from rdflib import Literal, URIRef

from . import labels, queries
from .errors import InputError, NotFoundError
from .namespaces import MP, ONTOLOGY_IRI, OWL, PROV, RDF, RDFS, SKOS, XSD
from .store import HISTORY_GRAPH, SHARED_GRAPH, Quad
from .store.generations import atomic_write
from .store.terms import quads_from_text, quads_text

#: The activities `undo` can undo.
UNDOABLE = (MP.Import, MP.Merge, MP.Deletion)
#: The activities `undo` cannot reach past.
BARRIERS = (MP.Load, MP.Reset)
#: Undo data is kept for at most this many writes (`undo` reaches back this far).
UNDO_KEPT = 20
#: Where, under the base, the history names the files a write read (by content, not folder).
FILES = "history/file/"
_LABELS = (RDFS.label, SKOS.prefLabel)
_MEMORY: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


@dataclass
class Outcome:
    """What one curation write did: its history record, the statements and graphs it changed."""

    activity: URIRef
    kind: URIRef
    added: int = 0
    removed: int = 0
    graphs: dict[str, tuple[int, int]] = field(default_factory=dict)
    orphans: list[URIRef] = field(default_factory=list)


# --------------------------------------------------------------------------- writing


def _untouchable(store, graph) -> bool:
    return graph is not None and str(graph) in (str(ONTOLOGY_IRI), store.base + HISTORY_GRAPH)


def _about(store, iri: URIRef) -> list[Quad]:
    """Every statement with `iri` as subject or object, outside the ontology and the history."""
    found = store.quads(iri, None, None) + store.quads(None, None, iri)
    return [quad for quad in found if not _untouchable(store, quad[3])]


def orphans(store, removed: set[Quad], added: set[Quad]) -> set[URIRef]:
    """The orphans the store holds once `removed` are gone and `added` are in (see the module)."""
    shared = URIRef(store.base + SHARED_GRAPH)
    typed = {quad[0] for quad in store.quads(None, RDF.type, None, shared)}
    typed |= {quad[0] for quad in added if quad[1] == RDF.type and quad[3] == shared}
    candidates = {
        iri
        for iri in typed
        if isinstance(iri, URIRef)
        and not any(quad[3] != shared and quad not in removed for quad in store.quads(iri, RDF.type, None))
        and not any(quad[0] == iri and quad[1] == RDF.type and quad[3] != shared for quad in added)
    }
    referring: dict[URIRef, set] = {}
    for iri in candidates:
        quads = {quad for quad in store.quads(None, None, iri) if quad not in removed}
        quads |= {quad for quad in added if quad[2] == iri}
        referring[iri] = {quad[0] for quad in quads if quad[0] != iri and not _untouchable(store, quad[3])}
    found: set[URIRef] = set()
    while True:
        more = {iri for iri in candidates - found if not referring[iri] - found}
        if not more:
            return found
        found |= more


def commit(
    store,
    kind: URIRef,
    removed: Iterable[Quad],
    added: Iterable[Quad],
    *,
    used: Iterable[URIRef] = (),
    generated: Iterable[URIRef] = (),
    invalidated: Iterable[URIRef] = (),
    based_on: str | None = None,
) -> Outcome:
    """Write a change and its history record in one atomic write, orphans removed with it;
    refused when another write came since the store's generation `based_on` was read."""
    removed, added = set(removed), set(added)
    lost = orphans(store, removed, added)
    for iri in lost:
        removed.update(_about(store, iri))
        added = {quad for quad in added if iri not in (quad[0], quad[2])}
    both = removed & added
    removed -= both
    added = {quad for quad in added - both if quad not in set(store.quads(*quad[:3]))}
    activity, started = _new_activity(store.base)
    outcome = Outcome(activity, kind, len(added), len(removed), orphans=sorted(lost))
    per_graph: Counter = Counter()
    for quads, sign in ((added, 0), (removed, 1)):
        for quad in quads:
            per_graph[(quad[3], sign)] += 1
    for graph in sorted({graph for graph, _ in per_graph}, key=str):
        outcome.graphs[str(graph or "")] = (per_graph[(graph, 0)], per_graph[(graph, 1)])
    record = _record(store, outcome, started, used, generated, invalidated)
    if kind in UNDOABLE:
        _keep_undo(store, activity, removed, added)
    store.write_quads(remove=removed, add=added | record, based_on=based_on)
    prune_undo(store)
    return outcome


def _new_activity(base: str) -> tuple[URIRef, dt.datetime]:
    started = dt.datetime.now(dt.timezone.utc)
    return URIRef(f"{base}history/{started:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"), started


def file_entity(base: str, path: Path) -> URIRef:
    """The IRI a history record uses for a file: its content's SHA-256 and its name, never its
    folder (the history is public through the endpoint, and a folder names the person who
    imported it)."""
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return URIRef(f"{base}{FILES}{digest}/{quote(Path(path).name)}")


def load(store, paths: Iterable[Path], *, base: str | None = None, graph: str | None = None) -> Outcome:
    """Load RDF files (`Store.load`), recorded as an mp:Load with the files in the same write."""
    paths = [Path(path) for path in paths]
    activity, started = _new_activity(store.base)
    outcome = Outcome(activity, MP.Load)

    def record(added: int) -> set[Quad]:
        outcome.added = added
        outcome.graphs = {graph or "": (added, 0)}
        return _record(store, outcome, started, [file_entity(store.base, path) for path in paths], (), ())

    store.load(paths, base=base, graph=graph, record=record)
    prune_undo(store)
    return outcome


def reset(store, *, example: bool = True, base: str | None = None) -> Outcome:
    """Empty the store (`Store.reset`), its history kept, recorded as an mp:Reset in the same write."""
    activity, started = _new_activity(base or store.base)
    outcome = Outcome(activity, MP.Reset)

    def record(removed: int, added: int) -> set[Quad]:
        outcome.added, outcome.removed = added, removed
        return _record(store, outcome, started, (), (), ())

    store.reset(example=example, base=base, record=record)
    prune_undo(store)
    return outcome


def _record(store, outcome: Outcome, started, used, generated, invalidated) -> set[Quad]:
    history = URIRef(store.base + HISTORY_GRAPH)
    act = outcome.activity
    triples = [
        (act, RDF.type, outcome.kind),
        (act, PROV.startedAtTime, Literal(started.isoformat(), datatype=XSD.dateTime)),
        (act, PROV.endedAtTime, Literal(dt.datetime.now(dt.timezone.utc).isoformat(), datatype=XSD.dateTime)),
        (act, MP.triplesAdded, Literal(outcome.added, datatype=XSD.nonNegativeInteger)),
        (act, MP.triplesRemoved, Literal(outcome.removed, datatype=XSD.nonNegativeInteger)),
    ]
    triples += [(act, PROV.used, iri) for iri in used]
    triples += [(act, PROV.generated, iri) for iri in generated]
    triples += [(act, PROV.invalidated, iri) for iri in [*invalidated, *outcome.orphans]]
    for number, (graph, (added, removed)) in enumerate(outcome.graphs.items(), start=1):
        change = URIRef(f"{act}/graph/{number}")
        triples += [
            (act, MP.graphChange, change),
            (change, MP.triplesAdded, Literal(added, datatype=XSD.nonNegativeInteger)),
            (change, MP.triplesRemoved, Literal(removed, datatype=XSD.nonNegativeInteger)),
        ]
        if graph:
            triples.append((change, MP.changedGraph, URIRef(graph)))
    return {(*triple, history) for triple in triples}


def replace_graphs(
    store,
    replace: dict,
    add: dict,
    forget: Iterable[URIRef],
    *,
    used: Iterable[URIRef] = (),
    generated: Iterable[URIRef] = (),
) -> Outcome:
    """An import's write (named graphs replaced whole, statements added to others, everything
    about some resources forgotten), recorded as an mp:Import and without the orphans it leaves."""
    read = store.generation
    store.refuse_reserved(replace, add, ())
    removed: set[Quad] = set()
    for name in replace:
        removed.update(store.quads(graph=URIRef(name)))
    for iri in forget:
        removed.update(quad for quad in store.quads(iri) if not _untouchable(store, quad[3]))
    added = {(s, p, o, URIRef(name)) for name, graph in [*replace.items(), *add.items()] for s, p, o in graph}
    return commit(store, MP.Import, removed, added, used=used, generated=generated, based_on=read)


# --------------------------------------------------------------------------- undo data


def _undo_path(store, activity: URIRef) -> Path:
    return Path(store.path) / "history" / f"{str(activity).rsplit('/', 1)[-1]}.json"


def _keep_undo(store, activity: URIRef, removed: set[Quad], added: set[Quad]) -> None:
    text = json.dumps({"removed": quads_text(removed), "added": quads_text(added)})
    if getattr(store, "path", None) is None:
        _MEMORY.setdefault(store, {})[str(activity)] = text
        return
    path = _undo_path(store, activity)
    path.parent.mkdir(exist_ok=True)
    atomic_write(path, text)


def undoable(store) -> list[URIRef]:
    """The writes `undo` can still reach, newest first (see the module)."""
    reachable = []
    for entry in history(store):
        if entry.kind in BARRIERS or len(reachable) >= UNDO_KEPT:
            break
        if entry.kind in UNDOABLE and not entry.undone:
            reachable.append(entry.activity)
    return reachable


def prune_undo(store) -> None:
    """Remove the undo data of every write `undo` can no longer reach (see the module)."""
    keep = {str(activity) for activity in undoable(store)}
    if getattr(store, "path", None) is None:
        kept = _MEMORY.get(store, {})
        for activity in [activity for activity in kept if activity not in keep]:
            del kept[activity]
        return
    folder = Path(store.path) / "history"
    names = {_undo_path(store, URIRef(activity)).name for activity in keep}
    for path in folder.glob("*.json") if folder.is_dir() else ():
        if path.name not in names:
            path.unlink(missing_ok=True)


def _read_undo(store, activity: URIRef) -> tuple[set[Quad], set[Quad]] | None:
    if getattr(store, "path", None) is None:
        text = _MEMORY.get(store, {}).get(str(activity))
    else:
        path = _undo_path(store, activity)
        text = path.read_text(encoding="utf-8") if path.is_file() else None
    if text is None:
        return None
    data = json.loads(text)
    return quads_from_text(data["removed"]), quads_from_text(data["added"])


# --------------------------------------------------------------------------- merge


def _types(store, iri: URIRef) -> set:
    return {quad[2] for quad in store.quads(iri, RDF.type, None) if not _untouchable(store, quad[3])}


def _require_known(store, iri: URIRef) -> None:
    if not _about(store, iri):
        raise NotFoundError(
            f"Der er ingen ressource med adressen <{iri}>; vælg en, som data beskriver.",
            f"There is no resource with the address <{iri}>; choose one the data describes.",
        )


def name_of(store, iri: URIRef, lang: str = "da") -> str:
    """A resource's name as users see it (its IRI's last part if it has none)."""
    return labels.best([quad[2] for quad in store.quads(iri, None, None) if quad[1] in _LABELS], lang, iri)


def merge(store, keep: URIRef, other: URIRef, lang: str = "da") -> Outcome:
    """Move everything said about `other` to `keep` (its names become alternative names) and
    say `other owl:sameAs keep`, in one atomic write. Refuses different kinds and plans."""
    read = store.generation
    keep_name, other_name = name_of(store, keep, lang), name_of(store, other, lang)
    if keep == other:
        raise InputError(
            f"«{keep_name}» kan ikke flettes med sig selv; angiv to forskellige ressourcer.",
            f"«{keep_name}» cannot be merged with itself; name two different resources.",
        )
    for iri in (keep, other):
        _require_known(store, iri)
    keep_types, other_types = _types(store, keep), _types(store, other)
    if not keep_types or keep_types != other_types:
        kinds = [", ".join(sorted(labels.label(c, lang) for c in types)) or "?" for types in (keep_types, other_types)]
        raise InputError(
            f"«{keep_name}» ({kinds[0]}) og «{other_name}» ({kinds[1]}) er ikke af samme slags; kun ressourcer "
            "af samme slags kan flettes.",
            f"«{keep_name}» ({kinds[0]}) and «{other_name}» ({kinds[1]}) are not of the same kind; only "
            "resources of the same kind can be merged.",
        )
    if MP.GoalPlan in keep_types:
        raise InputError(
            f"Målplaner kan ikke flettes («{keep_name}», «{other_name}»); slet den ene med `malplan delete`.",
            f"Goal plans cannot be merged («{keep_name}», «{other_name}»); delete one with `malplan delete`.",
        )
    keep_labels = {quad[2] for quad in store.quads(keep, None, None) if quad[1] in (*_LABELS, SKOS.altLabel)}
    removed = set(_about(store, other))
    added: set[Quad] = set()
    for s, p, o, g in removed:
        s, o = (keep if s == other else s), (keep if o == other else o)
        if p in _LABELS and s == keep:
            if o in keep_labels:
                continue
            p = SKOS.altLabel
        if s == keep and o == keep and p == OWL.sameAs:
            continue
        added.add((s, p, o, g))
    added.add((other, OWL.sameAs, keep, URIRef(store.base + SHARED_GRAPH)))
    return commit(
        store, MP.Merge, removed, added, used=[other, keep], generated=[keep], invalidated=[other], based_on=read
    )


def merged_into(store, iri: URIRef) -> URIRef | None:
    """The resource `iri` was merged into, when all the data says of it is `iri owl:sameAs KEEP`
    (a merge leaves exactly that); None for any other resource."""
    about = _about(store, iri)
    if len(about) == 1 and about[0][0] == iri and about[0][1] == OWL.sameAs and isinstance(about[0][2], URIRef):
        return about[0][2]
    return None


def mergeable(store, iri: URIRef, lang: str = "da") -> set:
    """The kinds of a resource that can be merged into another; refused for an unknown resource,
    one without a kind, and a plan."""
    _require_known(store, iri)
    kinds = _types(store, iri)
    if not kinds:
        raise InputError(
            f"«{name_of(store, iri, lang)}» har ingen klasse (rdf:type), så der er intet af samme slags at flette "
            "den ind i; giv den en klasse først.",
            f"«{name_of(store, iri, lang)}» has no class (rdf:type), so there is nothing of the same kind to merge "
            "it into; give it a class first.",
        )
    if MP.GoalPlan in kinds:
        raise InputError(
            f"Målplaner kan ikke flettes («{name_of(store, iri, lang)}»); slet den ene i stedet.",
            f"Goal plans cannot be merged («{name_of(store, iri, lang)}»); delete one of them instead.",
        )
    return kinds


def merge_candidates(
    store, other: URIRef, text: str = "", lang: str = "da", limit: int = 20
) -> list[tuple[URIRef, str]]:
    """Up to `limit` resources `other` can be merged into (of the very same kinds, not itself,
    not a plan, not merged already), by name, those whose name holds `text` (any case)."""
    kinds = _types(store, other)
    if not kinds or MP.GoalPlan in kinds:
        return []
    typed: dict[str, set[str]] = {}
    for subject, cls, _ in store.statements(RDF.type):
        typed.setdefault(subject, set()).add(cls)
    wanted = {str(kind) for kind in kinds}
    names: dict[str, list] = {}
    for predicate in _LABELS:
        for subject, value, language in store.statements(predicate):
            names.setdefault(subject, []).append(Literal(value, lang=language or None))
    needle = text.casefold().strip()
    found = []
    for subject, classes in typed.items():
        if subject == str(other) or not wanted <= classes or {str(c) for c in _types(store, URIRef(subject))} != wanted:
            continue
        name = labels.best(names.get(subject, []), lang, URIRef(subject))
        if needle in name.casefold():
            found.append((URIRef(subject), name))
    return sorted(found, key=lambda pair: (pair[1].casefold(), str(pair[0])))[:limit]


# --------------------------------------------------------------------------- delete


def delete_plan(store, plan: URIRef, lang: str = "da") -> Outcome:
    """Delete a plan: its graph, its parts and every statement about them or pointing at them,
    and the resources only it created (orphans). Resources other plans use stay."""
    read = store.generation
    removed = _deletion(store, plan, lang)
    return commit(store, MP.Deletion, removed, set(), used=[plan], invalidated=[plan], based_on=read)


@dataclass
class Preview:
    """What deleting a plan would do: the resources that would go and those it uses that would
    stay (each as IRI and name), and how many statements would be removed."""

    goes: list[tuple[URIRef, str]]
    stays: list[tuple[URIRef, str]]
    removed: int


def preview_deletion(store, plan: URIRef, lang: str = "da") -> Preview:
    """What `delete_plan` would remove and keep, without writing anything."""
    removed = _deletion(store, plan, lang)
    for iri in orphans(store, removed, set()):
        removed.update(_about(store, iri))
    subjects = {quad[0] for quad in removed if isinstance(quad[0], URIRef)}
    goes = {iri for iri in subjects if set(_about(store, iri)) <= removed}
    used = {quad[2] for quad in _about(store, plan) if isinstance(quad[2], URIRef) and quad[1] != RDF.type}
    used |= {quad[2] for quad in removed if isinstance(quad[2], URIRef) and quad[1] != RDF.type}
    named = lambda iris: sorted(((iri, name_of(store, iri, lang)) for iri in iris), key=lambda p: (p[1], str(p[0])))  # noqa: E731
    stays = {iri for iri in used - goes if _types(store, iri)}
    return Preview(named(goes), named(stays), len(removed))


def _deletion(store, plan: URIRef, lang: str) -> set[Quad]:
    """The statements deleting `plan` removes (before its orphans); refused for a non-plan."""
    from .word.importer import plan_parts

    if MP.GoalPlan not in _types(store, plan):
        raise NotFoundError(
            f"«{name_of(store, plan, lang)}» ({plan}) er ikke en målplan; kun målplaner kan slettes.",
            f"«{name_of(store, plan, lang)}» ({plan}) is not a goal plan; only goal plans can be deleted.",
        )
    removed: set[Quad] = set()
    for part in plan_parts(store, plan):
        if part == plan or not any(
            quad[0] != plan and MP.GoalPlan in _types(store, quad[0]) for quad in store.quads(None, None, part)
        ):  # a part another plan also has stays
            removed.update(_about(store, part))
        else:
            removed.update(quad for quad in store.quads(plan, None, part))
    removed.update(store.quads(graph=plan))
    return removed


# --------------------------------------------------------------------------- history and undo


@dataclass
class Entry:
    """One write in the history."""

    activity: URIRef
    kind: URIRef
    started: dt.datetime
    added: int
    removed: int
    used: list[URIRef]
    undone: bool


def history(store) -> list[Entry]:
    """The store's history, newest first."""
    entries: dict[URIRef, Entry] = {}
    for row in queries.run(store, "history"):
        entry = entries.setdefault(
            row["activity"],
            Entry(
                row["activity"],
                row["kind"],
                row["started"].toPython(),
                int(row["added"]),
                int(row["removed"]),
                [],
                "undo" in row,
            ),
        )
        if "used" in row and row["used"] not in entry.used:
            entry.used.append(row["used"])
    return sorted(entries.values(), key=lambda entry: (entry.started, str(entry.activity)), reverse=True)


def short_name(store, iri: URIRef, lang: str = "da") -> str:
    """What a history entry used, as people read it: a file by its name, a
    history record by its path under the base, a resource by its name (its IRI's last part if
    it has none left)."""
    if str(iri).startswith(store.base + FILES):
        return unquote(str(iri).rsplit("/", 1)[-1])
    if str(iri).startswith(store.base + "history/"):
        return str(iri)[len(store.base) :]
    return name_of(store, iri, lang)


def undo(store) -> tuple[Entry, Outcome]:
    """Undo the last import, merge or deletion not yet undone, in one atomic write."""
    read = store.generation
    for entry in history(store):
        if entry.kind in BARRIERS:
            what = labels.label(entry.kind, "da").lower(), labels.label(entry.kind, "en").lower()
            raise NotFoundError(
                f"Fortryd når ikke forbi {what[0]}en fra {entry.started:%Y-%m-%d %H:%M:%S}: den kan ikke fortrydes, "
                "og det, der kom før den, heller ikke. Intet er ændret.",
                f"Undo does not reach past the {what[1]} of {entry.started:%Y-%m-%d %H:%M:%S}: it cannot be undone, "
                "nor can what came before it. Nothing was changed.",
            )
        if entry.kind in UNDOABLE and not entry.undone:
            break
    else:
        raise NotFoundError(
            "Der er ingen import, fletning eller sletning at fortryde.",
            "There is no import, merge or deletion to undo.",
        )
    kept = _read_undo(store, entry.activity)
    if kept is None:
        raise NotFoundError(
            f"Det, der skal til for at fortryde <{entry.activity}>, findes ikke længere i lageret; intet er ændret.",
            f"What is needed to undo <{entry.activity}> is no longer in the store; nothing was changed.",
        )
    removed, added = kept
    # mp:contributesTo is derived at every write: drop it where the data changes, so that only
    # what the restored data entails is derived again
    touched = {quad[0] for quad in removed | added}
    derived = {
        quad
        for subject in touched
        for quad in store.quads(subject, MP.contributesTo, None)
        if not _untouchable(store, quad[3])
    }
    outcome = commit(store, MP.Undo, added | (derived - removed), removed, used=[entry.activity], based_on=read)
    return entry, outcome
