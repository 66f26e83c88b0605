"""Graph pages: the chain, and a trace, drawn by vis-network from pyvis's nodes, edges and
options, in the app's own template. The only module that imports pyvis.

pyvis's own HTML would load Bootstrap from a CDN, insert the heading unescaped and show a
title containing "href" as HTML; here its data goes into the page as JSON, tooltips become
text, and vis-network is served from the copy pyvis ships.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyvis
from flask import Blueprint, abort, jsonify, render_template, request, send_from_directory, url_for
from pyvis.network import Network

from malplan_graph import chain
from malplan_graph.labels import local_name
from malplan_graph.namespaces import MP

from . import params
from .pages import _cached, language, store

bp = Blueprint("graphs", __name__)

VIS_VERSION = "9.1.2"
VIS_FOLDER = Path(pyvis.__file__).parent / "lib" / f"vis-{VIS_VERSION}"

#: Colour and shape of each level, and its row of the legend. A box holds its label, so no
#: edge runs through a label; each colour carries white text at 4.5:1 or more.
STYLE = {
    MP.Vision: ("#1f5f8b", "box"),
    MP.Policy: ("#6a3d9a", "box"),
    MP.BudgetAgreement: ("#8e44ad", "box"),
    MP.Objective: ("#2e7d32", "box"),
    MP.GoalPlan: ("#9a5400", "box"),
    MP.Goal: ("#c2410c", "box"),
    MP.TrialAction: ("#0e7490", "box"),
    MP.Sign: ("#6d4c41", "box"),
    MP.Workplace: ("#475569", "box"),
}
#: A label longer than this is shortened on the node; the tooltip holds all of it.
LABEL_LENGTH = 28
FONT_SIZE = 14
OPTIONS = {
    "layout": {
        "hierarchical": {
            "enabled": True,
            "direction": "LR",
            "sortMethod": "directed",
            "levelSeparation": 300,
            "nodeSpacing": 52,
            "treeSpacing": 60,
        }
    },
    "physics": {"enabled": False},
    "interaction": {"hover": True, "keyboard": False, "tooltipDelay": 150, "navigationButtons": False},
    "nodes": {
        "font": {"size": FONT_SIZE, "face": "system-ui, sans-serif", "color": "#ffffff"},
        "widthConstraint": {"minimum": 120, "maximum": 300},
        "margin": 8,
    },
    "groups": {
        local_name(level): {
            "shape": shape,
            "color": {
                "background": color,
                "border": color,
                "highlight": {"background": color, "border": "#111827"},
                "hover": {"background": color, "border": "#111827"},
            },
        }
        for level, (color, shape) in STYLE.items()
    },
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        "color": {"color": "#9aa5b1", "highlight": "#111827", "hover": "#475569"},
        "smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.5},
    },
}


def short(text: str, length: int = LABEL_LENGTH) -> str:
    """A label as the node shows it: cut at a word before `length`, with an ellipsis."""
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0] if " " in text[: length - 1] else text[: length - 1]
    return cut.rstrip(" ,.;:–-") + "…"


#: The colours of centres in the På tværs graph, in turn.
CENTRE_COLOURS = ("#1f5f8b", "#b36200", "#2e7d32", "#6a3d9a", "#c2410c", "#0e7490", "#6d4c41", "#475569")
NETWORK_OPTIONS = {
    "physics": {"enabled": True, "solver": "forceAtlas2Based", "stabilization": {"iterations": 200}},
    "interaction": {"hover": True, "keyboard": False, "tooltipDelay": 150, "navigationButtons": False},
    "nodes": {"shape": "dot", "size": 14, "font": {"size": 14, "face": "system-ui, sans-serif"}},
    "edges": {"color": {"color": "#9aa5b1"}, "smooth": False},
}


def page_of(node: chain.Node) -> str:
    """The page a click on a node opens: a plan's own page, else the resource's."""
    if node.level == MP.GoalPlan:
        return url_for("pages.plan", uri=node.iri)
    return url_for("pages.resource", uri=node.iri)


@bp.app_context_processor
def _helpers() -> dict:
    return {"page_of": page_of}


def network_data(graph: chain.ChainGraph, highlight: set[str] = frozenset(), layered: bool = True) -> dict:
    """pyvis's nodes, edges and options for a chain graph, as plain data for the page; a graph
    that is not `layered` (workplaces) is laid out by physics and coloured by centre. Each node
    names the nodes whose expansion shows it (`parents`), which the page opens on a click."""
    net = Network(directed=layered)
    centres = sorted({node.level_label for node in graph.nodes})
    for node in graph.nodes:
        color, shape = STYLE.get(node.level, ("#64748b", "box"))
        if not layered:
            color, shape = CENTRE_COLOURS[centres.index(node.level_label) % len(CENTRE_COLOURS)], "dot"
        text, page = short(node.label), page_of(node)
        style = {"group": local_name(node.level)}  # colour and shape from the options' groups
        if not layered or node.iri in highlight:
            style = {
                "shape": shape,
                "color": {"background": color, "border": "#111827" if node.iri in highlight else color},
                "borderWidth": 3 if node.iri in highlight else 1,
                "font": {"color": "#1d2330" if not layered else "#ffffff"},
            }
        net.add_node(
            node.iri,
            label=text,
            title="\n".join(filter(None, (node.label, node.level_label, node.description))),
            level=node.row,
            page=page,
            parents=list(node.parents),
            **style,
        )
    drawn = set()
    for edge in graph.edges:
        if (edge.source, edge.target) in drawn:
            continue  # one line a pair; its id names the pair, for the trace's paths
        drawn.add((edge.source, edge.target))
        if layered:
            net.add_edge(edge.source, edge.target, title=edge.relation_label, id=f"{edge.source} {edge.target}")
        else:
            score = int(edge.relation_label.split(":", 1)[0])
            net.add_edge(edge.source, edge.target, title=edge.relation_label, width=min(1 + score / 2, 8))
    net.set_options(json.dumps(OPTIONS if layered else NETWORK_OPTIONS))
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    for item in nodes:  # pyvis's default shape and colour would hide the group's
        if "group" in item:
            item.pop("shape", None)
            item.pop("color", None)
    return {"nodes": nodes, "edges": edges, "options": json.loads(options), "minFont": 12}


def legend(lang: str) -> list[tuple[str, str, str]]:
    from malplan_graph import labels

    return [(labels.label(level, lang), color, shape) for level, (color, shape) in STYLE.items()]


@bp.get("/graph")
def graph():
    lang = language()
    filters = {key: params.optional_iri(key) for key in chain.FILTERS}
    filters = {key: str(value) if value else None for key, value in filters.items()}
    visions = _cached("visions", lambda: chain.visions(store(), lang))
    if any(filters.values()):
        drawn = chain.chain_graph(store(), lang=lang, **filters)
    else:
        drawn = _cached("chain", lambda: chain.overview(store(), lang=lang))
        if len(visions) > 1 and drawn.filters.get("vision"):
            filters["vision"] = drawn.filters["vision"]
    choices = _cached("choices", lambda: chain.choices(store(), lang))
    named = {key: dict(choices[key]).get(value, "") for key, value in filters.items() if value}
    return render_template(
        "graphs/graph.html",
        data=network_data(drawn),
        graph=drawn,
        choices=choices,
        filters=filters,
        named=named,
        several=len(visions) > 1,
        legend=legend(lang),
        vis=VIS_VERSION,
    )


@bp.get("/graph/choices")
def graph_choices():
    """A filter's choices matching what has been typed, as JSON: [{"iri", "name"}], at most 20."""
    lang = language()
    key = params.choice("key", chain.FILTERS, "policy")
    text = request.args.get("q", "")[:200]
    choices = _cached("choices", lambda: chain.choices(store(), lang))
    return jsonify([{"iri": iri, "name": name} for iri, name in chain.find(choices[key], text)])


@bp.get("/links")
def links():
    from malplan_graph import analysis

    lang = language()
    new_only = request.args.get("new") == "1"
    try:
        limit = min(max(int(request.args.get("limit", 50)), 1), 500)
    except ValueError:
        limit = 50
    ranked = _cached(f"links-{new_only}", lambda: analysis.links(store(), lang=lang, new_only=new_only))
    shown = ranked[:limit]
    return render_template(
        "graphs/links.html",
        links=shown,
        total=len(ranked),
        new_only=new_only,
        limit=limit,
        data=network_data(chain.from_links(shown), layered=False),
        vis=VIS_VERSION,
    )


@bp.get("/vendor/vis-network/<version>/<path:filename>")
def vis_network(version: str, filename: str):
    """vis-network, from the copy pyvis ships (licence: Apache-2.0 or MIT, in the file)."""
    if version != VIS_VERSION:
        abort(404)
    return send_from_directory(VIS_FOLDER, filename, max_age=31536000)
