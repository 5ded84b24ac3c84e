"""One meeting per locality at a time: a unique rule on (locality, start)

Duplicates made before the rule (two people planning the weeks at once) are
resolved first: an empty duplicate is removed; one with agenda items,
attendance or documents is kept, moved a minute later, so that nothing recorded is lost.

Revision ID: 0003
Revises: 0002
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    _resolve_duplicates(op.get_bind())
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f("uq_meeting_locality_id_starts_at"), ["locality_id", "starts_at"])


def downgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_meeting_locality_id_starts_at"), type_="unique")


def _resolve_duplicates(conn: sa.Connection) -> None:
    groups = conn.execute(
        sa.text("SELECT locality_id, starts_at FROM meeting GROUP BY locality_id, starts_at HAVING COUNT(*) > 1")
    ).all()
    for locality_id, starts_at in groups:
        rows = conn.execute(
            sa.text(
                "SELECT m.id, (SELECT COUNT(*) FROM agenda_item a WHERE a.meeting_id = m.id)"
                " + (SELECT COUNT(*) FROM attendance t WHERE t.meeting_id = m.id)"
                " + (SELECT COUNT(*) FROM generated_document g WHERE g.meeting_id = m.id) AS used"
                " FROM meeting m WHERE m.locality_id = :loc AND m.starts_at = :at ORDER BY used DESC, m.created_at"
            ),
            {"loc": locality_id, "at": starts_at},
        ).all()
        later = 0
        for meeting_id, used in rows[1:]:
            if used == 0:
                conn.execute(sa.text("DELETE FROM meeting WHERE id = :id"), {"id": meeting_id})
                continue
            later += 1
            move = sa.text("UPDATE meeting SET starts_at = :at WHERE id = :id").bindparams(
                sa.bindparam("at", type_=sa.DateTime(timezone=True))
            )
            conn.execute(move, {"at": _as_datetime(starts_at) + dt.timedelta(minutes=later), "id": meeting_id})


def _as_datetime(value) -> dt.datetime:
    """SQLite hands the stored text back; PostgreSQL a datetime."""
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
