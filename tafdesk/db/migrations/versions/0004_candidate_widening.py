"""Candidate widening: agencies not at the table that the chair chose to consider, and the
note a decision carries when its lead or team came from one

Revision ID: 0004
Revises: 0003
Created: 2026-12-06 02:58:56.761496
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "candidate_widening",
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agency.id"], name=op.f("fk_candidate_widening_agency_id_agency")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_candidate_widening_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidate_widening")),
        sa.UniqueConstraint("meeting_id", "agency_id", name=op.f("uq_candidate_widening_meeting_id_agency_id")),
    )
    with op.batch_alter_table("candidate_widening", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_candidate_widening_meeting_id"), ["meeting_id"], unique=False)

    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.add_column(sa.Column("widening_note", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.drop_column("widening_note")

    with op.batch_alter_table("candidate_widening", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_candidate_widening_meeting_id"))

    op.drop_table("candidate_widening")
