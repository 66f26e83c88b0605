"""Curation in the web app (issue 11, section 2): delete, merge, history and undo behind the
admin login, with CSRF; a merged IRI answering with a 303 to the resource it was merged into."""

from __future__ import annotations

import re

import pytest
import rdflib
from bs4 import BeautifulSoup
from malplan_web import create_app
from rdflib.namespace import OWL

from malplan_graph import curation
from malplan_graph.namespaces import ONTOLOGY_IRI
from malplan_graph.store import HISTORY_GRAPH, OxigraphStore
from tests.conftest import BASE, iri

HERSTEDLUND, HERSTEDOESTER = iri("workplace/herstedlund-skole"), iri("workplace/herstedoester-skole")
FRIKVARTER = iri("plan/frikvarter")


@pytest.fixture
def secure_app(tmp_path):
    """The app with CSRF on (as in production) and an admin password."""
    return create_app({"STORE": OxigraphStore(tmp_path / "store"), "SECRET_KEY": "test", "ADMIN_PASSWORD": "hemmelig"})


def _store(app):
    return app.extensions["malplan_store"]


def _token(client, url: str = "/login") -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


def _login(client) -> None:
    response = client.post("/login", data={"password": "hemmelig", "csrf_token": _token(client)})
    assert response.status_code == 302


