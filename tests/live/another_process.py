"""A second process writing to the same database through the services, as
another user's computer would: each script opens the database itself."""

from __future__ import annotations

import os
import subprocess
import sys

from tafdesk.db import Database
from tests.conftest import db_argument

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

_OPEN = """
import sys, uuid, datetime as dt
from tafdesk.db import Database
from tests.meetings.conftest import AT_MEETING, CHAIR, NOW
database = Database(sys.argv[1])
"""

# An agency's apologies at the meeting: argv meeting id, agency id.
APOLOGIES = (
    _OPEN
    + """
from tafdesk.models import AttendanceStatus
from tafdesk.services.meetings import MeetingService
MeetingService(database, CHAIR, now=NOW).record_attendance(
    uuid.UUID(sys.argv[2]), uuid.UUID(sys.argv[3]), AttendanceStatus.APOLOGIES, "Sent by email")
database.dispose()
"""
)

# The chair defers an agenda item to the next week: argv agenda item id.
DEFER = (
    _OPEN
    + """
from tafdesk.models import DecisionOutcome
from tafdesk.services.decisions import DecisionInput, DecisionService
DecisionService(database, CHAIR, now=AT_MEETING).decide(uuid.UUID(sys.argv[2]), DecisionInput(
    DecisionOutcome.DEFER, deferred_until=dt.date(2026, 12, 8), deferral_reason="The school's report is due."))
database.dispose()
"""
)


def in_another_process(db: Database, script: str, *arguments: str) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (ROOT, os.environ.get("PYTHONPATH")) if p)}
    done = subprocess.run(
        [sys.executable, "-c", script, db_argument(db), *arguments],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
