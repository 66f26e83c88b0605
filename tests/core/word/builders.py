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


# --------------------------------------------------------------------------- Word as staff write it (issue 11 §4)

#: Signs with the data behind each, and trial actions with who starts each, as the pairs a
#: table row holds: several data sources or starters in one cell, as paragraphs or with ";" ",".
SIGN_PAIRS = [
    ("Flere lån blandt 8-10-årige", ["Bibliotekets udlånstal", "Nationale test i læsning"]),
    ("Flere elever fortæller om deres bog", ["Observationer og elevsamtaler; Den nationale trivselsmåling"]),
]
ACTION_PAIRS = [
    ("Læsebånd hver morgen", ["Herstedvester Skole"]),
    ("Bogklub i biblioteket om eftermiddagen", ["Albertslund Bibliotek, Læseforeningen"]),
]
PAIR_ANSWERS = {key: value for key, value in ANSWERS.items() if key not in ("signs", "data", "actions", "starters")}
#: Column headings in the words staff use, in the table's order (the second one reversed).
HEADERS = {"signs": ("Tegn", "Data"), "actions": ("Hvem iværksætter", "Prøvehandling")}


def _heading(document, text: str, style: str = "bold") -> None:
    if style == "bold":
        document.add_paragraph().add_run(text).bold = True
    else:
        document.add_heading(text, level=2)


def _pair_table(container, key: str, header: bool):
    """A two-column table of pairs (tegn | data, or with a header row in any column order)."""
    pairs = SIGN_PAIRS if key == "signs" else ACTION_PAIRS
    reverse = header and key == "actions"
    table = container.add_table(rows=0, cols=2)
    if header:
        cells = table.add_row().cells
        for cell, text in zip(cells, HEADERS[key], strict=True):
            cell.paragraphs[0].add_run(text).bold = True
    for first, second in pairs:
        cells = table.add_row().cells
        left, right = (cells[1], cells[0]) if reverse else (cells[0], cells[1])
        left.paragraphs[0].add_run(first)
        right.paragraphs[0].add_run(second[0])
        for more in second[1:]:
            right.add_paragraph(more)
    return table


def pair_table_layout(path: Path, header: bool = True, where: str = "first") -> Path:
    """Paragraphs under bold headings; tegn and prøvehandlinger as two-column tables of pairs,
    under the first question (`where="first"`), the second, or right under the heading."""
    document = docx.Document()
    for section in SECTIONS:
        _heading(document, section.heading)
        if section.key in HEADERS and where == "heading":
            _pair_table(document, section.key, header)
        for number, question in enumerate(section.questions):
            document.add_paragraph(question.text)
            if section.key in HEADERS and where == ("first", "second")[number]:
                _pair_table(document, section.key, header)
            for line in PAIR_ANSWERS.get(question.key, []):
                document.add_paragraph(line)
    document.save(str(path))
    return path


def nested_pair_layout(path: Path, header: bool = False) -> Path:
    """The template's own table with the pairs as a table inside the right-hand cell."""
    document = docx.Document()
    document.add_paragraph(TITLE)
    table = document.add_table(rows=0, cols=2)
    for section in SECTIONS:
        left, right = table.add_row().cells
        left.paragraphs[0].add_run(section.heading).bold = True
        paragraph = right.paragraphs[0]
        for number, question in enumerate(section.questions):
            if number:
                paragraph = right.add_paragraph()
            paragraph.add_run(question.text)
            if section.key in HEADERS and number == 0:
                _pair_table(right, section.key, header)
                right.add_paragraph()  # Word keeps a paragraph after a table in a cell
            for line in PAIR_ANSWERS.get(question.key, []):
                right.add_paragraph(line)
    document.save(str(path))
    return path


#: Headings as staff write them: plural, definite, numbered, with a colon, in other case.
VARIANT_HEADINGS = {
    "workplaces": "1. Arbejdspladserne",
    "owner": "Ejer af målplanen",
    "target-groups": "Målgrupper",
    "policy": "Politikker:",
    "objective": "MÅLSÆTNINGER",
    "goal": "III. Målet",
    "signs": "Tegnene:",
    "actions": "Prøvehandling",
    "evaluation": "Evalueringen",
    "learning": "LÆRINGEN",
    "milestones": "Milepælsplanen",
}


def variant_heading_layout(
    path: Path,
    headings: dict | None = None,
    extra: dict | None = None,
    style: str = "bold",
    answers: dict | None = None,
) -> Path:
    """Headings in the forms staff write (`headings`, key → text), and `extra` headings the
    template does not have after a section (key → (heading, lines))."""
    headings = VARIANT_HEADINGS if headings is None else headings
    answers = _answers(answers)
    document = docx.Document()
    for section in SECTIONS:
        _heading(document, headings.get(section.key, section.heading), style)
        for question in section.questions:
            document.add_paragraph(question.text)
            for line in answers.get(question.key, []):
                document.add_paragraph(line)
        if extra and section.key in extra:
            heading, lines = extra[section.key]
            _heading(document, heading, style)
            for line in lines:
                document.add_paragraph(line)
    document.save(str(path))
    return path


def english_layout(path: Path) -> Path:
    """The template translated: English headings and questions, Danish answers."""
    document = docx.Document()
    document.add_paragraph("ALBERTSLUND MUNICIPALITY – GOAL PLAN")
    for section in SECTIONS:
        _heading(document, section.heading_en, "styled")
        for question in section.questions:
            document.add_paragraph(question.text_en)
            for line in ANSWERS.get(question.key, []):
                document.add_paragraph(line)
    document.save(str(path))
    return path


