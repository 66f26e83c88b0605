"""Word as staff write it (issue 11 §4): pair tables, headings in many forms, headings the
template lacks, numbered lists, footnotes, several goals, titles, one file name for two plans and
the English template. Every layout is built with python-docx and again as LibreOffice saves it,
and the tests assert the graph's links, not only that nothing failed."""

from __future__ import annotations

import shutil

import pytest
from rdflib import URIRef

from malplan_graph import render
from malplan_graph.namespaces import MP, RDFS, SKOS
from malplan_graph.word import importer, reader
from tests.conftest import BASE, TODAY, iri
from tests.core.word import builders
from tests.core.word.libreoffice import resave

LAYOUTS = {
    "pairs-header": lambda p: builders.pair_table_layout(p, header=True),
    "pairs-plain": lambda p: builders.pair_table_layout(p, header=False),
    "pairs-second-question": lambda p: builders.pair_table_layout(p, header=True, where="second"),
    "pairs-under-heading": lambda p: builders.pair_table_layout(p, header=False, where="heading"),
    "pairs-nested": lambda p: builders.nested_pair_layout(p, header=False),
    "pairs-nested-header": lambda p: builders.nested_pair_layout(p, header=True),
    "variant-headings": builders.variant_heading_layout,
    "variant-headings-styled": lambda p: builders.variant_heading_layout(p, style="styled"),
    "typo": lambda p: builders.variant_heading_layout(p, {"objective": "Målsætnig", "signs": "Tgen"}),
    "unrecognised": lambda p: builders.variant_heading_layout(
        p,
        {},
        {
            "owner": ("Økonomi", ["200.000 kr. fra puljen", "Herstedvester Skole betaler resten"]),
            "actions": ("BAGGRUND", ["Læsning er faldet siden 2022."]),
        },
    ),
    "extra-row": builders.extra_row_layout,
    "english": builders.english_layout,
    "numbered": builders.numbered_layout,
    "several-goals": builders.several_goals_layout,
    "goal-table": builders.goal_table_layout,
    "title-paragraph": lambda p: builders.titled_layout(p, title="Målplan – Bevægelse i skolen"),
    "title-properties": lambda p: builders.titled_layout(p, core_title="Målplan: Læsning for alle"),
    "title-both": lambda p: builders.titled_layout(p, title="Læselyst i 3. klasse", core_title="Gammel titel"),
    "same-name-a": builders.table_layout,
    "same-name-b": lambda p: builders.table_layout(
        p,
        {
            **builders.ANSWERS,
            "workplaces": ["Herstedøster Skole"],
            "objective": ["Flere børn og unge bevæger sig hver dag"],
        },
    ),
}
WRITERS = ["python-docx", "libreoffice"]


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """Every layout as python-docx writes it and as LibreOffice saves it again (one run)."""
    folder = tmp_path_factory.mktemp("layouts")
    written = {name: make(folder / f"{name}.docx") for name, make in LAYOUTS.items()}
    saved = resave(list(written.values()), folder / "libreoffice")
    return {"python-docx": written, "libreoffice": dict(zip(written, saved, strict=True))}


def _import(store, path, **kwargs):
    [result] = importer.import_plans(store, [path], today=TODAY, **kwargs)
    assert result.ok, result.error and result.error.da
    return result


def _names(store, nodes) -> set[str]:
    """The labels of `nodes` in the store (after the import wrote them)."""
    found = set()
    for node in nodes:
        rows = store.select(f"SELECT ?l WHERE {{ <{node}> <{RDFS.label}>|<{SKOS.prefLabel}> ?l }}")
        found.update(str(row["l"]) for row in rows)
    return found


def _pairs(store, result, part, link) -> dict[str, set[str]]:
    graph = result.graph
    return {
        str(graph.value(node, RDFS.label)): _names(store, graph.objects(node, link))
        for node in graph.objects(result.plan, part)
    }


