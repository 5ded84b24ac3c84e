"""Linking a profile to a known family by hand

match_suggestion.note keeps why a person linked a profile to a family by
hand (the link itself is a confirmed suggestion). ix_person_name_keys lets
business support find a family by a member's name through the folded name
keys, without reading every person.

Revision ID: 0010
Revises: 0009
Created: 2026-12-06 06:35:40.447529
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("match_suggestion", schema=None) as batch_op:
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=True))
    op.create_index("ix_person_name_keys", "person", ["family_key", "given_key", "family_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_person_name_keys", table_name="person")
    with op.batch_alter_table("match_suggestion", schema=None) as batch_op:
        batch_op.drop_column("note")