def numbered_layout(path: Path) -> Path:
    """Lists numbered by hand ("1. …", "2) …") and by Word (List Number); a footnote on a sign."""
    document = docx.Document()
    for section in SECTIONS:
        _heading(document, section.heading)
        for question in section.questions:
            document.add_paragraph(question.text)
            for number, line in enumerate(ANSWERS.get(question.key, []), 1):
                if question.key in ("signs", "goal"):
                    paragraph = document.add_paragraph(f"{number}. {line}")
                elif question.key in ("actions", "data"):
                    paragraph = document.add_paragraph(f"{number}) {line}")
                elif question.key == "workplaces":
                    paragraph = document.add_paragraph(line, style="List Number")
                else:
                    paragraph = document.add_paragraph(line)
                if question.key == "signs" and number == 1:
                    _footnote(document, paragraph, FOOTNOTE)
    document.save(str(path))
    return path


FOOTNOTE = "Udlån registreres månedligt af biblioteket."


def _footnote(document, paragraph, text: str) -> None:
    """A footnote on `paragraph`: word/footnotes.xml with Word's two separators and the note."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = (
        f'<w:footnotes xmlns:w="{w}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        f'</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
        "</w:footnote></w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        xml.encode("utf-8"),
        document.part.package,
    )
    document.part.relate_to(part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes")
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), "1")
    paragraph.add_run()._r.append(reference)


#: Two goals, each with its own signs and trial actions under "Mål 1" / "Mål 2".
GOALS = {
    1: ("Alle elever i 3. klasse læser mindst én bog om måneden i 2027.", ["Flere lån blandt 8-10-årige"]),
    2: ("Flere forældre læser højt for deres børn.", ["Flere forældre i bogklubben"]),
}
GOAL_ACTIONS = {1: ["Læsebånd hver morgen"], 2: ["Bogklub i biblioteket om eftermiddagen"]}


def several_goals_layout(path: Path) -> Path:
    """Two goals ("Mål 1: …", "Mål 2: …"), and in TEGN and PRØVEHANDLINGER a "Mål 1" and a
    "Mål 2" part with each goal's own signs and actions."""
    document = docx.Document()
    for section in SECTIONS:
        _heading(document, section.heading)
        for question in section.questions:
            document.add_paragraph(question.text)
            if question.key == "goal":
                for number, (text, _) in GOALS.items():
                    document.add_paragraph(f"Mål {number}: {text}")
            elif question.key in ("signs", "actions"):
                for number, (_, signs) in GOALS.items():
                    document.add_paragraph().add_run(f"Mål {number}").bold = True
                    for line in signs if question.key == "signs" else GOAL_ACTIONS[number]:
                        document.add_paragraph(line, style="List Bullet")
            elif question.key not in ("data", "starters"):
                for line in ANSWERS.get(question.key, []):
                    document.add_paragraph(line)
    document.save(str(path))
    return path


def titled_layout(path: Path, title: str = "", core_title: str = "", answers: dict | None = None) -> Path:
    """The template's table under a Title-styled paragraph (`title`) and/or with a title in
    the document's properties (`core_title`)."""
    table_layout(path, answers)
    document = docx.Document(str(path))
    if title:
        document.paragraphs[0].insert_paragraph_before(title, style="Title")
    if core_title:
        document.core_properties.title = core_title
    document.save(str(path))
    return path


def goal_table_layout(path: Path) -> Path:
    """The goals as a list under MÅL, and in TEGN one table Mål | Tegn | Data: a row per sign,
    the goal cell left empty where the sign belongs to the goal above."""
    document = docx.Document()
    for section in SECTIONS:
        _heading(document, section.heading)
        for question in section.questions:
            document.add_paragraph(question.text)
            if question.key == "goal":
                for text, _ in GOALS.values():
                    document.add_paragraph(text, style="List Bullet")
            elif question.key == "signs":
                table = document.add_table(rows=0, cols=3)
                for cell, text in zip(table.add_row().cells, ("Mål", "Tegn", "Data"), strict=True):
                    cell.text = text
                rows = [
                    (GOALS[1][0], GOALS[1][1][0], "Bibliotekets udlånstal"),
                    ("", "Flere elever fortæller om deres bog", "Observationer og elevsamtaler"),
                    (GOALS[2][0], GOALS[2][1][0], "Medlemstal fra foreningerne"),
                ]
                for row in rows:
                    for cell, text in zip(table.add_row().cells, row, strict=True):
                        cell.text = text
            elif question.key not in ("data",):
                for line in ANSWERS.get(question.key, []):
                    document.add_paragraph(line)
    document.save(str(path))
    return path


def extra_row_layout(path: Path) -> Path:
    """The template's table with a row the template lacks ("Økonomi"), after EJER AF MÅLPLAN."""
    table_layout(path)
    document = docx.Document(str(path))
    table = document.tables[0]
    left, right = table.add_row().cells
    left.paragraphs[0].add_run("Økonomi").bold = True
    right.paragraphs[0].add_run("200.000 kr. fra puljen")
    table._tbl.remove(table.rows[-1]._tr)
    table.rows[1]._tr.addnext(left._tc.getparent())
    document.save(str(path))
    return path
