"""The full minutes record the review of the actions agreed earlier (the
matters arising), in PDF and in Word; the circulation edition never names them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tafdesk.models import DocumentFormat, FollowUpState, Meeting, MeetingStatus
from tafdesk.models import DocumentType as T
from tafdesk.services.documents import DocumentService
from tafdesk.services.follow_up import FollowUpService
from tests.documents.conftest import CLERK, TODAY, squash, text_of

NEXT = dt.datetime(2026, 12, 8, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def reviewed(pack_world):
    with pack_world.db.session() as s:
        first = s.get(Meeting, pack_world.meeting_id)
        meeting = Meeting(locality_id=first.locality_id, starts_at=NEXT, status=MeetingStatus.IN_PROGRESS)
        s.add(meeting)
        s.flush()
        meeting_id = meeting.id
    service = FollowUpService(pack_world.db, CLERK, now=NEXT)
    (visit,) = service.matters_arising(meeting_id)
    service.mark(
        "meeting",
        visit.action_id,
        visit.version,
        FollowUpState.DONE,
        "Seen at home with her mother.",
        meeting_id=meeting_id,
    )
    return pack_world, meeting_id


@pytest.mark.parametrize("fmt", [DocumentFormat.PDF, DocumentFormat.DOCX])
def test_full_minutes_record_the_review_and_circulation_leaves_it_out(reviewed, fmt, tmp_path):
    world, meeting_id = reviewed
    service = DocumentService(world.db, CLERK, today=TODAY)
    full = service.produce_minutes(meeting_id, T.MINUTES_FULL, fmt, tmp_path / f"full.{fmt.value}")
    circulation = service.produce_minutes(meeting_id, T.MINUTES_CIRCULATION, fmt, tmp_path / f"circ.{fmt.value}")
    full_text = squash(text_of(Path(full.path)))
    assert "Matters arising" in full_text
    assert "Visit Zoë Nguyễn at home" in full_text
    assert "Done: Seen at home with her mother." in full_text
    assert "Meeting of 1 Dec 2026" in full_text
    circulated = squash(text_of(Path(circulation.path)))
    assert "Matters arising" not in circulated and "Seen at home" not in circulated
