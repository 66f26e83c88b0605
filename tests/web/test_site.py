"""`malplan publish`: the static site, checked file by file with a link checker."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import rdflib
from bs4 import BeautifulSoup
from click.testing import CliRunner

from malplan_graph import describe
from malplan_graph.cli import main
from malplan_graph.namespaces import MP
from malplan_graph.store import OxigraphStore

from ..conftest import iri

VOID = rdflib.Namespace("http://rdfs.org/ns/void#")


def publish(store_path: Path, out: Path, *args: str):
    return CliRunner().invoke(
        main, ["--store", str(store_path), "publish", "--out", str(out), *args], catch_exceptions=False
    )


@pytest.fixture
def site(published_site) -> Path:
    return published_site


def links_of(page: Path) -> list[str]:
    """Every link, script, stylesheet and image of a page, and the pages its graph's nodes open."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    found = [tag.get("href") or tag.get("src") for tag in soup.find_all(["a", "link", "script", "img"])]
    data = soup.find("script", id="graph-data")
    if data is not None:
        found += [node["page"] for node in json.loads(data.string)["nodes"]]
    return [url for url in found if url]


def broken_links(site: Path) -> tuple[list, int]:
    """The link checker: every relative link of every page that leads to no file (or to no
    element with the anchor's id), and how many links were checked."""
    ids: dict[Path, set[str]] = {}

    def anchors(page: Path) -> set[str]:
        if page not in ids:
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            ids[page] = {tag["id"] for tag in soup.find_all(id=True)}
        return ids[page]

    broken, checked = [], 0
    for page in sorted(site.rglob("*.html")):
        for url in links_of(page):
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                continue
            checked += 1
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_file() or not target.is_relative_to(site.resolve()):
                broken.append((page.relative_to(site), url))
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in anchors(target):
                broken.append((page.relative_to(site), url))
    return broken, checked


def test_every_link_of_every_page_resolves(site):
    assert len(list(site.rglob("*.html"))) > 400
    broken, checked = broken_links(site)
    assert checked > 5_000
    assert broken == []


def test_resources_outside_the_base_get_their_pages_under_other(tmp_path):
    store = OxigraphStore(tmp_path / "store", example=False)
    (tmp_path / "outside.ttl").write_text(
        "@prefix mp: <https://w3id.org/malplan/def#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        f'<{store.base}plan/p> a mp:GoalPlan ; rdfs:label "P"@da ; mp:objective <https://data.example.dk/k001/objective/0> .\n'
        '<https://data.example.dk/k001/objective/0> a mp:Objective ; rdfs:label "Målsætning udefra"@da ;'
        " mp:statedIn <https://data.example.dk/k001/policy/0#it> ; rdfs:seeAlso <https://example.org/not-described> .\n"
        '<https://data.example.dk/k001/policy/0#it> a mp:Policy ; rdfs:label "Politik udefra"@da .\n'
    )
    store.load([tmp_path / "outside.ttl"])
    assert publish(tmp_path / "store", tmp_path / "site").exit_code == 0
    site = tmp_path / "site"
    for path in ("other/data.example.dk/k001/objective/0", "other/data.example.dk/k001/policy/0-it"):
        assert (site / f"{path}.html").is_file() and (site / f"{path}.ttl").is_file(), path
    assert (site / "graph" / "other" / "data.example.dk" / "k001" / "policy" / "0-it.html").is_file()
    page = (site / "other" / "data.example.dk" / "k001" / "objective" / "0.html").read_text(encoding="utf-8")
    assert "Målsætning udefra" in page and 'href="https://example.org/not-described"' in page
    assert broken_links(site) == ([], broken_links(site)[1])


def test_no_page_links_to_what_needs_the_running_app(site):
    for page in (site / "index.html", site / "graph.html", site / "plan" / "affald.html"):
        text = page.read_text(encoding="utf-8")
        assert "sparql" not in text.lower().replace("sparqlendpoint", "")
        assert "/import" not in text and "/language/" not in text and "?uri=" not in text


