"""Named SPARQL queries: one `.rq` file each, with a header of titles and parameters.

`get(name)` returns the parsed query, `run(store, name, **bindings)` runs a SELECT with its
parameters bound by the store (never pasted into the text).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rdflib.term import Node

from .. import resources

_HEADER = re.compile(r"^#\s*([\w@-]+)\s*:\s*(.*)$")


@dataclass(frozen=True)
class Query:
    """A named query: its text, Danish and English titles, and the variables it binds."""

    name: str
    text: str
    title_da: str
    title_en: str
    parameters: tuple[str, ...]
    description_da: str = ""

    def title(self, lang: str = "da") -> str:
        """The title in the given language."""
        return self.title_en if lang == "en" else self.title_da


def _parse(name: str, text: str) -> Query:
    fields: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            fields[match.group(1)] = match.group(2).strip()
    parameters = tuple(p.lstrip("?$") for p in fields.get("parameters", "").split() if p)
    return Query(
        name=name,
        text=text,
        title_da=fields.get("title@da", ""),
        title_en=fields.get("title@en", ""),
        parameters=parameters,
        description_da=fields.get("description@da", ""),
    )


@functools.cache
def get(name: str) -> Query:
    """The named query `name` (a file `name.rq` beside this module, or under examples/)."""
    path = resources.queries_dir() / f"{name}.rq"
    return _parse(name, path.read_text(encoding="utf-8"))


def names(folder: str = "") -> list[str]:
    """The names of the queries in this folder (or a sub-folder such as "examples")."""
    root = resources.queries_dir()
    return sorted(
        str(path.relative_to(root).with_suffix("")).replace("\\", "/") for path in (root / folder).glob("*.rq")
    )


def run(store, name: str, **bindings: Node) -> list[dict[str, Node]]:
    """Rows of the named SELECT query, its parameters bound to `bindings`."""
    query = get(name)
    unknown = set(bindings) - set(query.parameters)
    if unknown:
        raise TypeError(f"query {name} has no parameter {sorted(unknown)}")
    return store.select(query.text, bindings)


def construct(store, name: str, into=None, **bindings: Node):
    """The graph of the named CONSTRUCT query, its parameters bound to `bindings`."""
    query = get(name)
    return store.construct(query.text, bindings, into=into)
