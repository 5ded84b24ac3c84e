"""Who last saved each plan version

taf_plan.saved_by: the name of the person who last saved the version (a
draft's saves are not audited, each one being an autosave). An offline
copy's sync names them as the server's side of a conflict on the draft.
Empty for versions saved before this revision. The column is on a table
row-level security already guards, so no policy changes.

Revision ID: 0038
Revises: 0037
Created: 2026-12-07 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0038"
down_revision = "0037"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("taf_plan", sa.Column("saved_by", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("taf_plan") as batch:
        batch.drop_column("saved_by")
