"""Gaps and cross-department links on the example return what the data holds."""

from __future__ import annotations

from malplan_graph import analysis
from malplan_graph.namespaces import MP
from tests.conftest import TODAY, iri


def test_gaps_on_the_example(example_store):
    found = {(gap.kind, gap.resource, gap.plan) for gap in analysis.gaps(example_store, today=TODAY)}
    assert found == {
        ("objectives-without-plan", iri("objective/digital-inklusion"), None),
        ("objectives-without-plan", iri("objective/sund-mad"), None),
        ("objectives-without-plan", iri("objective/mental-sundhed"), None),
        ("signs-without-data", iri("sign/rekruttering-1"), iri("plan/rekruttering")),
        ("actions-without-starter", iri("action/rekruttering-1"), iri("plan/rekruttering")),
        ("challenges-unaddressed", iri("challenge/digital-udstoedelse"), None),
        ("evaluations-overdue", iri("milestone/energi-eval-2"), iri("plan/energi")),
    }


def test_gap_titles_are_danish_and_english(example_store):
    gap = analysis.gaps(example_store, today=TODAY)[0]
    assert gap.title("da") == "Målsætninger uden målplan"
    assert gap.title("en") == "Objectives without a goal plan"


def test_overdue_evaluations_depend_on_the_day(example_store):
    early = {gap.resource for gap in analysis.gaps(example_store, today=TODAY.replace(year=2025, month=1))}
    assert iri("milestone/energi-eval-2") not in early


def _pair(links, a, b):
    for link in links:
        if {link.a.iri, link.b.iri} == {iri(a), iri(b)}:
            return link
    return None


def test_cross_department_links(example_store):
    found = analysis.links(example_store)
    assert found == sorted(found, key=lambda link: (-link.score, link.a.label, link.b.label))
    for link in found:
        assert link.a.centre != link.b.centre
    library = _pair(found, "workplace/bibliotek", "workplace/boernehuset-solsikken")
    assert {(s.kind, s.iri) for s in library.shared} == {
        ("objective", iri("objective/laesning")),
        ("trialAction", iri("action/laeselyst-1")),
        ("targetGroup", iri("target-group/boern-0-6")),
        ("targetGroup", iri("target-group/skoleboern")),
    }
    assert library.score == 3 + 2 + 1 + 1
    assert library.plans == (iri("plan/laeselyst"),)
    # Workplaces in one centre are never paired.
    assert _pair(found, "workplace/herstedlund-skole", "workplace/kongsholmskolen") is None


def test_new_links_are_pairs_without_a_common_plan(example_store):
    new = analysis.links(example_store, new_only=True)
    assert new and all(not link.plans for link in new)
    school_health = _pair(new, "workplace/herstedlund-skole", "workplace/sundhedscentret")
    assert ("objective", iri("objective/trivsel")) in {(s.kind, s.iri) for s in school_health.shared}
    assert _pair(new, "workplace/bibliotek", "workplace/boernehuset-solsikken") is None


def test_workplaces_in_different_municipalities_are_not_linked(tmp_path, empty_store):
    rows = []
    for town in ("a", "b"):
        rows.append(
            f"""<municipality/{town}> a mp:Municipality .
<centre/{town}1> a mp:Centre ; mp:inMunicipality <municipality/{town}> .
<centre/{town}2> a mp:Centre ; mp:inMunicipality <municipality/{town}> .
<workplace/{town}1> a mp:Workplace ; rdfs:label "{town}1" ; mp:centre <centre/{town}1> .
<workplace/{town}2> a mp:Workplace ; rdfs:label "{town}2" ; mp:centre <centre/{town}2> .
<plan/{town}> a mp:GoalPlan ; mp:workplace <workplace/{town}1> , <workplace/{town}2> ; mp:targetGroup <target-group/shared> ."""
        )
    (tmp_path / "towns.ttl").write_text(
        "@prefix mp: <https://w3id.org/malplan/def#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        + "\n".join(rows),
        encoding="utf-8",
    )
    empty_store.load([tmp_path / "towns.ttl"])
    pairs = {frozenset((link.a.label, link.b.label)) for link in analysis.links(empty_store)}
    assert pairs == {frozenset(("a1", "a2")), frozenset(("b1", "b2"))}


