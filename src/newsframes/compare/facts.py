"""Facts: dates and quantities in each document's sentences, and events (the dates several
documents mention).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_right
from collections import defaultdict
from functools import cache

import pandas as pd

from ..corpus import DocumentSentences
from ..fastregex import Scanner, scanner_from_starts
from ..ingest.dates import DateMention, MonthMention, find_dates, find_month_years
from .quote_spans import QuoteCover

# --- facts ------------------------------------------------------------------------------

FACT_COLUMNS = [
    "doc_id",
    "sent_id",
    "kind",
    "surface",
    "value",
    "unit",
    "note",
    "start",
    "end",
    "context",
]
EVENT_COLUMNS = ["value", "date_start", "date_end", "year_known", "n_docs", "n_mentions", "doc_ids"]

NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "dozen": 12,
}
MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9, "mln": 1e6}
TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade"}
QUALIFIER_PHRASES = [
    "up to",
    "about",
    "around",
    "some",
    "nearly",
    "almost",
    "more than",
    "over",
    "at least",
    "an estimated",
    "estimated",
    "approximately",
    "roughly",
    "fewer than",
    "less than",
]
QUALIFIERS = (
    r"(?P<qualifier>" + "|".join(p.replace(" ", r"\s+") for p in QUALIFIER_PHRASES) + r")\s+"
)
NUMBER_FIRST = (
    r"(?<!\w)"  # every match starts a word: a number, a number word or a qualifier after \b
    r"(?=\d|(?i:["
    + "".join(sorted({w[0] for w in NUMBER_WORDS}))
    + r"])|["
    + "".join(sorted({p[0] for p in QUALIFIER_PHRASES}))
    + r"])"
)
"""Zero-width checks of a match's start (no word character before it, then a digit or a first
letter): a match can start only there, and the regex engine skips other positions faster than
it tries the whole pattern at them (same matches, fewer steps)."""
NUMBER_RE = re.compile(
    NUMBER_FIRST + r"(?:\b" + QUALIFIERS + r")?(?<![\w.,])(?<![^\W\d_]-)"
    r"(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|(?i:" + "|".join(NUMBER_WORDS) + r"))\b"
    r"(?:\s*(?P<multiplier>(?i:thousand|million|billion|bn|mln))\b)?"
    r"(?:(?P<hyphen>-)|\s+)?(?P<unit>[^\W\d_]+)?"
)
NUMBER_STARTS = (*"0123456789", *NUMBER_WORDS, *(phrase.split()[0] for phrase in QUALIFIER_PHRASES))
"""What every :data:`NUMBER_RE` match starts with, ignoring case (:data:`NUMBER_FIRST`): a
digit, a number word or a qualifier's first word."""
NOT_UNITS = {
    "and",
    "or",
    "of",
    "the",
    "a",
    "an",
    "to",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "from",
    "as",
    "that",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "will",
    "would",
    "per",
    "percent",
    "than",
    "said",
}


def _singular(word: str) -> str:
    word = word.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def year_near_publication(month: int, day: int, published: str) -> tuple[int | None, str]:
    """The year that puts month/day nearest the publication date, or None without one."""
    try:
        pub = dt.date.fromisoformat(published[:10])
    except (TypeError, ValueError):
        return None, "year not written and no publication date"
    options = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            options.append((abs((dt.date(year, month, day) - pub).days), year))
        except ValueError:
            continue
    if not options:
        return None, "invalid date"
    return min(options)[1], f"year inferred from publication date {published[:10]}"


def _iso(year: int | None, month: int, day: int | None) -> str:
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def written_in_prose(mention: DateMention | MonthMention) -> bool:
    """Whether a date reads as one in running text: its month word, if any, is capitalised
    ("May 3", "MAY 3"), since a lower-case "may" or "march" before a number is a verb."""
    return not mention.month_word or mention.month_word[0].isupper()


def _date_fact(mention: DateMention, published: str) -> dict:
    """The fact row of a date, its year taken nearest publication when the text omits it."""
    year, note = (
        (mention.year, "")
        if mention.year
        else year_near_publication(mention.month, mention.day, published)
    )
    value = _iso(year, mention.month, mention.day)
    if mention.last_day:
        value += "/" + _iso(year, mention.month, mention.last_day)
    if mention.ambiguous:
        note = "numeric date read month first; day first would also be a date"
    return _fact(mention, value, note)


def _fact(mention: DateMention | MonthMention, value: str, note: str) -> dict:
    """A date fact row (``FACT_COLUMNS`` but the document's and sentence's) of a mention."""
    return {
        "kind": "date",
        "surface": mention.surface,
        "value": value,
        "unit": "",
        "note": note,
        "start": mention.start,
        "end": mention.end,
    }


