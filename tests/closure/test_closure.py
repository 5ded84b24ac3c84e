"""Closing a case: proposed by its lead, approved (or returned) by a locality
manager, the plan and the case closing together; reopened within the
council's period; a family referred again afterwards is a repeat referral."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tafdesk.models import AuditEvent, Case, CaseStatus, ClosureReason, ClosureStatus, NeedMet, PlanStatus, Role
from tafdesk.services import closure as closure_module
from tafdesk.services.actor import SYSTEM, Actor
from tafdesk.services.chronology import ChronologyService, EntryType
from tafdesk.services.closure import ClosureInput, ClosureService, NeedAssessed
from tafdesk.services.errors import ConflictError, PermissionDenied, ValidationError
from tafdesk.services.plans import PlanService
from tafdesk.services.repeats import mark_repeat
from tafdesk.services.shared_settings import SharedSettings
from tests.closure.conftest import LATER, MANAGER

DAY = dt.timedelta(days=1)


def _proposal(plan, reason=ClosureReason.NEEDS_MET, met=NeedMet.MET) -> ClosureInput:
    return ClosureInput(
        reason,
        "Tobi attends 95% and Adaeze is back at work.",
        "Adaeze says they are ready to manage on their own.",
        tuple(NeedAssessed(o.id, met) for o in plan.content.outcomes),
    )


def _case(world) -> Case:
    with world.db.reader() as s:
        return s.get_one(Case, world.case_id)


def test_the_lead_proposes_and_nothing_closes_until_a_manager_approves(allocated, lead, agreed):
    closures = ClosureService(allocated.db, lead, now=LATER)
    form = closures.form(allocated.case_id)
    assert [n.area.value for n in form.needs] == ["education", "health"] and form.waiting is None
    proposed = closures.propose(allocated.case_id, _proposal(agreed))
    assert proposed.status is ClosureStatus.PROPOSED
    assert [n.words for n in proposed.needs] == [
        "Getting a good education: met",
        "Improved mental and physical health: met",
    ]
    assert _case(allocated).status is CaseStatus.TAF_OPEN
    assert PlanService(allocated.db, lead).current(allocated.case_id).status is PlanStatus.AGREED
    with pytest.raises(PermissionDenied):
        closures.approve(proposed.id, proposed.version)  # a lead professional never approves their own closure
    with pytest.raises(ConflictError, match="already been proposed"):
        closures.propose(allocated.case_id, _proposal(agreed))

    manager = ClosureService(allocated.db, MANAGER, now=LATER)
    assert [w.id for w in manager.waiting()] == [proposed.id]
    approved = manager.approve(proposed.id, proposed.version)
    case = _case(allocated)
    assert (approved.status, case.status, case.closed_on) == (ClosureStatus.APPROVED, CaseStatus.CLOSED, LATER.date())
    assert case.closure_reason is ClosureReason.NEEDS_MET
    plan = PlanService(allocated.db, lead).current(allocated.case_id)
    assert (plan.status, plan.closed_on, plan.closure_reason) == (
        PlanStatus.CLOSED,
        LATER.date(),
        ClosureReason.NEEDS_MET,
    )
    assert approved.reopen_until == dt.date(2027, 6, 1)
    with allocated.db.reader() as s:
        events = [e.action for e in s.scalars(select(AuditEvent).where(AuditEvent.entity_type == "case_closure"))]
    assert events == ["case.closure_proposed", "case.closure_approved"]


def test_a_proposal_needs_reason_summary_family_view_and_every_need(allocated, lead, agreed):
    closures = ClosureService(allocated.db, lead, now=LATER)
    with pytest.raises(ValidationError) as caught:
        closures.propose(
            allocated.case_id,
            ClosureInput(ClosureReason.INFORMATION_ADVICE_GUIDANCE, " ", "", ()),
        )
    assert set(caught.value.fields) == {"reason", "summary", "family_view"}
    half = _proposal(agreed)
    with pytest.raises(ValidationError, match="Improved mental and physical health"):
        closures.propose(allocated.case_id, ClosureInput(half.reason, half.summary, half.family_view, half.needs[:1]))


def test_only_the_lead_or_a_manager_proposes(allocated, supporter, agreed):
    with pytest.raises(PermissionDenied, match="its lead professional"):
        ClosureService(allocated.db, supporter, now=LATER).propose(allocated.case_id, _proposal(agreed))


def test_a_manager_returns_a_proposal_saying_why_and_the_lead_proposes_again(allocated, lead, agreed):
    closures = ClosureService(allocated.db, lead, now=LATER)
    proposed = closures.propose(allocated.case_id, _proposal(agreed, met=NeedMet.PARTLY_MET))
    manager = ClosureService(allocated.db, MANAGER, now=LATER)
    with pytest.raises(ValidationError) as caught:
        manager.return_to_lead(proposed.id, proposed.version, " ")
    assert set(caught.value.fields) == {"why"}
    returned = manager.return_to_lead(proposed.id, proposed.version, "Health is only partly met: one more review.")
    assert (returned.status, _case(allocated).status) == (ClosureStatus.RETURNED, CaseStatus.TAF_OPEN)
    with pytest.raises(ConflictError, match="decided or changed elsewhere"):
        manager.approve(proposed.id, proposed.version)  # a second manager, deciding the same proposal
    again = closures.propose(allocated.case_id, _proposal(agreed))
    assert again.status is ClosureStatus.PROPOSED


def test_a_stale_approval_is_told_it_was_changed(allocated, lead, agreed):
    proposed = ClosureService(allocated.db, lead, now=LATER).propose(allocated.case_id, _proposal(agreed))
    manager = ClosureService(allocated.db, MANAGER, now=LATER)
    manager.approve(proposed.id, proposed.version)
    with pytest.raises(ConflictError):
        manager.approve(proposed.id, proposed.version)


def test_a_manager_of_another_locality_may_not_approve(allocated, lead, agreed):
    proposed = ClosureService(allocated.db, lead, now=LATER).propose(allocated.case_id, _proposal(agreed))
    elsewhere = Actor(None, "Manager South", Role.LOCALITY_MANAGER, localities=frozenset())
    with pytest.raises(PermissionDenied):
        ClosureService(allocated.db, elsewhere, now=LATER).approve(proposed.id, proposed.version)


def test_closing_as_stepped_up_asks_the_groups_approval(allocated, lead, agreed, monkeypatch):
    asked = []

    def refuse(session, case_id, reason):
        asked.append(reason)
        return "The group has not approved a step-up for this family." if reason is ClosureReason.STEPPED_UP else None

    monkeypatch.setattr(closure_module, "closing_needs_approval", refuse)
    closures = ClosureService(allocated.db, lead, now=LATER)
    with pytest.raises(ConflictError, match="not approved a step-up"):
        closures.propose(allocated.case_id, _proposal(agreed, ClosureReason.STEPPED_UP))
    proposed = closures.propose(allocated.case_id, _proposal(agreed, ClosureReason.STEPPED_DOWN))
    ClosureService(allocated.db, MANAGER, now=LATER).approve(proposed.id, proposed.version)
    assert _case(allocated).status is CaseStatus.STEPPED_DOWN
    assert asked == [ClosureReason.STEPPED_UP, ClosureReason.STEPPED_DOWN, ClosureReason.STEPPED_DOWN]


def test_a_closed_case_reopens_within_the_period_with_a_reason(allocated, lead, agreed):
    proposed = ClosureService(allocated.db, lead, now=LATER).propose(allocated.case_id, _proposal(agreed))
    approved = ClosureService(allocated.db, MANAGER, now=LATER).approve(proposed.id, proposed.version)
    in_may = ClosureService(allocated.db, lead, now=LATER + dt.timedelta(days=60))
    assert [c.id for c in in_may.recently_closed()] == [approved.id]
    assert in_may.may_reopen(approved)
    with pytest.raises(ValidationError):
        in_may.reopen(approved.id, approved.version, "")
    reopened = in_may.reopen(approved.id, approved.version, "Tobi excluded again; Adaeze asked for help.")
    case = _case(allocated)
    assert (case.status, case.closed_on, case.closure_reason) == (CaseStatus.TAF_OPEN, None, None)
    plan = PlanService(allocated.db, lead).current(allocated.case_id)
    assert (plan.status, plan.closed_on) == (PlanStatus.AGREED, None)
    assert reopened.reopened_on == (LATER + dt.timedelta(days=60)).date() and reopened.status_words == "Reopened"
    with pytest.raises(ConflictError):
        in_may.reopen(approved.id, reopened.version, "Twice")
    entries = ChronologyService(allocated.db, MANAGER).chronology(allocated.case_id).entries
    kinds = [(e.type, e.summary.split(":")[0]) for e in entries if e.type in (EntryType.CLOSURE, EntryType.REOPENING)]
    ref = case.reference
    assert kinds == [
        (EntryType.CLOSURE, ref),
        (EntryType.CLOSURE, f"{ref} closed, approved by Manager North"),
        (EntryType.REOPENING, f"{ref} reopened by Tomas Okafor"),
    ]


def test_after_the_period_a_closed_case_is_not_reopened(allocated, lead, agreed):
    SharedSettings(allocated.db, SYSTEM).set_reopen_months(1)
    proposed = ClosureService(allocated.db, lead, now=LATER).propose(allocated.case_id, _proposal(agreed))
    approved = ClosureService(allocated.db, MANAGER, now=LATER).approve(proposed.id, proposed.version)
    on_the_day = ClosureService(allocated.db, lead, now=LATER + dt.timedelta(days=31))  # 1 Apr: the last day
    assert on_the_day.may_reopen(approved)
    after = ClosureService(allocated.db, lead, now=LATER + dt.timedelta(days=32))
    assert not after.may_reopen(approved)
    with pytest.raises(ConflictError, match="new referral"):
        after.reopen(approved.id, approved.version, "Too late")
    with pytest.raises(ValidationError):
        SharedSettings(allocated.db, SYSTEM).set_reopen_months(25)


def test_a_new_referral_after_closure_is_a_repeat_within_12_months_or_not(allocated, lead, agreed):
    proposed = ClosureService(allocated.db, lead, now=LATER).propose(allocated.case_id, _proposal(agreed))
    ClosureService(allocated.db, MANAGER, now=LATER).approve(proposed.id, proposed.version)
    closed = _case(allocated)
    with allocated.db.session() as s:
        for n, opened in enumerate((dt.date(2028, 2, 29), dt.date(2028, 3, 2))):
            new = Case(
                reference=f"N-2028-90{n}",
                family_id=closed.family_id,
                locality_id=closed.locality_id,
                status=CaseStatus.AWAITING_TRIAGE,
                opened_on=opened,
            )
            s.add(new)
            s.flush()
            mark_repeat(s, new)
            assert (new.is_repeat, new.repeat_of_case_id, new.repeat_within_12_months) == (True, closed.id, n == 0)
