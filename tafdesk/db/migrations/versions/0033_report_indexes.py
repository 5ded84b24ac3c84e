"""The reports at a county's scale: indexes on the days they count by, and
each calendar day's working-day number

Indexes: case_record on allocated_on and closed_on, taf_plan on
next_review_on and taf_review on held_on, so that a report for a period
reads the rows whose day falls in it rather than every row since the
council began; and, for the distance travelled (every score of the families
reviewed in a period), a family's plans, their reviews and the reviews'
scores read from indexes alone (each holds the columns read).

working_day: one row for each calendar day of the years the reports cover,
with `number`, the working days (weekdays that are not England's bank
holidays) from an early day up to and including it. Working days after one
day up to and including another are then a subtraction of two numbers,
looked up by key, rather than weekday arithmetic less a count of the bank
holidays between them for every row. The reports' service fills it from the
bank_holiday table whenever it fills that (services/reports/calendar.py);
this migration only makes it (it imports no app code).

On PostgreSQL, as bank_holiday (migration 0028): everyone reads it (it holds
no personal data); locality managers and business support, who run the
reports, add and remove its rows. Row-level security is on, with policies
that say just that.

Revision ID: 0033
Revises: 0032
Created: 2026-12-10 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0033"
down_revision = "0032"
branch_labels = None
depends_on = None

GROUPS = {
    "admin": "tafdesk_admin",
    "locality_manager": "tafdesk_locality_manager",
    "business_support": "tafdesk_business_support",
    "lead_professional": "tafdesk_lead_professional",
}
WRITERS = ("locality_manager", "business_support")
SHORT = {"locality_manager": "lm", "business_support": "bs"}
# (index, table, columns)
INDEXES = (
    ("ix_case_record_allocated_on", "case_record", ["allocated_on"]),
    ("ix_case_record_closed_on", "case_record", ["closed_on"]),
    ("ix_taf_plan_next_review_on", "taf_plan", ["next_review_on"]),
    ("ix_taf_plan_case_plans", "taf_plan", ["case_id", "id"]),
    ("ix_taf_review_held_on", "taf_review", ["held_on", "plan_id"]),
    ("ix_taf_review_plan_reviews", "taf_review", ["plan_id", "held_on", "id"]),
    ("ix_taf_review_score_scores", "taf_review_score", ["review_id", "area", "score"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)
    op.create_table(
        "working_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_working_day")),
    )
    if op.get_bind().dialect.name == "postgresql":
        _access_rules()


def _access_rules() -> None:
    op.execute(f"GRANT SELECT ON working_day TO {', '.join(GROUPS.values())}")
    op.execute(f"GRANT INSERT, DELETE ON working_day TO {', '.join(GROUPS[r] for r in WRITERS)}")
    op.execute("ALTER TABLE working_day ENABLE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY working_day_everyone_select ON working_day FOR SELECT TO {', '.join(GROUPS.values())} USING (true)"
    )
    for role in WRITERS:
        mine = f"(SELECT tafdesk_my_role()) = '{role}'"
        name = f"working_day_{SHORT[role]}"
        op.execute(f"CREATE POLICY {name}_insert ON working_day FOR INSERT TO {GROUPS[role]} WITH CHECK ({mine})")
        op.execute(f"CREATE POLICY {name}_delete ON working_day FOR DELETE TO {GROUPS[role]} USING ({mine})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP POLICY working_day_everyone_select ON working_day")
        for role in WRITERS:
            op.execute(f"DROP POLICY working_day_{SHORT[role]}_insert ON working_day")
            op.execute(f"DROP POLICY working_day_{SHORT[role]}_delete ON working_day")
        op.execute(f"REVOKE ALL ON working_day FROM {', '.join(GROUPS.values())}")
    op.drop_table("working_day")
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
