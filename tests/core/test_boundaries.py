"""The domain core stays free of the web layer; every named query has its titles."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import malplan_graph
from malplan_graph import queries

ROOT = Path(__file__).parents[2]


def test_core_modules_never_import_flask():
    modules = [f"malplan_graph.{m.name}" for m in pkgutil.iter_modules(malplan_graph.__path__)]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    if name != 'malplan_graph.__main__':\n"
        "        importlib.import_module(name)\n"
        "bad = [m for m in ('flask', 'werkzeug', 'jinja2', 'pyvis', 'malplan_web') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_every_named_query_has_danish_and_english_titles():
    names = queries.names()
    assert len(names) >= 10
    for name in names:
        query = queries.get(name)
        assert query.title_da and query.title_en, name


def test_query_parameters_are_declared_and_projected():
    for name in queries.names():
        query = queries.get(name)
        for parameter in query.parameters:
            assert f"${parameter}" in query.text, (name, parameter)


def test_every_example_query_has_titles_and_answers_on_the_example(example_store):
    from malplan_graph.sparql import run_query

    names = queries.names("examples")
    assert len(names) >= 12
    for name in names:
        query = queries.get(name)
        assert query.title_da and query.title_en, name
        result = run_query(example_store, query.text, "table")
        assert result, name


def test_every_file_the_web_app_serves_is_in_the_package():
    import tomllib

    root = Path(__file__).parents[2]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    web = root / config["package-dir"]["malplan_web"]
    packaged = {path for pattern in config["package-data"]["malplan_web"] for path in web.glob(pattern)}
    served = {path for folder in ("static", "templates", "translations") for path in (web / folder).rglob("*")}
    assert {path.relative_to(web) for path in served if path.is_file()} - {
        path.relative_to(web) for path in packaged
    } == set()
