"""The search index: Danish stems, names and texts, groups by level, and no query syntax
from the user."""

from __future__ import annotations

import csv
import io

import pytest
from rdflib import Literal

from malplan_graph import search
from malplan_graph.namespaces import MP, RDF, RDFS
from tests.conftest import iri


def _found(store, text):
    found = search.search(store, text)
    return {hit.iri: group.level for group in found.groups for hit in group.hits}


def test_a_word_finds_other_forms_of_it_by_its_danish_stem(example_store):
    found = _found(example_store, "ensomhed")
    # "Færre ældre føler sig ensomme": another form of the word, in the objective's name.
    assert found[iri("objective/ensomhed")] == MP.Objective
    assert found[iri("challenge/ensomhed")] == MP.Challenge
    assert _found(example_store, "ensomme") == found


def test_hits_are_grouped_by_level_in_chain_order_with_the_ontologys_names(example_store):
    found = search.search(example_store, "ensomhed")
    levels = [group.level for group in found.groups]
    assert levels == sorted(levels, key=list(search.CHAIN_ORDER).index)
    assert len(levels) == len(set(levels)) >= 3
    assert [group.title("da") for group in found.groups][:2] == ["Udfordring", "Målsætning"]
    assert found.groups[0].title("en") == "Challenge"
    assert found.count == sum(len(group.hits) for group in found.groups)


def test_texts_are_found_not_only_names(example_store):
    # "Legepatruljerne udvides til mellemtrinnet": only in an evaluation's adjustment.
    found = _found(example_store, "mellemtrinnet")
    assert found == {iri("evaluation/frikvarter-1"): MP.Evaluation}


def test_every_word_must_match_and_a_word_is_a_prefix(example_store):
    both = _found(example_store, "frikvarter herstedlund")
    assert iri("action/frikvarter-1") in both and iri("action/frikvarter-2") not in both
    assert iri("action/frikvarter-1") in _found(example_store, "herstedl")


def test_a_resource_without_a_name_is_shown_by_its_text(example_store):
    found = search.search(example_store, "legeområderne ansvar")
    (hit,) = [hit for group in found.groups for hit in group.hits if hit.level == MP.Learning]
    assert hit.name("da").startswith("Eleverne tager mere ansvar")


@pytest.mark.parametrize(
    "hostile",
    [
        '" OR * NEAR(',
        "ensomhed*",
        "-x",
        "NOT",
        "name:ensom",
        "^ensom",
        "(",
        '"',
        "a AND",
        "ensom OR",
        "\x00",
        "*" * 500,
    ],
)
def test_query_syntax_from_the_user_is_only_words(example_store, hostile):
    found = search.search(example_store, hostile)  # no sqlite3.OperationalError
    assert found.count >= 0
    assert search.search(example_store, f"{hostile} ensomhed").count <= search.search(example_store, "ensomhed").count


def test_fts_operators_are_searched_as_words_not_obeyed(example_store):
    assert _found(example_store, "ensomhed OR frikvarter") == {}  # "or" is a word no text has
    assert _found(example_store, "ensomhed*") == _found(example_store, "ensomhed")


def test_an_empty_query_finds_nothing(example_store):
    assert search.search(example_store, "").count == 0
    assert search.search(example_store, " ,.;- ").count == 0


def test_ontology_terms_are_not_hits(example_store):
    found = _found(example_store, "målplan")
    assert MP.GoalPlan not in found and all(not str(hit).startswith(str(MP)) for hit in found)


def test_the_index_is_rebuilt_when_the_store_changes(fresh_store):
    assert _found(fresh_store, "kvadratrodsfest") == {}
    before = search.index(fresh_store)
    assert search.index(fresh_store) is before  # kept while nothing changes
    fresh_store.write_quads(
        add=[
            (iri("objective/fest"), RDF.type, MP.Objective, None),
            (iri("objective/fest"), RDFS.label, Literal("Kvadratrodsfester for alle", lang="da"), None),
        ]
    )
    assert _found(fresh_store, "kvadratrodsfest") == {iri("objective/fest"): MP.Objective}


def test_the_command_line_searches_like_the_web(cli):
    result = cli("search", "ensomhed")
    assert result.exit_code == 0
    assert "Målsætning (2)" in result.output and "Færre ældre føler sig ensomme" in result.output
    rows = list(csv.DictReader(io.StringIO(cli("--lang", "en", "search", "--format", "csv", "ensomhed").output)))
    assert {
        "level": "Objective",
        "name": "Færre ældre føler sig ensomme",
        "iri": str(iri("objective/ensomhed")),
    } in rows
    assert cli("--lang", "en", "search", "xyzzyq").output.strip() == "Nothing matches «xyzzyq»."
    nothing = cli("search", ",;")
    assert nothing.exit_code == 1 and "Skriv mindst ét ord" in nothing.output
