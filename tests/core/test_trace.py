"""Trace: known paths from a trial action to the vision, everything below an objective, names."""

from __future__ import annotations

import json

import pytest

from malplan_graph import render, trace
from malplan_graph.errors import AmbiguousNameError, NotFoundError
from malplan_graph.namespaces import MP
from tests.conftest import iri
from tests.core.test_analysis import SECOND_POLICY, load_second_policy


def test_trial_action_traces_up_to_the_vision_by_both_paths(example_store):
    result = trace.trace_up(example_store, iri("action/frikvarter-1"))
    assert result.paths == [
        [iri("action/frikvarter-1"), iri("goal/frikvarter-1"), iri("objective/trivsel"), iri("vision/albertslund")],
        [
            iri("action/frikvarter-1"),
            iri("goal/frikvarter-1"),
            iri("objective/trivsel"),
            iri("policy/boerne-og-ungepolitik"),
            iri("vision/albertslund"),
        ],
    ]
    relations = [link.relation for link in result.path_links(result.paths[1])]
    assert relations == [MP.servesGoal, MP.fulfils, MP.statedIn, MP.pursues]
    assert [link.relation_label for link in result.path_links(result.paths[0])] == [
        "tjener målet",
        "indfrier",
        "konkretiserer",
    ]
    assert result.nodes[iri("vision/albertslund")].level == MP.Vision


def test_budget_agreement_path(example_store):
    result = trace.trace_up(example_store, iri("action/vild-natur-1"))
    assert [
        iri("action/vild-natur-1"),
        iri("goal/vild-natur-1"),
        iri("objective/groenne-byrum"),
        iri("budget-agreement/2025-2028"),
        iri("vision/albertslund"),
    ] in result.paths


def test_the_vision_traces_to_itself(example_store):
    assert trace.trace_up(example_store, iri("vision/albertslund")).paths == [[iri("vision/albertslund")]]


def test_everything_below_an_objective(example_store):
    result = trace.trace_down(example_store, iri("objective/trivsel"))
    below = set(result.nodes)
    assert {
        iri("plan/frikvarter"),
        iri("plan/mental-trivsel"),
        iri("goal/frikvarter-1"),
        iri("goal/mental-trivsel-1"),
        iri("action/frikvarter-3"),
        iri("sign/mental-trivsel-2"),
    } <= below
    assert iri("plan/laeselyst") not in below
    assert all(path[-1] == iri("objective/trivsel") for path in result.paths)
    assert [iri("action/frikvarter-1"), iri("goal/frikvarter-1"), iri("objective/trivsel")] in result.paths


def test_everything_below_the_vision_reaches_every_plan(example_store):
    result = trace.trace_down(example_store, iri("vision/albertslund"))
    plans = [n for n in result.nodes.values() if n.level == MP.GoalPlan]
    assert len(plans) == 12


def test_resolve_by_iri_prefixed_name_path_and_label(example_store):
    assert trace.resolve(example_store, str(iri("plan/frikvarter"))) == iri("plan/frikvarter")
    assert trace.resolve(example_store, "mp:GoalPlan") == MP.GoalPlan
    assert trace.resolve(example_store, "plan/frikvarter") == iri("plan/frikvarter")
    assert trace.resolve(example_store, "  herstedlund   SKOLE ") == iri("workplace/herstedlund-skole")
    assert trace.resolve(example_store, "Biblioteket") == iri("workplace/bibliotek")


def test_unknown_and_ambiguous_names(tmp_path, empty_store):
    with pytest.raises(NotFoundError, match="ingen ressource"):
        trace.resolve(empty_store, "Findes ikke")
    (tmp_path / "twins.ttl").write_text(
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n@prefix mp: <https://w3id.org/malplan/def#> .\n"
        '<workplace/a> a mp:Workplace ; rdfs:label "Skolen"@da .\n<partner/b> a mp:Partner ; rdfs:label "skolen"@da .\n',
        encoding="utf-8",
    )
    empty_store.load([tmp_path / "twins.ttl"])
    with pytest.raises(AmbiguousNameError) as error:
        trace.resolve(empty_store, "Skolen")
    assert len(error.value.candidates) == 2
    assert "Arbejdsplads" in error.value.da and "Samarbejdspartner" in error.value.da


