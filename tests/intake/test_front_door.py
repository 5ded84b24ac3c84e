"""Front-door decisions and the intake queue."""

from __future__ import annotations

import datetime as dt
import json
import os
import time

import pytest
from sqlalchemy import select

from tafdesk.models import AgendaItem, AuditEvent, Case, CaseStatus, ClosureReason, Level, Meeting, NeedArea, Role
from tafdesk.services.actor import Actor
from tafdesk.services.errors import ConflictError, PermissionDenied, ValidationError
from tafdesk.services.front_door import ConsentBlocked, FrontDoorService
from tafdesk.services.inbox import process_inbox
from tafdesk.services.intake_queue import IntakeQueueService, age_text
from tests.intake.conftest import BASE_PROFILE, make_profile, write

# Wednesday 25 November 2026, 09:00 in London; North meets on Tuesdays at 10:00.
NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
MANAGER = Actor(None, "Chair Tester", Role.LOCALITY_MANAGER, localities=None)


@pytest.fixture
def case_id(intake, directory, tmp_path):
    intake.import_path(write(tmp_path / "p.json", BASE_PROFILE))
    with directory.reader() as s:
        return s.scalar(select(Case.id))


def _refused_consent_case(intake, directory, tmp_path):
    profile = make_profile(profile_id="ESAT-REFUSED")
    profile["referral"]["consent"] = {"status": "refused", "notes": "Father declined."}
    intake.import_path(write(tmp_path / "refused.json", profile))
    with directory.reader() as s:
        return s.scalar(select(Case.id))


def _audit_actions(db) -> list[str]:
    with db.reader() as s:
        return list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.occurred_at)))


def test_send_to_meeting_creates_the_next_weekly_meeting_once(directory, case_id, clerk, intake, tmp_path):
    service = FrontDoorService(directory, clerk, now=NOW)
    slot = service.send_to_meeting(case_id)
    assert slot.created and slot.starts_at == dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)  # Tuesday, GMT in winter
    other = make_profile(
        profile_id="ESAT-2",
        family={
            **BASE_PROFILE["family"],
            "family_name": "Second",
            "address": {"line1": "1 Road", "postcode": "SB1 1AA"},
            "members": [{"member_id": "m1", "first_name": "Sam", "last_name": "Second", "role": "parent"}],
        },
    )
    other["needs"] = [{"area": "housing", "level": "low", "summary": "Rent arrears."}]
    other["agency_involvement"], other["risks"] = [], []
    intake.import_path(write(tmp_path / "second.json", other))
    with directory.reader() as s:
        second = s.scalar(select(Case.id).where(Case.id != case_id))
    again = service.send_to_meeting(second)
    assert not again.created and again.meeting_id == slot.meeting_id
    with directory.reader() as s:
        assert s.scalar(select(Case.status).where(Case.id == case_id)) is CaseStatus.AWAITING_MEETING
        assert [i.position for i in s.scalars(select(AgendaItem).order_by(AgendaItem.position))] == [0, 1]
        assert len(s.scalars(select(Meeting)).all()) == 1
    assert _audit_actions(directory).count("case.sent_to_meeting") == 2


def test_meeting_time_is_london_time_in_summer(directory, case_id, clerk):
    slot = FrontDoorService(directory, clerk, now=dt.datetime(2026, 6, 3, 9, 0, tzinfo=dt.UTC)).send_to_meeting(case_id)
    assert slot.starts_at == dt.datetime(2026, 6, 9, 9, 0, tzinfo=dt.UTC)  # 10:00 BST


@pytest.mark.parametrize(
    ("method", "status", "reason"),
    [
        ("give_advice", CaseStatus.CLOSED, ClosureReason.INFORMATION_ADVICE_GUIDANCE),
        ("step_up", CaseStatus.STEPPED_UP, ClosureReason.STEPPED_UP),
        ("step_down", CaseStatus.STEPPED_DOWN, ClosureReason.STEPPED_DOWN),
    ],
)
def test_closing_decisions_record_note_status_and_audit(directory, case_id, method, status, reason):
    getattr(FrontDoorService(directory, MANAGER, now=NOW), method)(
        case_id, "Referrer advised; school nurse to follow up."
    )
    with directory.reader() as s:
        case = s.get(Case, case_id)
        assert (case.status, case.closure_reason, case.closed_on) == (status, reason, dt.date(2026, 11, 25))
        assert case.front_door_note == "Referrer advised; school nurse to follow up."
        event = s.scalar(select(AuditEvent).where(AuditEvent.entity_id == case_id))
        assert event.actor_name == "Chair Tester" and json.loads(event.changes)["status"] == [
            "awaiting_triage",
            status.value,
        ]


def test_a_decision_needs_a_note_and_cannot_be_made_twice(directory, case_id):
    service = FrontDoorService(directory, MANAGER, now=NOW)
    with pytest.raises(ValidationError, match="Record what was decided"):
        service.step_down(case_id, "  ")
    service.step_down(case_id, "Universal services.")
    with pytest.raises(ConflictError, match="already been decided"):
        service.step_up(case_id, "Changed my mind.")


