"""Curation (issue 11, section 2): merge, delete, no orphans after an import, the store's
history as PROV, undo, and a killed merge leaving the store whole."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from rdflib import Literal, URIRef

from malplan_graph import curation
from malplan_graph.errors import InputError, NotFoundError, StoreBusyError
from malplan_graph.namespaces import MP, ONTOLOGY_IRI, OWL, PROV, RDF, RDFS, SKOS
from malplan_graph.store import HISTORY_GRAPH, SHARED_GRAPH, OxigraphStore
from malplan_graph.word import importer
from tests.conftest import BASE, TODAY, iri
from tests.core.word import builders

HERSTEDLUND, HERSTEDOESTER = iri("workplace/herstedlund-skole"), iri("workplace/herstedoester-skole")
FRIKVARTER = iri("plan/frikvarter")


def _data(store) -> set:
    """Every statement but the ontology's and the history's, with its graph."""
    skip = {str(ONTOLOGY_IRI), store.base + HISTORY_GRAPH}
    return {quad for quad in store.quads() if quad[3] is None or str(quad[3]) not in skip}


def _mentions(store, resource: URIRef) -> set:
    return {quad for quad in _data(store) if resource in (quad[0], quad[2])}


@pytest.fixture
def store() -> OxigraphStore:
    """The example in memory, for writing."""
    return OxigraphStore(None)


# --------------------------------------------------------------------------- merge


def test_issue_11_merge_moves_everything_and_keeps_the_old_iri(store):
    before = _mentions(store, HERSTEDOESTER)
    other_labels = {quad[2] for quad in before if quad[0] == HERSTEDOESTER and quad[1] == RDFS.label}
    referring = {quad for quad in before if quad[2] == HERSTEDOESTER}
    assert other_labels and referring
    outcome = curation.merge(store, HERSTEDLUND, HERSTEDOESTER)
    assert _mentions(store, HERSTEDOESTER) == {(HERSTEDOESTER, OWL.sameAs, HERSTEDLUND, URIRef(BASE + SHARED_GRAPH))}
    for s, p, _, g in referring:
        assert (s, p, HERSTEDLUND, g) in _data(store)
    alternatives = {quad[2] for quad in store.quads(HERSTEDLUND, SKOS.altLabel)}
    assert other_labels <= alternatives
    assert outcome.removed == len(before)
    assert outcome.graphs[""][1] == len(before)  # all from the default graph
    assert outcome.graphs[BASE + SHARED_GRAPH] == (1, 0)


def test_issue_11_merge_refuses_different_kinds_itself_and_plans(store):
    before = _data(store)
    with pytest.raises(InputError) as caught:
        curation.merge(store, HERSTEDLUND, iri("policy/klimapolitik"))
    assert "ikke af samme slags" in caught.value.da and "Herstedlund Skole (Arbejdsplads)" not in caught.value.da
    assert "«Herstedlund Skole» (Arbejdsplads)" in caught.value.da
    with pytest.raises(InputError) as caught:
        curation.merge(store, HERSTEDLUND, HERSTEDLUND)
    assert "med sig selv" in caught.value.da
    with pytest.raises(InputError) as caught:
        curation.merge(store, FRIKVARTER, iri("plan/affald"))
    assert "malplan delete" in caught.value.da
    assert _data(store) == before and not curation.history(store)


# --------------------------------------------------------------------------- delete


def test_issue_11_delete_removes_the_plan_and_its_parts_and_keeps_what_others_use(store):
    parts = importer.plan_parts(store, FRIKVARTER) - {FRIKVARTER}
    workplaces = {quad[2] for quad in store.quads(FRIKVARTER, MP.workplace)}
    assert parts and workplaces
    shared_goal = store.quads(FRIKVARTER, MP.goal)[0][2]
    store.write_quads(add=[(iri("plan/affald"), MP.goal, shared_goal, None)])  # another plan has it too
    outcome = curation.delete_plan(store, FRIKVARTER)
    for resource in {FRIKVARTER, *parts} - {shared_goal}:
        assert not _mentions(store, resource), resource
    assert store.quads(shared_goal, RDF.type) and not _mentions(store, FRIKVARTER)
    for workplace in workplaces:  # the example's workplaces are not the plan's to delete
        assert store.quads(workplace, RDF.type)
    assert outcome.removed > len(parts) and outcome.added == 0
    with pytest.raises(NotFoundError) as caught:
        curation.delete_plan(store, HERSTEDLUND)
    assert "ikke en målplan" in caught.value.da


def _plan(tmp_path, name: str, workplaces: list[str], title: str):
    answers = {**builders.ANSWERS, "workplaces": workplaces}
    return builders.table_layout(tmp_path / name, answers, title=title)


def test_issue_11_delete_removes_what_only_that_plan_created(tmp_path, store):
    one = _plan(tmp_path, "en.docx", ["Herstedvester Skole", "Rævehulens Værksted"], "En plan")
    two = _plan(tmp_path, "to.docx", ["Herstedvester Skole", "Grævlingens Værksted"], "To plan")
    results = importer.import_plans(store, [one, two], today=TODAY)
    created = {c.label: c.iri for result in results for c in result.created}
    partner = created["Læseforeningen"]  # both plans name it
    curation.delete_plan(store, results[0].plan)
    assert not _mentions(store, created["Rævehulens Værksted"])
    assert store.quads(created["Grævlingens Værksted"], RDF.type) and store.quads(partner, RDF.type)
    curation.delete_plan(store, results[1].plan)
    assert not _mentions(store, created["Grævlingens Værksted"]) and not _mentions(store, partner)


# --------------------------------------------------------------------------- orphans


def test_issue_11_reimport_leaves_no_orphans(tmp_path, store):
    path = _plan(tmp_path, "plan.docx", ["Herstedvester Skole", "Rævehulens Værksted"], "Læsning")
    [first] = importer.import_plans(store, [path], today=TODAY)
    junk = next(c.iri for c in first.created if c.label == "Rævehulens Værksted")
    unused_example = iri("workplace/herstedoester-skole")  # used by no imported plan; not ours
    [second] = importer.import_plans(store, [_plan(tmp_path, "plan.docx", ["Herstedvester Skole"], "Læsning")])
    assert second.replaced and second.plan == first.plan
    assert not _mentions(store, junk)
    assert store.quads(unused_example, RDF.type)
    partner = next(c.iri for c in first.created if c.label == "Læseforeningen")
    assert store.quads(partner, RDF.type)  # still used by the plan
    [entry, _] = curation.history(store)
    assert (entry.activity, PROV.invalidated, junk) in {quad[:3] for quad in store.quads(entry.activity)}


# --------------------------------------------------------------------------- history and undo


def test_issue_11_history_is_prov_newest_first_and_undo_restores_each_write(tmp_path, store):
    states = [_data(store)]
    importer.import_plans(store, [_plan(tmp_path, "p.docx", ["Rævehulens Værksted"], "Ræve")], today=TODAY)
    states.append(_data(store))
    curation.merge(store, HERSTEDLUND, HERSTEDOESTER)
    states.append(_data(store))
    curation.delete_plan(store, FRIKVARTER)
    entries = curation.history(store)
    assert [entry.kind for entry in entries] == [MP.Deletion, MP.Merge, MP.Import]
    history = URIRef(BASE + HISTORY_GRAPH)
    record = {quad[1:3] for quad in store.quads(entries[2].activity) if quad[3] == history}
    assert (RDF.type, MP.Import) in record and (PROV.used, curation.file_entity(BASE, tmp_path / "p.docx")) in record
    # the public history names the file by its content and name, never by the folder it was in
    assert not any(str(tmp_path) in str(o) or tmp_path.name in str(o) for _, o in record)
    assert any(p == PROV.startedAtTime for p, _ in record) and any(p == MP.graphChange for p, _ in record)
    for expected in reversed(states):
        undone, outcome = curation.undo(store)
        assert _data(store) == expected, undone.kind
        assert outcome.kind == MP.Undo
    assert [entry.undone for entry in curation.history(store) if entry.kind != MP.Undo] == [True, True, True]
    with pytest.raises(NotFoundError):
        curation.undo(store)


def test_issue_11_a_write_prepared_before_another_write_is_refused(tmp_path, fresh_store):
    read = fresh_store.generation
    other = OxigraphStore(fresh_store.path)  # another process's write lands first
    curation.merge(other, HERSTEDLUND, HERSTEDOESTER)
    before = _data(fresh_store)
    statement = (URIRef("urn:x"), RDFS.label, Literal("x"), None)
    with pytest.raises(StoreBusyError) as caught:
        fresh_store.write_quads(add=[statement], based_on=read)
    assert "blev ændret af en anden skrivning" in caught.value.da
    assert _data(fresh_store) == before
    fresh_store.write_quads(add=[statement], based_on=fresh_store.generation)
    assert statement in _data(fresh_store)


# --------------------------------------------------------------------------- the command line


def test_issue_11_the_commands(cli):
    result = cli("merge", "Herstedlund Skole", "workplace/herstedoester-skole")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Flettede «Herstedøster Skole» ind i «Herstedlund Skole»: ")
    result = cli("delete", "plan/frikvarter", input="n\n")
    assert result.exit_code == 1 and "Slet målplanen «Aktive og trygge frikvarterer»" in result.output
    result = cli("delete", "--yes", "plan/frikvarter")
    assert result.exit_code == 0 and result.output.startswith("Slettede målplanen «Aktive og trygge frikvarterer»")
    lines = cli("history").output.splitlines()
    assert lines[0].split()[:3] == ["tidspunkt", "(UTC)", "handling"]
    assert [line.split()[2] for line in lines[2:]] == ["Sletning", "Fletning"]
    result = cli("undo")
    assert result.exit_code == 0 and result.output.startswith("Fortrød sletning fra ")
    assert "Aktive og trygge frikvarterer" in cli("plans").output
    result = cli("merge", "Herstedlund Skole", "Herstedlund Skole")
    assert result.exit_code == 1 and "med sig selv" in result.output
    result = cli("--lang", "en", "delete", "--yes", "Herstedlund Skole")
    assert result.exit_code == 1 and "is not a goal plan" in result.output
    for command in ("merge", "delete", "history", "undo"):
        assert cli(command, "--help").exit_code == 0


def test_issue_11_the_history_graph_is_reserved(tmp_path, cli):
    data = tmp_path / "x.ttl"
    data.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    result = cli("load", "--graph", BASE + HISTORY_GRAPH, str(data))
    assert result.exit_code == 1 and "historik" in result.output


def test_issue_11_a_merge_killed_halfway_leaves_the_store_whole(fresh_store, store):
    writes = []
    write = store._write
    store._write = lambda apply, first=False: writes.append(apply) or write(apply, first)
    curation.merge(store, HERSTEDLUND, HERSTEDOESTER)
    assert len(writes) == 1  # data and history in one write: the one the subprocess kills
    before = _data(fresh_store)
    code = textwrap.dedent(
        """
        import os, sys
        from rdflib import URIRef
        from malplan_graph import curation
        from malplan_graph.store import OxigraphStore
        store = OxigraphStore(sys.argv[1])
        write = store._write
        def killed(apply, first=False):
            def half(writer):
                apply(writer)  # every statement moved in the new generation …
                os._exit(9)  # … and killed before it is published
            return write(half, first)
        store._write = killed
        curation.merge(store, URIRef(sys.argv[2]), URIRef(sys.argv[3]))
        """
    )
    args = [str(fresh_store.path), HERSTEDLUND, HERSTEDOESTER]
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, timeout=120)
    assert result.returncode == 9, result.stderr
    reopened = OxigraphStore(fresh_store.path)
    assert _data(reopened) == before and not curation.history(reopened)
    curation.merge(reopened, HERSTEDLUND, HERSTEDOESTER)  # and the store takes the next write
    assert (HERSTEDOESTER, OWL.sameAs, HERSTEDLUND) in {quad[:3] for quad in reopened.quads(HERSTEDOESTER)}
    assert Literal("Herstedøster Skole", lang="da") in {q[2] for q in reopened.quads(HERSTEDLUND, SKOS.altLabel)}


# --------------------------------------------------------------------------- load, reset, pruning


def test_issue_11_load_and_reset_are_in_the_history_and_undo_stops_at_them(tmp_path, cli):
    data = tmp_path / "extra.ttl"
    data.write_text(f'<{BASE}workplace/ny> a <{MP}Workplace> ; <{RDFS}label> "Ny"@da .\n', encoding="utf-8")
    assert cli("merge", "Herstedlund Skole", "workplace/herstedoester-skole").exit_code == 0
    assert cli("load", str(data)).exit_code == 0
    store = OxigraphStore(cli.store_path)
    [load, merge] = curation.history(store)
    assert (load.kind, load.added, load.removed) == (MP.Load, 2, 0)
    assert load.used == [curation.file_entity(BASE, data)] and str(data.parent) not in str(load.used[0])
    lines = cli("history").output.splitlines()
    assert [line.split()[2] for line in lines[2:]] == ["Indlæsning", "Fletning"] and "extra.ttl" in lines[2]
    result = cli("undo")
    assert result.exit_code == 1 and "Fortryd når ikke forbi indlæsningen fra " in result.output
    assert (HERSTEDOESTER, OWL.sameAs, HERSTEDLUND) in {q[:3] for q in store.quads(HERSTEDOESTER)}  # unchanged
    before = len(_data(store))
    assert cli("reset", "--yes", "--empty").exit_code == 0
    store = OxigraphStore(cli.store_path)
    [reset, *earlier] = curation.history(store)
    assert reset.kind == MP.Reset and reset.removed == before and reset.added == 0
    assert [entry.activity for entry in earlier] == [load.activity, merge.activity]  # the history stays
    assert not _data(store)  # and nothing else does
    assert "Fortryd når ikke forbi nulstillingen fra " in cli("undo").output
    assert not list((cli.store_path / "history").glob("*.json"))  # undo reaches none: no undo data left


def test_issue_11_a_load_refused_records_nothing(tmp_path, store):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    with pytest.raises(InputError):
        curation.load(store, [bad])
    assert not curation.history(store)


def test_issue_11_undo_data_is_kept_only_for_what_undo_can_reach(tmp_path, fresh_store, monkeypatch):
    monkeypatch.setattr(curation, "UNDO_KEPT", 2)
    folder = fresh_store.path / "history"
    pairs = [
        ("bibliotek", "musikskolen"),
        ("egelundskolen", "kongsholmskolen"),
        ("ungdomsskolen", "herstedvester-skole"),
    ]
    for keep, other in pairs:
        curation.merge(fresh_store, iri(f"workplace/{keep}"), iri(f"workplace/{other}"))
    entries = curation.history(fresh_store)
    assert sorted(path.stem for path in folder.glob("*.json")) == sorted(
        str(entry.activity).rsplit("/", 1)[1] for entry in entries[:2]
    )
    curation.undo(fresh_store)  # the undone write's data goes, and the undo keeps none of its own
    assert [path.stem for path in folder.glob("*.json")] == [str(entries[1].activity).rsplit("/", 1)[1]]
    curation.undo(fresh_store)
    assert not list(folder.glob("*.json"))
    with pytest.raises(NotFoundError) as caught:  # the oldest is past the limit: said so, nothing changed
        curation.undo(fresh_store)
    assert "findes ikke længere i lageret" in caught.value.da
