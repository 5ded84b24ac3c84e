"""Reviews recorded offline reach the server at sync, on each database."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from sqlalchemy import select

from tafdesk.models import ActionStatus, AuditEvent, AuditValue, NeedArea, PlanStatus, Rag, TafReview
from tafdesk.services.offline_take import OfflineTakeService, copy_status
from tafdesk.services.plans import PlanService, ReviewInput
from tests.offline.conftest import PASSWORD
from tests.offline.test_sync import offline, server_plan, sync
from tests.plans.test_plan_service import TODAY


@pytest.fixture
def agreed(with_draft, lead, copy_path):
    """The plan agreed on the server, then taken offline."""
    plans = PlanService(with_draft.db, lead, today=TODAY)
    draft = plans.current(with_draft.case_id)
    plans.agree(draft.id, draft.row_version, "Adaeze and the TAF", agreed_on=dt.date(2026, 10, 1))
    copy_path.parent.mkdir()
    OfflineTakeService(with_draft.db, lead).take([with_draft.reference], copy_path, PASSWORD)
    with_draft.copy_path = copy_path
    return with_draft


def review(plan, held_on=dt.date(2026, 11, 12), score=6):
    school = plan.content.outcomes[0]
    walk = plan.content.actions[0]
    return ReviewInput(
        held_on=held_on,
        attendees="Adaeze, Tomas",
        notes="Good progress at school.",
        scores={NeedArea.EDUCATION: score},
        progress={school.id: (Rag.GREEN, "Attendance 93%")},
        action_updates={walk.id: (ActionStatus.DONE, None)},
    )


def record(plans, case_id, **kw):
    plan = plans.current(case_id)
    return plans.record_review(plan.id, plan.row_version, review(plan, **kw))


def server_reviews(world):
    with world.db.reader() as s:
        return s.scalars(select(TafReview).order_by(TafReview.held_on)).all()


def offline_review_id(world, lead):
    with offline(world, lead) as (plans, _):
        [made] = record(plans, world.case_id).reviews
    return made.id


def test_a_review_recorded_offline_becomes_the_servers_with_its_id_and_time(agreed, lead):
    review_id = offline_review_id(agreed, lead)
    [done] = sync(agreed, lead)
    assert (done.state, done.sent) == ("synced", ["the review of 12 Nov 2026"])
    [row] = server_reviews(agreed)
    assert row.id == review_id
    plan = server_plan(agreed, lead)
    assert (plan.plan_version, plan.status) == (2, PlanStatus.AGREED)
    assert plan.content.actions[0].status is ActionStatus.DONE
    assert plan.reviews[0].scores == {NeedArea.EDUCATION: 6}
    with agreed.db.reader() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "plan.reviewed")).one()
        values = json.loads(s.get(AuditValue, event.id).changes)
    assert values["recorded_offline_at"][1].startswith(row.created_at.isoformat()[:16])
    [done] = sync(agreed, lead)  # again: nothing more
    assert done.sent == [] and len(server_reviews(agreed)) == 1
    assert server_plan(agreed, lead).plan_version == 2
    assert not copy_status(agreed.copy_path, PASSWORD).cases[0].pending.any


def test_the_same_review_on_the_server_is_kept_once(agreed, lead):
    offline_review_id(agreed, lead)
    record(PlanService(agreed.db, lead, today=TODAY), agreed.case_id, score=7)
    [done] = sync(agreed, lead)
    assert done.state == "synced" and "already had the review of 12 Nov 2026" in done.note
    assert [r.scores[NeedArea.EDUCATION] for r in server_plan(agreed, lead).reviews] == [7]  # the server's stands
    with agreed.db.reader() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "case.synced_from_offline")).one()
        assert '"scores": {"education": 6}' in s.get(AuditValue, event.id).changes  # the copy's, kept
    assert server_plan(agreed, lead).plan_version == 2


def test_a_review_on_another_day_on_the_server_keeps_both(agreed, lead):
    review_id = offline_review_id(agreed, lead)
    record(PlanService(agreed.db, lead, today=TODAY), agreed.case_id, held_on=dt.date(2026, 11, 20), score=8)
    [done] = sync(agreed, lead)
    assert done.state == "synced"
    assert [(r.id == review_id, r.held_on) for r in server_reviews(agreed)] == [
        (True, dt.date(2026, 11, 12)),
        (False, dt.date(2026, 11, 20)),
    ]
    plan = server_plan(agreed, lead)
    assert plan.plan_version == 2 and plan.content.actions[0].status is ActionStatus.DONE  # both made it done


def test_two_reviews_offline_are_sent_the_second_on_the_version_the_first_made(agreed, lead):
    with offline(agreed, lead) as (plans, _):
        record(plans, agreed.case_id)
        second = record(plans, agreed.case_id, held_on=dt.date(2026, 11, 30), score=8)
    [done] = sync(agreed, lead)
    assert (done.state, done.sent) == ("synced", ["the review of 12 Nov 2026", "the review of 30 Nov 2026"])
    plan = server_plan(agreed, lead)
    assert (plan.plan_version, plan.status, plan.id) == (3, PlanStatus.AGREED, second.id)  # the copy's ids kept
    assert [o.id for o in plan.content.outcomes] == [o.id for o in second.content.outcomes]
    assert [(r.plan_version, r.scores[NeedArea.EDUCATION]) for r in plan.reviews] == [(1, 6), (2, 8)]
    [done] = sync(agreed, lead)  # again: nothing more
    assert done.sent == [] and len(server_reviews(agreed)) == 2
    assert not copy_status(agreed.copy_path, PASSWORD).cases[0].pending.any


def test_a_second_review_offline_of_a_version_the_server_never_made_waits(agreed, lead):
    with offline(agreed, lead) as (plans, _):
        record(plans, agreed.case_id)
        record(plans, agreed.case_id, held_on=dt.date(2026, 11, 30))
    record(PlanService(agreed.db, lead, today=TODAY), agreed.case_id, score=7)  # the first, on the server too
    [done] = sync(agreed, lead)
    assert done.state == "held" and "cannot be matched" in done.note
    assert [r.scores[NeedArea.EDUCATION] for r in server_plan(agreed, lead).reviews] == [7]  # rolled back: nothing sent


def test_a_draft_revised_offline_becomes_the_servers_under_its_ids(agreed, lead):
    with offline(agreed, lead) as (plans, _):
        draft = plans.revise(plans.current(agreed.case_id).id)
        plans.save_draft(draft.id, draft.row_version, dataclasses.replace(draft.content, strengths="Close to gran"))
    [done] = sync(agreed, lead)
    assert (done.state, done.sent) == ("synced", ["the plan"])
    plan = server_plan(agreed, lead)
    assert (plan.id, plan.plan_version, plan.status) == (draft.id, 2, PlanStatus.DRAFT)  # what the copy looked at
    assert plan.content.strengths == "Close to gran"
    assert [a.id for a in plan.content.actions] == [a.id for a in draft.content.actions]
    assert not copy_status(agreed.copy_path, PASSWORD).cases[0].pending.any
