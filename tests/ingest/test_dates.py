"""Dates written in article text: the forms found, the reading of numeric dates, the year
inferred."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsframes.ingest.dates import DAY_MONTH, DAY_MONTH_CORE, YEAR_MENTION, find_dates, infer_year
from timing import assert_linear


@pytest.mark.parametrize(
    "text, surface, ymd",
    [
        ("Published 2022-01-12T18:41:07+03:00", "2022-01-12", (2022, 1, 12)),
        ("Posted 2022/01/12 at 18:41", "2022/01/12", (2022, 1, 12)),
        (
            "Issued on: 12/01/2022 - 18:41",
            "12/01/2022",
            (2022, 12, 1),
        ),  # slashes read US-style unless the first number is over 12
        ("Updated 13/01/2022", "13/01/2022", (2022, 1, 13)),
        (
            "Ahmet Yilmaz |12.01.2022 - Update : 13.01.2022",
            "12.01.2022",
            (2022, 1, 12),
        ),  # dots are day first
        ("12-01-2022 18:41", "12-01-2022", (2022, 1, 12)),  # and so are hyphens
        ("Wednesday, 12 January 2022, 17:35", "Wednesday, 12 January 2022", (2022, 1, 12)),
        ("Jan. 12, 2022 at 1:34 p.m. EST", "Jan. 12, 2022", (2022, 1, 12)),
        (
            "January 12, 20221:41 PM UTC",
            "January 12, 2022",
            (2022, 1, 12),
        ),  # a scraped page's date glued to its time
    ],
)
def test_date_forms(text, surface, ymd):
    first = find_dates(text)[0]
    assert (first.surface, (first.year, first.month, first.day)) == (surface, ymd)


@pytest.mark.parametrize(
    "text",
    ["version 2022.1.3 released", "ISBN 2022-1-12", "2022-13-45", "in 2022 and 2023", "Room 12-01"],
)
def test_numbers_that_are_not_dates(text):
    assert find_dates(text) == []


def test_a_weekday_fixes_the_missing_year():
    mention = find_dates("Wednesday, January 12")[0]
    assert mention.year is None
    assert infer_year(mention, [2021, 2022]) == (2022, "weekday fixes the year among 2020-2023")


def test_without_a_weekday_only_a_single_context_year_is_used():
    mention = find_dates("January 12")[0]
    assert infer_year(mention, [2022])[0] == 2022
    assert infer_year(mention, [2021, 2022])[0] is None
    assert infer_year(mention, []) == (None, "no year anywhere in the text")


def test_a_weekday_on_the_line_before_is_not_the_dates():
    mention = find_dates("The vote was on Monday.\n\nThe November 23 debate followed.")[0]
    assert (mention.surface, mention.weekday) == ("November 23", None)
    assert find_dates("Wed. 12 Jan. 2022")[0].weekday == 2


def test_a_day_range_is_one_date_from_its_first_day():
    for text in ("12-13 January 2022", "January 12 – 13, 2022"):
        (mention,) = find_dates(text)
        assert (mention.day, mention.last_day, mention.year) == (12, 13, 2022), text
        assert mention.surface == text
    assert find_dates("January 13-12")[0].last_day is None  # not a range forward in time


NOISE = st.lists(st.sampled_from(["x", " ", "\n", ".", "2022", "-", "Jan", "of "]), max_size=4)


def _maybe(*choices: str):
    return st.sampled_from(["", *choices])


@settings(max_examples=500, deadline=None, derandomize=True)
@given(
    st.tuples(
        NOISE.map("".join),
        _maybe("Mon ", "Wednesday, ", "wed. the "),
        st.sampled_from(["12", "1", "3", "31", "x"]),
        _maybe("st", "rd", "th"),
        _maybe(" - 13", "–14th", "-"),
        st.sampled_from([" ", "  ", "\n", ""]),
        _maybe("of ", "of  "),
        st.sampled_from(["January", "Jan", "Sept.", "may", "MAR", "Juice"]),
        NOISE.map("".join),
    )
)
def test_a_text_without_the_day_month_core_has_no_day_month_date(pieces):
    """find_dates scans for day-month dates only in texts holding DAY_MONTH_CORE: a text with
    a day-month date always holds one."""
    text = "".join(pieces)
    if DAY_MONTH.search(text):
        assert DAY_MONTH_CORE.search(text)


def test_day_month_dates_are_found_behind_their_core():
    assert [(d.day, d.month) for d in find_dates("On Wednesday, 12th of January talks")] == [
        (12, 1)
    ]
    assert [(d.day, d.last_day) for d in find_dates("Met 12 - 13 Jan. 2022 there")] == [(12, 13)]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(st.sampled_from(["19", "20", "2022", "1", "x", " ", "-", "_", "é", "195"]), max_size=8)
)
def test_year_mentions_are_four_digit_words_from_1900_to_2099(pieces):
    text = "".join(pieces)
    assert YEAR_MENTION.findall(text) == re.findall(r"\b(?:19|20)\d\d\b", text)


def test_a_page_of_thousands_of_dates_is_read_in_linear_time():
    """Each month-day date was checked against every date found before it: a page of 6,000
    dates (a table, a timeline) took 10 s. Only the dates that start within the longest date's
    length before it are checked now."""

    def dates(n: int) -> list:
        return find_dates(
            " ".join(
                f"Item {i} rose on Jan. {1 + i % 28}, 2022 (2022-01-{1 + i % 28:02d})."
                for i in range(n)
            )
        )

    found = assert_linear(dates, 3_000)
    assert len(found) == 24_000 and {d.month for d in found} == {1}


def _month_years_by_looking_through_every_date(text: str) -> list:
    from newsframes.ingest.dates import MONTH_YEAR, date_scanner

    dates = find_dates(text)
    return [
        (m.start(), m[0])
        for m in date_scanner(MONTH_YEAR).finditer(text)
        if not any(m.start() < d.end and d.start < m.end() for d in dates)
    ]


@settings(max_examples=100, deadline=None, derandomize=True)
@given(
    st.lists(
        st.sampled_from(
            ["January 2022", "Jan. 12, 2022", " ", "12 January 2022", "2022-01-12", "x"]
        ),
        max_size=10,
    )
)
def test_months_with_years_are_those_outside_every_date(pieces):
    from newsframes.ingest.dates import find_month_years

    text = "".join(pieces)
    found = [(m.start, m.surface) for m in find_month_years(text, find_dates(text))]
    assert found == _month_years_by_looking_through_every_date(text)


def test_a_page_of_thousands_of_months_and_dates_is_read_in_linear_time():
    """Each month with its year was checked against every date of the text: a page of 8,000
    of each took seconds, growing with the square of their number."""
    from newsframes.ingest.dates import find_month_years

    def months(n: int) -> list:
        text = " ".join(f"In May {2000 + i % 20}, on Jan. {1 + i % 28}, 2022, X." for i in range(n))
        return find_month_years(text, find_dates(text))

    assert len(assert_linear(months, 4_000)) == 16_000
