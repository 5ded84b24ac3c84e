"""Days in SQL, the same on SQLite and PostgreSQL.

- `LondonDay(ts)`: the day in England a UTC timestamp falls on (British
  Summer Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on
  the last Sunday of October). SQLite keeps a timestamp as its UTC wall time
  ("2026-06-30 23:30:00.000000"), so the hour is added there when BST is in
  force; PostgreSQL converts it itself.
- `WeekStart(d)`: the Monday of d's week.
- `working_days(start, end)`: working days after start up to and including
  end (as tafdesk/intake/workdays.working_days_between counts them): the
  difference of the two days' working-day numbers in the working_day table
  (filled from bank_holiday, services/reports/calendar.py), two lookups by
  key; for a day the table does not cover, the weekdays between them by
  arithmetic on day numbers less the weekday bank holidays between them.
  0 when end <= start.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Date, Integer, case, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement

from tafdesk.models import BankHoliday, WorkingDay

# julianday('1900-01-01'), a Monday: day numbers count from it.
EPOCH_JULIAN = 2415020.5


class LondonDay(FunctionElement[Any]):
    type = Date()
    inherit_cache = True
    name = "london_day"


class WeekStart(FunctionElement[Any]):
    type = Date()
    inherit_cache = True
    name = "week_start"


class DayNumber(FunctionElement[Any]):
    """Days since Monday 1 January 1900."""

    type = Integer()
    inherit_cache = True
    name = "day_number"


def _argument(element: FunctionElement[Any], compiler: Any, **kw: Any) -> str:
    return compiler.process(next(iter(element.clauses)), **kw)


@compiles(LondonDay, "sqlite")
def _london_day_sqlite(element: LondonDay, compiler: Any, **kw: Any) -> str:
    ts = _argument(element, compiler, **kw)
    year = f"strftime('%Y', {ts})"
    summer = (
        f"{ts} >= date({year} || '-03-25', 'weekday 0') || ' 01:00:00' "
        f"AND {ts} < date({year} || '-10-25', 'weekday 0') || ' 01:00:00'"
    )
    return f"date({ts}, CASE WHEN {summer} THEN '+1 hours' ELSE '+0 hours' END)"


@compiles(LondonDay, "postgresql")
def _london_day_pg(element: LondonDay, compiler: Any, **kw: Any) -> str:
    return f"CAST(timezone('Europe/London', {_argument(element, compiler, **kw)}) AS DATE)"


@compiles(WeekStart, "sqlite")
def _week_start_sqlite(element: WeekStart, compiler: Any, **kw: Any) -> str:
    return f"date({_argument(element, compiler, **kw)}, 'weekday 0', '-6 days')"


@compiles(WeekStart, "postgresql")
def _week_start_pg(element: WeekStart, compiler: Any, **kw: Any) -> str:
    day = _argument(element, compiler, **kw)
    return f"CAST({day} - (CAST(EXTRACT(ISODOW FROM {day}) AS INTEGER) - 1) AS DATE)"


@compiles(DayNumber, "sqlite")
def _day_number_sqlite(element: DayNumber, compiler: Any, **kw: Any) -> str:
    return f"CAST(julianday({_argument(element, compiler, **kw)}) - {EPOCH_JULIAN} AS INTEGER)"


@compiles(DayNumber, "postgresql")
def _day_number_pg(element: DayNumber, compiler: Any, **kw: Any) -> str:
    return f"({_argument(element, compiler, **kw)} - DATE '1900-01-01')"


def _weekdays_before(number: ColumnElement[int]) -> ColumnElement[int]:
    """Weekdays from the epoch up to, not including, the day with this number."""
    rest = number % 7
    return (number // 7) * 5 + case((rest < 5, rest), else_=5)


def days_between(start: Any, end: Any) -> ColumnElement[int]:
    """Calendar days from start to end."""
    return DayNumber(end) - DayNumber(start)


def working_number(day: Any) -> ColumnElement[int]:
    """The day's working-day number (None for a day working_day does not cover)."""
    return select(WorkingDay.number).where(WorkingDay.day == day).scalar_subquery()


def _counted(start: Any, end: Any) -> ColumnElement[int]:
    """Working days after start up to and including end, without the working_day table."""
    holidays = (
        select(func.count(BankHoliday.id)).where(BankHoliday.day > start, BankHoliday.day <= end).scalar_subquery()
    )
    return _weekdays_before(DayNumber(end) + 1) - _weekdays_before(DayNumber(start) + 1) - holidays


def working_days(start: Any, end: Any) -> ColumnElement[int]:
    """Working days after start up to and including end; 0 if end <= start."""
    numbered = working_number(end) - working_number(start)
    return case((end > start, func.coalesce(numbered, _counted(start, end))), else_=0)
