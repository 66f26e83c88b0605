"""Names meet (issue 11 §1): the way a Dane writes a name finds the resource the graph holds;
a near name is a suggestion, never a silent merge; lists split only where the parts are
separate things; accepted names are matched by the next import."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from malplan_graph.namespaces import MP, SKOS
from malplan_graph.word import importer, matching
from malplan_graph.word.builder import _NAMED
from malplan_graph.word.lists import split_names
from malplan_graph.word.names import Acceptance, NameIndex
from tests.conftest import TODAY, iri
from tests.core.word import builders


@pytest.fixture(scope="module")
def index(example_store) -> NameIndex:
    return NameIndex(example_store)


@pytest.mark.parametrize(
    ("written", "cls", "expected"),
    [
        ("Børne- og ungepolitikken", MP.Policy, "policy/boerne-og-ungepolitik"),
        ("børne- og ungepolitik", MP.Policy, "policy/boerne-og-ungepolitik"),
        ("Børne og ungepolitik", MP.Policy, "policy/boerne-og-ungepolitik"),
        ("Børne-  og  ungepolitik.", MP.Policy, "policy/boerne-og-ungepolitik"),
        ("Klima & bæredygtighedspolitik", MP.Policy, "policy/klimapolitik"),
        ("Sundhedspolitikken", MP.Policy, "policy/sundhedspolitik"),
        ("Ejendomscenteret", MP.Workplace, "workplace/ejendomscentret"),
        ("Materielgaarden", MP.Workplace, "workplace/materielgaarden"),
        ("Ejendomscentret", MP.Workplace, "workplace/ejendomscentret"),
        ("EJENDOMSCENTER", MP.Workplace, "workplace/ejendomscentret"),
        ("Sundhedscenteret", MP.Workplace, "workplace/sundhedscentret"),
        ("Træningscenter", MP.Workplace, "workplace/traeningscentret"),
        ("Idrætscenteret", MP.Workplace, "workplace/idraetscentret"),
        ("Plejecenteret Humlehaven", MP.Workplace, "workplace/humlehaven"),
        ("Musikteateret Albertslund", MP.Workplace, "workplace/musikteatret"),
        ("Herstedvester skole", MP.Workplace, "workplace/herstedvester-skole"),
        ("Team Klima & Energi", MP.Workplace, "workplace/klima-og-energi"),
        ("Skolechef Lene Vestergaard", MP.Manager, "manager/skolechef"),
        ("Lene Vestergaard, skolechef", MP.Manager, "manager/skolechef"),
        ("Lene Vestergaard (skolechef)", MP.Manager, "manager/skolechef"),
        ("Lene Vestergaard", MP.Manager, "manager/skolechef"),
        ("Skolechefen", MP.Manager, "manager/skolechef"),
        ("Jobcenterchef Karim Nasser", MP.Manager, "manager/jobcenterchef"),
        ("Familier med børn", MP.TargetGroup, "target-group/familier"),
        ("familie med børn", MP.TargetGroup, "target-group/familier"),
        ("Den nationale trivselsmåling", MP.DataSource, "data/trivselsmaaling"),
        ("Ældresagen albertslund", MP.Partner, "partner/aeldresagen"),
    ],
)
def test_a_name_as_danes_write_it_finds_the_resource(index, written, cls, expected):
    assert index.find(written, (cls,)) == iri(expected)


@pytest.mark.parametrize(
    ("written", "cls", "expected"),
    [
        ("Budgetaftale 2025", MP.BudgetAgreement, "budget-agreement/2025-2028"),
        ("PPR", MP.Workplace, "workplace/ppr"),
        ("Børne og unge politik", MP.Policy, "policy/boerne-og-ungepolitik"),
        ("Herstedvestre Skole", MP.Workplace, "workplace/herstedvester-skole"),
    ],
)
def test_a_near_name_is_a_suggestion_not_a_match(index, written, cls, expected):
    assert index.find(written, (cls,)) is None
    assert index.near(written, cls).iri == iri(expected)


@pytest.mark.parametrize(
    ("written", "cls"),
    [
        ("Læseforeningen", MP.Partner),
        ("Skole", MP.Workplace),
        ("Sundhedscentret", MP.Partner),  # a workplace's name is no partner's
        ("Maria Holm", MP.Workplace),
        ("Skolechef Maria Holm", MP.Manager),  # Maria Holm holds another post
    ],
)
def test_a_name_the_graph_does_not_hold_finds_nothing(index, written, cls):
    assert index.find(written, (cls,)) is None


def test_the_normal_form_is_one_for_the_ways_of_writing_centre():
    assert len({matching.key(name) for name in ("Centret", "Centeret", "Center", "centre")}) == 1
    assert matching.key("Børne- og ungepolitikken") == matching.key("Børne & ungepolitik")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Center for By, Miljø og Teknik", ["Center for By, Miljø og Teknik"]),
        ("Børn, unge og deres forældre", ["Børn, unge og deres forældre"]),
        ("Skolebørn og deres forældre", ["Skolebørn og deres forældre"]),
        ("Albertslund Bibliotek og Læseforeningen", ["Albertslund Bibliotek", "Læseforeningen"]),
        ("Herstedvester Skole, Vestervang", ["Herstedvester Skole", "Vestervang"]),
        ("Herstedlund Skole og biblioteket", ["Herstedlund Skole", "biblioteket"]),
        ("Ejendomscenteret & Team Klima og Energi", ["Ejendomscenteret", "Team Klima og Energi"]),
        ("Team Sport og Bevægelse", ["Team Sport og Bevægelse"]),
        ("Center for Kultur, Idræt og Fritid", ["Center for Kultur, Idræt og Fritid"]),
        ("Læseforeningen, Ældrerådet og Røde Kors", ["Læseforeningen", "Ældrerådet", "Røde Kors"]),
        ("Lene Vestergaard, skolechef", ["Lene Vestergaard, skolechef"]),
        ("1. Herstedvester Skole (Center for Børn og Skole)", ["Herstedvester Skole"]),
        ("Kongsholmskolen; Egelundskolen", ["Kongsholmskolen", "Egelundskolen"]),
    ],
)
def test_lists_split_only_where_the_parts_are_separate_things(index, line, expected):
    assert split_names(line, lambda name: index.find(name, _NAMED, trusted=True) is not None) == expected


def _plan(tmp_path, name: str, **answers) -> object:
    return builders.table_layout(tmp_path / f"{name}.docx", {**builders.ANSWERS, **answers})


def test_issue_11_names_meet_in_a_whole_import(tmp_path, fresh_store):
    path = _plan(
        tmp_path,
        "Navne",
        workplaces=["Ejendomscenteret, Sundhedscenteret", "Albertslund Idrætsforening"],
        owner=["Skolechef Lene Vestergaard"],
        policy=["Børne- og ungepolitikken"],
        **{"target-groups": ["Skolebørn og deres forældre", "Familier med børn"]},
    )
    [result] = importer.import_plans(fresh_store, [path], today=TODAY)
    graph = result.graph
    assert set(graph.objects(result.plan, MP.workplace)) == {
        iri("workplace/ejendomscentret"),
        iri("workplace/sundhedscentret"),
    }
    # a partner named under ARBEJDSPLADSER stays a partner
    assert iri("partner/albertslund-if") in set(graph.objects(result.plan, MP.partner))
    assert graph.value(result.plan, MP.owner) == iri("manager/skolechef")
    assert graph.value(result.plan, MP.policy) == iri("policy/boerne-og-ungepolitik")
    groups = {c.label for c in result.created if c.cls == MP.TargetGroup}
    assert groups == {"Skolebørn og deres forældre"}
    assert not [c for c in result.created if c.cls != MP.TargetGroup and c.label != "Læseforeningen"]


def test_junk_an_import_created_does_not_split_a_later_line(tmp_path, fresh_store):
    first = _plan(tmp_path, "Første", **{"target-groups": ["Deres forældre"]})
    [one] = importer.import_plans(fresh_store, [first], today=TODAY)
    assert {c.label for c in one.created if c.cls == MP.TargetGroup} == {"Deres forældre"}
    second = _plan(tmp_path, "Anden", **{"target-groups": ["Nyankomne og Deres forældre"]})
    [two] = importer.import_plans(fresh_store, [second], today=TODAY)
    assert {c.label for c in two.created if c.cls == MP.TargetGroup} == {"Nyankomne og Deres forældre"}


def test_a_near_name_is_suggested_and_accepting_it_lets_the_next_import_match(tmp_path, cli):
    path = _plan(
        tmp_path, "Budget", policy=["Budgetaftale 2025"], objective=["Flere grønne byrum med plads til vild natur"]
    )
    result = cli("import", str(path), "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    assert "Mente du «Budgetaftale 2025-2028»?" in result.output
    assert "Budgetaftale: Budgetaftale 2025" in result.output  # created meanwhile, as before
    english = cli("--lang", "en", "import", str(path), "--dry-run")
    assert "Did you mean «Budgetaftale 2025-2028»?" in english.output
    accepted = cli("import", str(path), "--accept", "Budgetaftale 2025=Budgetaftale 2025-2028")
    assert accepted.exit_code == 0, accepted.output
    assert "«Budgetaftale 2025» er «Budgetaftale 2025-2028» (godkendt" in accepted.output
    assert "Mente du" not in accepted.output
    again = cli("import", str(path))
    assert "Mente du" not in again.output and "godkendt" not in again.output
    from malplan_graph.store import OxigraphStore

    store = OxigraphStore(cli.store_path)
    agreement = iri("budget-agreement/2025-2028")
    assert (agreement, SKOS.altLabel, Literal("Budgetaftale 2025", lang="da")) in set(
        (q[0], q[1], q[2]) for q in store.quads(agreement, SKOS.altLabel, None)
    )
    plan = URIRef(iri("plan/budget"))
    assert store.quads(plan, MP.policy, agreement)
    # the resource the first import created is gone with the plan that used it
    assert not store.quads(iri("budget-agreement/budgetaftale-2025"), None, None)


def test_accept_all_and_a_malformed_accept(tmp_path, cli):
    path = _plan(tmp_path, "Alle", policy=["Børne og unge politik"])
    result = cli("import", str(path), "--accept-all")
    assert "«Børne og unge politik» er «Børne- og ungepolitik» (godkendt" in result.output
    bad = cli("import", str(path), "--accept", "uden lighedstegn")
    assert bad.exit_code == 1 and "--accept «uden lighedstegn»" in bad.output and "Traceback" not in bad.output


def test_accepting_after_the_import_merges_the_created_into_the_candidate(tmp_path, fresh_store):
    path = _plan(tmp_path, "Efter", workplaces=["PPR"])
    [result] = importer.import_plans(fresh_store, [path], today=TODAY)
    [suggestion] = result.suggestions
    assert suggestion.candidate == iri("workplace/ppr") and suggestion.created is not None
    accepted = importer.accept_suggestion(fresh_store, str(suggestion.created), str(suggestion.candidate))
    assert (accepted.written, accepted.candidate_label) == ("PPR", "PPR Albertslund")
    assert fresh_store.quads(result.plan, MP.workplace, iri("workplace/ppr"))
    [again] = importer.import_plans(fresh_store, [path], today=TODAY)
    assert not again.suggestions and not again.created
    assert iri("workplace/ppr") in set(again.graph.objects(again.plan, MP.workplace))


def test_acceptance_names_the_candidate_by_name_or_iri(index):
    near = index.near("Budgetaftale 2025", MP.BudgetAgreement)
    assert Acceptance.parse(["budgetaftale 2025 = budgetaftale 2025-2028"]).accepts("Budgetaftale 2025", near)
    assert Acceptance.parse([f"Budgetaftale 2025={near.iri}"]).accepts("Budgetaftale 2025", near)
    assert not Acceptance.parse(["Budgetaftale 2025=Sundhedspolitik"]).accepts("Budgetaftale 2025", near)


def test_issue_11_a_centre_named_under_workplaces_is_one_name(tmp_path, fresh_store):
    path = _plan(tmp_path, "Center", workplaces=["Center for By, Miljø og Teknik"])
    [result] = importer.import_plans(fresh_store, [path], today=TODAY)
    assert [c.label for c in result.created if c.cls == MP.Workplace] == ["Center for By, Miljø og Teknik"]
    assert len(set(result.graph.objects(result.plan, MP.workplace))) == 1
