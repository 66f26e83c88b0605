"""Reads a filled-in målplan (.docx) into the answers to the template's questions.

Reads the document as it reads with tracked changes accepted (inserted text counts, deleted
text does not), through tables, content controls, hyperlinks and split runs, and recognises the
template's headings and questions in any layout or letter case. The template's own guidance,
questions and Word's placeholder texts are never taken as answers. Knows nothing of RDF.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .package import RESAVE_DA, RESAVE_EN, W_NS, check_file, file_error
from .template import (
    PLACEHOLDERS,
    QUESTION_ORDER,
    SECTIONS,
    Question,
    Section,
    column_key,
    normalise,
    section_for_heading,
    split_heading,
)

W = "{" + W_NS + "}"
#: Word writes a text box twice: as a drawing (mc:Choice) and as VML for old readers (mc:Fallback).
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

#: At least this many of the template's sections make a document a målplan.
MIN_SECTIONS = 4

_BULLETS = "-–—•*·▪◦●○"
_MILESTONE_KEYS = {"start", "fulfilment", "interim"}


@dataclass(frozen=True)
class Line:
    """One line of text in the document: whether it was a list item, the cells of its row when
    it is a row of a table inside an answer (a pair: tegn | data, prøvehandling | hvem), whether
    it looks like a heading ("heading") or is the document's title ("title"), and the goal
    ("Mål 2") it stands under in a plan with several."""

    text: str
    listed: bool = False
    cells: tuple[str, ...] = ()
    kind: str = ""
    goal: int = 0


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
        footnotes = _footnotes(document)
    except Exception as error:  # noqa: BLE001 - lxml and python-docx raise many kinds on broken parts
        raise file_error(
            path,
            f"kan ikke læses som Word-dokument: {error}; {RESAVE_DA}",
            f"cannot be read as a Word document: {error}; {RESAVE_EN}",
        ) from error
    lines = list(_lines(body, footnotes))
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


def _footnotes(document) -> dict[str, str]:
    """The document's footnotes and endnotes by id, as text."""
    from lxml import etree

    found: dict[str, str] = {}
    for relation in document.part.rels.values():
        if relation.is_external or not relation.reltype.endswith(("/footnotes", "/endnotes")):
            continue
        root = etree.fromstring(relation.target_part.blob)
        for note in root:
            if note.tag not in (W + "footnote", W + "endnote") or note.get(W + "type"):
                continue  # Word's separators have a type
            parts: list[str] = []
            for paragraph in note.iter(W + "p"):
                _collect_text(paragraph, parts, {})
                parts.append(" ")
            found[note.tag[len(W) :] + (note.get(W + "id") or "")] = " ".join("".join(parts).split())
    return found


# --------------------------------------------------------------------------- the document as lines


def _lines(container, footnotes: dict[str, str]) -> Iterator[Line]:
    """The text lines of a block container (body, cell, content control) in document order."""
    for child in container:
        tag = child.tag
        if tag == W + "p":
            yield from _paragraph_lines(child, footnotes)
        elif tag == W + "tbl":
            yield from _table_lines(child, footnotes)
        elif tag == W + "sdt":
            if not _showing_placeholder(child):
                content = child.find(W + "sdtContent")
                if content is not None:
                    yield from _lines(content, footnotes)
        elif tag in (W + "customXml", W + "ins", W + "moveTo", W + "smartTag"):
            yield from _lines(child, footnotes)


def _table_lines(table, footnotes: dict[str, str]) -> Iterator[Line]:
    """A table's lines. The template's own table (a section heading or a question in the first
    column) is read cell by cell, its first column's first line marked as a heading; any other
    table of two or more columns holds pairs, one line a row with the row's cells, a header
    row naming the columns' questions (in any order) read as such and not as an answer."""
    rows = [list(_cells(row)) for row in _rows(table)]
    cell_lines = [[list(_lines(cell, footnotes)) for cell in row] for row in rows]
    layout = any(
        row
        and row[0]
        and (section_for_heading(row[0][0].text) or _is_question_of_other(row[0][0].text))
        and _header(row) is None
        for row in cell_lines
    )
    if layout or max((len(row) for row in rows), default=0) < 2:
        for row in cell_lines:
            for number, lines in enumerate(row):
                for position, line in enumerate(lines):
                    first = layout and number == 0 and position == 0 and len(row) > 1
                    yield replace(line, kind="heading") if first and not line.kind else line
        return
    columns: tuple[str | None, ...] = ()
    for row in cell_lines:
        texts = ["\n".join(line.text for line in lines) for lines in row]
        filled = [text for text in texts if text]
        if not filled:
            continue
        if not columns and _header(row) is not None:
            columns = _header(row)  # a header row: which question each column answers
            continue
        if len(filled) == 1:
            yield from (line for lines in row for line in lines)
            continue
        if columns:
            # the columns in the template's order (tegn before data), whatever the table's
            order = sorted(
                range(len(texts)),
                key=lambda i: QUESTION_ORDER.index(columns[i]) if i < len(columns) and columns[i] else 99,
            )
            texts = [texts[i] for i in order]
        listed = any(line.listed for lines in row for line in lines)
        yield Line(": ".join(filled), listed, cells=tuple(texts))


