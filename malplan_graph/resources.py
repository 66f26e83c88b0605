"""Finds the files the package ships: ontology, shapes, named queries and example data.

The only module that builds paths to packaged files. In a checkout the ontology and shapes sit
at the top of the repository; in an installed wheel they are copied into the package.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

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


def borrowed_labels_path() -> Path:
    """Danish and English labels of the W3C terms pages show (not part of the ontology)."""
    return _find("ontology", "w3c-labels.ttl")


def shapes_path() -> Path:
    """The SHACL shapes in Turtle."""
    return _find("shapes", "malplan-shapes.ttl")


def example_paths() -> list[Path]:
    """The example municipality's Turtle files."""
    return sorted((_PACKAGE / "example").glob("*.ttl"))


def queries_dir() -> Path:
    """The folder of named SPARQL queries."""
    return _PACKAGE / "queries"


def translations_dir() -> Path:
    """The gettext catalogues of the core and the command line (domain `malplan`)."""
    return _PACKAGE / "translations"


def web_package() -> ModuleType:
    """The web app's package, `malplan_web`: the checkout's web/ when this package runs from a
    checkout (so that a stale installed copy is never served), else the installed one."""
    if "malplan_web" in sys.modules:
        return sys.modules["malplan_web"]
    web = _CHECKOUT / "web"
    if (web / "__init__.py").is_file() and (web / "templates").is_dir():
        spec = importlib.util.spec_from_file_location(
            "malplan_web", web / "__init__.py", submodule_search_locations=[str(web)]
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules["malplan_web"] = module
        spec.loader.exec_module(module)
        return module
    return importlib.import_module("malplan_web")
