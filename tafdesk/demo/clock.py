"""Wall-clock times in England for the demo's fixed events."""

from __future__ import annotations

import datetime as dt
from typing import overload


def _last_sunday(year: int, month: int) -> dt.date:
    last = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() + 1) % 7)


_DAYS: dict[dt.date, dt.date] = {}


@overload
def shared_day(day: dt.date) -> dt.date: ...
@overload
def shared_day(day: dt.date | None) -> dt.date | None: ...
def shared_day(day: dt.date | None) -> dt.date | None:
    """One date object for each day: a large demo council keeps a million
    dates that fall on a few tens of thousands of days."""
    return None if day is None else _DAYS.setdefault(day, day)


def uk_time(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """Wall-clock time in England on day, as an aware UTC datetime.

    British Summer Time runs from 01:00 UTC on the last Sunday of March to
    01:00 UTC on the last Sunday of October; computed here rather than from a
    time-zone database so that the result is the same on every machine."""
    start, end = _last_sunday(day.year, 3), _last_sunday(day.year, 10)
    if start < day < end:
        in_bst = True
    elif day == start:
        in_bst = hour >= 2
    elif day == end:
        in_bst = hour < 2
    else:
        in_bst = False
    naive = dt.datetime(day.year, day.month, day.day, hour, minute)
    return (naive - dt.timedelta(hours=1 if in_bst else 0)).replace(tzinfo=dt.UTC)
