"""Names in the Word import: readable IRI segments, the graph's resources by name, and a
plan's own IRI and title. Reads no files and writes nothing.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

from rdflib import URIRef

from .. import queries
from ..errors import InputError
from ..namespaces import MP, RDF
from ..store import SHARED_GRAPH
from ..store.terms import iri_problem
from . import matching
from .reader import PlanText
from .template import normalise

_CLASS_PATHS = {
    MP.Workplace: "workplace",
    MP.Partner: "partner",
    MP.Manager: "manager",
    MP.TargetGroup: "target-group",
    MP.Policy: "policy",
    MP.BudgetAgreement: "budget-agreement",
    MP.Objective: "objective",
    MP.DataSource: "data",
}


def slug(text: str, length: int = 60) -> str:
    """A readable IRI segment: "Børnehuset Solsikken" → "boernehuset-solsikken"."""
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:length].rstrip("-") or "x"


@dataclass(frozen=True)
class Created:
    """A resource the import had to create because the graph held nothing by that name."""

    cls: URIRef
    iri: URIRef
    label: str


@dataclass(frozen=True)
class Near:
    """A resource whose name is near a written one (never merged without the user's word)."""

    iri: URIRef
    label: str
    score: float


@dataclass(frozen=True)
class Suggestion:
    """A written name near a resource the graph holds: "Mente du «Børne- og ungepolitik»?".
    `created` is what the import made of it meanwhile (None when the user accepted: then the
    plan links to the candidate, and the written form is its alternative name)."""

    written: str
    cls: URIRef
    candidate: URIRef
    candidate_label: str
    score: float
    created: URIRef | None

    @property
    def accepted(self) -> bool:
        return self.created is None


@dataclass(frozen=True)
class Acceptance:
    """Which near matches the user accepts before the import: `pairs` of a written name and the
    candidate's name or IRI ("Børne- og ungepolitikken=Børne- og ungepolitik"), or `all`."""

    pairs: tuple[tuple[str, str], ...] = ()
    all: bool = False

    @classmethod
    def parse(cls, texts: tuple[str, ...] | list[str] = (), all: bool = False) -> Acceptance:
        """From "WRITTEN=CANDIDATE" texts; refused when one has no "="."""
        pairs = []
        for text in texts:
            written, sep, candidate = text.partition("=")
            if not sep or not written.strip() or not candidate.strip():
                raise InputError(
                    f"--accept «{text}»: skriv det skrevne navn og kandidaten med = imellem, fx "
                    '--accept "Børne- og ungepolitikken=Børne- og ungepolitik".',
                    f"--accept «{text}»: write the written name and the candidate with = between, e.g. "
                    '--accept "Børne- og ungepolitikken=Børne- og ungepolitik".',
                )
            pairs.append((written.strip(), candidate.strip()))
        return cls(tuple(pairs), all)

    def accepts(self, written: str, near: Near) -> bool:
        if self.all:
            return True
        key = matching.key(written)
        return any(
            matching.key(w) == key and (c == str(near.iri) or matching.key(c) == matching.key(near.label))
            for w, c in self.pairs
        )


class NameIndex:
    """The graph's resources by the normal form of their names (labels, alternative labels, a
    post's holder, and a post with its holder in either order), per class; grows as an import
    creates resources. Exact look-ups are dict look-ups; near ones score one class's names."""

    def __init__(self, store) -> None:
        self.base = store.base
        self.names: dict[URIRef, dict[str, set[URIRef]]] = defaultdict(lambda: defaultdict(set))
        self.initials: dict[URIRef, dict[str, set[URIRef]]] = defaultdict(lambda: defaultdict(set))
        self.labels: dict[URIRef, str] = {}
        self.iris: set[URIRef] = set()
        #: Resources an import created (typed in the shared graph only): found by name, but
        #: their names never decide how a list is split (issue 11: junk must not drive it).
        self.imported: set[URIRef] = _imported(store)
        posts: dict[URIRef, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
        for row in queries.run(store, "names-by-class"):
            cls, iri, name, kind = row["class"], row["resource"], str(row["name"]), str(row["kind"])
            self.add(cls, iri, name, label=kind == "label")
            if cls == MP.Manager and kind != "alt":
                posts[iri][kind == "person"].append(name)
        for iri, (titles, people) in posts.items():
            for title in titles:
                for person in people:  # "Skolechef Lene Vestergaard", "Lene Vestergaard, skolechef"
                    self.add(MP.Manager, iri, f"{title} {person}", label=False)
                    self.add(MP.Manager, iri, f"{person} {title}", label=False)

    def add(self, cls: URIRef, iri: URIRef, name: str, label: bool = True) -> None:
        self.names[cls][matching.key(name)].add(iri)
        short = matching.initials(name)
        if short:
            self.initials[cls][short].add(iri)
        if label:
            self.labels.setdefault(iri, name)
        self.iris.add(iri)

    def find(self, name: str, classes: tuple[URIRef, ...], trusted: bool = False) -> URIRef | None:
        """The resource of one of `classes` that `name` names (the first class first), or None;
        `trusted`: only resources the import did not create itself."""
        wanted = matching.key(name)
        for cls in classes:
            found = self.names[cls].get(wanted)
            if found and trusted:
                found = found - self.imported
            if found:
                return sorted(found)[0]
        return None

    def near(self, name: str, cls: URIRef) -> Near | None:
        """The resource of class `cls` whose name is nearest `name` without being the same
        (rapidfuzz over this class's names), or an abbreviation of it ("PPR"); else None."""
        wanted = matching.key(name)
        names = self.names[cls]
        if not wanted:
            return None
        candidates: list[tuple[float, URIRef]] = []
        if matching.is_abbreviation(name):
            candidates += [(100.0, iri) for iri in self.initials[cls].get(wanted, ())]
        for choice, points in matching.nearest(wanted, list(names)):
            candidates += [(points, iri) for iri in names[choice]]
        candidates = [(points, iri) for points, iri in candidates if iri not in self.imported]
        if not candidates:
            return None
        points, iri = max(candidates, key=lambda item: (item[0], str(item[1])))
        return Near(iri, self.labels.get(iri, str(iri)), round(points))

    def mint(self, cls: URIRef, name: str) -> URIRef:
        stem = f"{self.base}{_CLASS_PATHS[cls]}/{slug(name)}"
        iri, number = URIRef(stem), 2
        while iri in self.iris:
            iri, number = URIRef(f"{stem}-{number}"), number + 1
        return iri


def _imported(store) -> set[URIRef]:
    """The resources typed in the shared graph (where imports create them) and nowhere else."""
    shared = URIRef(store.base + SHARED_GRAPH)
    typed = {quad[0] for quad in store.quads(None, RDF.type, None, shared) if isinstance(quad[0], URIRef)}
    return {iri for iri in typed if all(quad[3] == shared for quad in store.quads(iri, RDF.type, None))}


#: Titles a Word template hands down to every document made from it: never a plan's name.
GENERIC_TITLES = {
    "malplan",
    "målplan",
    "albertslund kommune målplan",
    "skabelon",
    "målplan skabelon",
    "skabelon målplan",
    "skabelon til målplan",
    "dokument1",
    "document1",
    "word dokument",
    # the template translated
    "goal plan",
    "albertslund municipality goal plan",
    "template",
    "goal plan template",
}


def plan_iri(text: PlanText, base: str) -> URIRef:
    """The plan's IRI: the document's identifier when it is an http(s) or urn IRI (the export
    writes it), else one made from the plan's title (the file name only when the document has
    none; `distinct_iri` tells two plans of one title apart). An identifier
    meant as an IRI that is not a valid one is refused: made safe, it could name another plan."""
    identifier = text.identifier
    try:
        parts = urlsplit(identifier)
        meant = parts.scheme == "urn" or (parts.scheme in ("http", "https") and bool(parts.netloc))
        problem = iri_problem(identifier) if meant else None
    except ValueError as error:  # urlsplit refuses a malformed host
        meant, problem = True, str(error)
    if problem is not None:
        shown, problem = repr(identifier), problem.encode("unicode_escape").decode("ascii")
        raise InputError(
            f"{text.path.name}: dokumentets identifikator {shown} (Filer › Oplysninger › Egenskaber) er ikke en "
            'gyldig IRI (den må ikke rumme mellemrum, linjeskift, <, >, " og lignende). Ret den, eller slet den for '
            "at navngive planen efter dens titel, og prøv igen.",
            f"{text.path.name}: the document's identifier {shown} (File › Info › Properties) is not a valid IRI "
            f"({problem}). Correct it, or delete it to name the plan after its title, and try again.",
        )
    if meant:
        return URIRef(identifier)
    return URIRef(f"{base}plan/{slug(plan_label(text))}")


def distinct_iri(iri: URIRef, text: PlanText) -> URIRef:
    """The IRI of a plan whose title another plan already has: the title's, and six hex digits
    from the plan's workplaces and objective as written (in any order, case or spacing)."""
    return URIRef(f"{iri}-{distinction(text)}")


def distinction(text: PlanText) -> str:
    """Six hex digits from the plan's workplaces and objective as written: the same plan gives
    the same digits, two plans of one title seldom do."""
    workplaces = sorted(normalise(line.text) for line in text.lines("workplaces"))
    objective = normalise(text.text("objective"))
    return hashlib.sha1("|".join([objective, *workplaces]).encode("utf-8")).hexdigest()[:6]


def plan_label(text: PlanText) -> str:
    """The plan's title: the document's title (its Title paragraph, its properties' title, a
    heading above the first section) without a leading "Målplan –", unless the template handed
    it down; the file name without a "Målplan" prefix only as a last resort."""
    for title in (*text.titles, text.title):
        title = _without_prefix(title or "")
        if title and normalise(title) not in GENERIC_TITLES:
            return title
    return _file_title(text)


def _without_prefix(title: str) -> str:
    """ "Målplan – Bevægelse i skolen", "Albertslund Kommune – Målplan: Bevægelse" → "Bevægelse …"."""
    title = " ".join(title.split())
    while True:
        stripped = re.sub(
            r"^(?:albertslund\s+(?:kommune|municipality)|m[åa]lplan(?:en)?|goal\s+plan)\s*[-–—:]\s*",
            "",
            title,
            flags=re.IGNORECASE,
        )
        if stripped == title:
            return title
        title = stripped


def _file_title(text: PlanText) -> str:
    name = re.sub(r"[_]+", " ", text.path.stem).strip()
    name = _without_prefix(name)
    name = re.sub(r"^m[åa]lplan\s*[-–:]?\s*", "", name, flags=re.IGNORECASE).strip()
    return name or text.path.stem