def test_business_support_may_schedule_but_not_decide(directory, case_id, clerk):
    with pytest.raises(PermissionDenied):
        FrontDoorService(directory, clerk, now=NOW).step_up(case_id, "Safeguarding concern.")


def test_refused_consent_blocks_allocation_until_a_manager_overrides(directory, intake, tmp_path, clerk):
    case_id = _refused_consent_case(intake, directory, tmp_path)
    row = IntakeQueueService(directory, clerk).queue()[0]
    assert row.consent.value == "refused" and not row.consent_overridden
    with pytest.raises(ConsentBlocked, match="Consent was refused"):
        FrontDoorService(directory, clerk, now=NOW).send_to_meeting(case_id)
    with pytest.raises(PermissionDenied):
        FrontDoorService(directory, clerk, now=NOW).override_consent(case_id, "Risk to the children outweighs refusal.")
    with pytest.raises(ValidationError):
        FrontDoorService(directory, MANAGER, now=NOW).override_consent(case_id, "ok")
    FrontDoorService(directory, MANAGER, now=NOW).override_consent(case_id, "Risk to the children outweighs refusal.")
    FrontDoorService(directory, clerk, now=NOW).send_to_meeting(case_id)
    assert "case.consent_overridden" in _audit_actions(directory)


def test_queue_rows_carry_what_the_filters_need(directory, case_id, clerk):
    [row] = IntakeQueueService(directory, clerk, today=dt.date(2026, 11, 25)).queue()
    assert row.profile_ref == "ESAT-2026-10001" and row.locality == "North"
    assert row.working_days_waiting == 7  # received Monday 16th
    assert row.need_areas == (NeedArea.EDUCATION, NeedArea.HEALTH)
    assert (row.highest_need, row.highest_risk) == (Level.HIGH, Level.MEDIUM)
    assert not row.repeat and row.status is CaseStatus.AWAITING_TRIAGE and row.meeting_starts_at is None


def test_summary_reads_like_a_case_summary(directory, case_id, clerk):
    summary = IntakeQueueService(directory, clerk, today=dt.date(2026, 11, 25)).summary(case_id)
    assert [(m.name, m.age) for m in summary.members] == [
        ("Adaeze Okonkwo-Hale", "38"),
        ("Tobi Okonkwo-Hale", "13"),
        ("Zoë Okonkwo-Hale", "9"),
    ]
    assert summary.needs[0].heading == "Getting a good education" and summary.needs[0].members == ("Tobi",)
    police = summary.involvement[1]
    assert police.heading == "Police" and police.restricted
    assert "not in the directory" in summary.involvement[2].detail
    assert summary.consent_detail == "given by Parent on 17 Nov 2026"
    assert summary.history.earlier_cases == 0 and summary.suggestion is None


def test_queue_leaves_decided_cases_out(directory, case_id, clerk):
    FrontDoorService(directory, MANAGER, now=NOW).give_advice(case_id, "Signposted to parenting course.")
    assert IntakeQueueService(directory, clerk).queue() == []


def test_lead_professional_cannot_see_the_queue(directory):
    with pytest.raises(PermissionDenied):
        IntakeQueueService(directory, Actor(None, "Lead", Role.LEAD_PROFESSIONAL)).queue()


@pytest.mark.parametrize(
    ("born", "expected", "today"),
    [
        (dt.date(2026, 5, 30), "5 months", dt.date(2026, 11, 25)),
        (dt.date(2014, 11, 26), "11", dt.date(2026, 11, 25)),
        (dt.date(2014, 11, 25), "12", dt.date(2026, 11, 25)),
        (None, "unknown", dt.date(2026, 11, 25)),
    ],
)
def test_age_text(born, expected, today):
    assert age_text(born, None, today) == expected
    assert age_text(None, dt.date(2027, 3, 3), today) == "due 03 Mar 2027"


def test_inbox_moves_good_and_bad_files(intake, directory, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write(inbox / "good.json", BASE_PROFILE)
    (inbox / "bad.json").write_text('{"format": "tafdesk.profile360/1",')
    (inbox / "notes.txt").write_text("not a profile")
    old = time.time() - 60
    for name in ("good.json", "bad.json"):
        os.utime(inbox / name, (old, old))
    write(inbox / "still-writing.json", BASE_PROFILE)  # too new: left for the next look
    reports = process_inbox(inbox, intake)
    assert [r.source for r in reports] == ["bad.json", "good.json"]
    assert (inbox / "imported" / "good.json").exists() and (inbox / "rejected" / "bad.json").exists()
    error = (inbox / "rejected" / "bad.json.error.txt").read_text()
    assert "nothing in it was stored" in error and "line 1, column" in error
    assert sorted(p.name for p in inbox.iterdir() if p.is_file()) == ["notes.txt", "still-writing.json"]
    write(inbox / "good.json", BASE_PROFILE)
    os.utime(inbox / "good.json", (old, old))
    process_inbox(inbox, intake)
    assert (inbox / "imported" / "good-2.json").exists()  # the earlier one is not overwritten
