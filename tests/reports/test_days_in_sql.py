"""Days counted in SQL agree with tafdesk's Python everywhere: working days
(England's bank holidays out, from the bank_holiday table the reports fill),
the day in England a UTC moment falls on, and the Monday of a week."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from sqlalchemy import Date, DateTime, delete, func, literal, select

from tafdesk.intake.workdays import working_days_between
from tafdesk.models import BankHoliday
from tafdesk.services.reports.calendar import ensure_bank_holidays, weekday_holidays, years_needed
from tafdesk.services.reports.days_sql import LondonDay, WeekStart, days_between, working_days

D = dt.date
YEARS = range(2024, 2028)


def _pairs(count: int) -> list[tuple[dt.date, dt.date]]:
    rng = random.Random(18)
    first = D(2024, 1, 1)
    pairs = []
    for _ in range(count):
        start = first + dt.timedelta(days=rng.randrange(3 * 365))
        pairs.append((start, start + dt.timedelta(days=rng.randrange(-5, 120))))
    # Across Christmas, Easter and a long weekend, and on the holidays themselves.
    pairs += [(D(2025, 12, 24), D(2026, 1, 2)), (D(2026, 4, 2), D(2026, 4, 7)), (D(2026, 5, 1), D(2026, 5, 4))]
    return pairs


def test_working_days_in_sql_agree_with_python(db):
    ensure_bank_holidays(db, YEARS)
    pairs = _pairs(300)
    with db.reader() as s:
        found = [
            s.scalar(
                select(
                    working_days(literal(a, Date), literal(b, Date)), days_between(literal(a, Date), literal(b, Date))
                )
            )
            for a, b in pairs
        ]
    assert found == [working_days_between(a, b) for a, b in pairs]


def test_calendar_days_between(db):
    with db.reader() as s:
        assert s.scalar(select(days_between(literal(D(2025, 6, 1), Date), literal(D(2026, 4, 10), Date)))) == 313


def test_the_day_in_england_of_a_utc_moment(db):
    moments = [
        dt.datetime(2026, 3, 28, 23, 30),  # GMT: still the 28th
        dt.datetime(2026, 3, 29, 0, 30),  # before the clocks go forward at 01:00 UTC
        dt.datetime(2026, 3, 29, 23, 30),  # BST: already the 30th
        dt.datetime(2026, 6, 30, 23, 0),  # BST: 1 July
        dt.datetime(2026, 10, 24, 23, 30),  # BST: the 25th
        dt.datetime(2026, 10, 25, 0, 59),  # BST until 01:00 UTC: the 25th
        dt.datetime(2026, 10, 25, 23, 30),  # GMT again: the 25th
        dt.datetime(2026, 12, 31, 23, 59),
    ]
    with db.reader() as s:
        found = [
            s.scalar(select(LondonDay(literal(m.replace(tzinfo=dt.UTC), DateTime(timezone=True))))) for m in moments
        ]
    expected = [m.replace(tzinfo=dt.UTC).astimezone(ZoneInfo("Europe/London")).date() for m in moments]
    assert (
        found
        == expected
        == [
            D(2026, 3, 28),
            D(2026, 3, 29),
            D(2026, 3, 30),
            D(2026, 7, 1),
            D(2026, 10, 25),
            D(2026, 10, 25),
            D(2026, 10, 25),
            D(2026, 12, 31),
        ]
    )


def test_the_monday_of_each_days_week(db):
    days = [D(2026, 3, 1) + dt.timedelta(days=n) for n in range(15)]
    with db.reader() as s:
        found = [s.scalar(select(WeekStart(literal(day, Date)))) for day in days]
    assert found == [day - dt.timedelta(days=day.weekday()) for day in days]


def _stored(db) -> set[dt.date]:
    with db.reader() as s:
        return set(s.scalars(select(BankHoliday.day)))


def test_the_bank_holidays_are_filled_for_the_years_needed_and_kept_right(db):
    ensure_bank_holidays(db, YEARS)
    wanted = weekday_holidays(YEARS)
    assert _stored(db) == set(wanted)
    assert D(2026, 4, 3) in wanted and D(2026, 12, 28) in wanted  # Good Friday; Boxing Day's substitute
    assert all(day.weekday() < 5 for day in wanted)
    with db.session() as s:  # a day the list no longer has, and one missing
        s.execute(delete(BankHoliday).where(BankHoliday.day == D(2026, 4, 3)))
        s.add(BankHoliday(day=D(2026, 4, 8)))
    ensure_bank_holidays(db, YEARS)
    assert _stored(db) == set(wanted)
    with db.reader() as s:
        before = s.scalar(select(func.max(BankHoliday.created_at)))
    ensure_bank_holidays(db, YEARS)  # nothing to do: nothing written
    with db.reader() as s:
        assert s.scalar(select(func.max(BankHoliday.created_at))) == before


def test_a_report_needs_the_years_from_2000_to_the_year_after_today():
    assert years_needed(D(2026, 3, 2), D(2026, 4, 30), D(2026, 5, 5)) == range(2000, 2028)
    assert years_needed(D(1999, 6, 1), D(2030, 1, 1), D(2026, 5, 5)) == range(1998, 2032)
