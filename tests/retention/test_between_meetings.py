"""Retention reaches what was written about a family between the meetings:
anonymising the Nguyễn family (worked with, due once its youngest is 25)
blanks the free text of its notes, follow-ups, requests, changes of lead,
transition plan, closures, outcomes evidenced, consent and assessments, and
the audit trail's values about them; the rows, dates and states stay."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from tafdesk import models as m
from tafdesk.services import audit
from tafdesk.services.closure import ClosureInput, ClosureService, NeedAssessed
from tafdesk.services.plans import PlanService
from tafdesk.services.retention import RetentionService
from tests.documents.conftest import CHAIR
from tests.retention.conftest import text_everywhere

WHEN_DUE = dt.datetime(2042, 2, 3, 12, tzinfo=dt.UTC)  # the youngest Nguyễn is 25
DAY = dt.date(2027, 2, 1)
PLANTED = "PLANTED-BETWEEN"  # every text below says it


def test_anonymising_a_family_blanks_what_was_written_between_the_meetings(world):
    case_id = world.pack.cases["Nguyễn"]
    _close(world, case_id)
    _plant(world, case_id)
    before = _figures(world, case_id)
    assert text_everywhere(world.db).count(PLANTED) >= 20

    RetentionService(world.db, world.admin, now=WHEN_DUE).apply()

    everything = text_everywhere(world.db)
    assert PLANTED not in everything, everything[everything.find(PLANTED) - 300 : everything.find(PLANTED) + 60]
    # What the council counts stays (the people went, and with them their consents and children seen).
    kept = {table: rows for table, rows in before.items() if table not in ("consent", "children")}
    assert {table: rows for table, rows in _figures(world, case_id).items() if table in kept} == kept


def _close(world, case_id) -> None:
    plan = PlanService(world.db, CHAIR, today=DAY).current(case_id)
    needs = tuple(NeedAssessed(o.id, m.NeedMet.MET) for o in plan.content.outcomes)
    closures = ClosureService(world.db, CHAIR, now=dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC))
    proposed = closures.propose(
        case_id,
        ClosureInput(m.ClosureReason.NEEDS_MET, f"{PLANTED} closure summary", f"{PLANTED} family view", needs),
    )
    closures.approve(proposed.id, proposed.version)


def _plant(world, case_id) -> None:
    """One of each, written straight to the tables (with an audit event for two)."""
    with world.db.session() as s:
        case = s.get_one(m.Case, case_id)
        child = s.scalar(select(m.Person).where(m.Person.family_id == case.family_id, m.Person.role == "child"))
        assert child is not None
        lead = case.lead_professional_id
        assert lead is not None
        where = dict(case_id=case.id, locality_id=case.locality_id)
        note = m.CaseNote(
            case_id=case.id,
            contact_on=DAY,
            note_type=m.NoteType.HOME_VISIT,
            who_seen=f"{PLANTED} who was seen",
            summary=f"{PLANTED} summary",
            follow_ups=f"{PLANTED} follow-ups",
            written_by_name="Lead Tester",
            children=[m.CaseNoteChild(person_id=child.id, seen=True)],
        )
        s.add(note)
        s.flush()
        s.add(
            m.CaseNote(
                case_id=case.id,
                corrects_id=note.id,
                contact_on=DAY,
                note_type=m.NoteType.HOME_VISIT,
                summary=f"{PLANTED} corrected summary",
                written_by_name="Lead Tester",
                correction_reason=f"{PLANTED} correction reason",
            )
        )
        plan_action, outcome = s.execute(
            select(m.TafAction, m.TafOutcome)
            .join(m.TafPlan, m.TafPlan.id == m.TafAction.plan_id)
            .join(m.TafOutcome, m.TafOutcome.plan_id == m.TafPlan.id)
            .where(m.TafPlan.case_id == case.id)
            .limit(1)
        ).one()
        request = m.GroupRequest(
            **where,
            kind=m.RequestKind.STEP_UP,
            reason=f"{PLANTED} request reason",
            raised_on=DAY,
            raised_by="Lead Tester",
            state=m.RequestState.APPROVED,
            rationale=f"{PLANTED} group's rationale",
            referred_on=DAY,
            referral_outcome=m.ReferralOutcome.RETURNED_TO_EARLY_HELP,
            referral_outcome_on=DAY,
            referral_note=f"{PLANTED} referral note",
        )
        returned = m.CaseClosure(
            **where,
            status=m.ClosureStatus.RETURNED,
            reason=m.ClosureReason.NEEDS_MET,
            summary=f"{PLANTED} early summary",
            family_view=f"{PLANTED} early view",
            status_before=m.CaseStatus.TAF_OPEN,
            proposed_on=DAY,
            proposed_by_name="Lead Tester",
            decided_on=DAY,
            decided_by_name="Chair Tester",
            returned_why=f"{PLANTED} returned why",
            needs=[m.CaseClosureNeed(area=outcome.area, need=f"{PLANTED} need", met=m.NeedMet.NOT_MET)],
        )
        reopened = m.CaseClosure(
            **where,
            status=m.ClosureStatus.APPROVED,
            reason=m.ClosureReason.OTHER,
            summary=f"{PLANTED} first closure",
            family_view=f"{PLANTED} first view",
            status_before=m.CaseStatus.TAF_OPEN,
            proposed_on=DAY,
            proposed_by_name="Lead Tester",
            decided_on=DAY,
            decided_by_name="Chair Tester",
            reopened_on=DAY,
            reopened_by_name="Chair Tester",
            reopen_reason=f"{PLANTED} reopen reason",
        )
        s.add_all(
            [
                m.ActionFollowUp(
                    **where,
                    taf_action_id=plan_action.id,
                    state=m.FollowUpState.NOT_DONE,
                    note=f"{PLANTED} follow-up note",
                    marked_on=DAY,
                    marked_by="Lead Tester",
                ),
                request,
                m.TransitionPlan(
                    **where,
                    receiving_lead_id=lead,
                    social_worker_name=f"{PLANTED} social worker",
                    social_worker_contact=f"{PLANTED} contact",
                    joint_visit_on=DAY,
                    recorded_on=DAY,
                    recorded_by="Clerk Tester",
                ),
                m.LeadChange(
                    **where,
                    to_locality_id=case.locality_id,
                    from_lead_id=lead,
                    to_lead_id=lead,
                    reason=f"{PLANTED} change reason",
                    state=m.LeadChangeState.DECLINED,
                    proposed_on=DAY,
                    proposed_by="Chair Tester",
                    answered_on=DAY,
                    answered_by="Lead Tester",
                    answer_note=f"{PLANTED} answer",
                ),
                returned,
                reopened,
                m.OutcomeEvidence(
                    **where,
                    outcome_id=outcome.id,
                    area=outcome.area,
                    progress=m.OutcomeProgress.IMPROVING,
                    evidence=f"{PLANTED} evidence",
                    recorded_on=DAY,
                    recorded_by_name="Lead Tester",
                ),
                m.Consent(
                    case_id=case.id,
                    person_id=child.id,
                    purpose=m.ConsentPurpose.TAF,
                    given_on=DAY,
                    given_how=m.ConsentMethod.WRITTEN,
                    recorded_by_name="Lead Tester",
                    withdrawn_on=DAY,
                    withdrawn_how=m.ConsentMethod.VERBAL,
                    withdrawal_note=f"{PLANTED} withdrawal note",
                ),
                m.EarlyHelpAssessment(
                    case_id=case.id,
                    started_on=DAY,
                    organisation_name="Education Welfare",
                    recorded_by_name="Lead Tester",
                    children=[m.AssessmentChild(person_id=child.id, seen=True)],
                    needs=[m.AssessmentNeed(area=outcome.area, description=f"{PLANTED} assessed need", level=2)],
                ),
            ]
        )
        s.flush()
        audit.record(s, CHAIR, "case_note.added", "case_note", note.id, {"summary": [None, note.summary]}, **where)
        audit.record(s, CHAIR, "request.raised", "group_request", request.id, {"reason": [None, request.reason]})


def _figures(world, case_id) -> dict[str, list]:
    """What the council counts of each: kinds, days and states, row by row."""
    with world.db.reader() as s:

        def rows(*columns, where) -> list:
            return sorted(map(tuple, s.execute(select(*columns).where(where))), key=str)

        return {
            "case_note": rows(m.CaseNote.note_type, m.CaseNote.contact_on, where=m.CaseNote.case_id == case_id),
            "children": rows(
                m.CaseNoteChild.seen,
                where=m.CaseNoteChild.note_id.in_(select(m.CaseNote.id).where(m.CaseNote.case_id == case_id)),
            ),
            "group_request": rows(
                m.GroupRequest.kind,
                m.GroupRequest.state,
                m.GroupRequest.referral_outcome,
                where=m.GroupRequest.case_id == case_id,
            ),
            "case_closure": rows(
                m.CaseClosure.status,
                m.CaseClosure.reason,
                m.CaseClosure.decided_on,
                m.CaseClosure.reopened_on,
                where=m.CaseClosure.case_id == case_id,
            ),
            "outcome_evidence": rows(
                m.OutcomeEvidence.progress, m.OutcomeEvidence.recorded_on, where=m.OutcomeEvidence.case_id == case_id
            ),
            "lead_change": rows(m.LeadChange.state, m.LeadChange.answered_on, where=m.LeadChange.case_id == case_id),
            "transition_plan": rows(m.TransitionPlan.joint_visit_on, where=m.TransitionPlan.case_id == case_id),
            "consent": rows(m.Consent.given_on, m.Consent.withdrawn_on, where=m.Consent.case_id == case_id),
        }
