"""Hostile input to `load` (issue 10): bombs refused before they unfold (run under a memory cap,
so that a regression fails the test rather than the machine), reserved graphs, control
characters, pipes, byte order marks, a full disk and a read-only store: each a Danish message
that names the file and says what to do, and the store left as it was."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
import rdflib

from malplan_graph.errors import InputError, StoreError
from malplan_graph.namespaces import ONTOLOGY_IRI
from malplan_graph.store import SHARED_GRAPH, OxigraphStore, inputs, oxigraph
from malplan_graph.word import importer
from tests.conftest import BASE, TODAY
from tests.core.word import builders

#: The address space a capped child may use: enough for a normal load, far below a bomb's.
MEMORY_CAP = 1536 * 1024 * 1024

RDF_XML = """<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
{body}
</rdf:RDF>
"""


def _laughs(levels: int) -> str:
    entities = ['<!ENTITY a0 "lollollollollollollollollollol">']
    entities += [f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, levels)]
    body = f'<rdf:Description rdf:about="http://example.org/s"><ex:p>&a{levels - 1};</ex:p></rdf:Description>'
    return f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [{"".join(entities)}]>\n' + RDF_XML.format(body=body)


def _load_capped(store_path: Path, data: Path) -> subprocess.CompletedProcess:
    """Load `data` into a new store in a child process whose address space is capped."""
    code = textwrap.dedent(
        f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_CAP}, {MEMORY_CAP}))
        from malplan_graph.errors import MalplanError
        from malplan_graph.store import OxigraphStore
        store = OxigraphStore(sys.argv[1], example=False)
        try:
            print(store.load([sys.argv[2]]))
        except MalplanError as error:
            print(error.text("da"))
            sys.exit(3)
        """
    )
    return subprocess.run(
        [sys.executable, "-c", code, str(store_path), str(data)], capture_output=True, text=True, timeout=120
    )


def test_issue_10_an_entity_bomb_is_refused_before_it_unfolds(tmp_path):
    bomb = tmp_path / "latter.rdf"
    bomb.write_text(_laughs(10), encoding="utf-8")  # 1 kB that unfolds to 3 GB
    assert bomb.stat().st_size < 1500
    result = _load_capped(tmp_path / "store", bomb)
    assert result.returncode == 3, result.stderr[-2000:]
    assert result.stdout.startswith(f"{bomb}, linje 4, kolonne ")
    assert "XML-entiteterne folder filen ud til mere end 10 gange dens størrelse" in result.stdout


def _hidden(levels: int, dtd: str) -> str:
    """A bomb whose declarations expat does not see but a simpler DTD reader could."""
    entities = ['<!ENTITY a0 "lollollollollollollollollollol">']
    entities += [f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, levels)]
    body = '<rdf:Description rdf:about="http://example.org/s"><ex:p>&big;</ex:p></rdf:Description>'
    subset = dtd.format(hidden="".join(entities), last=levels - 1)
    return f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF {subset}>\n' + RDF_XML.format(body=body)


@pytest.mark.parametrize(
    "dtd",
    [
        '[<!ENTITY big "small"><!-- {hidden}<!ENTITY big "&a{last};"> -->]',  # in a comment
        '[<!ENTITY big "small">{hidden}<!ENTITY big "&a{last};">]',  # declared twice: the first binds
        '[<!ENTITY big "small"><?x {hidden}<!ENTITY big "&a{last};"> ?>]',  # in a processing instruction
    ],
    ids=["in a comment", "declared twice", "in a processing instruction"],
)
def test_issue_10_a_bomb_hidden_from_expat_never_reaches_oxigraph(tmp_path, dtd):
    """Oxigraph reads a DTD with a parser of its own: it gets the document as expat read it."""
    bomb = tmp_path / "skjult.rdf"
    bomb.write_text(_hidden(8, dtd), encoding="utf-8")
    result = _load_capped(tmp_path / "store", bomb)
    assert (result.returncode, result.stdout.strip()) == (0, "1"), result.stderr[-2000:]


def test_issue_10_an_external_dtd_is_refused(tmp_path):
    bomb = tmp_path / "ekstern.rdf"
    bomb.write_text(_hidden(8, 'SYSTEM "x.dtd" [<!ENTITY big "small"> {hidden}]'), encoding="utf-8")
    result = _load_capped(tmp_path / "store", bomb)
    assert result.returncode == 3 and "ekstern DTD" in result.stdout, result.stdout


