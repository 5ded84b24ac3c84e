"""Restricted items shared with one member of the team

restricted_share: the chair let one professional in the Team Around the
Family read one restricted 360° item (audited); nobody else beyond the
locality's managers and business support may.

Revision ID: 0013
Revises: 0012
Created: 2026-12-06 08:42:31.914958
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "restricted_share",
        sa.Column("involvement_id", sa.Uuid(), nullable=False),
        sa.Column("professional_id", sa.Uuid(), nullable=False),
        sa.Column("shared_by_id", sa.Uuid(), nullable=True),
        sa.Column("shared_by_name", sa.String(length=160), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["involvement_id"],
            ["profile_involvement.id"],
            name=op.f("fk_restricted_share_involvement_id_profile_involvement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["professional_id"], ["professional.id"], name=op.f("fk_restricted_share_professional_id_professional")
        ),
        sa.ForeignKeyConstraint(
            ["shared_by_id"], ["app_user.id"], name=op.f("fk_restricted_share_shared_by_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_restricted_share")),
        sa.UniqueConstraint(
            "involvement_id", "professional_id", name=op.f("uq_restricted_share_involvement_id_professional_id")
        ),
    )
    with op.batch_alter_table("restricted_share", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_restricted_share_involvement_id"), ["involvement_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_restricted_share_professional_id"), ["professional_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("restricted_share", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_restricted_share_professional_id"))
        batch_op.drop_index(batch_op.f("ix_restricted_share_involvement_id"))

    op.drop_table("restricted_share")
