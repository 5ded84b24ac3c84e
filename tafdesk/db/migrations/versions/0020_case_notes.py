"""Case notes, and the day a lead professional was allocated

case_note keeps the contacts a Team Around the Family records between
meetings, each correction a new row naming the one it corrects (never an
edit in place); case_note_child whether each child was seen, and seen alone.
case_record.allocated_on is the day a lead professional was allocated, from
which the allocation letter's promises run (contact within 5 working days, a
plan within 20); existing cases take it from their newest allocating decision.

On PostgreSQL: the case's locality managers read its notes, its lead
professional and supporters read and add them; nobody updates or deletes
one (business support and administrators do not read them).

Revision ID: 0020
Revises: 0019
Created: 2026-12-06 18:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

NOTE_TYPES = (
    "home_visit",
    "school_visit",
    "office",
    "phone",
    "video",
    "message",
    "taf_meeting",
    "other_agency",
)
MY_CASE = "case_id = ANY ((SELECT tafdesk_my_case_ids())::uuid[])"
LOCAL_CASE = "case_id IN (SELECT id FROM case_record)"
# (name, table, command, group, condition)
POLICIES = (
    ("case_note_lm_select", "case_note", "SELECT", "locality_manager", LOCAL_CASE),
    ("case_note_lp_select", "case_note", "SELECT", "lead_professional", MY_CASE),
    ("case_note_lp_insert", "case_note", "INSERT", "lead_professional", MY_CASE),
    (
        "case_note_child_lm_select",
        "case_note_child",
        "SELECT",
        "locality_manager",
        "note_id IN (SELECT id FROM case_note)",
    ),
    (
        "case_note_child_lp_select",
        "case_note_child",
        "SELECT",
        "lead_professional",
        "note_id IN (SELECT id FROM case_note)",
    ),
    (
        "case_note_child_lp_insert",
        "case_note_child",
        "INSERT",
        "lead_professional",
        "note_id IN (SELECT id FROM case_note)",
    ),
)


def _columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    with op.batch_alter_table("case_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("allocated_on", sa.Date(), nullable=True))
    op.create_table(
        "case_note",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("corrects_id", sa.Uuid(), nullable=True),
        sa.Column("contact_on", sa.Date(), nullable=False),
        sa.Column(
            "note_type",
            sa.Enum(*NOTE_TYPES, name="note_type", native_enum=False, create_constraint=True, length=12),
            nullable=False,
        ),
        sa.Column("who_seen", sa.Text(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("follow_ups", sa.Text(), nullable=True),
        sa.Column("restricted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("first_contact_family", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("first_contact_referrer", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("written_by_id", sa.Uuid(), nullable=True),
        sa.Column("written_by_name", sa.String(length=160), nullable=False),
        sa.Column("correction_reason", sa.Text(), nullable=True),
        *_columns(),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_record.id"], name=op.f("fk_case_note_case_id_case_record"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["corrects_id"], ["case_note.id"], name=op.f("fk_case_note_corrects_id_case_note")),
        sa.ForeignKeyConstraint(["written_by_id"], ["app_user.id"], name=op.f("fk_case_note_written_by_id_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_note")),
        sa.UniqueConstraint("corrects_id", name=op.f("uq_case_note_corrects_id")),
    )
    op.create_index(op.f("ix_case_note_case_id"), "case_note", ["case_id"], unique=False)
    op.create_table(
        "case_note_child",
        sa.Column("note_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("seen", sa.Boolean(), nullable=False),
        sa.Column("seen_alone", sa.Boolean(), nullable=False),
        *_columns(),
        sa.CheckConstraint("seen OR NOT seen_alone", name=op.f("ck_case_note_child_alone_means_seen")),
        sa.ForeignKeyConstraint(
            ["note_id"], ["case_note.id"], name=op.f("fk_case_note_child_note_id_case_note"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_case_note_child_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_note_child")),
        sa.UniqueConstraint("note_id", "person_id", name=op.f("uq_case_note_child_note_id_person_id")),
    )
    op.create_index(op.f("ix_case_note_child_note_id"), "case_note_child", ["note_id"], unique=False)
    _backfill_allocated_on()
    if op.get_bind().dialect.name == "postgresql":
        _access_rules()


def _backfill_allocated_on() -> None:
    day = (
        "(d.decided_at AT TIME ZONE 'Europe/London')::date"
        if op.get_bind().dialect.name == "postgresql"
        else "date(d.decided_at)"
    )
    op.execute(
        f"UPDATE case_record SET allocated_on = (SELECT max({day}) FROM decision d "
        "WHERE d.case_id = case_record.id AND d.lead_professional_id IS NOT NULL) "
        "WHERE lead_professional_id IS NOT NULL"
    )


def _access_rules() -> None:
    op.execute("GRANT SELECT ON case_note, case_note_child TO tafdesk_locality_manager")
    op.execute("GRANT SELECT, INSERT ON case_note, case_note_child TO tafdesk_lead_professional")
    for table in ("case_note", "case_note_child"):
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    for name, table, command, role, condition in POLICIES:
        # The role in this database, as in 0016: a login in another database's group gets nothing here.
        condition = f"(SELECT tafdesk_my_role()) = '{role}' AND ({condition})"
        using = "" if command == "INSERT" else f" USING ({condition})"
        check = f" WITH CHECK ({condition})" if command == "INSERT" else ""
        op.execute(f"CREATE POLICY {name} ON {table} FOR {command} TO tafdesk_{role}{using}{check}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, table, *_ in POLICIES:
            op.execute(f"DROP POLICY {name} ON {table}")
    op.drop_index(op.f("ix_case_note_child_note_id"), table_name="case_note_child")
    op.drop_table("case_note_child")
    op.drop_index(op.f("ix_case_note_case_id"), table_name="case_note")
    op.drop_table("case_note")
    with op.batch_alter_table("case_record", schema=None) as batch_op:
        batch_op.drop_column("allocated_on")