def test_issue_10_expats_copy_of_a_document_with_a_dtd_loads_the_same_graph(tmp_path, empty_store):
    """Text with a CR, a tab and markup characters, attributes, xml:lang and an XML literal
    come through the copy as they stand in the file."""
    body = (
        '<rdf:Description rdf:about="&ex;s" ex:a="tab&#9;lf&#10;&lt;&amp;&quot;">'
        '<ex:p xml:lang="da">cr&#13;x &lt;b&gt; &amp;ex; æ</ex:p>'
        '<ex:x rdf:parseType="Literal"><b xmlns="http://www.w3.org/1999/xhtml">fed</b></ex:x>'
        "</rdf:Description>"
    )
    with_dtd = tmp_path / "med.rdf"
    with_dtd.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY ex "http://example.org/">]>\n' + RDF_XML.format(body=body),
        encoding="utf-8",
    )
    without = tmp_path / "uden.rdf"
    without.write_text(RDF_XML.format(body=body.replace("&ex;", "http://example.org/", 1)), encoding="utf-8")
    import rdflib
    from rdflib.compare import isomorphic

    plain = OxigraphStore(None, example=False)  # the same document without a DTD, read as it is
    assert plain.load([without]) == empty_store.load([with_dtd]) == 3
    loaded, expected = (rdflib.Graph().parse(data=store.export("nt"), format="nt") for store in (empty_store, plain))
    assert isomorphic(loaded, expected)


def test_issue_10_deep_json_ld_is_refused_before_it_is_parsed(tmp_path):
    depth = 50_000
    deep = tmp_path / "dyb.jsonld"
    nested = '{"http://example.org/p": ' * depth + '"x"' + "}" * depth
    deep.write_text('{"@id": "http://example.org/s", "http://example.org/p": ' + nested + "}", encoding="utf-8")
    result = _load_capped(tmp_path / "store", deep)
    assert result.returncode == 3, result.stderr[-2000:]
    assert result.stdout.strip() == (
        f"{deep}, linje 1: JSON-strukturen er indlejret mere end 100 niveauer dybt; gør den fladere."
    )


def test_issue_10_deep_rdf_xml_is_refused(tmp_path, empty_store):
    depth = 5_000
    body = (
        '<rdf:Description rdf:about="http://example.org/s">'
        + "<ex:p><rdf:Description>" * depth
        + "</rdf:Description></ex:p>" * depth
        + "</rdf:Description>"
    )
    deep = tmp_path / "dyb.rdf"
    deep.write_text(RDF_XML.format(body=body), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        empty_store.load([deep])
    assert "elementerne er indlejret mere end 100 niveauer dybt" in caught.value.da
    assert caught.value.da.startswith(f"{deep}, linje 2, kolonne ")


def test_declared_entities_as_protege_writes_them_still_load(tmp_path, empty_store):
    owl = tmp_path / "ontologi.owl"
    owl.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY ex "http://example.org/">]>\n'
        + RDF_XML.format(body='<rdf:Description rdf:about="&ex;s"><ex:p rdf:resource="&ex;o"/></rdf:Description>'),
        encoding="utf-8",
    )
    assert empty_store.load([owl]) == 1
    assert empty_store.ask("ASK { <http://example.org/s> <http://example.org/p> <http://example.org/o> }")


def test_issue_10_an_external_entity_is_refused(tmp_path, empty_store):
    secret = tmp_path / "hemmelig.txt"
    secret.write_text("hemmelighed", encoding="utf-8")
    xxe = tmp_path / "xxe.rdf"
    xxe.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        + RDF_XML.format(body='<rdf:Description rdf:about="http://example.org/s"><ex:p>&x;</ex:p></rdf:Description>'),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        empty_store.load([xxe])
    assert "entiteten «x» er ekstern eller en parameter-entitet" in caught.value.da


