"""malplan-graph: a municipality's strategy chain (vision → … → læring) as a knowledge graph.

The domain core: store, validation, trace, gaps and cross-department links. No web code here.
"""

from .analysis import CrossLink, Gap, gaps, links
from .errors import InputError, MalplanError, NotFoundError, QueryError, StoreBusyError, StoreError
from .store import OxigraphStore, Store, open_store
from .trace import Trace, resolve, trace_down, trace_up
from .validate import Report, Result, plan_iris, validate_plan, validate_plans

__version__ = "0.1.0"

__all__ = [
    "CrossLink",
    "Gap",
    "InputError",
    "MalplanError",
    "NotFoundError",
    "OxigraphStore",
    "QueryError",
    "Report",
    "Result",
    "Store",
    "StoreBusyError",
    "StoreError",
    "Trace",
    "gaps",
    "links",
    "open_store",
    "plan_iris",
    "resolve",
    "trace_down",
    "trace_up",
    "validate_plan",
    "validate_plans",
]
