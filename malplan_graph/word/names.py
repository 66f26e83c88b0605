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
from ..namespaces import MP
from ..store.terms import iri_problem
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


class NameIndex:
    """The graph's resources by normalised name (labels, alternative labels, the names of the
    people holding a post), per class; grows as an import creates resources."""

    def __init__(self, store) -> None:
        self.base = store.base
        self.names: dict[URIRef, dict[str, set[URIRef]]] = defaultdict(lambda: defaultdict(set))
        self.iris: set[URIRef] = set()
        for row in queries.run(store, "names-by-class"):
            self.add(row["class"], row["resource"], str(row["name"]))

    def add(self, cls: URIRef, iri: URIRef, name: str) -> None:
        self.names[cls][normalise(name)].add(iri)
        self.iris.add(iri)

    def find(self, name: str, classes: tuple[URIRef, ...]) -> URIRef | None:
        key = normalise(name)
        for cls in classes:
            found = self.names[cls].get(key)
            if found:
                return sorted(found)[0]
        return None

    def mint(self, cls: URIRef, name: str) -> URIRef:
        stem = f"{self.base}{_CLASS_PATHS[cls]}/{slug(name)}"
        iri, number = URIRef(stem), 2
        while iri in self.iris:
            iri, number = URIRef(f"{stem}-{number}"), number + 1
        return iri


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
            r"^(?:albertslund\s+kommune|m[åa]lplan(?:en)?|goal\s+plan)\s*[-–—:]\s*", "", title, flags=re.IGNORECASE
        )
        if stripped == title:
            return title
        title = stripped


def _file_title(text: PlanText) -> str:
    name = re.sub(r"[_]+", " ", text.path.stem).strip()
    name = _without_prefix(name)
    name = re.sub(r"^m[åa]lplan\s*[-–:]?\s*", "", name, flags=re.IGNORECASE).strip()
    return name or text.path.stem
