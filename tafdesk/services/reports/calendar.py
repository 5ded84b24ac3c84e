"""Keeping the bank_holiday table (migration 0028) filled for the years a
report needs, from England's list (tafdesk/intake/holiday_cache.py).

A report counts working days in SQL between dates that may lie well before
its period (a family received years ago, allocated now), so the table holds
every year from FIRST_YEAR (or the period's year before, if earlier) to the
year after the later of the period's end and today. Filling compares the
table with the list for those years and adds or removes only the days that
differ (the `holidays` package adds a one-off holiday when one is announced);
when nothing differs, which is nearly always, it writes nothing."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from sqlalchemy import delete, insert, select

from tafdesk.db import Database
from tafdesk.models import BankHoliday
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
    """The table holds exactly England's weekday bank holidays in `years`."""
    wanted = weekday_holidays(years)
    try:
        _fill(db, years, wanted)
    except ServiceError:
        # Someone else filled it at the same moment (a day already there):
        # theirs is the same list, unless it is still not right.
        if _stored(db, years) != wanted:
            raise


def _stored(db: Database, years: range) -> set[dt.date]:
    first, last = dt.date(years.start, 1, 1), dt.date(years.stop - 1, 12, 31)
    with db.reader() as s:
        return set(s.scalars(select(BankHoliday.day).where(BankHoliday.day.between(first, last))))


def _fill(db: Database, years: range, wanted: frozenset[dt.date]) -> None:
    stored = _stored(db, years)
    if stored == wanted:
        return
    with db.session() as s:
        gone = sorted(stored - wanted)
        if gone:
            s.execute(delete(BankHoliday).where(BankHoliday.day.in_(gone)))
        new = sorted(wanted - stored)
        if new:
            s.execute(insert(BankHoliday), [{"day": day} for day in new])
