"""Keeping the bank_holiday table (migration 0028) filled for the years a
report needs, from England's list (tafdesk/intake/holiday_cache.py).

A report counts working days in SQL between dates that may lie well before
its period (a family received years ago, allocated now), so the table holds
every year from FIRST_YEAR (or the period's year before, if earlier) to the
year after the later of the period's end and today. Filling compares the
table with the list for those years and adds or removes only the days that
differ (the `holidays` package adds a one-off holiday when one is announced);
when nothing differs, which is nearly always, it writes nothing.

With it, the working_day table (migration 0033): every calendar day of those
years and its working-day number (weekdays up to and including it, less the
bank holidays up to it), written again whenever the holidays change or the
years covered do, in the same transaction, so the two always agree."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from tafdesk.db import Database
from tafdesk.models import BankHoliday, WorkingDay
from tafdesk.services.errors import ServiceError

FIRST_YEAR = 2000


def years_needed(start: dt.date, end: dt.date, today: dt.date) -> range:
    return range(min(FIRST_YEAR, start.year - 1), max(end, today).year + 2)


@lru_cache(maxsize=8)
def weekday_holidays(years: range) -> frozenset[dt.date]:
    """England's bank holidays in those years that fall on a weekday."""
    from tafdesk.intake.holiday_cache import england

    return frozenset(day for day in england(years) if day.weekday() < 5)


def ensure_bank_holidays(db: Database, years: range) -> None:
    """The table holds exactly England's weekday bank holidays in `years`,
    and working_day every day of those years with its number."""
    wanted = weekday_holidays(years)
    try:
        _fill(db, years, wanted)
    except ServiceError:
        # Someone else filled them at the same moment (a day already there):
        # theirs is the same list, unless it is still not right.
        if _stored(db, years) != wanted or not _numbered(db, years):
            raise


def _stored(db: Database, years: range) -> set[dt.date]:
    first, last = dt.date(years.start, 1, 1), dt.date(years.stop - 1, 12, 31)
    with db.reader() as s:
        return set(s.scalars(select(BankHoliday.day).where(BankHoliday.day.between(first, last))))


def _fill(db: Database, years: range, wanted: frozenset[dt.date]) -> None:
    stored = _stored(db, years)
    if stored == wanted and _numbered(db, years):
        return
    with db.session() as s:
        gone = sorted(stored - wanted)
        if gone:
            s.execute(delete(BankHoliday).where(BankHoliday.day.in_(gone)))
        new = sorted(wanted - stored)
        if new:
            s.execute(insert(BankHoliday), [{"day": day} for day in new])
        _number_days(s, years)


def _span(years: range) -> tuple[dt.date, dt.date]:
    return dt.date(years.start, 1, 1), dt.date(years.stop - 1, 12, 31)


def _numbered_span(s: Session) -> tuple[dt.date, dt.date] | None:
    """The first and last days working_day numbers, if it holds every day between them."""
    first, last, count = s.execute(select(func.min(WorkingDay.day), func.max(WorkingDay.day), func.count())).one()
    return (first, last) if count and count == (last - first).days + 1 else None


def _numbered(db: Database, years: range) -> bool:
    """working_day numbers every day of these years (the holidays being
    unchanged: the two are written together)."""
    first, last = _span(years)
    with db.reader() as s:
        found = _numbered_span(s)
    return found is not None and found[0] <= first and last <= found[1]


def _number_days(s: Session, years: range) -> None:
    """Every day of `years` (and of those already numbered: another report's
    wider years stay) and its working-day number, from the bank holidays as
    the table now holds them."""
    first, last = _span(years)
    before = _numbered_span(s)
    if before is not None:
        first, last = min(first, before[0]), max(last, before[1])
    holidays = set(s.scalars(select(BankHoliday.day).where(BankHoliday.day.between(first, last))))
    s.execute(delete(WorkingDay))
    rows, number, day = [], 0, first
    while day <= last:
        if day.weekday() < 5 and day not in holidays:
            number += 1
        rows.append({"day": day, "number": number})
        day += dt.timedelta(days=1)
    s.execute(insert(WorkingDay), rows)
