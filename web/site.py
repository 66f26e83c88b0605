"""The static site: the app's pages written as files that any plain web server can serve.

`write_site(store, out)` renders each page with the app's own views and templates. While a page
is rendered, `url_for` answers the path of the file its link leads to, relative to the page, and
queues that file; every queued file is written in turn, so no link dangles. Every resource
the data describes is written whether linked or not: `<its path under the base>.html` (or
`other/<host>/<path>.html` outside the base), with its data as `.ttl`, `.jsonld`, `.rdf` and
`.nt` beside it. Served at the base by a server that picks the file by the Accept header
(deploy/nginx/, or Apache with the `.htaccess` written here), the site answers the instance
IRIs themselves, to browsers and RDF clients. Folders and files get the umask's permissions.

Links to what only a running app does (SPARQL, import, the language switch) are left out.
Frozen-Flask freezes routes by their paths; this app names a resource by a query parameter and
the files must be named after the instance IRIs, so the mapping is here.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, urlsplit

from flask import Flask
from rdflib import URIRef

from malplan_graph import curation, describe, publish
from malplan_graph.errors import MalplanError
from malplan_graph.namespaces import MP

from . import create_app
from .graphs import VIS_FOLDER, VIS_VERSION
from .lod import BY_NAME, RDF_TYPES

#: A file in the folder that says a publish wrote it (and may replace it).
MARKER = ".malplan-site"

#: Pages with one file each, whatever the store holds.
FIXED = {
    "pages.index": "index.html",
    "pages.plans": "plans.html",
    "pages.gaps": "gaps.html",
    "pages.validation": "validation.html",
    "graphs.graph": "graph.html",
    "graphs.links": "links.html",
    "lod.dataset_description": "void.ttl",
    "lod.ontology": "def.html",
    "lod.ontology_file": publish.ONTOLOGY_FILE,
    "lod.shapes_file": publish.SHAPES_FILE,
}
#: Top-level names the site's own files use: a resource there would overwrite one.
RESERVED = {path.split(".")[0] for path in FIXED.values()} | {
    "static",
    "vendor",
    "dumps",
    "trace",
    "other",
    "class",
    ".well-known",
}
#: What is under the base but not published as pages: the store's history (its records name
#: the files imported, by their local paths) and the store's own graphs (issue 11).
KEPT_OUT = ("history/", "graph/")
#: What a plan offers to download, beside its data.
DOWNLOADS = {"ttl": ".plan.ttl", "docx": ".docx"}


class Site:
    """One writing of the site into `folder`: the mapping from links to files, and the queue."""

    def __init__(self, app: Flask, folder: Path, lang: str) -> None:
        self.app, self.lang = app, lang
        self.folder = folder
        self.store = app.extensions["malplan_store"]
        self.base = self.store.base
        self.described: dict[str, bool] = {}
        self.last_graph: tuple = (None, None)
        self.adapter = app.url_map.bind("localhost")
        self.queue: dict[str, tuple[str, dict]] = {}
        self.written: set[str] = set()
        self.page = "index.html"

    # -- links

    def url_for(self, endpoint: str, **values) -> str:
        """The link from the page being written to the file that `endpoint` with `values` is."""
        anchor = values.pop("_anchor", None)
        values = {key: value for key, value in values.items() if not key.startswith("_")}
        if endpoint == "static":
            path = "static/" + values["filename"]
        elif endpoint == "graphs.vis_network":
            path = f"vendor/vis-network/{values['version']}/{values['filename']}"
        else:
            path, target = self.target(endpoint, values)
            if path is None:
                return target  # outside the data: linked as it is
            anchor = anchor or target
        relative = posixpath.relpath(path, posixpath.dirname(self.page) or ".")
        return quote(relative) + (f"#{quote(anchor)}" if anchor else "")

    def target(self, endpoint: str, values: dict) -> tuple[str | None, str | None]:
        """The file a page is written to, and an anchor in it (or None and an outside URL);
        the file is queued to be written."""
        path, anchor = self._path(endpoint, values)
        if path is not None and path not in self.written:
            render = (endpoint, values)
            if path.endswith(".html") and endpoint in ("pages.resource", "pages.plan"):
                render = ("pages.resource", {"uri": values["uri"]})
            self.queue.setdefault(path, render)
        return path, anchor

    def _path(self, endpoint: str, values: dict) -> tuple[str | None, str | None]:
        if endpoint in FIXED and not values:
            return FIXED[endpoint], None
        if endpoint == "lod.ontology" and set(values) == {"format"}:
            return "def." + RDF_TYPES[BY_NAME[values["format"]]][1], None
        if endpoint == "lod.dump":
            return "dumps/" + values["name"], None
        if endpoint == "pages.instances":
            cls, page = str(values["uri"]), int(values.get("page", 1))
            if not cls.startswith(str(MP)):
                return None, cls
            return f"class/{cls[len(str(MP)) :]}" + (f"-{page}" if page > 1 else "") + ".html", None
        if endpoint == "graphs.graph" and set(values) == {"policy"}:
            return f"graph/{self.local(values['policy'])}.html", None
        if endpoint in ("pages.resource", "pages.plan", "pages.plan_download", "pages.trace_page"):
            iri = str(values["uri"])
            if iri.startswith(str(MP)):
                return self._path("lod.ontology", {})[0], iri[len(str(MP)) :]
            local = self.local(iri)
            if local is None:
                return None, iri
            if endpoint == "pages.trace_page":
                return f"trace/{values.get('direction', 'up')}/{local}.html", None
            if endpoint == "pages.plan_download":
                return local + DOWNLOADS[values.get("format", "ttl")], None
            if "format" in values:
                return f"{local}.{RDF_TYPES[BY_NAME[values['format']]][1]}", None
            return local + ".html", None
        raise LookupError(f"{endpoint} {values} has no page in the static site")

    def local(self, iri: str) -> str | None:
        """Where a resource's files go, as a path without extension that is safe on any system:
        its path under the base; `other/<host>/<path>` for one the data describes outside the
        base; None for an IRI the data does not describe (it is linked as it is)."""
        iri = str(iri)
        if iri.startswith(tuple(self.base + kept for kept in KEPT_OUT)):
            return None
        if iri.startswith(self.base):
            path = iri[len(self.base) :]
        else:
            if iri not in self.described:
                self.described[iri] = bool(self.store.match(iri, None, None))
            if not self.described[iri]:
                return None
            parts = urlsplit(iri)
            path = "other/" + "-".join(filter(None, (parts.netloc + parts.path, parts.query, parts.fragment)))
        safe = []
        for part in path.split("/"):
            part = "".join("_" if c in '\\:*?"<>|' or ord(c) < 32 else c for c in part)
            safe.append(part if part.strip(".") else "_" + part)
        if iri.startswith(self.base) and safe[0].split(".")[0] in RESERVED:
            raise MalplanError(
                f"Ressourcen {iri} ville overskrive sidens egne filer ({safe[0]}); giv den en anden IRI.",
                f"The resource {iri} would overwrite the site's own files ({safe[0]}); give it another IRI.",
            )
        return "/".join(safe)

    # -- writing

    def write(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Write every queued file, and what each links to; the number of files written."""
        while self.queue:
            path, (endpoint, values) = next(iter(self.queue.items()))
            del self.queue[path]
            self.written.add(path)
            self._write_file(path, self.render(path, endpoint, values))
            if progress:
                progress(len(self.written), len(self.written) + len(self.queue))
        return len(self.written)

    def render(self, path: str, endpoint: str, values: dict) -> bytes:
        """The bytes of one file, from the app's own view (data and dumps straight from the core)."""
        self.page = path
        if endpoint == "lod.dump":
            return publish.dump(self.store, values["name"])
        if endpoint == "pages.resource" and "format" in values:
            return self.data(URIRef(values["uri"]), values["format"])
        url = self.adapter.build(endpoint, {**values, "lang": self.lang})
        accept = "text/turtle" if path.endswith(".ttl") else "text/html"
        with self.app.test_request_context(url, headers={"Accept": accept}):
            response = self.app.full_dispatch_request()
        if endpoint == "pages.resource" and response.status_code in (301, 302, 303):
            if curation.merged_into(self.store, URIRef(values["uri"])) is not None:
                return response.get_data()  # a page that leads to the resource it was merged into
            return self.render(path, "pages.plan", values)  # a plan's page is its plan page
        if response.status_code != 200:
            raise MalplanError(
                f"Siden {path} kunne ikke skrives: {url} svarede {response.status_code}.",
                f"The page {path} could not be written: {url} answered {response.status_code}.",
            )
        response.direct_passthrough = False  # a file sent (a Word plan) is read like any body
        try:
            return response.get_data()
        finally:
            response.close()

    def data(self, iri: URIRef, name: str) -> bytes:
        """A resource's data in one format, as `/resource` gives it; its formats are written one
        after the other, so the graph is read once for all of them."""
        if self.last_graph[0] != iri:
            self.last_graph = (iri, describe.resource_graph(self.store, iri))
        return self.last_graph[1].serialize(format=RDF_TYPES[BY_NAME[name]][2], encoding="utf-8")

    def _write_file(self, path: str, data: bytes) -> None:
        target = self.folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def write_site(
    store,
    out: Path,
    *,
    site_url: str | None = None,
    lang: str = "da",
    license: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the static site of `store` into the folder `out`, published at `site_url` (the
    base IRI unless given); the number of files. The folder is replaced whole or not at all;
    a folder that holds anything but an earlier site is refused."""
    out = Path(out).resolve()
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise MalplanError(
            f"Mappen {out} findes og er ikke et tidligere udgivet site; vælg en tom mappe.",
            f"The folder {out} exists and is not a site published before; choose an empty folder.",
        )
    config = {"STORE": store, "STATIC_SITE": True, "SITE_URL": site_url or store.base}
    if license:
        config["DATASET_LICENSE"] = license
    app = create_app(config)
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = _new_folder(out.parent, f".{out.name}-")
    try:
        site = Site(app, temp, lang)
        app.url_for = site.url_for  # flask.url_for in views, and the templates' url_for
        app.jinja_env.globals["url_for"] = site.url_for
        for endpoint in FIXED:
            site.target(endpoint, {})
        for name in publish.DUMPS:
            site.target("lod.dump", {"name": name})
        for name in BY_NAME:  # the ontology in every format, as /def gives it
            site.target("lod.ontology", {"format": name})
        for iri in describe.resources(store):
            if site.local(iri) is not None:
                site.target("pages.resource", {"uri": iri})
        count = site.write(progress)
        _copy_tree(Path(app.static_folder), temp / "static")
        _copy_tree(VIS_FOLDER, temp / "vendor" / "vis-network" / VIS_VERSION)
        (temp / ".well-known").mkdir()
        shutil.copyfile(temp / "void.ttl", temp / ".well-known" / "void")
        # Apache reads it (negotiation, media types, CORS); nginx has deploy/nginx instead.
        shutil.copyfile(Path(app.root_path) / app.template_folder / "lod" / "htaccess", temp / ".htaccess")
        (temp / MARKER).write_text("malplan publish\n", encoding="utf-8")
        _replace(temp, out)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return count


def _new_folder(parent: Path, prefix: str) -> Path:
    """A new, empty folder in `parent`, with the permissions the umask gives (a web server must
    read what is published: tempfile.mkdtemp makes it 0700 whatever the umask, issue 10)."""
    while True:
        folder = parent / f"{prefix}{uuid.uuid4().hex[:12]}"
        try:
            folder.mkdir()
            return folder
        except FileExistsError:
            continue


def _copy_tree(source: Path, target: Path) -> None:
    """Copy a folder's files, made new so that the umask sets their permissions (copytree
    copies the permissions of an installed package, whatever they are)."""
    for path in sorted(source.rglob("*")):
        if path.is_file():
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)


def _replace(new: Path, out: Path) -> None:
    """Put the folder `new` where `out` is, and remove the old one after."""
    if not out.exists():
        os.replace(new, out)
        return
    old = out.parent / f".{out.name}-old-{uuid.uuid4().hex[:12]}"
    os.replace(out, old)
    os.replace(new, out)
    shutil.rmtree(old, ignore_errors=True)
