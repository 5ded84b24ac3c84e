"""When the next TAF review falls: every few weeks, moved to the next working
day if it lands on a weekend or an English bank holiday."""

from __future__ import annotations

import datetime as dt

from tafdesk.intake.workdays import bank_holidays

DEFAULT_INTERVAL_WEEKS = 6


def next_review(after: dt.date, weeks: int = DEFAULT_INTERVAL_WEEKS) -> dt.date:
    day = after + dt.timedelta(weeks=weeks)
    while day.weekday() >= 5 or bank_holidays(day, day):
        day += dt.timedelta(days=1)
    return day
