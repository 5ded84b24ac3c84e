"""Actions followed up: done, not done, carried forward

action_follow_up: each marking of an action agreed at a meeting
(decision_action) or in a plan (taf_action): by its owner, the family's lead
professional or a locality manager, or at the next meeting as a matter
arising (meeting_id), with the note that says what was done or why not. The
action's own state stays where it was (decision_action.done, taf_action.status).

On PostgreSQL the new table gets the access rules of case content
(migration 0016): managers and business support in their localities, a lead
professional on their own cases; business support, who take the minutes,
may now mark a meeting's action done (decision_action's done and due_on).

Revision ID: 0021
Revises: 0020
Created: 2026-12-06 18:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

GROUPS = {
    "locality_manager": "tafdesk_locality_manager",
    "business_support": "tafdesk_business_support",
    "lead_professional": "tafdesk_lead_professional",
}
LOCAL = "locality_id = ANY ((SELECT tafdesk_my_localities())::uuid[])"
MY_CASE = "case_id = ANY ((SELECT tafdesk_my_case_ids())::uuid[])"
SEEN_DECISION = "decision_id IN (SELECT id FROM decision)"
# (name, table, command, group, condition): as migration 0016 writes them.
POLICIES = [
    ("action_follow_up_lm_all", "action_follow_up", "ALL", "locality_manager", LOCAL),
    ("action_follow_up_bs_select", "action_follow_up", "SELECT", "business_support", LOCAL),
    ("action_follow_up_bs_insert", "action_follow_up", "INSERT", "business_support", LOCAL),
    ("action_follow_up_lp_select", "action_follow_up", "SELECT", "lead_professional", MY_CASE),
    ("action_follow_up_lp_insert", "action_follow_up", "INSERT", "lead_professional", MY_CASE),
    ("decision_action_bs_update", "decision_action", "UPDATE", "business_support", SEEN_DECISION),
]
GRANTS = [
    ("SELECT, INSERT, UPDATE, DELETE", "action_follow_up", "locality_manager"),
    ("SELECT, INSERT", "action_follow_up", "business_support"),
    ("SELECT, INSERT", "action_follow_up", "lead_professional"),
    ("UPDATE (done, due_on, updated_at, version)", "decision_action", "business_support"),
]


def upgrade() -> None:
    op.create_table(
        "action_follow_up",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("locality_id", sa.Uuid(), nullable=False),
        sa.Column("decision_action_id", sa.Uuid(), nullable=True),
        sa.Column("taf_action_id", sa.Uuid(), nullable=True),
        sa.Column("meeting_id", sa.Uuid(), nullable=True),
        sa.Column(
            "state",
            sa.Enum(
                "done",
                "not_done",
                "carried_forward",
                name="follow_up_state",
                native_enum=False,
                create_constraint=True,
                length=15,
            ),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("carried_to", sa.Date(), nullable=True),
        sa.Column("marked_on", sa.Date(), nullable=False),
        sa.Column("marked_by", sa.String(length=200), nullable=False),
        sa.Column("marked_by_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(decision_action_id IS NULL) <> (taf_action_id IS NULL)", name=op.f("ck_action_follow_up_one_action")
        ),
        sa.CheckConstraint(
            "state <> 'carried_forward' OR carried_to IS NOT NULL", name=op.f("ck_action_follow_up_carried_has_date")
        ),
        sa.ForeignKeyConstraint(["case_id"], ["case_record.id"], name=op.f("fk_action_follow_up_case_id_case_record")),
        sa.ForeignKeyConstraint(
            ["decision_action_id"],
            ["decision_action.id"],
            name=op.f("fk_action_follow_up_decision_action_id_decision_action"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["locality_id"], ["locality.id"], name=op.f("fk_action_follow_up_locality_id_locality")
        ),
        sa.ForeignKeyConstraint(
            ["marked_by_id"], ["app_user.id"], name=op.f("fk_action_follow_up_marked_by_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_action_follow_up_meeting_id_meeting"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["taf_action_id"],
            ["taf_action.id"],
            name=op.f("fk_action_follow_up_taf_action_id_taf_action"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_follow_up")),
    )
    with op.batch_alter_table("action_follow_up", schema=None) as batch_op:
        for column in ("case_id", "locality_id", "decision_action_id", "taf_action_id", "meeting_id"):
            batch_op.create_index(batch_op.f(f"ix_action_follow_up_{column}"), [column], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        _access_rules()


def _access_rules() -> None:
    for privileges, table, role in GRANTS:
        op.execute(f"GRANT {privileges} ON {table} TO {GROUPS[role]}")
    op.execute("ALTER TABLE action_follow_up ENABLE ROW LEVEL SECURITY")
    for name, table, command, role, condition in POLICIES:
        # The role in this database, not only the group (as migration 0016);
        # a lead professional's own cases hold only through their own entry.
        if role != "lead_professional":
            condition = f"(SELECT tafdesk_my_role()) = '{role}' AND ({condition})"
        using = "" if command == "INSERT" else f" USING ({condition})"
        check = f" WITH CHECK ({condition})" if command in ("INSERT", "UPDATE") else ""
        op.execute(f"CREATE POLICY {name} ON {table} FOR {command} TO {GROUPS[role]}{using}{check}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, table, *_ in POLICIES:
            op.execute(f"DROP POLICY {name} ON {table}")
        op.execute(
            f"REVOKE UPDATE (done, due_on, updated_at, version) ON decision_action FROM {GROUPS['business_support']}"
        )
        op.execute(f"REVOKE ALL ON action_follow_up FROM {', '.join(GROUPS.values())}")
    with op.batch_alter_table("action_follow_up", schema=None) as batch_op:
        for column in ("meeting_id", "taf_action_id", "decision_action_id", "locality_id", "case_id"):
            batch_op.drop_index(batch_op.f(f"ix_action_follow_up_{column}"))
    op.drop_table("action_follow_up")
