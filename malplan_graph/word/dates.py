"""Danish dates as staff write them in a målplan, read into typed values.

A line is split into tokens (words, numbers, numeric dates such as "1.8.25") and the tokens are
read with tables of Danish month names, seasons, holidays, parts of a period ("primo") and
qualifiers ("inden"); no pattern runs over the whole line. Every date read is a period: one day
has start == end, "august 2026" runs over the month, "inden jul 2026" has no start and "efter
sommerferien 2026" no end. The qualifier and the piece of text it was read from are kept.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from ..errors import InputError

MONTHS = {
    **dict.fromkeys(("januar", "jan", "january"), 1),
    **dict.fromkeys(("februar", "feb", "february"), 2),
    **dict.fromkeys(("marts", "mar", "march"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("maj", "may"), 5),
    **dict.fromkeys(("juni", "jun", "june"), 6),
    **dict.fromkeys(("juli", "july"), 7),
    **dict.fromkeys(("august", "aug"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("oktober", "okt", "october", "oct"), 10),
    **dict.fromkeys(("november", "nov"), 11),
    **dict.fromkeys(("december", "dec"), 12),
}
#: Seasons as (first month, number of months); winter 2026 runs from December 2026.
SEASONS = {
    **dict.fromkeys(("forår", "foråret", "spring"), (3, 3)),
    **dict.fromkeys(("sommer", "sommeren", "summer"), (6, 3)),
    **dict.fromkeys(("efterår", "efteråret", "autumn"), (9, 3)),
    **dict.fromkeys(("vinter", "vinteren", "winter"), (12, 3)),
}
#: Holidays by ISO weeks (first, last) as Danish schools have them, or by days ((month, day) pairs).
HOLIDAY_WEEKS = {
    **dict.fromkeys(("sommerferie", "sommerferien"), (27, 32)),
    **dict.fromkeys(("efterårsferie", "efterårsferien"), (42, 42)),
    **dict.fromkeys(("vinterferie", "vinterferien"), (7, 7)),
}
HOLIDAY_DAYS = {
    **dict.fromkeys(("jul", "julen"), ((12, 24), (12, 26))),
    **dict.fromkeys(("nytår", "nytåret"), ((1, 1), (1, 1))),
}
SCHOOL_YEAR = ("skoleår", "skoleåret")
WEEK = ("uge", "week")
QUARTER = ("kvartal", "kvt")
HALF = ("halvår", "halvåret")
ORDINALS = {"første": 1, "anden": 2, "andet": 2, "tredje": 3, "fjerde": 4}
#: What a qualifier does to the period after it; the key is the words as written, lower case.
QUALIFIERS = {
    **dict.fromkeys([("inden",), ("før",)], "before"),
    **dict.fromkeys([("senest",)], "by"),
    **dict.fromkeys([("efter",)], "after"),
    **dict.fromkeys([("fra",), ("fra", "og", "med")], "from"),
}
#: The part of a period a word names: its first, middle or last third, or its very end.
PARTS = {
    **dict.fromkeys([("primo",), ("start", "af"), ("starten", "af"), ("begyndelsen", "af")], "early"),
    **dict.fromkeys([("medio",), ("midt", "i"), ("midten", "af")], "middle"),
    **dict.fromkeys([("ultimo",), ("slut", "af"), ("slutningen", "af")], "late"),
    **dict.fromkeys([("udgangen", "af")], "end"),
}
#: What joins the two ends of a range.
RANGE = {"-", "–", "—", "til", "to"}
#: Words that may stand between a qualifier or part and the date ("senest i", "inden d.").
FILLERS = {"i", "ved", "d", "den", "til"}

_DATE_WORDS = {
    *MONTHS, *SEASONS, *HOLIDAY_WEEKS, *HOLIDAY_DAYS, *SCHOOL_YEAR, *WEEK, *QUARTER, *HALF, *ORDINALS, ".",
    *(word for words in (*QUALIFIERS, *PARTS) for word in words),
}  # fmt: skip

# One small pattern per numeric form, each matched against a single token.
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})")
_DM = re.compile(r"(\d{1,2})[./](\d{1,2})")
_WEEK_YEAR = re.compile(r"(\d{1,2})/(\d{4})")
_YEAR_PAIR = re.compile(r"(\d{4})[/-](\d{4}|\d{2})")
_TOKEN = re.compile(r"\d+(?:[./-]\d+)*|[^\W\d_]+\d*|\S")


@dataclass(frozen=True)
class FoundDate:
    """A date read from a text: its period, the qualifier, and the piece of text it came from."""

    text: str
    start: dt.date | None
    end: dt.date | None
    qualifier: str | None = None  # "before", "by", "after" or "from"
    at: int = 0  # where in the text the piece begins

    @property
    def date(self) -> dt.date:
        """The one date that stands for the period: its start, or its end when it has no start."""
        return self.start or self.end  # type: ignore[return-value]

    @property
    def is_day(self) -> bool:
        return self.start == self.end


class DateError(InputError):
    """A date as written that cannot be read; the message quotes the author's text."""


