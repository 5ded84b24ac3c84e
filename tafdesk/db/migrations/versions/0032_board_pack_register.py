"""The board pack in the document register

generated_document.doc_type (and letter_template.letter_type, which shares
its enumeration) gains 'board_pack': a board pack (the period's key figures,
charts and the manager's narrative, as PDF or Word) is registered as other
produced documents are (who made it, where, its SHA-256), and the entry
audited as document.produced.

A board pack is about no case and no meeting, so on PostgreSQL the policies
of migration 0016, which let managers and business support register and read
documents about the cases and meetings they may see, leave it out. A policy
of its own lets each of them register, and read back, the board packs they
made themselves: the pack holds only whole localities' figures, and who may
read whose is a question the register's other documents answer by their
case or meeting, which a board pack has not.

Revision ID: 0032
Revises: 0031
Created: 2026-12-09 10:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0032"
down_revision = "0031"
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
    "chronology_full",
    "chronology_agencies",
)
DOCUMENTS = (*DOCUMENTS_BEFORE, "board_pack")
# (table, constraint, column)
ENUM_CHECKS = (
    ("generated_document", "ck_generated_document_document_type", "doc_type"),
    ("letter_template", "ck_letter_template_document_type", "letter_type"),
)
GROUPS = "tafdesk_locality_manager, tafdesk_business_support"
MINE = "doc_type = 'board_pack' AND generated_by_id = (SELECT tafdesk_my_user())"
COMMANDS = ("select", "insert", "update")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _checks(values: tuple[str, ...]) -> None:
    for table, name, column in ENUM_CHECKS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(name), type_="check")
            batch_op.create_check_constraint(batch_op.f(name), _in(column, values))


def upgrade() -> None:
    _checks(DOCUMENTS)
    if op.get_bind().dialect.name == "postgresql":
        for command in COMMANDS:
            using = "" if command == "insert" else f" USING ({MINE})"
            check = f" WITH CHECK ({MINE})" if command in ("insert", "update") else ""
            op.execute(
                f"CREATE POLICY generated_document_board_pack_{command} ON generated_document "
                f"FOR {command.upper()} TO {GROUPS}{using}{check}"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for command in COMMANDS:
            op.execute(f"DROP POLICY IF EXISTS generated_document_board_pack_{command} ON generated_document")
    op.execute("DELETE FROM generated_document WHERE doc_type = 'board_pack'")
    _checks(DOCUMENTS_BEFORE)
