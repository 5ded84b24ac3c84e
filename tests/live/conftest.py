"""The meeting world, and what a database's change bus publishes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from tafdesk.db import Database
from tafdesk.db.changes import Change
from tests.meetings.conftest import world  # noqa: F401 (fixture)


class Heard:
    """Every change a database's bus publishes, as it comes."""

    def __init__(self, db: Database) -> None:
        self.changes: list[Change] = []
        self._arrived = threading.Condition()
        self.stop = db.changes.subscribe(self._hear)

    def _hear(self, changes) -> None:
        with self._arrived:
            self.changes.extend(changes)
            self._arrived.notify_all()

    def wait_for(self, wanted: Callable[[Change], bool], timeout: float) -> Change | None:
        deadline = time.monotonic() + timeout
        with self._arrived:
            while True:
                found = next((c for c in self.changes if wanted(c)), None)
                left = deadline - time.monotonic()
                if found is not None or left <= 0:
                    return found
                self._arrived.wait(left)

    def from_elsewhere(self) -> list[Change]:
        return [c for c in self.changes if not c.local]


@pytest.fixture
def heard(db):
    listener = Heard(db)
    yield listener
    listener.stop()
