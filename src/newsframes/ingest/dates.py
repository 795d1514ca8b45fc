"""Publication dates from the article text, with the year inferred when the text omits it.

Hand-written rather than ``dateparser.search_dates``: we need every candidate's position and
evidence, the weekday written next to it, and a year inferred from the weekday or from the
other years in the text, none of which dateparser reports. Each result says how it was found.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import cache

from ..fastregex import Scanner, scanner
from ..resources import calendar_names


def _calendar(kind: str) -> dict[str, int]:
    """Names of one kind (month or weekday) of ``data/calendar.csv``, lower case, with their
    numbers, in file order."""
    table = calendar_names()
    rows = table[table["kind"] == kind]
    return dict(zip(rows["name"], rows["number"].tolist()))


MONTHS = _calendar("month")
WEEKDAYS = _calendar("weekday")
MONTH_NAME = (
    r"(?:" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\.?"
)
"""A capitalised month name or abbreviation ("January", "Jan."), without groups: for patterns
that need a date's shape, such as datelines."""
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# A weekday written before the date, on the same line ("Wednesday, January 12", "Wed 12 Jan"):
# one that ends the line before ("on Monday.\n\nThe November 23 debate") is not the date's.
_WEEKDAY = (
    r"(?:(?P<weekday>"
    + "|".join(sorted(WEEKDAYS, key=len, reverse=True))
    + r")\.?,?[^\S\n]+(?:the[^\S\n]+)?)?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# A day range's second day ("12-13 January", "January 12-13, 2022"): the mention starts on the
# first day and keeps the second as ``last_day``. Publication dates read the first day; facts
# report the range.
_LAST_DAY = r"(?:\s*[-–]\s*(?P<last_day>[0-3]?\d)(?:st|nd|rd|th)?)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"


def starts_with(first: str) -> str:
    """A zero-width check that a match starts with one of the characters ``first`` (either case
    under ``re.IGNORECASE``): the regex engine skips other positions faster than it tries the
    whole pattern at them (same matches, fewer steps)."""
    return "(?=[" + "".join(sorted(set(first))) + "])"


_DIGITS = "0123456789"
_MONTH_INITIALS = "".join(name[0] for name in MONTHS)
_WEEKDAY_INITIALS = "".join(name[0] for name in WEEKDAYS)

# Year first: ISO 8601 (also a time stamp's start, "2022-01-12T18:41"), or with slashes or dots.
ISO_DATE = re.compile(
    starts_with("12")
    + r"\b(?P<year>(?:19|20)\d\d)(?P<sep>[-/.])(?P<month>[01]\d)(?P=sep)(?P<day>[0-3]\d)"
    + r"(?:\b|(?=T\d))"
)
MONTH_DAY = re.compile(
    starts_with(_WEEKDAY_INITIALS + _MONTH_INITIALS)
    + r"\b"
    + _WEEKDAY
    + _MONTH
    + r"\s+"
    + _DAY
    + _LAST_DAY
    + r"\b"
    + r"(?!,\d{3}\b)"  # not a number with a thousands separator ("in March 2,000 troops")
    + _YEAR,
    re.IGNORECASE,
)
DAY_MONTH = re.compile(
    starts_with(_WEEKDAY_INITIALS + _DIGITS)
    + r"\b"
    + _WEEKDAY
    + _DAY
    + _LAST_DAY
    + r"\s+(?:of\s+)?"
    + _MONTH
    + r"\b"
    + _YEAR,
    re.IGNORECASE,
)
DAY_MONTH_CORE = re.compile(
    r"\d(?:st|nd|rd|th)?"  # a day's last digit and its suffix: "12", "1st"
    r"(?:\s*[-–]\s*[0-3]?\d(?:st|nd|rd|th)?)?"  # a range's second day: "-13"
    r"\s+(?:of\s+)?"  # "12 of January"
    r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")",  # the month
    re.IGNORECASE,
)
"""What every :data:`DAY_MONTH` match holds, from its day's last digit to its month: a text
without one has no day-month date. Looked for first, with the engine's quick skip to digits
(on the 924 PolNeAR articles 0.03 s, against 0.12 s for the day-month pattern's own scan;
23 of them hold one)."""
# A month with its year and no day ("January 2022"): a fact's month, never a publication date,
# so only find_month_years reads it.
MONTH_YEAR = re.compile(
    starts_with(_MONTH_INITIALS) + r"\b" + _MONTH + r"\s+(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
NUMERIC_DATE = re.compile(
    starts_with(_DIGITS)
    + r"\b(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[01]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)\b"
)
DATE_PATTERNS = (ISO_DATE, MONTH_DAY, DAY_MONTH, MONTH_YEAR, NUMERIC_DATE)
"""The date grammar, each pattern behind its first-character check."""
YEAR_MENTION = re.compile(r"(?P<year>(?:19|20)(?<!\w..)\d\d)\b")
r"""A four-digit year, 1900-2099, as a word (``\b(?:19|20)\d\d\b``): its boundary before
read after its first two digits, so the engine skips to each "19" and "20" (a third of the
time on the 924 PolNeAR texts)."""


@cache
def date_scanner(pattern: re.Pattern) -> Scanner:
    """The :func:`~newsframes.fastregex.scanner` of one of :data:`DATE_PATTERNS` when it has
    literal starts (a month-day date is tried only where a month or weekday name starts, an ISO
    date where "19" or "20" does); else the pattern scanned as usual, since the strings a
    day-month or numeric date needs (month names, "19", "20") are in nearly every text."""
    found = scanner(pattern)
    return found if found.starts else Scanner(pattern, None, (), found.ignorecase)


@dataclass(frozen=True)
class DateMention:
    """A date written in the text; ``year`` is None when the text omits it."""

    month: int
    day: int
    year: int | None
    weekday: int | None
    surface: str
    start: int
    ambiguous: bool = False  # a numeric date that reads either way (01/12/2022): month first here
    last_day: int | None = None  # a day range's second day ("12-13 January")
    month_word: str = ""  # the month as written ("Jan", "MARCH"), empty in a numeric date

    @property
    def end(self) -> int:
        return self.start + len(self.surface)

    def swapped(self) -> DateMention:
        """The other reading of an ambiguous numeric date (day first)."""
        return replace(self, month=self.day, day=self.month, ambiguous=False)

    def resolve(self, year: int) -> dt.date | None:
        try:
            return dt.date(year, self.month, self.day)
        except ValueError:
            return None


class DateSpans:
    """The spans of dates found in a text, sorted by their starts, for whether a span overlaps
    one: only those that start less than the longest date's length before it can, found by
    binary search (a page of thousands of dates is not read through for each)."""

    def __init__(self, dates=()):
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.longest = 0
        for date in dates:
            self.add(date)

    def add(self, date: DateMention) -> None:
        at = bisect_right(self.starts, date.start)
        self.starts.insert(at, date.start)
        self.ends.insert(at, date.end)
        self.longest = max(self.longest, date.end - date.start)

    def overlap(self, start: int, end: int) -> bool:
        """Whether the span [start, end) shares a character with a date's."""
        first = bisect_right(self.starts, start - self.longest)
        last = bisect_left(self.starts, end)  # dates that start before the span ends
        return any(start < self.ends[k] for k in range(first, last))


def find_dates(text: str) -> list[DateMention]:
    """Every ISO, numeric, month-day or day-month date in ``text`` (a day range as one date), in
    order of position."""
    found: dict[int, DateMention] = {}
    for m in date_scanner(ISO_DATE).finditer(text):
        if 1 <= int(m["month"]) <= 12 and 1 <= int(m["day"]) <= 31:
            found[m.start()] = DateMention(
                int(m["month"]), int(m["day"]), int(m["year"]), None, m[0], m.start()
            )
    for m in date_scanner(NUMERIC_DATE).finditer(text):
        a, b = int(m["a"]), int(m["b"])
        day, month = (
            (a, b) if m["sep"] in ".-" or a > 12 else (b, a)
        )  # 12.01.2022, 12-01-2022 day-first; 01/12/2022 US-style
        if 1 <= month <= 12 and 1 <= day <= 31:
            ambiguous = m["sep"] == "/" and a != b and max(a, b) <= 12
            found[m.start()] = DateMention(
                month, day, int(m["year"]), None, m[0], m.start(), ambiguous
            )
    day_months = date_scanner(DAY_MONTH).finditer(text) if DAY_MONTH_CORE.search(text) else ()
    spans = DateSpans(found.values())
    for m in itertools.chain(date_scanner(MONTH_DAY).finditer(text), day_months):
        start = m.start()
        if spans.overlap(start, m.end()):  # a date found before starts in it, or it in one
            continue
        month, day = MONTHS[m["month"].lower()], int(m["day"])
        if not 1 <= day <= 31:
            continue
        weekday = WEEKDAYS[m["weekday"].lower()] if m["weekday"] else None
        year = int(m["year"]) if m["year"] else None
        last_day = int(m["last_day"]) if m["last_day"] else None
        if last_day is not None and not day < last_day <= 31:
            last_day = None
        found[start] = DateMention(
            month, day, year, weekday, m[0].strip(), start, False, last_day, m["month"]
        )
        spans.add(found[start])
    return [found[k] for k in sorted(found)]


@dataclass(frozen=True)
class MonthMention:
    """A month written with its year and no day ("January 2022")."""

    month: int
    year: int
    surface: str
    start: int
    month_word: str

    @property
    def end(self) -> int:
        return self.start + len(self.surface)


def find_month_years(text: str, dates_found: list[DateMention]) -> list[MonthMention]:
    """Every month written with its year outside the dates of :func:`find_dates` (``dates_found``
    of the same text), in order of position."""
    spans = DateSpans(dates_found)
    return [
        MonthMention(MONTHS[m["month"].lower()], int(m["year"]), m[0], m.start(), m["month"])
        for m in date_scanner(MONTH_YEAR).finditer(text)
        if not spans.overlap(*m.span())
    ]


def years_mentioned(text: str) -> list[int]:
    """Four-digit years (1900-2099) written anywhere in the text."""
    return sorted(map(int, set(YEAR_MENTION.findall(text))))


def infer_year(
    mention: DateMention, context_years: list[int], span: int = 1
) -> tuple[int | None, str]:
    """Pick a year for a month-day mention and say how.

    A weekday written with the date fixes the year among the candidates; the candidates are
    the context years (those written in the text, or of the corpus's dated articles) and
    their neighbours, ``span`` years either side. Without context years the year stays unknown.
    """
    if mention.year is not None:
        return mention.year, "year written with the date"
    if not context_years:
        return None, "no year anywhere in the text"
    candidates = sorted({y + d for y in context_years for d in range(-span, span + 1)})
    if mention.weekday is not None:
        matching = [
            y for y in candidates if (d := mention.resolve(y)) and d.weekday() == mention.weekday
        ]
        if len(matching) == 1:
            return matching[0], f"weekday fixes the year among {candidates[0]}-{candidates[-1]}"
        if not matching:
            return None, f"weekday matches no year in {candidates[0]}-{candidates[-1]}"
        return None, f"weekday matches several years: {', '.join(map(str, matching))}"
    if len(set(context_years)) == 1:
        return context_years[0], f"the only year available is {context_years[0]}"
    return None, f"several years available ({', '.join(map(str, context_years))}), no weekday"


def weekday_names_in(text: str) -> set[int]:
    """Weekdays named in a sentence ("on Sunday"), used to confirm a dateline's year."""
    return {
        WEEKDAYS[w.lower()]
        for w in re.findall(r"\bon (\w+day)\b", text, re.IGNORECASE)
        if w.lower() in WEEKDAYS
    }
