"""Linked data as clients really send it (issue 10, section 5): media types with parameters,
`*/*`, HEAD and OPTIONS, 406 and 404, ETag and Last-Modified, CORS, blank nodes, the shapes,
one triple count, the dumps."""

from __future__ import annotations

import gzip
import subprocess
import sys
import threading
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
import rdflib
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, SH

from malplan_graph import publish, resources, validate
from malplan_graph.namespaces import MP

from ..conftest import BASE

INSTANCE = "/malplan/workplace/bibliotek"  # the app served at the base
RESOURCE = BASE + "workplace/bibliotek"
RDF_ACCEPTS = {
    "text/turtle; charset=utf-8": "turtle",
    'application/ld+json; profile="http://www.w3.org/ns/json-ld#compacted"': "json-ld",
    "application/rdf+xml;q=1.0, text/html;q=0.5": "xml",
    "application/n-triples; charset=UTF-8": "nt",
}
#: What browsers send (Firefox, Chromium).
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


def _get(client, url, accept=None, **kwargs):
    headers = kwargs.pop("headers", {})
    if accept is not None:
        headers["Accept"] = accept
    return client.get(url, headers=headers, **kwargs)


@pytest.mark.parametrize("accept", RDF_ACCEPTS)
def test_issue_10_media_types_with_parameters_match(client, accept):
    fmt = RDF_ACCEPTS[accept]
    for url in (INSTANCE, f"/resource?uri={RESOURCE}"):
        response = _get(client, url, accept)
        assert response.status_code == 200, url
        graph = rdflib.Graph().parse(data=response.data, format=fmt)
        assert (rdflib.URIRef(RESOURCE), RDF.type, MP.Workplace) in graph
    ontology = _get(client, "/def", accept)
    assert (MP.GoalPlan, RDF.type, OWL.Class) in rdflib.Graph().parse(data=ontology.data, format=fmt)


@pytest.mark.parametrize("accept", [None, "*/*", BROWSER])
def test_issue_10_a_client_without_a_preference_gets_the_page(client, accept):
    response = _get(client, INSTANCE, accept)
    assert response.status_code == 303 and "Accept" in response.vary
    page = _get(client, response.headers["Location"], accept)
    assert page.status_code == 200 and page.mimetype == "text/html" and "Accept" in page.vary
    assert _get(client, "/def", accept).mimetype == "text/html"


def test_issue_10_head_and_options(client):
    for url in (INSTANCE, f"/resource?uri={RESOURCE}", "/def", "/.well-known/void", "/shapes"):
        head = client.head(url, headers={"Accept": "text/turtle"})
        assert head.status_code == 200 and head.mimetype == "text/turtle" and head.data == b"", url
        options = client.options(url)
        assert options.status_code == 200 and {"GET", "HEAD", "OPTIONS"} <= set(options.allow), url
    assert client.options("/def").headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("url", [INSTANCE, f"/resource?uri={RESOURCE}", "/def", "/.well-known/void", "/shapes"])
def test_issue_10_no_acceptable_type_is_406(client, url):
    response = _get(client, url, "image/png")
    assert response.status_code == 406
    assert "406" in response.get_data(as_text=True)  # the Danish error page


@pytest.mark.parametrize("accept", ["text/turtle", "text/html", None])
def test_issue_10_an_unknown_instance_is_404_at_once(client, accept):
    assert _get(client, "/malplan/workplace/findes-ikke", accept).status_code == 404
    assert _get(client, "/malplan/workplace/findes-ikke.ttl").status_code == 404


def test_issue_10_etag_last_modified_and_conditional_get(app, client, tmp_path):
    first = _get(client, INSTANCE, "text/turtle")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert _get(client, INSTANCE, "application/ld+json").headers["ETag"] != etag  # one per format
    assert _get(client, INSTANCE, "text/turtle", headers={"If-None-Match": etag}).status_code == 304
    unchanged = _get(client, INSTANCE, "text/turtle", headers={"If-Modified-Since": modified})
    assert unchanged.status_code == 304 and unchanged.headers["Access-Control-Allow-Origin"] == "*"
    for url in ("/.well-known/void", "/def", "/def.ttl", "/shapes.ttl", "/dumps/malplan.ttl"):
        with _get(client, url, "text/turtle") as answer:
            assert answer.headers.get("ETag") and answer.headers.get("Last-Modified"), url
        with _get(client, url, "text/turtle", headers={"If-None-Match": answer.headers["ETag"]}) as again:
            assert again.status_code == 304, url
    (tmp_path / "ny.ttl").write_text(f'<{RESOURCE}> <{RDFS.comment}> "ny" .\n', encoding="utf-8")
    app.extensions["malplan_store"].load([tmp_path / "ny.ttl"])
    after = _get(client, INSTANCE, "text/turtle", headers={"If-None-Match": etag})
    assert after.status_code == 200 and after.headers["ETag"] != etag
    assert (rdflib.URIRef(RESOURCE), RDFS.comment, rdflib.Literal("ny")) in rdflib.Graph().parse(data=after.data)