def _header(row: list[list[Line]]) -> tuple[str | None, ...] | None:
    """The questions a header row names, column by column ("Tegn | Data", "Hvem | Prøvehandling"),
    or None when the row is not a header (two filled cells at least, each naming a question)."""
    texts = ["\n".join(line.text for line in lines) for lines in row]
    keys = tuple(column_key(text) if text else None for text in texts)
    filled = [key for key, text in zip(keys, texts, strict=True) if text]
    return keys if len(filled) >= 2 and all(filled) and len(set(filled)) == len(filled) else None


def _rows(table) -> Iterator:
    for child in table:
        if child.tag == W + "tr":
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                yield from _rows(content)


def _cells(element) -> Iterator:
    """A row's cells in order, also where a content control wraps a cell."""
    for child in element:
        tag = child.tag
        if tag == W + "tc":
            yield child
        elif tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent") if tag == W + "sdt" else child
            if content is not None:
                yield from _cells(content)


def _showing_placeholder(sdt) -> bool:
    properties = sdt.find(W + "sdtPr")
    return properties is not None and properties.find(W + "showingPlcHdr") is not None


def _paragraph_lines(paragraph, footnotes: dict[str, str]) -> Iterator[Line]:
    parts: list[str] = []
    _collect_text(paragraph, parts, footnotes)
    properties = paragraph.find(W + "pPr")
    listed = False
    style_name = ""
    if properties is not None:
        style = properties.find(W + "pStyle")
        style_name = (style.get(W + "val") or "").lower() if style is not None else ""
        listed = properties.find(W + "numPr") is not None or style_name.startswith(("list", "liste"))
    kind = _kind(paragraph, style_name)
    for text in "".join(parts).split("\n"):
        text = " ".join(text.replace("\t", " ").split())
        bullet = text[:1] in _BULLETS and text[1:2] == " "
        if bullet:
            text = text[2:].strip()
        if text and text not in PLACEHOLDERS:
            yield Line(text, listed or bullet, kind=kind or _caps(text))


def _kind(paragraph, style_name: str) -> str:
    """ "title" for a paragraph styled as the title, "heading" for one styled as a heading or
    bold throughout (decided from the paragraph's properties and runs, not its words)."""
    if style_name in ("title", "titel"):
        return "title"
    if style_name.startswith(("heading", "overskrift")):
        return "heading"
    runs = [run for run in paragraph.iter(W + "r") if "".join(t.text or "" for t in run.iter(W + "t")).strip()]
    if runs and all(_bold(run) for run in runs):
        return "heading"
    return ""


def _bold(run) -> bool:
    properties = run.find(W + "rPr")
    bold = properties.find(W + "b") if properties is not None else None
    return bold is not None and (bold.get(W + "val") or "true").lower() not in ("0", "false", "off")


def _caps(text: str) -> str:
    """A short line in capitals throughout is a heading too ("ØKONOMI")."""
    letters = [c for c in text if c.isalpha()]
    return "heading" if len(letters) >= 5 and len(text) <= 60 and text.upper() == text else ""


def _collect_text(element, parts: list[str], footnotes: dict[str, str]) -> None:
    """The visible text under `element`, with tracked changes accepted; a footnote's text
    in brackets where it is referenced, so that it stays with its answer."""
    for child in element:
        tag = child.tag
        if tag in (W + "del", W + "moveFrom", W + "pPr", W + "rPr", W + "sdtPr", W + "instrText", MC_FALLBACK):
            continue
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif tag == W + "tab":
            parts.append("\t")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        elif tag in (W + "footnoteReference", W + "endnoteReference"):
            note = footnotes.get(tag[len(W) : -len("Reference")] + (child.get(W + "id") or ""))
            if note:
                parts.append(f" ({note})")
        elif tag == W + "sdt":
            if not _showing_placeholder(child):
                _collect_text(child, parts, footnotes)
        else:
            _collect_text(child, parts, footnotes)


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
        if _is_guidance(section, line.text, strict=question is not None) or _is_question_of_other(line.text):
            continue
        if line.kind in ("heading", "title") and not line.cells:
            unknown, section, question = [line.text, after, []], None, None
            continue
        target = question or section.questions[0]
        if line.cells and len(section.questions) > 1:
            target = section.questions[0]  # a pair row: tegn | data, prøvehandling | hvem
        answers[target.key].append(replace(line, goal=goal))
    close()
    plan.answers = {key: _unnumbered(key, found) for key, found in answers.items()}
    return plan


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


_ALL_QUESTIONS = [normalise(text) for s in SECTIONS for q in s.questions for text in (q.text, q.text_en) if text]


def _is_question_of_other(line: str) -> bool:
    """A template question standing in the wrong section is still not an answer."""
    normal = normalise(line)
    return normal in _ALL_QUESTIONS
