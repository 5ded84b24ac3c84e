"""The one clock every layer reads, windows included.

Days people see, and rules about "today", are England's (Europe/London)
whatever zone the computer is set to. Timestamps are timezone-aware UTC.
Tests, benchmarks and scripts that replay a day pin it with `pinned`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo

LOCAL_TIME = ZoneInfo("Europe/London")

_pinned: dt.datetime | None = None


def now() -> dt.datetime:
    """This moment, in UTC."""
    return _pinned or dt.datetime.now(dt.UTC)


def local_now() -> dt.datetime:
    """This moment on an English clock."""
    return now().astimezone(LOCAL_TIME)


def today() -> dt.date:
    """Today in England."""
    return local_now().date()


def meeting_day(starts_at: dt.datetime) -> dt.date:
    """The day in England on which a meeting (or any moment) falls."""
    return starts_at.astimezone(LOCAL_TIME).date()


@contextmanager
def pinned(moment: dt.datetime) -> Iterator[None]:
    """Within the block, the clock reads moment (timezone-aware)."""
    global _pinned
    if moment.tzinfo is None:
        raise ValueError("a pinned moment must carry a time zone")
    before, _pinned = _pinned, moment.astimezone(dt.UTC)
    try:
        yield
    finally:
        _pinned = before
