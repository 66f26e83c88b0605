"""Linked data: every resource's data by content negotiation (or a format or file extension),
with Vary and Link headers, and the instance URIs themselves when the app serves the base; the
ontology, the shapes, the dataset's description and its dumps. Data answers carry an ETag and
Last-Modified from the store's generation and answer conditional requests with 304.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import hashlib
import os
import shutil
import tempfile
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import rdflib
from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, send_file, url_for
from rdflib import URIRef
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import is_resource_modified, parse_options_header

from malplan_graph import curation, describe, labels, publish, resources

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


def accepted() -> MIMEAccept:
    """The request's Accept header with each media type's parameters set aside, so that
    `text/turtle; charset=utf-8` or `application/ld+json; profile="…"` match their type
    (Werkzeug matches a type with parameters only to an offer with the same ones); `*/*` when
    there is none (RFC 9110: no Accept accepts any type)."""
    if not request.accept_mimetypes:
        return MIMEAccept([("*/*", 1)])
    return MIMEAccept([(parse_options_header(value)[0], quality) for value, quality in request.accept_mimetypes])


def wanted_rdf(explicit: str | None = None, *, html: bool = True) -> str | None:
    """The RDF media type a request asks for (format=, an extension, or Accept), or None for
    HTML (also when the client states no preference: `*/*` or no Accept, as browsers differ from
    RDF clients in asking for HTML by name). No acceptable type: 406. Without `html`, a client
    that states no preference gets Turtle."""
    name = explicit or request.args.get("format")
    if name:
        media = BY_NAME.get(name) or BY_EXTENSION.get(name)
        if media is None:
            abort(400)
        return media
    best = accepted().best_match(["text/html", *RDF_TYPES] if html else list(RDF_TYPES))
    if best is None:
        abort(406)
    return best if best in RDF_TYPES else None


def content_type(media: str) -> str:
    """The Content-Type header of an answer in `media`: text in UTF-8, said so."""
    return f"{media}; charset=utf-8" if media.startswith("text/") else media


def conditional(key: tuple, build: Callable[[], Response]) -> Response:
    """A data answer with an ETag and Last-Modified that change with the store's generation
    (and with `key`: which resource, which format); 304 when the client holds it already."""
    generation = store().generation
    seen = current_app.extensions.setdefault("malplan_generations", {})
    if generation not in seen and len(seen) > 64:
        seen.clear()
    # When this process first saw the generation: never before the write that made it.
    modified = seen.setdefault(generation, dt.datetime.now(dt.timezone.utc).replace(microsecond=0))
    etag = hashlib.sha256(repr((generation, *key)).encode("utf-8")).hexdigest()[:32]
    if request.method in ("GET", "HEAD") and not is_resource_modified(request.environ, etag, last_modified=modified):
        response = Response(status=304)
    else:
        response = build()
    response.set_etag(etag)
    response.last_modified = modified
    return open_data(response)


def open_data(response: Response, vary: bool = True) -> Response:
    """Data anybody may read from another origin; `Vary: Accept` where the answer is negotiated."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    if vary:
        response.vary.add("Accept")
    return response


def rdf_response(iri: URIRef, media: str) -> Response:
    """A resource's data in `media`, with the headers a linked-data client expects (404 when
    the graph says nothing of it)."""

    def build() -> Response:
        graph = describe.resource_graph(store(), iri)
        _, _, serializer = RDF_TYPES[media]
        return Response(graph.serialize(format=serializer, encoding="utf-8"), 200, content_type=content_type(media))

    return with_links(conditional(("resource", str(iri), media), build), iri)


def with_links(response: Response, iri: URIRef) -> Response:
    """Vary: Accept, and a Link header to the resource's page and its data in every format."""
    page = url_for("pages.resource", uri=str(iri))
    links = [f'<{page}>; rel="alternate"; type="text/html"']
    for media, (name, _, _) in RDF_TYPES.items():
        links.append(f'<{page}&{urlencode({"format": name})}>; rel="alternate"; type="{media}"')
    response.headers["Link"] = ", ".join(links)
    return open_data(response)


def merged_redirect(iri: URIRef, media: str | None) -> Response | None:
    """For an IRI merged into another (all it has left is `iri owl:sameAs KEEP`): a 303 to
    KEEP's page, or to KEEP's data in the format asked for; None for any other IRI.

    303 See Other, not 301: the IRI names a thing, not a document (as the 303 of `instance`),
    and a merge can be undone (`malplan undo`, the history page), which a 301 that browsers
    and caches keep for good would outlive. The data of KEEP says `iri owl:sameAs KEEP`."""
    keep = curation.merged_into(store(), iri)
    if keep is None:
        return None
    values = {"format": RDF_TYPES[media][0]} if media else {}
    response = redirect(url_for("pages.resource", uri=str(keep), **values), code=303)
    if media is None:  # a page that also leads on where redirects are not followed (the static site)
        from .pages import language

        page = render_template(
            "lod/same_as.html", iri=iri, keep=keep, keep_name=curation.name_of(store(), keep, language())
        )
        response.set_data(page)
    return with_links(response, iri)


