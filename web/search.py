"""Search: `/search?q=…` finds any resource by its names and texts, grouped by level.

The index is built once per generation of the store, in a thread: a national store takes
some seconds, and meanwhile the page says so and reloads itself rather than keep the user
waiting on a blank page.
"""

from __future__ import annotations

import threading

from flask import Blueprint, render_template, request

from malplan_graph import search as core_search
from malplan_graph.namespaces import MP

from .pages import language, store

bp = Blueprint("search", __name__)

#: Longer than this, a query is cut: nobody types it, and it costs work.
MAX_QUERY = 200
#: How long a request waits for the index to be built before it says "being prepared".
WAIT_SECONDS = 2.0
_threads: dict[int, threading.Thread] = {}
_lock = threading.Lock()


def _index_ready(the_store) -> bool:
    """True when the index is built; else starts (or waits a moment for) its building."""
    if core_search.ready(the_store):
        return True
    with _lock:
        thread = _threads.get(id(the_store))
        if thread is None or not thread.is_alive():
            thread = threading.Thread(
                target=core_search.index, args=(the_store,), name="malplan-search-index", daemon=True
            )
            _threads[id(the_store)] = thread
            thread.start()
    thread.join(WAIT_SECONDS)
    return core_search.ready(the_store)


@bp.get("/search")
def search():
    text = request.args.get("q", "").strip()[:MAX_QUERY]
    if text and not _index_ready(store()):
        return render_template("search/results.html", q=text, found=None, preparing=True), 503, {"Retry-After": "5"}
    found = core_search.search(store(), text) if text else None
    return render_template("search/results.html", q=text, found=found, lang=language(), plan_level=MP.GoalPlan)