@dataclass(frozen=True)
class _Token:
    text: str
    at: int
    end: int

    @property
    def word(self) -> str:
        return self.text.lower()

    @property
    def year(self) -> int | None:
        return int(self.text) if self.text.isdigit() and len(self.text) == 4 else None


@dataclass(frozen=True)
class _Period:
    start: dt.date
    end: dt.date
    instant: bool = False  # "udgangen af 2027": the very end, which "inden" includes


class _Problem(Exception):
    """A piece that is written as a date but is none: (da, en) reasons."""

    def __init__(self, da: str, en: str) -> None:
        super().__init__(da)
        self.da, self.en = da, en


def _month(year: int, month: int) -> _Period:
    return _Period(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]))


def _months(year: int, first: int, count: int) -> _Period:
    last_year, last_month = divmod(first + count - 2, 12)
    return _Period(dt.date(year, first, 1), _month(year + last_year, last_month + 1).end)


def _day(year: int, month: int, day: int) -> _Period:
    date = dt.date(year, month, day)
    return _Period(date, date)


def _weeks(year: int, first: int, last: int) -> _Period:
    return _Period(dt.date.fromisocalendar(year, first, 1), dt.date.fromisocalendar(year, last, 7))


def _full_year(text: str) -> int:
    return int(text) if len(text) == 4 else 2000 + int(text)


