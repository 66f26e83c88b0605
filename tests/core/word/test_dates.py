"""Danish dates as staff write them, read into periods with the text they came from."""

import datetime as dt

import pytest
from rdflib import URIRef

from malplan_graph.namespaces import MP
from malplan_graph.word import importer
from malplan_graph.word.dates import DateError, find_dates, read_dates, write_date
from tests.conftest import TODAY
from tests.core.word import builders

D = dt.date

#: text → every date read in it, as (start, end, qualifier); one day has start == end.
FORMS = [
    # one day
    ("1. august 2025", [(D(2025, 8, 1), D(2025, 8, 1), None)]),
    ("1 august 2025", [(D(2025, 8, 1), D(2025, 8, 1), None)]),
    ("1. aug. 2025", [(D(2025, 8, 1), D(2025, 8, 1), None)]),
    ("d. 1. august 2025", [(D(2025, 8, 1), D(2025, 8, 1), None)]),
    ("1.8.25", [(D(2025, 8, 1), D(2025, 8, 1), None)]),
    ("01-08-25", [(D(2025, 8, 1), D(2025, 8, 1), None)]),
    ("01.08.2025", [(D(2025, 8, 1), D(2025, 8, 1), None)]),
    ("15.09.2025", [(D(2025, 9, 15), D(2025, 9, 15), None)]),
    ("1/8 2025", [(D(2025, 8, 1), D(2025, 8, 1), None)]),
    ("1/8-2025", [(D(2025, 8, 1), D(2025, 8, 1), None)]),
    ("1.8. 2025", [(D(2025, 8, 1), D(2025, 8, 1), None)]),
    ("2026-08-01", [(D(2026, 8, 1), D(2026, 8, 1), None)]),
    ("2025-09-15", [(D(2025, 9, 15), D(2025, 9, 15), None)]),
    ("29. februar 2028", [(D(2028, 2, 29), D(2028, 2, 29), None)]),
    # a month, and months sharing a year
    ("januar 2026", [(D(2026, 1, 1), D(2026, 1, 31), None)]),
    ("august 2026", [(D(2026, 8, 1), D(2026, 8, 31), None)]),
    ("August 2026", [(D(2026, 8, 1), D(2026, 8, 31), None)]),
    ("feb. 2026", [(D(2026, 2, 1), D(2026, 2, 28), None)]),
    ("i august 2026", [(D(2026, 8, 1), D(2026, 8, 31), None)]),
    ("januar og august 2026", [(D(2026, 1, 1), D(2026, 1, 31), None), (D(2026, 8, 1), D(2026, 8, 31), None)]),
    ("Januar og august 2026", [(D(2026, 1, 1), D(2026, 1, 31), None), (D(2026, 8, 1), D(2026, 8, 31), None)]),
    (
        "januar, marts og juni 2027",
        [
            (D(2027, 1, 1), D(2027, 1, 31), None),
            (D(2027, 3, 1), D(2027, 3, 31), None),
            (D(2027, 6, 1), D(2027, 6, 30), None),
        ],
    ),
    ("januar 2026 og januar 2027", [(D(2026, 1, 1), D(2026, 1, 31), None), (D(2027, 1, 1), D(2027, 1, 31), None)]),
    # weeks (ISO, Monday to Sunday)
    ("uge 34 2026", [(D(2026, 8, 17), D(2026, 8, 23), None)]),
    ("uge 34/2026", [(D(2026, 8, 17), D(2026, 8, 23), None)]),
    ("uge 34, 2026", [(D(2026, 8, 17), D(2026, 8, 23), None)]),
    ("uge 34 i 2026", [(D(2026, 8, 17), D(2026, 8, 23), None)]),
    ("Uge 1 2026", [(D(2025, 12, 29), D(2026, 1, 4), None)]),
    ("uge 53 2026", [(D(2026, 12, 28), D(2027, 1, 3), None)]),
    # quarters and halves
    ("2. kvartal 2026", [(D(2026, 4, 1), D(2026, 6, 30), None)]),
    ("3. kvartal 2026", [(D(2026, 7, 1), D(2026, 9, 30), None)]),
    ("1. kvt. 2026", [(D(2026, 1, 1), D(2026, 3, 31), None)]),
    ("4. kvt 2026", [(D(2026, 10, 1), D(2026, 12, 31), None)]),
    ("Q2 2026", [(D(2026, 4, 1), D(2026, 6, 30), None)]),
    ("q4 2026", [(D(2026, 10, 1), D(2026, 12, 31), None)]),
    ("1. halvår 2026", [(D(2026, 1, 1), D(2026, 6, 30), None)]),
    ("2. halvår 2026", [(D(2026, 7, 1), D(2026, 12, 31), None)]),
    ("første halvår 2026", [(D(2026, 1, 1), D(2026, 6, 30), None)]),
    ("andet halvår 2026", [(D(2026, 7, 1), D(2026, 12, 31), None)]),
    # primo, medio, ultimo: the first, middle and last third (of a month: days 1-10, 11-20, 21-)
    ("primo 2026", [(D(2026, 1, 1), D(2026, 4, 30), None)]),
    ("medio 2026", [(D(2026, 5, 1), D(2026, 8, 31), None)]),
    ("ultimo 2026", [(D(2026, 9, 1), D(2026, 12, 31), None)]),
    ("primo august 2026", [(D(2026, 8, 1), D(2026, 8, 10), None)]),
    ("medio marts 2026", [(D(2026, 3, 11), D(2026, 3, 20), None)]),
    ("ultimo februar 2026", [(D(2026, 2, 21), D(2026, 2, 28), None)]),
    ("starten af 2027", [(D(2027, 1, 1), D(2027, 4, 30), None)]),
    ("slutningen af 2. kvartal 2026", [(D(2026, 6, 1), D(2026, 6, 30), None)]),
    ("udgangen af 2027", [(D(2027, 12, 31), D(2027, 12, 31), None)]),
    # seasons, holidays and the school year
    ("foråret 2027", [(D(2027, 3, 1), D(2027, 5, 31), None)]),
    ("sommeren 2026", [(D(2026, 6, 1), D(2026, 8, 31), None)]),
    ("i efteråret 2026", [(D(2026, 9, 1), D(2026, 11, 30), None)]),
    ("vinteren 2026", [(D(2026, 12, 1), D(2027, 2, 28), None)]),
    ("sommerferien 2026", [(D(2026, 6, 29), D(2026, 8, 9), None)]),
    ("efterårsferien 2026", [(D(2026, 10, 12), D(2026, 10, 18), None)]),
    ("jul 2026", [(D(2026, 12, 24), D(2026, 12, 26), None)]),
    ("skoleåret 2025/26", [(D(2025, 8, 1), D(2026, 7, 31), None)]),
    ("skoleåret 2025/2026", [(D(2025, 8, 1), D(2026, 7, 31), None)]),
    ("skoleår 2026-27", [(D(2026, 8, 1), D(2027, 7, 31), None)]),
    # qualifiers: an open start or end
    ("inden jul 2026", [(None, D(2026, 12, 23), "before")]),
    ("før august 2026", [(None, D(2026, 7, 31), "before")]),
    ("inden udgangen af 2027", [(None, D(2027, 12, 31), "before")]),
    ("senest 2027", [(None, D(2027, 12, 31), "by")]),
    ("senest i august 2026", [(None, D(2026, 8, 31), "by")]),
    ("senest ved udgangen af 2. kvartal 2027", [(None, D(2027, 6, 30), "by")]),
    ("efter sommerferien 2026", [(D(2026, 8, 10), None, "after")]),
    ("efter nytår 2027", [(D(2027, 1, 2), None, "after")]),
    ("fra 1. august 2025", [(D(2025, 8, 1), None, "from")]),
    ("fra og med uge 34 2026", [(D(2026, 8, 17), None, "from")]),
    # a range: one period from the first date's start to the second's end
    ("august 2025 - juni 2026", [(D(2025, 8, 1), D(2026, 6, 30), None)]),
    ("fra august 2025 til juni 2026", [(D(2025, 8, 1), D(2026, 6, 30), None)]),
    ("Fra 1. august 2025 til udgangen af 2026", [(D(2025, 8, 1), D(2026, 12, 31), None)]),
    ("uge 34 2026 – uge 40 2026", [(D(2026, 8, 17), D(2026, 10, 4), None)]),
    # a date inside a sentence; the rest of the line is no date
    ("1. august 2025, når skolerne starter", [(D(2025, 8, 1), D(2025, 8, 1), None)]),
    ("Vi starter 1/8-2025.", [(D(2025, 8, 1), D(2025, 8, 1), None)]),
    (
        "Status til byrådet i august 2026 og august 2027",
        [(D(2026, 8, 1), D(2026, 8, 31), None), (D(2027, 8, 1), D(2027, 8, 31), None)],
    ),
    ("2026", [(D(2026, 1, 1), D(2026, 12, 31), None)]),
]


