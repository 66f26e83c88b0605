"""Every page of the web app through Flask's test client: status, content, language, safety."""

from __future__ import annotations

import pytest
import rdflib
from bs4 import BeautifulSoup

from malplan_graph.namespaces import MP, RDF, RDFS
from tests.conftest import BASE

PLAN = BASE + "plan/frikvarter"


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_front_page_shows_the_vision_counts_plans_and_gaps(client):
    page = _soup(client.get("/"))
    assert page.h1.get_text(strip=True) == "Den bæredygtige by for børnene, det grønne og fællesskaber"
    counts = {li.get_text(" ", strip=True) for li in page.select(".counts li")}
    assert "12 Målplan" in counts and "33 Prøvehandling" in counts
    assert "10 af 12 målplaner opfylder skabelonen." in page.get_text(" ", strip=True)
    assert len(page.select(".plans li")) == 12
    assert "Målsætninger uden målplan: 3" in [" ".join(li.get_text().split()) for li in page.select(".gap-counts li")]


def test_plan_page_shows_every_field_in_the_template_order_and_its_validation(client):
    page = _soup(client.get("/plan", query_string={"uri": PLAN}))
    assert page.h1.get_text(strip=True) == "Aktive og trygge frikvarterer"
    headings = [h.get_text(strip=True) for h in page.select(".template-section h2")]
    assert headings == [
        "ARBEJDSPLADSER",
        "EJER AF MÅLPLAN",
        "MÅLGRUPPE",
        "POLITIK",
        "MÅLSÆTNING",
        "MÅL",
        "TEGN",
        "PRØVEHANDLINGER",
        "EVALUERING",
        "LÆRING",
        "MILEPÆLSPLAN",
    ]
    workplaces = [a.get_text() for a in page.select("#workplaces a")]
    assert workplaces == ["Albertslund Idrætscenter", "Herstedlund Skole", "Kongsholmskolen"]
    assert "opfylder skabelonen" in page.select_one(".validation h2").get_text()
    assert "1. august 2025 (2025-08-01)" in page.select_one("#milestones").get_text()
    assert page.select(".paths li")


def test_the_plan_page_in_english_has_the_templates_english_headings_and_questions(client):
    from malplan_graph.word.template import SECTIONS

    page = _soup(client.get("/plan", query_string={"uri": PLAN, "lang": "en"}))
    headings = [h.get_text(strip=True) for h in page.select(".template-section h2")]
    assert headings == [section.heading_en for section in SECTIONS]
    assert headings[1] == "OWNER OF THE GOAL PLAN"
    questions = [h.get_text(strip=True) for h in page.select(".template-section h3")]
    assert questions == [question.text_en for section in SECTIONS for question in section.questions]
    assert "Which manager owns the goal plan?" in questions
    assert not {"MÅL", "Hvilken chef ejer målplanen?"} & set(headings + questions)


def test_incomplete_plan_shows_its_danish_messages(client):
    page = _soup(client.get("/plan", query_string={"uri": BASE + "plan/rekruttering"}))
    messages = page.select_one(".validation").get_text(" ", strip=True)
    assert "Målplanen mangler en ejer (EJER AF MÅLPLAN: Hvilken chef ejer målplanen?)." in messages
    assert "opfylder ikke skabelonen" in messages


def test_resource_page_links_in_and_out_and_a_plan_redirects(client):
    page = _soup(client.get("/resource", query_string={"uri": BASE + "workplace/bibliotek"}))
    assert page.select_one(".kicker").get_text() == "Arbejdsplads"
    incoming = page.get_text(" ", strip=True)
    assert "Læselyst fra dagtilbud til skole" in incoming and "Center for Kultur og Fritid" in incoming
    response = client.get("/resource", query_string={"uri": PLAN})
    assert response.status_code == 302 and "/plan?uri=" in response.headers["Location"]


def test_trace_up_and_down(client):
    up = _soup(client.get("/trace", query_string={"uri": BASE + "action/frikvarter-1"}))
    assert len(up.select(".paths li")) == 2
    assert "fremgår af →" in up.get_text(" ", strip=True)
    down = _soup(client.get("/trace", query_string={"uri": BASE + "objective/trivsel", "direction": "down"}))
    assert "Mental trivsel i udskolingen" in down.get_text()


