"""Importing målplaner into the graph: names resolved, new resources listed, validated, atomic,
replaced on re-import, and the same graph after export and import again."""

from __future__ import annotations

import datetime as dt

import rdflib
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic

from malplan_graph.namespaces import MP, RDF, RDFS, XSD
from malplan_graph.word import importer, writer
from tests.conftest import BASE, TODAY, iri
from tests.core.word import builders


def _plan_graph(store, plan: URIRef) -> rdflib.Graph:
    return store.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{plan}> {{ ?s ?p ?o }} }}")


def test_import_resolves_names_creates_the_rest_and_validates(tmp_path, fresh_store):
    path = builders.table_layout(tmp_path / "Målplan - Læsebånd.docx")
    [result] = importer.import_plans(fresh_store, [path], today=TODAY)
    assert result.ok and result.label == "Læsebånd"
    plan = URIRef(BASE + "plan/laesebaand")
    assert result.plan == plan
    graph = _plan_graph(fresh_store, plan)
    assert set(graph.objects(plan, MP.workplace)) == {
        iri("workplace/herstedvester-skole"),
        iri("workplace/dagtilbud-vestervang"),
        iri("workplace/bibliotek"),
    }  # "Vestervang" is Dagtilbud Vestervang's alternative label
    assert graph.value(plan, MP.owner) == iri("manager/skolechef")
    assert graph.value(plan, MP.objective) == iri("objective/laesning")
    assert {c.label for c in result.created} == {"Læseforeningen"}
    partner = result.created[0].iri
    assert (plan, MP.partner, partner) in graph
    bogklub = URIRef(f"{plan}/action/2")
    assert set(graph.objects(bogklub, MP.startedBy)) == {iri("workplace/bibliotek"), partner}
    assert graph.value(URIRef(f"{plan}/action/1"), MP.startedBy) == iri("workplace/herstedvester-skole")
    signs = {
        graph.value(s, RDFS.label).toPython(): graph.value(s, MP.documentedBy) for s in graph.objects(plan, MP.sign)
    }
    assert signs == {
        "Flere lån blandt 8-10-årige": iri("data/udlaan"),
        "Flere elever fortæller om deres bog": iri("data/elevsamtaler"),
    }
    start = URIRef(f"{plan}/milestone/start-1")
    assert graph.value(start, MP.date) == Literal("2025-08-01", datatype=XSD.date)
    assert str(graph.value(start, MP.dateText)) == "1. august 2025"
    interims = sorted(graph.value(m, MP.date).toPython() for m in graph.subjects(RDF.type, MP.InterimEvaluation))
    assert interims == [dt.date(2026, 1, 1), dt.date(2027, 1, 1)]
    statuses = sorted(graph.value(m, MP.date).toPython() for m in graph.subjects(RDF.type, MP.StatusReport))
    assert statuses == [dt.date(2025, 8, 1), dt.date(2026, 8, 1)]
    assert result.report.conforms, [r.message_da for r in result.report.results]


def test_dry_run_writes_nothing(tmp_path, fresh_store):
    before = fresh_store.triple_count()
    [result] = importer.import_plans(fresh_store, [builders.heading_layout(tmp_path / "plan.docx")], dry_run=True)
    assert result.ok and result.report is not None
    assert fresh_store.triple_count() == before


def test_importing_again_replaces_the_plan(tmp_path, fresh_store):
    path = builders.table_layout(tmp_path / "plan.docx")
    importer.import_plans(fresh_store, [path], today=TODAY)
    first = _plan_graph(fresh_store, URIRef(BASE + "plan/plan"))
    fewer = {**builders.ANSWERS, "signs": ["Flere lån blandt 8-10-årige"], "data": ["Bibliotekets udlånstal"]}
    [result] = importer.import_plans(fresh_store, [builders.table_layout(path, fewer)], today=TODAY)
    assert result.replaced
    second = _plan_graph(fresh_store, result.plan)
    assert len(list(second.objects(result.plan, MP.sign))) == 1
    assert len(second) < len(first)
    assert fresh_store.ask(f"ASK {{ <{result.plan}> a <{MP.GoalPlan}> }}")


def test_export_then_import_gives_the_same_graph(tmp_path, fresh_store):
    [first] = importer.import_plans(fresh_store, [builders.edited_layout(tmp_path / "Læsebånd.docx")], today=TODAY)
    before = _plan_graph(fresh_store, first.plan)
    writer.write_plan(fresh_store, first.plan, tmp_path / "exported.docx")
    [second] = importer.import_plans(fresh_store, [tmp_path / "exported.docx"], today=TODAY)
    assert second.plan == first.plan and second.replaced and not second.created
    assert isomorphic(_plan_graph(fresh_store, second.plan), before)


