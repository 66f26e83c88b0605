"""Shared fixtures: the example store (built once, read-only), fresh stores and the CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from malplan_graph import resources
from malplan_graph.cli import main
from malplan_graph.namespaces import DEFAULT_BASE
from malplan_graph.store import OxigraphStore

#: The day the example's date rules are checked against, so that results do not drift.
TODAY = dt.date(2026, 11, 24)
BASE = DEFAULT_BASE


# The web app under test is the checkout's web/, never an installed copy.
resources.web_package()


@pytest.fixture(scope="session")
def example_store() -> OxigraphStore:
    """The Albertslund example in memory; tests must not write to it."""
    return OxigraphStore(None)


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The example written by `malplan publish` (once a run; tests must not change it)."""
    folder = tmp_path_factory.mktemp("publish")
    result = CliRunner().invoke(
        main, ["--store", str(folder / "store"), "publish", "--out", str(folder / "site")], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert "filer skrevet" in result.output
    return folder / "site"


@pytest.fixture
def fresh_store(tmp_path: Path) -> OxigraphStore:
    """A new on-disk store with the example data."""
    return OxigraphStore(tmp_path / "store")


@pytest.fixture
def empty_store(tmp_path: Path) -> OxigraphStore:
    """A new on-disk store with the ontology only."""
    return OxigraphStore(tmp_path / "store", example=False)


class Cli:
    """Runs `malplan` against one store folder."""

    def __init__(self, store_path: Path) -> None:
        self.store_path = store_path
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None):
        return self.runner.invoke(
            main, ["--store", str(self.store_path), *args], input=input, catch_exceptions=False, prog_name="malplan"
        )


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """The command line on a fresh store folder (created with the example on first use)."""
    return Cli(tmp_path / "cli-store")


def iri(path: str):
    """An instance IRI of the example under the default base."""
    from rdflib import URIRef

    return URIRef(BASE + path)


@pytest.fixture
def app(tmp_path):
    """The web app on its own on-disk store with the example data."""
    from malplan_web import create_app

    return create_app({"STORE": OxigraphStore(tmp_path / "web-store"), "TESTING": True, "SECRET_KEY": "test"})


@pytest.fixture
def client(app):
    """A Flask test client."""
    return app.test_client()


@pytest.fixture(scope="module")
def example_client(example_store):
    """A Flask test client on the read-only example store (tests must not write through it)."""
    from malplan_web import create_app

    return create_app({"STORE": example_store, "TESTING": True, "SECRET_KEY": "test"}).test_client()


def soup(response):
    """A page's HTML, parsed; the page must have answered 200."""
    from bs4 import BeautifulSoup

    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")
