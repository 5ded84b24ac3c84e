"""The demo council's weeks between the meetings (tafdesk/demo/between.py):
case notes, actions followed up, requests to the group decided and waiting,
an approved step-up referred to social care, closures (one reopened),
consent (one withdrawn), assessments, outcome evidence, a transition plan;
each made through the services (audited), on the demo's clock; and every case
stepped up or down after a Team Around the Family carries the group's approval."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tafdesk.models import (
    ActionFollowUp,
    AgendaItem,
    AgendaKind,
    AgendaStatus,
    AssessmentChild,
    AssessmentNeed,
    AuditEvent,
    Case,
    CaseClosure,
    CaseClosureNeed,
    CaseNote,
    CaseNoteChild,
    CaseStatus,
    ClosureReason,
    ClosureStatus,
    Consent,
    DocumentType,
    EarlyHelpAssessment,
    FollowUpState,
    GroupRequest,
    Locality,
    Meeting,
    MeetingStatus,
    NeedMet,
    OutcomeEvidence,
    OutcomeProgress,
    Person,
    RequestKind,
    RequestState,
    TransitionPlan,
)
from tafdesk.services.actor import SYSTEM
from tafdesk.services.audit_verify import AuditChainService
from tafdesk.services.case_notes import CaseNotesService
from tafdesk.services.closure import ClosureService
from tafdesk.services.documents import DocumentService
from tafdesk.services.follow_up import FollowUpService
from tafdesk.services.my_cases import MyCasesService
from tafdesk.services.users import UserService
from tests.test_demo import TODAY, council  # noqa: F401 (fixture)

STEPPED = {CaseStatus.STEPPED_UP: RequestKind.STEP_UP, CaseStatus.STEPPED_DOWN: RequestKind.STEP_DOWN}


def _audited(s, action: str, ids) -> bool:
    """Each row has its audit event: it was made through its service, not written as a row."""
    found = set(s.scalars(select(AuditEvent.entity_id).where(AuditEvent.action == action)))
    return set(ids) <= found


def test_case_notes_follow_ups_and_evidence_are_the_services(council) -> None:  # noqa: F811
    db, _ = council
    with db.reader() as s:
        notes = s.scalars(select(CaseNote)).all()
        assert len(notes) >= 30 and len({n.case_id for n in notes}) >= 10
        assert any(n.restricted for n in notes)
        corrections = [n for n in notes if n.corrects_id]
        assert corrections and all(n.correction_reason for n in corrections)
        assert any(n.first_contact_family for n in notes) and any(n.first_contact_referrer for n in notes)
        assert all(n.contact_on <= TODAY for n in notes) and all(n.written_by_name for n in notes)
        children = s.scalars(select(CaseNoteChild)).all()
        assert any(c.seen_alone for c in children) and all(c.seen for c in children if c.seen_alone)
        assert _audited(s, "case_note.added", [n.id for n in notes if not n.corrects_id])
        assert _audited(s, "case_note.corrected", [n.id for n in corrections])

        follow_ups = s.scalars(select(ActionFollowUp)).all()
        assert {f.state for f in follow_ups} == set(FollowUpState) and all(f.note for f in follow_ups)
        assert any(f.meeting_id for f in follow_ups)  # reviewed at a meeting, as matters arising
        assert any(f.decision_action_id for f in follow_ups) and any(f.taf_action_id for f in follow_ups)

        evidence = s.scalars(select(OutcomeEvidence)).all()
        assert {e.progress for e in evidence} >= {OutcomeProgress.IMPROVING, OutcomeProgress.ACHIEVED}
        assert all(e.sustained_from for e in evidence if e.progress is OutcomeProgress.ACHIEVED)
        assert _audited(s, "outcome.evidenced", [e.id for e in evidence])


def test_requests_are_decided_with_a_rationale_or_wait_on_next_weeks_agenda(council) -> None:  # noqa: F811
    db, _ = council
    with db.reader() as s:
        requests = s.scalars(select(GroupRequest)).all()
        assert {r.kind for r in requests} == set(RequestKind)
        decided = [r for r in requests if r.state is not RequestState.PENDING]
        assert all(r.rationale and r.decided_by and r.decided_at for r in decided)
        assert {RequestState.APPROVED, RequestState.DEFERRED, RequestState.PENDING} <= {r.state for r in requests}
        planned = (
            select(AgendaItem.request_id)
            .join(Meeting)
            .where(
                Meeting.status == MeetingStatus.PLANNED,
                AgendaItem.kind == AgendaKind.REQUEST,
                AgendaItem.status == AgendaStatus.PENDING,
            )
        )
        waiting = [r.id for r in requests if r.state in (RequestState.PENDING, RequestState.DEFERRED)]
        assert waiting and set(waiting) <= set(s.scalars(planned))
        answered = [r for r in requests if r.kind is RequestKind.STEP_UP and r.referral_outcome is not None]
        assert answered and all(r.referred_on and r.referral_outcome_on >= r.referred_on for r in answered)
        # This week's step-up, decided at its meeting through the service, then the case closed as stepped up.
        played = set(s.scalars(select(AuditEvent.entity_id).where(AuditEvent.action == "request.decided")))
        step_up = next(r for r in answered if r.id in played)
        closure = s.scalar(select(CaseClosure).where(CaseClosure.case_id == step_up.case_id))
        assert closure.reason is ClosureReason.STEPPED_UP
        # No meeting is left in progress: each latest one was closed by its chair.
        assert (
            s.scalar(select(func.count()).select_from(Meeting).where(Meeting.status == MeetingStatus.IN_PROGRESS)) == 0
        )
        assert len(s.scalars(select(AuditEvent.id).where(AuditEvent.action == "meeting.closed")).all()) == 3


def test_every_case_stepped_up_or_down_after_a_taf_has_the_groups_approval(council) -> None:  # noqa: F811
    db, _ = council
    with db.reader() as s:
        stepped = s.scalars(
            select(Case).where(Case.status.in_(list(STEPPED)), Case.lead_professional_id.is_not(None))
        ).all()
        assert len(stepped) >= 10
        for case in stepped:
            kind = STEPPED[case.status]
            approvals = s.scalars(
                select(GroupRequest).where(
                    GroupRequest.case_id == case.id,
                    GroupRequest.kind == kind,
                    GroupRequest.state == RequestState.APPROVED,
                )
            ).all()
            assert approvals, f"{case.reference} was {case.status.value} without the group's approval"
            assert all(a.decided_at.date() <= case.closed_on for a in approvals)


def test_closures_say_how_far_each_need_was_met_and_one_was_reopened(council) -> None:  # noqa: F811
    db, _ = council
    with db.reader() as s:
        closures = s.scalars(select(CaseClosure)).all()
        statuses = {c.status for c in closures}
        assert statuses == set(ClosureStatus)
        approved = [c for c in closures if c.status is ClosureStatus.APPROVED]
        assert all(c.summary and c.family_view and c.decided_by_name and c.decided_on for c in approved)
        assert all(c.returned_why for c in closures if c.status is ClosureStatus.RETURNED)
        met = set(s.scalars(select(CaseClosureNeed.met)))
        assert met == set(NeedMet)
        reopened = [c for c in closures if c.reopened_on]
        assert reopened and all(c.reopen_reason for c in reopened)
        for c in reopened:
            assert s.get(Case, c.case_id).status is c.status_before  # open again, not a new referral
        for c in approved:
            if not c.reopened_on:
                assert s.get(Case, c.case_id).closed_on == c.decided_on


def test_consent_one_withdrawn_assessments_with_dfe_codes_and_a_transition_plan(council) -> None:  # noqa: F811
    db, _ = council
    with db.reader() as s:
        consents = s.scalars(select(Consent)).all()
        withdrawn = [c for c in consents if c.withdrawn_on]
        assert len(consents) >= 10 and len(withdrawn) == 1
        (gone,) = withdrawn
        assert gone.withdrawal_note and gone.withdrawal_recorded_by and gone.withdrawn_on >= gone.given_on
        on_agenda = s.scalar(
            select(AgendaItem.id)
            .join(Meeting)
            .where(
                AgendaItem.case_id == gone.case_id,
                AgendaItem.kind == AgendaKind.CONSENT_WITHDRAWN,
                Meeting.status == MeetingStatus.PLANNED,
            )
        )
        assert on_agenda is not None

        assessments = s.scalars(select(EarlyHelpAssessment)).all()
        completed = [a for a in assessments if a.completed_on]
        assert completed and all(a.started_on <= a.completed_on <= TODAY for a in completed)
        assert s.scalar(select(func.count()).select_from(AssessmentChild).where(AssessmentChild.seen.is_(True)))
        assert set(s.scalars(select(AssessmentNeed.level))) <= {1, 2, 3, 4}
        uncoded = set(s.scalars(select(Person.ethnicity).where(Person.ethnicity_code.is_(None))))
        assert uncoded <= {None, "Mixed or multiple ethnic groups"}  # the wording says no one code
        coded = s.scalar(select(func.count()).select_from(Person).where(Person.ethnicity_code.is_not(None)))
        assert coded > 0.7 * s.scalar(select(func.count()).select_from(Person))

        plan = s.scalar(select(TransitionPlan))
        assert plan is not None and plan.joint_visit_on > TODAY
        assert s.get(Case, plan.case_id).status is CaseStatus.AWAITING_MEETING


def test_the_demo_users_see_the_work_and_the_audit_trail_verifies(council) -> None:  # noqa: F811
    db, _ = council
    users = UserService(db)
    lead = users.sign_in("lead.north1", "demo")
    mine = MyCasesService(db, lead, today=TODAY).cases()
    assert any(c.promises for c in mine)  # the allocation letter's promises on the newest case
    assert FollowUpService(db, lead).my_actions()
    assert any(CaseNotesService(db, lead).notes(c.case_id) for c in mine if c.role == "Lead")
    manager = users.sign_in("manager.north", "demo")
    assert ClosureService(db, manager).waiting() or ClosureService(db, manager).recently_closed()
    with db.reader() as s:
        north_next = s.scalar(
            select(Meeting.id).join(Locality).where(Meeting.status == MeetingStatus.PLANNED, Locality.name == "North")
        )
    arising = FollowUpService(db, manager).matters_arising(north_next)
    assert any(r.last is not None for r in arising) and any(r.overdue_days(TODAY) for r in arising)
    assert AuditChainService(db, SYSTEM).verify().ok


@pytest.mark.parametrize("edition", [DocumentType.MINUTES_CIRCULATION, DocumentType.MINUTES_FULL])
def test_the_family_that_withdrew_consent_leaves_the_circulation_minutes_of_its_meeting(council, edition) -> None:  # noqa: F811
    db, _ = council
    with db.reader() as s:
        gone = s.scalar(select(Consent).where(Consent.withdrawn_on.is_not(None)))
        case = s.get(Case, gone.case_id)
        meeting = s.scalar(
            select(Meeting.id)
            .join(AgendaItem)
            .where(AgendaItem.case_id == case.id, Meeting.status == MeetingStatus.CLOSED)
        )
    assert meeting is not None, "the demo withdraws consent of a family one of its meetings decided on"
    manager = UserService(db).sign_in("manager.north", "demo")
    text = DocumentService(db, manager, today=TODAY + dt.timedelta(days=1)).minutes_document(meeting, edition).text()
    if edition is DocumentType.MINUTES_CIRCULATION:
        assert case.reference not in text and "recorded in the full minutes only" in text
    else:
        assert case.reference in text
