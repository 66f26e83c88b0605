"""Curation in the web app (issue 11, section 2): delete, merge, history and undo behind the
admin login, with CSRF; a merged IRI answering with a 303 to the resource it was merged into."""

from __future__ import annotations

import pytest
import rdflib
from bs4 import BeautifulSoup
from malplan_web import create_app
from rdflib.namespace import OWL

from malplan_graph import curation
from malplan_graph.store import OxigraphStore
from tests.conftest import iri

HERSTEDLUND, HERSTEDOESTER = iri("workplace/herstedlund-skole"), iri("workplace/herstedoester-skole")
FRIKVARTER = iri("plan/frikvarter")


@pytest.fixture
def secure_app(tmp_path):
    """The app with CSRF on (as in production) and an admin password."""
    return create_app({"STORE": OxigraphStore(tmp_path / "store"), "SECRET_KEY": "test", "ADMIN_PASSWORD": "hemmelig"})


def _store(app):
    return app.extensions["malplan_store"]


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