EXPECTED_SIGNS = {
    "Flere lån blandt 8-10-årige": {"Bibliotekets udlånstal", "Nationale test i læsning"},
    "Flere elever fortæller om deres bog": {"Observationer og elevsamtaler", "Den nationale trivselsmåling"},
}
EXPECTED_ACTIONS = {
    "Læsebånd hver morgen": {"Herstedvester Skole"},
    "Bogklub i biblioteket om eftermiddagen": {"Albertslund Bibliotek", "Læseforeningen"},
}


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("layout", [name for name in LAYOUTS if name.startswith("pairs")])
def test_pair_tables_link_every_sign_to_its_data_and_every_action_to_its_starters(
    documents, fresh_store, writer, layout
):
    result = _import(fresh_store, documents[writer][layout])
    assert _pairs(fresh_store, result, MP.sign, MP.documentedBy) == EXPECTED_SIGNS
    assert _pairs(fresh_store, result, MP.trialAction, MP.startedBy) == EXPECTED_ACTIONS
    assert result.report.conforms, [r.message_da for r in result.report.results]
    assert not result.notes


def _read(path) -> dict[str, list[str]]:
    return {key: [line.text for line in lines] for key, lines in reader.read_plan(path).answers.items()}


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("layout", ["variant-headings", "variant-headings-styled", "english"])
def test_headings_in_the_forms_staff_write_and_in_english_read_every_answer(documents, writer, layout):
    assert _read(documents[writer][layout]) == builders.ANSWERS


@pytest.mark.parametrize("writer", WRITERS)
def test_a_heading_with_one_letter_wrong_is_recognised(documents, writer):
    plan = reader.read_plan(documents[writer]["typo"])
    assert plan.text("objective") == "Flere børn læser med lyst og forståelse"
    assert [line.text for line in plan.lines("signs")] == builders.ANSWERS["signs"]
    assert not plan.unrecognised


@pytest.mark.parametrize("writer", WRITERS)
def test_an_unrecognised_heading_is_a_note_and_never_part_of_the_field_before(documents, fresh_store, writer):
    result = _import(fresh_store, documents[writer]["unrecognised"])
    graph = result.graph
    assert graph.value(result.plan, MP.owner) == iri("manager/skolechef")  # not three owners
    actions = [str(graph.value(a, RDFS.label)) for a in graph.objects(result.plan, MP.trialAction)]
    assert sorted(actions) == sorted(builders.ANSWERS["actions"])  # not "Baggrund"'s text
    notes = {str(note) for note in graph.objects(result.plan, SKOS.note)}
    assert notes == {
        "Økonomi\n200.000 kr. fra puljen\nHerstedvester Skole betaler resten",
        "BAGGRUND\nLæsning er faldet siden 2022.",
    }
    assert result.notes == [
        ("heading-unknown", "Økonomi", {"after": "EJER AF MÅLPLAN"}),
        ("heading-unknown", "BAGGRUND", {"after": "PRØVEHANDLINGER"}),
    ]
    text = render.import_text([result], "da")
    assert "Overskriften «Økonomi» (efter «EJER AF MÅLPLAN») findes ikke i skabelonen" in text
    assert "The heading «BAGGRUND» (after «PRØVEHANDLINGER»)" in render.import_text([result], "en")


@pytest.mark.parametrize("writer", WRITERS)
def test_a_row_the_template_table_lacks_is_a_note_too(documents, fresh_store, writer):
    result = _import(fresh_store, documents[writer]["extra-row"])
    assert result.graph.value(result.plan, MP.owner) == iri("manager/skolechef")
    assert {str(n) for n in result.graph.objects(result.plan, SKOS.note)} == {"Økonomi\n200.000 kr. fra puljen"}
    assert result.notes == [("heading-unknown", "Økonomi", {"after": "EJER AF MÅLPLAN"})]
    assert _read(documents[writer]["extra-row"]) == builders.ANSWERS