class _Reader:
    """Reads the dates in a list of tokens, one expression at a time."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens

    def word(self, i: int) -> str:
        return self.tokens[i].word if i < len(self.tokens) else ""

    def phrase(self, i: int, table: dict) -> tuple[str | None, int]:
        """The longest entry of `table` (keyed by word tuples) that starts at token i."""
        for length in (3, 2, 1):
            words = tuple(self.word(i + n) for n in range(length))
            if words in table:
                return table[words], i + length
        return None, i

    def skip(self, i: int, words=(".", ",")) -> int:
        while self.word(i) in words:
            i += 1
        return i

    def year(self, i: int) -> tuple[int | None, int]:
        j = self.skip(i)
        if self.word(j) in ("i", "in"):
            j += 1
        year = self.tokens[j].year if j < len(self.tokens) else None
        return (year, j + 1) if year else (None, i)

    def expression(self, i: int) -> tuple[list[_Period], int, str | None, bool]:
        """The dates of an expression starting at token i, the token after it, the qualifier,
        and whether the expression is one at all (else nothing is returned and i is kept)."""
        qualifier, j = self.phrase(i, QUALIFIERS)
        part, j = self.phrase(self.skip(j, FILLERS | {"."}), PARTS)
        j = self.skip(j, FILLERS | {"."})
        periods, k = self.core(j, bare_year=bool(qualifier or part) or len(self.tokens) == 1)
        if not periods:
            return [], i, None, False
        if part:
            periods = [_part(period, part) for period in periods]
        return periods, k, qualifier, True

    def core(self, i: int, bare_year: bool) -> tuple[list[_Period], int]:
        if i >= len(self.tokens):
            return [], i
        token, word = self.tokens[i], self.word(i)
        if match := _ISO.fullmatch(word):
            return [_day(int(match[1]), int(match[2]), int(match[3]))], i + 1
        if match := _DMY.fullmatch(word):
            return [_day(_full_year(match[3]), int(match[2]), int(match[1]))], i + 1
        if match := _DM.fullmatch(word):
            year, j = self.year(i + 1)
            if year is None:
                raise _Problem("mangler et årstal", "has no year")
            return [_day(year, int(match[2]), int(match[1]))], j
        if word in WEEK:
            return self.week(i + 1)
        if word in SCHOOL_YEAR:
            match = _YEAR_PAIR.fullmatch(self.word(i + 1))
            if match is None:
                raise _Problem("mangler skoleårets årstal (fx 2025/26)", "has no school year (e.g. 2025/26)")
            first = int(match[1])
            if _full_year(match[2][-2:]) != first + 1:
                raise _Problem(
                    "er ikke et skoleår: årene skal følge hinanden", "is no school year: the years must follow"
                )
            return [_Period(dt.date(first, 8, 1), dt.date(first + 1, 7, 31))], i + 2
        if word in MONTHS:
            return self.months(i)
        if word in SEASONS:
            first, count = SEASONS[word]
            return self.with_year(i + 1, lambda year: _months(year, first, count))
        if word in HOLIDAY_WEEKS:
            return self.with_year(i + 1, lambda year: _weeks(year, *HOLIDAY_WEEKS[word]))
        if word in HOLIDAY_DAYS:
            (m1, d1), (m2, d2) = HOLIDAY_DAYS[word]
            return self.with_year(i + 1, lambda year: _Period(dt.date(year, m1, d1), dt.date(year, m2, d2)))
        if word[:1] in "qh" and word[1:].isdigit() and len(word) == 2:
            return self.numbered(i + 1, "kvartal" if word[0] == "q" else "halvår", int(word[1:]))
        if token.year and bare_year:
            return [_months(token.year, 1, 12)], i + 1
        if word.isdigit() or word in ORDINALS:
            return self.numbered_or_day(i)
        return [], i

    def with_year(self, i: int, period) -> tuple[list[_Period], int]:
        year, j = self.year(i)
        if year is None:
            raise _Problem("mangler et årstal", "has no year")
        return [period(year)], j

    def week(self, i: int) -> tuple[list[_Period], int]:
        if match := _WEEK_YEAR.fullmatch(self.word(i)):
            number, year, j = int(match[1]), int(match[2]), i + 1
        elif self.word(i).isdigit():
            number = int(self.word(i))
            year, j = self.year(i + 1)
            if year is None:
                raise _Problem("mangler et årstal", "has no year")
        else:
            return [], i
        try:
            return [_weeks(year, number, number)], j
        except ValueError:
            raise _Problem(f"har ingen uge {number}", f"has no week {number}") from None

    def months(self, i: int) -> tuple[list[_Period], int]:
        """A month and its year ("august 2026"), or months sharing one ("januar og august 2026")."""
        months, j = [MONTHS[self.word(i)]], self.skip(i + 1, (".",))
        while self.word(j) in (",", "og", "and") and self.word(j + 1) in MONTHS:
            months.append(MONTHS[self.word(j + 1)])
            j = self.skip(j + 2, (".",))
        year, j = self.year(j)
        if year is None:
            raise _Problem("mangler et årstal", "has no year")
        return [_month(year, month) for month in months], j

    def numbered_or_day(self, i: int) -> tuple[list[_Period], int]:
        """A day or a numbered part of a year: "1. august 2025", "2. kvartal 2026", "1. kvt. 2026"."""
        number = ORDINALS.get(self.word(i)) or int(self.word(i))
        j = self.skip(i + 1, (".",))
        if self.word(j) in QUARTER:
            return self.numbered(j + 1, "kvartal", number)
        if self.word(j) in HALF:
            return self.numbered(j + 1, "halvår", number)
        if self.word(j) in MONTHS and self.word(i).isdigit():
            month = MONTHS[self.word(j)]
            year, k = self.year(self.skip(j + 1, (".",)))
            if year is None:
                raise _Problem("mangler et årstal", "has no year")
            return [_day(year, month, number)], k
        return [], i

    def numbered(self, i: int, kind: str, number: int) -> tuple[list[_Period], int]:
        parts = 4 if kind == "kvartal" else 2
        year, j = self.year(self.skip(i, (".",)))
        if year is None:
            raise _Problem("mangler et årstal", "has no year")
        if not 1 <= number <= parts:
            raise _Problem(f"har intet {number}. {kind}", f"has no {kind} number {number}")
        size = 12 // parts
        return [_months(year, size * (number - 1) + 1, size)], j


def _part(period: _Period, part: str) -> _Period:
    """The first, middle or last third of a period (of a month: days 1-10, 11-20, 21-), or its end."""
    if part == "end":
        return _Period(period.end, period.end, instant=True)
    index = ("early", "middle", "late").index(part)
    start, end = period.start, period.end
    if start.day == 1 and end.month == start.month and end.year == start.year:
        first = start.replace(day=1 + 10 * index)
        return _Period(first, end if index == 2 else first + dt.timedelta(days=9))
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if start.day == 1 and months % 3 == 0 and end == _months(start.year, start.month, months).end:
        size = months // 3
        years, month = divmod(start.month - 1 + size * index, 12)
        return _months(start.year + years, month + 1, size)
    days = (end - start).days + 1
    first = start + dt.timedelta(days=days * index // 3)
    return _Period(first, start + dt.timedelta(days=days * (index + 1) // 3 - 1))


def _qualified(period: _Period, qualifier: str | None) -> tuple[dt.date | None, dt.date | None]:
    if qualifier == "before":
        return None, period.end if period.instant else period.start - dt.timedelta(days=1)
    if qualifier == "by":
        return None, period.end
    if qualifier == "after":
        return period.end + dt.timedelta(days=1), None
    if qualifier == "from":
        return period.start, None
    return period.start, period.end


def _scan(text: str) -> tuple[list[FoundDate], list[tuple[str, str, str]]]:
    """The dates in `text`, and the pieces written as dates that are none: (piece, da, en)."""
    tokens = [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    reader = _Reader(tokens)
    found, problems = [], []
    i = 0
    while i < len(tokens):
        try:
            periods, end, qualifier, ok = reader.expression(i)
            if ok:
                periods, end, qualifier = _range(reader, periods, end, qualifier)
        except (_Problem, ValueError) as problem:
            # The piece quoted runs from where the date begins over the words a date is written with.
            last = i
            while last + 1 < min(i + 6, len(tokens)) and _is_date_word(tokens[last + 1].word):
                last += 1
            da, en = (problem.da, problem.en) if isinstance(problem, _Problem) else ("findes ikke", "does not exist")
            problems.append((text[tokens[i].at : tokens[last].end].strip(" ,."), da, en))
            i = last + 1
            continue
        if not ok:
            i += 1
            continue
        piece = text[tokens[i].at : tokens[end - 1].end]
        for period in periods:
            start, stop = _qualified(period, qualifier)
            found.append(FoundDate(piece, start, stop, qualifier, tokens[i].at))
        i = end
    return found, problems


def _range(reader: _Reader, periods: list[_Period], end: int, qualifier: str | None):
    """ "august 2025 - juni 2026", "fra uge 34 til uge 40 2026": one period from the first's start
    to the second's end. Anything else after the first date is left to be read on its own."""
    if len(periods) != 1 or qualifier not in (None, "from") or reader.word(end) not in RANGE:
        return periods, end, qualifier
    try:
        second, after, second_qualifier, ok = reader.expression(end + 1)
    except (_Problem, ValueError):
        return periods, end, qualifier
    if not ok or len(second) != 1 or second_qualifier or second[0].end < periods[0].start:
        return periods, end, qualifier
    return [_Period(periods[0].start, second[0].end)], after, None


