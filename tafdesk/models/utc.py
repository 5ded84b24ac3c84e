"""Timestamps as tafdesk keeps them: always timezone-aware UTC. SQLAlchemy's
core only (no ORM), so signing in can read one without loading the mapper."""

import datetime as dt
from typing import Any

from sqlalchemy import DateTime, TypeDecorator

from tafdesk import clock


def utcnow() -> dt.datetime:
    return clock.now()


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp that is always timezone-aware UTC in Python.

    PostgreSQL stores it as timestamptz; SQLite has no time zones, so it stores
    the UTC wall time and gets its zone back on the way out.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: timestamps must carry a time zone")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)
