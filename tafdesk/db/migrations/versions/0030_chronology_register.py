"""A family's chronology in the document register

generated_document.doc_type (and letter_template.letter_type, which shares
its enumeration) gains 'chronology_full' and 'chronology_agencies': a
chronology exported as PDF or Word is registered as letters, minutes and
plans are (who made it, which edition, for which family, its SHA-256).

On PostgreSQL a lead professional, who registers only copies of their
families' plans so far, registers (and reads the entries of) their
families' chronologies too: the three policies of migration 0016 for them
on generated_document are widened to these types.

Revision ID: 0030
Revises: 0029
Created: 2026-12-08 10:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None

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
    "letter_closure_family",
    "letter_closure_referrer",
)
CHRONOLOGIES = ("chronology_full", "chronology_agencies")
DOCUMENTS = (*DOCUMENTS_BEFORE, *CHRONOLOGIES)
# (table, constraint, column)
ENUM_CHECKS = (
    ("generated_document", "ck_generated_document_document_type", "doc_type"),
    ("letter_template", "ck_letter_template_document_type", "letter_type"),
)
MY_CASE = "case_id = ANY ((SELECT tafdesk_my_case_ids())::uuid[])"
# A lead professional's policies on the register (migration 0016's names): their families' plans, and now chronologies.
LEAD_POLICIES = ("generated_document_lp_select", "generated_document_lp_insert", "generated_document_lp_update")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _checks(values: tuple[str, ...]) -> None:
    for table, name, column in ENUM_CHECKS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(name), type_="check")
            batch_op.create_check_constraint(batch_op.f(name), _in(column, values))


def _lead_policies(types: tuple[str, ...]) -> None:
    condition = (
        f"{_in('doc_type', types)} AND {MY_CASE}" if len(types) > 1 else f"doc_type = {types[0]!r} AND {MY_CASE}"
    )
    for name in LEAD_POLICIES:
        command = name.rsplit("_", 1)[1]
        using = "" if command == "insert" else f" USING ({condition})"
        check = f" WITH CHECK ({condition})" if command in ("insert", "update") else ""
        op.execute(f"ALTER POLICY {name} ON generated_document{using}{check}")


def upgrade() -> None:
    _checks(DOCUMENTS)
    if op.get_bind().dialect.name == "postgresql":
        _lead_policies(("taf_plan", *CHRONOLOGIES))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _lead_policies(("taf_plan",))
    op.execute(f"DELETE FROM generated_document WHERE {_in('doc_type', CHRONOLOGIES)}")
    _checks(DOCUMENTS_BEFORE)