@pytest.mark.parametrize(("text", "expected"), FORMS, ids=[text for text, _ in FORMS])
def test_a_date_form_is_read_into_its_period_and_qualifier(text, expected):
    assert [(found.start, found.end, found.qualifier) for found in read_dates(text)] == expected


def test_the_table_covers_at_least_fifty_forms():
    assert len(FORMS) >= 50


@pytest.mark.parametrize(
    ("text", "piece"),
    [
        ("1. august 2025, når skolerne starter", "1. august 2025"),
        ("Vi starter 1/8-2025.", "1/8-2025"),
        ("januar og august 2026", "januar og august 2026"),
        ("inden jul 2026", "inden jul 2026"),
        ("Status til byrådet i august 2026", "i august 2026"),
    ],
)
def test_the_piece_a_date_was_read_from_is_kept(text, piece):
    assert {found.text for found in read_dates(text)} == {piece}


def test_one_date_stands_for_a_period_its_start_or_else_its_end():
    assert [found.date for found in read_dates("august 2026")] == [D(2026, 8, 1)]
    assert [found.date for found in read_dates("inden jul 2026")] == [D(2026, 12, 23)]
    assert [found.date for found in read_dates("efter sommerferien 2026")] == [D(2026, 8, 10)]


def test_issue_11_inden_jul_is_christmas_not_july():
    (found,) = read_dates("inden jul 2026")
    assert found.date.month == 12


