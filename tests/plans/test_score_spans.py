"""Each review's scores carry the family's first score in the area, how many
times it has been scored and the day of the next score (the reports'
distance travelled reads them), kept as reviews are recorded."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from tafdesk.models import NeedArea, TafReview, TafReviewScore
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
        return [tuple(row) for row in rows]


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


def test_the_migration_fills_them_from_the_scores_already_recorded(allocated, lead):
    from tafdesk.db.migrations.runner import run_downgrade, run_upgrade

    service, plan = _agreed(allocated, lead)
    plan = _review(service, plan, D(2026, 11, 12), {E: 6, H: 4})
    plan = _review(service, plan, D(2026, 12, 1), {E: 8})
    _review(service, plan, D(2026, 11, 20), {E: 3, H: 5})
    kept = _stored(allocated.db)
    allocated.db.dispose()

    run_downgrade(allocated.db.url, "0033")  # the three columns gone
    run_upgrade(allocated.db.url)  # and made again from the scores
    assert _stored(allocated.db) == kept
