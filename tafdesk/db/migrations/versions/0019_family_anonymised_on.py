"""A family anonymised by the retention schedule

family.anonymised_on: the day `tafdesk retention apply` took the family's
people, names, address and free text away, keeping its references, dates,
statuses and outcomes for the council's figures. No new table, so no new
access rules: the column is covered by family's own (migration 0016).

Revision ID: 0019
Revises: 0018
Created: 2026-12-06 13:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.add_column(sa.Column("anonymised_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.drop_column("anonymised_on")