def test_issue_10_a_long_literal_and_a_large_file_are_refused(tmp_path, empty_store, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_LITERAL_CHARS", 1000)
    long = tmp_path / "lang.ttl"
    long.write_text(f'<http://example.org/s> <http://example.org/p> "{"x" * 1001}" .\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        empty_store.load([long])
    assert caught.value.da == (
        f"{long}: teksten til <http://example.org/s> <http://example.org/p>: en tekst er længere end 1.000 tegn; "
        "del den op, eller læg den i en fil for sig."
    )
    monkeypatch.setattr(inputs, "MAX_INPUT_BYTES", 1024 * 1024)
    large = tmp_path / "stor.nt"
    large.write_bytes(b"#" * (1024 * 1024 + 1))
    with pytest.raises(InputError) as caught:
        empty_store.load([large])
    assert caught.value.da == f"{large}: filen er større end 1 MB og læses ikke; del den i mindre filer."


CONTROL = {
    "nul.ttl": '<http://example.org/s> <http://example.org/p> "a\\u0000b" .\n',
    "soh.nt": '<http://example.org/s> <http://example.org/p> "a\x01b" .\n',
    "nul.jsonld": '{"@id": "http://example.org/s", "http://example.org/p": "a\\u0000b"}',
    "esc.rdf": RDF_XML.format(
        body='<rdf:Description rdf:about="http://example.org/s"><ex:p>a&#x1b;b</ex:p></rdf:Description>'
    ),
}


@pytest.mark.parametrize("name", CONTROL)
def test_issue_10_a_control_character_is_refused_and_every_output_still_works(tmp_path, fresh_store, name):
    path = tmp_path / name
    path.write_text(CONTROL[name], encoding="utf-8")
    before = fresh_store.triple_count()
    with pytest.raises(InputError) as caught:
        fresh_store.load([path])
    assert caught.value.da.startswith(f"{path}")
    assert "styretegn" in caught.value.da or "XML-fejl" in caught.value.da
    assert fresh_store.triple_count() == before
    rdflib.Graph().parse(data=fresh_store.export("xml"), format="xml")
    from malplan_graph.word import writer

    writer.write_plan(fresh_store, rdflib.URIRef(BASE + "plan/frikvarter"), tmp_path / "frikvarter.docx")


def test_issue_10_a_file_name_with_a_control_character_is_refused_in_a_word_import(tmp_path, fresh_store):
    path = builders.table_layout(tmp_path / "Målplan - Læs\x01ning.docx")
    good = builders.table_layout(tmp_path / "Målplan - God.docx")
    bad, ok = importer.import_plans(fresh_store, [path, good], today=TODAY)
    assert ok.ok and not bad.ok
    assert bad.error.da.startswith(f"{path.name}: teksten til <{BASE}plan/laes-ning> ")
    assert "styretegn (U+0001)" in bad.error.da
    rdflib.Graph().parse(data=fresh_store.export("xml"), format="xml")


def _ontology_size(store) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ONTOLOGY_IRI}> {{ ?s ?p ?o }} }}"
    return int(store.select(query)[0]["n"])


@pytest.mark.parametrize("target", ["ontology", "shared", "plan"])
def test_issue_10_load_may_not_write_into_a_reserved_graph(tmp_path, fresh_store, target):
    graph = {"ontology": str(ONTOLOGY_IRI), "shared": fresh_store.base + SHARED_GRAPH, "plan": BASE + "plan/frikvarter"}
    data = tmp_path / "data.ttl"
    data.write_text("<http://example.org/s> <http://example.org/p> 'o' .\n", encoding="utf-8")
    before, ontology = fresh_store.triple_count(), _ontology_size(fresh_store)
    with pytest.raises(InputError) as caught:
        fresh_store.load([data], graph=graph[target])
    assert caught.value.da.startswith(f"--graph <{graph[target]}> er grafen med ")
    trig = tmp_path / "data.trig"
    trig.write_text(f"GRAPH <{graph[target]}> {{ <http://example.org/s> <http://example.org/p> 'o' . }}\n")
    with pytest.raises(InputError) as caught:
        fresh_store.load([trig])
    assert caught.value.da.startswith(f"{trig}: filen skriver i grafen <{graph[target]}> med ")
    assert (fresh_store.triple_count(), _ontology_size(fresh_store)) == (before, ontology)


