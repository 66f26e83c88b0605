"""The målplan Word template: its sections, guidance and questions, and the ontology property
each question fills, in one table (the template's own order). Reader and writer both use it.

The texts are the template's own (shared/seeds); nothing here reads or writes a file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rdflib import URIRef

from ..namespaces import MP

TITLE = "ALBERTSLUND KOMMUNE – MÅLPLAN"

#: Word's own placeholder texts in an unfilled content control; never an answer.
PLACEHOLDERS = (
    "Klik eller tryk her for at skrive tekst.",
    "Klik her for at skrive tekst.",
    "Klik eller tryk for at angive en dato.",
    "Click or tap here to enter text.",
    "Click here to enter text.",
    "Click or tap to enter a date.",
)


@dataclass(frozen=True)
class Question:
    """One question of the template and the property its answer fills."""

    key: str
    text: str
    property: URIRef


@dataclass(frozen=True)
class Section:
    """One section of the template: heading, guidance and questions."""

    key: str
    heading: str
    guidance: str
    questions: tuple[Question, ...]


SECTIONS: tuple[Section, ...] = (
    Section(
        "workplaces",
        "ARBEJDSPLADSER",
        "",
        (Question("workplaces", "Hvilke arbejdspladser deltager?", MP.workplace),),
    ),
    Section(
        "owner",
        "EJER AF MÅLPLAN",
        "",
        (Question("owner", "Hvilken chef ejer målplanen?", MP.owner),),
    ),
    Section(
        "target-groups",
        "MÅLGRUPPE",
        "",
        (Question("target-groups", "Hvilket liv gælder målet for?", MP.targetGroup),),
    ),
    Section(
        "policy",
        "POLITIK",
        "",
        (Question("policy", "Målet relaterer til denne politik:", MP.policy),),
    ),
    Section(
        "objective",
        "MÅLSÆTNING",
        "",
        (Question("objective", "Målet skal være med til at indfri denne målsætning:", MP.objective),),
    ),
    Section(
        "goal",
        "MÅL",
        "Jeres mål skal angive den ønskede effekt I gerne vil opnå for, og med, borgere, foreninger eller "
        "virksomheder. Det skal være entydigt og konkret, samt muligt at handle ud fra. Det kan enten være "
        "kvantitativt eller kvalitativt, og være muligt at indfri inden for 1-4 år.",
        (
            Question("goal", "Hvilket mål vil vi arbejde med for at indfri målsætningen?", MP.goal),
            Question("rationale", "Hvorfor er dette mål relevant?", MP.rationale),
        ),
    ),
    Section(
        "signs",
        "TEGN",
        "Tegn angiver om der sker de forandringer hos målgruppen, der tilsammen kan indfri målet. Tegn kan både "
        "være kvantitative og kvalitative, og er de trædesten der viser om prøvehandlingerne har den ønskede effekt.",
        (
            Question("signs", "Hvilke tegn vil I anvende for at se om I nærmer jer målet?", MP.sign),
            Question(
                "data",
                "Hvilke data (tal, observationer m.m.) vil I anvende som dokumentation for jeres tegn?",
                MP.documentedBy,
            ),
        ),
    ),
    Section(
        "actions",
        "PRØVEHANDLINGER",
        "Prøvehandlinger angiver jeres indsatser. At kalde dem prøvehandlinger indikerer forventningen om, at I "
        "afprøver nye ting og går nye veje. Prøvehandlinger kan udføres på tværs af arbejdspladser og afdelinger "
        "og sammen med borgere, foreninger og virksomheder.",
        (
            Question("actions", "Hvilke prøvehandlinger skal igangsættes for at indfri målet?", MP.trialAction),
            Question("starters", "Hvem iværksætter hvilke prøvehandlinger?", MP.startedBy),
        ),
    ),
    Section(
        "evaluation",
        "EVALUERING",
        "I skal evaluere undervejs og ved afslutning af jeres prøvehandlinger. Evalueringen skal angive hvilken "
        "effekt og værdi som borgere, foreninger eller virksomheder har fået som følge af jeres prøvehandlinger.",
        (
            Question(
                "degree",
                "Ud fra de tegn I anvender til at dokumentere jeres prøvehandlinger, i hvilken grad har I så "
                "indfriet målet?",
                MP.degreeOfFulfilment,
            ),
            Question("effects", "Hvilke effekter har I opnået, og hvilke effekter har I ikke opnået?", MP.effects),
        ),
    ),
    Section(
        "learning",
        "LÆRING",
        "I skal, undervejs og til sidst, vurdere hvilken læring I har fået i arbejdet med målet. Det kan både være "
        "læring i forhold til effekten af jeres arbejde og i forhold til jeres proces. Endeligt skal I redegøre for "
        "hvordan I vil gøre brug af jeres læring fremadrettet.",
        (
            Question("insights", "Hvilke nye indsigter har I fået i arbejdet med målet?", MP.insights),
            Question(
                "keep",
                "Hvilke prøvehandlinger vil I fastholde? – og hvilke nye prøvehandlinger vil I igangsætte?",
                MP.actionsToKeep,
            ),
            Question(
                "collaboration",
                "Hvad har fungeret godt ved jeres samarbejde? – og hvilke forbedringspotentialer kan I få øje på?",
                MP.collaboration,
            ),
        ),
    ),
    Section(
        "milestones",
        "MILEPÆLSPLAN",
        "I skal vurdere hvor lang tid I skal bruge til at indfri målet. Der kan arbejdes med det i op til 1-4 år. "
        "Der afgives som minimum gives status til politisk niveau i august hvert år. Derudover kan I vælge at lave "
        "flere evalueringer undervejs. Ved evalueringer undervejs skal I vurdere om det er nødvendigt, at justere "
        "jeres prøvehandlinger. I skal ligeledes vurdere om status giver anledning til justering af mål. Begge "
        "dele skal, i givet fald, tilføjes jeres målplan.",
        (
            Question("start", "Hvornår iværksættes prøvehandlinger?", MP.actionStart),
            Question("fulfilment", "Hvornår forventer I, at målet er indfriet?", MP.expectedFulfilment),
            Question(
                "interim",
                "Hvornår, undervejs i forløbet, vil I udarbejde en foreløbig evaluering på jeres arbejde med at "
                "indfri målet?",
                MP.interimEvaluation,
            ),
        ),
    ),
)

SECTION_BY_KEY = {section.key: section for section in SECTIONS}


def normalise(text: str) -> str:
    """Text as compared with the template: lower case, letters and digits only, single spaces.

    Soft hyphens, line breaks inside words ("PRØVE-\\nHANDLINGER"), dashes and punctuation are
    dropped, so that a heading or question is recognised however Word has broken it up.
    """
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    text = re.sub(r"[^\w]+", " ", text.lower())
    return " ".join(text.split())


_HEADINGS = {normalise(section.heading).replace(" ", ""): section for section in SECTIONS}


def section_for_heading(text: str) -> Section | None:
    """The section whose heading `text` is (any case, spacing or hyphenation, numbered or
    not: "3. Målgruppe"), else None."""
    normal = re.sub(r"^(\d+|[ivx]+)\s+", "", normalise(text))
    return _HEADINGS.get(normal.replace(" ", ""))


def split_heading(text: str) -> tuple[Section, str] | None:
    """A heading with more on its line ("ARBEJDSPLADSER: Hvilke arbejdspladser deltager?"):
    the section and the rest of the line."""
    match = re.match(r"^\s*(.{2,40}?)\s*(?::|–|—|-\s)\s*(.+)$", text)
    if match is None:
        return None
    section = section_for_heading(match.group(1))
    return (section, match.group(2).strip()) if section is not None else None
