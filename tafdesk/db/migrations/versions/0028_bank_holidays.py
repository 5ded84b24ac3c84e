"""England's bank holidays, for working days counted in SQL

bank_holiday: one row for each bank holiday in England that falls on a
weekday. The reports (services/reports/) count working days between two
dates in the database itself, on SQLite and PostgreSQL alike: the weekdays
between them by arithmetic, less the rows of this table between them. The
table is filled by the reports' service, from the `holidays` package, for
the years a report needs; this migration only makes it (it imports no app
code, so it never changes with the app).

On PostgreSQL: everyone reads it (it holds no personal data); locality
managers and business support, who run the reports, add and remove days as
the package's list changes. Row-level security is on, as on every table,
with policies that say just that.

Revision ID: 0028
Revises: 0026
Created: 2026-12-08 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0028"
down_revision = "0026"
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


def upgrade() -> None:
    op.create_table(
        "bank_holiday",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_holiday")),
        sa.UniqueConstraint("day", name=op.f("uq_bank_holiday_day")),
    )
    if op.get_bind().dialect.name == "postgresql":
        _access_rules()


def _access_rules() -> None:
    op.execute(f"GRANT SELECT ON bank_holiday TO {', '.join(GROUPS.values())}")
    op.execute(f"GRANT INSERT, DELETE ON bank_holiday TO {', '.join(GROUPS[r] for r in WRITERS)}")
    op.execute("ALTER TABLE bank_holiday ENABLE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY bank_holiday_everyone_select ON bank_holiday FOR SELECT TO {', '.join(GROUPS.values())} USING (true)"
    )
    for role in WRITERS:
        # The role in this database, not only the group (as migration 0016).
        mine = f"(SELECT tafdesk_my_role()) = '{role}'"
        name = f"bank_holiday_{SHORT[role]}"
        op.execute(f"CREATE POLICY {name}_insert ON bank_holiday FOR INSERT TO {GROUPS[role]} WITH CHECK ({mine})")
        op.execute(f"CREATE POLICY {name}_delete ON bank_holiday FOR DELETE TO {GROUPS[role]} USING ({mine})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP POLICY bank_holiday_everyone_select ON bank_holiday")
        for role in WRITERS:
            op.execute(f"DROP POLICY bank_holiday_{SHORT[role]}_insert ON bank_holiday")
            op.execute(f"DROP POLICY bank_holiday_{SHORT[role]}_delete ON bank_holiday")
        op.execute(f"REVOKE ALL ON bank_holiday FROM {', '.join(GROUPS.values())}")
    op.drop_table("bank_holiday")