def _is_date_word(word: str) -> bool:
    return word[:1].isdigit() or word in _DATE_WORDS


def find_dates(text: str) -> list[FoundDate]:
    """Every date in `text`, in the order written; pieces that are no date are passed over."""
    return _scan(text)[0]


def read_dates(line: str) -> list[FoundDate]:
    """The dates of a line that should hold one or more, or a DateError quoting the line."""
    found, problems = _scan(line)
    if problems:
        piece, da, en = problems[0]
        raise DateError(
            f"Datoen «{piece}» i «{line}» {da}. Ret datoen, fx til «1. august 2026», «august 2026» eller «uge 34 2026».",
            f"The date «{piece}» in «{line}» {en}. Correct it, e.g. to «1. august 2026», «august 2026» or «uge 34 2026».",
        )
    if not found:
        raise DateError(
            f"Der står ingen dato, der kan læses, i «{line}». Skriv fx «1. august 2026», «august 2026», "
            "«uge 34 2026» eller «2. kvartal 2026».",
            f"There is no date that can be read in «{line}». Write e.g. «1. august 2026», «august 2026», "
            "«uge 34 2026» or «2. kvartal 2026».",
        )
    return found


_MONTH_NAMES = "januar februar marts april maj juni juli august september oktober november december".split()


def write_date(date: dt.date, month_only: bool = False) -> str:
    """A date as Danish text: "1. august 2025", or "august 2025" when only the month counts."""
    month = _MONTH_NAMES[date.month - 1]
    return f"{month} {date.year}" if month_only else f"{date.day}. {month} {date.year}"
