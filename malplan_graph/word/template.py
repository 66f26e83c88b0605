"""The målplan Word template: its sections, guidance and questions, and the ontology property
each question fills and the kind of value it holds, in one table (the template's own order). The
reader, the builder, the writer and the plan page all read it.

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
class Part:
    """A kind of part a plan holds (a goal, sign, trial action …): the plan's property to it,
    its class, and whether the template names each one (a label of its own)."""

    key: str
    predicate: URIRef
    cls: URIRef
    named: bool = True


GOAL = Part("goal", MP.goal, MP.Goal)
SIGN = Part("sign", MP.sign, MP.Sign)
ACTION = Part("action", MP.trialAction, MP.TrialAction)
EVALUATION = Part("evaluation", MP.evaluation, MP.Evaluation, named=False)
LEARNING = Part("learning", MP.learning, MP.Learning, named=False)
MILESTONE_PLAN = Part("milestone-plan", MP.milestonePlan, MP.MilestonePlan, named=False)
PARTS = (GOAL, SIGN, ACTION, EVALUATION, LEARNING, MILESTONE_PLAN)


@dataclass(frozen=True)
class Question:
    """One question of the template, the property its answer fills and the kind of value:

    - "name": links the plan to named resources of `classes` (a new one is created as `create`),
      one, or `several` (one a line, or split by ; , and "og");
    - "part": the parts `on` (goals, signs, trial actions), one a line, each named by its line;
    - "text": a text on the part `on` (the goal's rationale, the evaluation's effects …);
    - "pairs": names per part `on`, linked by `property` (data per sign, starters per action);
    - "date": milestones of class `create` on the milestone plan (`also`: more written here).
    """

    key: str
    text: str
    property: URIRef
    kind: str
    text_en: str = ""
    on: Part | None = None
    classes: tuple[URIRef, ...] = ()
    create: URIRef | None = None
    also: URIRef | None = None
    several: bool = False

    def text_in(self, lang: str) -> str:
        """The question in `lang` ("da" or "en")."""
        return self.text_en if lang == "en" and self.text_en else self.text


@dataclass(frozen=True)
class Section:
    """One section of the template: heading, guidance and questions."""

    key: str
    heading: str
    guidance: str
    questions: tuple[Question, ...]
    heading_en: str = ""
    guidance_en: str = ""

    def heading_in(self, lang: str) -> str:
        """The heading in `lang` ("da" or "en")."""
        return self.heading_en if lang == "en" and self.heading_en else self.heading


SECTIONS: tuple[Section, ...] = (
    Section(
        "workplaces",
        "ARBEJDSPLADSER",
        "",
        (
            Question(
                "workplaces",
                "Hvilke arbejdspladser deltager?",
                MP.workplace,
                "name",
                classes=(MP.Workplace,),
                create=MP.Workplace,
                several=True,
                text_en="Which workplaces take part?",
            ),
        ),
        heading_en="WORKPLACES",
        guidance_en="",
    ),
    Section(
        "owner",
        "EJER AF MÅLPLAN",
        "",
        (
            Question(
                "owner",
                "Hvilken chef ejer målplanen?",
                MP.owner,
                "name",
                classes=(MP.Manager,),
                create=MP.Manager,
                text_en="Which manager owns the goal plan?",
            ),
        ),
        heading_en="OWNER OF THE GOAL PLAN",
        guidance_en="",
    ),
    Section(
        "target-groups",
        "MÅLGRUPPE",
        "",
        (
            Question(
                "target-groups",
                "Hvilket liv gælder målet for?",
                MP.targetGroup,
                "name",
                classes=(MP.TargetGroup,),
                create=MP.TargetGroup,
                several=True,
                text_en="Whose lives does the goal concern?",
            ),
        ),
        heading_en="TARGET GROUP",
        guidance_en="",
    ),
    Section(
        "policy",
        "POLITIK",
        "",
        (
            Question(
                "policy",
                "Målet relaterer til denne politik:",
                MP.policy,
                "name",
                classes=(MP.Policy, MP.BudgetAgreement),
                create=MP.Policy,
                text_en="The goal relates to this policy:",
            ),
        ),
        heading_en="POLICY",
        guidance_en="",
    ),
    Section(
        "objective",
        "MÅLSÆTNING",
        "",
        (
            Question(
                "objective",
                "Målet skal være med til at indfri denne målsætning:",
                MP.objective,
                "name",
                classes=(MP.Objective,),
                create=MP.Objective,
                text_en="The goal shall help fulfil this objective:",
            ),
        ),
        heading_en="OBJECTIVE",
        guidance_en="",
    ),
    Section(
        "goal",
        "MÅL",
        "Jeres mål skal angive den ønskede effekt I gerne vil opnå for, og med, borgere, foreninger eller "
        "virksomheder. Det skal være entydigt og konkret, samt muligt at handle ud fra. Det kan enten være "
        "kvantitativt eller kvalitativt, og være muligt at indfri inden for 1-4 år.",
        (
            Question(
                "goal",
                "Hvilket mål vil vi arbejde med for at indfri målsætningen?",
                MP.goal,
                "part",
                on=GOAL,
                text_en="Which goal will we work with to fulfil the objective?",
            ),
            Question(
                "rationale",
                "Hvorfor er dette mål relevant?",
                MP.rationale,
                "text",
                on=GOAL,
                text_en="Why is this goal relevant?",
            ),
        ),
        heading_en="GOAL",
        guidance_en="Your goal shall state the desired effect you want to achieve for, and with, citizens, associations or businesses. It shall be unambiguous and concrete, and possible to act on. It can be quantitative or qualitative, and possible to fulfil within 1-4 years.",
    ),
    Section(
        "signs",
        "TEGN",
        "Tegn angiver om der sker de forandringer hos målgruppen, der tilsammen kan indfri målet. Tegn kan både "
        "være kvantitative og kvalitative, og er de trædesten der viser om prøvehandlingerne har den ønskede effekt.",
        (
            Question(
                "signs",
                "Hvilke tegn vil I anvende for at se om I nærmer jer målet?",
                MP.sign,
                "part",
                on=SIGN,
                text_en="Which signs will you use to see whether you are approaching the goal?",
            ),
            Question(
                "data",
                "Hvilke data (tal, observationer m.m.) vil I anvende som dokumentation for jeres tegn?",
                MP.documentedBy,
                "pairs",
                on=SIGN,
                classes=(MP.DataSource,),
                create=MP.DataSource,
                text_en="Which data (figures, observations etc.) will you use as documentation for your signs?",
            ),
        ),
        heading_en="SIGNS",
        guidance_en="Signs show whether the changes in the target group occur that together can fulfil the goal. Signs can be quantitative or qualitative, and are the stepping stones that show whether the trial actions have the desired effect.",
    ),
    Section(
        "actions",
        "PRØVEHANDLINGER",
        "Prøvehandlinger angiver jeres indsatser. At kalde dem prøvehandlinger indikerer forventningen om, at I "
        "afprøver nye ting og går nye veje. Prøvehandlinger kan udføres på tværs af arbejdspladser og afdelinger "
        "og sammen med borgere, foreninger og virksomheder.",
        (
            Question(
                "actions",
                "Hvilke prøvehandlinger skal igangsættes for at indfri målet?",
                MP.trialAction,
                "part",
                on=ACTION,
                text_en="Which trial actions must be started to fulfil the goal?",
            ),
            Question(
                "starters",
                "Hvem iværksætter hvilke prøvehandlinger?",
                MP.startedBy,
                "pairs",
                on=ACTION,
                classes=(MP.Workplace, MP.Partner),
                create=MP.Partner,
                text_en="Who starts which trial actions?",
            ),
        ),
        heading_en="TRIAL ACTIONS",
        guidance_en="Trial actions state your efforts. Calling them trial actions signals the expectation that you try new things and take new paths. Trial actions can be carried out across workplaces and departments and together with citizens, associations and businesses.",
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
                "text",
                on=EVALUATION,
                text_en="Based on the signs you use to document your trial actions, to what degree have you fulfilled the goal?",
            ),
            Question(
                "effects",
                "Hvilke effekter har I opnået, og hvilke effekter har I ikke opnået?",
                MP.effects,
                "text",
                on=EVALUATION,
                text_en="Which effects have you achieved, and which effects have you not achieved?",
            ),
        ),
        heading_en="EVALUATION",
        guidance_en="You shall evaluate along the way and at the end of your trial actions. The evaluation shall state which effect and value citizens, associations or businesses have gained from your trial actions.",
    ),
    Section(
        "learning",
        "LÆRING",
        "I skal, undervejs og til sidst, vurdere hvilken læring I har fået i arbejdet med målet. Det kan både være "
        "læring i forhold til effekten af jeres arbejde og i forhold til jeres proces. Endeligt skal I redegøre for "
        "hvordan I vil gøre brug af jeres læring fremadrettet.",
        (
            Question(
                "insights",
                "Hvilke nye indsigter har I fået i arbejdet med målet?",
                MP.insights,
                "text",
                on=LEARNING,
                text_en="Which new insights have you gained in the work with the goal?",
            ),
            Question(
                "keep",
                "Hvilke prøvehandlinger vil I fastholde? – og hvilke nye prøvehandlinger vil I igangsætte?",
                MP.actionsToKeep,
                "text",
                on=LEARNING,
                text_en="Which trial actions will you keep? – and which new trial actions will you start?",
            ),
            Question(
                "collaboration",
                "Hvad har fungeret godt ved jeres samarbejde? – og hvilke forbedringspotentialer kan I få øje på?",
                MP.collaboration,
                "text",
                on=LEARNING,
                text_en="What has worked well in your collaboration? – and which potential for improvement can you see?",
            ),
        ),
        heading_en="LEARNING",
        guidance_en="Along the way and at the end, you shall assess what you have learnt in the work with the goal. It can be learning about the effect of your work and about your process. Finally, you shall explain how you will use your learning in future.",
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
            Question(
                "start",
                "Hvornår iværksættes prøvehandlinger?",
                MP.actionStart,
                "date",
                on=MILESTONE_PLAN,
                create=MP.ActionStart,
                text_en="When are the trial actions started?",
            ),
            Question(
                "fulfilment",
                "Hvornår forventer I, at målet er indfriet?",
                MP.expectedFulfilment,
                "date",
                on=MILESTONE_PLAN,
                create=MP.ExpectedFulfilment,
                text_en="When do you expect the goal to be fulfilled?",
            ),
            Question(
                "interim",
                "Hvornår, undervejs i forløbet, vil I udarbejde en foreløbig evaluering på jeres arbejde med at "
                "indfri målet?",
                MP.interimEvaluation,
                "date",
                on=MILESTONE_PLAN,
                create=MP.InterimEvaluation,
                also=MP.statusReport,
                text_en="When, along the way, will you prepare an interim evaluation of your work to fulfil the goal?",
            ),
        ),
        heading_en="MILESTONE PLAN",
        guidance_en="You shall assess how long you need to fulfil the goal. It can be worked on for up to 1-4 years. As a minimum, status is given to the political level in August every year. You can also choose to make more evaluations along the way. At evaluations along the way you shall assess whether the trial actions need adjusting. You shall likewise assess whether the status gives reason to adjust the goal. Both shall, if so, be added to your goal plan.",
    ),
)

SECTION_BY_KEY = {section.key: section for section in SECTIONS}
QUESTIONS: tuple[Question, ...] = tuple(question for section in SECTIONS for question in section.questions)


def questions_on(part: Part, kind: str | None = None) -> list[Question]:
    """The questions whose answers sit on `part` (of one `kind`, or all)."""
    return [q for q in QUESTIONS if q.on == part and (kind is None or q.kind == kind)]


def normalise(text: str) -> str:
    """Text as compared with the template: lower case, letters and digits only, single spaces.

    Soft hyphens, line breaks inside words ("PRØVE-\\nHANDLINGER"), dashes and punctuation are
    dropped, so that a heading or question is recognised however Word has broken it up.
    """
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    text = re.sub(r"[^\w]+", " ", text.lower())
    return " ".join(text.split())


#: Endings of Danish and English inflection (plural, definite), stripped in turn from every word of
#: a heading, so that "MÅLSÆTNINGER", "Målgrupperne", "Milepælsplanen" and "Trial actions" find
#: their section without a list of forms (issue 11 §4).
_ENDINGS = ("erne", "ene", "er", "en", "et", "ne", "es", "e", "r", "s")


def _stem(word: str) -> str:
    while True:
        for ending in _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                word = word[: -len(ending)]
                break
        else:
            break
    if word.endswith("ies"):
        word = word[:-3] + "y"
    # "politikker" → "politikk" → "politik", "målgrupper" → "målgrupp" → "målgrup"
    if len(word) > 3 and word[-1] == word[-2]:
        word = word[:-1]
    return word


def heading_key(text: str) -> str:
    """A heading as compared with the template's: normalised, without its numbering ("3.",
    "III.", "3.1"), every word without its inflection, the spaces dropped."""
    normal = re.sub(r"^(?:(?:\d+|[ivx]+)\s+)+", "", normalise(text))
    return "".join(_stem(word) for word in normal.split())


_HEADINGS = {
    heading_key(heading): section
    for section in SECTIONS
    for heading in (section.heading, section.heading_en)
    if heading
}
_EXACT = {
    normalise(heading).replace(" ", ""): section
    for section in SECTIONS
    for heading in (section.heading, section.heading_en)
    if heading
}


def section_for_heading(text: str) -> Section | None:
    """The section whose heading `text` is, in Danish or English: any case, spacing or
    hyphenation, numbered or not ("3. Målgruppe"), singular, plural or definite, with a trailing
    colon, or with one letter wrong in a heading of four letters or more ("Målsætnig"); else None."""
    if len(text) > 60:
        return None
    key = heading_key(text)
    if not key:
        return None
    found = _HEADINGS.get(key)
    if found is not None or len(key) < 4:
        return found
    close = [section for form, section in _HEADINGS.items() if len(form) >= 4 and _one_edit(key, form)]
    return close[0] if len(set(close)) == 1 else None


def _one_edit(a: str, b: str) -> bool:
    """True when `a` and `b` differ by one inserted, deleted, replaced or swapped letter."""
    try:
        from rapidfuzz.distance import DamerauLevenshtein

        return DamerauLevenshtein.distance(a, b, score_cutoff=1) <= 1
    except ImportError:  # rapidfuzz is optional: the same test by hand
        if abs(len(a) - len(b)) > 1:
            return False
        if len(a) == len(b):
            diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
            return len(diff) <= 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]])
        short, long = sorted((a, b), key=len)
        return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def split_heading(text: str) -> tuple[Section, str] | None:
    """A heading with more on its line ("ARBEJDSPLADSER: Hvilke arbejdspladser deltager?"):
    the section and the rest of the line. Only the template's own headings (numbered or not)
    count here: "Målet: 80 % læser" is an answer, not the heading MÅL."""
    match = re.match(r"^\s*(.{2,40}?)\s*(?::|–|—|-\s)\s*(.+)$", text)
    if match is None:
        return None
    head = re.sub(r"^(?:(?:\d+|[ivx]+)\s+)+", "", normalise(match.group(1))).replace(" ", "")
    section = _EXACT.get(head)
    return (section, match.group(2).strip()) if section is not None else None


#: Column headings of a pair table that name no question of the template in full ("Data",
#: "Hvem"), by the question they stand for; "Tegn", "Prøvehandling" and "Mål" are headings.
_COLUMN_WORDS = {
    "data": "data",
    "datakilde": "data",
    "dokumentation": "data",
    "data source": "data",
    "hvem": "starters",
    "hvem iværksætter": "starters",
    "iværksættes af": "starters",
    "ansvarlig": "starters",
    "who": "starters",
    "who starts it": "starters",
    "started by": "starters",
    "hvorfor": "rationale",
    "why": "rationale",
}
_COLUMN_KEYS = {heading_key(word): key for word, key in _COLUMN_WORDS.items()}


def column_key(text: str) -> str | None:
    """The question a column heading of a pair table names: the question itself (or its
    start: "Hvem iværksætter"), the section's heading ("Tegn", "Prøvehandlinger"), or a column
    word ("Data", "Hvem"); else None."""
    normal = normalise(text)
    if not normal:
        return None
    for section in SECTIONS:
        for question in section.questions:
            for asked in (question.text, question.text_en):
                wanted = normalise(asked)
                if wanted and (normal == wanted or (len(normal.split()) >= 2 and wanted.startswith(normal + " "))):
                    return question.key
    key = heading_key(text)
    if key in _COLUMN_KEYS:
        return _COLUMN_KEYS[key]
    section = _HEADINGS.get(key)
    return section.questions[0].key if section is not None else None


#: The keys of every question in the template's order.
QUESTION_ORDER = [question.key for section in SECTIONS for question in section.questions]


_ALL_QUESTIONS = {normalise(text) for s in SECTIONS for q in s.questions for text in (q.text, q.text_en) if text}


def is_question(text: str) -> bool:
    """True when `text` is one of the template's questions, in Danish or English."""
    return normalise(text) in _ALL_QUESTIONS
