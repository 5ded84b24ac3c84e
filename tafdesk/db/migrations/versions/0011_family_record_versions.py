"""Versions of a family's current record

family_record_version keeps each version of a family's address, phone and
household (who lived there) once the record changes: by the family's newest
360° profile, or by a correction. Existing families have none until their
record first changes.

Revision ID: 0011
Revises: 0010
Created: 2026-12-06 06:29:56.870076
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "family_record_version",
        sa.Column("family_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "earlier", "profile", "correction", name="record_source", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("profile_id", sa.Uuid(), nullable=True),
        sa.Column("as_of", sa.DateTime(timezone=True), nullable=True),
        sa.Column("recorded_by_id", sa.Uuid(), nullable=True),
        sa.Column("recorded_by_name", sa.String(length=160), nullable=False),
        sa.Column("address_line1", sa.String(length=20000), nullable=False),
        sa.Column("address_line2", sa.Text(), nullable=True),
        sa.Column("town", sa.Text(), nullable=True),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("phone", sa.Text(), nullable=True),
        sa.Column("household", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["family_id"], ["family.id"], name=op.f("fk_family_record_version_family_id_family"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile360.id"],
            name=op.f("fk_family_record_version_profile_id_profile360"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["app_user.id"], name=op.f("fk_family_record_version_recorded_by_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_record_version")),
        sa.UniqueConstraint("family_id", "number", name=op.f("uq_family_record_version_family_id_number")),
    )


def downgrade() -> None:
    op.drop_table("family_record_version")
