"""A service's clock: the one clock (tafdesk/clock.py), unless the service
was given a moment of its own (tests, benchmarks, scripts that replay a day)."""

from __future__ import annotations

import datetime as dt

from tafdesk import clock
from tafdesk.db import Database
from tafdesk.services.actor import Actor


class ClockedService:
    def __init__(self, db: Database, actor: Actor, now: dt.datetime | None = None) -> None:
        self._db = db
        self._actor = actor
        self._now = now

    def now(self) -> dt.datetime:
        return self._now or clock.now()

    def today(self) -> dt.date:
        """The day in England that `now` falls on."""
        return clock.meeting_day(self.now())