@pytest.mark.parametrize("writer", WRITERS)
def test_numbers_are_not_part_of_the_items_and_a_footnote_stays_with_its_answer(documents, fresh_store, writer):
    plan = reader.read_plan(documents[writer]["numbered"])
    assert [line.text for line in plan.lines("signs")] == [
        f"Flere lån blandt 8-10-årige ({builders.FOOTNOTE})",
        "Flere elever fortæller om deres bog",
    ]
    assert [line.text for line in plan.lines("actions")] == builders.ANSWERS["actions"]
    assert [line.text for line in plan.lines("data")] == builders.ANSWERS["data"]
    assert [line.text for line in plan.lines("workplaces")] == builders.ANSWERS["workplaces"]
    assert plan.text("start") == "1. august 2025"  # a date keeps its "1."
    result = _import(fresh_store, documents[writer]["numbered"])
    assert _names(fresh_store, result.graph.objects(result.plan, MP.workplace)) == {
        "Herstedvester Skole",
        "Dagtilbud Vestervang",
        "Albertslund Bibliotek",
    }


@pytest.mark.parametrize("writer", WRITERS)
def test_several_goals_each_with_their_own_signs_and_actions(documents, fresh_store, writer):
    result = _import(fresh_store, documents[writer]["several-goals"])
    graph = result.graph
    goals = {str(graph.value(g, RDFS.label)): g for g in graph.objects(result.plan, MP.goal)}
    assert set(goals) == {text for text, _ in builders.GOALS.values()}
    for number, (text, signs) in builders.GOALS.items():
        mine = {str(graph.value(s, RDFS.label)) for s in graph.subjects(MP.signOf, goals[text])}
        assert mine == set(signs)
        served = {str(graph.value(a, RDFS.label)) for a in graph.subjects(MP.servesGoal, goals[text])}
        assert served == set(builders.GOAL_ACTIONS[number])
        assert graph.value(goals[text], MP.fulfils) == iri("objective/laesning")


@pytest.mark.parametrize("writer", WRITERS)
def test_a_table_of_goal_sign_and_data_gives_each_goal_its_own_signs(documents, fresh_store, writer):
    result = _import(fresh_store, documents[writer]["goal-table"])
    graph = result.graph
    goals = {str(graph.value(g, RDFS.label)): g for g in graph.objects(result.plan, MP.goal)}
    assert set(goals) == {text for text, _ in builders.GOALS.values()}  # the list and the table: two goals
    signs = {
        text: {str(graph.value(s, RDFS.label)) for s in graph.subjects(MP.signOf, goal)} for text, goal in goals.items()
    }
    assert signs == {
        builders.GOALS[1][0]: {"Flere lån blandt 8-10-årige", "Flere elever fortæller om deres bog"},
        builders.GOALS[2][0]: {"Flere forældre i bogklubben"},
    }
    assert _pairs(fresh_store, result, MP.sign, MP.documentedBy) == {
        "Flere lån blandt 8-10-årige": {"Bibliotekets udlånstal"},
        "Flere elever fortæller om deres bog": {"Observationer og elevsamtaler"},
        "Flere forældre i bogklubben": {"Medlemstal fra foreningerne"},
    }


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize(
    ("layout", "title"),
    [
        ("title-paragraph", "Bevægelse i skolen"),
        ("title-properties", "Læsning for alle"),
        ("title-both", "Læselyst i 3. klasse"),
        ("same-name-a", "same-name-a"),
        # the translated template's own title is no plan's name
        ("english", "english"),
    ],
)
def test_the_title_is_the_documents_and_the_file_name_only_the_last_resort(documents, writer, layout, title):
    from malplan_graph.word.names import plan_label

    assert plan_label(reader.read_plan(documents[writer][layout])) == title