def date_facts(text: str, published: str) -> list[dict]:
    """Dates written in a text (the forms of :func:`ingest.dates.find_dates`, and months with
    their year), normalised to ISO (``--MM-DD`` when the year stays unknown); a day range
    becomes an ISO interval ``start/end``."""
    found = find_dates(text)
    days = [m for m in found if written_in_prose(m)]
    months = [m for m in find_month_years(text, found) if written_in_prose(m)]
    return [_date_fact(m, published) for m in days] + [
        _fact(m, _iso(m.year, m.month, None), "") for m in months
    ]


@cache
def number_scanner() -> Scanner:
    """:data:`NUMBER_RE` tried only where one of :data:`NUMBER_STARTS` occurs in a plain text
    (the same matches: about 35% less time than trying it at every character)."""
    return scanner_from_starts(NUMBER_RE, NUMBER_STARTS)


def find_quantities(text: str, taken: list[tuple[int, int]]) -> list[dict]:
    """Numbers with their unit noun: quantities (>= 1000 or with a multiplier), counts,
    durations."""
    found, dated = [], QuoteCover([], taken)  # the spans dates take, found by binary search
    for m in number_scanner().finditer(text):
        number_start = m.start("number")
        if dated.covers(number_start):
            continue
        raw = m["number"].lower()
        is_word = raw in NUMBER_WORDS
        value = NUMBER_WORDS[raw] if is_word else float(raw.replace(",", ""))
        unit = m["unit"] or ""
        if unit.lower() in NOT_UNITS or unit.isupper():
            unit = ""
        if m["multiplier"]:
            value *= MULTIPLIERS[m["multiplier"].lower()]
        elif not is_word and re.fullmatch(r"(?:19|20)\d\d", raw):
            continue  # a year
        if not math.isfinite(value):
            continue  # past any float ("1" and 400 zeros): no quantity a report states
        unit = _singular(unit)
        if unit in TIME_UNITS:
            kind = "duration"
        elif m["multiplier"] or value >= 1000:
            kind = "quantity"
        elif unit:
            kind = "count"
        else:
            continue  # a bare small number says nothing on its own
        end = m.end("unit") if unit else m.end("multiplier") if m["multiplier"] else m.end("number")
        start = m.start("qualifier") if m["qualifier"] else number_start
        found.append(
            {
                "kind": kind,
                "surface": text[start:end],
                "value": str(int(value)) if value == int(value) else str(value),
                "unit": unit,
                "note": " ".join(m["qualifier"].split()) if m["qualifier"] else "",
                "start": start,
                "end": end,
            }
        )
    return found


def fact_rows(
    doc_id: str, text: str, sentences: DocumentSentences, published: str = ""
) -> list[dict]:
    """Dates, quantities, counts and durations one document reports, each with its sentence, as
    rows (``FACT_COLUMNS``) in text order."""
    dates = date_facts(text, published)
    items = dates + find_quantities(text, [(d["start"], d["end"]) for d in dates])
    starts, ends, ids, sent_texts = sentences
    rows = []
    for item in items:
        where = _sentence_at(starts, ends, item["start"])
        rows.append(
            {
                "doc_id": doc_id,
                "sent_id": ids[where] if where is not None else 0,
                "context": sent_texts[where] if where is not None else "",
                **item,
            }
        )
    return sorted(rows, key=lambda row: row["start"])


def _sentence_at(starts: list[int], ends: list[int], offset: int) -> int | None:
    """The position of the sentence whose span holds ``offset`` (spans in text order, not
    overlapping, as ingestion makes them), or None when it falls between sentences."""
    last = bisect_right(starts, offset) - 1
    return last if last >= 0 and offset < ends[last] else None


def extract_facts(
    doc_id: str, text: str, sentences: pd.DataFrame, published: str = ""
) -> pd.DataFrame:
    """Dates, quantities, counts and durations one document reports, each with its sentence
    (its rows of a sentences table in ``sentences``)."""
    rows = fact_rows(doc_id, text, DocumentSentences.of(sentences), published)
    return pd.DataFrame(rows, columns=FACT_COLUMNS)


def events(facts: pd.DataFrame) -> pd.DataFrame:
    """Distinct normalised dates with the documents mentioning them, for a timeline."""
    dates = facts[facts["kind"] == "date"]
    if dates.empty:
        return pd.DataFrame(columns=EVENT_COLUMNS)
    mentions: dict[str, list[str]] = defaultdict(list)
    for value, doc_id in zip(dates["value"], dates["doc_id"]):
        if not pd.isna(value):
            mentions[value].append(doc_id)
    rows = []
    for value in sorted(mentions):
        start, _, end = value.partition("/")
        doc_ids = sorted(set(mentions[value]))
        rows.append(
            {
                "value": value,
                "date_start": start,
                "date_end": end or start,
                "year_known": not start.startswith("--"),
                "n_docs": len(doc_ids),
                "n_mentions": len(mentions[value]),
                "doc_ids": "|".join(doc_ids),
            }
        )
    return pd.DataFrame(rows, columns=EVENT_COLUMNS)
