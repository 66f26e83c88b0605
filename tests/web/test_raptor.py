"""A second parser reads everything the app and the static site serve as data (issue 10):
Debian's raptor (`rapper`) for Turtle, RDF/XML and N-Triples, pyld for JSON-LD. Each reading
must succeed without a warning and give the same graph as rdflib's."""

from __future__ import annotations

import gzip
import shutil
import subprocess

import pytest
import rdflib
from rdflib.compare import isomorphic

from ..conftest import BASE

RAPPER = shutil.which("rapper")
#: The parsers of the formats served: media type → (rapper's name, rdflib's name).
PARSERS = {
    "text/turtle": ("turtle", "turtle"),
    "application/rdf+xml": ("rdfxml", "xml"),
    "application/n-triples": ("ntriples", "nt"),
}
SUFFIXES = {".ttl": "text/turtle", ".rdf": "application/rdf+xml", ".nt": "application/n-triples"}
needs_rapper = pytest.mark.skipif(RAPPER is None, reason="rapper is not installed (apt-get install raptor2-utils)")


def read_with_rapper(data: bytes, media: str, base: str = BASE) -> rdflib.Graph:
    """`data` read by rapper (strict about warnings), as the graph of the N-Triples it writes."""
    parser, _ = PARSERS[media]
    run = subprocess.run(
        [RAPPER, "-q", "-i", parser, "-o", "ntriples", "-", base],
        input=data,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0 and not run.stderr, run.stderr.decode()
    return rdflib.Graph().parse(data=run.stdout, format="nt")


def assert_read_alike(data: bytes, media: str, what: str) -> int:
    """rapper and rdflib read `data` to the same graph; its size."""
    expected = rdflib.Graph().parse(data=data, format=PARSERS[media][1], publicID=BASE)
    assert len(expected), what
    assert isomorphic(read_with_rapper(data, media), expected), what
    return len(expected)


def _get(client, url: str, accept: str | None = None, **kwargs) -> bytes:
    with client.get(url, headers={"Accept": accept} if accept else {}, **kwargs) as response:
        assert response.status_code == 200, url
        return response.get_data()


APP_DATA = [
    ("/dumps/malplan.ttl", None, "text/turtle"),
    ("/dumps/malplan.nt", None, "application/n-triples"),
    ("/def.ttl", None, "text/turtle"),
    ("/def", "application/rdf+xml", "application/rdf+xml"),
    ("/def", "application/n-triples", "application/n-triples"),
    ("/shapes.ttl", None, "text/turtle"),
    ("/shapes", "application/rdf+xml", "application/rdf+xml"),
    ("/.well-known/void", None, "text/turtle"),
    ("/.well-known/void", "application/rdf+xml", "application/rdf+xml"),
    ("/.well-known/void", "application/n-triples", "application/n-triples"),
    ("/sparql", "text/turtle", "text/turtle"),  # the service description
    ("/sparql", "application/rdf+xml", "application/rdf+xml"),
] + [
    (f"/resource?uri={BASE}{path}&format={name}", None, media)
    for path in ("plan/affald", "workplace/bibliotek", "action/frikvarter-1")
    for name, media in (("turtle", "text/turtle"), ("rdfxml", "application/rdf+xml"), ("nt", "application/n-triples"))
]


@needs_rapper
@pytest.mark.parametrize(("url", "accept", "media"), APP_DATA)
def test_rapper_reads_what_the_app_serves(client, url, accept, media):
    assert_read_alike(_get(client, url, accept), media, url)


@needs_rapper
def test_rapper_reads_the_packed_dump_and_the_ontologys_terms(client):
    packed = gzip.decompress(_get(client, "/dumps/malplan.nt.gz"))
    assert assert_read_alike(packed, "application/n-triples", "malplan.nt.gz") > 1000
    for term in ("Objective", "PoliticalBasis"):  # blank nodes: a restriction, a union
        data = _get(client, "/resource", "text/turtle", query_string={"uri": f"https://w3id.org/malplan/def#{term}"})
        assert_read_alike(data, "text/turtle", term)


@needs_rapper
def test_rapper_reads_every_data_file_of_the_static_site(published_site):
    files = [path for path in sorted(published_site.rglob("*")) if path.suffix in SUFFIXES and path.is_file()]
    files.append(published_site / ".well-known" / "void")
    assert len(files) > 800  # every resource in three formats, each plan's own Turtle, the dumps
    for path in files:
        media = SUFFIXES.get(path.suffix, "text/turtle")
        # rapper is strict, rdflib's reading beside it is the slow half: compare on a sample
        data = path.read_bytes()
        if path.parent == published_site or path.name.startswith("affald"):
            assert_read_alike(data, media, str(path))
        else:
            read_with_rapper(data, media)


# -- JSON-LD, which rapper does not read


def _refuse_remote(url, options=None):
    raise AssertionError(f"a JSON-LD document asked to load {url}")


def read_with_pyld(data: bytes) -> rdflib.Graph:
    import json

    from pyld import jsonld

    quads = jsonld.to_rdf(
        json.loads(data), {"format": "application/n-quads", "documentLoader": _refuse_remote, "base": BASE}
    )
    return rdflib.Graph().parse(data=quads, format="nt")


@pytest.mark.parametrize(
    ("url", "accept"),
    [
        ("/dumps/malplan.jsonld", None),
        ("/def", "application/ld+json"),
        ("/.well-known/void", "application/ld+json"),
        ("/shapes", "application/ld+json"),
        (f"/resource?uri={BASE}plan/affald&format=jsonld", None),
    ],
)
def test_pyld_reads_the_json_ld_the_app_serves(client, url, accept):
    pytest.importorskip("pyld", reason="pyld is not installed (pip install '.[test]')")
    data = _get(client, url, accept)
    assert isomorphic(read_with_pyld(data), rdflib.Graph().parse(data=data, format="json-ld")), url


def test_pyld_reads_the_json_ld_of_the_static_site(published_site):
    pytest.importorskip("pyld", reason="pyld is not installed (pip install '.[test]')")
    for path in [published_site / "dumps" / "malplan.jsonld", published_site / "plan" / "affald.jsonld"]:
        data = path.read_bytes()
        assert isomorphic(read_with_pyld(data), rdflib.Graph().parse(data=data, format="json-ld")), path
