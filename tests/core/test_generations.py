"""The store folder when its pointer, its description or a write is lost (issue 10): no command
deletes a generation it did not write and cannot prove incomplete or older than the one it
replaced; what cannot be recovered is said, with how to recover it."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from malplan_graph.errors import StoreError
from malplan_graph.store import OxigraphStore
from malplan_graph.store.generations import MARKER, META, POINTER


def _store_with_data(tmp_path: Path) -> OxigraphStore:
    store = OxigraphStore(tmp_path / "store")
    data = tmp_path / "egne.ttl"
    data.write_text("<http://example.org/egne> <http://example.org/p> 'mine data' .\n", encoding="utf-8")
    store.load([data])
    return store


def _mine(store: OxigraphStore) -> bool:
    return store.ask("ASK { <http://example.org/egne> ?p 'mine data' }")


def _generations(path: Path) -> set[str]:
    return {child.name for child in path.glob("gen-*")}


@pytest.mark.parametrize("pointer", ["missing", "empty"])
def test_issue_10_a_lost_pointer_finds_the_newest_complete_generation(tmp_path, cli, pointer):
    store = _store_with_data(tmp_path)
    generations = _generations(store.path)
    if pointer == "missing":
        (store.path / POINTER).unlink()
    else:
        (store.path / POINTER).write_text("", encoding="utf-8")
    stats = cli("--store", str(store.path), "stats")
    assert stats.exit_code == 0, stats.output
    assert _generations(store.path) == generations  # a reading command deleted nothing
    reopened = OxigraphStore(store.path)
    assert _mine(reopened)
    more = tmp_path / "mere.ttl"
    more.write_text("<http://example.org/mere> <http://example.org/p> 'o' .\n", encoding="utf-8")
    assert reopened.load([more]) == 1
    assert _mine(OxigraphStore(store.path))
    assert (store.path / POINTER).read_text(encoding="utf-8") == reopened.generation


def test_issue_10_a_lost_pointer_without_markers_stops_and_deletes_nothing(tmp_path, cli):
    """A store from before the markers: which generation is whole cannot be told."""
    store = _store_with_data(tmp_path)
    for marker in store.path.glob(f"gen-*/{MARKER}"):
        marker.unlink()
    (store.path / META).write_text(json.dumps({"base": store.base}), encoding="utf-8")
    newest = store.generation
    (store.path / POINTER).unlink()
    generations = _generations(store.path)
    result = cli("--store", str(store.path), "stats")
    assert result.exit_code == 1
    [line] = result.output.splitlines()
    assert line.startswith(f"Lagerets peger {store.path / POINTER} mangler eller er tom, og det kan ikke afgøres")
    assert "Intet er slettet." in line and all(name in line for name in generations)
    assert _generations(store.path) == generations
    (store.path / POINTER).write_text(newest, encoding="utf-8")  # the recovery the message describes
    assert _mine(OxigraphStore(store.path))


def test_a_store_from_before_the_markers_is_marked_at_its_next_write(tmp_path):
    store = _store_with_data(tmp_path)
    for marker in store.path.glob(f"gen-*/{MARKER}"):
        marker.unlink()
    (store.path / META).write_text(json.dumps({"base": store.base}), encoding="utf-8")
    current = store.generation
    store.reset(example=True)
    assert _generations(store.path) == {current, store.generation}
    assert json.loads((store.path / current / MARKER).read_text())["sequence"] == 0


def test_issue_10_a_pointer_to_a_missing_generation_says_how_to_recover(tmp_path):
    store = _store_with_data(tmp_path)
    newest = store.generation
    (store.path / POINTER).write_text("gen-borte", encoding="utf-8")
    with pytest.raises(StoreError) as caught:
        OxigraphStore(store.path)
    assert caught.value.da == (
        f"Lagerets peger {store.path / POINTER} nævner generationen gen-borte, som ikke findes. Den nyeste hele "
        f"generation er {newest}: skriv dens navn i {store.path / POINTER} for at bruge den."
    )


def test_issue_10_a_broken_description_is_recovered_from_the_marker_or_explained(tmp_path):
    store = _store_with_data(tmp_path)
    (store.path / META).write_text("{ikke json", encoding="utf-8")
    recovered = OxigraphStore(store.path)
    assert recovered.base == store.base and _mine(recovered)
    recovered.reset(example=True)  # the next write describes the store again
    assert json.loads((store.path / META).read_text(encoding="utf-8")) == {"base": store.base, "format": 2}
    (store.path / META).write_text("{ikke json", encoding="utf-8")
    for marker in store.path.glob(f"gen-*/{MARKER}"):
        marker.unlink()
    with pytest.raises(StoreError) as caught:
        OxigraphStore(store.path)
    assert caught.value.da.startswith(f"Lagerets beskrivelse {store.path / META} er ødelagt (")
    assert "ret eller gendan filen" in caught.value.da


def test_issue_10_a_killed_write_is_cleaned_up_by_the_next_and_nothing_else(tmp_path):
    store = _store_with_data(tmp_path)
    previous = store.generation
    code = textwrap.dedent(
        """
        import os, sys
        from malplan_graph.store import OxigraphStore
        store = OxigraphStore(sys.argv[1])
        def apply(writer):
            os._exit(9)  # killed halfway through a write
        store._write(apply)
        """
    )
    result = subprocess.run([sys.executable, "-c", code, str(store.path)], capture_output=True, timeout=120)
    assert result.returncode == 9
    dead = _generations(store.path) - {previous} - {p.parent.name for p in store.path.glob(f"gen-*/{MARKER}")}
    assert len(dead) == 1  # the killed write's folder, unmarked
    assert _mine(OxigraphStore(store.path))
    store.reset(example=True)
    assert _generations(store.path) == {previous, store.generation}


def test_only_generations_older_than_the_replaced_one_are_collected(tmp_path):
    store = _store_with_data(tmp_path)
    first = store.generation
    store.reset(example=True)
    second = store.generation
    # the pointer set back by hand to the older generation: the newer one is kept
    (store.path / POINTER).write_text(first, encoding="utf-8")
    store.reset(example=False)
    third = store.generation
    assert _generations(store.path) == {first, second, third}
    store.reset(example=False)
    assert _generations(store.path) == {third, store.generation}


def test_issue_10_a_generation_whose_marker_cannot_be_read_is_kept(tmp_path):
    """Only a missing marker proves a killed write; a damaged one proves nothing."""
    store = _store_with_data(tmp_path)
    store.reset(example=True)
    damaged = store.generation
    store.reset(example=False)
    (store.path / damaged / MARKER).write_text("{ikke json", encoding="utf-8")
    (store.path / POINTER).write_text(store.generation, encoding="utf-8")
    store.reset(example=True)
    assert damaged in _generations(store.path)
