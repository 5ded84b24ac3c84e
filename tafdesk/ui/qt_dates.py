"""Qt's dates and times as Python's. PySide6 converts them (toPython), but
its stubs type what comes back as object: these say what it is."""

from __future__ import annotations

import datetime as dt
from typing import cast

from PySide6.QtCore import QDate, QDateTime, QTime


def to_date(value: QDate) -> dt.date:
    return cast(dt.date, value.toPython())


def to_time(value: QTime) -> dt.time:
    return cast(dt.time, value.toPython())


def to_datetime(value: QDateTime) -> dt.datetime:
    """Naive, as Qt's local date and time."""
    return cast(dt.datetime, value.toPython())
