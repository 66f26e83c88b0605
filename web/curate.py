"""Curation through the browser, behind the admin login: delete a plan (after a confirmation
that shows what goes and what stays), merge a resource into another of the same kind, the
store's history with undo of the last write. A thin layer over `malplan_graph.curation`; every
form carries a CSRF token (CSRFProtect), and nothing here writes without the login.
"""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for

from malplan_graph import curation, labels

from . import logins, params
from .pages import language, store

bp = Blueprint("curate", __name__)

#: A search for what to merge into shows at most this many resources.
CANDIDATES = 20
#: A search text longer than this is cut.
MAX_SEARCH = 200


@bp.app_context_processor
def curation_buttons():
    """`can_curate()` for the partials: whether to show the curation buttons (a function, so that
    only a page that has them reads the session)."""
    return {"can_curate": lambda: not current_app.config.get("STATIC_SITE") and logins.is_admin()}


def _refused():
    """The answer to a request without the login (None when it has it): import and curation off
    without an admin password, else to the login."""
    if not logins.enabled():
        return render_template("upload/disabled.html"), 403
    if not logins.is_admin():
        return redirect(url_for("upload.login"))
    return None


@bp.get("/curate/delete")
def delete_confirm():
    """What deleting a plan would remove and keep, and the button that does it."""
    if (refused := _refused()) is not None:
        return refused
    plan_iri, lang = params.iri(), language()
    preview = curation.preview_deletion(store(), plan_iri, lang)
    return render_template(
        "curate/delete.html", plan_iri=plan_iri, name=curation.name_of(store(), plan_iri, lang), preview=preview
    )


@bp.post("/curate/delete")
def delete():
    if (refused := _refused()) is not None:
        return refused
    plan_iri, lang = params.iri(form=True), language()
    name = curation.name_of(store(), plan_iri, lang)
    outcome = curation.delete_plan(store(), plan_iri, lang)
    return render_template("curate/done.html", action="delete", outcome=outcome, plan=name)


@bp.get("/curate/merge")
def merge_choose():
    """The resources of the same kind that `uri` can be merged into, found by name."""
    if (refused := _refused()) is not None:
        return refused
    other_iri, lang = params.iri(), language()
    text = request.args.get("q", "")[:MAX_SEARCH]
    kinds = curation.mergeable(store(), other_iri, lang)
    candidates = curation.merge_candidates(store(), other_iri, text, lang, limit=CANDIDATES + 1)
    return render_template(
        "curate/merge.html",
        other_iri=other_iri,
        name=curation.name_of(store(), other_iri, lang),
        kind=", ".join(sorted(labels.label(kind, lang) for kind in kinds)),
        text=text,
        candidates=candidates[:CANDIDATES],
        more=len(candidates) > CANDIDATES,
    )


@bp.post("/curate/merge")
def merge():
    if (refused := _refused()) is not None:
        return refused
    keep_iri, other_iri, lang = params.iri("keep", form=True), params.iri("other", form=True), language()
    names = [curation.name_of(store(), iri, lang) for iri in (keep_iri, other_iri)]
    outcome = curation.merge(store(), keep_iri, other_iri, lang)
    moved = sum(removed for _, removed in outcome.graphs.values())
    return render_template(
        "curate/done.html",
        action="merge",
        outcome=outcome,
        keep=names[0],
        other=names[1],
        keep_iri=keep_iri,
        other_iri=other_iri,
        moved=moved,
    )


@bp.get("/history")
def history():
    """Every write to the store, newest first, and the button that undoes the last one."""
    if (refused := _refused()) is not None:
        return refused
    lang = language()
    entries = curation.history(store())
    rows = [
        (entry, labels.label(entry.kind, lang), [curation.short_name(store(), iri, lang) for iri in entry.used])
        for entry in entries
    ]
    can_undo = bool(curation.undoable(store()))
    return render_template("curate/history.html", rows=rows, can_undo=can_undo)


@bp.post("/history/undo")
def undo():
    if (refused := _refused()) is not None:
        return refused
    entry, outcome = curation.undo(store())
    kind = labels.label(entry.kind, language()).lower()
    return render_template("curate/done.html", action="undo", outcome=outcome, kind=kind, entry=entry)
