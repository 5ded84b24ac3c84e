"""A lead professional registers their families' letters

A lead professional (or a supporter of the case) makes the letter to the
family and the TAF review invitation of a case they work on, on the server
or on an offline copy (synced into the register later): the three
policies on generated_document that let them register, and read back,
copies of their families' plans and chronologies (migrations 0016, 0030)
are widened to these two letter types. The other letters, the minutes and
the register as a whole stay business support's and managers'.

Revision ID: 0036
Revises: 0035
Created: 2026-12-12 10:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0036"
down_revision = "0035"
branch_labels = None
depends_on = None

# Frozen: the types each policy allowed before and after this revision.
BEFORE = ("taf_plan", "chronology_full", "chronology_agencies")
AFTER = (*BEFORE, "letter_family", "letter_review_invitation")
MY_CASE = "case_id = ANY ((SELECT tafdesk_my_case_ids())::uuid[])"
LEAD_POLICIES = ("generated_document_lp_select", "generated_document_lp_insert", "generated_document_lp_update")


def _lead_policies(types: tuple[str, ...]) -> None:
    condition = f"doc_type IN ({', '.join(repr(t) for t in types)}) AND {MY_CASE}"
    for name in LEAD_POLICIES:
        command = name.rsplit("_", 1)[1]
        using = "" if command == "insert" else f" USING ({condition})"
        check = f" WITH CHECK ({condition})" if command in ("insert", "update") else ""
        op.execute(f"ALTER POLICY {name} ON generated_document{using}{check}")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _lead_policies(AFTER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _lead_policies(BEFORE)
