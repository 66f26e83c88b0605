"""The ontology parses, names every level as users know it, and aligns with W3C vocabularies."""

import pytest
import rdflib
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from malplan_graph import labels, resources
from malplan_graph.namespaces import MP, ONTOLOGY_IRI, ORG, PROV, VANN

ONTOLOGY = rdflib.Graph().parse(resources.ontology_path(), format="turtle")
CLASSES = sorted(s for s in ONTOLOGY.subjects(RDF.type, OWL.Class) if isinstance(s, rdflib.URIRef) and s.startswith(MP))
PROPERTIES = sorted(
    s
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty)
    for s in ONTOLOGY.subjects(RDF.type, kind)
    if s.startswith(MP)
)

USER_TERMS = {
    MP.Vision: "Vision",
    MP.Challenge: "Udfordring",
    MP.Policy: "Politik",
    MP.BudgetAgreement: "Budgetaftale",
    MP.Objective: "Målsætning",
    MP.GoalPlan: "Målplan",
    MP.Goal: "Mål",
    MP.Sign: "Tegn",
    MP.TrialAction: "Prøvehandling",
    MP.Evaluation: "Evaluering",
    MP.Learning: "Læring",
    MP.Milestone: "Milepæl",
    MP.MilestonePlan: "Milepælsplan",
    MP.TargetGroup: "Målgruppe",
    MP.Workplace: "Arbejdsplads",
}


def _langs(subject, predicate) -> set[str]:
    return {o.language for o in ONTOLOGY.objects(subject, predicate)}


def test_has_classes_and_properties():
    assert len(CLASSES) >= 25
    assert len(PROPERTIES) >= 40


@pytest.mark.parametrize("term", CLASSES + PROPERTIES, ids=str)
def test_every_term_has_danish_and_english_label_and_definition(term):
    assert {"da", "en"} <= _langs(term, RDFS.label)
    assert {"da", "en"} <= _langs(term, SKOS.definition)


@pytest.mark.parametrize(("cls", "danish"), USER_TERMS.items(), ids=str)
def test_class_label_is_the_term_users_know(cls, danish):
    assert labels.label(cls, "da") == danish
    assert labels.label(cls, "en")


def test_contributes_to_is_transitive_and_every_upward_link_sits_under_it():
    assert (MP.contributesTo, RDF.type, OWL.TransitiveProperty) in ONTOLOGY
    upward = set(ONTOLOGY.subjects(RDFS.subPropertyOf, MP.contributesTo))
    assert {MP.servesGoal, MP.signOf, MP.fulfils, MP.objective, MP.statedIn, MP.concretises, MP.pursues} <= upward


def test_objective_comes_from_a_policy_or_a_budget_agreement():
    union = ONTOLOGY.value(MP.PoliticalBasis, OWL.unionOf)
    assert set(rdflib.collection.Collection(ONTOLOGY, union)) == {MP.Policy, MP.BudgetAgreement}
    assert ONTOLOGY.value(MP.statedIn, RDFS.range) == MP.PoliticalBasis
    assert ONTOLOGY.value(MP.addresses, RDFS.range) == MP.Challenge


def test_aligned_with_w3c_vocabularies():
    assert (MP.Workplace, RDFS.subClassOf, ORG.OrganizationalUnit) in ONTOLOGY
    assert (MP.Municipality, RDFS.subClassOf, ORG.FormalOrganization) in ONTOLOGY
    assert (MP.Manager, RDFS.subClassOf, ORG.Post) in ONTOLOGY
    assert (MP.TrialAction, RDFS.subClassOf, PROV.Activity) in ONTOLOGY
    assert (MP.Evaluation, RDFS.subClassOf, PROV.Activity) in ONTOLOGY
    assert (MP.TargetGroup, RDFS.subClassOf, SKOS.Concept) in ONTOLOGY
    assert (MP.startedBy, RDFS.subPropertyOf, PROV.wasAssociatedWith) in ONTOLOGY
    assert (None, RDF.type, rdflib.URIRef("http://purl.org/linked-data/cube#DataStructureDefinition")) in ONTOLOGY
    bmm = {str(o) for o in ONTOLOGY.objects(None, SKOS.closeMatch)}
    for name in ("Vision", "Goal", "Objective", "CourseOfAction", "Influencer"):
        assert f"https://www.omg.org/spec/BMM/{name}" in bmm


def test_ontology_metadata():
    for predicate in (DCTERMS.title, DCTERMS.description, OWL.versionInfo, DCTERMS.license, DCTERMS.creator):
        assert ONTOLOGY.value(ONTOLOGY_IRI, predicate) is not None, predicate
    assert str(ONTOLOGY.value(ONTOLOGY_IRI, VANN.preferredNamespacePrefix)) == "mp"


def test_glossary_names_every_user_term():
    glossary = (resources.ontology_path().parent / "README.md").read_text(encoding="utf-8")
    for cls, danish in USER_TERMS.items():
        assert f"| {danish} |" in glossary
        assert f"`{labels.local_name(cls)}`" in glossary


def test_every_term_the_example_uses_has_a_danish_and_an_english_label(example_store):
    """Pages name every field and kind from labels (ontology/w3c-labels.ttl for W3C terms),
    never by an IRI's local name such as «inScheme» or «ConceptScheme» (issue 12 §2)."""
    from malplan_graph.namespaces import RDF as _RDF

    terms = set()
    for quad in example_store._store().quads_for_pattern(None, None, None, None):
        terms.add(quad.predicate.value)
        if quad.predicate.value == str(_RDF.type) and hasattr(quad.object, "value"):
            terms.add(quad.object.value)

    def languages(term):
        graphs = (labels.ontology(), labels.borrowed())
        return {value.language for graph in graphs for value in graph.objects(rdflib.URIRef(term), RDFS.label)}

    unnamed = [term for term in sorted(terms) if not {"da", "en"} <= languages(term)]
    assert not unnamed
    assert labels.label(SKOS.inScheme, "da") == "hører til listen"
    assert labels.label(SKOS.ConceptScheme, "en") == "List of concepts"
