"""Real .docx målplaner built with python-docx, one builder per layout people produce.

Each takes the answers (question key → lines) and a path, and writes a Word file.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from malplan_graph.word.template import SECTIONS, TITLE

ANSWERS = {
    "workplaces": ["Herstedvester Skole", "Vestervang", "Albertslund Bibliotek"],
    "owner": ["Skolechef"],
    "target-groups": ["Skolebørn 6-16 år", "Familier med børn"],
    "policy": ["Børne- og ungepolitik"],
    "objective": ["Flere børn læser med lyst og forståelse"],
    "goal": ["Alle elever i 3. klasse læser mindst én bog om måneden i 2027."],
    "rationale": ["Læselyst er nøglen til læring.", "Udlånet blandt 8-10-årige er faldet i tre år."],
    "signs": ["Flere lån blandt 8-10-årige", "Flere elever fortæller om deres bog"],
    "data": ["Bibliotekets udlånstal", "Observationer og elevsamtaler"],
    "actions": ["Herstedvester Skole: Læsebånd hver morgen", "Bogklub i biblioteket om eftermiddagen"],
    "starters": ["Albertslund Bibliotek og Læseforeningen: Bogklub i biblioteket om eftermiddagen"],
    "start": ["1. august 2025"],
    "fulfilment": ["juni 2027"],
    "interim": ["januar 2026 og januar 2027"],
    "degree": ["Delvist indfriet i januar 2026: 40 % læser en bog om måneden."],
    "effects": ["Flere lån; ingen effekt blandt de ældste."],
    "insights": ["Bogklubben når også forældrene."],
    "keep": ["Læsebåndet fastholdes."],
    "collaboration": ["Fast kontaktperson på biblioteket hjalp."],
}


def _answers(answers: dict | None) -> dict:
    return ANSWERS if answers is None else answers


def table_layout(path: Path, answers: dict | None = None, title: str = "") -> Path:
    """The template's own layout: a two-column table, heading and guidance left, questions and
    answers right."""
    answers = _answers(answers)
    document = docx.Document()
    document.add_paragraph(TITLE)
    if title:
        document.core_properties.title = title
    table = document.add_table(rows=0, cols=2)
    for section in SECTIONS:
        left, right = table.add_row().cells
        left.paragraphs[0].add_run(section.heading).bold = True
        if section.guidance:
            # the template breaks its guidance over several lines
            words = section.guidance.split()
            for start in range(0, len(words), 9):
                left.add_paragraph(" ".join(words[start : start + 9]))
        paragraph = right.paragraphs[0]
        for number, question in enumerate(section.questions):
            if number:
                paragraph = right.add_paragraph()
            paragraph.add_run(question.text)
            for line in answers.get(question.key, []):
                right.add_paragraph(line)
    document.save(str(path))
    return path


def heading_layout(path: Path, answers: dict | None = None) -> Path:
    """Plain paragraphs under heading-styled headings in title case; answers as bullet lists."""
    answers = _answers(answers)
    document = docx.Document()
    document.add_heading(TITLE.title(), level=1)
    for section in SECTIONS:
        document.add_heading(section.heading.capitalize(), level=2)
        for question in section.questions:
            document.add_paragraph(question.text).runs[0].italic = True
            for line in answers.get(question.key, []):
                document.add_paragraph(line, style="List Bullet")
    document.save(str(path))
    return path


def bold_layout(path: Path, answers: dict | None = None) -> Path:
    """Bold paragraphs as headings in lower case, the question and the answer in one
    paragraph, several answers as line breaks inside one paragraph."""
    answers = _answers(answers)
    document = docx.Document()
    for section in SECTIONS:
        document.add_paragraph().add_run(section.heading.lower()).bold = True
        for question in section.questions:
            lines = answers.get(question.key, [])
            paragraph = document.add_paragraph(question.text + (" " + lines[0] if lines else ""))
            if len(lines) > 1:
                run = paragraph.add_run()
                for line in lines[1:]:
                    run.add_break()
                    run.add_text(line)
    document.save(str(path))
    return path


def _content_control(text: str | None) -> OxmlElement:
    """A block content control holding one paragraph: filled, or showing Word's placeholder."""
    sdt = OxmlElement("w:sdt")
    properties = OxmlElement("w:sdtPr")
    sdt.append(properties)
    content = OxmlElement("w:sdtContent")
    paragraph = OxmlElement("w:p")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    if text is None:
        properties.append(OxmlElement("w:showingPlcHdr"))
        t.text = "Klik eller tryk her for at skrive tekst."
    else:
        t.text = text
    run.append(t)
    paragraph.append(run)
    content.append(paragraph)
    sdt.append(content)
    return sdt


