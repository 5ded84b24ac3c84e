"""Wording marked restricted

restricted_wording keeps, per family, wording a user marked restricted (in a
meeting's rationale or actions, or in a TAF plan): documents beyond the full
minutes withhold it as they withhold restricted 360° items.

Revision ID: 0015
Revises: 0014
Created: 2026-12-06 08:40:00.376484
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "restricted_wording",
        sa.Column("family_id", sa.Uuid(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("marked_by_id", sa.Uuid(), nullable=True),
        sa.Column("marked_by_name", sa.String(length=160), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["family_id"], ["family.id"], name=op.f("fk_restricted_wording_family_id_family"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["marked_by_id"], ["app_user.id"], name=op.f("fk_restricted_wording_marked_by_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_restricted_wording")),
    )
    op.create_index(op.f("ix_restricted_wording_family_id"), "restricted_wording", ["family_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_restricted_wording_family_id"), table_name="restricted_wording")
    op.drop_table("restricted_wording")
