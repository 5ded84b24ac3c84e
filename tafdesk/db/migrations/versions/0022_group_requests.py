"""Requests to the group, step-up referrals, transition plans, changes of lead

group_request: a lead professional's blockage, step-up or step-down request
on their case, the group's decision on it (approve, decline, defer) and, for
an approved step-up, the referral to children's social care and its outcome.
agenda_item gains request_id and the kind 'request': a request is an agenda
item of its own. transition_plan: a case stepped down from social care, with
its receiving lead, the social worker and their joint visit. lead_change: a
new lead professional or locality proposed by a locality manager, accepted
or declined by the receiving professional or their manager.

On PostgreSQL the new tables get the access rules of case content
(migration 0016); a lead professional raises requests on their own cases and
records a referral's outcome (those columns only); a proposed change of lead
lets the receiving professional, and the managers of the receiving locality,
see the case and take it on (its lead, locality and allocation date only).

Revision ID: 0022
Revises: 0021
Created: 2026-12-07 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

GROUPS = {
    "locality_manager": "tafdesk_locality_manager",
    "business_support": "tafdesk_business_support",
    "lead_professional": "tafdesk_lead_professional",
}
LOCAL = "locality_id = ANY ((SELECT tafdesk_my_localities())::uuid[])"
TO_LOCAL = "to_locality_id = ANY ((SELECT tafdesk_my_localities())::uuid[])"
MY_CASE = "case_id = ANY ((SELECT tafdesk_my_case_ids())::uuid[])"
TO_ME = "to_lead_id = (SELECT tafdesk_my_professional())"
PROPOSED_TO_ME = f"id IN (SELECT case_id FROM lead_change WHERE state = 'proposed' AND {TO_ME})"
PROPOSED_TO_MY_LOCALITY = f"id IN (SELECT case_id FROM lead_change WHERE state = 'proposed' AND {TO_LOCAL})"
REFERRAL_COLUMNS = "referral_outcome, referral_outcome_on, referral_note, referral_recorded_by, updated_at, version"
ANSWER_COLUMNS = "state, answered_on, answered_by, answered_by_id, answer_note, updated_at, version"
TAKE_ON = "lead_professional_id, locality_id, allocated_on, updated_at, version"
# (name, table, command, group, condition): as migration 0016 writes them.
POLICIES = [
    ("group_request_lm_all", "group_request", "ALL", "locality_manager", LOCAL),
    ("group_request_bs_select", "group_request", "SELECT", "business_support", LOCAL),
    ("group_request_lp_select", "group_request", "SELECT", "lead_professional", MY_CASE),
    ("group_request_lp_insert", "group_request", "INSERT", "lead_professional", MY_CASE),
    ("group_request_lp_update", "group_request", "UPDATE", "lead_professional", MY_CASE),
    ("transition_plan_lm_all", "transition_plan", "ALL", "locality_manager", LOCAL),
    ("transition_plan_bs_select", "transition_plan", "SELECT", "business_support", LOCAL),
    ("transition_plan_bs_insert", "transition_plan", "INSERT", "business_support", LOCAL),
    ("transition_plan_bs_update", "transition_plan", "UPDATE", "business_support", LOCAL),
    ("transition_plan_lp_select", "transition_plan", "SELECT", "lead_professional", MY_CASE),
    ("lead_change_lm_all", "lead_change", "ALL", "locality_manager", f"{LOCAL} OR {TO_LOCAL}"),
    ("lead_change_bs_select", "lead_change", "SELECT", "business_support", f"{LOCAL} OR {TO_LOCAL}"),
    ("lead_change_lp_select", "lead_change", "SELECT", "lead_professional", f"{MY_CASE} OR {TO_ME}"),
    ("lead_change_lp_update", "lead_change", "UPDATE", "lead_professional", TO_ME),
    ("case_record_lp_proposed_select", "case_record", "SELECT", "lead_professional", PROPOSED_TO_ME),
    ("case_record_lp_proposed_update", "case_record", "UPDATE", "lead_professional", PROPOSED_TO_ME),
    ("case_record_lm_proposed_select", "case_record", "SELECT", "locality_manager", PROPOSED_TO_MY_LOCALITY),
    ("case_record_lm_proposed_update", "case_record", "UPDATE", "locality_manager", PROPOSED_TO_MY_LOCALITY),
]
GRANTS = [
    ("SELECT, INSERT, UPDATE, DELETE", "group_request", "locality_manager"),
    ("SELECT", "group_request", "business_support"),
    ("SELECT, INSERT", "group_request", "lead_professional"),
    (f"UPDATE ({REFERRAL_COLUMNS})", "group_request", "lead_professional"),
    ("SELECT, INSERT, UPDATE, DELETE", "transition_plan", "locality_manager"),
    ("SELECT, INSERT, UPDATE", "transition_plan", "business_support"),
    ("SELECT", "transition_plan", "lead_professional"),
    ("SELECT, INSERT, UPDATE, DELETE", "lead_change", "locality_manager"),
    ("SELECT", "lead_change", "business_support"),
    ("SELECT", "lead_change", "lead_professional"),
    (f"UPDATE ({ANSWER_COLUMNS})", "lead_change", "lead_professional"),
    (f"UPDATE ({TAKE_ON})", "case_record", "lead_professional"),
]
KINDS_BEFORE = "kind IN ('new_profile', 'deferred', 'review')"
KINDS_AFTER = "kind IN ('new_profile', 'deferred', 'review', 'request')"


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=max(map(len, values)))


def _common() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def _fk(table: str, column: str, target: str, ondelete: str | None = None) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "group_request",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("locality_id", sa.Uuid(), nullable=False),
        sa.Column("kind", _enum("request_kind", "blockage", "step_up", "step_down"), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("raised_by", sa.String(length=160), nullable=False),
        sa.Column("raised_by_id", sa.Uuid(), nullable=True),
        sa.Column("state", _enum("request_state", "pending", "approved", "declined", "deferred"), nullable=False),
        sa.Column("deferred_until", sa.Date(), nullable=True),
        sa.Column("rationale", sa.Text(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=160), nullable=True),
        sa.Column("decided_by_id", sa.Uuid(), nullable=True),
        sa.Column("meeting_id", sa.Uuid(), nullable=True),
        sa.Column("referred_on", sa.Date(), nullable=True),
        sa.Column(
            "referral_outcome",
            _enum("referral_outcome", "accepted", "no_further_action", "returned_to_early_help", "other"),
            nullable=True,
        ),
        sa.Column("referral_outcome_on", sa.Date(), nullable=True),
        sa.Column("referral_note", sa.Text(), nullable=True),
        sa.Column("referral_recorded_by", sa.String(length=160), nullable=True),
        *_common(),
        sa.CheckConstraint(
            "state <> 'deferred' OR deferred_until IS NOT NULL", name=op.f("ck_group_request_deferred_has_date")
        ),
        sa.CheckConstraint(
            "referral_outcome IS NULL OR referred_on IS NOT NULL", name=op.f("ck_group_request_outcome_of_a_referral")
        ),
        _fk("group_request", "case_id", "case_record", "CASCADE"),
        _fk("group_request", "locality_id", "locality"),
        _fk("group_request", "raised_by_id", "app_user"),
        _fk("group_request", "decided_by_id", "app_user"),
        _fk("group_request", "meeting_id", "meeting", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_request")),
    )
    op.create_index(op.f("ix_group_request_case_id"), "group_request", ["case_id"], unique=False)
    op.create_index(op.f("ix_group_request_locality_id"), "group_request", ["locality_id"], unique=False)
    op.create_table(
        "transition_plan",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("locality_id", sa.Uuid(), nullable=False),
        sa.Column("receiving_lead_id", sa.Uuid(), nullable=False),
        sa.Column("social_worker_name", sa.String(length=160), nullable=False),
        sa.Column("social_worker_contact", sa.String(length=200), nullable=False),
        sa.Column("joint_visit_on", sa.Date(), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.String(length=160), nullable=False),
        sa.Column("recorded_by_id", sa.Uuid(), nullable=True),
        *_common(),
        _fk("transition_plan", "case_id", "case_record", "CASCADE"),
        _fk("transition_plan", "locality_id", "locality"),
        _fk("transition_plan", "receiving_lead_id", "professional"),
        _fk("transition_plan", "recorded_by_id", "app_user"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transition_plan")),
        sa.UniqueConstraint("case_id", name=op.f("uq_transition_plan_case_id")),
    )
    op.create_index(op.f("ix_transition_plan_locality_id"), "transition_plan", ["locality_id"], unique=False)
    op.create_table(
        "lead_change",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("locality_id", sa.Uuid(), nullable=False),
        sa.Column("to_locality_id", sa.Uuid(), nullable=False),
        sa.Column("from_lead_id", sa.Uuid(), nullable=True),
        sa.Column("to_lead_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("state", _enum("lead_change_state", "proposed", "accepted", "declined"), nullable=False),
        sa.Column("proposed_on", sa.Date(), nullable=False),
        sa.Column("proposed_by", sa.String(length=160), nullable=False),
        sa.Column("proposed_by_id", sa.Uuid(), nullable=True),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("answered_by", sa.String(length=160), nullable=True),
        sa.Column("answered_by_id", sa.Uuid(), nullable=True),
        sa.Column("answer_note", sa.Text(), nullable=True),
        *_common(),
        _fk("lead_change", "case_id", "case_record", "CASCADE"),
        _fk("lead_change", "locality_id", "locality"),
        _fk("lead_change", "to_locality_id", "locality"),
        _fk("lead_change", "from_lead_id", "professional"),
        _fk("lead_change", "to_lead_id", "professional"),
        _fk("lead_change", "proposed_by_id", "app_user"),
        _fk("lead_change", "answered_by_id", "app_user"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_change")),
    )
    for column in ("case_id", "locality_id", "to_locality_id", "to_lead_id"):
        op.create_index(op.f(f"ix_lead_change_{column}"), "lead_change", [column], unique=False)
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("request_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_agenda_item_request_id_group_request"),
            "group_request",
            ["request_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.drop_constraint(batch_op.f("ck_agenda_item_agenda_kind"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_agenda_item_agenda_kind"), sa.text(KINDS_AFTER))
    if op.get_bind().dialect.name == "postgresql":
        _access_rules()


def _access_rules() -> None:
    for privileges, table, role in GRANTS:
        op.execute(f"GRANT {privileges} ON {table} TO {GROUPS[role]}")
    for table in ("group_request", "transition_plan", "lead_change"):
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    for name, table, command, role, condition in POLICIES:
        # The role in this database, not only the group (as migration 0016);
        # a lead professional's own cases hold only through their own entry.
        if role != "lead_professional":
            condition = f"(SELECT tafdesk_my_role()) = '{role}' AND ({condition})"
        using = "" if command == "INSERT" else f" USING ({condition})"
        check = f" WITH CHECK ({condition})" if command in ("INSERT", "UPDATE") else ""
        if table == "case_record" and command == "UPDATE":
            check = ""  # once taken on, the case is the new lead's (or locality's): the existing rules hold it
        op.execute(f"CREATE POLICY {name} ON {table} FOR {command} TO {GROUPS[role]}{using}{check}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, table, *_ in POLICIES:
            op.execute(f"DROP POLICY {name} ON {table}")
        op.execute(f"REVOKE UPDATE ({TAKE_ON}) ON case_record FROM {GROUPS['lead_professional']}")
        op.execute(f"REVOKE ALL ON group_request, transition_plan, lead_change FROM {', '.join(GROUPS.values())}")
    op.execute("DELETE FROM agenda_item WHERE kind = 'request'")
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_agenda_item_agenda_kind"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_agenda_item_agenda_kind"), sa.text(KINDS_BEFORE))
        batch_op.drop_constraint(batch_op.f("fk_agenda_item_request_id_group_request"), type_="foreignkey")
        batch_op.drop_column("request_id")
    for column in ("to_lead_id", "to_locality_id", "locality_id", "case_id"):
        op.drop_index(op.f(f"ix_lead_change_{column}"), table_name="lead_change")
    op.drop_table("lead_change")
    op.drop_index(op.f("ix_transition_plan_locality_id"), table_name="transition_plan")
    op.drop_table("transition_plan")
    op.drop_index(op.f("ix_group_request_locality_id"), table_name="group_request")
    op.drop_index(op.f("ix_group_request_case_id"), table_name="group_request")
    op.drop_table("group_request")
