"""The static site served by Debian's nginx with the shipped configuration (deploy/nginx/), and
by Apache with the site's own .htaccess (deploy/apache/), and read by RDF clients: rdflib following the instance IRIs, and plain HTTP requests with the
Accept headers of browsers and RDF clients (issue 10)."""

from __future__ import annotations

import gzip
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS

from malplan_graph.namespaces import MP
from malplan_graph.store import OxigraphStore

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DEPLOY = Path(__file__).parents[2] / "deploy" / "nginx"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
#: What Comunica sends (comunica/comunica#1291).
COMUNICA = (
    "application/n-quads,application/trig;q=0.95,application/ld+json;q=0.9,application/n-triples;q=0.8,"
    "text/turtle;q=0.6,application/rdf+xml;q=0.5,application/json;q=0.45,text/n3;q=0.35,application/xml;q=0.3,"
    "image/svg+xml;q=0.3,text/xml;q=0.3,text/html;q=0.2,application/xhtml+xml;q=0.18"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nginx_conf(folder: Path, port: int, root: Path) -> Path:
    """A main configuration for a non-daemon nginx whose pid, logs and temp files are in
    `folder`, serving `root` on `port` with the shipped snippets, included as they are."""
    shutil.copyfile("/etc/nginx/mime.types", folder / "mime.types")
    temp = "\n".join(
        f"    {name}_temp_path {folder / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # As root, nginx's workers read the site as nobody: what a web server's own user sees.
    user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
    text = f"""{user}daemon off;
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"};
events {{ worker_connections 64; }}
http {{
    access_log {folder / "access.log"};
{temp}
    include {DEPLOY / "malplan-map.conf"};
    server {{
        listen 127.0.0.1:{port};
        root {root};
        include {DEPLOY / "malplan-site.conf"};
    }}
}}
"""
    (folder / "nginx.conf").write_text(text, encoding="utf-8")
    return folder / "nginx.conf"


APACHE = shutil.which("apache2") or "/usr/sbin/apache2"
APACHE_MODULES = ("mpm_event", "authz_core", "mime", "dir", "rewrite", "headers", "filter", "deflate")


def apache_conf(folder: Path, port: int, root: Path) -> Path:
    """A main configuration for Apache in the foreground, its pid, logs and runtime files in
    `folder`, serving `root` on `port` and allowing the site's own .htaccess as
    deploy/apache/malplan.conf does."""
    modules = "\n".join(f"LoadModule {name}_module /usr/lib/apache2/modules/mod_{name}.so" for name in APACHE_MODULES)
    user = "User nobody\nGroup nogroup\n" if os.geteuid() == 0 else ""
    text = f"""ServerRoot {folder}
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile {folder / "apache.pid"}
DefaultRuntimeDir {folder}
ErrorLog {folder / "error.log"}
LogLevel warn
{user}{modules}
TypesConfig /etc/mime.types
DocumentRoot {root}
<Directory {root}>
    AllowOverride FileInfo Indexes Options=Indexes,MultiViews
    Require all granted
</Directory>
"""
    (folder / "apache.conf").write_text(text, encoding="utf-8")
    return folder / "apache.conf"


PACKAGES = {"nginx": "nginx", "apache": "apache2"}
SERVERS = {
    "nginx": (
        NGINX,
        nginx_conf,
        lambda conf, folder: [NGINX, "-e", str(folder / "error.log"), "-p", str(folder), "-c", str(conf)],
    ),
    "apache": (APACHE, apache_conf, lambda conf, folder: [APACHE, "-f", str(conf), "-D", "FOREGROUND"]),
}


@pytest.fixture(scope="module", params=sorted(SERVERS))
def served(request):
    """The example published under http://127.0.0.1:<port>/malplan/ (its base IRI, so that the
    instance IRIs resolve) with the usual umask, and nginx or Apache serving it with the shipped
    configuration; yields the base and the site's folder."""
    program, configure, command = SERVERS[request.param]
    if not Path(program).is_file():
        pytest.skip(f"{request.param} is not installed (apt-get install {PACKAGES[request.param]})")
    folder = Path(tempfile.mkdtemp(prefix=f"malplan-{request.param}-"))
    folder.chmod(0o755)  # a web server's user must reach the site (the umask does the rest)
    port = _free_port()
    base = f"http://127.0.0.1:{port}/malplan/"
    from malplan_web.site import write_site

    before = os.umask(0o022)
    try:
        store = OxigraphStore(folder / "store", base=base)
        write_site(store, folder / "www" / "malplan")
    finally:
        os.umask(before)
    conf = configure(folder, port, folder / "www")
    process = subprocess.Popen(command(conf, folder), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log = (folder / "error.log").read_text() if (folder / "error.log").exists() else ""
                    pytest.fail(f"{request.param} did not start: {process.stdout.read().decode()} {log}")
                time.sleep(0.1)
        yield base, folder / "www" / "malplan"
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stdout.close()
        shutil.rmtree(folder, ignore_errors=True)


def fetch(url: str, accept: str | None = None, **headers: str):
    """(status, headers, body) of a GET with `accept`, as any HTTP client sends it."""
    if accept is not None:
        headers["Accept"] = accept
    request = urllib.request.Request(url, headers={key.replace("_", "-"): value for key, value in headers.items()})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


@pytest.mark.skipif(not Path(NGINX).is_file(), reason="nginx is not installed (apt-get install nginx)")
def test_the_shipped_nginx_configuration_is_valid(tmp_path):
    """malplan.conf as shipped, with its snippets where it says, passes `nginx -t`."""
    (tmp_path / "snippets").mkdir()
    for name in ("malplan-map.conf", "malplan-site.conf"):
        shutil.copyfile(DEPLOY / name, tmp_path / "snippets" / name)
    shutil.copyfile("/etc/nginx/mime.types", tmp_path / "mime.types")
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path / 'nginx.pid'};\nevents {{}}\nhttp {{ include {DEPLOY / 'malplan.conf'}; }}\n", encoding="utf-8"
    )
    run = subprocess.run(
        [NGINX, "-t", "-e", str(tmp_path / "error.log"), "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert "warn" not in run.stderr


@pytest.mark.skipif(not Path(APACHE).is_file(), reason="Apache is not installed (apt-get install apache2)")
def test_the_shipped_apache_configuration_is_valid(tmp_path):
    """deploy/apache/malplan.conf, included in a main configuration with the modules it needs,
    passes `apache2 -t`."""
    conf = apache_conf(tmp_path, _free_port(), tmp_path)
    with conf.open("a", encoding="utf-8") as text:
        text.write(f"Include {DEPLOY.parent / 'apache' / 'malplan.conf'}\n")
    run = subprocess.run([APACHE, "-t", "-f", str(conf)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and "Syntax OK" in run.stderr, run.stderr


def test_the_root_and_a_page(served):
    base, _ = served
    status, headers, body = fetch(base, BROWSER)
    assert status == 200 and headers.get_content_type() == "text/html"
    assert b"<html" in body
    assert fetch(base + "plans", BROWSER)[0] == 200


@pytest.mark.parametrize(
    ("accept", "media", "suffix"),
    [
        ("text/turtle", "text/turtle", "ttl"),
        ("text/turtle; charset=utf-8", "text/turtle", "ttl"),
        ("application/ld+json", "application/ld+json", "jsonld"),
        ("application/rdf+xml", "application/rdf+xml", "rdf"),
        ("application/n-triples", "application/n-triples", "nt"),
        (COMUNICA, "text/turtle", "ttl"),
    ],
)
def test_an_rdf_client_gets_the_data_of_an_instance_iri(served, accept, media, suffix):
    base, site = served
    status, headers, body = fetch(base + "plan/affald", accept)
    assert status == 200 and headers.get_content_type() == media
    assert "Accept" in headers["Vary"] and headers["Access-Control-Allow-Origin"] == "*"
    assert body == (site / "plan" / f"affald.{suffix}").read_bytes()


@pytest.mark.parametrize("accept", [BROWSER, "*/*", None])
def test_a_browser_gets_the_page(served, accept):
    base, site = served
    status, headers, body = fetch(base + "plan/affald", accept)
    assert status == 200 and headers.get_content_type() == "text/html"
    assert body == (site / "plan" / "affald.html").read_bytes()


def test_rdflib_reads_an_instance_iri_as_the_resources_file(served):
    base, site = served
    graph = rdflib.Graph().parse(base + "plan/affald")  # rdflib's own Accept, no format given
    assert isomorphic(graph, rdflib.Graph().parse(site / "plan" / "affald.ttl", format="turtle"))
    assert (rdflib.URIRef(base + "plan/affald"), RDF.type, MP.GoalPlan) in graph


@pytest.mark.parametrize(
    ("path", "media"),
    [
        ("plan/affald.ttl", "text/turtle"),
        ("plan/affald.jsonld", "application/ld+json"),
        ("plan/affald.rdf", "application/rdf+xml"),
        ("plan/affald.nt", "application/n-triples"),
        ("plan/affald.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("def.ttl", "text/turtle"),
        ("def.rdf", "application/rdf+xml"),
        ("shapes.ttl", "text/turtle"),
        ("void.ttl", "text/turtle"),
        (".well-known/void", "text/turtle"),
        ("dumps/malplan.ttl", "text/turtle"),
        ("dumps/malplan.jsonld", "application/ld+json"),
        ("dumps/malplan.nt", "application/n-triples"),
        ("dumps/malplan.nt.gz", "application/gzip"),
        ("static/malplan-0.1.css", "text/css"),
        ("static/favicon-0.1.svg", "image/svg+xml"),
    ],
)
def test_media_types(served, path, media):
    base, _ = served
    status, headers, _ = fetch(base + path)
    assert status == 200 and headers.get_content_type() == media, path
    assert headers["Access-Control-Allow-Origin"] == "*"


def test_the_n_triples_dump_is_gzip_encoded_only_for_a_client_that_asks(served):
    base, site = served
    status, headers, body = fetch(base + "dumps/malplan.nt", Accept_Encoding="gzip")
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert headers.get_content_type() == "application/n-triples" and "Accept-Encoding" in headers["Vary"]
    assert gzip.decompress(body) == (site / "dumps" / "malplan.nt").read_bytes()
    plain = fetch(base + "dumps/malplan.nt")
    assert "Content-Encoding" not in plain[1] and plain[2] == (site / "dumps" / "malplan.nt").read_bytes()
    packed = fetch(base + "dumps/malplan.nt.gz", Accept_Encoding="gzip")
    assert "Content-Encoding" not in packed[1] and gzip.decompress(packed[2]) == plain[2]


def test_link_traversal_climbs_from_an_action_to_the_vision(served):
    """An RDF client that knows one IRI follows mp:contributesTo from document to document."""
    base, _ = served
    start = rdflib.URIRef(base + "action/frikvarter-1")
    found, seen, frontier = rdflib.Graph(), set(), [start]
    while frontier:
        iri = frontier.pop()
        if iri in seen or not str(iri).startswith(base):
            continue
        seen.add(iri)
        found += rdflib.Graph().parse(str(iri))
        frontier.extend(found.objects(iri, MP.contributesTo))
    visions = set(found.subjects(RDF.type, MP.Vision))
    assert len(visions) == 1 and next(iter(visions)) in seen
    assert len(seen) >= 5 and len(found) > 100
    assert found.value(next(iter(visions)), RDFS.label) is not None


def test_a_third_party_validates_the_served_dump(served, tmp_path):
    from .test_lod_protocol import expected_violations, pyshacl_violations

    base, _ = served
    violations = pyshacl_violations(base, tmp_path)
    assert not [key for key in violations if key[1] == rdflib.SH.ClassConstraintComponent]
    assert sum(violations.values()) == sum(expected_violations(OxigraphStore(None)).values())


def test_an_unknown_path_is_404(served):
    base, _ = served
    assert fetch(base + "plan/findes-ikke", "text/turtle")[0] == 404
    assert fetch(base + "plan/findes-ikke", BROWSER)[0] == 404
