"""Which of a meeting's reads a committed change may alter: its agenda and
attendance ("view"), the caseloads and candidates ("allocation") and the
minutes. Used by the meeting's session (session.py) and by anything else
that follows one meeting."""

from __future__ import annotations

import uuid

from tafdesk.db.changes import Change

KINDS = ("view", "allocation", "minutes")
# What a change to each kind of record means for a meeting other than its own: caseloads and candidates
# follow the directory and every allocation; the agenda names families and agencies.
ELSEWHERE = {
    "professional": ("allocation", "view"),
    "agency": ("allocation", "view"),
    "decision": ("allocation",),
    "case": ("allocation",),
    "taf_plan": ("allocation",),
    "family": ("view",),
    "profile360": ("view",),
}
# The meeting's own changes that leave caseloads as they were.
NOT_ALLOCATION = (
    "meeting.agenda_reordered",
    "meeting.closed",
    "meeting.reopened",
    "minutes.record",
    "minutes.reworded",
    "minutes.notes",
)


def concerns(change: Change, meeting_id: uuid.UUID) -> tuple[str, ...]:
    if change.everything:
        return KINDS
    if change.look:
        return ()
    if change.meeting_id == meeting_id:
        return ("view", "minutes") if change.action in NOT_ALLOCATION else KINDS
    return ELSEWHERE.get(change.entity, ())