def content_control_layout(path: Path, answers: dict | None = None) -> Path:
    """Answers inside content controls (which Document.paragraphs does not see); unanswered
    questions keep an unfilled control showing Word's placeholder text."""
    answers = _answers(answers)
    document = docx.Document()
    body = document.element.body
    for section in SECTIONS:
        document.add_paragraph(section.heading)
        for question in section.questions:
            document.add_paragraph(question.text)
            lines = answers.get(question.key) or [None]
            for line in lines:
                body.insert(len(body) - 1, _content_control(line))
    document.save(str(path))
    return path


def _run(text: str, tag: str = "w:t") -> OxmlElement:
    run = OxmlElement("w:r")
    t = OxmlElement(tag)
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    return run


def edited_layout(path: Path, answers: dict | None = None) -> Path:
    """Word's structure after editing: every word in runs of its own, proofing marks,
    bookmarks, a hyperlink, and tracked changes (an insertion and a deletion) in answers."""
    answers = _answers(answers)
    document = docx.Document()
    for section in SECTIONS:
        document.add_paragraph(section.heading)
        for question in section.questions:
            document.add_paragraph(question.text)
            for line in answers.get(question.key, []):
                paragraph = document.add_paragraph()._p
                start = OxmlElement("w:bookmarkStart")
                start.set(qn("w:id"), "0")
                start.set(qn("w:name"), "_Ref1")
                paragraph.append(start)
                words = line.split(" ")
                for number, word in enumerate(words):
                    text = word + (" " if number < len(words) - 1 else "")
                    if number == 1:
                        paragraph.append(OxmlElement("w:proofErr"))
                    if number == 0 and len(words) > 2:
                        link = OxmlElement("w:hyperlink")
                        link.append(_run(text))
                        paragraph.append(link)
                    elif number == len(words) - 1:
                        inserted = OxmlElement("w:ins")
                        inserted.set(qn("w:id"), "1")
                        inserted.set(qn("w:author"), "Redaktør")
                        inserted.append(_run(text))
                        paragraph.append(inserted)
                    else:
                        paragraph.append(_run(text))
                deleted = OxmlElement("w:del")
                deleted.set(qn("w:id"), "2")
                deleted.set(qn("w:author"), "Redaktør")
                deleted.append(_run(" SLETTET TEKST", "w:delText"))
                paragraph.append(deleted)
                end = OxmlElement("w:bookmarkEnd")
                end.set(qn("w:id"), "0")
                paragraph.append(end)
    document.save(str(path))
    return path


LAYOUTS = {
    "table": table_layout,
    "headings": heading_layout,
    "bold": bold_layout,
    "content-controls": content_control_layout,
    "edited": edited_layout,
}


def letter(path: Path) -> Path:
    """A Word document that is not a målplan."""
    document = docx.Document()
    document.add_paragraph("Kære borger")
    document.add_paragraph("Tak for din henvendelse om affaldssortering. Med venlig hilsen, Borgerservice")
    document.save(str(path))
    return path


def zip_bomb(path: Path) -> Path:
    """A zip that looks like a .docx and unpacks a small member into 300 MB of zeros."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/padding.bin", "w", force_zip64=True) as member:
            chunk = bytes(1024 * 1024)
            for _ in range(300):
                member.write(chunk)
    return path


def without_document(path: Path) -> Path:
    """A zip with no word/document.xml (an Excel file, say)."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return path


def old_doc(path: Path, encrypted: bool = False) -> Path:
    """An OLE compound file: an old .doc, or (with an EncryptedPackage stream) a
    password-protected .docx, which Word also stores as OLE."""
    body = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    body += ("EncryptedPackage" if encrypted else "WordDocument").encode("utf-16-le")
    body += bytes(2048)
    path.write_bytes(bytes(body))
    return path


def text_file(path: Path) -> Path:
    """A plain text file named .docx."""
    path.write_text("Dette er ikke et Word-dokument", encoding="utf-8")
    return path
