"""Each review's scores carry the family's first score in the area, how many
times it has been scored, the day of the next score and the review's own day
(the reports' distance travelled reads them), and each plan version the day
of its first review (the reports' reviews on time), kept as reviews are
recorded, and filled by the migrations from the reviews already recorded."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select

from tafdesk.models import NeedArea, TafPlan, TafReview, TafReviewScore
from tafdesk.services.plans import PlanService, ReviewInput
from tests.plans.test_plan_service import TODAY, _complete

D = dt.date
E, H = NeedArea.EDUCATION, NeedArea.HEALTH


def _stored(db):
    with db.reader() as s:
        rows = s.execute(
            select(
                TafReviewScore.area,
                TafReview.held_on,
                TafReviewScore.score,
                TafReviewScore.first_score,
                TafReviewScore.scored_times,
                TafReviewScore.next_held_on,
            )
            .join(TafReview, TafReview.id == TafReviewScore.review_id)
            .order_by(TafReviewScore.area, TafReview.held_on)
        )
        days = s.execute(select(TafReview.held_on, TafReviewScore.held_on).join(TafReviewScore)).all()
        assert all(review == score for review, score in days)  # each score carries its review's day
        return [tuple(row) for row in rows]


def _first_reviews(db) -> list[tuple]:
    with db.reader() as s:
        return [tuple(r) for r in s.execute(select(TafPlan.plan_version, TafPlan.reviewed_on).order_by("plan_version"))]


def _review(service, plan, held_on, scores):
    return service.record_review(plan.id, plan.row_version, ReviewInput(held_on=held_on, scores=scores))


def _agreed(allocated, lead):
    service = PlanService(allocated.db, lead, today=TODAY)
    draft = service.start(allocated.case_id)
    version = service.save_draft(draft.id, draft.row_version, _complete(service, draft))
    return service, service.agree(draft.id, version, "Adaeze and the TAF", agreed_on=D(2026, 10, 1))


def test_stored_scores_follow_each_new_review(allocated, lead):
    service, plan = _agreed(allocated, lead)
    plan = _review(service, plan, D(2026, 11, 12), {E: 6, H: 4})
    assert _stored(allocated.db) == [(E, D(2026, 11, 12), 6, 6, 1, None), (H, D(2026, 11, 12), 4, 4, 1, None)]

    plan = _review(service, plan, D(2026, 12, 1), {E: 8})
    assert _stored(allocated.db) == [
        (E, D(2026, 11, 12), 6, 6, 1, D(2026, 12, 1)),
        (E, D(2026, 12, 1), 8, 6, 2, None),
        (H, D(2026, 11, 12), 4, 4, 1, None),  # not scored again
    ]

    # Recorded late, for a day between the two: it takes its place in the order.
    _review(service, plan, D(2026, 11, 20), {E: 3, H: 5})
    assert _stored(allocated.db) == [
        (E, D(2026, 11, 12), 6, 6, 1, D(2026, 11, 20)),
        (E, D(2026, 11, 20), 3, 6, 2, D(2026, 12, 1)),
        (E, D(2026, 12, 1), 8, 6, 3, None),
        (H, D(2026, 11, 12), 4, 4, 1, D(2026, 11, 20)),
        (H, D(2026, 11, 20), 5, 4, 2, None),
    ]
    # Each review made the next version; the newest is not reviewed yet.
    assert _first_reviews(allocated.db) == [
        (1, D(2026, 11, 12)),
        (2, D(2026, 12, 1)),
        (3, D(2026, 11, 20)),
        (4, None),
    ]


def test_a_late_review_from_an_offline_copy_keeps_them_too(allocated, lead):
    from tafdesk.services.plans import OfflineReview

    service, first = _agreed(allocated, lead)
    second = _review(service, first, D(2026, 11, 12), {E: 6})
    _review(service, second, D(2026, 12, 1), {E: 8})
    late = ReviewInput(held_on=D(2026, 11, 5), scores={E: 4})
    service.record_late_review(first.id, late, OfflineReview(uuid.uuid4(), dt.datetime(2026, 11, 5, 12, tzinfo=dt.UTC)))
    assert _stored(allocated.db) == [
        (E, D(2026, 11, 5), 4, 4, 1, D(2026, 11, 12)),
        (E, D(2026, 11, 12), 6, 4, 2, D(2026, 12, 1)),
        (E, D(2026, 12, 1), 8, 4, 3, None),
    ]
    assert _first_reviews(allocated.db) == [(1, D(2026, 11, 5)), (2, D(2026, 12, 1)), (3, None)]


def test_the_migration_fills_them_from_the_scores_already_recorded(allocated, lead):
    from tafdesk.db.migrations.runner import run_downgrade, run_upgrade

    service, plan = _agreed(allocated, lead)
    plan = _review(service, plan, D(2026, 11, 12), {E: 6, H: 4})
    plan = _review(service, plan, D(2026, 12, 1), {E: 8})
    _review(service, plan, D(2026, 11, 20), {E: 3, H: 5})
    kept, first = _stored(allocated.db), _first_reviews(allocated.db)
    allocated.db.dispose()

    run_downgrade(allocated.db.url, "0033")  # the five columns gone
    run_upgrade(allocated.db.url)  # and made again from the scores
    assert (_stored(allocated.db), _first_reviews(allocated.db)) == (kept, first)

    allocated.db.dispose()
    run_downgrade(allocated.db.url, "0038")  # the review days alone (migration 0039)
    run_upgrade(allocated.db.url)
    assert (_stored(allocated.db), _first_reviews(allocated.db)) == (kept, first)
