"""Issue 12 §2: pages for people speak plain Danish (or English); IRIs and formats sit in one
Data section per page, and no page names a field by its RDF vocabulary name."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from malplan_graph.namespaces import MP, RDF
from tests.conftest import BASE

#: Local names of W3C terms (and RDF jargon) that once showed on pages (issue 12).
RDF_NAMES = {
    "altLabel",
    "prefLabel",
    "inScheme",
    "hasTopConcept",
    "broader",
    "narrower",
    "description",
    "label",
    "heldBy",
    "postIn",
    "homepage",
    "issued",
    "name",
    "ConceptScheme",
    "Concept",
    "sameAs",
    "rdf",
    "rdfs",
    "skos",
    "owl",
    "foaf",
    "dcterms",
    "Turtle",
    "IRI",
}


@pytest.fixture(scope="module")
def client(example_store):
    from malplan_web import create_app

    return create_app({"STORE": example_store, "TESTING": True, "SECRET_KEY": "test"}).test_client()


def _pages(example_store) -> list[str]:
    """The main pages, a resource page of every kind in the example, each plan, each class list,
    and a trace up and down from one resource of each level."""
    first_of_kind: dict[str, str] = {}
    for subject, kind, _ in example_store.statements(RDF.type):
        if str(subject).startswith(BASE):
            first_of_kind.setdefault(str(kind), str(subject))
    plans = sorted(str(s) for s, o, _ in example_store.statements(RDF.type) if str(o) == str(MP.GoalPlan))
    paths = ["/", "/plans", "/gaps", "/validation"]
    paths += [f"/resource?uri={iri}" for iri in sorted(first_of_kind.values())]
    paths += [f"/class?uri={kind.replace('#', '%23')}" for kind in sorted(first_of_kind)]
    paths += [f"/plan?uri={plan}" for plan in plans]
    paths += [f"/trace?uri={iri}&direction={way}" for iri in sorted(first_of_kind.values()) for way in ("up", "down")]
    return paths


def _people_text(response) -> list[str]:
    """The visible texts of the page's main part, without its Data section."""
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    main = page.find("main")
    for data in main.select("#data"):
        data.decompose()
    for hidden in main.find_all(["script", "style", "template"]):
        hidden.decompose()
    return [text for text in main.stripped_strings]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_no_page_shows_a_raw_iri_or_an_rdf_name_outside_its_data_section(client, example_store, lang):
    client.set_cookie("lang", lang)
    found = []
    paths = _pages(example_store)
    assert len(paths) > 60
    for path in paths:
        response = client.get(path, follow_redirects=True)
        assert response.status_code == 200, path
        for text in _people_text(response):
            if re.search(r"\b(?:https?|urn|mailto):", text):
                found.append((path, "IRI", text))
            words = set(re.findall(r"[A-Za-z]+", text))
            # "name" and "description" are plain English words; in Danish they are RDF's names.
            jargon = RDF_NAMES - ({"name", "description", "label", "Concept", "issued"} if lang == "en" else set())
            if words & jargon:
                found.append((path, sorted(words & jargon), text))
    assert not found, sorted({(p.split("?")[0] + " " + p.split("%23")[-1][:20], str(w), t[:60]) for p, w, t in found})[
        :40
    ]


def test_a_resource_page_names_its_fields_from_the_labels_and_keeps_its_iri_in_one_data_section(client):
    client.set_cookie("lang", "da")
    page = BeautifulSoup(client.get(f"/resource?uri={BASE}manager/omsorgschef").get_data(as_text=True), "html.parser")
    fields = [dt.get_text(strip=True) for dt in page.select("main dl.links dt")]
    assert "besat af" in fields and "stilling i" in fields
    [data] = page.select("main #data")
    assert data.select_one("code.iri").get_text() == f"{BASE}manager/omsorgschef"
    assert {a.get_text() for a in data.select("a")} == {"Turtle", "JSON-LD", "RDF/XML", "N-Triples"}
    assert [h.get_text(strip=True) for h in page.select("main h2")] == ["Oplysninger", "Nævnt af", "Data"]
    plan = BeautifulSoup(client.get(f"/plan?uri={BASE}plan/frikvarter").get_data(as_text=True), "html.parser")
    assert len(plan.select("#data")) == 1
    assert "Hele planen som Turtle-fil" in plan.select_one("#data").get_text()
    assert "Turtle" not in plan.select_one("main .actions").get_text()


@pytest.mark.parametrize(
    ("lang", "path", "words"),
    [
        ("da", "/trace?uri=nonsense", "Linket virker ikke: «nonsense» er ikke adressen på noget i strategikæden"),
        ("en", "/trace?uri=nonsense", "The link does not work: “nonsense” is not the address of anything"),
        ("da", "/resource?uri=urn:nothing", "Vi kan ikke finde noget med adressen urn:nothing."),
        ("en", f"/resource?uri={BASE}nothing", f"We cannot find anything at the address {BASE}nothing."),
        ("da", f"/plan?uri={BASE}nothing", "Vi kan ikke finde nogen målplan med adressen"),
        ("da", "/resource", "Linket er ufuldstændigt"),
    ],
)
def test_a_bad_or_missing_address_gets_a_plain_sentence_in_the_page_language(client, lang, path, words):
    client.set_cookie("lang", lang)
    response = client.get(path)
    text = " ".join(BeautifulSoup(response.get_data(as_text=True), "html.parser").find("main").stripped_strings)
    assert response.status_code in (400, 404)
    assert words in text
    assert "scheme" not in text and "Traceback" not in text
