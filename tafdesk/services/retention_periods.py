"""How long tafdesk keeps each kind of record: the council's retention
schedule, one shared setting (JSON in app_setting) that administrators change
with `tafdesk settings set retention.NAME N`, checked here and audited like
every shared setting. The defaults and why they were chosen are in the
README ("Retention and subject access")."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tafdesk.services.errors import ValidationError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

KEY = "retention.periods"


@dataclass(frozen=True)
class RetentionPeriods:
    # A family an early help team worked with (a lead, a team or an agreed plan):
    # kept until its youngest child is this old...
    youngest_child_age: int = 25
    # ...and at least this many years after its last case ended.
    years_after_work: int = 6
    # A family never allocated (every case ended at the front door, or at the
    # meeting with advice, a step up or a step down): years after its last case ended.
    years_not_allocated: int = 2
    # A TAF plan's draft never agreed, once its case has ended: months after that.
    months_draft_after_end: int = 6
    # A meeting's minutes (the files, their register entries, the meeting's
    # notes and declarations): years after the meeting.
    years_minutes: int = 6

    def as_dict(self) -> dict[str, int]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> RetentionPeriods:
        """Periods as saved; a name no longer known is ignored, a missing one takes its default."""
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{name: int(value) for name, value in values.items() if name in known})


# name: (lowest, highest, what the number counts)
LIMITS = {
    "youngest_child_age": (18, 100, "years of age"),
    "years_after_work": (1, 100, "years"),
    "years_not_allocated": (1, 100, "years"),
    "months_draft_after_end": (1, 1200, "months"),
    "years_minutes": (1, 100, "years"),
}
WORDS = {
    "youngest_child_age": "a family worked with is kept until its youngest child is this old",
    "years_after_work": "and at least this many years after its last case ended",
    "years_not_allocated": "a family never allocated: years after its last case ended",
    "months_draft_after_end": "a plan's draft never agreed: months after its case ended",
    "years_minutes": "a meeting's minutes, their files and notes: years after the meeting",
}


def checked(periods: RetentionPeriods) -> RetentionPeriods:
    """The periods, or a ValidationError naming each one out of bounds."""
    problems = {}
    for name, (low, high, unit) in LIMITS.items():
        value = getattr(periods, name)
        if not low <= value <= high:
            problems[f"retention.{name}"] = f"{value} is not from {low} to {high} {unit}."
    if not problems and periods.years_not_allocated > periods.years_after_work:
        problems["retention.years_not_allocated"] = (
            f"A family never allocated would be kept longer ({periods.years_not_allocated} years) than one worked "
            f"with ({periods.years_after_work} years after its last case ended)."
        )
    if problems:
        raise ValidationError(problems)
    return periods


def with_value(periods: RetentionPeriods, name: str, typed: str) -> RetentionPeriods:
    """The periods with one changed, as typed on the command line (a whole number)."""
    if name not in LIMITS:
        raise ValidationError(
            {f"retention.{name}": f"There is no retention period called “{name}”: the names are {', '.join(LIMITS)}."}
        )
    if not typed.strip().isdigit():
        raise ValidationError({f"retention.{name}": f"“{typed}” is not a whole number of {LIMITS[name][2]}."})
    return checked(dataclasses.replace(periods, **{name: int(typed)}))


def read(s: Session) -> RetentionPeriods:
    """The periods in force, read inside an open session."""
    from sqlalchemy import select

    from tafdesk.models import AppSetting

    text = s.scalar(select(AppSetting.value).where(AppSetting.key == KEY))
    return RetentionPeriods.from_dict(json.loads(text)) if text else RetentionPeriods()


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day if it has fewer."""
    import calendar

    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))
