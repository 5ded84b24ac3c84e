"""Requests to the group: raised by the lead, an agenda item of their own,
decided at the meeting (approve, decline, defer) with a rationale, in the
minutes and the chronology; closing as stepped up or down needs the approval;
an approved step-up is a dated referral whose outcome is recorded."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

import pytest
from sqlalchemy import select

from tafdesk.models import (
    AgendaKind,
    AgendaStatus,
    AuditEvent,
    Case,
    CaseStatus,
    ClosureReason,
    NeedMet,
    ReferralOutcome,
    RequestKind,
    RequestState,
    Verdict,
)
from tafdesk.services.chronology import ChronologyService, EntryType
from tafdesk.services.closure import ClosureInput, ClosureService, NeedAssessed
from tafdesk.services.errors import ConflictError, PermissionDenied, ValidationError
from tafdesk.services.meetings import MeetingService
from tafdesk.services.minutes import MinutesService
from tafdesk.services.plans import PlanService
from tafdesk.services.requests import RequestService, approved
from tests.meetings.conftest import CHAIR
from tests.plans.test_plan_service import TODAY, _complete
from tests.requests.conftest import AFTER, AT_LATER, AT_NEXT, CLERK, LATER, NOW, new_meeting


def _raise(world, actor, kind=RequestKind.STEP_DOWN, reason="Needs met at school; the family asks to step down."):
    return RequestService(world.db, actor, now=AFTER).raise_request(world.case_id, kind, reason)


def _on_agenda(world, meeting_id):
    MeetingService(world.db, CHAIR, now=NOW).build_agenda(meeting_id)
    agenda = MeetingService(world.db, CHAIR, now=NOW).meeting(meeting_id).agenda
    return [row for row in agenda if row.kind is AgendaKind.REQUEST]


def _agreed_plan(world, lead):
    service = PlanService(world.db, lead, today=TODAY)
    plan = service.start(world.case_id)
    return service.agree(plan.id, service.save_draft(plan.id, plan.row_version, _complete(service, plan)), "TAF")


def test_a_request_goes_on_the_next_agenda_as_its_own_item(allocated, lead):
    request_id = _raise(allocated, lead)
    meeting_id = new_meeting(allocated)
    items = _on_agenda(allocated, meeting_id)
    assert [(i.case_id, i.reason) for i in items] == [
        (allocated.case_id, "Step-down request: Needs met at school; the family asks to step down.")
    ]
    assert RequestService(allocated.db, CHAIR).for_item(items[0].id).id == request_id
    assert _on_agenda(allocated, meeting_id) == items  # built again: not twice
    (row,) = RequestService(allocated.db, lead).requests(allocated.case_id)
    assert (row.state, row.state_words, row.raised_by) == (
        RequestState.PENDING,
        "Waiting for the group",
        "Tomas Okafor",
    )


def test_who_may_raise_a_request_and_what_it_needs(allocated, lead, supporter, outsider):
    with pytest.raises(ValidationError) as refused:
        _raise(allocated, lead, reason="short")
    assert "reason" in refused.value.fields
    with pytest.raises(PermissionDenied):
        _raise(allocated, supporter)  # in the team, but not the lead
    with pytest.raises(PermissionDenied):
        _raise(allocated, outsider)
    with pytest.raises(PermissionDenied):
        _raise(allocated, CLERK)
    _raise(allocated, lead)
    with pytest.raises(ConflictError, match="already waiting"):
        _raise(allocated, CHAIR)  # a manager may raise one too, but not the same twice
    _raise(allocated, CHAIR, RequestKind.BLOCKAGE, "School will not share attendance data with the TAF.")
    with allocated.db.reader() as s:
        raised = s.scalars(select(AuditEvent.action).where(AuditEvent.action == "request.raised")).all()
    assert len(raised) == 2


def _close(allocated, lead, agreed, reason: ClosureReason) -> None:
    """The lead proposes closing the case for this reason and a locality manager approves."""
    needs = tuple(NeedAssessed(o.id, NeedMet.MET) for o in agreed.content.outcomes)
    proposed = ClosureService(allocated.db, lead, now=AFTER).propose(
        allocated.case_id, ClosureInput(reason, "Needs met.", "The family agree.", needs)
    )
    ClosureService(allocated.db, CHAIR, now=AFTER).approve(proposed.id, proposed.version)


def test_closing_as_stepped_down_needs_the_groups_approval(allocated, lead):
    agreed = _agreed_plan(allocated, lead)
    with pytest.raises(ConflictError, match="without the group's approval"):
        _close(allocated, lead, agreed, ClosureReason.STEPPED_DOWN)
    _raise(allocated, lead)
    meeting_id = new_meeting(allocated)
    (item,) = _on_agenda(allocated, meeting_id)
    decisions = RequestService(allocated.db, CHAIR, now=AT_NEXT)
    with pytest.raises(ValidationError) as refused:
        decisions.decide(item.id, Verdict.APPROVE, " ")
    assert "rationale" in refused.value.fields
    with pytest.raises(ConflictError, match="not before"):
        RequestService(allocated.db, CHAIR, now=AFTER).decide(item.id, Verdict.APPROVE, "Needs met.")
    with pytest.raises(PermissionDenied):
        RequestService(allocated.db, CLERK, now=AT_NEXT).decide(item.id, Verdict.APPROVE, "Needs met.")
    with pytest.raises(ConflictError, match="without the group's approval"):
        _close(allocated, lead, agreed, ClosureReason.STEPPED_UP)  # a step-down approval is not a step-up's
    decisions.decide(item.id, Verdict.APPROVE, "School and health visitor will carry on; needs met.")
    with pytest.raises(ConflictError, match="already decided"):
        decisions.decide(item.id, Verdict.DECLINE, "Second thoughts.")
    with allocated.db.reader() as s:
        assert approved(s, allocated.case_id, RequestKind.STEP_DOWN)
        assert not approved(s, allocated.case_id, RequestKind.STEP_UP)
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "request.decided")).one()
        assert event.entity_id is not None
    _close(allocated, lead, agreed, ClosureReason.STEPPED_DOWN)
    with allocated.db.reader() as s:
        assert s.get(Case, allocated.case_id).status is CaseStatus.STEPPED_DOWN


def test_a_decision_is_undone_while_the_meeting_is_open(allocated, lead):
    _raise(allocated, lead)
    meeting_id = new_meeting(allocated)
    (item,) = _on_agenda(allocated, meeting_id)
    decisions = RequestService(allocated.db, CHAIR, now=AT_NEXT)
    decisions.decide(item.id, Verdict.APPROVE, "Needs met.")
    decisions.withdraw_decision(item.id)
    (row,) = RequestService(allocated.db, lead).requests(allocated.case_id)
    assert (row.state, row.rationale) == (RequestState.PENDING, None)
    with allocated.db.reader() as s:
        assert not approved(s, allocated.case_id, RequestKind.STEP_DOWN)
    assert MeetingService(allocated.db, CHAIR).meeting(meeting_id).agenda[-1].status is AgendaStatus.PENDING


def test_declined_and_deferred_requests(allocated, lead):
    _raise(allocated, lead)
    meeting_id = new_meeting(allocated)
    (item,) = _on_agenda(allocated, meeting_id)
    decisions = RequestService(allocated.db, CHAIR, now=AT_NEXT)
    with pytest.raises(ValidationError) as refused:
        decisions.decide(item.id, Verdict.DEFER, "Wait for the school's report.", dt.date(2026, 12, 8))
    assert "deferred_until" in refused.value.fields
    decisions.decide(item.id, Verdict.DEFER, "Wait for the school's report.", dt.date(2026, 12, 15))
    later = new_meeting(allocated, LATER)
    (again,) = _on_agenda(allocated, later)
    assert again.case_id == allocated.case_id
    RequestService(allocated.db, CHAIR, now=AT_LATER).decide(again.id, Verdict.DECLINE, "Attendance still poor.")
    (row,) = RequestService(allocated.db, lead).requests(allocated.case_id)
    assert (row.state, row.rationale) == (RequestState.DECLINED, "Attendance still poor.")
    with allocated.db.reader() as s:
        assert not approved(s, allocated.case_id, RequestKind.STEP_DOWN)
    _raise(allocated, lead)  # declined: a new request may be raised


def test_the_minutes_and_the_chronology_record_the_decision(allocated, lead):
    _raise(allocated, lead, RequestKind.STEP_UP, "Disclosure of harm at school; the threshold is met.")
    meeting_id = new_meeting(allocated)
    (item,) = _on_agenda(allocated, meeting_id)
    RequestService(allocated.db, CHAIR, now=AT_NEXT).decide(item.id, Verdict.APPROVE, "Threshold met for a referral.")
    minutes = MinutesService(allocated.db, CHAIR).minutes(meeting_id)
    (minute,) = [m for m in minutes.items if m.item_id == item.id]
    assert minute.decided and minute.outcome == "Step-up request approved"
    assert "Referred to children's social care on 08 December 2026" in minute.wording
    assert "Threshold met for a referral." in minute.wording
    chronology = ChronologyService(allocated.db, CHAIR).chronology(allocated.case_id, [EntryType.REQUEST])
    assert [(e.on, e.summary.split(":")[0]) for e in chronology.entries] == [
        (dt.date(2026, 12, 2), "Step-up request raised by Tomas Okafor"),
        (dt.date(2026, 12, 8), "Step-up request approved by the case management group"),
        (dt.date(2026, 12, 8), "Referred to children's social care"),
    ]


def test_an_approved_step_up_is_a_referral_whose_outcome_is_recorded(allocated, lead, supporter):
    request_id = _raise(allocated, lead, RequestKind.STEP_UP, "Disclosure of harm at school; the threshold is met.")
    service = RequestService(allocated.db, lead, now=AT_NEXT)
    row = service.request(request_id)
    with pytest.raises(ConflictError, match="Only an approved step-up"):
        service.record_referral_outcome(request_id, row.version, ReferralOutcome.ACCEPTED, dt.date(2026, 12, 8))
    meeting_id = new_meeting(allocated)
    (item,) = _on_agenda(allocated, meeting_id)
    RequestService(allocated.db, CHAIR, now=AT_NEXT).decide(item.id, Verdict.APPROVE, "Threshold met.")
    row = service.request(request_id)
    assert row.referred_on == dt.date(2026, 12, 8)
    assert row.referral_words == "Referred to children's social care on 8 Dec 2026; outcome not yet known"
    with pytest.raises(ValidationError) as refused:
        service.record_referral_outcome(request_id, row.version, ReferralOutcome.ACCEPTED, dt.date(2026, 12, 7))
    assert "on" in refused.value.fields
    with pytest.raises(ValidationError) as refused:
        service.record_referral_outcome(request_id, row.version, ReferralOutcome.ACCEPTED, dt.date(2026, 12, 9))
    assert "on" in refused.value.fields  # the future
    with pytest.raises(PermissionDenied):
        RequestService(allocated.db, supporter, now=AT_NEXT).record_referral_outcome(
            request_id, row.version, ReferralOutcome.ACCEPTED, dt.date(2026, 12, 8)
        )
    service.record_referral_outcome(
        request_id, row.version, ReferralOutcome.RETURNED_TO_EARLY_HELP, dt.date(2026, 12, 8)
    )
    with pytest.raises(ConflictError, match="changed elsewhere"):
        service.record_referral_outcome(request_id, row.version, ReferralOutcome.ACCEPTED, dt.date(2026, 12, 8))
    assert service.request(request_id).referral_outcome is ReferralOutcome.RETURNED_TO_EARLY_HELP
    with pytest.raises(ConflictError, match="approval stands"):
        RequestService(allocated.db, CHAIR, now=AT_NEXT).withdraw_decision(item.id)
    agreed = _agreed_plan(allocated, lead)
    _close(allocated, lead, agreed, ClosureReason.STEPPED_UP)
    with allocated.db.reader() as s:
        assert s.get(Case, allocated.case_id).status is CaseStatus.STEPPED_UP


def test_two_chairs_deciding_one_request_at_once(allocated, lead):
    _raise(allocated, lead)
    meeting_id = new_meeting(allocated)
    (item,) = _on_agenda(allocated, meeting_id)
    outcomes: list = []

    def decide(verdict):
        try:
            RequestService(allocated.db, CHAIR, now=AT_NEXT).decide(item.id, verdict, "At the same time.")
            outcomes.append("ok")
        except ConflictError:
            outcomes.append("conflict")

    threads = [threading.Thread(target=decide, args=(v,)) for v in (Verdict.APPROVE, Verdict.DECLINE)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "ok"]


def test_rows_are_frozen(allocated, lead):
    _raise(allocated, lead)
    (row,) = RequestService(allocated.db, lead).requests(allocated.case_id)
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.state = RequestState.APPROVED  # type: ignore[misc]