def test_every_resource_has_its_page_and_data_beside_it(site):
    store = OxigraphStore(None)
    resources = describe.resources(store)
    assert len(resources) > 200
    for resource in resources:
        local = site / str(resource)[len(store.base) :]
        for suffix in (".html", ".ttl", ".jsonld", ".rdf", ".nt"):
            assert local.with_name(local.name + suffix).is_file(), (resource, suffix)
    plan = iri("plan/affald")
    turtle = rdflib.Graph().parse(site / "plan" / "affald.ttl", format="turtle")
    assert (plan, rdflib.RDF.type, MP.GoalPlan) in turtle
    jsonld = rdflib.Graph().parse(site / "plan" / "affald.jsonld", format="json-ld")
    assert turtle.isomorphic(jsonld)
    whole = rdflib.Graph().parse(site / "plan" / "affald.plan.ttl", format="turtle")
    assert len(whole) > len(turtle)
    assert (site / "plan" / "affald.docx").read_bytes()[:2] == b"PK"
    page = BeautifulSoup((site / "plan" / "affald.html").read_text(encoding="utf-8"), "html.parser")
    assert page.h1.get_text(strip=True) == "Affaldsdetektiver: sortering i dagtilbud og skoler"
    assert page.find("link", rel="alternate", type="text/turtle")["href"] == "affald.ttl"


def test_the_dataset_description_dumps_and_ontology(site):
    void = rdflib.Graph().parse(site / "void.ttl", format="turtle")
    assert (site / ".well-known" / "void").read_bytes() == (site / "void.ttl").read_bytes()
    dataset = rdflib.URIRef("https://data.albertslund.dk/malplan/.well-known/void#dataset")
    assert (dataset, VOID.sparqlEndpoint, None) not in void  # a static site has none
    dumps = {str(url) for url in void.objects(dataset, VOID.dataDump)}
    assert dumps == {
        f"https://data.albertslund.dk/malplan/dumps/{name}" for name in ("malplan.ttl", "malplan.nt", "malplan.jsonld")
    }
    triples = void.value(dataset, VOID.triples).toPython()
    assert len(rdflib.Graph().parse(site / "dumps" / "malplan.ttl", format="turtle")) == triples
    nt = gzip.decompress((site / "dumps" / "malplan.nt.gz").read_bytes())
    assert nt == (site / "dumps" / "malplan.nt").read_bytes()
    assert len(rdflib.Graph().parse(data=nt, format="nt")) == triples
    ontology = rdflib.Graph().parse(site / "def.ttl", format="turtle")
    assert (MP.GoalPlan, rdflib.RDF.type, rdflib.OWL.Class) in ontology
    assert 'id="GoalPlan"' in (site / "def.html").read_text(encoding="utf-8")


def test_the_list_of_each_class(site):
    page = BeautifulSoup((site / "class" / "Objective.html").read_text(encoding="utf-8"), "html.parser")
    assert page.h1.get_text(" ", strip=True) == "Målsætning (14)"
    assert page.select_one(".instances a")["href"].startswith("../objective/")
    front = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "class/Objective.html" in [a["href"] for a in front.select(".counts a")]


def test_a_long_list_is_written_a_page_a_file(tmp_path, monkeypatch):
    store = OxigraphStore(tmp_path / "store", example=False)
    (tmp_path / "objectives.ttl").write_text(
        "".join(
            f'<{store.base}objective/o{n}> a <{MP}Objective> ; <{rdflib.RDFS.label}> "M{n}"@da .\n' for n in range(5)
        )
    )
    store.load([tmp_path / "objectives.ttl"])
    monkeypatch.setattr(describe, "PAGE_SIZE", 2)
    assert publish(tmp_path / "store", tmp_path / "site").exit_code == 0
    lists = sorted(path.name for path in (tmp_path / "site" / "class").iterdir())
    assert lists == ["Objective-2.html", "Objective-3.html", "Objective.html"]
    assert broken_links(tmp_path / "site")[0] == []


def test_a_graph_per_policy_and_the_trace_pages(site):
    policies = sorted((site / "graph" / "policy").glob("*.html"))
    assert len(policies) == 6
    assert (site / "graph" / "budget-agreement").is_dir()
    trace = BeautifulSoup((site / "trace" / "up" / "plan" / "affald.html").read_text(encoding="utf-8"), "html.parser")
    pages = [node["page"] for node in json.loads(trace.find("script", id="graph-data").string)["nodes"]]
    assert "../../../vision/albertslund.html" in pages or any(
        page.endswith("vision/albertslund.html") for page in pages
    )


def test_in_english(tmp_path):
    OxigraphStore(tmp_path / "store", example=False)  # an empty store: quick, and still a site
    result = CliRunner().invoke(
        main, ["--store", str(tmp_path / "store"), "--lang", "en", "publish", "--out", str(tmp_path / "site")]
    )
    assert result.exit_code == 0, result.output
    assert "files written" in result.output
    page = BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.html["lang"] == "en"
    assert page.find("a", string="Goal plans")["href"] == "plans.html"
    assert (tmp_path / "site" / "def.html").is_file() and (tmp_path / "site" / "dumps" / "malplan.ttl").is_file()


