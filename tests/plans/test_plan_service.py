"""A plan's life: drafted, agreed, reviewed, revised and closed, version by version."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from tafdesk.models import ActionStatus, AuditEvent, Case, CaseStatus, ClosureReason, NeedArea, PlanStatus, Rag, Role
from tafdesk.plans.content import ActionItem
from tafdesk.services.actor import Actor
from tafdesk.services.errors import ConflictError, PermissionDenied, ValidationError
from tafdesk.services.plans import PlanService, ReviewInput

TODAY = dt.date(2026, 12, 2)


def _complete(service, plan):
    owner = service.owner_choices(plan.case_id)[0]
    outcomes = tuple(dataclasses.replace(o, outcome_wanted=f"Better {o.area.value}") for o in plan.content.outcomes)
    actions = (
        ActionItem(
            uuid.uuid4(),
            "Walk Tobi to school",
            outcomes[0].id,
            owner,
            due_on=dt.date(2027, 1, 12),
            measure="Attendance above 90% for four weeks",
        ),
        ActionItem(
            uuid.uuid4(),
            "Book the parenting course",
            outcomes[-1].id,
            owner,
            due_on=dt.date(2027, 1, 8),
            measure="Place confirmed",
        ),
    )
    return dataclasses.replace(
        plan.content, outcomes=outcomes, actions=actions, voice_of_child="I want to go to football."
    )


def test_first_draft_comes_from_the_profile(allocated, lead):
    plan = PlanService(allocated.db, lead, today=TODAY).start(allocated.case_id)
    assert (plan.plan_version, plan.status, plan.editable) == (1, PlanStatus.DRAFT, True)
    assert [o.area for o in plan.content.outcomes] == [NeedArea.EDUCATION, NeedArea.HEALTH]
    assert plan.content.voice_of_parents == "Adaeze wants Tobi back in school."
    assert plan.content.consent_confirmed_on == dt.date(2026, 11, 17)
    assert [(m.name, m.role) for m in plan.people.team] == [
        ("Tomas Okafor", "Lead professional"),
        ("Ruth Adeyemi", "Supporting"),
    ]
    assert [m.age for m in plan.people.family] == ["39", "14", "10"]


def test_draft_saves_incomplete_but_agreeing_needs_smart_actions(allocated, lead):
    service = PlanService(allocated.db, lead, today=TODAY)
    plan = service.start(allocated.case_id)
    content = _complete(service, plan)
    sloppy = dataclasses.replace(content, actions=(dataclasses.replace(content.actions[0], owner=None, measure=None),))
    version = service.save_draft(plan.id, plan.row_version, sloppy)
    with pytest.raises(ValidationError) as caught:
        service.agree(plan.id, version, "Adaeze and the TAF")
    assert set(caught.value.fields) == {"actions[0].owner", "actions[0].measure"}
    version = service.save_draft(plan.id, version, content)
    agreed = service.agree(plan.id, version, "Adaeze and the TAF", agreed_on=TODAY)
    assert agreed.status is PlanStatus.AGREED and agreed.next_review_on == dt.date(2027, 1, 13)
    with pytest.raises(ConflictError, match="Only a draft"):
        service.save_draft(plan.id, agreed.row_version, content)


def test_stale_editor_gets_a_conflict(allocated, lead):
    service = PlanService(allocated.db, lead, today=TODAY)
    plan = service.start(allocated.case_id)
    service.save_draft(plan.id, plan.row_version, _complete(service, plan))
    with pytest.raises(ConflictError, match="changed elsewhere"):
        service.save_draft(plan.id, plan.row_version, plan.content)


def test_review_records_progress_and_makes_the_next_version(allocated, lead):
    service = PlanService(allocated.db, lead, today=TODAY)
    plan = service.start(allocated.case_id)
    version = service.save_draft(plan.id, plan.row_version, _complete(service, plan))
    agreed = service.agree(plan.id, version, "Adaeze and the TAF", agreed_on=dt.date(2026, 10, 1))
    school, health = agreed.content.outcomes
    walk, course = agreed.content.actions
    review = ReviewInput(
        held_on=dt.date(2026, 11, 12),
        attendees="Adaeze, Tomas, Ruth",
        notes="Good progress at school.",
        scores={NeedArea.EDUCATION: 6, NeedArea.HEALTH: 4},
        progress={school.id: (Rag.GREEN, "Attendance 93%"), health.id: (Rag.AMBER, None)},
        action_updates={walk.id: (ActionStatus.DONE, None), course.id: (ActionStatus.DROPPED, "Course cancelled")},
    )
    second = service.record_review(agreed.id, agreed.row_version, review)
    assert (second.plan_version, second.status) == (2, PlanStatus.AGREED)
    assert [a.status for a in second.content.actions] == [ActionStatus.DONE, ActionStatus.DROPPED]
    assert second.next_review_on == dt.date(2026, 12, 24)
    assert service.version(agreed.id).status is PlanStatus.SUPERSEDED
    assert [(r.plan_version, r.scores[NeedArea.EDUCATION]) for r in second.reviews] == [(1, 6)]
    changes = {(c.item, c.field, c.after) for c in service.differences(agreed.id, second.id)}
    assert ("Walk Tobi to school", "Status", "done") in changes
    assert ("Book the parenting course", "Why dropped", "Course cancelled") in changes
    assert len(changes) == 3  # nothing else differs, though every item is a new row

    later = ReviewInput(held_on=dt.date(2026, 12, 1), scores={NeedArea.EDUCATION: 8, NeedArea.HEALTH: 5})
    third = service.record_review(second.id, second.row_version, later)
    assert service.score_history(allocated.case_id) == {
        NeedArea.EDUCATION: [(dt.date(2026, 11, 12), 6), (dt.date(2026, 12, 1), 8)],
        NeedArea.HEALTH: [(dt.date(2026, 11, 12), 4), (dt.date(2026, 12, 1), 5)],
    }
    assert [v[1] for v in service.versions(allocated.case_id)] == [1, 2, 3]
    assert {c.item for c in service.differences(agreed.id, third.id)} == {
        "Walk Tobi to school",
        "Book the parenting course",
    }


def test_review_scores_and_dates_are_checked(allocated, lead):
    service = PlanService(allocated.db, lead, today=TODAY)
    plan = service.start(allocated.case_id)
    version = service.save_draft(plan.id, plan.row_version, _complete(service, plan))
    agreed = service.agree(plan.id, version, "TAF", agreed_on=dt.date(2026, 10, 1))
    with pytest.raises(ValidationError) as caught:
        service.record_review(
            agreed.id, agreed.row_version, ReviewInput(held_on=dt.date(2027, 1, 1), scores={NeedArea.HEALTH: 11})
        )
    assert set(caught.value.fields) == {"held_on", "scores.health"}


def test_revising_starts_one_draft_and_agreeing_it_supersedes(allocated, lead):
    service = PlanService(allocated.db, lead, today=TODAY)
    plan = service.start(allocated.case_id)
    agreed = service.agree(plan.id, service.save_draft(plan.id, plan.row_version, _complete(service, plan)), "TAF")
    draft = service.revise(agreed.id)
    assert (draft.plan_version, draft.status) == (2, PlanStatus.DRAFT)
    assert service.revise(agreed.id).id == draft.id
    service.agree(draft.id, draft.row_version, "TAF")
    assert [v[2] for v in service.versions(allocated.case_id)] == [PlanStatus.SUPERSEDED, PlanStatus.AGREED]


def test_closing_the_plan_closes_the_case_once_a_manager_approves(allocated, lead):
    """A lead professional proposes; the plan and the case close together on approval."""
    from tafdesk.models import NeedMet
    from tafdesk.services.closure import ClosureInput, ClosureService, NeedAssessed
    from tests.meetings.conftest import CHAIR

    service = PlanService(allocated.db, lead, today=TODAY)
    plan = service.start(allocated.case_id)
    agreed = service.agree(plan.id, service.save_draft(plan.id, plan.row_version, _complete(service, plan)), "TAF")
    now = dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.UTC)
    needs = tuple(NeedAssessed(o.id, NeedMet.MET) for o in agreed.content.outcomes)
    proposed = ClosureService(allocated.db, lead, now=now).propose(
        allocated.case_id, ClosureInput(ClosureReason.NEEDS_MET, "Done.", "Happy.", needs)
    )
    assert service.current(allocated.case_id).status is PlanStatus.AGREED
    ClosureService(allocated.db, CHAIR, now=now).approve(proposed.id, proposed.version)
    assert service.current(allocated.case_id).status is PlanStatus.CLOSED
    with allocated.db.reader() as s:
        case = s.get(Case, allocated.case_id)
        assert (case.status, case.closed_on) == (CaseStatus.CLOSED, TODAY)
        events = [e.action for e in s.scalars(select(AuditEvent).where(AuditEvent.entity_type == "taf_plan"))]
    assert events == ["plan.started", "plan.agreed"]


def test_only_the_team_may_change_the_plan(allocated, lead):
    PlanService(allocated.db, lead, today=TODAY).start(allocated.case_id)
    plan = PlanService(allocated.db, lead, today=TODAY).current(allocated.case_id)
    stranger = Actor(None, "Other Lead", Role.LEAD_PROFESSIONAL, professional_id=allocated.people["Full Person"])
    with pytest.raises(PermissionDenied, match="may not see the plan of a family they do not lead or support"):
        PlanService(allocated.db, stranger, today=TODAY).current(allocated.case_id)
    with pytest.raises(PermissionDenied, match="may not change the plan of a family they do not lead or support"):
        PlanService(allocated.db, stranger, today=TODAY).save_draft(plan.id, plan.row_version, plan.content)
    supporter = Actor(None, "Ruth", Role.LEAD_PROFESSIONAL, professional_id=allocated.people["Ruth Adeyemi"])
    assert PlanService(allocated.db, supporter, today=TODAY).current(allocated.case_id).editable
    clerk = Actor(None, "Clerk", Role.BUSINESS_SUPPORT, localities=None)
    with pytest.raises(PermissionDenied):
        PlanService(allocated.db, clerk, today=TODAY).save_draft(plan.id, plan.row_version, plan.content)


def test_no_plan_for_a_case_without_a_taf(allocated, lead, world):
    manager = Actor(None, "Manager", Role.LOCALITY_MANAGER, localities=None)
    with pytest.raises(ConflictError, match="no open Team Around the Family"):
        PlanService(allocated.db, manager, today=TODAY).start(world.cases[1])