#: text → (the piece quoted, a word of the reason) for what is written as a date but is none.
REFUSED = [
    ("31. februar 2026", "31. februar 2026", "findes ikke"),
    ("30/2 2026", "30/2 2026", "findes ikke"),
    ("13.13.25", "13.13.25", "findes ikke"),
    ("2026-13-01", "2026-13-01", "findes ikke"),
    ("uge 54 2026", "uge 54 2026", "uge 54"),
    ("uge 34", "uge 34", "årstal"),
    ("1. august", "1. august", "årstal"),
    ("august", "august", "årstal"),
    ("1/8", "1/8", "årstal"),
    ("5. kvartal 2026", "5. kvartal 2026", "kvartal"),
    ("3. halvår 2026", "3. halvår 2026", "halvår"),
    ("skoleåret 2025/27", "skoleåret 2025/27", "skoleår"),
    ("sommeren", "sommeren", "årstal"),
    ("1/8, når skolerne starter", "1/8", "årstal"),
    ("januar 2026 til 31. februar 2026", "til 31. februar 2026", "findes ikke"),
]


@pytest.mark.parametrize(("text", "piece", "reason"), REFUSED, ids=[text for text, *_ in REFUSED])
def test_a_date_that_is_none_is_refused_quoting_the_author(text, piece, reason):
    with pytest.raises(DateError) as error:
        read_dates(text)
    assert f"«{piece}»" in error.value.text("da") and reason in error.value.text("da")
    assert f"«{piece}»" in error.value.text("en")


@pytest.mark.parametrize("text", ["når det passer", "løbende", "hvert andet år", "Q5", ""])
def test_a_line_without_a_date_is_refused_quoting_the_line(text):
    with pytest.raises(DateError) as error:
        read_dates(text)
    assert f"«{text}»" in error.value.text("da") and f"«{text}»" in error.value.text("en")


def test_find_dates_passes_over_what_is_no_date():
    assert find_dates("31. februar 2026") == []
    assert find_dates("når det passer") == []
    assert [found.date for found in find_dates("Vi nåede målet i maj 2027 (se 31. februar)")] == [D(2027, 5, 1)]


def test_write_date():
    assert write_date(dt.date(2025, 8, 1)) == "1. august 2025"
    assert write_date(dt.date(2026, 1, 1), month_only=True) == "januar 2026"


# --------------------------------------------------------------------------- into the graph


def _imported_milestones(tmp_path, store, **lines):
    path = builders.table_layout(tmp_path / "datoer.docx", {**builders.ANSWERS, **lines})
    [result] = importer.import_plans(store, [path], today=TODAY)
    graph = store.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{result.plan}> {{ ?s ?p ?o }} }}")

    def milestone(name: str) -> dict:
        node = URIRef(f"{result.plan}/milestone/{name}")
        return {
            term: (value.toPython() if (value := graph.value(node, MP[term])) is not None else None)
            for term in ("dateText", "date", "startDate", "endDate", "dateQualifier")
        }

    return result, milestone


def test_issue_11_a_milestone_keeps_its_whole_line_its_period_and_its_qualifier(tmp_path, fresh_store):
    result, milestone = _imported_milestones(
        tmp_path,
        fresh_store,
        start=["1. august 2025, når skolerne starter"],
        fulfilment=["inden jul 2026"],
        interim=["Januar og august 2026"],
    )
    assert milestone("start-1") == {
        "dateText": "1. august 2025, når skolerne starter",
        "date": D(2025, 8, 1),
        "startDate": None,  # one day: its date says it all
        "endDate": None,
        "dateQualifier": None,
    }
    assert milestone("fulfilment-1") == {
        "dateText": "inden jul 2026",
        "date": D(2026, 12, 23),
        "startDate": None,
        "endDate": D(2026, 12, 23),
        "dateQualifier": "before",
    }
    assert [milestone(f"interim-{n}") for n in (1, 2)] == [
        {
            "dateText": "Januar og august 2026",
            "date": D(2026, month, 1),
            "startDate": D(2026, month, 1),
            "endDate": D(2026, month, 31),
            "dateQualifier": None,
        }
        for month in (1, 8)
    ]
    assert result.notes == []
    # "inden jul 2026" is no longer 1 July 2026, less than a year after the start.
    assert not [r for r in result.report.results if "1-4" in r.message_da]


def test_issue_11_a_date_that_cannot_be_read_is_named_and_its_text_kept(tmp_path, fresh_store):
    result, milestone = _imported_milestones(tmp_path, fresh_store, interim=["31. februar 2026"])
    assert result.notes == [("date-unreadable", "31. februar 2026")]
    assert milestone("interim-1") == {
        "dateText": "31. februar 2026",
        "date": None,
        "startDate": None,
        "endDate": None,
        "dateQualifier": None,
    }
    assert not result.report.conforms  # a milestone without a date is still a violation
