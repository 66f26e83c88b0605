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
from .template import normalise

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
        plan, add = self.plan, self.add
        add(plan, RDF.type, MP.GoalPlan)
        add(plan, RDFS.label, Literal(plan_label(self.text), lang="da"))
        self.workplaces = self._workplaces()
        owner = self.text.text("owner")
        if owner:
            add(plan, MP.owner, self.resolve(" ".join(owner.split()), (MP.Manager,), MP.Manager))
        for name in self.names(self.text.lines("target-groups")):
            add(plan, MP.targetGroup, self.resolve(name, (MP.TargetGroup,), MP.TargetGroup))
        policy = self._one("policy")
        if policy:
            kind = MP.BudgetAgreement if "budget" in policy.lower() else MP.Policy
            policy_iri = self.resolve(policy, (MP.Policy, MP.BudgetAgreement), kind)
            add(plan, MP.policy, policy_iri)
        objective = self._one("objective")
        objective_iri = None
        if objective:
            objective_iri = self.resolve(objective, (MP.Objective,), MP.Objective)
            add(plan, MP.objective, objective_iri)
            if policy and (objective_iri, RDF.type, MP.Objective) in self.shared:
                self.shared.add((objective_iri, MP.statedIn, policy_iri))
        goals = self._goals(objective_iri)
        self._signs(goals)
        self._actions(goals)
        self._evaluation()
        self._learning()
        self._milestones()

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
        lines = self.text.lines("goal")
        texts = [line.text for line in lines] if len(lines) > 1 and all(line.listed for line in lines) else []
        if not texts and lines:
            texts = [self.text.text("goal")]
        rationale = self.text.text("rationale")
        goals = []
        for number, text in enumerate(texts, 1):
            goal = self.new_part("goal", number, MP.goal, MP.Goal, text)
            goals.append(goal)
            if rationale:
                self.add(goal, MP.rationale, Literal(rationale, lang="da"))
            if objective is not None:
                self.add(goal, MP.fulfils, objective)
        return goals

    def _signs(self, goals: list[URIRef]) -> None:
        signs = [line.text for line in self.text.lines("signs")]
        data_lines = [line.text for line in self.text.lines("data")]
        per_sign: list[list[str]] = [[] for _ in signs]
        if signs and len(data_lines) == len(signs):
            for number, line in enumerate(data_lines):
                per_sign[number] = _split_list(line)
        elif signs:
            for line in data_lines:
                head, _, rest = line.partition(":")
                target = _best_match(head, signs) if rest else None
                if target is not None:
                    per_sign[target].extend(_split_list(rest))
                else:
                    for entry in per_sign:
                        entry.extend(_split_list(line))
        for number, (text, data) in enumerate(zip(signs, per_sign, strict=True), 1):
            sign = self.new_part("sign", number, MP.sign, MP.Sign, text)
            for goal in goals:
                self.add(sign, MP.signOf, goal)
            for name in dict.fromkeys(data):
                self.add(sign, MP.documentedBy, self.resolve(name, (MP.DataSource,), MP.DataSource))

    def _actions(self, goals: list[URIRef]) -> None:
        texts = [line.text for line in self.text.lines("actions")]
        actions = []
        for number, text in enumerate(texts, 1):
            action = self.new_part("action", number, MP.trialAction, MP.TrialAction, text)
            actions.append(action)
            for goal in goals:
                self.add(action, MP.servesGoal, goal)
            names, _ = self._agents_in(text)
            for name in names:
                self._start(action, name)
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

    def _evaluation(self) -> None:
        degree, effects = self.text.text("degree"), self.text.text("effects")
        if not (degree or effects):
            return
        evaluation = self.new_part("evaluation", 1, MP.evaluation, MP.Evaluation, labels.label(MP.Evaluation, "da"))
        if degree:
            self.add(evaluation, MP.degreeOfFulfilment, Literal(degree, lang="da"))
        if effects:
            self.add(evaluation, MP.effects, Literal(effects, lang="da"))
        dates = find_dates(f"{degree}\n{effects}")
        if dates:
            self.add(evaluation, MP.date, Literal(dates[0].date.isoformat(), datatype=XSD.date))

    def _learning(self) -> None:
        texts = {key: self.text.text(key) for key in ("insights", "keep", "collaboration")}
        if not any(texts.values()):
            return
        learning = self.new_part("learning", 1, MP.learning, MP.Learning, labels.label(MP.Learning, "da"))
        for key, predicate in (
            ("insights", MP.insights),
            ("keep", MP.actionsToKeep),
            ("collaboration", MP.collaboration),
        ):
            if texts[key]:
                self.add(learning, predicate, Literal(texts[key], lang="da"))

    def _milestones(self) -> None:
        keys = (
            ("start", MP.ActionStart, MP.actionStart),
            ("fulfilment", MP.ExpectedFulfilment, MP.expectedFulfilment),
            ("interim", MP.InterimEvaluation, MP.interimEvaluation),
        )
        if not any(self.text.lines(key) for key, _, _ in keys):
            return
        label = labels.label(MP.MilestonePlan, "da")
        plan_node = self.new_part("milestone-plan", 1, MP.milestonePlan, MP.MilestonePlan, label)
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


_AGENTS = (MP.Workplace, MP.Partner)
_NAMED = (MP.Workplace, MP.Partner, MP.TargetGroup, MP.DataSource, MP.Manager, MP.Centre)


def _split_list(text: str) -> list[str]:
    return [part.strip(" .") for part in re.split(r"\s*;\s*", text) if part.strip(" .")]


def _best_match(text: str, candidates: list[str]) -> int | None:
    """The candidate `text` refers to: equal, contained either way, or clearly most similar."""
    wanted = normalise(text)
    if not wanted:
        return None
    normals = [normalise(candidate) for candidate in candidates]
    for number, candidate in enumerate(normals):
        if candidate == wanted:
            return number
    for number, candidate in enumerate(normals):
        if wanted in candidate or (candidate and candidate in wanted):
            return number
    scores = [difflib.SequenceMatcher(None, wanted, candidate).ratio() for candidate in normals]
    best = max(range(len(scores)), key=scores.__getitem__, default=None)
    return best if best is not None and scores[best] >= 0.6 else None
