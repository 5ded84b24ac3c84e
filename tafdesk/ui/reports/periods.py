"""The periods a manager picks most often, worked out from today: the last
12 months, this and last financial year (1 April to 31 March), this and
last quarter (of the financial year: April to June…), last month. A period
that has not ended yet ends today. No Qt here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Period = tuple[dt.date, dt.date]


def _month_start(day: dt.date, back: int = 0) -> dt.date:
    months = day.year * 12 + day.month - 1 - back
    return dt.date(months // 12, months % 12 + 1, 1)


def _year_ago(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def last_12_months(today: dt.date) -> Period:
    return _year_ago(today) + dt.timedelta(days=1), today


def _financial_year_start(today: dt.date) -> dt.date:
    return dt.date(today.year if today.month >= 4 else today.year - 1, 4, 1)


def this_financial_year(today: dt.date) -> Period:
    return _financial_year_start(today), today


def last_financial_year(today: dt.date) -> Period:
    start = _financial_year_start(today)
    return start.replace(year=start.year - 1), start - dt.timedelta(days=1)


def _quarter_start(today: dt.date) -> dt.date:
    return _month_start(today, (today.month - 1) % 3)


def this_quarter(today: dt.date) -> Period:
    return _quarter_start(today), today


def last_quarter(today: dt.date) -> Period:
    start = _quarter_start(today)
    return _month_start(start, 3), start - dt.timedelta(days=1)


def last_month(today: dt.date) -> Period:
    start = _month_start(today)
    return _month_start(today, 1), start - dt.timedelta(days=1)


QUICK: dict[str, Callable[[dt.date], Period]] = {
    "Last 12 months": last_12_months,
    "This financial year": this_financial_year,
    "Last financial year": last_financial_year,
    "This quarter": this_quarter,
    "Last quarter": last_quarter,
    "Last month": last_month,
}
CHOSEN = "Dates chosen"  # the From and To typed or picked
