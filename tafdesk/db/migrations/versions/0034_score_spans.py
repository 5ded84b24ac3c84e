"""Distance travelled kept as scores are recorded, and the reports read from indexes

Each review score (taf_review_score) gains what the reports' distance
travelled would otherwise work out from every earlier score of the family:

- first_score: the family's (case's) first score in the area, at its
  earliest review (by the day held, then the review's id);
- scored_times: how many times the family has been scored in the area, up
  to and including this review, in that order;
- next_held_on: the day of the family's next score in the area, NULL while
  this is the latest.

A family's latest score up to a period's last day is then the score held in
the period whose next_held_on is NULL or after that day: a filter on the
reviews held in the period, rather than a grouped pass over every score of
the families reviewed in it. The service that records a review keeps the
three in the same transaction.

Three of the reports' indexes (migration 0033) are made again holding what
the figures read, so that they read no table row: the scores' with the three
new columns; the reviews' by day with the review's id (the distance
travelled reads a period's reviews by day, then their scores by review);
the plans' by review date with what "reviews on time" reads of a plan; and
the cases' by the day closed with what closures and caseloads read of a
case. A new one gives a case's supporters with the day each joined
(caseloads week by week).

Backfilled here from the existing scores, with window functions (SQLite
3.25 and later, PostgreSQL). The columns are on a table row-level security
already guards, so no policy changes.

Revision ID: 0034
Revises: 0033
Created: 2026-12-11 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0034"
down_revision = "0033"
branch_labels = None
depends_on = None

# (index, table, columns before, columns after)
INDEXES = (
    (
        "ix_taf_review_score_scores",
        "taf_review_score",
        ["review_id", "area", "score"],
        ["review_id", "area", "score", "first_score", "scored_times", "next_held_on"],
    ),
    ("ix_taf_review_held_on", "taf_review", ["held_on", "plan_id"], ["held_on", "id", "plan_id"]),
    (
        "ix_taf_plan_next_review_on",
        "taf_plan",
        ["next_review_on"],
        ["next_review_on", "agreed_on", "status", "case_id", "id"],
    ),
    (
        "ix_case_record_closed_on",
        "case_record",
        ["closed_on"],
        [
            "closed_on",
            "closure_reason",
            "opened_on",
            "allocated_on",
            "lead_professional_id",
            "complexity_weight",
            "locality_id",
            "id",
        ],
    ),
)
SUPPORTERS = ("ix_case_supporter_case_days", "case_supporter", ["case_id", "since", "professional_id"])
SPANS = """
CREATE TEMPORARY TABLE score_span AS
SELECT s.id AS id,
       first_value(s.score) OVER family_area AS first_score,
       row_number() OVER family_area AS scored_times,
       lead(r.held_on) OVER family_area AS next_held_on
FROM taf_review_score s
JOIN taf_review r ON r.id = s.review_id
JOIN taf_plan p ON p.id = r.plan_id
WINDOW family_area AS (PARTITION BY p.case_id, s.area ORDER BY r.held_on, r.id)
"""
FILL = """
UPDATE taf_review_score SET
    first_score = (SELECT first_score FROM score_span WHERE score_span.id = taf_review_score.id),
    scored_times = (SELECT scored_times FROM score_span WHERE score_span.id = taf_review_score.id),
    next_held_on = (SELECT next_held_on FROM score_span WHERE score_span.id = taf_review_score.id)
"""


def upgrade() -> None:
    op.add_column("taf_review_score", sa.Column("first_score", sa.Integer(), nullable=True))
    op.add_column("taf_review_score", sa.Column("scored_times", sa.Integer(), nullable=True))
    op.add_column("taf_review_score", sa.Column("next_held_on", sa.Date(), nullable=True))
    op.execute(SPANS)
    op.execute("CREATE UNIQUE INDEX score_span_id ON score_span (id)")
    op.execute(FILL)
    op.execute("DROP TABLE score_span")
    for name, table, _before, after in INDEXES:
        op.drop_index(name, table_name=table)
        op.create_index(name, table, after, unique=False)
    op.create_index(*SUPPORTERS, unique=False)


def downgrade() -> None:
    op.drop_index(SUPPORTERS[0], table_name=SUPPORTERS[1])
    for name, table, before, _after in INDEXES:
        op.drop_index(name, table_name=table)
        op.create_index(name, table, before, unique=False)
    with op.batch_alter_table("taf_review_score", schema=None) as batch_op:
        batch_op.drop_column("next_held_on")
        batch_op.drop_column("scored_times")
        batch_op.drop_column("first_score")
