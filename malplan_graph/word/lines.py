"""The document as lines: a .docx body read in document order, as it reads with tracked changes
accepted (inserted text counts, deleted text does not), through tables, content controls,
hyperlinks, split runs and text boxes, with footnotes kept where they are referenced. A table
inside an answer keeps its rows' cells (pairs: tegn | data, prøvehandling | hvem), decided from
the XML's table structure, not from text patterns. Knows nothing of the answers' meaning.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from .package import W_NS
from .template import PLACEHOLDERS, QUESTION_ORDER, column_key, is_question, section_for_heading

W = "{" + W_NS + "}"
#: Word writes a text box twice: as a drawing (mc:Choice) and as VML for old readers (mc:Fallback).
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

_BULLETS = "-–—•*·▪◦●○"


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
    #: The question each cell answers, when a header row named them ("Tegn | Data").
    columns: tuple[str, ...] = ()


def read_footnotes(document) -> dict[str, str]:
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


def document_lines(container, footnotes: dict[str, str]) -> Iterator[Line]:
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
                    yield from document_lines(content, footnotes)
        elif tag in (W + "customXml", W + "ins", W + "moveTo", W + "smartTag"):
            yield from document_lines(child, footnotes)


def _table_lines(table, footnotes: dict[str, str]) -> Iterator[Line]:
    """A table's lines. The template's own table (a section heading or a question in the first
    column) is read cell by cell, its first column's first line marked as a heading; any other
    table of two or more columns holds pairs, one line a row with the row's cells, a header
    row naming the columns' questions (in any order) read as such and not as an answer."""
    rows = [list(_cells(row)) for row in _rows(table)]
    cell_lines = [[list(document_lines(cell, footnotes)) for cell in row] for row in rows]
    layout = any(
        row and row[0] and (section_for_heading(row[0][0].text) or is_question(row[0][0].text)) and _header(row) is None
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
        named: tuple[str, ...] = ()
        if columns:
            # the columns in the template's order (tegn before data), whatever the table's
            order = sorted(
                range(len(texts)),
                key=lambda i: QUESTION_ORDER.index(columns[i]) if i < len(columns) and columns[i] else 99,
            )
            texts = [texts[i] for i in order]
            named = tuple((columns[i] if i < len(columns) else None) or "" for i in order)
        listed = any(line.listed for lines in row for line in lines)
        yield Line(": ".join(filled), listed, cells=tuple(texts), columns=named)


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
