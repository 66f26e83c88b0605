"""Danish dates as people write them, parsed with the text they came from."""

import datetime as dt

import pytest

from malplan_graph.word.dates import find_dates, write_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. august 2025", [(dt.date(2025, 8, 1), "1. august 2025")]),
        ("januar 2026", [(dt.date(2026, 1, 1), "januar 2026")]),
        ("August 2026", [(dt.date(2026, 8, 1), "August 2026")]),
        ("Vi starter 1/8-2025.", [(dt.date(2025, 8, 1), "1/8-2025")]),
        ("2025-09-15", [(dt.date(2025, 9, 15), "2025-09-15")]),
        ("15.09.2025", [(dt.date(2025, 9, 15), "15.09.2025")]),
        ("uge 34 2025", [(dt.date(2025, 8, 18), "uge 34 2025")]),
        ("3. kvartal 2026", [(dt.date(2026, 7, 1), "3. kvartal 2026")]),
        ("medio marts 2026", [(dt.date(2026, 3, 15), "medio marts 2026")]),
        ("foråret 2027", [(dt.date(2027, 3, 1), "foråret 2027")]),
        ("inden udgangen af 2027", [(dt.date(2027, 12, 31), "inden udgangen af 2027")]),
        ("januar 2026 og januar 2027", [(dt.date(2026, 1, 1), "januar 2026"), (dt.date(2027, 1, 1), "januar 2027")]),
        ("31. februar 2026", []),
        ("når det passer", []),
    ],
)
def test_find_dates(text, expected):
    assert [(found.date, found.text) for found in find_dates(text)] == expected


def test_write_date():
    assert write_date(dt.date(2025, 8, 1)) == "1. august 2025"
    assert write_date(dt.date(2026, 1, 1), month_only=True) == "januar 2026"
