"""The graph pages: pyvis data in the page as JSON, filters, clusters, vis-network served locally."""

from __future__ import annotations

import json
from urllib.parse import urlencode

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
    assert len(ids) == 128  # 103 in the chain, and the 25 workplaces behind the plans
    assert BASE + "vision/albertslund" in ids
    vision = next(node for node in data["nodes"] if node["id"] == BASE + "vision/albertslund")
    assert vision["level"] == 0 and vision["group"] == "Vision" and vision["page"].startswith("/resource?uri=")
    assert data["options"]["groups"]["Vision"]["shape"] == "box" and "shape" not in vision
    assert data["options"]["layout"]["hierarchical"]["direction"] == "LR"
    assert {"from": BASE + "plan/frikvarter", "to": BASE + "objective/trivsel"}.items() <= next(
        edge for edge in data["edges"] if edge["from"] == BASE + "plan/frikvarter"
    ).items()


def test_the_overview_opens_with_vision_policies_and_objectives(client):
    data = _data(client.get("/graph"))
    first = [node for node in data["nodes"] if not node["parents"]]
    assert len(first) == 22 and {node["level"] for node in first} == {0, 1, 2}
    by_id = {node["id"]: node for node in data["nodes"]}
    for node in data["nodes"]:
        assert all(by_id[parent]["level"] == 2 for parent in node["parents"]), node["id"]
    # A click on «Alle børn og unge trives» opens its plans, and their goals, actions, signs, workplaces.
    opened = {node["id"] for node in data["nodes"] if BASE + "objective/trivsel" in node["parents"]}
    assert {BASE + "plan/frikvarter", BASE + "goal/frikvarter-1", BASE + "action/frikvarter-1"} <= opened
    assert any(node_id.startswith(BASE + "workplace/") for node_id in opened)
    assert data["options"]["interaction"]["navigationButtons"] is False


def test_a_plan_node_opens_the_plan_page_and_its_parts_hang_under_it(client):
    data = _data(client.get("/graph"))
    plan = next(node for node in data["nodes"] if node["id"] == BASE + "plan/frikvarter")
    assert plan["page"] == "/plan?" + urlencode({"uri": BASE + "plan/frikvarter"}, safe=":/")
    assert {(e["from"], e["to"]) for e in data["edges"]} >= {
        (BASE + "goal/frikvarter-1", BASE + "plan/frikvarter"),
        (BASE + "action/frikvarter-1", BASE + "goal/frikvarter-1"),
    }


def test_a_long_label_is_shortened_and_whole_in_the_tooltip(client):
    data = _data(client.get("/graph"))
    vision = next(node for node in data["nodes"] if node["id"] == BASE + "vision/albertslund")
    assert vision["label"].endswith("…") and len(vision["label"]) <= 28
    assert vision["title"].startswith("Den bæredygtige by for børnene, det grønne og fællesskaber")


def test_the_chain_as_a_tree_beside_the_graph(client):
    page = BeautifulSoup(client.get("/graph").get_data(as_text=True), "html.parser")
    tree = page.select_one(".chain-tree")
    root = tree.find("li", recursive=False)
    # the name folds the branch; the branch's first line opens the page (no link inside <summary>)
    assert not tree.select("summary a")
    assert root.details.find("a", recursive=False)["href"] == "/resource?" + urlencode(
        {"uri": BASE + "vision/albertslund"}, safe=":/"
    )
    # vision → politik → målsætning → plan → mål → prøvehandling, as nested lists
    action = tree.find("a", href="/resource?" + urlencode({"uri": BASE + "action/frikvarter-1"}, safe=":/"))
    kinds = [li.find(class_="level").get_text() for li in action.find_parents("li")][::-1]
    assert kinds == ["Vision", "Politik", "Målsætning", "Målplan", "Mål", "Prøvehandling"], kinds
    assert all(details.summary for details in tree.find_all("details"))  # each branch folds


