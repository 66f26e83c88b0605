"""Reads a filled-in målplan (.docx) into the answers to the template's questions.

Reads the document as it reads with tracked changes accepted (inserted text counts, deleted
text does not), through tables, content controls, hyperlinks and split runs, and recognises the
template's headings and questions in any layout or letter case. The template's own guidance,
questions and Word's placeholder texts are never taken as answers. Knows nothing of RDF.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .package import RESAVE_DA, RESAVE_EN, W_NS, check_file, file_error
from .template import PLACEHOLDERS, SECTIONS, Question, Section, normalise, section_for_heading, split_heading

W = "{" + W_NS + "}"
#: Word writes a text box twice: as a drawing (mc:Choice) and as VML for old readers (mc:Fallback).
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

#: At least this many of the template's sections make a document a målplan.
MIN_SECTIONS = 4

_BULLETS = "-–—•*·▪◦●○"


@dataclass(frozen=True)
class Line:
    """One line of text in the document, and whether it was a list item."""

    text: str
    listed: bool = False


@dataclass
class PlanText:
    """What a målplan document says: the answer lines to each question, by question key."""

    path: Path
    answers: dict[str, list[Line]] = field(default_factory=dict)
    sections: list[str] = field(default_factory=list)
    title: str = ""
    identifier: str = ""
    modified: object = None

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
    except Exception as error:  # noqa: BLE001 - lxml and python-docx raise many kinds on broken parts
        raise file_error(
            path,
            f"kan ikke læses som Word-dokument: {error}; {RESAVE_DA}",
            f"cannot be read as a Word document: {error}; {RESAVE_EN}",
        ) from error
    plan = _assign(path, list(_lines(body)))
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
    return plan


# --------------------------------------------------------------------------- the document as lines


def _lines(container) -> Iterator[Line]:
    """The text lines of a block container (body, cell, content control) in document order."""
    for child in container:
        tag = child.tag
        if tag == W + "p":
            yield from _paragraph_lines(child)
        elif tag == W + "tbl":
            for cell in _cells(child):
                yield from _lines(cell)
        elif tag == W + "sdt":
            if not _showing_placeholder(child):
                content = child.find(W + "sdtContent")
                if content is not None:
                    yield from _lines(content)
        elif tag in (W + "customXml", W + "ins", W + "moveTo", W + "smartTag"):
            yield from _lines(child)


def _cells(element) -> Iterator:
    """A table's cells in order, also where a content control wraps a row or a cell."""
    for child in element:
        tag = child.tag
        if tag == W + "tc":
            yield child
        elif tag == W + "tr":
            yield from _cells(child)
        elif tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent") if tag == W + "sdt" else child
            if content is not None:
                yield from _cells(content)


def _showing_placeholder(sdt) -> bool:
    properties = sdt.find(W + "sdtPr")
    return properties is not None and properties.find(W + "showingPlcHdr") is not None


def _paragraph_lines(paragraph) -> Iterator[Line]:
    parts: list[str] = []
    _collect_text(paragraph, parts)
    properties = paragraph.find(W + "pPr")
    listed = False
    if properties is not None:
        style = properties.find(W + "pStyle")
        style_name = (style.get(W + "val") or "").lower() if style is not None else ""
        listed = properties.find(W + "numPr") is not None or style_name.startswith(("list", "liste"))
    for text in "".join(parts).split("\n"):
        text = " ".join(text.replace("\t", " ").split())
        bullet = text[:1] in _BULLETS and text[1:2] == " "
        if bullet:
            text = text[2:].strip()
        if text and text not in PLACEHOLDERS:
            yield Line(text, listed or bullet)


def _collect_text(element, parts: list[str]) -> None:
    """The visible text under `element`, with tracked changes accepted."""
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
        elif tag == W + "sdt":
            if not _showing_placeholder(child):
                _collect_text(child, parts)
        else:
            _collect_text(child, parts)


# --------------------------------------------------------------------------- lines into answers


def _match_question(section: Section, line: str) -> tuple[Question, str] | None:
    """The question `line` starts with (and what follows it on the line), if any."""
    normal = normalise(line)
    for question in section.questions:
        wanted = normalise(question.text)
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
    guidance = normalise(section.guidance)
    if not normal or f" {normal} " not in f" {guidance} ":
        return False
    return not strict or len(normal) >= 12


def _assign(path: Path, lines: list[Line]) -> PlanText:
    plan = PlanText(path=path)
    answers: dict[str, list[Line]] = defaultdict(list)
    section: Section | None = None
    question: Question | None = None
    for line in lines:
        heading = section_for_heading(line.text)
        rest = ""
        split = split_heading(line.text) if heading is None else None
        # "MÅLGRUPPE: Hvilket liv …" opens a section; "Tegn: …" inside TEGN is an answer.
        if split is not None and (split[0] is not section or _match_question(split[0], split[1])):
            heading, rest = split
            line = Line(rest, line.listed)
        if heading is not None:
            section, question = heading, None
            if heading.key not in plan.sections:
                plan.sections.append(heading.key)
            if not rest:
                continue
        if section is None:
            continue
        matched = _match_question(section, line.text)
        if matched is not None:
            question, rest = matched
            if rest:
                answers[question.key].append(Line(rest, line.listed))
            continue
        if _is_guidance(section, line.text, strict=question is not None) or _is_question_of_other(line.text):
            continue
        target = question or section.questions[0]
        answers[target.key].append(line)
    plan.answers = dict(answers)
    return plan


_ALL_QUESTIONS = [normalise(q.text) for s in SECTIONS for q in s.questions]


def _is_question_of_other(line: str) -> bool:
    """A template question standing in the wrong section is still not an answer."""
    normal = normalise(line)
    return normal in _ALL_QUESTIONS
