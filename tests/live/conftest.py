"""The meeting world, and a second process that writes to the same database
as another user's computer would."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable

import pytest

from tafdesk.db import Database
from tafdesk.db.changes import Change
from tests.conftest import db_argument
from tests.meetings.conftest import world  # noqa: F401 (fixture)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Run in the second process: record an agency's apologies at the meeting.
APOLOGIES = """
import sys, uuid
from tafdesk.db import Database
from tafdesk.models import AttendanceStatus
from tafdesk.services.meetings import MeetingService
from tests.meetings.conftest import CHAIR, NOW
database = Database(sys.argv[1])
MeetingService(database, CHAIR, now=NOW).record_attendance(
    uuid.UUID(sys.argv[2]), uuid.UUID(sys.argv[3]), AttendanceStatus.APOLOGIES, "Sent by email")
database.dispose()
"""


def in_another_process(db: Database, script: str, *arguments: str) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (ROOT, os.environ.get("PYTHONPATH")) if p)}
    done = subprocess.run([sys.executable, "-c", script, db_argument(db), *arguments], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr


class Heard:
    """Every change a database's bus publishes, as it comes."""

    def __init__(self, db: Database) -> None:
        self.changes: list[Change] = []
        self._arrived = threading.Condition()
        self.stop = db.changes.subscribe(self._hear)

    def _hear(self, changes) -> None:  # noqa: ANN001
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
