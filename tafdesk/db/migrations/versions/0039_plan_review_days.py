"""The reports' reviews on time and distance travelled read stored days

- taf_plan.reviewed_on: the day of the plan version's first review (NULL
  until it is reviewed). "Reviews on time" read it from the plans' index by
  review date instead of looking up each plan's reviews.
- taf_review_score.held_on: its review's day. The whole council's distance
  travelled reads the scores held in a period from a partial index of the
  scores with one before them (scored_times >= 2), without reading a review.

Three of the reports' indexes are made to hold what they read (migration
0033's a family's plans, with the day each was agreed: plans agreed after
allocation; the cases' by the day allocated, with what the allocations in a
period read of a case), and a new one gives a professional's agency (the
caseloads week by week look it up for each case and supporter).

Kept by the service that records a review, in the same transaction
(services/score_spans.py, as migration 0034's columns are). Backfilled here
from the reviews. Both tables are already guarded by row-level security, so
no policy changes.

Revision ID: 0039
Revises: 0038
Created: 2026-12-13 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0039"
down_revision = "0038"
branch_labels = None
depends_on = None

# Frozen as of this revision.
PLANS_INDEX = "ix_taf_plan_next_review_on"
PLANS_BEFORE = ["next_review_on", "agreed_on", "status", "case_id", "id"]
PLANS_AFTER = [*PLANS_BEFORE, "reviewed_on"]
TRAVELLED = "ix_taf_review_score_travelled"
TRAVELLED_COLUMNS = ["held_on", "area", "first_score", "score", "next_held_on", "scored_times"]
TRAVELLED_WHERE = "scored_times >= 2"
# (index, table, columns before (None: a new index), columns after)
COVERING = (
    ("ix_taf_plan_case_plans", "taf_plan", ["case_id", "id"], ["case_id", "id", "agreed_on"]),
    (
        "ix_case_record_allocated_on",
        "case_record",
        ["allocated_on"],
        ["allocated_on", "id", "opened_on", "closed_on", "locality_id"],
    ),
    ("ix_professional_agencies", "professional", None, ["id", "agency_id"]),
)
FILL_PLANS = """
UPDATE taf_plan SET reviewed_on = (SELECT min(taf_review.held_on) FROM taf_review WHERE taf_review.plan_id = taf_plan.id)
"""
FILL_SCORES = """
UPDATE taf_review_score SET held_on = (SELECT taf_review.held_on FROM taf_review WHERE taf_review.id = taf_review_score.review_id)
"""


def upgrade() -> None:
    op.add_column("taf_plan", sa.Column("reviewed_on", sa.Date(), nullable=True))
    op.add_column("taf_review_score", sa.Column("held_on", sa.Date(), nullable=True))
    op.execute(FILL_PLANS)
    op.execute(FILL_SCORES)
    op.drop_index(PLANS_INDEX, table_name="taf_plan")
    op.create_index(PLANS_INDEX, "taf_plan", PLANS_AFTER, unique=False)
    where = sa.text(TRAVELLED_WHERE)
    op.create_index(
        TRAVELLED, "taf_review_score", TRAVELLED_COLUMNS, unique=False, sqlite_where=where, postgresql_where=where
    )
    for name, table, before, after in COVERING:
        if before is not None:
            op.drop_index(name, table_name=table)
        op.create_index(name, table, after, unique=False)


def downgrade() -> None:
    for name, table, before, _after in COVERING:
        op.drop_index(name, table_name=table)
        if before is not None:
            op.create_index(name, table, before, unique=False)
    op.drop_index(TRAVELLED, table_name="taf_review_score")
    op.drop_index(PLANS_INDEX, table_name="taf_plan")
    op.create_index(PLANS_INDEX, "taf_plan", PLANS_BEFORE, unique=False)
    with op.batch_alter_table("taf_review_score", schema=None) as batch_op:
        batch_op.drop_column("held_on")
    with op.batch_alter_table("taf_plan", schema=None) as batch_op:
        batch_op.drop_column("reviewed_on")
