"""Finding a family by a given name

person (given_key, family_key, family_id): the global family search
(services/family_search.py) finds "Sharon" with a typo as it finds "White":
the distinct given names near the one typed are read from this index, as the
family names are from ix_person_name_keys. No new table, so no new access
rules: person keeps its own (migration 0016).

Revision ID: 0025
Revises: 0024
Created: 2026-12-07 10:00:00
"""

from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_person_given_keys", "person", ["given_key", "family_key", "family_id"])


def downgrade() -> None:
    op.drop_index("ix_person_given_keys", table_name="person")
