"""Danish dates as people write them in a målplan, parsed into typed dates.

"1. august 2025", "januar 2026", "August 2026", "1/8-2025", "2025-08-01", "uge 34 2025",
"3. kvartal 2026", "medio marts 2026", "foråret 2027", "udgangen af 2027". Every date found
keeps the exact text it came from. A month alone means its first day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "januar": 1,
    "jan": 1,
    "january": 1,
    "februar": 2,
    "feb": 2,
    "february": 2,
    "marts": 3,
    "mar": 3,
    "march": 3,
    "april": 4,
    "apr": 4,
    "maj": 5,
    "may": 5,
    "juni": 6,
    "jun": 6,
    "june": 6,
    "juli": 7,
    "jul": 7,
    "july": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
SEASONS = {
    "foråret": 3,
    "forår": 3,
    "sommeren": 6,
    "sommer": 6,
    "efteråret": 9,
    "efterår": 9,
    "vinteren": 12,
    "vinter": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_SEASON = "|".join(sorted(SEASONS, key=len, reverse=True))
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# In order of precedence: a longer, more exact form wins over a shorter one it contains.
_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("iso", rf"\b{_YEAR}-(?P<month>\d{{1,2}})-(?P<day>\d{{1,2}})\b"),
        ("numeric", rf"\b(?P<day>\d{{1,2}})[./-](?P<month>\d{{1,2}})[./-]{_YEAR}\b"),
        ("named-day", rf"\b(?P<day>\d{{1,2}})\.?\s*(?P<mname>{_MONTH})\.?,?\s+{_YEAR}\b"),
        (
            "part-month",
            rf"\b(?P<part>primo|medio|ultimo|start(?:en)? af|midt i|slut(?:ningen)? af|udgangen af)\s+"
            rf"(?P<mname>{_MONTH})\.?\s+{_YEAR}\b",
        ),
        ("week", rf"\buge\s+(?P<week>\d{{1,2}}),?\s+(?:i\s+)?{_YEAR}\b"),
        ("quarter", rf"(?:\b(?P<q1>[1-4])\.\s*kvartal|\bQ(?P<q2>[1-4])),?\s+{_YEAR}\b"),
        ("month", rf"\b(?P<mname>{_MONTH})\.?,?\s+{_YEAR}\b"),
        ("season", rf"\b(?P<season>{_SEASON})\s+{_YEAR}\b"),
        ("year-end", rf"\b(?:udgangen af|slutningen af|ultimo|inden udgangen af)\s+{_YEAR}\b"),
    )
)


@dataclass(frozen=True)
class FoundDate:
    """A date found in a text, and the exact text it was written as."""

    date: dt.date
    text: str
    start: int


def _date_of(kind: str, match: re.Match) -> dt.date | None:
    year = int(match["year"])
    if kind in ("iso", "numeric"):
        return dt.date(year, int(match["month"]), int(match["day"]))
    if kind == "named-day":
        return dt.date(year, MONTHS[match["mname"].lower()], int(match["day"]))
    if kind == "part-month":
        month = MONTHS[match["mname"].lower()]
        part = match["part"].lower()
        if part in ("medio", "midt i"):
            return dt.date(year, month, 15)
        if part in ("ultimo", "slut af", "slutningen af", "udgangen af"):
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, month, 1)
    if kind == "week":
        return dt.date.fromisocalendar(year, int(match["week"]), 1)
    if kind == "quarter":
        quarter = int(match["q1"] or match["q2"])
        return dt.date(year, 3 * quarter - 2, 1)
    if kind == "month":
        return dt.date(year, MONTHS[match["mname"].lower()], 1)
    if kind == "season":
        return dt.date(year, SEASONS[match["season"].lower()], 1)
    if kind == "year-end":
        return dt.date(year, 12, 31)
    return None


def find_dates(text: str) -> list[FoundDate]:
    """Every date in `text`, in the order written; impossible dates (31/2) are passed over."""
    taken: list[tuple[int, int]] = []
    found: list[FoundDate] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            try:
                date = _date_of(kind, match)
            except ValueError:
                taken.append((start, end))  # an impossible date is not read as a shorter one
                continue
            if date is not None:
                taken.append((start, end))
                found.append(FoundDate(date, match.group(0).strip(), start))
    return sorted(found, key=lambda f: f.start)


_MONTH_NAMES = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


def write_date(date: dt.date, month_only: bool = False) -> str:
    """A date as Danish text: "1. august 2025", or "august 2025" when only the month counts."""
    month = _MONTH_NAMES[date.month - 1]
    return f"{month} {date.year}" if month_only else f"{date.day}. {month} {date.year}"
