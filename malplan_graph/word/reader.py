"""Reads a filled-in målplan (.docx) into the answers to the template's questions.

Takes the document's lines (lines.py) and recognises the template's headings and questions in
any layout, case or form (plural, definite, numbered, misspelt by a letter, English). The
template's own guidance, questions and Word's placeholder texts are never taken as answers; a
heading the template lacks is kept apart with its text, never merged into the field before it;
a plan's several goals ("Mål 1", "Mål 2", a goal column) keep their own answers. Knows nothing of RDF.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from .lines import Line, document_lines, read_footnotes
from .package import RESAVE_DA, RESAVE_EN, check_file, file_error
from .template import (
    SECTIONS,
    Question,
    Section,
    is_question,
    normalise,
    section_for_heading,
    split_heading,
)

#: At least this many of the template's sections make a document a målplan.
MIN_SECTIONS = 4

_MILESTONE_KEYS = {"start", "fulfilment", "interim"}


@dataclass(frozen=True)
class Unrecognised:
    """A heading that names no section of the template, the heading it follows (as written),
    and the lines under it: kept on the plan as a note, never merged into the field before."""

    heading: str
    after: str
    lines: tuple[str, ...] = ()

    def note(self) -> str:
        return "\n".join((self.heading, *self.lines))


@dataclass
class PlanText:
    """What a målplan document says: the answer lines to each question, by question key."""

    path: Path
    answers: dict[str, list[Line]] = field(default_factory=dict)
    sections: list[str] = field(default_factory=list)
    title: str = ""
    identifier: str = ""
    modified: object = None
    #: The document's titles, best first: its Title paragraph, its properties' title, a heading
    #: before the first section.
    titles: list[str] = field(default_factory=list)
    unrecognised: list[Unrecognised] = field(default_factory=list)

    def text(self, key: str) -> str:
        """The answer to one question as one text, its lines joined by line breaks."""
        return "\n".join(line.text for line in self.answers.get(key, []))

    def lines(self, key: str) -> list[Line]:
        """The answer lines to one question."""
        return self.answers.get(key, [])


def read_plan(path: Path) -> PlanText:
    """Read a filled-in målplan; InputError if it is not a readable målplan."""
    import docx

    path = Path(path)
    check_file(path)
    try:
        document = docx.Document(str(path))
        body = document.element.body
        properties = document.core_properties
        title, identifier, modified = properties.title, properties.identifier, properties.modified
        footnotes = read_footnotes(document)
    except Exception as error:  # noqa: BLE001 - lxml and python-docx raise many kinds on broken parts
        raise file_error(
            path,
            f"kan ikke læses som Word-dokument: {error}; {RESAVE_DA}",
            f"cannot be read as a Word document: {error}; {RESAVE_EN}",
        ) from error
    lines = list(document_lines(body, footnotes))
    plan = _assign(path, lines)
    if len(plan.sections) < MIN_SECTIONS:
        raise file_error(
            path,
            "er ikke en målplan: dokumentet har ikke skabelonens afsnit (ARBEJDSPLADSER, MÅL, TEGN, "
            "PRØVEHANDLINGER, MILEPÆLSPLAN …).",
            "is not a målplan: the document lacks the template's sections (ARBEJDSPLADSER, MÅL, TEGN, "
            "PRØVEHANDLINGER, MILEPÆLSPLAN …).",
        )
    if not plan.answers:
        raise file_error(
            path,
            "er en tom målplan: ingen af skabelonens spørgsmål er besvaret.",
            "is an empty målplan: none of the template's questions is answered.",
        )
    plan.title = (title or "").strip()
    plan.identifier = (identifier or "").strip()
    plan.modified = modified
    styled = [line.text for line in lines if line.kind == "title"]
    plan.titles = [*styled, plan.title, *plan.titles]
    return plan


# --------------------------------------------------------------------------- lines into answers


def _match_question(section: Section, line: str) -> tuple[Question, str] | None:
    """The question `line` starts with (and what follows it on the line), if any."""
    normal = normalise(line)
    for question in section.questions:
        for asked in (question.text, question.text_en):
            wanted = normalise(asked)
            if not wanted:
                continue
            if normal == wanted or _similar(normal, wanted):
                return question, ""
            if normal.startswith(wanted):
                return question, _after_question(line, wanted)
    return None


def _after_question(line: str, wanted: str) -> str:
    """What follows the question on its line: after the "?" or ":" at which the text read so
    far is the whole question (a question may hold more than one "?")."""
    for position, character in enumerate(line):
        if character in "?:" and normalise(line[: position + 1]) == wanted:
            return line[position + 1 :].strip()
    return ""


def _similar(a: str, b: str, threshold: float = 0.88) -> bool:
    return abs(len(a) - len(b)) < 0.2 * max(len(b), 1) and difflib.SequenceMatcher(None, a, b).ratio() >= threshold


def _is_guidance(section: Section, line: str, strict: bool) -> bool:
    """True for a line (or a fragment of one) of the section's guidance text. Once a question
    has been met (`strict`), a short fragment could be an answer and does not count."""
    normal = normalise(line)
    guidance = f" {normalise(section.guidance)} {normalise(section.guidance_en)} "
    if not normal or f" {normal} " not in guidance:
        return False
    return not strict or len(normal) >= 12


def _assign(path: Path, lines: list[Line]) -> PlanText:
    plan = PlanText(path=path)
    answers: dict[str, list[Line]] = defaultdict(list)
    section: Section | None = None
    question: Question | None = None
    after = ""  # the last heading, as the author wrote it
    unknown: list | None = None  # [heading, after, lines] of a heading the template does not have
    goal = 0

    def close() -> None:
        nonlocal unknown
        if unknown is not None:
            plan.unrecognised.append(Unrecognised(unknown[0], unknown[1], tuple(unknown[2])))
            unknown = None

    for line in lines:
        heading = section_for_heading(line.text) if not line.cells else None
        rest = ""
        split = split_heading(line.text) if heading is None and not line.cells else None
        # "MÅLGRUPPE: Hvilket liv …" opens a section; "Tegn: …" inside TEGN is an answer.
        if split is not None and (split[0] is not section or _match_question(split[0], split[1])):
            heading, rest = split
            line = replace(line, text=rest)
        if heading is not None:
            close()
            section, question, goal = heading, None, 0
            after = line.text if not rest else heading.heading
            if heading.key not in plan.sections:
                plan.sections.append(heading.key)
            if not rest:
                continue
        if unknown is not None:
            # the text under an unrecognised heading is its own, up to a heading or a question
            found = _question_anywhere(line.text)
            if found is None:
                unknown[2].append(line.text)
                continue
            close()
            section = found[0]
        if section is None:
            if line.kind == "heading" and not plan.sections:
                plan.titles.append(line.text)  # a heading above the first section may be the title
            continue
        marker = _goal_marker(line.text) if not line.cells else None
        if marker is not None:
            goal, rest = marker
            if not rest:
                continue
            line = replace(line, text=rest)
        matched = _match_question(section, line.text)
        if matched is not None:
            question, rest = matched
            if rest:
                answers[question.key].append(replace(line, text=rest, goal=goal))
            continue
        if _is_guidance(section, line.text, strict=question is not None) or is_question(line.text):
            continue
        if line.kind in ("heading", "title") and not line.cells:
            unknown, section, question = [line.text, after, []], None, None
            continue
        if "goal" in line.columns and len(line.columns) > 1:
            goal = _goal_row(answers, line, goal)
            continue
        target = question or section.questions[0]
        if line.cells and len(section.questions) > 1:
            target = section.questions[0]  # a pair row: tegn | data, prøvehandling | hvem
        if line.columns and line.columns[0] in QUESTION_KEYS:
            target = QUESTION_KEYS[line.columns[0]]  # the header row says which question
        answers[target.key].append(replace(line, goal=goal))
    close()
    plan.answers = {key: _unnumbered(key, found) for key, found in answers.items()}
    return plan


QUESTION_KEYS = {question.key: question for section in SECTIONS for question in section.questions}


def _goal_row(answers: dict[str, list[Line]], line: Line, goal: int) -> int:
    """A row of a table whose header names the goal beside other columns (Mål | Tegn | Data, or
    Mål | Hvorfor): the goal is numbered as if under "Mål 2", and the rest of the row is an
    answer of that goal. A row with an empty goal cell goes on with the goal above."""
    cells = dict(zip(line.columns, line.cells, strict=True))
    text = cells.pop("goal", "")
    if text:
        goals = answers["goal"]
        same = [n for n, known in enumerate(goals) if normalise(known.text) == normalise(text)]
        if same and goals[same[0]].goal:
            goal = goals[same[0]].goal
        else:
            goal = max((known.goal for known in goals), default=0) + 1
            if same:
                goals[same[0]] = replace(goals[same[0]], goal=goal)  # written under MÅL, numbered here
            else:
                goals.append(Line(text, goal=goal))
    rest = [(key, cell) for key, cell in cells.items() if key]
    if rest and any(cell for _, cell in rest):
        keys, texts = zip(*rest, strict=True)
        filled = [cell for cell in texts if cell]
        answers[keys[0]].append(Line(": ".join(filled), line.listed, cells=texts, columns=keys, goal=goal))
    return goal


_NUMBER = re.compile(r"^\(?(\d{1,2})[.)]\s+(?=\S)")
_GOAL_MARKER = re.compile(r"^(?:mål|goal)\s*(\d{1,2})\s*(?:[:.)–—-]\s*(.*))?$", re.IGNORECASE)


def _goal_marker(text: str) -> tuple[int, str] | None:
    """ "Mål 2" (or "Mål 2: …") in a plan with several goals: the goal's number and the rest."""
    match = _GOAL_MARKER.match(text.strip())
    return (int(match.group(1)), (match.group(2) or "").strip()) if match else None


def _unnumbered(key: str, lines: list[Line]) -> list[Line]:
    """The typed numbers of a numbered list ("1. …", "2) …") are not part of the items. A
    milestone's "1. august 2026" is a date, so the milestone plan keeps its numbers."""
    if key in _MILESTONE_KEYS:
        return lines
    numbers = [_NUMBER.match(line.text) for line in lines]
    counted = [int(match.group(1)) for match in numbers if match]
    sequence = len(counted) >= 2 and counted == list(range(counted[0], counted[0] + len(counted)))
    found = []
    for line, match in zip(lines, numbers, strict=True):
        rest = line.text[match.end() :] if match else ""
        if match and (sequence or rest[:1].isupper()):
            line = replace(line, text=rest, listed=True)
        found.append(line)
    return found


def _question_anywhere(line: str) -> tuple[Section, Question, str] | None:
    for section in SECTIONS:
        matched = _match_question(section, line)
        if matched is not None:
            return section, *matched
    return None
