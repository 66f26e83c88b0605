"""Every example plan (written as RDF) through `export-docx`, Word's format as python-docx and as
LibreOffice write it, and `import` again: the same graph, with every text, date, link and IRI.

Compared is what the plan holds: the statements about the plan and its parts (importer.plan_parts)
before, and the plan's own named graph after. Left out on both sides is `mp:contributesTo`, which
the store derives from the other links; the import's provenance lives in another graph.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from malplan_graph import queries
from malplan_graph.namespaces import MP, RDF, RDFS
from malplan_graph.store import OxigraphStore
from malplan_graph.word import hidden, importer, writer
from tests.conftest import TODAY, iri
from tests.core.word.libreoffice import needs_libreoffice, resave


def _held(store, plan: URIRef) -> rdflib.Graph:
    """What the example says about the plan and its parts."""
    parts = importer.plan_parts(store, plan)
    graph = rdflib.Graph()
    for triple in store.neighbourhood(plan):
        if triple[0] in parts and triple[1] != MP.contributesTo:
            graph.add(triple)
    return graph


def _imported(store, plan: URIRef) -> rdflib.Graph:
    graph = store.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{plan}> {{ ?s ?p ?o }} }}")
    graph.remove((None, MP.contributesTo, None))
    return graph


def _differences(before: rdflib.Graph, after: rdflib.Graph) -> str:
    _, lost, added = graph_diff(to_isomorphic(before), to_isomorphic(after))
    return "\n".join([*(f"- {t}" for t in sorted(lost)), *(f"+ {t}" for t in sorted(added))])


@pytest.fixture(scope="module")
def exported(tmp_path_factory, example_store) -> dict[URIRef, Path]:
    """Every example plan written into the template, once."""
    folder = tmp_path_factory.mktemp("exported")
    plans = sorted(row["plan"] for row in queries.run(example_store, "plans"))
    paths = {}
    for plan in plans:
        paths[plan] = folder / f"{plan.rsplit('/', 1)[-1]}.docx"
        writer.write_plan(example_store, plan, paths[plan])
    return paths


@pytest.fixture(scope="module")
def resaved(tmp_path_factory, exported) -> dict[URIRef, Path]:
    """The same documents opened and saved by LibreOffice (one run for all)."""
    folder = tmp_path_factory.mktemp("resaved")
    return dict(zip(exported, resave(list(exported.values()), folder), strict=True))


def _round_trip(tmp_path, example_store, documents: dict[URIRef, Path]) -> None:
    store = OxigraphStore(tmp_path / "store")
    results = importer.import_plans(store, list(documents.values()), today=TODAY)
    assert all(result.ok for result in results), [str(result.error) for result in results if not result.ok]
    assert len(documents) == 12
    for plan in documents:
        before, after = _held(example_store, plan), _imported(store, plan)
        assert isomorphic(before, after), f"{plan}:\n{_differences(before, after)}"


def test_every_example_plan_survives_export_and_import(tmp_path, example_store, exported):
    _round_trip(tmp_path, example_store, exported)


@needs_libreoffice
def test_every_example_plan_survives_export_libreoffice_and_import(tmp_path, example_store, resaved):
    _round_trip(tmp_path, example_store, resaved)


@needs_libreoffice
def test_libreoffice_keeps_the_hidden_data(exported, resaved):
    plan = iri("plan/rehabilitering")
    assert hidden.read(exported[plan]) == hidden.read(resaved[plan])
    found, entries = hidden.read(resaved[plan])
    assert found == str(plan)
    assert [e.iri for e in entries if e.part == "evaluation"] == [
        iri("evaluation/rehabilitering-1"),
        iri("evaluation/rehabilitering-2"),
    ]


def _edited(path: Path, target: Path, old: str, new: str) -> Path:
    document = docx.Document(str(path))
    for paragraph in (p for table in document.tables for cell in table._cells for p in cell.paragraphs):
        if paragraph.text == old:
            for run in paragraph.runs[1:]:
                run.text = ""
            paragraph.runs[0].text = new
    document.save(str(target))
    return target


def test_visible_text_wins_over_the_hidden_data(tmp_path, fresh_store, exported):
    plan = iri("plan/frikvarter")
    old = "Flere elever svarer, at de er glade for frikvartererne"
    path = _edited(exported[plan], tmp_path / "frikvarter.docx", old, "Flere elever leger i frikvartererne")
    [result] = importer.import_plans(fresh_store, [path], today=TODAY)
    assert result.ok
    graph = _imported(fresh_store, plan)
    signs = {str(graph.value(sign, RDFS.label)): sign for sign in graph.objects(plan, MP.sign)}
    assert old not in signs
    # the changed sign is a new one; the unchanged keeps its IRI
    assert signs["Flere elever leger i frikvartererne"] not in (iri("sign/frikvarter-1"), iri("sign/frikvarter-2"))
    assert signs["Færre konflikter i frikvartererne, som gårdvagterne skal løse"] == iri("sign/frikvarter-2")


def _with_hidden(path: Path, target: Path, change) -> Path:
    """A copy of the document whose hidden data `change` has rewritten (as a hostile author would)."""
    plan, entries = hidden.read(path)
    data = {"version": hidden.VERSION, "plan": plan, "parts": [hidden._encode(e) for e in entries]}
    change(data)
    document = docx.Document(str(path))
    rels = document.part.package.rels
    for rel_id in [rel_id for rel_id, rel in rels.items() if rel.reltype == hidden.CUSTOM_RELATION]:
        del rels[rel_id]
    hidden.attach_text(document, json.dumps(data))
    document.save(str(target))
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist().count("docProps/custom.xml") == 1
    return target


def test_hidden_data_cannot_take_another_plans_or_the_ontologys_resources(tmp_path, fresh_store, exported):
    plan = iri("plan/frikvarter")
    victims = [iri("goal/laeselyst-1"), iri("workplace/bibliotek"), MP.Goal, URIRef("not an iri")]

    def hostile(data):
        parts = [raw for raw in data["parts"] if raw["part"] in ("goal", "sign", "evaluation")]
        for raw, victim in zip(parts, victims, strict=False):
            raw["iri"] = str(victim)
            raw["statements"].append([str(RDFS.comment), {"text": "overtaget", "lang": "da"}])
        data["parts"].append(
            {"part": "evaluation", "iri": str(iri("evaluation/energi-1")), "shown": False, "statements": []}
        )
        data["parts"].append(
            {
                "part": "evaluation",
                "iri": f"{plan}/evaluation/fake",
                "shown": False,
                "statements": [
                    [str(RDF.type), {"iri": str(MP.GoalPlan)}],
                    [str(MP.contributesTo), {"iri": str(iri("vision/albertslund"))}],
                ],
            }
        )

    path = _with_hidden(exported[plan], tmp_path / "frikvarter.docx", hostile)
    before = {str(v): _held_about(fresh_store, v) for v in victims[:3] + [iri("evaluation/energi-1")]}
    [result] = importer.import_plans(fresh_store, [path], today=TODAY)
    assert result.ok
    for victim, statements in before.items():
        assert _held_about(fresh_store, URIRef(victim)) == statements, victim
    graph = _imported(fresh_store, plan)
    assert not set(graph.subjects(RDFS.comment, Literal("overtaget", lang="da")))
    assert not set(graph.objects(plan, MP.evaluation)) & {iri("evaluation/energi-1")}
    fake = URIRef(f"{plan}/evaluation/fake")  # under the plan's name: a part, but only an evaluation
    assert set(graph.objects(fake, RDF.type)) == {MP.Evaluation}
    assert not fresh_store.ask(f"ASK {{ <{fake}> <{MP.contributesTo}> <{iri('vision/albertslund')}> }}")


def _held_about(store, node: URIRef) -> set:
    return store.match(subject=str(node))


def test_a_document_without_hidden_data_or_with_garbage_still_imports(tmp_path, fresh_store, exported):
    plan = iri("plan/frikvarter")

    def garbage(data):
        data["parts"] = [{"part": "goal", "iri": 7}, "x", {"part": "sign"}]

    path = _with_hidden(exported[plan], tmp_path / "frikvarter.docx", garbage)
    assert hidden.read(path) == (str(plan), [])
    [result] = importer.import_plans(fresh_store, [path], today=TODAY)
    assert result.ok and result.plan == plan
    assert isomorphic(_imported(fresh_store, plan), _imported_plain(tmp_path, exported[plan], plan))


def _imported_plain(tmp_path, path: Path, plan: URIRef) -> rdflib.Graph:
    """The plan as imported from its visible text alone (no hidden data)."""
    document = docx.Document(str(path))
    rels = document.part.package.rels
    for rel_id in [rel_id for rel_id, rel in rels.items() if rel.reltype == hidden.CUSTOM_RELATION]:
        del rels[rel_id]
    plain = tmp_path / "plain" / path.name
    plain.parent.mkdir()
    document.save(str(plain))
    store = OxigraphStore(tmp_path / "plain-store")
    importer.import_plans(store, [plain], today=TODAY)
    return _imported(store, plan)
