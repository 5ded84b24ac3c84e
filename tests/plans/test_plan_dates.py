"""Typed dates are read day first, as written in England, and text that is
not exactly one date is refused with a reason: never a guessed date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tafdesk.plans.dates import DateProblem, long_day, read_date
from tafdesk.ui.text import day

TODAY = dt.date(2026, 12, 2)  # a Wednesday
JAN_8 = dt.date(2027, 1, 8)


@pytest.mark.parametrize(
    "text",
    [
        "8 Jan 2027",
        "8 January 2027",
        "08/01/2027",
        "8/1/27",
        "8.1.2027",
        "8-1-2027",
        "8 1 2027",
        "2027-01-08",
        "2027/1/8",
        "8th Jan 2027",
        "8-Jan-2027",
        "8jan2027",
        "8 Jan, 2027",
        "  8  JAN  2027 ",
        "Fri 8 Jan 2027",
        "Friday, 8 January 2027",
        "Jan 8, 2027",
        "8 jan 27",
        "8 Janu 2027",
    ],
)
def test_the_ways_people_write_8_january_2027(text):
    assert read_date(text, TODAY) == JAN_8


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("today", TODAY),
        ("Tomorrow", dt.date(2026, 12, 3)),
        ("yesterday", dt.date(2026, 12, 1)),
        ("+2w", dt.date(2026, 12, 16)),
        ("in 2 weeks", dt.date(2026, 12, 16)),
        ("+ 10 days", dt.date(2026, 12, 12)),
        ("+3d", dt.date(2026, 12, 5)),
        ("in 1 week", dt.date(2026, 12, 9)),
        ("in 3 months", dt.date(2027, 3, 2)),
        ("+1m", dt.date(2027, 1, 2)),
        ("-1w", dt.date(2026, 11, 25)),
        ("2 days ago", dt.date(2026, 11, 30)),
        ("+0d", TODAY),
    ],
)
def test_days_counted_from_today(text, wanted):
    assert read_date(text, TODAY) == wanted


def test_a_month_on_from_the_31st_is_that_months_last_day():
    assert read_date("+1m", dt.date(2027, 1, 31)) == dt.date(2027, 2, 28)
    assert read_date("in 1 month", dt.date(2028, 1, 31)) == dt.date(2028, 2, 29)
    assert read_date("-2m", dt.date(2027, 1, 15)) == dt.date(2026, 11, 15)


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_blank_is_no_date(text):
    assert read_date(text, TODAY) is None


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("8 Jnu 2027", "\u201cJnu\u201d is not a month"),
        ("8 Ju 2027", "\u201cJu\u201d could be June or July"),
        ("8 j 2027", "could be January, June or July"),
        ("8 De 2027", "at least three letters of the month, as in Dec"),
        ("8 Jan", "Give the year too: for example 8 Jan 2027"),
        ("8/1", "Give the year too"),
        ("1/13/2027", "There is no month 13 (dates are day first: 8/1/2027 is 8 January 2027)"),
        ("12/31/2027", "There is no month 31"),
        ("2027-13-01", "There is no month 13."),
        ("31/2/2027", "There is no 31 February 2027: it has 28 days"),
        ("29 Feb 2027", "There is no 29 February 2027"),
        ("Mon 8 Jan 2027", "8 January 2027 is a Friday, not a Monday"),
        ("8/1/202", "\u201c202\u201d is not a year"),
        ("8/1/2207", "Check the year: 2207"),
        ("+2", "Say days, weeks or months"),
        ("in 2 fortnights", "Say days, weeks or months"),
        ("next Friday", "\u201cnext Friday\u201d is not a date tafdesk can read. Type it as 8 Jan 2027"),
        ("8", "is not a date tafdesk can read"),
        ("soon", "is not a date tafdesk can read"),
    ],
)
def test_what_is_not_one_date_is_refused_saying_why(text, says):
    with pytest.raises(DateProblem) as refused:
        read_date(text, TODAY)
    assert says in str(refused.value)


def test_the_day_is_always_first():
    assert read_date("02/03/2027", TODAY) == dt.date(2027, 3, 2)  # 2 March, never 3 February
    assert read_date("12/11/2026", TODAY) == dt.date(2026, 11, 12)


def test_long_day_says_the_weekday_in_full():
    assert long_day(JAN_8) == "Friday 8 January 2027"


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_every_way_tafdesk_shows_a_date_reads_back(value):
    for shown in (day(value), long_day(value), value.isoformat(), f"{value:%d/%m/%Y}", f"{value:%d %b %Y}"):
        assert read_date(shown, TODAY) == value