@bp.after_request
def open_preflight(response: Response) -> Response:
    """Flask answers OPTIONS itself, with Allow; a page on another origin may read it too."""
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/<path:path>")
def instance(path: str):
    """An instance URI under the configured base, when the app is served at that base: a 303
    to its page for a browser, its data for an RDF client, 404 when the graph says nothing."""
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
    if (merged := merged_redirect(iri, media)) is not None:
        return merged
    if not describe.known(store(), iri):
        abort(404)
    if media is None:
        return with_links(redirect(url_for("pages.resource", uri=str(iri)), code=303), iri)
    return rdf_response(iri, media)


@bp.get("/.well-known/void")
def dataset_description():
    """The VoID and DCAT description of the dataset (Turtle unless asked otherwise)."""
    media = wanted_rdf(html=False)

    def build() -> Response:
        config = current_app.config
        graph = publish.describe_dataset(
            store(),
            config.get("SITE_URL") or request.url_root,
            license=config["DATASET_LICENSE"],
            contact=config.get("DATASET_CONTACT"),
            endpoint=not config["STATIC_SITE"],
        )
        return Response(graph.serialize(format=RDF_TYPES[media][2], encoding="utf-8"), content_type=content_type(media))

    return conditional(("void", media, request.url_root, dt.date.today()), build)  # it says when


@bp.get("/dumps/<name>")
def dump(name: str):
    """A dump of the whole dataset, always of the current store (made once per change).
    `malplan.nt` is sent gzip-encoded to a client that accepts that encoding (requests,
    browsers and Comunica do; rdflib and rapper do not ask for it); `malplan.nt.gz` is the
    packed file, to download as it is."""
    if name not in publish.DUMPS:
        abort(404)
    _, media, packed = publish.DUMPS[name]
    encoded = name == "malplan.nt" and request.accept_encodings["gzip"] > 0
    path = _dump_file(name + ".gz" if encoded else name)
    response = send_file(
        path,
        mimetype="application/gzip" if packed else media,  # send_file adds the charset of text
        as_attachment=packed,
        download_name=name,
        conditional=True,
    )
    if encoded:
        response.headers["Content-Encoding"] = "gzip"
    if name == "malplan.nt":
        response.vary.add("Accept-Encoding")
    return open_data(response, vary=False)


_DUMPS_LOCK = threading.Lock()


def _dump_file(name: str) -> Path:
    """The dump `name` of the store's current generation, written once into the app's own
    temporary folder (removed at exit); dumps of older generations go when a newer is written."""
    with _DUMPS_LOCK:  # one writer: a second request for the same dump waits for the first
        folder = current_app.extensions.get("malplan_dumps")
        if folder is None:
            folder = current_app.extensions["malplan_dumps"] = Path(tempfile.mkdtemp(prefix="malplan-dumps-"))
            atexit.register(shutil.rmtree, folder, True)
        generation = store().generation
        path = folder / f"{generation}-{name}"
        if not path.exists():
            part = folder / f".{uuid.uuid4().hex}.part"
            part.write_bytes(publish.dump(store(), name))
            os.replace(part, path)
            for old in folder.iterdir():
                if not old.name.startswith(f"{generation}-"):
                    with contextlib.suppress(OSError):  # a file being sent stays readable until closed
                        old.unlink()
    return path


@bp.get("/def")
def ontology():
    """The ontology at its namespace: documentation for people, its data for RDF clients."""
    media = wanted_rdf()
    if media == "text/turtle":
        return _turtle_file(resources.ontology_path())
    if media is not None:

        def build() -> Response:
            data = labels.ontology().serialize(format=RDF_TYPES[media][2], encoding="utf-8")
            return Response(data, 200, content_type=content_type(media))

        return conditional(("def", media), build)
    from .pages import language

    response = current_app.make_response(render_template("lod/ontology.html", view=describe.ontology_view(language())))
    response.vary.add("Accept")
    return response


@bp.get("/def.ttl")
def ontology_file():
    return _turtle_file(resources.ontology_path())


@bp.get("/shapes")
def shapes():
    """The SHACL shapes of the template at a stable URL: the dataset's profile (VoID names it),
    in Turtle unless asked otherwise."""
    media = wanted_rdf(html=False)
    if media == "text/turtle":
        return _turtle_file(resources.shapes_path())

    def build() -> Response:
        # Read from the file: the validator's parsed copy is handed to pyshacl, which may add to it.
        shapes = rdflib.Graph().parse(resources.shapes_path(), format="turtle")
        data = shapes.serialize(format=RDF_TYPES[media][2], encoding="utf-8")
        return Response(data, 200, content_type=content_type(media))

    return conditional(("shapes", media), build)


@bp.get("/shapes.ttl")
def shapes_file():
    return _turtle_file(resources.shapes_path())


def _turtle_file(path) -> Response:
    """A Turtle file that ships with the package (the ontology, the shapes)."""
    path = Path(path)
    return conditional(
        ("file", str(path), path.stat().st_mtime_ns),
        lambda: Response(path.read_bytes(), 200, content_type=content_type("text/turtle")),
    )