def test_the_counts_open_the_list_of_each_class_and_a_resource_its_own(client, monkeypatch):
    front = _soup(client.get("/"))
    link = next(a for a in front.select(".counts a") if "Målsætning" in a.get_text())
    listing = _soup(client.get(link["href"]))
    assert listing.h1.get_text(" ", strip=True) == "Målsætning (14)"
    names = [a.get_text() for a in listing.select(".instances a")]
    assert len(names) == 14 and names == sorted(names, key=str.casefold)
    assert listing.select_one(".kicker").get_text(strip=True) == "Alle af denne slags"
    assert listing.select_one("#data a[href$='#Objective']").get_text() == "Definitionen i ontologien"
    resource = _soup(client.get("/resource", query_string={"uri": BASE + "objective/trivsel"}))
    assert resource.select_one(".kicker a")["href"] == link["href"]
    from malplan_graph import describe

    monkeypatch.setattr(describe, "PAGE_SIZE", 10)
    second = _soup(client.get(link["href"] + "&page=2"))
    assert [a.get_text() for a in second.select(".instances a")] == names[10:]
    assert second.select_one(".pager a[rel=prev]") and not second.select_one(".pager a[rel=next]")
    assert client.get(link["href"] + "&page=3").status_code == 404
    assert client.get(link["href"] + "&page=x").status_code == 400


UP, DOWN = "Spor op til visionen", "Alt nedenunder"


@pytest.mark.parametrize(
    ("path", "links", "direction", "across"),
    [
        ("objective/trivsel", [UP, DOWN], "up", [DOWN]),
        ("action/frikvarter-1", [UP], "up", []),  # nothing below a trial action
        ("vision/albertslund", [DOWN], "down", []),  # nothing above the vision
        ("workplace/bibliotek", [], None, None),  # not in the chain: no trace to show
    ],
)
def test_a_resource_offers_the_traces_that_have_more_than_itself(client, path, links, direction, across):
    page = _soup(client.get("/resource", query_string={"uri": BASE + path}))
    assert [a.get_text() for a in page.select(".actions a")] == links
    if direction:
        trace = _soup(client.get("/trace", query_string={"uri": BASE + path, "direction": direction}))
        assert [a.get_text() for a in trace.select(".actions a")] == across


def test_gaps_and_validation_pages(client):
    gaps = _soup(client.get("/gaps"))
    assert [a.get_text() for a in gaps.select("#signs-without-data li a")][
        0
    ] == "Flere pædagogstuderende søger job efter praktikken"
    validation = _soup(client.get("/validation"))
    assert len(validation.select(".report")) == 12


def test_downloads(client):
    turtle = client.get("/plan/download", query_string={"uri": PLAN, "format": "ttl"})
    assert turtle.mimetype == "text/turtle" and b"Aktive og trygge frikvarterer" in turtle.data
    word = client.get("/plan/download", query_string={"uri": PLAN, "format": "docx"})
    assert word.data[:2] == b"PK"
    assert client.get("/plan/download", query_string={"uri": PLAN, "format": "exe"}).status_code == 400