def test_a_folder_with_other_files_is_refused_and_left_alone(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    result = publish(tmp_path / "store", out)  # refused before the store is even read
    assert result.exit_code == 1
    assert "er ikke et tidligere udgivet site" in result.output
    assert "Traceback" not in result.output
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_publishing_again_replaces_the_site_whole(tmp_path):
    OxigraphStore(tmp_path / "store", example=False)
    out = tmp_path / "site"
    assert publish(tmp_path / "store", out).exit_code == 0
    (out / "stale.html").write_text("old")
    assert publish(tmp_path / "store", out).exit_code == 0
    assert not (out / "stale.html").exists()
    assert (out / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "store"]


def test_a_resource_only_named_by_others_gets_its_pages_too(tmp_path):
    store = OxigraphStore(tmp_path / "store", example=False)
    (tmp_path / "named.ttl").write_text(
        f'<{store.base}plan/p> a <https://w3id.org/malplan/def#GoalPlan> ; <http://www.w3.org/2000/01/rdf-schema#label> "P"@da ;'
        f" <https://w3id.org/malplan/def#workplace> <{store.base}workplace/only-named> .\n"
    )
    store.load([tmp_path / "named.ttl"])
    assert publish(tmp_path / "store", tmp_path / "site").exit_code == 0
    for path in ("workplace/only-named.html", "workplace/only-named.ttl", "plan/p.html"):
        assert (tmp_path / "site" / path).is_file(), path


def test_a_failed_publish_leaves_the_earlier_site_as_it_was(tmp_path):
    store = OxigraphStore(tmp_path / "store", example=False)
    out = tmp_path / "site"
    assert publish(tmp_path / "store", out).exit_code == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    clash = tmp_path / "clash.ttl"
    clash.write_text(f'<{store.base}index> <http://www.w3.org/2000/01/rdf-schema#label> "Forside"@da .\n')
    store.load([clash])
    result = publish(tmp_path / "store", out)
    assert result.exit_code == 1
    assert f"Ressourcen {store.base}index ville overskrive sidens egne filer" in result.output
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clash.ttl", "site", "store"]


@pytest.mark.parametrize(("umask", "folder_mode", "file_mode"), [(0o022, 0o755, 0o644), (0o027, 0o750, 0o640)])
def test_issue_10_publish_honours_the_umask(tmp_path, umask, folder_mode, file_mode):
    """Every folder and file the site has gets the permissions the umask gives, so that a web
    server's user can read it (tempfile.mkdtemp made the site 0700 and nginx answered 404)."""
    import os
    import stat

    before = os.umask(umask)
    try:
        result = publish(tmp_path / "store", tmp_path / "site")
    finally:
        os.umask(before)
    assert result.exit_code == 0, result.output
    modes = {
        stat.S_IMODE(path.stat().st_mode)
        for path in [tmp_path / "site", *(tmp_path / "site").rglob("*")]
        if path.is_dir()
    }
    assert modes == {folder_mode}
    assert {stat.S_IMODE(path.stat().st_mode) for path in (tmp_path / "site").rglob("*") if path.is_file()} == {
        file_mode
    }


def test_issue_11_a_merged_resource_leads_to_the_one_it_was_merged_into(tmp_path):
    from malplan_graph import curation

    store = OxigraphStore(tmp_path / "store", example=False)
    (tmp_path / "two.ttl").write_text(
        "@prefix mp: <https://w3id.org/malplan/def#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        f'<{store.base}plan/p> a mp:GoalPlan ; rdfs:label "P"@da ; mp:workplace <{store.base}workplace/a> , <{store.base}workplace/b> .\n'
        f'<{store.base}workplace/a> a mp:Workplace ; rdfs:label "A"@da .\n'
        f'<{store.base}workplace/b> a mp:Workplace ; rdfs:label "B"@da .\n'
    )
    store.load([tmp_path / "two.ttl"])
    curation.merge(store, rdflib.URIRef(store.base + "workplace/a"), rdflib.URIRef(store.base + "workplace/b"))
    assert publish(tmp_path / "store", tmp_path / "site").exit_code == 0
    site = tmp_path / "site"
    page = BeautifulSoup((site / "workplace" / "b.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=a.html"
    assert [a["href"] for a in page.select("main a") if not a.find_parent(id="data")] == ["a.html"]
    data = rdflib.Graph().parse(site / "workplace" / "b.ttl", format="turtle")
    assert (
        rdflib.URIRef(store.base + "workplace/b"),
        rdflib.OWL.sameAs,
        rdflib.URIRef(store.base + "workplace/a"),
    ) in data
    assert "B" in (site / "workplace" / "a.html").read_text(encoding="utf-8")  # its alternative name
    assert not (site / "history").exists()  # the history names local files: not published
