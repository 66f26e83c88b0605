"""Search: `/search?q=…` finds any resource by its names and texts, grouped by level."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from malplan_graph import search as core_search
from malplan_graph.namespaces import MP

from .pages import language, store

bp = Blueprint("search", __name__)

#: Longer than this, a query is cut: nobody types it, and it costs work.
MAX_QUERY = 200


@bp.get("/search")
def search():
    text = request.args.get("q", "").strip()[:MAX_QUERY]
    found = core_search.search(store(), text) if text else None
    return render_template("search/results.html", q=text, found=found, lang=language(), plan_level=MP.GoalPlan)
