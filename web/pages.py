"""Pages: the front page, plans, a page per resource, trace, gaps and the validation overview.

Each view reads the request, calls one malplan_graph function and renders a template.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import threading
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, send_file, url_for
from flask_babel import get_locale

from malplan_graph import analysis, chain, describe, trace, validate
from malplan_graph.namespaces import MP, PREFIXES

from . import params

bp = Blueprint("pages", __name__)


@bp.app_context_processor
def menu():
    """`import_on()` for the menu: Import shows only when it is on (an admin password is set)."""
    from . import logins

    return {"import_on": logins.enabled}


def store():
    """The app's store."""
    return current_app.extensions["malplan_store"]


def language() -> str:
    """The interface language of this request."""
    return get_locale().language if get_locale() else "da"


def _cached(key: str, compute):
    """A result kept for as long as the store is unchanged (validation of every plan)."""
    cache = current_app.extensions["malplan_cache"]
    full_key = (store().generation, key, language(), dt.date.today())
    if full_key not in cache:
        if len(cache) > 32:
            cache.clear()
        cache[full_key] = compute()
    return cache[full_key]


#: Up to this many plans are validated while the page waits; beyond, in the background.
VALIDATE_WHILE_WAITING = 200


def _all_reports():
    """Every plan's validation, or None while it is still being computed in the background
    (a national store takes a minute; the page says so instead of keeping the user waiting)."""
    cache = current_app.extensions["malplan_cache"]
    key = (store().generation, "reports", language(), dt.date.today())
    if key in cache:
        return cache[key]
    running = current_app.extensions.setdefault("malplan_running", set())
    if key in running:
        return None
    plans = [iri for iri, _ in _cached("plans", lambda: validate.plan_iris(store()))]
    if len(plans) <= VALIDATE_WHILE_WAITING or current_app.config["STATIC_SITE"]:
        return _cached("reports", lambda: validate.validate_plans(store(), plans))
    running.add(key)
    the_store, lang = store(), language()

    def work() -> None:
        try:
            # What the graph page needs first, then the long work.
            cache.setdefault((key[0], "choices", lang, key[3]), chain.choices(the_store, lang))
            cache[key] = validate.validate_plans(the_store, plans)
        finally:
            running.discard(key)

    threading.Thread(target=work, name="malplan-validate-all", daemon=True).start()
    return None


@bp.get("/")
def index():
    lang = language()
    reports = _all_reports()
    gaps = _cached("gaps", lambda: analysis.gaps(store(), lang=lang))
    gap_counts = [
        (kind, analysis.gap_title(kind, lang), sum(1 for g in gaps if g.kind == kind)) for kind in analysis.GAP_KINDS
    ]
    return render_template(
        "pages/index.html",
        visions=_cached("visions", lambda: describe.visions(store(), lang)),
        counts=_cached("counts", lambda: analysis.level_counts(store(), lang)),
        reports=reports,
        conforming=sum(1 for r in reports if r.conforms) if reports is not None else 0,
        gap_counts=gap_counts,
    )


@bp.get("/plans")
def plans():
    return plan_list_page(_all_reports())