def test_the_filters_are_type_ahead_and_the_page_carries_no_options(client):
    page = BeautifulSoup(client.get("/graph").get_data(as_text=True), "html.parser")
    assert not page.find_all("option")
    fields = page.select("input.typeahead")
    assert {field["data-key"] for field in fields} == {"policy", "objective", "centre", "workplace", "targetGroup"}
    found = client.get("/graph/choices", query_string={"key": "policy", "q": "sundhed"}).get_json()
    assert found == [{"iri": BASE + "policy/sundhedspolitik", "name": "Sundhedspolitik"}]
    assert len(client.get("/graph/choices", query_string={"key": "workplace"}).get_json()) == 20
    bad = client.get("/graph/choices", query_string={"key": "nonsense"})
    assert bad.status_code == 400


def test_a_set_filter_shows_its_name(client):
    page = BeautifulSoup(
        client.get("/graph", query_string={"policy": BASE + "policy/sundhedspolitik"}).get_data(as_text=True),
        "html.parser",
    )
    field = page.select_one("input.typeahead[data-key=policy]")
    assert field["value"] == "Sundhedspolitik"
    assert page.select_one("input[type=hidden][name=policy]")["value"] == BASE + "policy/sundhedspolitik"


def test_at_national_scale_the_overview_opens_per_municipality(app, client, tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
    from generate import generate

    generate(3, tmp_path / "three.nt", plans=2)
    app.extensions["malplan_store"].load([tmp_path / "three.nt"])
    app.extensions["malplan_cache"].clear()
    page = BeautifulSoup(client.get("/graph").get_data(as_text=True), "html.parser")
    data = json.loads(page.select_one("#graph-data").string)
    first = [node for node in data["nodes"] if not node["parents"]]
    assert len([n for n in first if n["level"] == 0]) == 1 and len(first) <= 40
    assert page.select_one("input.typeahead[data-key=vision]") is not None
    named = client.get("/graph/choices", query_string={"key": "policy", "q": "budgetaftale"}).get_json()
    names = [choice["name"] for choice in named]
    assert len(names) == len(set(names)) >= 3  # repeated names say whose they are
    for key, text in (("objective", "målsætning 0 om"), ("centre", "center 0")):
        names = [c["name"] for c in client.get("/graph/choices", query_string={"key": key, "q": text}).get_json()]
        assert len(names) == len(set(names)) >= 3 and all("(Kommune " in name for name in names), names


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


def test_trace_page_draws_the_paths(client):
    response = client.get("/trace", query_string={"uri": BASE + "action/frikvarter-1"})
    data = _data(response)
    assert {node["id"] for node in data["nodes"]} == set(data["highlight"])
    assert BASE + "vision/albertslund" in data["highlight"]
    colours = {node["color"]["background"] for node in data["nodes"]}
    assert len(colours) == len({node["level"] for node in data["nodes"]})  # each level its colour
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert len(page.select(".legend li")) >= 5
    edge_ids = {edge["id"] for edge in data["edges"]}
    for item in page.select("ol.paths li[data-path]"):
        path = json.loads(item["data-path"])
        assert path[0] == BASE + "action/frikvarter-1" and path[-1] == BASE + "vision/albertslund"
        assert all(f"{a} {b}" in edge_ids for a, b in zip(path[:-1], path[1:], strict=True))  # each link drawn


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


def test_a_small_filtered_graph_opens_whole(client):
    data = _data(client.get("/graph", query_string={"objective": BASE + "objective/laesning"}))
    assert len(data["nodes"]) <= 40 and not any(node["parents"] for node in data["nodes"])


def test_everything_below_the_vision_opens_as_the_overview(client):
    data = _data(client.get("/trace", query_string={"uri": BASE + "vision/albertslund", "direction": "down"}))
    first = [node for node in data["nodes"] if not node["parents"]]
    assert len(data["nodes"]) > 40 and len(first) <= 40 and {node["level"] for node in first} <= {0, 1, 2}
    small = _data(client.get("/trace", query_string={"uri": BASE + "objective/laesning", "direction": "down"}))
    assert not any(node["parents"] for node in small["nodes"])
