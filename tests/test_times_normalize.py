"""normalize(): the pure-string normalizer, one expression at a time."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brinkwatch.extract.time_normalize import normalize

TUESDAY = date(2022, 1, 25)


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("Friday", "PAST", ("DATE", "2022-01-21")),
        ("Friday", "FUTURE", ("DATE", "2022-01-28")),
        ("Tuesday", "PAST", ("DATE", "2022-01-25")),
        ("Wednesday", "FUTURE", ("DATE", "2022-01-26")),
        ("last Friday", "PAST", ("DATE", "2022-01-21")),
        ("next Friday", "FUTURE", ("DATE", "2022-02-04")),
        ("this Friday", "PRESENT", ("DATE", "2022-01-28")),
        ("the weekend", "PAST", ("DATE", "2022-W03-WE")),
        ("the weekend", "FUTURE", ("DATE", "2022-W04-WE")),
        ("December 28", "PAST", ("DATE", "2021-12-28")),
        ("February 2", "FUTURE", ("DATE", "2022-02-02")),
        ("last summer", "PAST", ("DATE", "2021-SU")),
        ("this summer", "FUTURE", ("DATE", "2022-SU")),
        ("the past year", "PAST", ("DATE", "2021")),
        ("the next year", "FUTURE", ("DATE", "2023")),
        ("the past month", "PAST", ("DURATION", "P1M")),
        ("the third quarter", "PAST", ("DATE", "2021-Q3")),
        ("the first quarter", "FUTURE", ("DATE", "2022-Q1")),
        ("a year ago", "PAST", ("DATE", "2021")),
        ("six months ago", "PAST", ("DATE", "2021-07")),
        ("two weeks ago", "PAST", ("DATE", "2022-01-11")),
        ("several years", "PAST", ("DURATION", "PXY")),
        ("two decades", "PAST", ("DURATION", "P20Y")),
        ("90 minutes", "PAST", ("DURATION", "PT90M")),
        ("every Monday", "PRESENT", ("SET", "XXXX-WXX-1")),
        ("every two years", "PRESENT", ("SET", "P2Y")),
        ("Q4 2021", "PAST", ("DATE", "2021-Q4")),
        ("the '90s", "PAST", ("DATE", "199")),
        ("Thanksgiving 2021", "PAST", ("DATE", "2021-11-25")),
        ("Easter 2022", "FUTURE", ("DATE", "2022-04-17")),
        ("noon", "PRESENT", ("TIME", "2022-01-25T12:00")),
        ("midnight", "PRESENT", ("TIME", "2022-01-25T00:00")),
        ("the day before yesterday", "PAST", ("DATE", "2022-01-23")),
        ("next week on Tuesday", "FUTURE", ("DATE", "2022-02-01")),
        ("week 10", "PRESENT", ("DATE", "2022-W10")),
        ("the fourth of July", "FUTURE", ("DATE", "2022-07-04")),
        ("June last year", "PAST", ("DATE", "2021-06")),
        ("fiscal 2021", "PAST", ("DATE", "2021")),
        ("the week of March 9", "FUTURE", ("DATE", "2022-W10")),
        ("w/c March 7", "FUTURE", ("DATE", "2022-W10")),
        ("the week beginning March 7", "FUTURE", ("DATE", "2022-W10")),
        ("the week of the 12th", "PRESENT", ("DATE", "2022-W02")),
        ("Thursday 31", "FUTURE", ("DATE", "2022-03-31")),
        ("Fri 14th", "PAST", ("DATE", "2022-01-14")),
        ("Sunday the 13th", "FUTURE", ("DATE", "2022-02-13")),
        ("Feb 29", "PAST", ("DATE", "2020-02-29")),
        ("Good Friday", "FUTURE", ("DATE", "2022-04-15")),
        ("Easter Monday 2021", "PAST", ("DATE", "2021-04-05")),
        ("St. Patrick's Day", "FUTURE", ("DATE", "2022-03-17")),
        ("this calendar year", "PRESENT", ("DATE", "2022")),
        ("next workweek", "FUTURE", ("DATE", "2022-W05")),
        ("this year's second quarter", "FUTURE", ("DATE", "2022-Q2")),
        ("the year-ago fourth quarter", "PAST", ("DATE", "2020-Q4")),
        ("last year's quarter", "PAST", ("DATE", "2020-Q4")),
        ("the quarter", "PRESENT", ("DATE", "2021-Q4")),
        ("the quarter", "FUTURE", ("DATE", "2021-Q4")),
        ("Memorial Day weekend", "FUTURE", ("DATE", "2022-W21-WE")),
        ("the weekend of Thanksgiving 2021", "PAST", ("DATE", "2021-W47-WE")),
        ("Halloween weekend 2020", "PAST", ("DATE", "2020-W44-WE")),
        ("the 20th day of next month", "FUTURE", ("DATE", "2022-02-20")),
        ("the tenth day of March", "FUTURE", ("DATE", "2022-03-10")),
        ("the second month of 2019", "PAST", ("DATE", "2019-02")),
        ("the 11th month of last year", "PAST", ("DATE", "2021-11")),
        ("week 40 of last year", "PAST", ("DATE", "2021-W40")),
        ("following Thursday", "FUTURE", ("DATE", "2022-02-03")),
        ("to date", "PRESENT", ("DATE", "PRESENT_REF")),
        ("the year to date", "PRESENT", ("DATE", "2022")),
        ("October of 98", "PAST", ("DATE", "1998-10")),
        ("3 March '05", "PAST", ("DATE", "2005-03-03")),
        ("07/04/45", "PAST", ("DATE", "1945-07-04")),
        ("07/04/27", "FUTURE", ("DATE", "2027-07-04")),
        ("this 1/30", "PRESENT", ("DATE", "2022-01-30")),
        ("next 1/20", "PRESENT", ("DATE", "2023-01-20")),
        ("last 1/30", "PRESENT", ("DATE", "2021-01-30")),
        ("the summer", "PAST", ("DATE", "2021-SU")),
        ("the early spring", "FUTURE", ("DATE", "2022-SP")),
        ("the winter of nineteen ninety", "PAST", ("DATE", "1990-WI")),
        ("the full year", "PRESENT", ("DATE", "2022")),
        ("Black Friday 2021", "PAST", ("DATE", "2021-11-26")),
        ("the week after next", "FUTURE", ("DATE", "2022-W06")),
        ("the seventies", "PAST", ("DATE", "197")),
        ("the nineteen twenties", "PAST", ("DATE", "192")),
        ("Christmas week", "PAST", ("DATE", "2021-W51")),
        ("a minute and a half", "PAST", ("DURATION", "PT1M30S")),
        ("three years and a half", "PAST", ("DURATION", "P3Y6M")),
        ("the next couple of months", "FUTURE", ("DURATION", "P2M")),
        ("the year-ago six months", "PAST", ("DURATION", "P6M")),
        ("day-long", "PAST", ("DURATION", "P1D")),
        ("the fiscal-second quarter", "PAST", ("DATE", "2021-Q2")),
        ("the latter half of 2021", "PAST", ("DATE", "2021-H2")),
    ],
)
def test_normalize_against_a_tuesday(text: str, tense: str, expected: tuple[str, str]) -> None:
    assert normalize(text, TUESDAY, tense) == expected


def test_relative_expression_needs_an_anchor() -> None:
    assert normalize("last week", None) is None


def test_missing_year_is_left_open_without_anchor() -> None:
    assert normalize("January 24", None) == ("DATE", "XXXX-01-24")


def test_weekday_without_anchor() -> None:
    assert normalize("Friday", None) == ("DATE", "XXXX-WXX-5")


@pytest.mark.parametrize(
    "text",
    ["", "hello", "February 30", "the 45th", "week 99", "up to date", "12/3.75", "equal to date"],
)
def test_not_a_time_gives_none(text: str) -> None:
    assert normalize(text, TUESDAY) is None


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(max_size=40),
    anchor=st.one_of(st.none(), st.dates(date(1, 1, 2), date(9998, 12, 30))),
    tense=st.sampled_from(["PAST", "PRESENT", "FUTURE", "?"]),
)
def test_normalize_never_raises(text: str, anchor: date | None, tense: str) -> None:
    result = normalize(text, anchor, tense)
    assert result is None or (result[0] in ("DATE", "TIME", "DURATION", "SET") and result[1])


_TIMEY = st.lists(
    st.sampled_from(["on", "Friday", "May", "2022", "last", "week", "3", "p.m.", "ago",
                     "days", "the", "1990s", "-", "/", "12", "of", "every", "quarter",
                     "Christmas", "tonight", "since", ",", "twenty", "second", "week 53"]),
    max_size=12,
).map(" ".join)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(text=_TIMEY, anchor=st.one_of(st.none(), st.dates(date(1, 1, 2), date(9998, 12, 30))))
def test_normalize_never_raises_on_time_like_words(text: str, anchor: date | None) -> None:
    normalize(text, anchor, "PAST")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nineteen eighty-four", ("DATE", "1984")),
        ("the year two thousand", ("DATE", "2000")),
        ("two thousand and nine", ("DATE", "2009")),
        ("eighteen hundred and twelve", ("DATE", "1812")),
        ("twenty twenty-one", ("DATE", "2021")),
        ("nineteen oh eight", ("DATE", "1908")),
        ("March nineteen seventy", ("DATE", "1970-03")),
        ("4 July seventeen seventy-six", ("DATE", "1776-07-04")),
    ],
)
def test_years_spelled_out(text: str, expected: tuple[str, str]) -> None:
    assert normalize(text, TUESDAY, "PAST") == expected
