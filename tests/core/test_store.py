"""The store: persistent, atomic writes, clear parse errors, one writer at a time, readers follow."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from malplan_graph.errors import InputError, StoreBusyError, StoreError
from malplan_graph.namespaces import MP
from malplan_graph.store import OxigraphStore

GOOD = """@prefix mp: <https://w3id.org/malplan/def#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<objective/ny> a mp:Objective ; rdfs:label "En ny målsætning"@da .
"""


def _snapshot(store: OxigraphStore) -> rdflib.Graph:
    return store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")


def test_new_store_holds_the_example_and_the_ontology(fresh_store):
    assert fresh_store.triple_count() > 1500
    assert fresh_store.ask(f"ASK {{ ?plan a <{MP.GoalPlan}> }}")
    assert fresh_store.ask(
        "ASK { GRAPH <https://w3id.org/malplan/def> { ?c a <http://www.w3.org/2002/07/owl#Class> } }"
    )


def test_store_persists_across_opening(tmp_path):
    path = tmp_path / "store"
    first = OxigraphStore(path)
    (tmp_path / "new.ttl").write_text(GOOD, encoding="utf-8")
    first.load([tmp_path / "new.ttl"])
    second = OxigraphStore(path)
    assert second.triple_count() == first.triple_count()
    assert second.ask(f"ASK {{ <{second.base}objective/ny> a <{MP.Objective}> }}")


def test_contributes_to_is_materialised_for_loaded_data(tmp_path, empty_store):
    (tmp_path / "chain.ttl").write_text(
        "@prefix mp: <https://w3id.org/malplan/def#> .\n<action/a> mp:servesGoal <goal/g> .\n<goal/g> mp:fulfils <objective/o> .\n",
        encoding="utf-8",
    )
    empty_store.load([tmp_path / "chain.ttl"])
    base = empty_store.base
    assert empty_store.ask(f"ASK {{ <{base}action/a> <{MP.contributesTo}>+ <{base}objective/o> }}")


@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        ("bad.ttl", '@prefix mp: <x#> .\nmp:a mp:b "unterminated .\n', "linje 2"),
        ("bad.nt", "<http://a> <http://b> <http://c> .\n<http://a> <http://b> .\n", "linje 2"),
        ("bad.jsonld", '{"@id": ', "linje 1"),
        (
            "bad.rdf",
            '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n<rdf:Description>\n</rdf:RDF>\n',
            "linje 4",
        ),
    ],
)
def test_bad_input_names_file_and_line_and_leaves_the_store_as_it_was(tmp_path, fresh_store, name, content, where):
    before = _snapshot(fresh_store)
    (tmp_path / "good.ttl").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as error:
        fresh_store.load([tmp_path / "good.ttl", tmp_path / name])
    assert name in error.value.da and where in error.value.da
    assert "line" in error.value.en
    assert isomorphic(_snapshot(fresh_store), before)


def test_unknown_file_type_and_missing_file(tmp_path, fresh_store):
    (tmp_path / "plan.docx").write_bytes(b"PK")
    with pytest.raises(InputError, match="ukendt filtype"):
        fresh_store.load([tmp_path / "plan.docx"])
    with pytest.raises(InputError, match="findes ikke"):
        fresh_store.load([tmp_path / "missing.ttl"])


def test_refuses_a_folder_that_is_not_a_store(tmp_path):
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "letter.txt").write_text("hej", encoding="utf-8")
    with pytest.raises(StoreError, match="ikke et malplan-lager"):
        OxigraphStore(tmp_path / "documents")


def test_a_reader_sees_a_write_made_through_another_handle(tmp_path):
    path = tmp_path / "store"
    reader = OxigraphStore(path)
    writer = OxigraphStore(path)
    before = reader.triple_count()
    (tmp_path / "new.ttl").write_text(GOOD, encoding="utf-8")
    writer.load([tmp_path / "new.ttl"])
    assert reader.triple_count() > before


def _python(code: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], cwd=Path(__file__).parents[2])


def test_a_second_writer_gets_a_clear_message_while_the_first_writes(tmp_path):
    path = tmp_path / "store"
    OxigraphStore(path)
    holder = _python(
        f"""
        import time
        from filelock import FileLock
        with FileLock(r"{path / "write.lock"}"):
            open(r"{tmp_path / "locked"}", "w").close()
            time.sleep(20)
        """
    )
    try:
        _wait_for(tmp_path / "locked")
        store = OxigraphStore(path, lock_timeout=0.5)
        (tmp_path / "new.ttl").write_text(GOOD, encoding="utf-8")
        with pytest.raises(StoreBusyError) as error:
            store.load([tmp_path / "new.ttl"])
        assert "optaget" in error.value.da and "prøv igen" in error.value.da
    finally:
        holder.kill()
        holder.wait()


def test_a_writer_killed_halfway_leaves_the_store_whole_and_writable(tmp_path):
    path = tmp_path / "store"
    before = _snapshot(OxigraphStore(path))
    writer = _python(
        f"""
        import time
        import pyoxigraph as ox
        from malplan_graph.store import OxigraphStore
        store = OxigraphStore(r"{path}")
        def apply(w):
            w.add(ox.Quad(ox.NamedNode("urn:x:half"), ox.NamedNode("urn:x:p"), ox.Literal("written")))
            open(r"{tmp_path / "halfway"}", "w").close()
            time.sleep(30)
        store._write(apply)
        """
    )
    _wait_for(tmp_path / "halfway")
    writer.kill()
    writer.wait()
    store = OxigraphStore(path)
    assert isomorphic(_snapshot(store), before)
    (tmp_path / "new.ttl").write_text(GOOD, encoding="utf-8")
    store.load([tmp_path / "new.ttl"])
    assert len(list(path.glob("gen-*"))) <= 2


def _wait_for(marker: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not marker.exists():
        assert time.monotonic() < deadline, f"{marker} never appeared"
        time.sleep(0.05)


def test_export_formats_parse_and_round_trip(fresh_store):
    turtle = rdflib.Graph().parse(data=fresh_store.export("turtle"), format="turtle")
    for fmt, parser in (("nt", "nt"), ("jsonld", "json-ld"), ("xml", "xml")):
        other = rdflib.Graph().parse(data=fresh_store.export(fmt), format=parser)
        assert len(other) == len(turtle), fmt
    assert (None, rdflib.RDF.type, MP.GoalPlan) in turtle
    assert (None, rdflib.RDF.type, rdflib.OWL.Class) not in turtle


def test_reset_empty_keeps_the_ontology(fresh_store):
    fresh_store.reset(example=False)
    assert not fresh_store.select(f"SELECT ?p WHERE {{ ?p a <{MP.GoalPlan}> }}")
    assert fresh_store.ask(f"ASK {{ <{MP.GoalPlan}> ?p ?o }}")
