"""A family's scores in each need area kept in order on the score rows
(first_score, scored_times, next_held_on: migration 0034; held_on, the
review's day: 0039), so that the reports' distance travelled reads the
scores of a period alone; and each plan version's first review day
(reviewed_on: 0039), which the reports' reviews on time read. Called in the
transaction that adds a review, after its scores are flushed."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tafdesk.models import TafPlan, TafReview, TafReviewScore


def refresh(s: Session, case_id: uuid.UUID) -> None:
    """Set them on every score and plan version of the case (a few dozen rows
    at most): a review may be recorded with an earlier day than one already held."""
    _first_reviews(s, case_id)
    rows = s.execute(
        select(TafReviewScore, TafReview.held_on)
        .join(TafReview, TafReview.id == TafReviewScore.review_id)
        .join(TafPlan, TafPlan.id == TafReview.plan_id)
        .where(TafPlan.case_id == case_id)
        .order_by(TafReviewScore.area, TafReview.held_on, TafReview.id)
    ).all()
    scores = [score for score, _ in rows]
    next_days = [held_on for _, held_on in rows[1:]] + [None]
    earlier: TafReviewScore | None = None
    for (score, held_on), following, next_day in zip(rows, [*scores[1:], None], next_days):
        score.held_on = held_on
        if earlier is None or earlier.area != score.area:
            score.first_score, score.scored_times = score.score, 1
        else:
            score.first_score, score.scored_times = earlier.first_score, (earlier.scored_times or 0) + 1
        score.next_held_on = next_day if following is not None and following.area == score.area else None
        earlier = score


def _first_reviews(s: Session, case_id: uuid.UUID) -> None:
    first = (
        select(func.min(TafReview.held_on)).where(TafReview.plan_id == TafPlan.id).correlate(TafPlan).scalar_subquery()
    )
    for plan, reviewed_on in s.execute(select(TafPlan, first).where(TafPlan.case_id == case_id)).all():
        plan.reviewed_on = reviewed_on
