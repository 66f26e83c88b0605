"""The app in a real headless Chromium (Debian's, driven by Playwright; no browser is downloaded).

A waitress server on a free port serves the example with a plan full of hostile text. Each run
saves a screenshot of each main page under test-artifacts/screenshots/.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib

from malplan_graph.namespaces import MP, RDF, RDFS
from malplan_graph.store import OxigraphStore
from tests.browser.conftest import drawn as _drawn
from tests.browser.conftest import node_position as _node_position
from tests.conftest import BASE
from tests.core.word import builders
from tests.servers import serving

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).parents[2] / "test-artifacts" / "screenshots"
PAYLOAD = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
EVIL_PLAN = BASE + "plan/ondsindet"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from malplan_web import create_app

    folder = tmp_path_factory.mktemp("browser")
    store = OxigraphStore(folder / "store")
    evil = rdflib.Graph()
    plan, workplace = rdflib.URIRef(EVIL_PLAN), rdflib.URIRef(BASE + "workplace/ondsindet")
    evil.add((plan, RDF.type, MP.GoalPlan))
    evil.add((plan, RDFS.label, rdflib.Literal(PAYLOAD, lang="da")))
    evil.add((plan, MP.objective, rdflib.URIRef(BASE + "objective/trivsel")))
    evil.add((plan, MP.workplace, workplace))
    evil.add((workplace, RDF.type, MP.Workplace))
    evil.add((workplace, RDFS.label, rdflib.Literal(PAYLOAD, lang="da")))
    evil.serialize(folder / "evil.ttl", format="turtle")
    store.load([folder / "evil.ttl"])
    app = create_app({"STORE": store, "SECRET_KEY": "browser-test", "ADMIN_PASSWORD": "hemmelig"})
    with serving(app) as root:
        yield root


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.outside = []
    page.on("request", lambda request: None if request.url.startswith(server) else page.outside.append(request.url))
    yield page
    assert not page.dialogs, f"a script ran: {page.dialogs}"
    assert not page.outside, f"the page asked for something outside the app: {page.outside}"
    context.close()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_main_pages_render_and_are_saved_as_screenshots(page, server):
    for name, path in [
        ("forside", "/"),
        ("maalplaner", "/plans"),
        ("maalplan", f"/plan?uri={BASE}plan/frikvarter"),
        ("huller", "/gaps"),
        ("validering", "/validation"),
        ("paa-tvaers", "/links"),
        ("ressource", f"/resource?uri={BASE}workplace/bibliotek"),
        ("spor", f"/trace?uri={BASE}action/frikvarter-1"),
    ]:
        response = page.goto(server + path)
        assert response.status == 200, path
        _shot(page, name)
    page.goto(server + "/graph")
    assert _drawn(page) > 0
    _shot(page, "graf")


def test_the_graph_draws_nodes_and_a_filter_changes_them(page, server):
    page.goto(server + "/graph")
    first = _drawn(page)
    assert first == 22  # vision, politikker and budgetaftale, målsætninger
    assert page.locator("#graph canvas").count() == 1
    page.fill("input.typeahead[data-key=centre]", "Kultur og")
    page.wait_for_selector("input.typeahead[data-key=centre][data-choices='1']")
    page.fill("input.typeahead[data-key=centre]", "Center for Kultur og Fritid")
    assert page.input_value("input[type=hidden][name=centre]") == BASE + "centre/kultur-og-fritid"
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/graph?**centre=**")
    assert 0 < _drawn(page) < first


def test_clicking_a_node_opens_its_page(page, server):
    page.goto(f"{server}/graph?objective={BASE}objective/laesning")
    _drawn(page)
    position = _node_position(page, BASE + "plan/laeselyst")
    page.mouse.click(position["x"], position["y"])
    page.wait_for_url("**/plan?uri=**")
    assert page.locator("h1").inner_text() == "Læselyst fra dagtilbud til skole"


def test_the_search_box_finds_nodes(page, server):
    page.goto(server + "/graph")
    _drawn(page)
    page.fill("#graph-search", "læselyst")
    assert page.get_attribute("#graph", "data-selected") == "1"


def test_the_trace_highlights_the_path_hovered_in_the_list(page, server):
    page.goto(f"{server}/trace?uri={BASE}action/frikvarter-1")
    assert _drawn(page) == len(json.loads(page.locator("#graph-data").text_content())["highlight"])
    assert page.locator(".paths li").count() == 2
    network = "document.getElementById('graph').malplanNetwork"
    assert page.evaluate(f"() => {network}.getSelectedNodes()") == []  # no selection colour over the levels'
    for index in range(2):
        item = page.locator(".paths li").nth(index)
        item.hover()
        path = json.loads(item.get_attribute("data-path"))
        assert sorted(page.evaluate(f"() => {network}.getSelectedNodes()")) == sorted(path)
        assert len(page.evaluate(f"() => {network}.getSelectedEdges()")) == len(path) - 1
    page.mouse.move(1, 1)
    assert page.evaluate(f"() => {network}.getSelectedNodes()") == []


def test_the_language_switch(page, server):
    page.goto(server + "/plans")
    assert page.locator("h1").inner_text() == "Målplaner"
    page.click("text=English")
    assert page.locator("h1").inner_text() == "Goal plans"
    page.goto(server + "/gaps")
    assert page.locator("h1").inner_text() == "Gaps in the chain"
    page.click("text=Dansk")
    assert page.locator("h1").inner_text() == "Huller i kæden"


def test_upload_with_its_csrf_token_and_refused_without(page, server, tmp_path):
    page.goto(server + "/import")
    page.fill("input[name=password]", "hemmelig")
    page.click("form.stacked button[type=submit]")
    page.wait_for_url("**/import")
    plan = builders.table_layout(tmp_path / "Målplan - Browserplan.docx")
    page.set_input_files("input[name=files]", str(plan))
    page.click("form.stacked button[type=submit]")
    report = page.locator(".import-report")
    assert "Browserplan" in report.inner_text()
    _shot(page, "import")
    status = page.evaluate(
        """async () => {
            const body = new FormData();
            body.append('files', new Blob(['x']), 'plan.docx');
            const response = await fetch('/import', {method: 'POST', body: body});
            return response.status;
        }"""
    )
    assert status == 400


def test_hostile_text_is_shown_as_text_everywhere(page, server):
    for path in [
        "/",
        "/plans",
        "/validation",
        f"/plan?uri={EVIL_PLAN}",
        f"/resource?uri={BASE}workplace/ondsindet",
        f"/trace?uri={EVIL_PLAN}",
        "/sparql?query=SELECT+%3Fplan+WHERE+%7B+%3Fplan+a+mp%3AGoalPlan+%7D",  # names in the results
    ]:
        page.goto(server + path)
        assert PAYLOAD in page.locator("main").inner_text() or "alert(2)" in page.locator("main").inner_text(), path
        assert page.locator("main img[src=x]").count() == 0, path
    page.goto(f"{server}/graph?objective={BASE}objective/trivsel")
    _drawn(page)
    position = _node_position(page, EVIL_PLAN)
    page.mouse.move(position["x"], position["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert "<script>alert(2)</script>" in tooltip.inner_text()
    assert page.locator("div.vis-tooltip img, div.vis-tooltip script").count() == 0
    _shot(page, "graf-med-fjendtlig-tekst")


def test_tooltips_name_the_node_its_level_and_what_it_is(page, server):
    page.goto(f"{server}/graph?objective={BASE}objective/laesning")
    _drawn(page)
    position = _node_position(page, BASE + "policy/boerne-og-ungepolitik")
    page.mouse.move(position["x"], position["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    text = tooltip.inner_text()
    assert "Børne- og ungepolitik" in text and "Politik" in text and "godt børneliv" in text


def test_pages_fit_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    try:
        for path in ["/", f"/plan?uri={BASE}plan/frikvarter", f"/resource?uri={BASE}workplace/bibliotek", "/gaps"]:
            phone.goto(server + path)
            overflow = phone.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, (path, overflow)
        _shot(phone, "forside-telefon")
    finally:
        context.close()


def test_the_keyboard_reaches_the_content_and_the_menu(page, server):
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Forside"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/plans")
    assert page.locator("h1").inner_text() == "Målplaner"


def test_the_query_editor_highlights_completes_declares_and_runs(page, server):
    page.goto(server + "/sparql")
    page.wait_for_selector("body[data-editor=ready]", state="attached")
    assert page.locator(".CodeMirror .cm-keyword", has_text="SELECT").count() >= 1
    editor = "document.getElementById('query').malplanEditor"
    page.evaluate(f"{editor}.setValue('')")
    page.click(".CodeMirror")
    page.keyboard.type("SELECT ?m ?navn WHERE { ?m a skos:Concept ; a mp:Objec")
    page.wait_for_selector(".CodeMirror-hint")
    assert "mp:Objective  Målsætning" in page.locator(".CodeMirror-hint").all_inner_texts()
    page.keyboard.press("Enter")
    page.keyboard.type(" ; rdfs:label ?navn }")
    text = page.evaluate(f"{editor}.getValue()")
    # The prefixes used were declared at the top as they were typed.
    assert text.startswith(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nPREFIX mp: <https://w3id.org/malplan/def#>\n"
    )
    assert text.endswith("a mp:Objective ; rdfs:label ?navn }")
    page.evaluate(
        f"{editor}.setValue(`PREFIX mp: <https://w3id.org/malplan/def#>\\nSELECT ?m WHERE {{ ?m a mp:Objective }}`)"
    )
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("table.list")
    assert page.locator("table.list tbody tr").count() == 14
    page.wait_for_selector("body[data-editor=ready]", state="attached")
    _shot(page, "sparql")
    page.click(".CodeMirror")
    page.keyboard.press("Tab")  # the keyboard is not trapped in the editor
    assert page.evaluate("document.activeElement.textContent") == "Kør"
    page.evaluate(f"{editor}.setValue('SELECT ?m WHERE {{ ?m a }}')")
    page.click(".CodeMirror")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(".problem")
    assert page.evaluate(f"{editor}.getValue()") == "SELECT ?m WHERE { ?m a }"