def _page(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _text(response) -> str:
    return " ".join(_page(response).select_one("main").get_text().split())


def _data(store) -> set:
    """Every statement but the ontology's and the history's, with its graph."""
    skip = {str(ONTOLOGY_IRI), store.base + HISTORY_GRAPH}
    return {quad for quad in store.quads() if quad[3] is None or str(quad[3]) not in skip}


@pytest.fixture
def admin(secure_app):
    """A client logged in as the admin."""
    client = secure_app.test_client()
    _login(client)
    return client


# --------------------------------------------------------------------------- the login


WRITES = [
    ("/curate/delete", {"uri": FRIKVARTER}),
    ("/curate/merge", {"keep": iri("workplace/bibliotek"), "other": iri("workplace/musikskolen")}),
    ("/history/undo", {}),
]


@pytest.mark.parametrize(("url", "form"), WRITES)
def test_issue_11_without_the_login_nothing_is_written(secure_app, url, form):
    client = secure_app.test_client()
    curation.merge(_store(secure_app), HERSTEDLUND, HERSTEDOESTER)  # something to undo
    before = _data(_store(secure_app))
    response = client.post(url, data={**form, "csrf_token": _token(client)})
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    assert _data(_store(secure_app)) == before


@pytest.mark.parametrize(("url", "form"), WRITES)
def test_issue_11_without_a_password_curation_is_off(tmp_path, url, form):
    # CSRF off, so that the refusal seen is the missing password's, not the token's
    app = create_app({"STORE": OxigraphStore(tmp_path / "store"), "SECRET_KEY": "test", "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    before = _data(_store(app))
    response = client.post(url, data=form)
    assert response.status_code == 403 and "Import er slået fra" in response.get_data(as_text=True)
    assert _data(_store(app)) == before
    for page in ("/history", f"/curate/delete?uri={FRIKVARTER}", f"/curate/merge?uri={HERSTEDOESTER}"):
        assert client.get(page).status_code == 403


@pytest.mark.parametrize(("url", "form"), WRITES)
def test_issue_11_a_form_without_its_csrf_token_is_refused(admin, secure_app, url, form):
    before = _data(_store(secure_app))
    response = admin.post(url, data=form)
    assert response.status_code == 400 and "Formularen er udløbet" in response.get_data(as_text=True)
    assert _data(_store(secure_app)) == before


def test_issue_11_the_buttons_only_for_the_admin(secure_app, admin):
    plan, resource = f"/plan?uri={FRIKVARTER}", f"/resource?uri={HERSTEDOESTER}"
    stranger = secure_app.test_client()
    for url in (plan, resource):
        assert not _page(stranger.get(url)).select("form.curate")
        assert "/history" not in [a["href"] for a in _page(stranger.get(url)).select("nav a")]
    [delete] = _page(admin.get(plan)).select("form.curate")
    assert delete["action"] == "/curate/delete" and delete.button.get_text() == "Slet målplan"
    [merge] = _page(admin.get(resource)).select("form.curate")
    assert merge["action"] == "/curate/merge" and "Flet ind i …" in merge.get_text()
    assert "/history" in [a["href"] for a in _page(admin.get(plan)).select("nav a")]
    for url in ("/history", f"/curate/delete?uri={FRIKVARTER}", f"/curate/merge?uri={HERSTEDOESTER}"):
        assert stranger.get(url).headers["Location"].endswith("/login"), url


# --------------------------------------------------------------------------- delete, merge, undo


def test_issue_11_delete_shows_what_goes_and_stays_then_deletes_and_reports(secure_app, admin):
    confirm = admin.get("/curate/delete", query_string={"uri": FRIKVARTER})
    page = _page(confirm)
    goes = [li.get_text() for li in page.select("ul.goes li")]
    stays = [li.get_text() for li in page.select("ul.stays li")]
    assert "Aktive og trygge frikvarterer" in goes and "Herstedlund Skole" in stays
    assert not set(goes) & set(stays)
    form = page.select_one("main form[method=post]")
    data = {field["name"]: field["value"] for field in form.select("input")}
    assert data["uri"] == str(FRIKVARTER) and _data(_store(secure_app))  # nothing written yet
    done = admin.post(form["action"], data=data)
    assert done.status_code == 200
    assert _text(done).startswith("Udført Slettede målplanen «Aktive og trygge frikvarterer»: ")
    outcome_rows = _page(done).select("table.graphs tbody tr")
    assert outcome_rows and any("standardgrafen" in row.get_text() for row in outcome_rows)
    assert not _store(secure_app).quads(FRIKVARTER)
    assert admin.get("/plan", query_string={"uri": FRIKVARTER}).status_code == 404


def test_issue_11_merge_finds_only_the_same_kind_then_merges_and_reports(secure_app, admin):
    choose = admin.get("/curate/merge", query_string={"uri": HERSTEDOESTER, "q": "skole"})
    page = _page(choose)
    keeps = [form.select_one("input[name=keep]")["value"] for form in page.select("ul.candidates form")]
    assert str(HERSTEDLUND) in keeps and str(HERSTEDOESTER) not in keeps
    assert all("/workplace/" in keep for keep in keeps)
    assert not _page(admin.get("/curate/merge", query_string={"uri": HERSTEDOESTER, "q": "Klimapolitik"})).select(
        "ul.candidates li"
    )
    form = next(
        f for f in page.select("ul.candidates form") if f.select_one("input[name=keep]")["value"] == str(HERSTEDLUND)
    )
    done = admin.post(form["action"], data={field["name"]: field["value"] for field in form.select("input")})
    assert done.status_code == 200
    assert _text(done).startswith(
        "Udført Flettede «Herstedøster Skole» ind i «Herstedlund Skole»: "
    ) and f"{HERSTEDOESTER} owl:sameAs {HERSTEDLUND}" in _text(done)
    assert (HERSTEDOESTER, OWL.sameAs, HERSTEDLUND) in {q[:3] for q in _store(secure_app).quads(HERSTEDOESTER)}
    assert admin.get(f"/resource?uri={HERSTEDOESTER}").status_code == 303


def test_issue_11_history_lists_the_writes_and_undo_undoes_the_last(secure_app, admin):
    empty = admin.get("/history")
    assert "Lageret har ingen historik endnu." in _text(empty) and not _page(empty).select("main form")
    before = _data(_store(secure_app))
    curation.merge(_store(secure_app), HERSTEDLUND, HERSTEDOESTER)
    curation.delete_plan(_store(secure_app), FRIKVARTER)
    page = _page(admin.get("/history"))
    rows = [[td.get_text() for td in row.select("td")] for row in page.select("table.history tbody tr")]
    assert [row[1] for row in rows] == ["Sletning", "Fletning"]
    assert rows[0][2] == "frikvarter"  # a deleted plan has no name left and int(rows[0][4]) > 0 and rows[0][3] == "0"
    [undo] = page.select("main form[method=post]")
    assert undo.button.get_text() == "Fortryd seneste"
    token = undo.select_one("input[name=csrf_token]")["value"]
    done = admin.post(undo["action"], data={"csrf_token": token})
    assert _text(done).startswith("Udført Fortrød sletning fra ")
    assert admin.post(undo["action"], data={"csrf_token": token}).status_code == 200
    assert _data(_store(secure_app)) == before
    rows = [
        [td.get_text() for td in row.select("td")]
        for row in _page(admin.get("/history")).select("table.history tbody tr")
    ]
    assert [row[1] for row in rows] == ["Fortrydelse", "Fortrydelse", "Sletning (fortrudt)", "Fletning (fortrudt)"]
    nothing = admin.post(undo["action"], data={"csrf_token": token})
    assert nothing.status_code == 404 and "Der er ingen import, fletning eller sletning at fortryde." in _text(nothing)


# --------------------------------------------------------------------------- bad input


def _post(admin, url, **form):
    return admin.post(url, data={**form, "csrf_token": _token(admin)})


def test_issue_11_bad_input_gets_a_danish_page_that_says_what_to_do(secure_app, admin):
    before = _data(_store(secure_app))
    cross = _post(admin, "/curate/merge", keep=HERSTEDLUND, other=iri("policy/klimapolitik"))
    assert cross.status_code == 400 and "ikke af samme slags" in _text(cross)
    plans = _post(admin, "/curate/merge", keep=FRIKVARTER, other=iri("plan/affald"))
    assert plans.status_code == 400 and "Målplaner kan ikke flettes" in _text(plans)
    unknown = _post(admin, "/curate/merge", keep=HERSTEDLUND, other=iri("workplace/findes-ikke"))
    assert unknown.status_code == 404 and "Der er ingen ressource med adressen" in _text(unknown)
    not_a_plan = _post(admin, "/curate/delete", uri=HERSTEDLUND)
    assert not_a_plan.status_code == 404 and "ikke en målplan; kun målplaner kan slettes" in _text(not_a_plan)
    assert admin.get("/curate/delete", query_string={"uri": HERSTEDLUND}).status_code == 404
    assert admin.get("/curate/merge", query_string={"uri": FRIKVARTER}).status_code == 400
    assert admin.get("/curate/merge", query_string={"uri": iri("x/findes-ikke")}).status_code == 404
    missing = _post(admin, "/curate/delete")
    assert missing.status_code == 400 and "Linket er ufuldstændigt" in _text(missing)
    assert _data(_store(secure_app)) == before


HOSTILE = [
    "javascript:alert(1)",
    '"><script>alert(1)</script>',
    "https://x/\u0000",
    "urn:x\nSet-Cookie: a=b",
    BASE + "workplace/a b",
    "x" * 3000,
    "' OR 1=1 --",
    "ﬀ\u202e",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_issue_11_hostile_values_are_refused_whole(secure_app, admin, value):
    value = value.encode().decode("unicode_escape") if "\\u" in value or "\\n" in value else value
    before = _data(_store(secure_app))
    for url, field in (("/curate/delete", "uri"), ("/curate/merge", "other"), ("/curate/merge", "keep")):
        form = {"keep": HERSTEDLUND, "other": HERSTEDOESTER, field: value} if "merge" in url else {field: value}
        response = _post(admin, url, **form)
        assert 400 <= response.status_code < 500, (url, field)
        assert "<script>" not in response.get_data(as_text=True)
    for url in ("/curate/delete", "/curate/merge"):
        response = admin.get(url, query_string={"uri": value, "q": value})
        assert 400 <= response.status_code < 500 and "<script>" not in response.get_data(as_text=True)
    search = admin.get("/curate/merge", query_string={"uri": HERSTEDOESTER, "q": value})
    assert search.status_code == 200 and "<script>" not in search.get_data(as_text=True)
    assert _data(_store(secure_app)) == before


# --------------------------------------------------------------------------- the merged IRI


@pytest.mark.parametrize("url", ["/malplan/workplace/herstedoester-skole", f"/resource?uri={HERSTEDOESTER}"])
def test_issue_11_a_merged_iri_sees_other_to_the_one_it_was_merged_into(secure_app, url):
    client = secure_app.test_client()
    curation.merge(_store(secure_app), HERSTEDLUND, HERSTEDOESTER)
    data = client.get(url, headers={"Accept": "text/turtle"})
    assert data.status_code == 303 and "Accept" in data.vary
    assert "format=turtle" in data.headers["Location"] and "herstedlund-skole" in data.headers["Location"]
    followed = client.get(data.headers["Location"], headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=followed.data, format="turtle")
    assert (HERSTEDOESTER, OWL.sameAs, HERSTEDLUND) in graph
    page = client.get(url, headers={"Accept": "text/html"})
    assert page.status_code == 303 and "format" not in page.headers["Location"]
    assert client.get(page.headers["Location"]).status_code == 200
    soup = BeautifulSoup(page.get_data(as_text=True), "html.parser")
    assert soup.select_one('meta[http-equiv="refresh"]')["content"].endswith(page.headers["Location"])
    assert "Herstedlund Skole" in soup.get_text()
    # KEEP itself, and any resource never merged, answer as before
    assert client.get(f"/resource?uri={HERSTEDLUND}", headers={"Accept": "text/turtle"}).status_code == 200
    curation.undo(_store(secure_app))  # an undone merge: no redirect left behind (hence 303, not 301)
    assert client.get(url, headers={"Accept": "text/turtle"}).status_code == 200


def test_issue_11_the_curation_pages_in_english(secure_app, admin):
    curation.merge(_store(secure_app), HERSTEDLUND, HERSTEDOESTER)
    page = admin.get("/history?lang=en")
    assert "The store's history" in _text(page) and "Merge" in _text(page)
    assert _page(page).select_one("main form button").get_text() == "Undo the last"
    confirm = admin.get("/curate/delete", query_string={"uri": FRIKVARTER, "lang": "en"})
    assert "Delete the goal plan «Aktive og trygge frikvarterer»?" in _text(confirm) and "Will be deleted" in _text(
        confirm
    )
    wrong = _post(admin, "/curate/merge?lang=en", keep=HERSTEDLUND, other=iri("policy/klimapolitik"))
    assert wrong.status_code == 400 and "are not of the same kind" in _text(wrong)
