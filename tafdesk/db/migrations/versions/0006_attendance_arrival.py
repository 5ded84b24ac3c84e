"""Attendance: the time a late comer arrived

Revision ID: 0006
Revises: 0005
Created: 2026-12-06 03:24:19.907484
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.add_column(sa.Column("arrived_at", sa.Time(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_column("arrived_at")