DATA_ANSWERS = (
    [(INSTANCE, accept) for accept in RDF_ACCEPTS]
    + [("/def", accept) for accept in RDF_ACCEPTS]
    + [
        ("/def.ttl", None),
        ("/shapes", None),
        ("/shapes.ttl", None),
        ("/.well-known/void", None),
        ("/.well-known/void", "application/ld+json"),
    ]
    + [(f"/dumps/{name}", None) for name in publish.DUMPS]
)


@pytest.mark.parametrize(("url", "accept"), DATA_ANSWERS)
def test_issue_10_every_data_answer_is_open_to_other_origins(client, url, accept):
    response = _get(client, url, accept, headers={"Origin": "https://andet.example"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    response.close()


def test_issue_10_an_ontology_term_with_a_restriction_or_a_union_shows_it_whole(client):
    objective = rdflib.Graph().parse(
        data=_get(client, "/resource", "text/turtle", query_string={"uri": MP.Objective}).data
    )
    restrictions = [node for node in objective.objects(MP.Objective, RDFS.subClassOf) if isinstance(node, rdflib.BNode)]
    assert len(restrictions) == 1
    assert (restrictions[0], RDF.type, OWL.Restriction) in objective
    assert (restrictions[0], OWL.onProperty, MP.statedIn) in objective
    assert (restrictions[0], OWL.someValuesFrom, MP.PoliticalBasis) in objective
    basis = rdflib.Graph().parse(
        data=_get(client, "/resource", "text/turtle", query_string={"uri": MP.PoliticalBasis}).data
    )
    union = basis.value(MP.PoliticalBasis, OWL.unionOf)
    assert list(Collection(basis, union)) == [MP.Policy, MP.BudgetAgreement]
    # …and the restriction that names it, with the class it restricts (a symmetric description)
    named = next(basis.subjects(OWL.someValuesFrom, MP.PoliticalBasis))
    assert (MP.Objective, RDFS.subClassOf, named) in basis and (named, OWL.onProperty, MP.statedIn) in basis


def test_issue_10_the_shapes_at_a_stable_url_named_as_the_profile(client):
    shapes = rdflib.Graph().parse(resources.shapes_path(), format="turtle")
    for url in ("/shapes", "/shapes.ttl"):
        answer = _get(client, url)
        assert answer.mimetype == "text/turtle"
        assert isomorphic(rdflib.Graph().parse(data=answer.data, format="turtle"), shapes)
    jsonld = rdflib.Graph().parse(data=_get(client, "/shapes", "application/ld+json").data, format="json-ld")
    assert isomorphic(jsonld, shapes)
    void = rdflib.Graph().parse(data=_get(client, "/.well-known/void").data, format="turtle")
    dataset = rdflib.URIRef("http://localhost/.well-known/void#dataset")
    profile = void.value(dataset, rdflib.URIRef("http://purl.org/dc/terms/conformsTo"))
    assert str(profile) == "http://localhost/shapes.ttl"
    assert str(void.value(profile, rdflib.URIRef("http://purl.org/dc/terms/requires"))) == "http://localhost/def.ttl"


def test_issue_10_one_triple_count(client):
    void = rdflib.Graph().parse(data=_get(client, "/.well-known/void").data, format="turtle")
    service = rdflib.Graph().parse(data=_get(client, "/sparql", "text/turtle").data, format="turtle")
    dataset = rdflib.URIRef("http://localhost/.well-known/void#dataset")
    counts = {int(count) for graph in (void, service) for count in graph.objects(None, publish.VOID.triples)}
    with _get(client, "/dumps/malplan.nt") as dump:
        assert counts == {len(rdflib.Graph().parse(data=dump.data, format="nt"))}
    assert (None, publish.SD.defaultDataset, dataset) in service


def test_issue_10_the_n_triples_dump_as_rdf_clients_read_it(client):
    plain = _get(client, "/dumps/malplan.nt")  # no Accept-Encoding, as rdflib and rapper ask
    assert plain.mimetype == "application/n-triples" and "Content-Encoding" not in plain.headers
    assert "Accept-Encoding" in plain.vary
    packed = _get(client, "/dumps/malplan.nt", headers={"Accept-Encoding": "gzip, deflate"})
    assert packed.mimetype == "application/n-triples" and packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.data) == plain.data
    assert packed.headers["ETag"] != plain.headers["ETag"]
    download = _get(client, "/dumps/malplan.nt.gz", headers={"Accept-Encoding": "gzip"})
    assert download.mimetype == "application/gzip" and "Content-Encoding" not in download.headers
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert gzip.decompress(download.data) == plain.data
    for response in (plain, packed, download):
        response.close()


@pytest.fixture
def live_app(app):
    """The app served over HTTP on a free port, as a third party reaches it."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    thread.join()


def pyshacl_violations(site: str, folder: Path) -> Counter:
    """Download the dump from `site` into `folder` and run the documented pyshacl command there
    with the venv's pyshacl; the (focus, component) of each violation in its report."""
    with urllib.request.urlopen(site + "dumps/malplan.ttl") as answer:
        (folder / "malplan.ttl").write_bytes(answer.read())
    program, *arguments = publish.validation_command(site, fmt="turtle").split()
    assert program == "pyshacl"
    run = subprocess.run(
        [str(Path(sys.executable).parent / "pyshacl"), *arguments],
        capture_output=True,
        timeout=300,
        check=False,
        cwd=folder,
    )
    assert run.returncode in (0, 1), run.stderr.decode()
    report = rdflib.Graph().parse(data=run.stdout, format="turtle")
    return Counter(
        (report.value(result, SH.focusNode), report.value(result, SH.sourceConstraintComponent))
        for result in report.subjects(SH.resultSeverity, SH.Violation)
    )


def expected_violations(store) -> Counter:
    """The violations the app's own validation finds, plan by plan (two plans are incomplete)."""
    found = Counter()
    for report in validate.validate_plans(store):
        for result in report.results:
            if result.severity == "Violation":
                found[result.focus] += 1
    return found


def test_issue_10_a_third_party_validates_the_dump_with_the_documented_command(app, live_app, tmp_path):
    violations = pyshacl_violations(live_app, tmp_path)
    assert not [key for key in violations if key[1] == SH.ClassConstraintComponent]
    by_focus = Counter()
    for (focus, _), count in violations.items():
        by_focus[focus] += count
    assert by_focus == expected_violations(app.extensions["malplan_store"])
    assert {str(focus).rsplit("/", 1)[1].split("-")[0] for focus in by_focus} == {"bevaegelse", "rekruttering"}


def test_issue_10_the_readme_documents_the_tested_command():
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert publish.validation_command(BASE) in [line.strip() for line in readme.splitlines()]
    assert f"curl -O {BASE}dumps/malplan.ttl" in [line.strip() for line in readme.splitlines()]


def test_issue_10_dumps_are_written_once_a_generation_and_old_ones_go(tmp_path):
    from malplan_web import create_app

    from malplan_graph.store import OxigraphStore

    store = OxigraphStore(tmp_path / "store")
    app = create_app({"STORE": store})
    client = app.test_client()
    for _ in range(3):
        with client.get("/dumps/malplan.ttl") as response:
            assert response.status_code == 200
    folder = app.extensions["malplan_dumps"]
    assert [path.name for path in folder.iterdir()] == [f"{store.generation}-malplan.ttl"]
    extra = tmp_path / "extra.ttl"
    extra.write_text("<http://example.org/s> <http://example.org/p> 1 .\n", encoding="utf-8")
    store.load([extra])
    with client.get("/dumps/malplan.ttl") as response:
        assert b"http://example.org/s" in response.data
    assert [path.name for path in folder.iterdir()] == [f"{store.generation}-malplan.ttl"]
