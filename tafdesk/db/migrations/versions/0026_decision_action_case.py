"""A meeting's actions carry their case: the family's team reads and marks them

decision_action gains case_id (its decision's case) and agreed_on (the day of
the meeting that agreed it), filled here for the actions already agreed. The
foreign key to the decision now runs on (decision_id, case_id), against a new
unique key on decision (id, case_id): the copy cannot differ from the
decision's own case, whoever writes the row.

Why a copied column rather than a SECURITY DEFINER function: on PostgreSQL a
lead professional may not read decisions, agenda items or meetings (their
rationales, case histories and minutes are the group's, and a meeting is
about other families too), so a policy through `decision` hid every meeting
action from the very people who own and follow them up. With the case on the
row, the family's team (the lead and supporters, as for a plan's actions) get
a policy of their own on it, the same one as their notes and follow-ups, and
read the actions, with their due dates and the day agreed, without a column of
the decision or the meeting. The services read the action the same way on
both databases; a function would have needed a PostgreSQL path of its own.

On PostgreSQL: a lead professional reads their cases' meeting actions and
marks them done or not (done, updated_at and version only; carrying one
forward stays with the meeting). Managers and business support keep their
rules (migrations 0016, 0021).

Revision ID: 0026
Revises: 0025
Created: 2026-12-07 12:00:00
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

# The day a meeting falls on is England's, as the app's clock says (fixed here,
# as it stood, so this migration never changes with the app).
ENGLAND = ZoneInfo("Europe/London")
LP = "tafdesk_lead_professional"
MY_CASE = "case_id = ANY ((SELECT tafdesk_my_case_ids())::uuid[])"
MARKED = "done, updated_at, version"
# (name, command): a lead professional's own cases only, as 0021 writes them
# (their own directory entry is the check: no separate role test).
POLICIES = (("decision_action_lp_select", "SELECT"), ("decision_action_lp_update", "UPDATE"))
FK = "fk_decision_action_decision_id_decision"


def upgrade() -> None:
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f("uq_decision_id_case_id"), ["id", "case_id"])
    with op.batch_alter_table("decision_action", schema=None) as batch_op:
        batch_op.add_column(sa.Column("case_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("agreed_on", sa.Date(), nullable=True))
    _backfill()
    with op.batch_alter_table("decision_action", schema=None) as batch_op:
        batch_op.alter_column("case_id", existing_type=sa.Uuid(), nullable=False)
        batch_op.alter_column("agreed_on", existing_type=sa.Date(), nullable=False)
        batch_op.drop_constraint(batch_op.f(FK), type_="foreignkey")
        batch_op.create_foreign_key(
            batch_op.f(FK), "decision", ["decision_id", "case_id"], ["id", "case_id"], ondelete="CASCADE"
        )
        batch_op.create_index(batch_op.f("ix_decision_action_case_id"), ["case_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"GRANT SELECT, UPDATE ({MARKED}) ON decision_action TO {LP}")
        for name, command in POLICIES:
            check = f" WITH CHECK ({MY_CASE})" if command == "UPDATE" else ""
            op.execute(f"CREATE POLICY {name} ON decision_action FOR {command} TO {LP} USING ({MY_CASE}){check}")


def _backfill() -> None:
    """Each action's case from its decision; its day from its meeting, a
    meeting at a time (set-based, the same on both databases)."""
    op.execute(
        "UPDATE decision_action SET case_id = "
        "(SELECT d.case_id FROM decision d WHERE d.id = decision_action.decision_id)"
    )
    bind = op.get_bind()
    meeting = sa.table("meeting", sa.column("id", sa.Uuid()), sa.column("starts_at", sa.DateTime(timezone=True)))
    item = sa.table("agenda_item", sa.column("id", sa.Uuid()), sa.column("meeting_id", sa.Uuid()))
    decision = sa.table("decision", sa.column("id", sa.Uuid()), sa.column("agenda_item_id", sa.Uuid()))
    action = sa.table("decision_action", sa.column("decision_id", sa.Uuid()), sa.column("agreed_on", sa.Date()))
    with_actions = (
        sa.select(item.c.meeting_id)
        .join(decision, decision.c.agenda_item_id == item.c.id)
        .where(decision.c.id.in_(sa.select(action.c.decision_id)))
    )
    for meeting_id, starts_at in bind.execute(
        sa.select(meeting.c.id, meeting.c.starts_at).where(meeting.c.id.in_(with_actions))
    ).all():
        decisions = (
            sa.select(decision.c.id)
            .join(item, item.c.id == decision.c.agenda_item_id)
            .where(item.c.meeting_id == meeting_id)
        )
        bind.execute(action.update().where(action.c.decision_id.in_(decisions)).values(agreed_on=_day(starts_at)))


def _day(starts_at: dt.datetime) -> dt.date:
    """SQLite keeps the UTC wall time without its zone; PostgreSQL gives it back aware."""
    aware = starts_at if starts_at.tzinfo else starts_at.replace(tzinfo=dt.UTC)
    return aware.astimezone(ENGLAND).date()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, _ in POLICIES:
            op.execute(f"DROP POLICY {name} ON decision_action")
        op.execute(f"REVOKE SELECT, UPDATE ({MARKED}) ON decision_action FROM {LP}")
    with op.batch_alter_table("decision_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decision_action_case_id"))
        batch_op.drop_constraint(batch_op.f(FK), type_="foreignkey")
        batch_op.create_foreign_key(batch_op.f(FK), "decision", ["decision_id"], ["id"], ondelete="CASCADE")
        batch_op.drop_column("agreed_on")
        batch_op.drop_column("case_id")
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_decision_id_case_id"), type_="unique")