def test_an_example_plan_written_out_and_read_back_replaces_the_old_and_keeps_its_iris(tmp_path, fresh_store):
    writer.write_plan(fresh_store, iri("plan/frikvarter"), tmp_path / "frikvarter.docx")
    [result] = importer.import_plans(fresh_store, [tmp_path / "frikvarter.docx"], today=TODAY)
    assert result.plan == iri("plan/frikvarter") and result.replaced
    goals = [row["g"] for row in fresh_store.select(f"SELECT ?g WHERE {{ <{result.plan}> <{MP.goal}> ?g }}")]
    assert goals == [iri("goal/frikvarter-1")]
    labels = fresh_store.select(f"SELECT ?l WHERE {{ <{iri('action/frikvarter-1')}> <{RDFS.label}> ?l }}")
    assert len(list(labels)) == 1  # replaced, not written twice
    assert not fresh_store.ask(f"ASK {{ <{result.plan}/action/1> ?p ?o }}")


def test_one_bad_file_does_not_stop_the_others(tmp_path, fresh_store):
    good = builders.heading_layout(tmp_path / "god.docx")
    bad = builders.letter(tmp_path / "brev.docx")
    results = importer.import_plans(fresh_store, [bad, good], today=TODAY)
    assert [r.ok for r in results] == [False, True]
    assert "er ikke en målplan" in results[0].error.da
    assert fresh_store.ask(f"ASK {{ <{results[1].plan}> a <{MP.GoalPlan}> }}")


def test_the_blank_template_has_every_heading_and_question(tmp_path):
    import docx

    from malplan_graph.word.template import SECTIONS

    writer.write_template(tmp_path / "blank.docx")
    text = "\n".join(
        p.text for t in docx.Document(tmp_path / "blank.docx").tables for c in t._cells for p in c.paragraphs
    )
    for section in SECTIONS:
        assert section.heading in text
        for question in section.questions:
            assert question.text in text


def test_two_files_for_one_plan_in_one_import(tmp_path, fresh_store):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = builders.table_layout(tmp_path / "a" / "plan.docx")
    second = builders.heading_layout(tmp_path / "b" / "plan.docx")
    results = importer.import_plans(fresh_store, [first, second], today=TODAY)
    assert results[0].ok and not results[1].ok
    assert "er samme målplan" in results[1].error.da


def test_who_starts_what_in_the_forms_people_write(tmp_path, fresh_store):
    answers = {
        **builders.ANSWERS,
        "workplaces": ["Ejendomscentret", "Herstedøster Skole"],
        "actions": ["Natsænkning af varme og ventilation", "Energipatrulje i frikvartererne"],
        "starters": [
            "Ejendomscentret iværksætter natsænkning af varme og ventilation",
            "Herstedøster Skole: Energipatrulje",
            "Noget helt andet, som ingen prøvehandling hedder",
        ],
    }
    [result] = importer.import_plans(fresh_store, [builders.heading_layout(tmp_path / "energi.docx", answers)])
    graph = result.graph
    assert graph.value(URIRef(f"{result.plan}/action/1"), MP.startedBy) == iri("workplace/ejendomscentret")
    assert graph.value(URIRef(f"{result.plan}/action/2"), MP.startedBy) == iri("workplace/herstedoester-skole")
    assert result.notes == [("starter-unmatched", "Noget helt andet, som ingen prøvehandling hedder")]
    assert (
        str(graph.value(result.plan, rdflib.namespace.SKOS.note)) == "Noget helt andet, som ingen prøvehandling hedder"
    )


def test_typed_numbers_and_brackets_around_names(tmp_path, fresh_store):
    answers = {
        **builders.ANSWERS,
        "workplaces": ["1. Herstedvester Skole (Center for Børn og Skole)", "2) Albertslund Bibliotek"],
    }
    [result] = importer.import_plans(fresh_store, [builders.bold_layout(tmp_path / "plan.docx", answers)])
    assert set(result.graph.objects(result.plan, MP.workplace)) == {
        iri("workplace/herstedvester-skole"),
        iri("workplace/bibliotek"),
    }
    assert not [c for c in result.created if c.cls == MP.Workplace]


def test_a_title_inherited_from_the_template_does_not_merge_plans(tmp_path, fresh_store):
    first = builders.table_layout(tmp_path / "Målplan - Læsebånd.docx", title="Målplan skabelon")
    second = builders.table_layout(tmp_path / "Målplan - Bogklub.docx", title="Målplan skabelon")
    results = importer.import_plans(fresh_store, [first, second], today=TODAY)
    assert [r.label for r in results] == ["Læsebånd", "Bogklub"]
    assert results[0].plan != results[1].plan and all(r.ok for r in results)
    named = builders.table_layout(tmp_path / "Plan 7.docx", title="Læsning for alle")
    [result] = importer.import_plans(fresh_store, [named], today=TODAY)
    # the document's title names the plan, not its file name (issue 11 §4)
    assert result.label == "Læsning for alle" and result.plan == URIRef(BASE + "plan/laesning-for-alle")
