"""Who a letter goes to, and the register as a record

A person may be marked "risk to others here / do not write to this address",
a referral as made by a family member (a self-referral) or not, and a case as one
whose letters home may name sensitive agencies (the chair's choice). Each
produced file keeps its own version number and whether it was sent, how and
by whom. Existing rows get the defaults: nobody marked, version 1, not sent.

Revision ID: 0008
Revises: 0007
Created: 2026-12-06 03:24:58.761265
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case_record", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("names_sensitive_agencies", sa.Boolean(), server_default=sa.false(), nullable=False)
        )

    with op.batch_alter_table("generated_document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("file_version", sa.Integer(), server_default=sa.text("1"), nullable=False))
        batch_op.add_column(sa.Column("sent_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "sent_how",
                sa.Enum("post", "email", "by_hand", name="send_method", native_enum=False, create_constraint=True),
                nullable=True,
            )
        )
        batch_op.add_column(sa.Column("sent_by_name", sa.String(length=160), nullable=True))

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("do_not_write", sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.add_column(sa.Column("self_referral_person_id", sa.Uuid(), nullable=True))
        batch_op.add_column(
            sa.Column("self_referral_recorded", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_referral_self_referral_person_id_person"),
            "person",
            ["self_referral_person_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_referral_self_referral_person_id_person"), type_="foreignkey")
        batch_op.drop_column("self_referral_recorded")
        batch_op.drop_column("self_referral_person_id")

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("do_not_write")

    with op.batch_alter_table("generated_document", schema=None) as batch_op:
        batch_op.drop_column("sent_by_name")
        batch_op.drop_constraint(batch_op.f("ck_generated_document_send_method"), type_="check")  # it names the column
        batch_op.drop_column("sent_how")
        batch_op.drop_column("sent_on")
        batch_op.drop_column("file_version")

    with op.batch_alter_table("case_record", schema=None) as batch_op:
        batch_op.drop_column("names_sensitive_agencies")
