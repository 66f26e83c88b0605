"""The search page and the search field in the header."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.conftest import BASE
from tests.conftest import soup as _soup


@pytest.fixture(scope="module")
def client(example_client):
    return example_client


def test_results_are_grouped_by_level_with_the_ontologys_names(client):
    page = _soup(client.get("/search", query_string={"q": "ensomhed"}))
    sections = page.select(".search-results section")
    titles = [section.h2.contents[0].strip() for section in sections]
    assert titles[:2] == ["Udfordring", "Målsætning"] and "Målplan" in titles
    objectives = sections[titles.index("Målsætning")]
    assert "Færre ældre føler sig ensomme" in [a.get_text(strip=True) for a in objectives.select("li a")]
    assert "resultater for «ensomhed»" in page.select_one("[role=status]").get_text()


def test_a_plan_links_to_the_plan_page_and_other_resources_to_theirs(client):
    page = _soup(client.get("/search", query_string={"q": "ensomhed"}))
    links = {a.get_text(strip=True): a["href"] for a in page.select(".search-results li a")}
    assert links["Fællesskaber mod ensomhed blandt ældre"].startswith("/plan?uri=")
    assert links["Færre ældre føler sig ensomme"] == f"/resource?uri={BASE}objective/ensomhed"


def test_english_page_names_levels_in_english(client):
    client.set_cookie("lang", "en")
    try:
        page = _soup(client.get("/search", query_string={"q": "ensomhed"}))
    finally:
        client.delete_cookie("lang")
    titles = [section.h2.contents[0].strip() for section in page.select(".search-results section")]
    assert titles[:2] == ["Challenge", "Objective"]
    assert "results for «ensomhed»" in page.get_text()


@pytest.mark.parametrize(
    "hostile", ['" OR * NEAR(', "ensomhed*", "-x", "<script>alert(1)</script>", "'; DROP TABLE entries; --", "a" * 5000]
)
def test_a_hostile_query_is_harmless_and_escaped(client, hostile):
    response = client.get("/search", query_string={"q": hostile})
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "Traceback" not in text
    assert "<script>alert(1)</script>" not in text
    assert client.get("/search", query_string={"q": "ensomhed"}).status_code == 200  # the index still answers


def test_nothing_found_and_no_query_say_so_in_plain_words(client):
    page = _soup(client.get("/search", query_string={"q": "xyzzyq"}))
    assert "Intet passer på «xyzzyq»" in page.get_text()
    assert "Skriv et ord i søgefeltet" in _soup(client.get("/search")).get_text()


@pytest.mark.parametrize(
    "path", ["/", "/plans", "/gaps", "/validation", "/search?q=ensom", f"/plan?uri={BASE}plan/frikvarter"]
)
def test_every_page_has_the_search_field_in_its_header(client, path):
    field = _soup(client.get(path)).select_one("header form[role=search]")
    assert field is not None and field["method"] == "get" and field["action"] == "/search"
    box = field.select_one("input[type=search][name=q]")
    assert field.select_one(f"label[for={box['id']}]").get_text(strip=True) == "Søg"


def test_the_field_keeps_what_was_searched(client):
    assert _soup(client.get("/search", query_string={"q": "ensomhed"})).select_one("#search-q")["value"] == "ensomhed"


def test_while_the_index_is_built_the_page_says_so_and_reloads_itself(monkeypatch):
    import threading

    from malplan_web import create_app
    from malplan_web import search as web_search

    from malplan_graph import search as core_search
    from malplan_graph.store import OxigraphStore

    release, built = threading.Event(), core_search.index
    monkeypatch.setattr(core_search, "index", lambda store: (release.wait(10), built(store))[1])
    monkeypatch.setattr(web_search, "WAIT_SECONDS", 0.05)
    the_store = OxigraphStore(None)
    client = create_app({"STORE": the_store, "TESTING": True, "SECRET_KEY": "test"}).test_client()
    response = client.get("/search", query_string={"q": "ensomhed"})
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert "Søgningen gøres klar" in page.select_one("[role=status]").get_text()
    assert page.select_one("meta[http-equiv=refresh]")["content"] == "5"
    release.set()
    web_search._threads[id(the_store)].join(10)
    assert "Færre ældre føler sig ensomme" in _soup(client.get("/search", query_string={"q": "ensomhed"})).get_text()
