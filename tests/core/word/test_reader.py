"""Reading filled-in målplaner in every layout people produce, and refusing what is not one."""

from __future__ import annotations

import pytest

from malplan_graph.errors import InputError
from malplan_graph.word import package, reader
from tests.core.word import builders


@pytest.mark.parametrize("layout", sorted(builders.LAYOUTS))
def test_every_layout_reads_every_answer_and_nothing_else(tmp_path, layout):
    path = builders.LAYOUTS[layout](tmp_path / f"{layout}.docx")
    plan = reader.read_plan(path)
    assert {key: [line.text for line in lines] for key, lines in plan.answers.items()} == builders.ANSWERS
    assert len(plan.sections) == 11


def test_unfilled_content_controls_and_unanswered_questions_give_no_answer(tmp_path):
    answers = {key: value for key, value in builders.ANSWERS.items() if key not in ("degree", "effects", "keep")}
    plan = reader.read_plan(builders.content_control_layout(tmp_path / "plan.docx", answers))
    assert "degree" not in plan.answers and "keep" not in plan.answers
    assert all("Klik eller tryk" not in line.text for lines in plan.answers.values() for line in lines)


def test_tracked_changes_are_read_as_accepted(tmp_path):
    plan = reader.read_plan(builders.edited_layout(tmp_path / "plan.docx"))
    assert plan.text("owner") == "Skolechef"
    assert "SLETTET" not in " ".join(line.text for lines in plan.answers.values() for line in lines)


def test_bullets_are_list_items(tmp_path):
    plan = reader.read_plan(builders.heading_layout(tmp_path / "plan.docx"))
    assert all(line.listed for line in plan.lines("signs"))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: builders.text_file(p), "er ikke et Word-dokument"),
        (lambda p: builders.old_doc(p), "gammelt Word-dokument (.doc)"),
        (lambda p: builders.old_doc(p, encrypted=True), "beskyttet med adgangskode"),
        (lambda p: builders.without_document(p), "indeholder intet Word-dokument"),
        (lambda p: builders.letter(p), "er ikke en målplan"),
        (lambda p: builders.zip_bomb(p), "zip-bombe"),
    ],
    ids=["text", "doc", "password", "no-document", "letter", "zip-bomb"],
)
def test_bad_files_get_one_clear_danish_line(tmp_path, make, message):
    path = make(tmp_path / "plan.docx")
    with pytest.raises(InputError) as error:
        reader.read_plan(path)
    assert error.value.da.startswith("plan.docx: ") and message in error.value.da
    assert "\n" not in error.value.da and error.value.en != error.value.da


def test_a_file_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    path = builders.table_layout(tmp_path / "plan.docx")
    monkeypatch.setattr(package, "MAX_FILE_BYTES", 1000)
    with pytest.raises(InputError, match="større end"):
        reader.read_plan(path)


def test_a_blank_template_is_not_a_plan(tmp_path):
    from malplan_graph.word import writer

    writer.write_template(tmp_path / "blank.docx")
    with pytest.raises(InputError, match="tom målplan"):
        reader.read_plan(tmp_path / "blank.docx")


def test_numbered_headings_and_a_heading_with_its_question_on_one_line(tmp_path):
    import docx

    from malplan_graph.word.template import SECTIONS

    document = docx.Document()
    for number, section in enumerate(SECTIONS, 1):
        question = section.questions[0]
        if number % 2:
            document.add_paragraph(f"{number}. {section.heading.title()}")
            document.add_paragraph(question.text)
        else:
            document.add_paragraph(f"{section.heading}: {question.text}")
        document.add_paragraph(f"Svar {number}")
    document.save(str(tmp_path / "plan.docx"))
    plan = reader.read_plan(tmp_path / "plan.docx")
    assert len(plan.sections) == 11
    assert [plan.text(section.questions[0].key) for section in SECTIONS] == [f"Svar {n}" for n in range(1, 12)]


def test_an_answer_starting_with_a_heading_word_stays_an_answer(tmp_path):
    answers = {**builders.ANSWERS, "data": ["Tegn: Bibliotekets udlånstal", "Observationer og elevsamtaler"]}
    plan = reader.read_plan(builders.heading_layout(tmp_path / "plan.docx", answers))
    assert [line.text for line in plan.lines("data")] == [
        "Tegn: Bibliotekets udlånstal",
        "Observationer og elevsamtaler",
    ]


def test_a_text_box_is_read_once(tmp_path):
    """Word writes a text box as a drawing and again as VML for old readers."""
    from docx.oxml import parse_xml

    path = builders.heading_layout(tmp_path / "plan.docx")
    import docx

    document = docx.Document(str(path))
    paragraph = document.add_paragraph()
    box = parse_xml(
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<mc:Choice Requires="wps"><w:r><w:t>Tekst i en tekstboks</w:t></w:r></mc:Choice>'
        "<mc:Fallback><w:r><w:t>Tekst i en tekstboks</w:t></w:r></mc:Fallback></mc:AlternateContent>"
    )
    paragraph._p.append(box)
    document.save(str(path))
    plan = reader.read_plan(path)
    assert plan.lines("interim")[-1].text == "Tekst i en tekstboks"
