"""Finds the files the package ships: ontology, shapes, named queries and example data.

The only module that builds paths to packaged files. In a checkout the ontology and shapes sit
at the top of the repository; in an installed wheel they are copied into the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent


def _find(folder: str, name: str) -> Path:
    for candidate in (_PACKAGE / folder / name, _CHECKOUT / folder / name):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{folder}/{name} is missing from the installation")


def ontology_path() -> Path:
    """The ontology in Turtle."""
    return _find("ontology", "malplan.ttl")


def shapes_path() -> Path:
    """The SHACL shapes in Turtle."""
    return _find("shapes", "malplan-shapes.ttl")


def example_paths() -> list[Path]:
    """The example municipality's Turtle files."""
    return sorted((_PACKAGE / "example").glob("*.ttl"))


def queries_dir() -> Path:
    """The folder of named SPARQL queries."""
    return _PACKAGE / "queries"
