"""Letter templates: versions of each letter type's template that business support edit

Revision ID: 0002
Revises: 0001
Created: 2026-11-25 08:32:39.353796
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "letter_template",
        sa.Column(
            "letter_type",
            sa.Enum(
                "taf_plan",
                "minutes_full",
                "minutes_circulation",
                "letter_allocation",
                "letter_referrer",
                "letter_family",
                "letter_step_up",
                "letter_step_down",
                "letter_iag",
                "letter_review_invitation",
                name="document_type",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("template_version", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("note", sa.String(length=400), nullable=True),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("created_by_name", sa.String(length=160), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["app_user.id"], name=op.f("fk_letter_template_created_by_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_template")),
        sa.UniqueConstraint(
            "letter_type", "template_version", name=op.f("uq_letter_template_letter_type_template_version")
        ),
    )
    with op.batch_alter_table("letter_template", schema=None) as batch_op:
        batch_op.create_index(
            "ix_letter_template_current",
            ["letter_type"],
            unique=True,
            sqlite_where=sa.text("is_current"),
            postgresql_where=sa.text("is_current"),
        )


def downgrade() -> None:
    with op.batch_alter_table("letter_template", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_letter_template_current", sqlite_where=sa.text("is_current"), postgresql_where=sa.text("is_current")
        )

    op.drop_table("letter_template")