def test_a_resource_only_named_by_others_has_no_paths_and_an_unknown_one_is_not_found(tmp_path, empty_store):
    (tmp_path / "named.ttl").write_text(
        "<plan/p> <https://w3id.org/malplan/def#workplace> <workplace/only-named> .\n", encoding="utf-8"
    )
    empty_store.load([tmp_path / "named.ttl"])
    named = trace.trace_up(empty_store, iri("workplace/only-named"))
    assert named.paths == [[iri("workplace/only-named")]]  # it is its own top: nothing above it
    assert trace.trace_down(empty_store, iri("workplace/only-named")).start.iri == iri("workplace/only-named")
    with pytest.raises(NotFoundError):
        trace.trace_up(empty_store, iri("workplace/nowhere"))


def test_which_traces_a_resource_has_follows_the_store(tmp_path, empty_store):
    goal, objective = iri("goal/g"), iri("objective/o")
    assert trace.directions(empty_store, goal) == (False, False)
    (tmp_path / "goal.ttl").write_text(
        "<goal/g> <https://w3id.org/malplan/def#fulfils> <objective/o> .\n", encoding="utf-8"
    )
    empty_store.load([tmp_path / "goal.ttl"])
    assert trace.directions(empty_store, goal) == (True, False)  # the store changed: so does the answer
    assert trace.directions(empty_store, objective) == (False, True)


def test_issue_11_trace_says_where_the_chain_stops(tmp_path, fresh_store):
    load_second_policy(fresh_store, tmp_path)
    result = trace.trace_up(fresh_store, iri("action/skole-bevaegelse-1"))
    assert not result.reaches_vision
    assert [node.iri for node in result.stops] == [iri("policy/boerne-og-ungepolitikken")]
    assert result.paths == [
        [
            iri("action/skole-bevaegelse-1"),
            iri("goal/skole-bevaegelse-1"),
            iri("objective/flere-bevaeger-sig"),
            iri("policy/boerne-og-ungepolitikken"),
        ]
    ]
    text = render.trace_text(result, "da").splitlines()
    assert "Veje op til visionen:" not in text
    assert "  Politik «Børne- og ungepolitikken» er ikke knyttet til visionen" in text
    assert json.loads(render.trace_json(result))["reachesVision"] is False


def test_issue_11_a_chain_that_reaches_the_vision_has_no_stops(example_store):
    result = trace.trace_up(example_store, iri("action/frikvarter-1"))
    assert result.reaches_vision and result.stops == []
    assert trace.trace_up(example_store, iri("vision/albertslund")).reaches_vision


def test_issue_11_cli_trace_exits_1_short_of_the_vision(tmp_path, cli):
    (tmp_path / "second-policy.ttl").write_text(SECOND_POLICY, encoding="utf-8")
    assert cli("load", str(tmp_path / "second-policy.ttl")).exit_code == 0
    short = cli("trace", "Aktive frikvarterer")
    assert short.exit_code == 1
    assert "  Politik «Børne- og ungepolitikken» er ikke knyttet til visionen" in short.output.splitlines()
    assert cli("--lang", "en", "trace", "policy/boerne-og-ungepolitikken").exit_code == 1
    assert cli("trace", "action/frikvarter-1").exit_code == 0
    assert cli("trace", "--down", "policy/boerne-og-ungepolitikken").exit_code == 0


def test_issue_11_a_resource_beside_the_chain_has_no_paths_and_no_stops(example_store):
    result = trace.trace_up(example_store, iri("workplace/bibliotek"))
    assert not result.reaches_vision and result.stops == []
    assert "  " + "Ingen veje: ressourcen er ikke knyttet til kæden." in render.trace_text(result).splitlines()
