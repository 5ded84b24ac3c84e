"""Closing a case with a locality manager's approval, reopening it, outcomes evidenced

case_closure: a lead professional's proposal to close their family's case
(reason, summary, the family's view, the case's status before), decided by a
locality manager (approved, or returned saying why), and reopened within the
council's period (when, by whom, why); case_closure_need: for each need of
the plan, whether it was met, partly met or not met. outcome_evidence: each
record of progress towards an outcome of a plan, with its evidence and the
day from which it was sustained. case_record learns which closed case a
repeat referral follows (repeat_of_case_id) and whether that case closed in
the 12 months before (repeat_within_12_months).

Closure reasons gain consent withdrawn, moved within the council and other;
letters gain the two closure letters (to the family, to the referrer): their
CHECK constraints are made again with the new values.

On PostgreSQL the new tables get the access rules of case content (migration
0016): managers in their localities decide; business support read (they make
the letters); a lead professional reads their own cases' and proposes, and
records evidence, on them.

Revision ID: 0023
Revises: 0022
Created: 2026-12-07 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

REASONS_BEFORE = (
    "needs_met",
    "information_advice_guidance",
    "stepped_up",
    "stepped_down",
    "disengaged",
    "moved_away",
)
REASONS = (*REASONS_BEFORE, "consent_withdrawn", "moved_within_council", "other")
DOCUMENTS_BEFORE = (
    "taf_plan",
    "minutes_full",
    "minutes_circulation",
    "letter_allocation",
    "letter_referrer",
    "letter_family",
    "letter_step_up",
    "letter_step_down",
    "letter_iag",
    "letter_review_invitation",
)
DOCUMENTS = (*DOCUMENTS_BEFORE, "letter_closure_family", "letter_closure_referrer")
CASE_STATUSES = (
    "awaiting_triage",
    "awaiting_meeting",
    "deferred",
    "taf_open",
    "multi_agency_plan",
    "working_together_meeting",
    "stepped_up",
    "stepped_down",
    "closed",
)
NEED_AREAS = (
    "education",
    "early_years",
    "health",
    "substance_use",
    "family_relationships",
    "child_safety",
    "crime",
    "domestic_abuse",
    "housing",
    "financial_stability",
)
# (table, constraint, column, values now, values before)
ENUM_CHECKS = (
    ("case_record", "ck_case_record_closure_reason", "closure_reason", REASONS, REASONS_BEFORE),
    ("taf_plan", "ck_taf_plan_closure_reason", "closure_reason", REASONS, REASONS_BEFORE),
    ("generated_document", "ck_generated_document_document_type", "doc_type", DOCUMENTS, DOCUMENTS_BEFORE),
    ("letter_template", "ck_letter_template_document_type", "letter_type", DOCUMENTS, DOCUMENTS_BEFORE),
)

GROUPS = {
    "locality_manager": "tafdesk_locality_manager",
    "business_support": "tafdesk_business_support",
    "lead_professional": "tafdesk_lead_professional",
}
LOCAL = "locality_id = ANY ((SELECT tafdesk_my_localities())::uuid[])"
MY_CASE = "case_id = ANY ((SELECT tafdesk_my_case_ids())::uuid[])"
SEEN_CLOSURE = "closure_id IN (SELECT id FROM case_closure)"
# (name, table, command, group, condition): as migration 0016 writes them.
POLICIES = [
    ("case_closure_lm_all", "case_closure", "ALL", "locality_manager", LOCAL),
    ("case_closure_bs_select", "case_closure", "SELECT", "business_support", LOCAL),
    ("case_closure_lp_select", "case_closure", "SELECT", "lead_professional", MY_CASE),
    ("case_closure_lp_insert", "case_closure", "INSERT", "lead_professional", MY_CASE),
    ("case_closure_lp_update", "case_closure", "UPDATE", "lead_professional", MY_CASE),
    ("case_closure_need_lm_all", "case_closure_need", "ALL", "locality_manager", SEEN_CLOSURE),
    ("case_closure_need_bs_select", "case_closure_need", "SELECT", "business_support", SEEN_CLOSURE),
    ("case_closure_need_lp_select", "case_closure_need", "SELECT", "lead_professional", SEEN_CLOSURE),
    ("case_closure_need_lp_insert", "case_closure_need", "INSERT", "lead_professional", SEEN_CLOSURE),
    ("outcome_evidence_lm_all", "outcome_evidence", "ALL", "locality_manager", LOCAL),
    ("outcome_evidence_bs_select", "outcome_evidence", "SELECT", "business_support", LOCAL),
    ("outcome_evidence_lp_select", "outcome_evidence", "SELECT", "lead_professional", MY_CASE),
    ("outcome_evidence_lp_insert", "outcome_evidence", "INSERT", "lead_professional", MY_CASE),
]
GRANTS = [
    ("SELECT, INSERT, UPDATE, DELETE", "case_closure, case_closure_need, outcome_evidence", "locality_manager"),
    ("SELECT", "case_closure, case_closure_need, outcome_evidence", "business_support"),
    # A lead professional withdraws nothing and decides nothing: they update
    # their proposal's row only to reopen the case it closed.
    ("SELECT, INSERT, UPDATE", "case_closure", "lead_professional"),
    ("SELECT, INSERT", "case_closure_need, outcome_evidence", "lead_professional"),
]


def _enum(name: str, values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=False, length=max(len(v) for v in values))


def _columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _checks(which: int) -> None:
    """The enum CHECK constraints made again, with values now (which=3) or before (4)."""
    for table, name, column, *values in ENUM_CHECKS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(name), type_="check")
            batch_op.create_check_constraint(batch_op.f(name), _in(column, values[which - 3]))


def upgrade() -> None:
    _checks(3)
    with op.batch_alter_table("case_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("repeat_of_case_id", sa.Uuid(), nullable=True))
        batch_op.add_column(
            sa.Column("repeat_within_12_months", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_case_record_repeat_of_case_id_case_record"),
            "case_record",
            ["repeat_of_case_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_table(
        "case_closure",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("locality_id", sa.Uuid(), nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=True),
        sa.Column("status", _enum("closure_status", ("proposed", "approved", "returned")), nullable=False),
        sa.Column("reason", _enum("closure_reason", REASONS_BEFORE), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("family_view", sa.Text(), nullable=False),
        sa.Column("status_before", _enum("case_status", CASE_STATUSES), nullable=False),
        sa.Column("proposed_on", sa.Date(), nullable=False),
        sa.Column("proposed_by_id", sa.Uuid(), nullable=True),
        sa.Column("proposed_by_name", sa.String(length=160), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decided_by_id", sa.Uuid(), nullable=True),
        sa.Column("decided_by_name", sa.String(length=160), nullable=True),
        sa.Column("returned_why", sa.Text(), nullable=True),
        sa.Column("reopened_on", sa.Date(), nullable=True),
        sa.Column("reopened_by_id", sa.Uuid(), nullable=True),
        sa.Column("reopened_by_name", sa.String(length=160), nullable=True),
        sa.Column("reopen_reason", sa.Text(), nullable=True),
        *_columns(),
        sa.CheckConstraint(
            _in("status", ("proposed", "approved", "returned")), name=op.f("ck_case_closure_closure_status")
        ),
        sa.CheckConstraint(_in("reason", REASONS), name=op.f("ck_case_closure_closure_reason")),
        sa.CheckConstraint(_in("status_before", CASE_STATUSES), name=op.f("ck_case_closure_case_status")),
        sa.CheckConstraint(
            "status <> 'returned' OR returned_why IS NOT NULL", name=op.f("ck_case_closure_returned_has_why")
        ),
        sa.CheckConstraint(
            "status = 'proposed' OR decided_on IS NOT NULL", name=op.f("ck_case_closure_decided_has_day")
        ),
        sa.CheckConstraint(
            "reopened_on IS NULL OR status = 'approved'", name=op.f("ck_case_closure_reopened_was_approved")
        ),
        sa.CheckConstraint(
            "reopened_on IS NULL OR reopen_reason IS NOT NULL", name=op.f("ck_case_closure_reopened_has_reason")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_record.id"], name=op.f("fk_case_closure_case_id_case_record"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["locality_id"], ["locality.id"], name=op.f("fk_case_closure_locality_id_locality")),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["taf_plan.id"], name=op.f("fk_case_closure_plan_id_taf_plan"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by_id"], ["app_user.id"], name=op.f("fk_case_closure_proposed_by_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["app_user.id"], name=op.f("fk_case_closure_decided_by_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["reopened_by_id"], ["app_user.id"], name=op.f("fk_case_closure_reopened_by_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_closure")),
    )
    op.create_index(op.f("ix_case_closure_case_id"), "case_closure", ["case_id"], unique=False)
    op.create_index(op.f("ix_case_closure_locality_id"), "case_closure", ["locality_id"], unique=False)
    op.create_index(
        "ix_case_closure_one_proposed",
        "case_closure",
        ["case_id"],
        unique=True,
        sqlite_where=sa.text("status = 'proposed'"),
        postgresql_where=sa.text("status = 'proposed'"),
    )
    op.create_table(
        "case_closure_need",
        sa.Column("closure_id", sa.Uuid(), nullable=False),
        sa.Column("outcome_id", sa.Uuid(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("area", _enum("need_area", NEED_AREAS), nullable=False),
        sa.Column("need", sa.Text(), nullable=False),
        sa.Column("met", _enum("need_met", ("met", "partly_met", "not_met")), nullable=False),
        *_columns(),
        sa.CheckConstraint(_in("area", NEED_AREAS), name=op.f("ck_case_closure_need_need_area")),
        sa.CheckConstraint(_in("met", ("met", "partly_met", "not_met")), name=op.f("ck_case_closure_need_need_met")),
        sa.ForeignKeyConstraint(
            ["closure_id"],
            ["case_closure.id"],
            name=op.f("fk_case_closure_need_closure_id_case_closure"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["outcome_id"],
            ["taf_outcome.id"],
            name=op.f("fk_case_closure_need_outcome_id_taf_outcome"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_closure_need")),
    )
    op.create_index(op.f("ix_case_closure_need_closure_id"), "case_closure_need", ["closure_id"], unique=False)
    progress = ("no_change", "improving", "achieved", "sustained")
    op.create_table(
        "outcome_evidence",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("locality_id", sa.Uuid(), nullable=False),
        sa.Column("outcome_id", sa.Uuid(), nullable=False),
        sa.Column("area", _enum("need_area", NEED_AREAS), nullable=False),
        sa.Column("progress", _enum("outcome_progress", progress), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("sustained_from", sa.Date(), nullable=True),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("recorded_by_id", sa.Uuid(), nullable=True),
        sa.Column("recorded_by_name", sa.String(length=160), nullable=False),
        *_columns(),
        sa.CheckConstraint(_in("area", NEED_AREAS), name=op.f("ck_outcome_evidence_need_area")),
        sa.CheckConstraint(_in("progress", progress), name=op.f("ck_outcome_evidence_outcome_progress")),
        sa.CheckConstraint(
            "progress NOT IN ('achieved', 'sustained') OR sustained_from IS NOT NULL",
            name=op.f("ck_outcome_evidence_achieved_has_day"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_record.id"], name=op.f("fk_outcome_evidence_case_id_case_record"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["locality_id"], ["locality.id"], name=op.f("fk_outcome_evidence_locality_id_locality")
        ),
        sa.ForeignKeyConstraint(
            ["outcome_id"],
            ["taf_outcome.id"],
            name=op.f("fk_outcome_evidence_outcome_id_taf_outcome"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["app_user.id"], name=op.f("fk_outcome_evidence_recorded_by_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcome_evidence")),
    )
    for column in ("case_id", "locality_id", "outcome_id"):
        op.create_index(op.f(f"ix_outcome_evidence_{column}"), "outcome_evidence", [column], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        _access_rules()


def _access_rules() -> None:
    for privileges, tables, role in GRANTS:
        op.execute(f"GRANT {privileges} ON {tables} TO {GROUPS[role]}")
    for table in ("case_closure", "case_closure_need", "outcome_evidence"):
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    for name, table, command, role, condition in POLICIES:
        # The role in this database, not only the group (as migration 0016);
        # a lead professional's own cases hold only through their own entry.
        if role != "lead_professional" or "tafdesk_my_case_ids" not in condition:
            condition = f"(SELECT tafdesk_my_role()) = '{role}' AND ({condition})"
        using = "" if command == "INSERT" else f" USING ({condition})"
        check = f" WITH CHECK ({condition})" if command in ("INSERT", "UPDATE", "ALL") else ""
        op.execute(f"CREATE POLICY {name} ON {table} FOR {command} TO {GROUPS[role]}{using}{check}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, table, *_ in POLICIES:
            op.execute(f"DROP POLICY {name} ON {table}")
        op.execute(f"REVOKE ALL ON case_closure, case_closure_need, outcome_evidence FROM {', '.join(GROUPS.values())}")
    for column in ("outcome_id", "locality_id", "case_id"):
        op.drop_index(op.f(f"ix_outcome_evidence_{column}"), table_name="outcome_evidence")
    op.drop_table("outcome_evidence")
    op.drop_index(op.f("ix_case_closure_need_closure_id"), table_name="case_closure_need")
    op.drop_table("case_closure_need")
    op.drop_index("ix_case_closure_one_proposed", table_name="case_closure")
    op.drop_index(op.f("ix_case_closure_locality_id"), table_name="case_closure")
    op.drop_index(op.f("ix_case_closure_case_id"), table_name="case_closure")
    op.drop_table("case_closure")
    with op.batch_alter_table("case_record", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_case_record_repeat_of_case_id_case_record"), type_="foreignkey")
        batch_op.drop_column("repeat_within_12_months")
        batch_op.drop_column("repeat_of_case_id")
    op.execute(
        "UPDATE case_record SET closure_reason = 'needs_met' WHERE closure_reason IN "
        "('consent_withdrawn', 'moved_within_council', 'other')"
    )
    op.execute(
        "UPDATE taf_plan SET closure_reason = 'needs_met' WHERE closure_reason IN "
        "('consent_withdrawn', 'moved_within_council', 'other')"
    )
    op.execute("DELETE FROM generated_document WHERE doc_type IN ('letter_closure_family', 'letter_closure_referrer')")
    op.execute("DELETE FROM letter_template WHERE letter_type IN ('letter_closure_family', 'letter_closure_referrer')")
    _checks(4)