#: Issue 11: a plan whose politik is a second politik, written as staff write it, that is not
#: linked to the vision; its objective, goal, trial action and the plan stop there.
SECOND_POLICY = """@prefix mp: <https://w3id.org/malplan/def#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<policy/boerne-og-ungepolitikken> a mp:Policy ; rdfs:label "Børne- og ungepolitikken"@da .
<objective/flere-bevaeger-sig> a mp:Objective ; rdfs:label "Flere børn bevæger sig"@da ;
    mp:statedIn <policy/boerne-og-ungepolitikken> .
<plan/skole-bevaegelse> a mp:GoalPlan ; rdfs:label "Bevægelse i skolen"@da ;
    mp:policy <policy/boerne-og-ungepolitikken> ; mp:objective <objective/flere-bevaeger-sig> ;
    mp:goal <goal/skole-bevaegelse-1> ; mp:trialAction <action/skole-bevaegelse-1> .
<goal/skole-bevaegelse-1> a mp:Goal ; rdfs:label "Alle elever bevæger sig hver dag"@da ;
    mp:fulfils <objective/flere-bevaeger-sig> .
<action/skole-bevaegelse-1> a mp:TrialAction ; rdfs:label "Aktive frikvarterer"@da ;
    mp:servesGoal <goal/skole-bevaegelse-1> .
"""


def load_second_policy(store, folder) -> None:
    """Add the plan under the unlinked second politik to `store`."""
    path = folder / "second-policy.ttl"
    path.write_text(SECOND_POLICY, encoding="utf-8")
    store.load([path])


def test_issue_11_chain_short_of_the_vision_is_a_gap(tmp_path, fresh_store):
    load_second_policy(fresh_store, tmp_path)
    found = [gap for gap in analysis.gaps(fresh_store, today=TODAY) if gap.kind == "not-reaching-vision"]
    assert {(gap.resource, gap.plan) for gap in found} == {
        (iri("objective/flere-bevaeger-sig"), None),
        (iri("plan/skole-bevaegelse"), iri("plan/skole-bevaegelse")),
        (iri("goal/skole-bevaegelse-1"), iri("plan/skole-bevaegelse")),
        (iri("action/skole-bevaegelse-1"), iri("plan/skole-bevaegelse")),
    }
    for gap in found:
        assert [(stop.iri, stop.level, stop.label) for stop in gap.stops] == [
            (iri("policy/boerne-og-ungepolitikken"), MP.Policy, "Børne- og ungepolitikken")
        ]
    assert found[0].title("da") == "Prøvehandlinger, mål, målsætninger og målplaner, der ikke når visionen"


def test_issue_11_a_resource_with_nothing_above_it_stops_at_itself(tmp_path, empty_store):
    (tmp_path / "lone.ttl").write_text(
        "@prefix mp: <https://w3id.org/malplan/def#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<goal/lone> a mp:Goal ; rdfs:label "Et mål uden målsætning"@da .\n',
        encoding="utf-8",
    )
    empty_store.load([tmp_path / "lone.ttl"])
    (gap,) = [gap for gap in analysis.gaps(empty_store, today=TODAY) if gap.kind == "not-reaching-vision"]
    assert [(stop.iri, stop.level_label) for stop in gap.stops] == [(iri("goal/lone"), "Mål")]


def test_issue_11_an_undated_evaluation_is_no_overdue_gap(tmp_path, fresh_store):
    # The template has no date for the evaluation: one filled in without a date counts as made.
    (tmp_path / "undated.ttl").write_text(
        "@prefix mp: <https://w3id.org/malplan/def#> .\n"
        "<plan/energi> mp:evaluation <evaluation/energi-undated> .\n"
        '<evaluation/energi-undated> a mp:Evaluation ; mp:effects "Lavere forbrug"@da .\n',
        encoding="utf-8",
    )
    fresh_store.load([tmp_path / "undated.ttl"])
    assert "evaluations-overdue" not in {gap.kind for gap in analysis.gaps(fresh_store, today=TODAY)}
