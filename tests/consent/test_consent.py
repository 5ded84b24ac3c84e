"""Consent per person and purpose: recorded, withdrawn, and what a withdrawal stops."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tafdesk import clock
from tafdesk.exports.letter_rules import refusal
from tafdesk.models import (
    AgendaItem,
    AgendaKind,
    AuditEvent,
    ConsentMethod,
    ConsentPurpose,
    DocumentType,
    Meeting,
    MeetingStatus,
    Profile360,
    ProfileInvolvement,
    Referral,
)
from tafdesk.services import document_sources, scope
from tafdesk.services.consent import ConsentInput, ConsentService
from tafdesk.services.documents import DocumentService
from tafdesk.services.errors import ConflictError, ConsentWithdrawn, PermissionDenied, ValidationError
from tafdesk.services.meetings import MeetingService
from tafdesk.services.plans import PlanService
from tafdesk.services.restricted_shares import RestrictedShareService
from tests.consent.conftest import AT_MEETING, CHAIR, CLERK

TODAY = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)  # a Friday: North next meets on Tuesday 8 December


def _mother(world, actor):
    return ConsentService(world.db, actor).people(world.case_id)[0][0]


def _give(world, actor, purpose=ConsentPurpose.TAF, agency=None, **changes):
    person = changes.pop("person_id", None) or _mother(world, actor)
    given = ConsentInput(person, purpose, changes.pop("given_on", dt.date(2026, 12, 2)), ConsentMethod.WRITTEN, agency)
    return ConsentService(world.db, actor).record(world.case_id, given)


def _police_item(world):
    with world.db.reader() as s:
        return s.scalar(
            select(ProfileInvolvement.id)
            .join(Profile360, Profile360.id == ProfileInvolvement.profile_id)
            .join(Referral, Referral.id == Profile360.referral_id)
            .where(Referral.case_id == world.case_id, ProfileInvolvement.restricted.is_(True))
        )


def test_consent_is_recorded_per_person_and_purpose_and_listed(allocated, lead):
    with clock.pinned(TODAY):
        taf = _give(allocated, lead)
        police = _give(allocated, lead, ConsentPurpose.AGENCY, allocated.agencies["Police"])
        listed = ConsentService(allocated.db, CHAIR).consents(allocated.case_id)
    assert {c.id for c in listed} == {taf.id, police.id}
    assert police.purpose_words == "Sharing with Police" and taf.purpose_words == "Sharing within the TAF"
    assert taf.recorded_by == "Tomas Okafor" and taf.state_words == "Given"
    with allocated.db.reader() as s:
        assert s.scalar(
            select(AuditEvent.id).where(AuditEvent.entity_id == taf.id, AuditEvent.action == "consent.given")
        )


def test_each_field_is_checked_and_a_consent_already_given_is_not_recorded_twice(allocated, lead):
    service = ConsentService(allocated.db, lead)
    mother = _mother(allocated, lead)
    with clock.pinned(TODAY):
        with pytest.raises(ValidationError) as no_agency:
            service.record(
                allocated.case_id,
                ConsentInput(mother, ConsentPurpose.AGENCY, dt.date(2026, 12, 2), ConsentMethod.VERBAL),
            )
        assert "agency" in no_agency.value.fields["agency_id"]
        with pytest.raises(ValidationError) as future:
            service.record(
                allocated.case_id, ConsentInput(mother, ConsentPurpose.TAF, dt.date(2026, 12, 5), ConsentMethod.VERBAL)
            )
        assert "future" in future.value.fields["given_on"]
        with pytest.raises(ValidationError, match="member of the family"):
            service.record(
                allocated.case_id,
                ConsentInput(
                    allocated.people["Ruth Adeyemi"], ConsentPurpose.TAF, dt.date(2026, 12, 2), ConsentMethod.VERBAL
                ),
            )
        _give(allocated, lead)
        with pytest.raises(ConflictError, match="already recorded"):
            _give(allocated, lead)


def test_who_may_record_consent(allocated, outsider):
    with clock.pinned(TODAY):
        with pytest.raises(PermissionDenied, match="do not lead or support"):
            _give(allocated, outsider, person_id=allocated.people["Tomas Okafor"])
        _give(allocated, CLERK)  # business support record a form they are sent


def test_a_withdrawal_is_checked_kept_and_refused_when_stale(allocated, lead, supporter):
    with clock.pinned(TODAY):
        given = _give(allocated, lead)
        service = ConsentService(allocated.db, lead)
        with pytest.raises(ValidationError) as problems:
            service.withdraw(given.id, given.version, dt.date(2026, 12, 1), None)
        assert set(problems.value.fields) == {"withdrawn_how", "withdrawn_on"}
        withdrawn = service.withdraw(
            given.id, given.version, dt.date(2026, 12, 3), ConsentMethod.VERBAL, "Told me on the phone."
        )
        with pytest.raises(ConflictError, match="withdrawn by Tomas Okafor"):
            ConsentService(allocated.db, supporter).withdraw(
                given.id, given.version, dt.date(2026, 12, 3), ConsentMethod.VERBAL
            )
    assert withdrawn.withdrawn and withdrawn.state_words.startswith("Withdrawn 3 Dec 2026")
    assert withdrawn.withdrawn_by == "Tomas Okafor"


def test_a_withdrawal_stops_a_restricted_share_that_worked_before_it(allocated, lead, supporter):
    item = _police_item(allocated)
    shares = RestrictedShareService(allocated.db, CHAIR)
    with clock.pinned(TODAY):
        shares.share(item, allocated.people["Tomas Okafor"])  # works: nothing withdrawn
        given = _give(allocated, lead)
        ConsentService(allocated.db, lead).withdraw(
            given.id, given.version, dt.date(2026, 12, 4), ConsentMethod.WRITTEN
        )
        with pytest.raises(
            ConsentWithdrawn, match="withdrew consent to share with the Team Around the Family on 4 Dec 2026"
        ):
            shares.share(item, allocated.people["Ruth Adeyemi"])
    with allocated.db.reader() as s:  # what was shared before is no longer shown to him
        assert scope.shared_with(s, lead, [item]) == set()


def test_a_withdrawal_for_one_agency_stops_only_that_agency(allocated, lead):
    item = _police_item(allocated)
    shares = RestrictedShareService(allocated.db, CHAIR)
    with clock.pinned(TODAY):
        given = _give(allocated, lead, ConsentPurpose.AGENCY, allocated.agencies["Family Support"])
        ConsentService(allocated.db, lead).withdraw(
            given.id, given.version, dt.date(2026, 12, 4), ConsentMethod.ELECTRONIC
        )
        with pytest.raises(ConsentWithdrawn, match="share with Family Support"):
            shares.share(item, allocated.people["Ruth Adeyemi"])
        shares.share(item, allocated.people["Tomas Okafor"])  # Education Welfare: still covered
        # consent given again: sharing with Family Support works again
        _give(
            allocated, lead, ConsentPurpose.AGENCY, allocated.agencies["Family Support"], given_on=dt.date(2026, 12, 4)
        )
        shares.share(item, allocated.people["Ruth Adeyemi"])


def test_letters_to_the_leads_agency_are_left_out_once_consent_is_withdrawn(allocated, lead):
    def allocation_refusal():
        with allocated.db.reader() as s:
            return refusal(
                DocumentType.LETTER_ALLOCATION, document_sources.case_letter_facts(s, allocated.case_id, TODAY.date())
            )

    with clock.pinned(TODAY):
        assert allocation_refusal() is None
        given = _give(allocated, lead, ConsentPurpose.AGENCY, allocated.agencies["Education Welfare"])
        ConsentService(allocated.db, lead).withdraw(given.id, given.version, dt.date(2026, 12, 4), ConsentMethod.VERBAL)
        assert "consent no longer covers writing to the lead's agency" in allocation_refusal()
        with pytest.raises(
            ConflictError, match="no allocation letter to the lead professional can be made: consent no longer covers"
        ):
            DocumentService(allocated.db, CHAIR, today=TODAY.date()).case_letter(
                allocated.case_id, DocumentType.LETTER_ALLOCATION
            )


def test_no_copy_of_the_plan_for_the_team_once_the_taf_consent_is_withdrawn(allocated, lead):
    with clock.pinned(TODAY):
        PlanService(allocated.db, lead, today=TODAY.date()).start(allocated.case_id)
        documents = DocumentService(allocated.db, lead, today=TODAY.date())
        assert documents.plan_document(allocated.case_id) is not None
        given = _give(allocated, lead)
        ConsentService(allocated.db, lead).withdraw(given.id, given.version, dt.date(2026, 12, 4), ConsentMethod.VERBAL)
        with pytest.raises(ConsentWithdrawn, match="No copy of the plan can be made for the team"):
            documents.plan_document(allocated.case_id)


def _next_meeting_items(world):
    with world.db.reader() as s:
        return s.execute(
            select(AgendaItem.kind, AgendaItem.reason)
            .join(Meeting, Meeting.id == AgendaItem.meeting_id)
            .where(AgendaItem.case_id == world.case_id, Meeting.status == MeetingStatus.PLANNED)
        ).all()


def _close_the_allocating_meeting(world):
    meetings = MeetingService(world.db, CHAIR, now=AT_MEETING)
    for item in meetings.meeting(world.meeting_id).agenda:
        if item.case_id != world.case_id:
            meetings.take_off_agenda(item.id)
    meetings.close(world.meeting_id)


def test_a_withdrawal_during_the_taf_goes_on_the_next_agenda_at_once(allocated, lead):
    _close_the_allocating_meeting(allocated)
    with clock.pinned(TODAY):
        MeetingService(allocated.db, CHAIR, now=TODAY).schedule(2)
        given = _give(allocated, lead)
        withdrawn = ConsentService(allocated.db, CHAIR).withdraw(
            given.id, given.version, dt.date(2026, 12, 4), ConsentMethod.VERBAL
        )
    assert withdrawn.on_agenda == "on the agenda of the meeting of 08 Dec 2026"
    [(kind, reason)] = _next_meeting_items(allocated)
    assert kind is AgendaKind.CONSENT_WITHDRAWN
    assert (
        reason.startswith("Consent withdrawn: ") and "sharing with the Team Around the Family, on 4 Dec 2026" in reason
    )


def test_a_lead_professionals_withdrawal_joins_the_agenda_when_it_is_built_and_once(allocated, lead):
    _close_the_allocating_meeting(allocated)
    with clock.pinned(TODAY):
        meetings = MeetingService(allocated.db, CHAIR, now=TODAY)
        meetings.schedule(2)
        given = _give(allocated, lead)
        withdrawn = ConsentService(allocated.db, lead).withdraw(
            given.id, given.version, dt.date(2026, 12, 4), ConsentMethod.VERBAL
        )
        assert withdrawn.on_agenda is None  # a lead professional does not keep the agenda
        next_meeting = next(m for m in meetings.meetings() if m.status is MeetingStatus.PLANNED)
        meetings.build_agenda(next_meeting.id)
        meetings.build_agenda(next_meeting.id)
    assert [kind for kind, _ in _next_meeting_items(allocated)] == [AgendaKind.CONSENT_WITHDRAWN]