def test_issue_10_a_graph_that_is_no_iri_is_refused(tmp_path, fresh_store):
    data = tmp_path / "data.ttl"
    data.write_text("<http://example.org/s> <http://example.org/p> 'o' .\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        fresh_store.load([data], graph="min graf")
    assert (
        caught.value.da == "--graph 'min graf' er ikke en absolut IRI (fx https://eksempel.dk/); ret den, og prøv igen."
    )


def test_issue_10_a_pipe_is_refused_without_waiting(tmp_path, fresh_store):
    pipe = tmp_path / "data.ttl"
    os.mkfifo(pipe)
    with pytest.raises(InputError) as caught:
        fresh_store.load([pipe])
    assert caught.value.da == (
        f"{pipe}: er ikke en almindelig fil (men fx et rør eller en enhed); gem indholdet i en fil og angiv den."
    )


def test_issue_10_a_utf8_byte_order_mark_is_skipped_and_utf16_explained(tmp_path, empty_store):
    marked = tmp_path / "bom.ttl"
    marked.write_bytes(b"\xef\xbb\xbf<http://example.org/s> <http://example.org/p> 'o' .\n")
    assert empty_store.load([marked]) == 1
    wide = tmp_path / "utf16.ttl"
    wide.write_bytes("<http://example.org/s> <http://example.org/p> 'o' .\n".encode("utf-16"))
    with pytest.raises(InputError) as caught:
        empty_store.load([wide])
    assert caught.value.da == f"{wide}: filen er kodet som UTF-16; gem den som UTF-8 og prøv igen."


def _generations(store: OxigraphStore) -> set[str]:
    return {child.name for child in store.path.glob("gen-*")}


def test_issue_10_a_full_disk_is_blamed_on_the_disk_not_the_file(tmp_path, fresh_store, monkeypatch):
    data = tmp_path / "data.ttl"
    data.write_text("<http://example.org/s> <http://example.org/p> 'o' .\n", encoding="utf-8")
    before, generations = fresh_store.triple_count(), _generations(fresh_store)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(oxigraph, "_load_file", full)
    with pytest.raises(StoreError) as caught:
        fresh_store.load([data])
    assert caught.value.da == (
        f"Disken med lageret {fresh_store.path} er fuld; intet er skrevet, og lageret er som før. Frigør plads, "
        "og prøv igen."
    )
    assert str(data) not in caught.value.da
    assert fresh_store.triple_count() == before and _generations(fresh_store) == generations


def test_issue_10_a_read_only_store_says_so(tmp_path, fresh_store, monkeypatch):
    data = tmp_path / "data.ttl"
    data.write_text("<http://example.org/s> <http://example.org/p> 'o' .\n", encoding="utf-8")
    before = fresh_store.triple_count()

    def refused(*args, **kwargs):
        raise PermissionError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(oxigraph.FileLock, "acquire", refused)
    with pytest.raises(StoreError) as caught:
        fresh_store.load([data])
    assert caught.value.da.startswith(f"Lageret {fresh_store.path} kan ikke skrives (ingen skriveadgang")
    assert fresh_store.triple_count() == before  # reading still works


def test_issue_10_a_load_reports_its_own_count_while_another_writes(tmp_path, monkeypatch):
    """The first writer holds the lock while the second counts and waits: the second must
    report its own statements, not the first writer's too."""
    path = tmp_path / "store"
    OxigraphStore(path, example=False)
    first, second = OxigraphStore(path), OxigraphStore(path)
    three = tmp_path / "three.ttl"
    three.write_text("".join(f"<http://example.org/a{i}> <http://example.org/p> 'o' .\n" for i in range(3)))
    five = tmp_path / "five.ttl"
    five.write_text("".join(f"<http://example.org/b{i}> <http://example.org/p> 'o' .\n" for i in range(5)))
    writing = threading.Event()
    load_file = oxigraph._load_file

    def slow(writer, data, *args):
        if data == three:
            writing.set()
            time.sleep(1.5)
        load_file(writer, data, *args)

    monkeypatch.setattr(oxigraph, "_load_file", slow)
    counts = {}
    thread = threading.Thread(target=lambda: counts.setdefault("first", first.load([three])))
    thread.start()
    assert writing.wait(30)
    counts["second"] = second.load([five])
    thread.join()
    assert counts == {"first": 3, "second": 5}
    assert second.triple_count(include_ontology=False) == 8


def test_issue_10_the_cli_gives_one_line_and_exit_1(tmp_path, cli):
    pipe = tmp_path / "data.ttl"
    os.mkfifo(pipe)
    result = cli("load", str(pipe))
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"{pipe}: er ikke en almindelig fil (men fx et rør eller en enhed); gem indholdet i en fil og angiv den."
    ]
    english = cli("--lang", "en", "load", "--graph", str(ONTOLOGY_IRI), str(pipe))
    assert english.exit_code == 1 and "is not an ordinary file" in english.output


