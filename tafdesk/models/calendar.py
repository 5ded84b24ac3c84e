"""England's bank holidays, as a table the reports' SQL counts working days
with (services/reports/calendar.py fills it from the `holidays` package).

Only the holidays that fall on a weekday are kept: those are the days a bank
holiday takes out of the working week (one dated on a weekend is followed by
its substitute weekday, which is kept). Nothing here is personal data."""

import datetime as dt

from sqlalchemy.orm import Mapped, mapped_column

from tafdesk.models.base import Base, Entity


class BankHoliday(Entity):
    __tablename__ = "bank_holiday"

    day: Mapped[dt.date] = mapped_column(unique=True)


class WorkingDay(Base):
    """Each calendar day of the years the reports cover, with its working-day
    number: the working days (weekdays that are not bank holidays) from an
    early day up to and including it. Working days after one day up to and
    including another are the difference of their numbers. Filled from
    bank_holiday with it (services/reports/calendar.py)."""

    __tablename__ = "working_day"
    # Derived, never edited: rebuilt whole from bank_holiday, so it has no
    # id, timestamps or version of its own (tests/test_models.py).
    __table_args__ = {"info": {"derived": True}}

    day: Mapped[dt.date] = mapped_column(primary_key=True)
    number: Mapped[int]
