"""The graph store, behind a small interface (`Store`); pyoxigraph is the one backend.

The only package that knows the backend. `open_store()` opens the store folder, creating it
with the example data when it is new.
"""

from .base import HISTORY_GRAPH, SHARED_GRAPH, Quad, Store, default_base, default_store_path
from .oxigraph import OxigraphStore, open_store
from .terms import EXPORT_FORMATS, RDF_FORMATS, to_oxigraph, to_rdflib

__all__ = [
    "EXPORT_FORMATS",
    "HISTORY_GRAPH",
    "OxigraphStore",
    "Quad",
    "RDF_FORMATS",
    "SHARED_GRAPH",
    "Store",
    "default_base",
    "default_store_path",
    "open_store",
    "to_oxigraph",
    "to_rdflib",
]
