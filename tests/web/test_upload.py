"""Word upload behind the admin login: CSRF, size limit, the import report, nothing without login."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from malplan_web import create_app

from malplan_graph.store import OxigraphStore
from tests.conftest import BASE
from tests.core.word import builders


@pytest.fixture
def secure_app(tmp_path):
    """The app with CSRF on (as in production) and an admin password."""
    return create_app(
        {
            "STORE": OxigraphStore(tmp_path / "store"),
            "SECRET_KEY": "test",
            "ADMIN_PASSWORD": "hemmelig",
            "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        }
    )


def _token(client, url: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


def _login(client) -> None:
    token = _token(client, "/login")
    response = client.post("/login", data={"password": "hemmelig", "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].endswith("/import")


def test_import_is_off_without_a_password(client):
    response = client.get("/import")
    assert response.status_code == 403 and "Import er slået fra" in response.get_data(as_text=True)


def test_import_needs_the_login(secure_app):
    client = secure_app.test_client()
    assert client.get("/import").headers["Location"].endswith("/login")
    token = _token(client, "/login")
    wrong = client.post("/login", data={"password": "forkert", "csrf_token": token})
    assert wrong.status_code == 401 and "Forkert adgangskode." in wrong.get_data(as_text=True)


def test_forms_without_a_csrf_token_are_refused(secure_app):
    client = secure_app.test_client()
    response = client.post("/login", data={"password": "hemmelig"})
    assert response.status_code == 400 and "Formularen er udløbet" in response.get_data(as_text=True)
    assert client.get("/import").status_code == 302


def test_upload_imports_and_reports(secure_app, tmp_path):
    client = secure_app.test_client()
    _login(client)
    good = builders.table_layout(tmp_path / "Målplan - Læsebånd.docx")
    bad = builders.letter(tmp_path / "brev.docx")
    token = _token(client, "/import")
    with open(good, "rb") as one, open(bad, "rb") as two:
        response = client.post(
            "/import",
            data={"csrf_token": token, "files": [(one, good.name), (two, bad.name)]},
            content_type="multipart/form-data",
        )
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    results = [" ".join(a.get_text().split()) for a in page.select(".import-result h3")]
    assert results[0].startswith("Målplan - Læsebånd.docx → Læsebånd")
    assert (
        results[1]
        == "✗ brev.docx: er ikke en målplan: dokumentet har ikke skabelonens afsnit (ARBEJDSPLADSER, MÅL, TEGN, PRØVEHANDLINGER, MILEPÆLSPLAN …)."
    )
    assert "Læseforeningen" in page.get_text()
    store = secure_app.extensions["malplan_store"]
    assert store.ask(f"ASK {{ <{BASE}plan/laesebaand> ?p ?o }}")
    plan_page = client.get("/plan", query_string={"uri": BASE + "plan/laesebaand"})
    assert plan_page.status_code == 200


def test_upload_without_csrf_writes_nothing(secure_app, tmp_path):
    client = secure_app.test_client()
    _login(client)
    good = builders.table_layout(tmp_path / "Ny plan.docx")
    with open(good, "rb") as handle:
        response = client.post("/import", data={"files": [(handle, good.name)]}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert not secure_app.extensions["malplan_store"].ask(f"ASK {{ <{BASE}plan/ny-plan> ?p ?o }}")


def test_a_huge_upload_is_refused(secure_app):
    import io

    from werkzeug.test import EnvironBuilder

    client = secure_app.test_client()
    _login(client)
    token = _token(client, "/import")
    # Built by hand so that the test client's spooled body is closed (a server reads a socket).
    builder = EnvironBuilder(
        path="/import",
        method="POST",
        data={"csrf_token": token, "files": [(io.BytesIO(b"0" * (3 * 1024 * 1024)), "stor.docx")]},
    )
    environ = builder.get_environ()
    try:
        response = client.open(environ)
        assert response.status_code == 413 and "For stor" in response.get_data(as_text=True)
    finally:
        environ["wsgi.input"].close()
        builder.close()


def test_no_configured_secret_means_a_random_one(tmp_path):
    first = create_app({"STORE": OxigraphStore(tmp_path / "a")})
    second = create_app({"STORE": OxigraphStore(tmp_path / "b")})
    assert first.config["SECRET_KEY"] and first.config["SECRET_KEY"] != second.config["SECRET_KEY"]


def test_a_forged_session_does_not_log_in(secure_app):
    from flask.sessions import SecureCookieSessionInterface

    forger = create_app({"STORE": secure_app.extensions["malplan_store"], "SECRET_KEY": "guessed"})
    cookie = SecureCookieSessionInterface().get_signing_serializer(forger).dumps({"admin": True})
    client = secure_app.test_client()
    client.set_cookie("session", cookie)
    assert client.get("/import").headers["Location"].endswith("/login")


def test_logging_out_ends_the_session(secure_app):
    client = secure_app.test_client()
    _login(client)
    assert client.get("/import").status_code == 200
    token = _token(client, "/import")
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 302
    assert client.get("/import").headers["Location"].endswith("/login")


def test_a_suggestion_on_the_report_is_accepted_with_a_button(secure_app, tmp_path):
    client = secure_app.test_client()
    _login(client)
    path = builders.table_layout(tmp_path / "Målplan - PPR.docx", {**builders.ANSWERS, "workplaces": ["PPR"]})
    token = _token(client, "/import")
    with open(path, "rb") as handle:
        response = client.post(
            "/import", data={"csrf_token": token, "files": [(handle, path.name)]}, content_type="multipart/form-data"
        )
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    [item] = page.select(".suggestions li")
    assert "«PPR»: Mente du «PPR Albertslund»?" in " ".join(item.get_text().split())
    form = item.select_one("form.accept")
    assert form["method"] == "post" and form["action"] == "/import/accept"
    fields = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    assert fields["candidate"] == BASE + "workplace/ppr" and fields["csrf_token"]
    store = secure_app.extensions["malplan_store"]
    plan = f"<{BASE}plan/ppr>"
    # without the token or the login nothing is merged
    assert client.post("/import/accept", data={k: v for k, v in fields.items() if k != "csrf_token"}).status_code == 400
    outsider = secure_app.test_client()
    refused = outsider.post("/import/accept", data={**fields, "csrf_token": _token(outsider, "/login")})
    assert refused.status_code == 302 and refused.headers["Location"].endswith("/login")
    assert not store.ask(f"ASK {{ {plan} <https://w3id.org/malplan/def#workplace> <{BASE}workplace/ppr> }}")
    accepted = client.post("/import/accept", data=fields)
    assert accepted.status_code == 200
    message = BeautifulSoup(accepted.get_data(as_text=True), "html.parser").select_one(".accepted").get_text()
    assert "«PPR» er nu «PPR Albertslund»" in message
    assert store.ask(f"ASK {{ {plan} <https://w3id.org/malplan/def#workplace> <{BASE}workplace/ppr> }}")
    assert store.ask(f'ASK {{ <{BASE}workplace/ppr> <http://www.w3.org/2004/02/skos/core#altLabel> "PPR"@da }}')
    # the same button twice: the created resource is gone, the refusal is a page, not a crash
    again = client.post("/import/accept", data=fields)
    assert again.status_code == 404 and "Traceback" not in again.get_data(as_text=True)
    assert "ingen ressource" in again.get_data(as_text=True).lower()


def test_the_web_report_shows_what_the_cli_shows(secure_app, tmp_path):
    """Issue 11 §7: the summary line, each new resource with its kind, the notes (an
    unrecognised heading, named with where it stands) and the near names with their buttons."""
    client = secure_app.test_client()
    _login(client)
    first = builders.extra_row_layout(tmp_path / "Økonomi.docx")
    second = builders.table_layout(
        tmp_path / "Målplan - PPR.docx", {**builders.ANSWERS, "workplaces": ["PPR", "Ny Værkstedsskole"]}
    )
    token = _token(client, "/import")
    with open(first, "rb") as one, open(second, "rb") as two:
        response = client.post(
            "/import",
            data={"csrf_token": token, "files": [(one, first.name), (two, second.name)]},
            content_type="multipart/form-data",
        )
    assert response.status_code == 200
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert page.select_one(".import-report .summary").get_text() == "2 af 2 filer importeret; 0 fejlede."
    [notes] = page.select(".notes")
    assert "Overskriften «Økonomi» (efter «EJER AF MÅLPLAN») findes ikke i skabelonen" in notes.get_text()
    created = [" ".join(item.get_text().split()) for item in page.select(".created li")]
    assert "Arbejdsplads: Ny Værkstedsskole" in created
    assert page.select(".suggestions form.accept")
