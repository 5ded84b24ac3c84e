"""What a report covers: a period of days, and the localities chosen (one,
or every locality the user may see)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from tafdesk.services.errors import ValidationError

EARLIEST = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class ReportPeriod:
    """From `start` to `end`, both days included."""

    start: dt.date
    end: dt.date

    @classmethod
    def of(cls, start: dt.date | None, end: dt.date | None) -> ReportPeriod:
        """The period, or a ValidationError saying what is wrong with it."""
        problems = {}
        if not isinstance(start, dt.date):
            problems["from"] = "Give the first day of the period."
        elif start < EARLIEST:
            problems["from"] = f"A report begins on or after {EARLIEST:%d/%m/%Y}."
        if not isinstance(end, dt.date):
            problems["to"] = "Give the last day of the period."
        if not problems and end < start:  # type: ignore[operator]
            problems["to"] = f"The period ends ({end:%d/%m/%Y}) before it begins ({start:%d/%m/%Y})."
        if problems:
            raise ValidationError(problems)
        return cls(start, end)  # type: ignore[arg-type]

    def weeks(self) -> tuple[dt.date, ...]:
        """The Monday of every week the period touches."""
        monday = self.start - dt.timedelta(days=self.start.weekday())
        count = (self.end - monday).days // 7 + 1
        return tuple(monday + dt.timedelta(weeks=n) for n in range(count))

    def words(self) -> str:
        return f"{_day(self.start)} to {_day(self.end)}"


@dataclass(frozen=True)
class Reach:
    """The localities a report counts, as resolved for its user: their ids
    and names, and the choice made (a locality's id, or None for every
    locality the user may see)."""

    chosen: uuid.UUID | None
    locality_ids: frozenset[uuid.UUID]
    names: tuple[str, ...]  # by name
    every_locality: bool = False  # the user may see every locality, and chose them all

    def words(self) -> str:
        """'North', 'North and South', 'All localities'."""
        if self.every_locality and len(self.names) > 1:
            return "All localities"
        if len(self.names) > 1:
            return f"{', '.join(self.names[:-1])} and {self.names[-1]}"
        return self.names[0] if self.names else "No locality"


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"
