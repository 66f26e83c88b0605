"""Reads a filled-in målplan (.docx) into the answers to the template's questions.

Reads the document as it reads with tracked changes accepted (inserted text counts, deleted
text does not), through tables, content controls, hyperlinks and split runs, and recognises the
template's headings and questions in any layout or letter case. The template's own guidance,
questions and Word's placeholder texts are never taken as answers. Knows nothing of RDF.
"""

from __future__ import annotations

import difflib
import lzma
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from ..errors import InputError
from ..store.inputs import regular_file
from .template import PLACEHOLDERS, SECTIONS, Question, Section, normalise, section_for_heading, split_heading

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NS + "}"
#: Word writes a text box twice: as a drawing (mc:Choice) and as VML for old readers (mc:Fallback).
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

#: A .docx larger than this is refused before it is opened.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: What the zip may unpack to in all, and how much one member may grow: beyond is a zip bomb.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200
#: At least this many of the template's sections make a document a målplan.
MIN_SECTIONS = 4

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
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


def _error(path: Path, da: str, en: str) -> InputError:
    return InputError(f"{path.name}: {da}", f"{path.name}: {en}")


def check_file(path: Path) -> None:
    """Refuse what is not a readable .docx before python-docx sees it: not an ordinary file,
    too large, an old .doc, password-protected, not a zip, a zip without a Word document, a zip
    bomb, a member that is encrypted, damaged or packed in a way that cannot be unpacked, and a
    main part that is not a Word document (XML entities, another root element, no body)."""
    regular_file(path, MAX_FILE_BYTES, shown=path.name)
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as error:
        raise _error(path, f"kan ikke åbnes: {error.strerror}.", f"cannot be opened: {error.strerror}.") from error
    if head.startswith(_OLE):
        if _ENCRYPTED in path.read_bytes():
            raise _error(
                path,
                "dokumentet er beskyttet med adgangskode; gem det uden adgangskode og prøv igen.",
                "the document is password-protected; save it without a password and try again.",
            )
        raise _error(
            path,
            "det er et gammelt Word-dokument (.doc); gem det som .docx i Word og prøv igen.",
            "it is an old Word document (.doc); save it as .docx in Word and try again.",
        )
    if not zipfile.is_zipfile(path):
        raise _error(path, "er ikke et Word-dokument (.docx).", "is not a Word document (.docx).")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            if "word/document.xml" not in names:
                raise _error(
                    path,
                    "zip-filen indeholder intet Word-dokument (word/document.xml mangler).",
                    "the zip file holds no Word document (word/document.xml is missing).",
                )
            unpacked = sum(member.file_size for member in members)
            swollen = any(
                member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(member.compress_size, 1)
                for member in members
            )
            if unpacked > MAX_UNPACKED_BYTES or swollen:
                raise _error(
                    path,
                    "filen pakker sig ud til urimeligt meget data (en zip-bombe?) og læses ikke.",
                    "the file unpacks to an unreasonable amount of data (a zip bomb?) and is not read.",
                )
            # python-docx reads every part: unpack each one here, so that a damaged one is
            # named rather than raised from inside python-docx (issue 10).
            for member in members:
                _unpack(path, archive, member)
            document = archive.read("word/document.xml")
    except zipfile.BadZipFile as error:
        raise _error(
            path, f"zip-filen er ødelagt: {error}; {_RESAVE_DA}", f"the zip file is damaged: {error}; {_RESAVE_EN}"
        ) from error
    _check_main_part(path, document)


_RESAVE_DA = "åbn den i Word, og gem den igen som .docx."
_RESAVE_EN = "open it in Word and save it again as .docx."


def _unpack(path: Path, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    if member.flag_bits & 0x1:
        raise _error(
            path,
            f"delen {member.filename} er krypteret med adgangskode; gem dokumentet uden adgangskode og prøv igen.",
            f"the part {member.filename} is encrypted with a password; save the document without a password and "
            "try again.",
        )
    try:
        with archive.open(member) as stream:
            while stream.read(1 << 20):
                pass
    except NotImplementedError as error:
        raise _error(
            path,
            f"delen {member.filename} er pakket på en måde, der ikke kan pakkes ud (metode {member.compress_type}); "
            f"{_RESAVE_DA}",
            f"the part {member.filename} is packed in a way that cannot be unpacked (method "
            f"{member.compress_type}); {_RESAVE_EN}",
        ) from error
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError, lzma.LZMAError) as error:
        raise _error(
            path,
            f"delen {member.filename} er ødelagt og kan ikke pakkes ud ({error}); {_RESAVE_DA}",
            f"the part {member.filename} is damaged and cannot be unpacked ({error}); {_RESAVE_EN}",
        ) from error


def _check_main_part(path: Path, document: bytes) -> None:
    """word/document.xml, read once by expat: well-formed, no DTD (Word writes none), the root
    a Word document with a body."""
    parser = expat.ParserCreate(namespace_separator=" ")
    found = {"depth": 0, "root": "", "body": False}

    def doctype(*_):
        raise _error(
            path,
            "dokumentet indeholder XML-erklæringer (DOCTYPE), som Word ikke skriver, og læses ikke; " + _RESAVE_DA,
            "the document holds XML declarations (DOCTYPE) that Word does not write, and is not read; " + _RESAVE_EN,
        )

    def start(name, attributes):
        if found["depth"] == 0:
            found["root"] = name
        elif found["depth"] == 1 and name == W_NS + " body":
            found["body"] = True
        found["depth"] += 1

    def end(name):
        found["depth"] -= 1

    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(document, True)
    except expat.ExpatError as error:
        reason = expat.ErrorString(error.code)
        raise _error(
            path,
            f"word/document.xml er ikke gyldig XML (linje {error.lineno}: {reason}); {_RESAVE_DA}",
            f"word/document.xml is not well-formed XML (line {error.lineno}: {reason}); {_RESAVE_EN}",
        ) from error
    if found["root"] != W_NS + " document":
        root = found["root"].rpartition(" ")[2]
        raise _error(
            path,
            f"er ikke et Word-dokument: hoveddelen er <{root}>, ikke <w:document>; {_RESAVE_DA}",
            f"is not a Word document: its main part is <{root}>, not <w:document>; {_RESAVE_EN}",
        )
    if not found["body"]:
        raise _error(
            path,
            f"Word-dokumentet har ingen brødtekst (w:body); {_RESAVE_DA}",
            f"the Word document has no body (w:body); {_RESAVE_EN}",
        )


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
        raise _error(
            path,
            f"kan ikke læses som Word-dokument: {error}; {_RESAVE_DA}",
            f"cannot be read as a Word document: {error}; {_RESAVE_EN}",
        ) from error
    plan = _assign(path, list(_lines(body)))
    if len(plan.sections) < MIN_SECTIONS:
        raise _error(
            path,
            "er ikke en målplan: dokumentet har ikke skabelonens afsnit (ARBEJDSPLADSER, MÅL, TEGN, "
            "PRØVEHANDLINGER, MILEPÆLSPLAN …).",
            "is not a målplan: the document lacks the template's sections (ARBEJDSPLADSER, MÅL, TEGN, "
            "PRØVEHANDLINGER, MILEPÆLSPLAN …).",
        )
    if not plan.answers:
        raise _error(
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
