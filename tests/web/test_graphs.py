"""The graph pages: pyvis data in the page as JSON, filters, clusters, vis-network served locally."""

from __future__ import annotations

import json

import rdflib
from bs4 import BeautifulSoup

from malplan_graph.namespaces import MP, RDF, RDFS
from tests.conftest import BASE


def _data(response) -> dict:
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return json.loads(page.select_one("#graph-data").string)


def test_the_whole_chain(client):
    data = _data(client.get("/graph"))
    ids = {node["id"] for node in data["nodes"]}
    assert len(ids) == 103
    assert BASE + "vision/albertslund" in ids
    vision = next(node for node in data["nodes"] if node["id"] == BASE + "vision/albertslund")
    assert vision["level"] == 0 and vision["shape"] == "star" and vision["page"].startswith("/resource?uri=")
    assert data["options"]["layout"]["hierarchical"]["direction"] == "UD"
    assert {"from": BASE + "plan/frikvarter", "to": BASE + "objective/trivsel"}.items() <= next(
        edge for edge in data["edges"] if edge["from"] == BASE + "plan/frikvarter"
    ).items()


def test_filters_narrow_the_graph(client):
    everything = _data(client.get("/graph"))["nodes"]
    culture = _data(client.get("/graph", query_string={"centre": BASE + "centre/kultur-og-fritid"}))["nodes"]
    plans = {node["id"] for node in culture if node["id"].startswith(BASE + "plan/")}
    assert plans == {
        BASE + p for p in ("plan/frikvarter", "plan/laeselyst", "plan/fritidspas", "plan/ensomhed", "plan/bevaegelse")
    }
    assert len(culture) < len(everything)
    one = _data(client.get("/graph", query_string={"objective": BASE + "objective/laesning"}))["nodes"]
    assert {node["id"] for node in one if node["id"].startswith(BASE + "plan/")} == {BASE + "plan/laeselyst"}


def test_a_large_graph_is_clustered_per_policy(app, client):
    from malplan_graph import chain

    original = chain.NODE_LIMIT
    chain.NODE_LIMIT = 20
    try:
        app.extensions["malplan_cache"].clear()
        data = _data(client.get("/graph"))
    finally:
        chain.NODE_LIMIT = original
    clusters = [node for node in data["nodes"] if node["shape"] == "box"]
    assert len(clusters) == 7 and all(node["page"].startswith("/graph?policy=") for node in clusters)


def test_trace_page_draws_the_paths(client):
    data = _data(client.get("/trace", query_string={"uri": BASE + "action/frikvarter-1"}))
    assert {node["id"] for node in data["nodes"]} == set(data["highlight"])
    assert BASE + "vision/albertslund" in data["highlight"]


def test_vis_network_is_served_by_the_app(client):
    page = BeautifulSoup(client.get("/graph").get_data(as_text=True), "html.parser")
    sources = [script["src"] for script in page.find_all("script", src=True)]
    assert sources == ["/vendor/vis-network/9.1.2/vis-network.min.js", "/static/graph-0.1.js"]
    for source in sources:
        response = client.get(source)
        assert response.status_code == 200 and response.mimetype == "text/javascript"
        response.close()


def test_text_in_the_graph_data_cannot_end_the_script(app, client, tmp_path):
    payload = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
    evil = rdflib.Graph()
    plan = rdflib.URIRef(BASE + "plan/evil")
    evil.add((plan, RDF.type, MP.GoalPlan))
    evil.add((plan, RDFS.label, rdflib.Literal(payload, lang="da")))
    evil.add((plan, MP.objective, rdflib.URIRef(BASE + "objective/trivsel")))
    evil.serialize(tmp_path / "evil.ttl", format="turtle")
    app.extensions["malplan_store"].load([tmp_path / "evil.ttl"])
    html = client.get("/graph", query_string={"objective": BASE + "objective/trivsel"}).get_data(as_text=True)
    assert payload not in html and "</script><script>alert(1)" not in html
    data = _data(client.get("/graph", query_string={"objective": BASE + "objective/trivsel"}))
    assert any(node["title"].startswith(payload) for node in data["nodes"])  # the text itself, kept as text


def test_across_centres_lists_ranked_pairs_and_draws_them(client):
    response = client.get("/links", query_string={"limit": 5})
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    pairs = page.select(".pairs > li")
    assert len(pairs) == 5
    first = " ".join(pairs[0].get_text().split())
    assert (
        "Herstedlund Skole" in first
        and "Materielgården" in first
        and "Flere grønne byrum med plads til vild natur" in first
    )
    data = _data(response)
    assert {node["id"] for node in data["nodes"]} >= {
        BASE + "workplace/herstedlund-skole",
        BASE + "workplace/materielgaarden",
    }
    assert data["options"]["physics"]["enabled"] is True


def test_across_centres_new_links_only(client):
    page = BeautifulSoup(client.get("/links", query_string={"new": "1"}).get_data(as_text=True), "html.parser")
    assert page.select(".pairs .new") and not page.select(".pairs .note")
    assert "Ny forbindelse: ingen fælles målplan." in page.get_text()
