"""Search: find any resource of the chain by its names and its texts.

The index is an SQLite FTS5 table (Python's own `sqlite3`) of Danish Snowball stems, so that
"ensomhed" finds "ensomme": every text is stemmed the way names are matched on import
(`word.matching.key`), and so is what the user types. It is built from one named query
(`search-texts.rq`, which lists the properties that hold names and texts) and kept for as long as the store's generation is unchanged.

What the user types is never FTS5 syntax: each word becomes a quoted prefix token
(`"ensom"*`), so quotes, `OR`, `NEAR(`, `*` and `-` are only words or nothing.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from . import labels, queries
from .namespaces import MP
from .trace import CHAIN_ORDER, level_of
from .word.matching import key, words

#: At most this many hits are returned, and at most this many words of a query are used.
LIMIT = 200
MAX_WORDS = 12
#: How much a hit in a name, an alternative name and another text weighs (FTS5 bm25).
_WEIGHTS = (10.0, 5.0, 1.0)


#: A name longer than this is shown shortened, at a word.
NAME_LENGTH = 140


def _shortened(text: str) -> str:
    if len(text) <= NAME_LENGTH:
        return text
    return text[:NAME_LENGTH].rsplit(" ", 1)[0] + " …"


@dataclass(frozen=True)
class Hit:
    """One resource found: its IRI, its level (class) and its names by language."""

    iri: URIRef
    level: URIRef
    names: tuple[Literal, ...]

    def name(self, lang: str = "da") -> str:
        """The resource's name in `lang` (else Danish; a resource without a name, such as a
        learning, by the beginning of its first text; else its IRI's last segment)."""
        return _shortened(labels.best(self.names, lang, self.iri))


@dataclass(frozen=True)
class Group:
    """The hits of one level, in the order of relevance."""

    level: URIRef
    hits: list[Hit]

    def title(self, lang: str = "da") -> str:
        """The level's name from the ontology."""
        return labels.label(self.level, lang)


@dataclass
class Found:
    """What a search found: the words searched for and the hits, grouped by level in chain order."""

    words: list[str]
    groups: list[Group] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(group.hits) for group in self.groups)


def _rows(store):
    """(resource, type, text, kind) of every name and text the index holds."""
    for row in queries.run(store, "search-texts"):
        yield row["resource"], row["type"], row["text"], str(row["kind"])
    for row in queries.run(store, "search-post-holders"):
        yield row["resource"], MP.Manager, row["text"], "alt"


class Index:
    """An FTS5 index of the stems of every resource's names and texts."""

    def __init__(self, rows) -> None:
        types: dict[URIRef, set[URIRef]] = defaultdict(set)
        texts: dict[URIRef, dict[str, set[str]]] = defaultdict(lambda: {"name": set(), "alt": set(), "text": set()})
        names: dict[URIRef, set[Literal]] = defaultdict(set)
        others: dict[URIRef, set[Literal]] = defaultdict(set)
        for resource, kind_of, text, kind in rows:
            if not isinstance(resource, URIRef) or not isinstance(text, Literal):
                continue
            types[resource].add(kind_of)
            texts[resource][kind].add(key(str(text)))
            if kind == "name":
                names[resource].add(text)
            elif kind == "text":
                others[resource].add(text)
        self._hits: list[Hit] = []
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._lock = threading.Lock()
        self._db.execute(
            "CREATE VIRTUAL TABLE entries USING fts5(name, alt, body, tokenize = 'unicode61 remove_diacritics 0')"
        )
        entries = []
        for resource, found in texts.items():
            level = level_of(types[resource])
            if level not in CHAIN_ORDER:
                continue  # ontology terms, records of changes: not what staff look for
            shown = names[resource] or set(sorted(others[resource], key=str)[:1])
            self._hits.append(Hit(resource, level, tuple(sorted(shown, key=str))))
            entries.append(
                (
                    len(self._hits),
                    " ".join(sorted(found["name"])),
                    " ".join(sorted(found["alt"])),
                    " ".join(sorted(found["text"])),
                )
            )
        self._db.executemany("INSERT INTO entries (rowid, name, alt, body) VALUES (?, ?, ?, ?)", entries)

    def __len__(self) -> int:
        return len(self._hits)

    def search(self, text: str, limit: int = LIMIT) -> Found:
        """The resources whose names or texts hold every word of `text` (stemmed, as prefixes)."""
        wanted = list(dict.fromkeys(key(word) for word in words(text)))[:MAX_WORDS]
        found = Found(words=wanted)
        if not wanted:
            return found
        match = " ".join('"' + stem.replace('"', '""') + '"*' for stem in wanted)
        with self._lock:
            rowids = [
                row[0]
                for row in self._db.execute(
                    "SELECT rowid FROM entries WHERE entries MATCH ? ORDER BY bm25(entries, ?, ?, ?) LIMIT ?",
                    (match, *_WEIGHTS, limit),
                )
            ]
        by_level: dict[URIRef, list[Hit]] = defaultdict(list)
        for rowid in rowids:
            hit = self._hits[rowid - 1]
            by_level[hit.level].append(hit)
        found.groups = [Group(level, by_level[level]) for level in CHAIN_ORDER if level in by_level]
        return found


_INDEXES: dict[int, tuple[str, Index]] = {}
_BUILDING = threading.Lock()


def ready(store) -> bool:
    """True when the index of the store's current generation is built (a search is instant)."""
    cached = _INDEXES.get(id(store))
    return cached is not None and cached[0] == store.generation


def index(store) -> Index:
    """The search index of `store`, built once per generation of the store."""
    generation = store.generation
    cached = _INDEXES.get(id(store))
    if cached is not None and cached[0] == generation:
        return cached[1]
    with _BUILDING:
        cached = _INDEXES.get(id(store))
        if cached is not None and cached[0] == generation:
            return cached[1]
        built = Index(_rows(store))
        if len(_INDEXES) > 8:
            _INDEXES.clear()
        _INDEXES[id(store)] = (generation, built)
        return built


def search(store, text: str, limit: int = LIMIT) -> Found:
    """The resources of `store` whose names or texts hold every word of `text`, by level."""
    return index(store).search(text, limit)