@pytest.mark.parametrize("writer", WRITERS)
def test_two_plans_in_files_of_one_name_never_overwrite_each_other(documents, fresh_store, tmp_path, writer):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = shutil.copy(documents[writer]["same-name-a"], tmp_path / "a" / "Målplan.docx")
    second = shutil.copy(documents[writer]["same-name-b"], tmp_path / "b" / "Målplan.docx")
    one = _import(fresh_store, first)
    two = _import(fresh_store, second)
    assert one.plan != two.plan and not two.replaced
    assert one.plan == URIRef(BASE + "plan/maalplan")
    plans = {row["plan"] for row in fresh_store.select(f"SELECT ?plan WHERE {{ ?plan a <{MP.GoalPlan}> }}")}
    assert {one.plan, two.plan} <= plans
    # each importing again is recognised as the same plan, and replaces it
    again = _import(fresh_store, second)
    assert again.plan == two.plan and again.replaced and again.replaced_label == "Målplan"
    assert "(erstatter den tidligere udgave af «Målplan»)" in render.import_text([again], "da")
    assert _import(fresh_store, first).plan == one.plan
    # and in one import, they are two plans as well
    both = importer.import_plans(fresh_store, [first, second], today=TODAY)
    assert [r.ok for r in both] == [True, True] and both[0].plan != both[1].plan


@pytest.mark.parametrize("writer", WRITERS)
def test_an_evaluation_without_a_date_is_no_warning(documents, fresh_store, writer):
    """The template asks for no date for the evaluation; messages name parts as written."""
    result = _import(fresh_store, documents[writer]["pairs-header"])
    assert not [r for r in result.report.results if r.severity != "Info"]
    graph = result.graph
    [evaluation] = graph.objects(result.plan, MP.evaluation)
    assert graph.value(evaluation, MP.date) is not None  # ANSWERS' degree has "januar 2026"
    undated = builders.table_layout(
        documents[writer]["pairs-header"].parent / "undated.docx",
        {**builders.ANSWERS, "degree": ["Delvist indfriet: 40 % læser en bog om måneden."]},
    )
    result = _import(fresh_store, undated)
    # no warning, and no hint that the passed interim evaluation (januar 2026) was not made
    assert [(r.severity, r.message_da) for r in result.report.results] == []
    assert result.report.conforms


def test_one_plan_in_two_files_of_one_name_is_still_one_plan(tmp_path, fresh_store):
    """Also when its objective and workplaces are new to the graph (the first file creates them)."""
    answers = {**builders.ANSWERS, "objective": ["En helt ny målsætning"], "workplaces": ["Ny Skole"]}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = builders.table_layout(tmp_path / "a" / "Målplan.docx", answers)
    second = builders.heading_layout(tmp_path / "b" / "Målplan.docx", answers)
    results = importer.import_plans(fresh_store, [first, second], today=TODAY)
    assert results[0].ok and not results[1].ok
    assert "er samme målplan («Målplan»)" in results[1].error.da


def test_a_corrected_file_replaces_its_plan_and_leaves_no_second_one(tmp_path, fresh_store):
    """The first import missed the objective (a heading it did not know); the corrected file,
    with the objective and the same workplaces, replaces that plan instead of adding a second."""
    misread = {**builders.ANSWERS, "objective": []}
    first = _import(fresh_store, builders.table_layout(tmp_path / "Målplan.docx", misread))
    corrected = _import(fresh_store, builders.table_layout(tmp_path / "Målplan.docx", builders.ANSWERS))
    assert corrected.plan == first.plan and corrected.replaced
    # a plan of the same title that shares neither the objective nor a workplace is another plan
    other = {
        **builders.ANSWERS,
        "workplaces": ["Herstedøster Skole"],
        "objective": ["Flere børn og unge bevæger sig hver dag"],
    }
    third = _import(fresh_store, builders.table_layout(tmp_path / "Målplan.docx", other))
    assert third.plan != first.plan and not third.replaced
