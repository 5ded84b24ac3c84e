"""Working days in England: weekdays that are not bank holidays.

Bank holidays come from the maintained `holidays` package (England's list,
including one-off days such as coronations), kept between runs
(holiday_cache.py)."""

from __future__ import annotations

import bisect
import datetime as dt
from functools import lru_cache


@lru_cache(maxsize=8)
def _bank_holidays(first_year: int, last_year: int) -> tuple[dt.date, ...]:
    from tafdesk.intake.holiday_cache import england

    return england(range(first_year, last_year + 1))


def bank_holidays(start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
    days = _bank_holidays(start.year, end.year)
    return days[bisect.bisect_left(days, start) : bisect.bisect_right(days, end)]


def _weekdays_before(day: dt.date) -> int:
    """Weekdays from a fixed Monday up to, not including, day."""
    days = (day - dt.date(1, 1, 1)).days  # 0001-01-01 was a Monday
    weeks, rest = divmod(days, 7)
    return weeks * 5 + min(rest, 5)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after start up to and including end: a profile received on
    a Friday has waited one working day on the Monday. 0 if end <= start."""
    if end <= start:
        return 0
    first = start + dt.timedelta(days=1)
    weekdays = _weekdays_before(end + dt.timedelta(days=1)) - _weekdays_before(first)
    holidays_on_weekdays = sum(1 for day in bank_holidays(first, end) if day.weekday() < 5)
    return weekdays - holidays_on_weekdays


def add_working_days(start: dt.date, count: int) -> dt.date:
    """The date count working days after start."""
    day = start
    while count > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and not bank_holidays(day, day):
            count -= 1
    return day
