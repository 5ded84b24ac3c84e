"""Letter templates per locality, and the template each register entry used

letter_template.locality_id: a version for one locality (NULL: council-wide).
Versions are numbered, and one is current, per letter type and locality: a
unique rule treats NULLs as all different (SQLite; PostgreSQL before 15), so
council-wide rows and locality rows each have their own partial indexes.
generated_document records the template a letter was made from (its row,
and its version: 0 for the shipped default); existing entries say nothing.

Downgrading deletes the locality versions (0013 cannot hold them).

Revision ID: 0014
Revises: 0013
Created: 2026-12-06 08:38:45.900381
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

COUNCIL = "locality_id IS NULL"
LOCALITY = "locality_id IS NOT NULL"


def _where(condition: str) -> dict:
    return {"sqlite_where": sa.text(condition), "postgresql_where": sa.text(condition)}


def upgrade() -> None:
    with op.batch_alter_table("letter_template", schema=None) as batch_op:
        batch_op.add_column(sa.Column("locality_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_letter_template_locality_id_locality"), "locality", ["locality_id"], ["id"]
        )
        batch_op.drop_constraint(batch_op.f("uq_letter_template_letter_type_template_version"), type_="unique")
        batch_op.drop_index("ix_letter_template_current", **_where("is_current"))
    with op.batch_alter_table("letter_template", schema=None) as batch_op:
        batch_op.create_index(
            "uq_letter_template_council_version", ["letter_type", "template_version"], unique=True, **_where(COUNCIL)
        )
        batch_op.create_index(
            "uq_letter_template_locality_version",
            ["letter_type", "locality_id", "template_version"],
            unique=True,
            **_where(LOCALITY),
        )
        batch_op.create_index(
            "ix_letter_template_current", ["letter_type"], unique=True, **_where(f"is_current AND {COUNCIL}")
        )
        batch_op.create_index(
            "ix_letter_template_current_locality",
            ["letter_type", "locality_id"],
            unique=True,
            **_where(f"is_current AND {LOCALITY}"),
        )

    with op.batch_alter_table("generated_document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("template_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("template_version", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_generated_document_template_id_letter_template"), "letter_template", ["template_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("generated_document", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_generated_document_template_id_letter_template"), type_="foreignkey")
        batch_op.drop_column("template_version")
        batch_op.drop_column("template_id")

    op.execute(f"DELETE FROM letter_template WHERE {LOCALITY}")
    with op.batch_alter_table("letter_template", schema=None) as batch_op:
        batch_op.drop_index("ix_letter_template_current_locality", **_where(f"is_current AND {LOCALITY}"))
        batch_op.drop_index("ix_letter_template_current", **_where(f"is_current AND {COUNCIL}"))
        batch_op.drop_index("uq_letter_template_locality_version", **_where(LOCALITY))
        batch_op.drop_index("uq_letter_template_council_version", **_where(COUNCIL))
    with op.batch_alter_table("letter_template", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_letter_template_locality_id_locality"), type_="foreignkey")
        batch_op.drop_column("locality_id")
        batch_op.create_unique_constraint(
            batch_op.f("uq_letter_template_letter_type_template_version"), ["letter_type", "template_version"]
        )
        batch_op.create_index("ix_letter_template_current", ["letter_type"], unique=True, **_where("is_current"))
