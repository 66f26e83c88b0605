"""Publishing: the VoID/DCAT description (DCAT-AP-DK) and the dumps."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import DCAT, RDF

from malplan_graph import publish
from malplan_graph.publish import VOID

DCAT_AP_DK = Path(__file__).parents[3] / "shared" / "standards" / "dcat-ap-dk-2.0.2-shapes.ttl"


def _description(client, accept="text/turtle", parse="turtle") -> rdflib.Graph:
    response = client.get("/.well-known/void", headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == accept
    return rdflib.Graph().parse(data=response.data, format=parse)


def test_the_description_names_publisher_licence_endpoint_dumps_and_statistics(client):
    graph = _description(client)
    dataset = next(graph.subjects(RDF.type, VOID.Dataset))
    assert (dataset, RDF.type, DCAT.Dataset) in graph
    assert (
        str(graph.value(dataset, rdflib.URIRef("http://purl.org/dc/terms/license")))
        == "https://creativecommons.org/licenses/by/4.0/"
    )
    assert str(graph.value(dataset, VOID.sparqlEndpoint)).endswith("/sparql")
    # What an RDF client reads as it is; the packed N-Triples is a distribution to download.
    assert {str(u).rsplit("/", 1)[1] for u in graph.objects(dataset, VOID.dataDump)} == {
        "malplan.ttl",
        "malplan.nt",
        "malplan.jsonld",
    }
    assert {str(u).rsplit("#", 1)[1] for u in graph.objects(dataset, DCAT.distribution)} == set(publish.DUMPS)
    with client.get("/dumps/malplan.ttl") as response:
        dump = rdflib.Graph().parse(data=response.data, format="turtle")
    assert int(graph.value(dataset, VOID.triples)) == len(dump) > 1300  # the data, not the ontology
    partitions = {
        graph.value(p, VOID["class"]): int(graph.value(p, VOID.entities))
        for p in graph.objects(dataset, VOID.classPartition)
    }
    assert partitions[rdflib.URIRef("https://w3id.org/malplan/def#GoalPlan")] == 12
    publisher = graph.value(dataset, rdflib.URIRef("http://purl.org/dc/terms/publisher"))
    assert str(graph.value(publisher, rdflib.URIRef("http://xmlns.com/foaf/0.1/name"))) == "Albertslund Kommune"
    assert len(_description(client, "application/ld+json", "json-ld")) == len(graph)


@pytest.mark.skipif(not DCAT_AP_DK.exists(), reason="shared/standards is not beside the checkout")
def test_the_description_conforms_to_dcat_ap_dk(client):
    import pyshacl

    shapes = rdflib.Graph().parse(DCAT_AP_DK, format="turtle")
    conforms, _, text = pyshacl.validate(
        _description(client), shacl_graph=shapes, allow_warnings=True, allow_infos=True
    )
    assert conforms, text


def test_every_page_links_to_the_description(client):
    page = client.get("/").get_data(as_text=True)
    assert 'href="/.well-known/void"' in page


def test_dumps_are_current(app, client, tmp_path):
    before = client.get("/dumps/malplan.nt.gz")
    triples = gzip.decompress(before.data).decode("utf-8").count("\n")
    before.close()
    assert triples > 1200
    (tmp_path / "ny.ttl").write_text("<objective/ny> a <https://w3id.org/malplan/def#Objective> .\n", encoding="utf-8")
    app.extensions["malplan_store"].load([tmp_path / "ny.ttl"])
    after = client.get("/dumps/malplan.ttl")
    assert b"objective/ny" in after.data
    after.close()
    jsonld = client.get("/dumps/malplan.jsonld")
    assert len(rdflib.Graph().parse(data=jsonld.data, format="json-ld")) > 1200
    jsonld.close()
    assert client.get("/dumps/andet.zip").status_code == 404


def test_the_ontology_at_its_namespace(client):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(client.get("/def", headers={"Accept": "text/html"}).get_data(as_text=True), "html.parser")
    terms = {article["id"] for article in page.select("details.term")}
    assert {"GoalPlan", "TrialAction", "contributesTo", "statedIn"} <= terms
    assert "Prøvehandling" in page.select_one("#TrialAction h3").get_text()
    turtle = client.get("/def", headers={"Accept": "text/turtle"})
    assert turtle.mimetype == "text/turtle" and turtle.headers["Vary"] == "Accept"
    graph = rdflib.Graph().parse(data=turtle.data, format="turtle")
    assert (rdflib.URIRef("https://w3id.org/malplan/def#GoalPlan"), None, None) in graph
    jsonld = client.get("/def", headers={"Accept": "application/ld+json"})
    assert len(rdflib.Graph().parse(data=jsonld.data, format="json-ld")) == len(graph)


def test_the_ontology_file(client):
    response = client.get("/def.ttl")
    assert response.status_code == 200 and response.mimetype == "text/turtle"
    assert len(rdflib.Graph().parse(data=response.data, format="turtle")) > 500
