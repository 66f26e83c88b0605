"""Damaged and hostile Word files among good ones (issue 10): each bad file gets its own line
naming it and the reason, the good files in the same run go in, and the exit code is 1. An
identifier may not name anything but the plan's own graph."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import docx
import pytest
from rdflib import URIRef

from malplan_graph.namespaces import MP, ONTOLOGY_IRI
from malplan_graph.store import SHARED_GRAPH
from malplan_graph.word import importer
from tests.conftest import BASE, TODAY
from tests.core.word import builders

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _rewrite(source: Path, target: Path, part: str, data: bytes, compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """A copy of `source` with one part's content replaced."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", compression) as new:
        for info in old.infolist():
            new.writestr(info.filename, data if info.filename == part else old.read(info))
    return target


def _local_header_data(path: Path, part: str) -> int:
    """Where the packed bytes of `part` start in the file."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(part)
    with open(path, "rb") as handle:
        handle.seek(info.header_offset + 26)
        name_length, extra_length = int.from_bytes(handle.read(2), "little"), int.from_bytes(handle.read(2), "little")
    return info.header_offset + 30 + name_length + extra_length


def bad_deflate(good: Path, target: Path) -> Path:
    data = bytearray(good.read_bytes())
    start = _local_header_data(good, "word/document.xml")
    for position in range(start + 20, start + 60):
        data[position] ^= 0x55
    target.write_bytes(bytes(data))
    return target


def encrypted(good: Path, target: Path) -> Path:
    """Every member flagged as encrypted, in its local header and in the central directory."""
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        for info in archive.infolist():
            data[info.header_offset + 6] |= 1
        directory = archive.start_dir
    for _ in range(len(archive.infolist())):
        data[directory + 8] |= 1
        name, extra, comment = (
            int.from_bytes(data[directory + at : directory + at + 2], "little") for at in (28, 30, 32)
        )
        directory += 46 + name + extra + comment
    target.write_bytes(bytes(data))
    return target


def unknown_compression(good: Path, target: Path) -> Path:
    """word/document.xml marked as packed with a method no zip reader knows (99 is AES)."""
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        info = archive.getinfo("word/document.xml")
        directory = archive.start_dir
        for entry in archive.infolist():
            if entry.filename == info.filename:
                break
            directory += 46 + len(entry.filename.encode()) + len(entry.extra) + len(entry.comment)
    for at in (info.header_offset + 8, directory + 10):
        data[at : at + 2] = (99).to_bytes(2, "little")
    target.write_bytes(bytes(data))
    return target


def bad_central_directory(good: Path, target: Path) -> Path:
    data = good.read_bytes()
    directory = data.rfind(b"PK\x01\x02")
    target.write_bytes(data[:directory] + b"garbage!" + data[directory + 8 :])
    return target


def html_root(good: Path, target: Path) -> Path:
    return _rewrite(good, target, "word/document.xml", b"<html><body><p>Hej</p></body></html>")


def no_body(good: Path, target: Path) -> Path:
    return _rewrite(good, target, "word/document.xml", f'<w:document xmlns:w="{W_NS}"/>'.encode())


def entities(good: Path, target: Path) -> Path:
    xml = f'<!DOCTYPE w:document [<!ENTITY a "aaaa">]><w:document xmlns:w="{W_NS}"><w:body/></w:document>'
    return _rewrite(good, target, "word/document.xml", xml.encode())


def not_xml(good: Path, target: Path) -> Path:
    return _rewrite(good, target, "word/document.xml", b"<w:document><w:body>")


DAMAGED = {
    "bad-deflate": (bad_deflate, "delen word/document.xml er ødelagt og kan ikke pakkes ud"),
    "encrypted": (encrypted, "er krypteret med adgangskode"),
    "unknown-compression": (unknown_compression, "er pakket på en måde, der ikke kan pakkes ud (metode 99)"),
    "central-directory": (bad_central_directory, "zip-filen er ødelagt: Bad magic number for central directory"),
    "html-root": (html_root, "hoveddelen er <html>, ikke <w:document>"),
    "no-body": (no_body, "Word-dokumentet har ingen brødtekst (w:body)"),
    "entities": (entities, "XML-erklæringer (DOCTYPE)"),
    "not-xml": (not_xml, "word/document.xml er ikke gyldig XML"),
}


@pytest.mark.parametrize("kind", DAMAGED)
def test_issue_10_a_damaged_file_gets_its_line_and_the_good_ones_go_in(tmp_path, cli, kind):
    build, reason = DAMAGED[kind]
    first = builders.table_layout(tmp_path / "Målplan - Først.docx")
    bad = build(first, tmp_path / f"{kind}.docx")
    last = builders.heading_layout(tmp_path / "Målplan - Sidst.docx")
    result = cli("import", "--today", TODAY.isoformat(), str(first), str(bad), str(last))
    assert result.exit_code == 1, result.output
    assert "Uventet fejl" not in result.output
    [line] = [line for line in result.output.splitlines() if line.startswith("✗")]
    assert line.startswith(f"✗ {kind}.docx — ikke importeret: {kind}.docx: ") and reason in line, line
    assert "2 af 3 filer importeret; 1 fejlede." in result.output
    plans = cli("plans").output
    assert f"{BASE}plan/foerst" in plans and f"{BASE}plan/sidst" in plans


def test_issue_10_a_pipe_is_refused_without_waiting(tmp_path, fresh_store):
    pipe = tmp_path / "plan.docx"
    os.mkfifo(pipe)
    [result] = importer.import_plans(fresh_store, [pipe], dry_run=True)
    assert result.error.text("da") == (
        "plan.docx: er ikke en almindelig fil (men fx et rør eller en enhed); gem indholdet i en fil og angiv den."
    )


def _with_identifier(tmp_path: Path, name: str, identifier: str) -> Path:
    path = builders.table_layout(tmp_path / f"{name}.docx")
    document = docx.Document(str(path))
    document.core_properties.identifier = identifier
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    "identifier",
    [
        "https://example.org/a b",
        "https://example.org/a<b",
        'https://example.org/a"b',
        "https://example.org/a\nb",
        "http://[::1/plan",
    ],
)
def test_issue_10_an_identifier_that_is_no_iri_is_refused(tmp_path, fresh_store, identifier):
    path = _with_identifier(tmp_path, "plan", identifier)
    good = builders.table_layout(tmp_path / "god.docx")
    bad, ok = importer.import_plans(fresh_store, [path, good], today=TODAY)
    assert ok.ok and fresh_store.ask(f"ASK {{ <{BASE}plan/god> a <{MP.GoalPlan}> }}")
    message = bad.error.text("da")
    assert message.startswith(f"plan.docx: dokumentets identifikator {identifier!r} ")
    assert "er ikke en gyldig IRI" in message and "\n" not in message
    assert "\n" not in bad.error.text("en")


def test_an_identifier_that_is_an_iri_names_the_plan(tmp_path, fresh_store):
    path = _with_identifier(tmp_path, "plan", "urn:malplan:læsning")
    [result] = importer.import_plans(fresh_store, [path], today=TODAY)
    assert result.ok and result.plan == URIRef("urn:malplan:læsning")


def _graph_size(store, graph: str) -> int:
    return int(store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")[0]["n"])


@pytest.mark.parametrize("target", ["ontology", "shared", "vision", "loaded-graph"])
def test_issue_10_an_identifier_may_not_name_another_graph_or_resource(tmp_path, fresh_store, target):
    # a first import fills the shared graph; data loaded into a graph of its own is not a plan's
    importer.import_plans(fresh_store, [builders.table_layout(tmp_path / "første.docx")], today=TODAY)
    data = tmp_path / "egne.ttl"
    data.write_text("<https://example.org/s> <https://example.org/p> 'o' .\n", encoding="utf-8")
    fresh_store.load([data], graph="https://example.org/egne")
    vision = fresh_store.select(f"SELECT ?v WHERE {{ ?v a <{MP.Vision}> }}")[0]["v"]
    iri = {
        "ontology": str(ONTOLOGY_IRI),
        "shared": fresh_store.base + SHARED_GRAPH,
        "vision": str(vision),
        "loaded-graph": "https://example.org/egne",
    }[target]
    graphs = {graph: _graph_size(fresh_store, graph) for graph in fresh_store.graph_names()}
    before = fresh_store.triple_count()
    [result] = importer.import_plans(fresh_store, [_with_identifier(tmp_path, "plan", iri)], today=TODAY)
    assert not result.ok
    assert result.error.text("da").startswith(f"plan.docx: dokumentets identifikator <{iri}> ")
    assert fresh_store.triple_count() == before
    assert {graph: _graph_size(fresh_store, graph) for graph in fresh_store.graph_names()} == graphs


def test_issue_10_the_web_upload_reports_a_damaged_file_and_imports_the_good(tmp_path):
    import re

    from malplan_web import create_app

    from malplan_graph.store import OxigraphStore

    app = create_app({"STORE": OxigraphStore(tmp_path / "store"), "SECRET_KEY": "t", "ADMIN_PASSWORD": "pw"})
    client = app.test_client()

    def token(url: str) -> str:
        return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)

    client.post("/login", data={"password": "pw", "csrf_token": token("/login")})
    good = builders.table_layout(tmp_path / "Målplan - God.docx")
    bad = bad_deflate(good, tmp_path / "ødelagt.docx")
    with open(good, "rb") as one, open(bad, "rb") as two:
        response = client.post(
            "/import",
            data={"csrf_token": token("/import"), "files": [(two, bad.name), (one, good.name)]},
            content_type="multipart/form-data",
        )
    assert response.status_code == 200
    from bs4 import BeautifulSoup

    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    results = [" ".join(heading.get_text().split()) for heading in page.select(".import-result h3")]
    assert results[0].startswith("✗ ødelagt.docx: delen word/document.xml er ødelagt")
    assert app.extensions["malplan_store"].ask(f"ASK {{ <{BASE}plan/god> ?p ?o }}")


def test_issue_10_the_line_for_a_damaged_file_in_english(tmp_path, cli):
    good = builders.table_layout(tmp_path / "Målplan - God.docx")
    bad = no_body(good, tmp_path / "tom.docx")
    result = cli("--lang", "en", "import", "--dry-run", str(bad), str(good))
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if line.startswith("✗")]
    assert line == (
        "✗ tom.docx — not imported: tom.docx: the Word document has no body (w:body); open it in Word and save it "
        "again as .docx."
    )
