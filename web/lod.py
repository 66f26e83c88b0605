"""Linked data: every resource's data by content negotiation (or a format or file extension),
with Vary and Link headers, and the instance URIs themselves when the app serves the base.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, send_file, url_for
from rdflib import URIRef

from malplan_graph import describe

from .pages import store

bp = Blueprint("lod", __name__)

#: One table: media type → (format name, file extension, rdflib serializer).
RDF_TYPES = {
    "text/turtle": ("turtle", "ttl", "turtle"),
    "application/ld+json": ("jsonld", "jsonld", "json-ld"),
    "application/rdf+xml": ("rdfxml", "rdf", "xml"),
    "application/n-triples": ("nt", "nt", "nt"),
}
BY_NAME = {name: media for media, (name, _, _) in RDF_TYPES.items()}
BY_EXTENSION = {extension: media for media, (_, extension, _) in RDF_TYPES.items()}


def wanted_rdf(explicit: str | None = None) -> str | None:
    """The RDF media type a request asks for (format=, an extension, or Accept), or None for HTML."""
    name = explicit or request.args.get("format")
    if name:
        media = BY_NAME.get(name) or BY_EXTENSION.get(name)
        if media is None:
            abort(400)
        return media
    best = request.accept_mimetypes.best_match(["text/html", *RDF_TYPES])
    return best if best in RDF_TYPES else None


def rdf_response(iri: URIRef, media: str) -> Response:
    """A resource's data in `media`, with the headers a linked-data client expects."""
    graph = describe.resource_graph(store(), iri)
    _, _, serializer = RDF_TYPES[media]
    body = graph.serialize(format=serializer)
    response = Response(body, 200, content_type=f"{media}; charset=utf-8" if media.startswith("text/") else media)
    return with_links(response, iri)


def with_links(response: Response, iri: URIRef) -> Response:
    """Vary: Accept, and a Link header to the resource's page and its data in every format."""
    response.headers["Vary"] = "Accept"
    links = [f'<{url_for("pages.resource", uri=str(iri))}>; rel="alternate"; type="text/html"']
    for media, (name, _, _) in RDF_TYPES.items():
        links.append(
            f'<{url_for("pages.resource", uri=str(iri))}&{urlencode({"format": name})}>; rel="alternate"; type="{media}"'
        )
    response.headers["Link"] = ", ".join(links)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/<path:path>")
def instance(path: str):
    """An instance URI under the configured base, when the app is served at that base."""
    base_path = urlsplit(store().base).path.lstrip("/")
    if not path.startswith(base_path):
        abort(404)
    local = path[len(base_path) :]
    extension = None
    stem, dot, suffix = local.rpartition(".")
    if dot and suffix in BY_EXTENSION:
        local, extension = stem, suffix
    iri = URIRef(store().base + local)
    media = wanted_rdf(extension)
    if media is None:
        return redirect(url_for("pages.resource", uri=str(iri)), code=303)
    return rdf_response(iri, media)


@bp.get("/.well-known/void")
def dataset_description():
    """The VoID and DCAT description of the dataset (Turtle unless asked otherwise)."""
    from malplan_graph import publish

    config = current_app.config
    site = config.get("SITE_URL") or request.url_root
    graph = publish.describe_dataset(
        store(),
        site,
        license=config["DATASET_LICENSE"],
        contact=config.get("DATASET_CONTACT"),
        endpoint=not config["STATIC_SITE"],
    )
    media = wanted_rdf() or "text/turtle"
    _, _, serializer = RDF_TYPES[media]
    response = Response(
        graph.serialize(format=serializer),
        200,
        content_type=f"{media}; charset=utf-8" if media.startswith("text/") else media,
    )
    response.headers["Vary"] = "Accept"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/dumps/<name>")
def dump(name: str):
    """A dump of the whole dataset, always of the current store (made once per change)."""
    from malplan_graph import publish

    if name not in publish.DUMPS:
        abort(404)
    folder = Path(current_app.extensions.setdefault("malplan_dumps", tempfile.mkdtemp(prefix="malplan-dumps-")))
    path = folder / f"{store().generation}-{name}"
    if not path.exists():
        part = path.with_suffix(".part")
        part.write_bytes(publish.dump(store(), name))
        os.replace(part, path)
    _, media, packed = publish.DUMPS[name]
    response = send_file(path, mimetype="application/gzip" if packed else media, as_attachment=True, download_name=name)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/def")
def ontology():
    """The ontology at its namespace: documentation for people, Turtle for RDF clients."""
    from malplan_graph import describe, resources

    media = wanted_rdf()
    if media == "text/turtle":
        return _ontology_turtle(resources.ontology_path())
    if media is not None:
        from malplan_graph import labels

        _, _, serializer = RDF_TYPES[media]
        return Response(
            labels.ontology().serialize(format=serializer), 200, content_type=media, headers={"Vary": "Accept"}
        )
    from .pages import language

    response = current_app.make_response(render_template("lod/ontology.html", view=describe.ontology_view(language())))
    response.headers["Vary"] = "Accept"
    return response


@bp.get("/def.ttl")
def ontology_file():
    from malplan_graph import resources

    return _ontology_turtle(resources.ontology_path())


def _ontology_turtle(path) -> Response:
    response = Response(Path(path).read_bytes(), 200, content_type="text/turtle; charset=utf-8")
    response.headers["Vary"] = "Accept"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
