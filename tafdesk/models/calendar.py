"""England's bank holidays, as a table the reports' SQL counts working days
with (services/reports/calendar.py fills it from the `holidays` package).

Only the holidays that fall on a weekday are kept: those are the days a bank
holiday takes out of the working week (one dated on a weekend is followed by
its substitute weekday, which is kept). Nothing here is personal data."""

import datetime as dt

from sqlalchemy.orm import Mapped, mapped_column

from tafdesk.models.base import Entity


class BankHoliday(Entity):
    __tablename__ = "bank_holiday"

    day: Mapped[dt.date] = mapped_column(unique=True)
