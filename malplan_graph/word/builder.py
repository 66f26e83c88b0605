"""Builds one plan's graph from the answers in its document, resolving names to what the
graph holds (labels, alternative labels, the names of people holding a post) and creating what
it does not hold. Reads no files and writes nothing to the store.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import defaultdict

import rdflib
from rdflib import Literal, URIRef

from .. import labels
from ..namespaces import MP, RDF, RDFS, SKOS, XSD
from .dates import DateError, FoundDate, find_dates, read_dates
from .lists import split_names
from .names import Acceptance, Created, NameIndex, Suggestion, plan_iri, plan_label
from .reader import Line, PlanText
from .template import EVALUATION, LEARNING, MILESTONE_PLAN, QUESTIONS, Part, Question, normalise, questions_on

# --------------------------------------------------------------------------- building a plan


class Builder:
    """Builds one plan's graph from its answers."""

    def __init__(self, text: PlanText, index: NameIndex, accept: Acceptance | None = None) -> None:
        self.text = text
        self.index = index
        self.accept = accept or Acceptance()
        self.suggestions: list[Suggestion] = []
        self.graph = rdflib.Graph()
        self.shared = rdflib.Graph()
        self.created: list[Created] = []
        self.notes: list[tuple[str, str]] = []
        self.plan = plan_iri(text, index.base)
        self.goal_numbers: dict[int, URIRef] = {}  # the goals a "Mål 2" in TEGN or PRØVEHANDLINGER names

    def add(self, subject, predicate, value) -> None:
        self.graph.add((subject, predicate, value))

    def part(self, kind: str, number: int | str) -> URIRef:
        return URIRef(f"{self.plan}/{kind}/{number}")

    def new_part(self, kind: str, number: int, predicate: URIRef, cls: URIRef, label: str) -> URIRef:
        """A part of the plan (a goal, sign, trial action …): linked from the plan, typed, named."""
        node = self.part(kind, number)
        self.add(self.plan, predicate, node)
        self.add(node, RDF.type, cls)
        self.add(node, RDFS.label, Literal(label, lang="da"))
        return node

    def resolve(self, name: str, classes: tuple[URIRef, ...], create: URIRef) -> URIRef:
        """The resource `name` names: one the graph holds by that name (however it is written);
        else a new one of class `create`. A near name is never merged without the user's word
        (issue 11): it is a suggestion, or, accepted, a link and an alternative name."""
        found = self.index.find(name, classes)
        if found is not None and found not in self.index.imported:
            return found
        # a name only an earlier import made is asked about again until the user decides
        near = self.index.near(name, create)
        if near is not None and self.accept.accepts(name, near):
            # the written form becomes the candidate's alternative name: the next import matches it
            self.shared.add((near.iri, SKOS.altLabel, Literal(name, lang="da")))
            self.index.add(create, near.iri, name, label=False)
            self.suggestions.append(Suggestion(name, create, near.iri, near.label, near.score, None))
            return near.iri
        if found is not None:
            iri = found
        else:
            iri = self.index.mint(create, name)
            label = SKOS.prefLabel if create == MP.TargetGroup else RDFS.label
            self.shared.add((iri, RDF.type, create))
            self.shared.add((iri, label, Literal(name, lang="da")))
            self.index.add(create, iri, name)
            self.created.append(Created(create, iri, name))
        if near is not None:
            self.suggestions.append(Suggestion(name, create, near.iri, near.label, near.score, iri))
        return iri

    def build(self) -> None:
        """The plan and its parts, question by question as the template's table says."""
        plan, add = self.plan, self.add
        add(plan, RDF.type, MP.GoalPlan)
        add(plan, RDFS.label, Literal(plan_label(self.text), lang="da"))
        named: dict[str, list[URIRef]] = {}
        for question in QUESTIONS:
            if question.kind == "name" and question.key == "workplaces":
                named[question.key] = self._workplaces()  # a known partner stays a partner
            elif question.kind == "name":
                named[question.key] = self._named(question)
                for node in named[question.key]:
                    add(plan, question.property, node)
        self.workplaces = named["workplaces"]
        policy_iri = next(iter(named["policy"]), None)
        objective_iri = next(iter(named["objective"]), None)
        if (
            policy_iri is not None
            and objective_iri is not None
            and (objective_iri, RDF.type, MP.Objective) in self.shared
        ):
            self.shared.add((objective_iri, MP.statedIn, policy_iri))
        goals = self._goals(objective_iri)
        self._signs(goals)
        self._actions(goals)
        for part in (EVALUATION, LEARNING):
            self._texts(part)
        self._milestones()

    def _named(self, question: Question) -> list[URIRef]:
        """The resources a name question names: found in the graph, or created."""
        if question.several:
            found = self.names(self.text.lines(question.key))
        else:
            found = [name] if (name := self._one(question.key)) else []
        return [self.resolve(name, question.classes, _class_for(question, name)) for name in found]

    def _one(self, key: str) -> str:
        return " ".join(self.text.text(key).split())

    def names(self, lines: list[Line]) -> list[str]:
        """Names from answer lines: one a line, or several on a line (see `split_names`)."""
        found: list[str] = []
        for line in lines:
            found.extend(split_names(line.text, self._known))
        return list(dict.fromkeys(found))

    def _known(self, name: str) -> bool:
        return self.index.find(name, _NAMED, trusted=True) is not None

    def _workplaces(self) -> list[URIRef]:
        """The workplaces under ARBEJDSPLADSER, linked from the plan; a name the graph knows
        as a partner stays a partner (issue 11) and is linked as one."""
        workplaces = []
        for name in self.names(self.text.lines("workplaces")):
            if self.index.find(name, (MP.Workplace,)) is None and self.index.find(name, (MP.Partner,)) is not None:
                self.add(self.plan, MP.partner, self.index.find(name, (MP.Partner,)))
                continue
            workplace = self.resolve(name, (MP.Workplace,), MP.Workplace)
            self.add(self.plan, MP.workplace, workplace)
            workplaces.append(workplace)
        return workplaces

    def _goals(self, objective: URIRef | None) -> list[URIRef]:
        """One goal per list item, per "Mål 1"/"Mål 2" part or per table row (goal | why);
        else the answer is one goal. `self.goal_numbers` keeps which goal a "Mål 2" names."""
        lines = self.text.lines("goal")
        rationales = self.text.lines("rationale")
        entries: list[tuple[int, str, str]] = []  # (the number the author gave, text, own rationale)
        if any(line.goal for line in lines):
            for number in dict.fromkeys(line.goal for line in lines):
                text = "\n".join(line.text for line in lines if line.goal == number)
                own = "\n".join(line.text for line in rationales if number and line.goal == number)
                entries.append((number, text, own))
        elif any(line.cells for line in lines):
            for line in lines:
                cells = [cell for cell in line.cells if cell] if line.cells else [line.text]
                entries.append((0, cells[0], "\n".join(cells[1:])))
        elif len(lines) > 1 and all(line.listed for line in lines):
            entries = [(0, line.text, "") for line in lines]
        elif lines:
            entries = [(0, self.text.text("goal"), "")]
        shared = "\n".join(line.text for line in rationales if not line.goal or len(entries) == 1)
        goals = []
        for position, (number, text, own) in enumerate(entries, 1):
            goal = self.new_part("goal", position, MP.goal, MP.Goal, text)
            goals.append(goal)
            if number:
                self.goal_numbers[number] = goal
            rationale = own or shared
            if rationale:
                self.add(goal, MP.rationale, Literal(rationale, lang="da"))
            if objective is not None:
                self.add(goal, MP.fulfils, objective)
        return goals

    def _goals_of(self, line: Line, goals: list[URIRef]) -> list[URIRef]:
        """The goal a sign or trial action written under "Mål 2" serves; else every goal."""
        goal = self.goal_numbers.get(line.goal)
        return [goal] if goal is not None else goals

    def _signs(self, goals: list[URIRef]) -> None:
        """Signs and the data behind each: a table row (tegn | data) pairs them; else the n-th
        data line belongs to the n-th sign, or names its sign ("Tegn: data"), or all."""
        signs: list[tuple[str, Line]] = []
        per_sign: list[list[str]] = []
        for line in self.text.lines("signs"):
            if not line.cells:
                signs.append((line.text, line))
                per_sign.append([])
                continue
            head, data = line.cells[0], [name for cell in line.cells[1:2] for name in _split_cell(cell)]
            known = _best_match(head, [text for text, _ in signs], exact=True) if head else None
            if not head and signs:
                known = len(signs) - 1  # a row that goes on with the sign above
            if known is None:
                signs.append((head, line))
                per_sign.append([])
                known = len(signs) - 1
            per_sign[known].extend(data)
        data_lines = [line.text for line in self.text.lines("data")]
        texts = [text for text, _ in signs]
        if signs and len(data_lines) == len(signs):
            for number, line in enumerate(data_lines):
                per_sign[number].extend(_split_list(line))
        elif signs:
            for line in data_lines:
                head, _, rest = line.partition(":")
                target = _best_match(head, texts) if rest else None
                if target is not None:
                    per_sign[target].extend(_split_list(rest))
                else:
                    for entry in per_sign:
                        entry.extend(_split_list(line))
        for number, ((text, line), data) in enumerate(zip(signs, per_sign, strict=True), 1):
            sign = self.new_part("sign", number, MP.sign, MP.Sign, text)
            for goal in self._goals_of(line, goals):
                self.add(sign, MP.signOf, goal)
            for name in dict.fromkeys(data):
                self.add(sign, MP.documentedBy, self.resolve(name, (MP.DataSource,), MP.DataSource))

    def _actions(self, goals: list[URIRef]) -> None:
        """Trial actions and who starts each: a table row (prøvehandling | hvem) pairs them,
        every name in the cell; else "X: action" lines, or the n-th line for the n-th action."""
        texts: list[str] = []
        actions: list[URIRef] = []
        for line in self.text.lines("actions"):
            head = line.cells[0] if line.cells else line.text
            starters = line.cells[1] if len(line.cells) > 1 else ""
            target = _best_match(head, texts, exact=True) if line.cells and head else None
            if line.cells and not head and actions:
                target = len(actions) - 1  # a row that goes on with the action above
            if target is None:
                action = self.new_part("action", len(actions) + 1, MP.trialAction, MP.TrialAction, head)
                actions.append(action)
                texts.append(head)
                for goal in self._goals_of(line, goals):
                    self.add(action, MP.servesGoal, goal)
                if not line.cells:
                    names, _ = self._agents_in(head)
                    for name in names:
                        self._start(action, name)
                target = len(actions) - 1
            for name in self.names([Line(part) for part in starters.split("\n") if part.strip()]):
                self._start(actions[target], name)
        starter_lines = [line.text for line in self.text.lines("starters")]
        for position, line in enumerate(starter_lines):
            names, rest = self._agents_in(line, loose=True)
            target = _best_match(rest, texts) if rest else None
            if target is None and len(starter_lines) == len(texts):
                target = position
            if target is None and len(texts) == 1:
                target = 0
            if target is None:
                # Nothing the author wrote is lost: the line stays on the plan as a note.
                self.notes.append(("starter-unmatched", line))
                self.add(self.plan, SKOS.note, Literal(line, lang="da"))
                continue
            for name in names:
                self._start(actions[target], name)

    def _agents_in(self, line: str, loose: bool = False) -> tuple[list[str], str]:
        """Who a line names as starting something ("X: …", "X iværksætter …"), and the rest.

        In an action's own text a name counts only if the graph or the plan knows it; in an
        answer to "Hvem iværksætter hvilke prøvehandlinger?" (`loose`) any name does."""
        match = re.match(r"^(.{2,120}?)\s+(?:iværksætter|igangsætter|står for)\s+(.+)$", line, re.IGNORECASE)
        if match is None:
            head, sep, rest = line.partition(":")
            if not sep:
                return (self.names([Line(line)]), "") if loose else ([], line)
            match_head, match_rest = head, rest.strip()
        else:
            match_head, match_rest = match.group(1), match.group(2)
        names = self.names([Line(match_head)])
        if not loose and not all(self.index.find(name, _AGENTS) for name in names):
            return [], line
        return names, match_rest

    def _start(self, action: URIRef, name: str) -> None:
        agent = self.resolve(name, _AGENTS, MP.Partner)
        self.add(action, MP.startedBy, agent)
        if agent not in self.workplaces and (agent, RDF.type, MP.Workplace) not in self.shared:
            if self.index.find(name, (MP.Workplace,)) is None:
                self.add(self.plan, MP.partner, agent)

    def _texts(self, part: Part) -> None:
        """A part holding texts (the evaluation, the learning), when any of them is answered."""
        texts = {question: self.text.text(question.key) for question in questions_on(part, "text")}
        if not any(texts.values()):
            return
        node = self.new_part(part.key, 1, part.predicate, part.cls, labels.label(part.cls, "da"))
        for question, text in texts.items():
            if text:
                self.add(node, question.property, Literal(text, lang="da"))
        if part == EVALUATION:  # the day it was written, when its text names one
            dates = find_dates("\n".join(texts.values()))
            if dates:
                self.add(node, MP.date, Literal(dates[0].date.isoformat(), datatype=XSD.date))

    def _milestones(self) -> None:
        keys = [(q.key, q.create, q.property) for q in questions_on(MILESTONE_PLAN, "date")]
        if not any(self.text.lines(key) for key, _, _ in keys):
            return
        label = labels.label(MP.MilestonePlan, "da")
        plan_node = self.new_part(MILESTONE_PLAN.key, 1, MILESTONE_PLAN.predicate, MILESTONE_PLAN.cls, label)
        status_years: dict[int, int] = defaultdict(int)
        for key, cls, predicate in keys:
            number = 0
            for line in self.text.lines(key):
                is_status = "status" in line.text.lower()
                try:
                    found: list[FoundDate | None] = list(read_dates(line.text))
                except DateError:
                    found = []
                    if not is_status:  # the text is kept on a milestone without a date, and named
                        found = [None]
                        self.notes.append(("date-unreadable", line.text))
                for date in found:
                    if is_status and date is not None:
                        status_years[date.date.year] += 1
                        count = status_years[date.date.year]
                        node = self.part("milestone", f"status-{date.date.year}" + (f"-{count}" if count > 1 else ""))
                        self._milestone(plan_node, node, MP.StatusReport, MP.statusReport, date, line.text)
                    else:
                        number += 1
                        node = self.part("milestone", f"{key}-{number}")
                        self._milestone(plan_node, node, cls, predicate, date, line.text)
        self._august_statuses(plan_node, status_years)

    def _milestone(self, plan_node, node, cls, predicate, found: FoundDate | None, text: str) -> None:
        """A milestone: the whole line as written, its date, and the period's start, end and
        qualifier when the line names more than one day ("august 2026", "inden jul 2026")."""
        self.add(plan_node, predicate, node)
        self.add(node, RDF.type, cls)
        self.add(node, MP.dateText, Literal(text))
        if found is None:
            return
        self.add(node, MP.date, Literal(found.date.isoformat(), datatype=XSD.date))
        if not found.is_day:
            for term, date in ((MP.startDate, found.start), (MP.endDate, found.end)):
                if date is not None:
                    self.add(node, term, Literal(date.isoformat(), datatype=XSD.date))
        if found.qualifier:
            self.add(node, MP.dateQualifier, Literal(found.qualifier))

    def _august_statuses(self, plan_node, written: dict[int, int]) -> None:
        """The template promises a status to the politicians every August the plan runs over."""
        starts = [d for d in self.graph.objects(None, MP.date) if self._is(d, MP.ActionStart)]
        ends = [d for d in self.graph.objects(None, MP.date) if self._is(d, MP.ExpectedFulfilment)]
        if not starts or not ends:
            return
        start, end = min(d.toPython() for d in starts), max(d.toPython() for d in ends)
        for year in range(start.year, min(end.year, start.year + 10) + 1):
            august = dt.date(year, 8, 1)
            if start <= dt.date(year, 8, 31) and august <= end and year not in written:
                node = self.part("milestone", f"status-{year}")
                # Written as the writer writes a status line, so that export and import keep it.
                text = f"Status til politisk niveau: august {year}"
                self._milestone(plan_node, node, MP.StatusReport, MP.statusReport, read_dates(text)[0], text)

    def _is(self, date_literal, cls) -> bool:
        return any((node, RDF.type, cls) in self.graph for node in self.graph.subjects(MP.date, date_literal))


