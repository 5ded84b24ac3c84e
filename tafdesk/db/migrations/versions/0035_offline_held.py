"""Offline changes held for a locality manager

offline_held: what a lead professional or supporter changed in an offline
copy to a case they may no longer work on (their access was withdrawn
before they synced). Their sync leaves it here rather than applying it;
the case's locality manager applies or discards it, saying why.

On PostgreSQL: the managers of the case's locality read and decide it; the
person who held it adds it, and reads back their own (the case is no longer
theirs, so the case-content rules would not let them).

Revision ID: 0035
Revises: 0034
Created: 2026-12-11 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0035"
down_revision = "0034"
branch_labels = None
depends_on = None

MANAGERS, LEADS = "tafdesk_locality_manager", "tafdesk_lead_professional"
LOCAL = (
    "(SELECT tafdesk_my_role()) = 'locality_manager' AND locality_id = ANY ((SELECT tafdesk_my_localities())::uuid[])"
)
MINE = "held_by_professional_id = (SELECT tafdesk_my_professional())"
POLICIES = [
    ("offline_held_lm_all", "ALL", MANAGERS, LOCAL),
    ("offline_held_lp_select", "SELECT", LEADS, MINE),
    ("offline_held_lp_insert", "INSERT", LEADS, MINE),
    ("offline_held_lp_update", "UPDATE", LEADS, f"{MINE} AND state = 'waiting'"),
]


def upgrade() -> None:
    op.create_table(
        "offline_held",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("locality_id", sa.Uuid(), nullable=False),
        sa.Column("copy_id", sa.String(length=32), nullable=False),
        sa.Column("held_by", sa.String(length=160), nullable=False),
        sa.Column("held_by_id", sa.Uuid(), nullable=True),
        sa.Column("held_by_professional_id", sa.Uuid(), nullable=True),
        sa.Column("held_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "waiting",
                "applied",
                "discarded",
                name="held_state",
                native_enum=False,
                create_constraint=True,
                length=9,
            ),
            nullable=False,
        ),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=160), nullable=True),
        sa.Column("decided_by_id", sa.Uuid(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_record.id"], name=op.f("fk_offline_held_case_id_case_record"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["locality_id"], ["locality.id"], name=op.f("fk_offline_held_locality_id_locality")),
        sa.ForeignKeyConstraint(["held_by_id"], ["app_user.id"], name=op.f("fk_offline_held_held_by_id_app_user")),
        sa.ForeignKeyConstraint(
            ["held_by_professional_id"],
            ["professional.id"],
            name=op.f("fk_offline_held_held_by_professional_id_professional"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["app_user.id"], name=op.f("fk_offline_held_decided_by_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offline_held")),
        sa.UniqueConstraint("case_id", "copy_id", name=op.f("uq_offline_held_case_id_copy_id")),
    )
    op.create_index(op.f("ix_offline_held_case_id"), "offline_held", ["case_id"], unique=False)
    op.create_index(op.f("ix_offline_held_locality_id"), "offline_held", ["locality_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON offline_held TO {MANAGERS}")
        op.execute(f"GRANT SELECT, INSERT, UPDATE ON offline_held TO {LEADS}")
        op.execute("ALTER TABLE offline_held ENABLE ROW LEVEL SECURITY")
        for name, command, group, condition in POLICIES:
            using = "" if command == "INSERT" else f" USING ({condition})"
            check = f" WITH CHECK ({condition})" if command in ("INSERT", "UPDATE") else ""
            op.execute(f"CREATE POLICY {name} ON offline_held FOR {command} TO {group}{using}{check}")


def downgrade() -> None:
    op.drop_index(op.f("ix_offline_held_locality_id"), table_name="offline_held")
    op.drop_index(op.f("ix_offline_held_case_id"), table_name="offline_held")
    op.drop_table("offline_held")
