"""The shapes are valid SHACL, speak Danish and English, and judge plans as the template does.

Each file in cases/ holds a plan and what validating it must give (mpt:expect), on top of
cases/_base.ttl; the example's complete plans conform and the incomplete ones fail exactly.
"""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
import rdflib
from rdflib.namespace import SH

from malplan_graph import resources, validate
from malplan_graph.store import OxigraphStore
from tests.conftest import TODAY, iri

CASES = Path(__file__).parent / "cases"
MPT = rdflib.Namespace("https://w3id.org/malplan/test#")
SHAPES = rdflib.Graph().parse(resources.shapes_path(), format="turtle")


def test_shapes_are_valid_shacl():
    conforms, _, text = pyshacl.validate(SHAPES, shacl_graph=SHAPES, meta_shacl=True)
    assert conforms, text


def test_every_message_is_in_danish_and_english():
    holders = set(SHAPES.subjects(SH.message, None))
    assert len(holders) >= 30
    for holder in holders:
        assert {m.language for m in SHAPES.objects(holder, SH.message)} == {"da", "en"}, holder


def test_every_severity_is_stated():
    for shape in SHAPES.subjects(SH.path, None):
        assert SHAPES.value(shape, SH.severity) in (SH.Violation, SH.Warning, SH.Info), shape
    for shape in SHAPES.subjects(SH.sparql, None):
        assert SHAPES.value(shape, SH.severity) in (SH.Violation, SH.Warning, SH.Info), shape


@pytest.mark.parametrize("case", sorted(p.stem for p in CASES.glob("*.ttl") if not p.stem.startswith("_")))
def test_case(case):
    store = OxigraphStore(None, example=False)
    store.load([CASES / "_base.ttl", CASES / f"{case}.ttl"])
    spec = rdflib.Graph().parse(CASES / f"{case}.ttl", format="turtle", publicID=store.base)
    plan = spec.value(MPT.case, MPT.plan)
    today = spec.value(MPT.case, MPT.today).toPython()
    expected = {
        (
            str(spec.value(e, MPT.severity)).rsplit("#", 1)[1],
            spec.value(e, MPT.focus),
            str(spec.value(e, MPT.message)),
        )
        for e in spec.objects(MPT.case, MPT.expect)
    }
    report = validate.validate_plan(store, plan, today=today)
    assert {(r.severity, r.focus, r.message_da) for r in report.results} == expected
    assert report.conforms == spec.value(MPT.case, MPT.conforms).toPython()
    for result in report.results:
        assert result.message_en and result.message_en != result.message_da


COMPLETE = [
    "frikvarter",
    "laeselyst",
    "energi",
    "affald",
    "fritidspas",
    "ensomhed",
    "rehabilitering",
    "unge",
    "mental-trivsel",
    "vild-natur",
]


@pytest.mark.parametrize("plan", COMPLETE)
def test_complete_example_plans_conform_without_violations_or_warnings(example_store, plan):
    report = validate.validate_plan(example_store, iri(f"plan/{plan}"), today=TODAY)
    assert report.conforms
    assert report.count("Violation") == report.count("Warning") == 0, [r.message_da for r in report.results]


def test_incomplete_example_plans_fail_with_exactly_the_expected_messages(example_store):
    reports = {r.plan: r for r in validate.validate_plans(example_store, today=TODAY)}
    rekruttering = reports[iri("plan/rekruttering")]
    assert not rekruttering.conforms
    assert {(r.focus, r.message_da) for r in rekruttering.results} == {
        (iri("plan/rekruttering"), "Målplanen mangler en ejer (EJER AF MÅLPLAN: Hvilken chef ejer målplanen?)."),
        (
            iri("action/rekruttering-1"),
            "Prøvehandlingen mangler en, der iværksætter den (PRØVEHANDLINGER: Hvem iværksætter hvilke prøvehandlinger?).",
        ),
        (
            iri("sign/rekruttering-1"),
            "Tegnet mangler data, der dokumenterer det (TEGN: Hvilke data (tal, observationer m.m.) vil I anvende som dokumentation for jeres tegn?).",
        ),
    }
    bevaegelse = reports[iri("plan/bevaegelse")]
    assert not bevaegelse.conforms
    assert {(r.focus, r.message_da) for r in bevaegelse.results} == {
        (iri("plan/bevaegelse"), "Målplanen mangler en målgruppe (MÅLGRUPPE: Hvilket liv gælder målet for?)."),
        (iri("goal/bevaegelse-1"), "Målet mangler en begrundelse (MÅL: Hvorfor er dette mål relevant?)."),
        (
            iri("milestone-plan/bevaegelse"),
            "Milepælsplanen mangler mindst én dato for en foreløbig evaluering (MILEPÆLSPLAN: Hvornår, undervejs i forløbet, vil I udarbejde en foreløbig evaluering?).",
        ),
        (
            iri("plan/bevaegelse"),
            "Målet skal kunne indfris inden for 1-4 år: prøvehandlingerne iværksættes 2026-09-01, men målet forventes indfriet 2027-06-01 (MILEPÆLSPLAN).",
        ),
    }
    assert sum(1 for r in reports.values() if r.conforms) == 10


def test_issue_11_results_name_parts_as_the_author_wrote_them(tmp_path):
    # A milestone plan and milestones the author never named (the importer made up their IRIs)
    # are named by their role in the plan and the plan's title, never by the IRI's local name.
    (tmp_path / "unnamed.ttl").write_text(
        """@prefix mp: <https://w3id.org/malplan/def#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<plan/x> a mp:GoalPlan ; rdfs:label "Bevægelse i skolen"@da ; mp:milestonePlan <milestone-plan/x> .
<milestone-plan/x> a mp:MilestonePlan ; mp:actionStart <milestone/start-1> .
<milestone/start-1> a mp:ActionStart ; mp:dateText "efter sommerferien" .
""",
        encoding="utf-8",
    )
    store = OxigraphStore(None, example=False)
    store.load([CASES / "_base.ttl", tmp_path / "unnamed.ttl"])
    report = validate.validate_plan(store, iri("plan/x"), today=TODAY)
    where = {(r.focus, r.where("da"), r.where("en")) for r in report.results if r.focus != iri("plan/x")}
    assert where == {
        (iri("milestone-plan/x"), "Milepælsplan i «Bevægelse i skolen»", "Milestone plan in «Bevægelse i skolen»"),
        (
            iri("milestone/start-1"),
            "Iværksættelse «efter sommerferien» i «Bevægelse i skolen»",
            "Action start «efter sommerferien» in «Bevægelse i skolen»",
        ),
    }
    labelled = validate.validate_plan(OxigraphStore(None), iri("plan/rekruttering"), today=TODAY)
    assert "Tegn «Flere pædagogstuderende søger job efter praktikken»" in {r.where("da") for r in labelled.results}
