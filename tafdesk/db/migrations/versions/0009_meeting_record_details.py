"""The meeting's record: who took the minutes and the declarations of interest

Both are written into the full minutes. Existing meetings have neither.

Revision ID: 0009
Revises: 0008
Created: 2026-12-06 06:36:52.187104
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("minute_taker", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("declarations", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("declarations")
        batch_op.drop_column("minute_taker")