def test_language_switch(client):
    assert "Goal plans" in client.get("/?lang=en").get_data(as_text=True)
    response = client.get("/language/en", query_string={"next": "/plans"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/plans")
    page = _soup(client.get("/plans"))
    assert page.h1.get_text() == "Goal plans"
    assert client.get("/language/en", query_string={"next": "https://evil.example/"}).headers["Location"] == "/"


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/plan?uri=", 400),
        ("/plan?uri=https://data.albertslund.dk/malplan/plan/findes-ikke", 404),
        ("/resource?uri=https://example.org/ingen", 404),
        ("/resource?uri=javascript:alert(1)%3E", 400),
        ("/trace?uri=https://data.albertslund.dk/malplan/vision/albertslund&direction=sideways", 400),
        ("/ingen-side", 404),
    ],
)
def test_bad_requests_get_a_danish_page(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    text = response.get_data(as_text=True)
    assert "Traceback" not in text and ("Ikke fundet" in text or "Det kan siden ikke vise" in text)


def test_security_headers_and_nothing_from_outside(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    page = _soup(response)
    for tag in page.find_all(["script", "link", "img"]):
        source = tag.get("src") or tag.get("href") or ""
        assert not source.startswith(("http:", "https:", "//")), source
    assert not page.find_all(attrs={"onclick": True})
    stylesheet = client.get("/static/malplan-0.1.css")
    assert stylesheet.status_code == 200 and stylesheet.mimetype == "text/css"
    stylesheet.close()


def test_text_anybody_wrote_is_escaped(tmp_path, app, client):
    store = app.extensions["malplan_store"]
    payload = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    evil = rdflib.Graph()
    plan, workplace = rdflib.URIRef(BASE + "plan/evil"), rdflib.URIRef(BASE + "workplace/evil")
    evil.add((plan, RDF.type, MP.GoalPlan))
    evil.add((plan, RDFS.label, rdflib.Literal(payload, lang="da")))
    evil.add((plan, MP.workplace, workplace))
    evil.add((workplace, RDF.type, MP.Workplace))
    evil.add((workplace, RDFS.label, rdflib.Literal(payload, lang="da")))
    evil.serialize(tmp_path / "evil.ttl", format="turtle")
    store.load([tmp_path / "evil.ttl"])
    for url in [
        "/",
        "/plans",
        "/validation",
        f"/plan?uri={BASE}plan/evil",
        f"/resource?uri={BASE}workplace/evil",
        f"/trace?uri={BASE}workplace/evil",
    ]:
        html = client.get(url).get_data(as_text=True)
        assert "<script>alert(2)</script>" not in html and '<img src=x onerror="alert(1)">' not in html, url
        assert "&lt;script&gt;" in html or "&lt;img" in html, url


def test_the_menu_names_each_page_once(client):
    menu = [a.get_text() for a in _soup(client.get("/")).select("header nav[aria-label] a")]
    assert menu[:7] == ["Forside", "Målplaner", "Graf", "På tværs", "Huller", "Validering", "SPARQL"]
    assert "Import" not in menu  # import is off without an admin password (issue 12 §3)


def test_the_menu_marks_the_current_page_and_language_and_shows_import_when_it_is_on(tmp_path, example_store):
    from malplan_web import create_app

    app = create_app(
        {"STORE": example_store, "TESTING": True, "SECRET_KEY": "test", "ADMIN_PASSWORD": "et-langt-kodeord"}
    )
    client = app.test_client()
    page = _soup(client.get("/gaps"))
    assert [a.get_text() for a in page.select("header nav[aria-label] a")][6:8] == ["SPARQL", "Import"]
    assert [(a.get_text(), a["aria-current"]) for a in page.select("header [aria-current]")] == [
        ("Huller", "page"),
        ("Dansk", "true"),
    ]
    client.set_cookie("lang", "en")
    plan = _soup(client.get("/plan", query_string={"uri": PLAN}))
    assert [(a.get_text(), a["aria-current"]) for a in plan.select("header [aria-current]")] == [
        ("Goal plans", "true"),
        ("English", "true"),
    ]


def test_a_large_store_is_validated_in_the_background(app, client, monkeypatch):
    from malplan_web import pages

    monkeypatch.setattr(pages, "VALIDATE_WHILE_WAITING", 3)
    app.extensions["malplan_cache"].clear()
    first = client.get("/validation").get_data(as_text=True)
    assert "Valideringen af alle målplaner beregnes" in first
    import time

    for _ in range(100):
        if "beregnes" not in client.get("/validation").get_data(as_text=True):
            break
        time.sleep(0.1)
    assert len(_soup(client.get("/validation")).select(".report")) == 12


def test_a_server_error_gets_a_danish_page(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/fejl-til-test")
    def broken():
        raise RuntimeError("boom")

    response = app.test_client().get("/fejl-til-test")
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "Noget gik galt" in text and "boom" not in text and "Traceback" not in text


def test_issue_11_a_chain_short_of_the_vision_on_the_trace_and_gaps_pages(app, client, tmp_path):
    from tests.core.test_analysis import load_second_policy

    load_second_policy(app.extensions["malplan_store"], tmp_path)
    action = BASE + "action/skole-bevaegelse-1"
    page = _soup(client.get("/trace", query_string={"uri": action}))
    headings = [h.get_text(strip=True) for h in page.select("h2")]
    assert "Veje op til visionen" not in headings
    assert "Kæden når ikke visionen" in headings
    (stop,) = page.select("#chain-stops .stops li")
    assert " ".join(stop.get_text().split()) == "Politik «Børne- og ungepolitikken» er ikke knyttet til visionen"
    assert stop.a["href"].endswith("policy/boerne-og-ungepolitikken")
    english = _soup(client.get("/trace", query_string={"uri": action, "lang": "en"}))
    assert " ".join(english.select_one("#chain-stops .stops li").get_text().split()) == (
        "Policy «Børne- og ungepolitikken» is not linked to the vision"
    )
    gaps = _soup(client.get("/gaps"))
    items = gaps.select("#not-reaching-vision > ul > li")
    assert {li.a.get_text() for li in items} == {
        "Aktive frikvarterer",
        "Alle elever bevæger sig hver dag",
        "Flere børn bevæger sig",
        "Bevægelse i skolen",
    }
    for li in items:
        assert " ".join(li.select_one(".stop").get_text().split()) == (
            "Politik «Børne- og ungepolitikken» er ikke knyttet til visionen"
        )
    # The example reaches the vision everywhere: the section says so.
    reaching = _soup(client.get("/trace", query_string={"uri": BASE + "action/frikvarter-1"}))
    assert "Veje op til visionen" in [h.get_text(strip=True) for h in reaching.select("h2")]


def test_issue_11_a_resource_beside_the_chain_claims_no_path(client):
    page = _soup(client.get("/trace", query_string={"uri": BASE + "workplace/bibliotek"}))
    assert not page.select(".paths li")
    assert page.select_one(".empty").get_text(strip=True) == "Ingen veje: ressourcen er ikke knyttet til kæden."