def plan_list_page(reports):
    """The plan list, filtered by `?centre=`, `?workplace=`, `?policy=`, `?objective=` (IRIs)
    and `?state=`, sorted by `?sort=` (`?order=desc`), as a page or, with `?format=csv|xlsx`,
    a download of what the page shows."""
    from malplan_graph import plan_list

    filters = {column: params.optional_iri(column) for column in plan_list.FACETS}
    filters["state"] = params.choice("state", ("", *plan_list.STATES), "") or None
    sort = params.choice("sort", plan_list.COLUMNS, "name")
    descending = params.choice("order", ("asc", "desc"), "asc") == "desc"
    fmt = params.choice("format", ("html", "csv", "xlsx"), "html")
    if reports is None:
        return render_template("pages/plans.html", reports=None)
    lang = language()
    all_rows = _cached("plan list", lambda: plan_list.rows(store(), reports, lang))
    chosen = plan_list.select(all_rows, filters, sort, descending)
    columns = plan_list.shown(all_rows)
    name = "plans"
    if fmt == "csv":
        return Response(
            "\ufeff" + plan_list.to_csv(chosen, lang, columns),  # the mark by which Excel reads UTF-8
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )
    if fmt == "xlsx":
        return send_file(
            io.BytesIO(plan_list.to_xlsx(chosen, lang, columns)),
            as_attachment=True,
            download_name=f"{name}.xlsx",
            mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    options, too_many = plan_list.options(all_rows, filters)
    return render_template(
        "pages/plans.html",
        reports=reports,
        rows=chosen,
        total=len(all_rows),
        options=options,
        too_many=too_many,
        filters=filters,
        sort=sort,
        descending=descending,
        columns=columns,
        heading=lambda column: plan_list.heading(column, lang),
        state_word=lambda state: plan_list.state_word(state, lang),
        states=plan_list.STATES,
        facets=[column for column in columns if column in plan_list.FACETS],
    )


@bp.get("/plan")
def plan():
    iri = params.iri()
    lang = language()
    view = describe.describe_plan(store(), iri, lang)
    report = validate.validate_plan(store(), iri)
    up = trace.trace_up(store(), iri, lang)
    return render_template("pages/plan.html", view=view, report=report, trace=up)


@bp.get("/plan/download")
def plan_download():
    iri = params.iri()
    fmt = params.choice("format", ("ttl", "docx"), "ttl")
    graph = store().neighbourhood(iri)
    if (iri, None, None) not in graph:
        describe.describe_plan(store(), iri)  # says, in both languages, that there is no such plan
    name = iri.rstrip("/").rsplit("/", 1)[-1] or "plan"
    if fmt == "ttl":
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        return Response(
            graph.serialize(format="turtle"),
            mimetype="text/turtle",
            headers={"Content-Disposition": f'attachment; filename="{name}.ttl"'},
        )
    if fmt == "docx":
        from malplan_graph.word import writer

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"{name}.docx"
            writer.write_plan(store(), iri, path)
            data = path.read_bytes()
        return send_file(
            io.BytesIO(data),
            as_attachment=True,
            download_name=f"{name}.docx",
            mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )


@bp.get("/resource")
def resource():
    iri = params.iri()
    from .lod import merged_redirect, rdf_response, wanted_rdf, with_links

    media = wanted_rdf()
    if (merged := merged_redirect(iri, media)) is not None:
        return merged
    if media is not None:
        return rdf_response(iri, media)
    view = describe.describe(store(), iri, language())
    if view.level == MP.GoalPlan:
        return with_links(redirect(url_for("pages.plan", uri=str(iri))), iri)
    return with_links(current_app.make_response(render_template("pages/resource.html", view=view)), iri)


@bp.get("/class")
def instances():
    """Every resource of a class, by name, a page at a time."""
    page = params.page_number()
    cls, lang = params.iri(), language()
    view = _cached(f"instances {cls} {page}", lambda: describe.instances(store(), cls, lang, page))
    return render_template("pages/instances.html", view=view, ontology_term=str(view.cls).startswith(str(MP)))


@bp.get("/trace")
def trace_page():
    iri = params.iri()
    direction = params.choice("direction", ("up", "down"), "up")
    result = (trace.trace_down if direction == "down" else trace.trace_up)(store(), iri, language())
    from malplan_graph.chain import from_trace

    from .graphs import VIS_VERSION, legend, network_data

    on_paths = {str(node) for path in result.paths for node in path} | {str(iri)}
    data = network_data(from_trace(result, language()), highlight=on_paths)
    data["highlight"] = sorted(on_paths)
    above, below = trace.directions(store(), iri)
    other_way = below if direction == "up" else above
    return render_template(
        "pages/trace.html",
        trace=result,
        direction=direction,
        data=data,
        vis=VIS_VERSION,
        other_way=other_way,
        legend=legend(language()),
    )


@bp.get("/gaps")
def gaps():
    lang = language()
    found = _cached("gaps", lambda: analysis.gaps(store(), lang=lang))
    groups = [
        (kind, analysis.gap_title(kind, lang), [g for g in found if g.kind == kind]) for kind in analysis.GAP_KINDS
    ]
    return render_template("pages/gaps.html", groups=groups)


@bp.get("/validation")
def validation():
    return render_template("pages/validation.html", reports=_all_reports())


@bp.get("/language/<code>")
def switch_language(code: str):
    if code not in ("da", "en"):
        abort(404)
    response = redirect(params.local_target(request.args.get("next")))
    response.set_cookie("lang", code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response