@pytest.mark.parametrize(
    "command", [["export"], ["export-docx", "plan/frikvarter"], ["template"], ["load", "--base", "ikke en iri"]]
)
def test_issue_10_an_output_or_option_that_cannot_be_used_gets_one_line(tmp_path, cli, command):
    data = tmp_path / "data.ttl"
    data.write_text("<http://example.org/s> <http://example.org/p> 'o' .\n", encoding="utf-8")
    target = tmp_path / "findes-ikke" / "ud.fil"
    result = cli(*command, *([str(data)] if command[0] == "load" else ["-o", str(target)]))
    assert result.exit_code == 1
    [line] = result.output.splitlines()
    if command[0] == "load":
        assert line == "--base 'ikke en iri' er ikke en absolut IRI (fx https://eksempel.dk/); ret den, og prøv igen."
    else:
        assert line == f"{target}: kan ikke skrives: mappen findes ikke; opret den, eller vælg en anden."


def test_issue_10_a_file_the_system_refuses_is_named_not_unexpected(cli, monkeypatch):
    from malplan_graph import store

    def refused(path):
        raise PermissionError(errno.EACCES, "Permission denied", "/lager/CURRENT")

    monkeypatch.setattr(store, "open_store", refused)
    result = cli("stats")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "/lager/CURRENT: Permission denied; kontrollér stien, rettighederne og den ledige plads, og prøv igen."
    ]


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB file system (tmpfs), where the system allows mounting one."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    yield folder
    subprocess.run(["umount", "--lazy", str(folder)], check=True)  # the store may still hold a file open


def test_issue_10_a_really_full_disk_is_named(tmp_path, small_disk):
    store = OxigraphStore(small_disk / "store")
    data = tmp_path / "fyld.nt"
    data.write_text(
        "".join(
            f'<http://example.org/s{i}> <http://example.org/p> "tekst nummer {i} der fylder" .\n' for i in range(60_000)
        ),
        encoding="utf-8",
    )
    before, generations = store.triple_count(), _generations(store)
    with pytest.raises(StoreError) as caught:
        store.load([data])
    assert caught.value.da.startswith(f"Disken med lageret {store.path} er fuld; intet er skrevet")
    assert store.triple_count() == before and _generations(store) == generations


@pytest.mark.parametrize("predicate", ["http://example.org/1/", "http://example.org/a#1", "http://example.org/"])
def test_issue_10_a_property_rdf_xml_cannot_carry_is_refused(tmp_path, fresh_store, predicate):
    data = tmp_path / "data.nt"
    data.write_text(f'<http://example.org/s> <{predicate}> "o" .\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        fresh_store.load([data])
    assert caught.value.da.startswith(f"{data}: egenskaben <{predicate}> kan ikke skrives som RDF/XML")
    rdflib.Graph().parse(data=fresh_store.export("xml"), format="xml")


def test_a_property_that_ends_in_a_name_loads_and_round_trips_through_rdf_xml(tmp_path, empty_store):
    data = tmp_path / "data.nt"
    data.write_text('<http://example.org/s> <urn:x:harNavn> "o" .\n<http://example.org/s> <http://ex/é> "p" .\n')
    assert empty_store.load([data]) == 2
    graph = rdflib.Graph().parse(data=empty_store.export("xml"), format="xml")
    assert {str(p) for p in graph.predicates()} >= {"urn:x:harNavn", "http://ex/é"}


@pytest.mark.parametrize("how", ["replace", "remove", "add-ontology"])
def test_issue_10_the_store_itself_refuses_to_replace_a_reserved_graph(fresh_store, how):
    shared, ontology = fresh_store.base + SHARED_GRAPH, str(ONTOLOGY_IRI)
    graph = rdflib.Graph()
    graph.add((rdflib.URIRef("http://example.org/s"), rdflib.URIRef("http://example.org/p"), rdflib.Literal("o")))
    before = fresh_store.triple_count()
    with pytest.raises(InputError):
        if how == "replace":
            fresh_store.write_graphs(replace={shared: graph})
        elif how == "remove":
            fresh_store.write_graphs(remove=[ontology])
        else:
            fresh_store.write_graphs(add={ontology: graph})
    assert fresh_store.triple_count() == before
