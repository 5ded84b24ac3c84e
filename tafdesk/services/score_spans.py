"""A family's scores in each need area kept in order on the score rows
(first_score, scored_times, next_held_on: migration 0034), so that the
reports' distance travelled reads the reviews of a period alone. Called in
the transaction that adds a review, after its scores are flushed."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from tafdesk.models import TafPlan, TafReview, TafReviewScore


def refresh(s: Session, case_id: uuid.UUID) -> None:
    """Set the three on every score of the case (a few dozen rows at most):
    a review may be recorded with an earlier day than one already held."""
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
    for score, following, next_day in zip(scores, [*scores[1:], None], next_days):
        if earlier is None or earlier.area != score.area:
            score.first_score, score.scored_times = score.score, 1
        else:
            score.first_score, score.scored_times = earlier.first_score, (earlier.scored_times or 0) + 1
        score.next_held_on = next_day if following is not None and following.area == score.area else None
        earlier = score
