"""Each person's own short reference (Annex A's Child Unique ID)

person.reference: ten characters of Crockford's base 32 drawn at random, the
same in every year's Annex A list, never made from the person's own details.
The people already held get theirs here (drawn again where two would clash),
then the column becomes required and unique. New people get one as they are
written (tafdesk/models/person_reference.py).

No new table, so no new access rules: person keeps its own (migration 0016).

Revision ID: 0029
Revises: 0028
Created: 2026-12-08 10:00:00
"""

from __future__ import annotations

import base64
import os

import sqlalchemy as sa
from alembic import op

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None

# As tafdesk/models/person_reference.py drew them when this was written.
LENGTH = 10
_FROM_BASE32 = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", b"0123456789ABCDEFGHJKMNPQRSTVWXYZ")
CHUNK = 5000


def _references(count: int) -> list[str]:
    """count references, no two alike."""
    made: set[str] = set()
    while len(made) < count:
        wanted = count - len(made)
        blocks = -(-wanted * LENGTH // 8)  # base 32 makes 8 characters of each 5 bytes: whole blocks, no padding
        text = base64.b32encode(os.urandom(blocks * 5)).translate(_FROM_BASE32).decode()
        made.update(text[n : n + LENGTH] for n in range(0, wanted * LENGTH, LENGTH))
    return list(made)


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reference", sa.String(length=10), nullable=True))
    bind = op.get_bind()
    # The ids as stored, untouched, so that they match whatever form an older
    # tafdesk wrote them in (on SQLite, with or without hyphens).
    ids = list(bind.execute(sa.text("SELECT id FROM person")).scalars())
    if ids:
        # Through a table of pairs and one UPDATE: a county's 400,000 people in seconds, not one statement each.
        pairs = sa.table("person_reference_new", sa.column("id"), sa.column("reference"))
        op.create_table(
            "person_reference_new",
            sa.Column("id", sa.Uuid(), primary_key=True),
            sa.Column("reference", sa.String(10), nullable=False),
        )
        rows = [{"id": i, "reference": r} for i, r in zip(ids, _references(len(ids)), strict=True)]
        for start in range(0, len(rows), CHUNK):
            bind.execute(pairs.insert(), rows[start : start + CHUNK])
        op.execute(
            "UPDATE person SET reference = (SELECT n.reference FROM person_reference_new n WHERE n.id = person.id)"
        )
        op.drop_table("person_reference_new")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.alter_column("reference", existing_type=sa.String(length=10), nullable=False)
        batch_op.create_index(batch_op.f("ix_person_reference"), ["reference"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_reference"))
        batch_op.drop_column("reference")