def _class_for(question: Question, name: str) -> URIRef:
    """The class a new resource named in answer to `question` gets (a policy named as a budget
    agreement is one)."""
    if question.create == MP.Policy and "budget" in name.lower():
        return MP.BudgetAgreement
    return question.create


_AGENTS = (MP.Workplace, MP.Partner)
_NAMED = (MP.Workplace, MP.Partner, MP.TargetGroup, MP.DataSource, MP.Manager, MP.Centre)


def _split_list(text: str) -> list[str]:
    return [part.strip(" .") for part in re.split(r"\s*;\s*", text) if part.strip(" .")]


def _split_cell(text: str) -> list[str]:
    """The names in a table cell: one a paragraph, or several split by ";" or ","."""
    return [part.strip(" .") for part in re.split(r"\s*[;,\n]\s*", text) if part.strip(" .")]


def _best_match(text: str, candidates: list[str], exact: bool = False) -> int | None:
    """The candidate `text` refers to: equal, contained either way, or clearly most similar
    (only equal with `exact`)."""
    wanted = normalise(text)
    if not wanted:
        return None
    normals = [normalise(candidate) for candidate in candidates]
    for number, candidate in enumerate(normals):
        if candidate == wanted:
            return number
    if exact:
        return None
    for number, candidate in enumerate(normals):
        if wanted in candidate or (candidate and candidate in wanted):
            return number
    scores = [difflib.SequenceMatcher(None, wanted, candidate).ratio() for candidate in normals]
    best = max(range(len(scores)), key=scores.__getitem__, default=None)
    return best if best is not None and scores[best] >= 0.6 else None
