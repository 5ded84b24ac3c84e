"""Profile amendments; profile text columns as long as the contract allows

profile_amendment holds a profile imported again with different content for
business support. The columns that hold the access team's profile fields are
widened to the contract's limits (unbounded where it sets none); the indexes
on family names go, as no lookup uses them and PostgreSQL cannot index text
that long. Existing rows are kept as they are.

Revision ID: 0007
Revises: 0006
Created: 2026-12-06 03:25:33.449701
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "profile_amendment",
        sa.Column("profile_id", sa.Uuid(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("document_sha256", sa.String(length=64), nullable=False),
        sa.Column("differences", sa.Text(), nullable=False),
        sa.Column("source_name", sa.String(length=400), nullable=True),
        sa.Column("received_by_id", sa.Uuid(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "pending", "accepted", "rejected", name="amendment_status", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("decided_by_id", sa.Uuid(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version_number", sa.Integer(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["app_user.id"], name=op.f("fk_profile_amendment_decided_by_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile360.id"],
            name=op.f("fk_profile_amendment_profile_id_profile360"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["received_by_id"], ["app_user.id"], name=op.f("fk_profile_amendment_received_by_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile_amendment")),
    )
    with op.batch_alter_table("profile_amendment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_profile_amendment_profile_id"), ["profile_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_profile_amendment_status"), ["status"], unique=False)
    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.alter_column(
            "family_name", existing_type=sa.VARCHAR(length=200), type_=sa.String(length=20000), existing_nullable=False
        )
        batch_op.alter_column(
            "address_line1",
            existing_type=sa.VARCHAR(length=200),
            type_=sa.String(length=20000),
            existing_nullable=False,
        )
        batch_op.alter_column(
            "address_line2", existing_type=sa.VARCHAR(length=200), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column("town", existing_type=sa.VARCHAR(length=100), type_=sa.Text(), existing_nullable=True)
        batch_op.alter_column("phone", existing_type=sa.VARCHAR(length=40), type_=sa.Text(), existing_nullable=True)
        batch_op.alter_column("language", existing_type=sa.VARCHAR(length=60), type_=sa.Text(), existing_nullable=True)
        batch_op.drop_index(batch_op.f("ix_family_family_name"))

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.alter_column(
            "given_name", existing_type=sa.VARCHAR(length=100), type_=sa.String(length=20000), existing_nullable=False
        )
        batch_op.alter_column(
            "family_name", existing_type=sa.VARCHAR(length=100), type_=sa.String(length=20000), existing_nullable=False
        )
        batch_op.alter_column("known_as", existing_type=sa.VARCHAR(length=100), type_=sa.Text(), existing_nullable=True)
        batch_op.alter_column(
            "relationship", existing_type=sa.VARCHAR(length=100), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column(
            "school_or_setting", existing_type=sa.VARCHAR(length=200), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column(
            "ethnicity", existing_type=sa.VARCHAR(length=100), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column(
            "first_language", existing_type=sa.VARCHAR(length=60), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column(
            "disability", existing_type=sa.VARCHAR(length=400), type_=sa.Text(), existing_nullable=True
        )
        batch_op.drop_index(batch_op.f("ix_person_family_name"))

    with op.batch_alter_table("profile360", schema=None) as batch_op:
        batch_op.alter_column(
            "compiled_by_name",
            existing_type=sa.VARCHAR(length=200),
            type_=sa.String(length=20000),
            existing_nullable=True,
        )
        batch_op.alter_column(
            "compiled_by_role", existing_type=sa.VARCHAR(length=200), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column(
            "compiled_by_agency", existing_type=sa.VARCHAR(length=200), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column(
            "compiled_by_email", existing_type=sa.VARCHAR(length=200), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column(
            "compiled_by_phone", existing_type=sa.VARCHAR(length=40), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column(
            "compiled_by_address_line1",
            existing_type=sa.VARCHAR(length=200),
            type_=sa.String(length=20000),
            existing_nullable=True,
        )
        batch_op.alter_column(
            "compiled_by_address_line2", existing_type=sa.VARCHAR(length=200), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column(
            "compiled_by_town", existing_type=sa.VARCHAR(length=100), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column(
            "locality_name", existing_type=sa.VARCHAR(length=80), type_=sa.String(length=20000), existing_nullable=False
        )
        batch_op.alter_column(
            "family_name", existing_type=sa.VARCHAR(length=200), type_=sa.String(length=20000), existing_nullable=False
        )
        batch_op.alter_column(
            "address_line1",
            existing_type=sa.VARCHAR(length=200),
            type_=sa.String(length=20000),
            existing_nullable=False,
        )
        batch_op.alter_column(
            "address_line2", existing_type=sa.VARCHAR(length=200), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column("town", existing_type=sa.VARCHAR(length=100), type_=sa.Text(), existing_nullable=True)
        batch_op.alter_column(
            "family_phone", existing_type=sa.VARCHAR(length=40), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column("language", existing_type=sa.VARCHAR(length=60), type_=sa.Text(), existing_nullable=True)
        batch_op.alter_column(
            "suggested_lead_agency", existing_type=sa.VARCHAR(length=200), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column(
            "rationale", existing_type=sa.TEXT(), type_=sa.String(length=20000), existing_nullable=False
        )

    with op.batch_alter_table("profile_involvement", schema=None) as batch_op:
        batch_op.alter_column(
            "agency_name", existing_type=sa.VARCHAR(length=200), type_=sa.String(length=20000), existing_nullable=False
        )
        batch_op.alter_column("worker", existing_type=sa.VARCHAR(length=200), type_=sa.Text(), existing_nullable=True)
        batch_op.alter_column("source", existing_type=sa.VARCHAR(length=200), type_=sa.Text(), existing_nullable=True)

    with op.batch_alter_table("profile_member", schema=None) as batch_op:
        batch_op.alter_column(
            "given_name", existing_type=sa.VARCHAR(length=100), type_=sa.String(length=20000), existing_nullable=False
        )
        batch_op.alter_column(
            "family_name", existing_type=sa.VARCHAR(length=100), type_=sa.String(length=20000), existing_nullable=False
        )
        batch_op.alter_column("known_as", existing_type=sa.VARCHAR(length=100), type_=sa.Text(), existing_nullable=True)
        batch_op.alter_column(
            "relationship", existing_type=sa.VARCHAR(length=100), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column(
            "school_or_setting", existing_type=sa.VARCHAR(length=200), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column(
            "ethnicity", existing_type=sa.VARCHAR(length=100), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column(
            "first_language", existing_type=sa.VARCHAR(length=60), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column(
            "disability", existing_type=sa.VARCHAR(length=400), type_=sa.Text(), existing_nullable=True
        )

    with op.batch_alter_table("profile_need", schema=None) as batch_op:
        batch_op.alter_column(
            "summary", existing_type=sa.TEXT(), type_=sa.String(length=20000), existing_nullable=False
        )

    with op.batch_alter_table("profile_risk", schema=None) as batch_op:
        batch_op.alter_column(
            "summary", existing_type=sa.TEXT(), type_=sa.String(length=20000), existing_nullable=False
        )

    with op.batch_alter_table("profile_strength", schema=None) as batch_op:
        batch_op.alter_column("text", existing_type=sa.TEXT(), type_=sa.String(length=20000), existing_nullable=False)

    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.alter_column("reason", existing_type=sa.TEXT(), type_=sa.String(length=20000), existing_nullable=False)
        batch_op.alter_column(
            "referrer_name",
            existing_type=sa.VARCHAR(length=200),
            type_=sa.String(length=20000),
            existing_nullable=False,
        )
        batch_op.alter_column(
            "referrer_role", existing_type=sa.VARCHAR(length=200), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column(
            "referrer_agency", existing_type=sa.VARCHAR(length=200), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column(
            "referrer_email", existing_type=sa.VARCHAR(length=200), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column(
            "referrer_phone", existing_type=sa.VARCHAR(length=40), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column(
            "referrer_address_line1",
            existing_type=sa.VARCHAR(length=200),
            type_=sa.String(length=20000),
            existing_nullable=True,
        )
        batch_op.alter_column(
            "referrer_address_line2", existing_type=sa.VARCHAR(length=200), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column(
            "referrer_town", existing_type=sa.VARCHAR(length=100), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column(
            "consent_given_by", existing_type=sa.VARCHAR(length=200), type_=sa.Text(), existing_nullable=True
        )


def downgrade() -> None:
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.alter_column(
            "consent_given_by", existing_type=sa.Text(), type_=sa.VARCHAR(length=200), existing_nullable=True
        )
        batch_op.alter_column(
            "referrer_town", existing_type=sa.Text(), type_=sa.VARCHAR(length=100), existing_nullable=True
        )
        batch_op.alter_column(
            "referrer_address_line2", existing_type=sa.Text(), type_=sa.VARCHAR(length=200), existing_nullable=True
        )
        batch_op.alter_column(
            "referrer_address_line1",
            existing_type=sa.String(length=20000),
            type_=sa.VARCHAR(length=200),
            existing_nullable=True,
        )
        batch_op.alter_column(
            "referrer_phone", existing_type=sa.Text(), type_=sa.VARCHAR(length=40), existing_nullable=True
        )
        batch_op.alter_column(
            "referrer_email", existing_type=sa.Text(), type_=sa.VARCHAR(length=200), existing_nullable=True
        )
        batch_op.alter_column(
            "referrer_agency", existing_type=sa.Text(), type_=sa.VARCHAR(length=200), existing_nullable=True
        )
        batch_op.alter_column(
            "referrer_role", existing_type=sa.Text(), type_=sa.VARCHAR(length=200), existing_nullable=True
        )
        batch_op.alter_column(
            "referrer_name",
            existing_type=sa.String(length=20000),
            type_=sa.VARCHAR(length=200),
            existing_nullable=False,
        )
        batch_op.alter_column("reason", existing_type=sa.String(length=20000), type_=sa.TEXT(), existing_nullable=False)

    with op.batch_alter_table("profile_strength", schema=None) as batch_op:
        batch_op.alter_column("text", existing_type=sa.String(length=20000), type_=sa.TEXT(), existing_nullable=False)

    with op.batch_alter_table("profile_risk", schema=None) as batch_op:
        batch_op.alter_column(
            "summary", existing_type=sa.String(length=20000), type_=sa.TEXT(), existing_nullable=False
        )

    with op.batch_alter_table("profile_need", schema=None) as batch_op:
        batch_op.alter_column(
            "summary", existing_type=sa.String(length=20000), type_=sa.TEXT(), existing_nullable=False
        )

    with op.batch_alter_table("profile_member", schema=None) as batch_op:
        batch_op.alter_column(
            "disability", existing_type=sa.Text(), type_=sa.VARCHAR(length=400), existing_nullable=True
        )
        batch_op.alter_column(
            "first_language", existing_type=sa.Text(), type_=sa.VARCHAR(length=60), existing_nullable=True
        )
        batch_op.alter_column(
            "ethnicity", existing_type=sa.Text(), type_=sa.VARCHAR(length=100), existing_nullable=True
        )
        batch_op.alter_column(
            "school_or_setting", existing_type=sa.Text(), type_=sa.VARCHAR(length=200), existing_nullable=True
        )
        batch_op.alter_column(
            "relationship", existing_type=sa.Text(), type_=sa.VARCHAR(length=100), existing_nullable=True
        )
        batch_op.alter_column("known_as", existing_type=sa.Text(), type_=sa.VARCHAR(length=100), existing_nullable=True)
        batch_op.alter_column(
            "family_name", existing_type=sa.String(length=20000), type_=sa.VARCHAR(length=100), existing_nullable=False
        )
        batch_op.alter_column(
            "given_name", existing_type=sa.String(length=20000), type_=sa.VARCHAR(length=100), existing_nullable=False
        )

    with op.batch_alter_table("profile_involvement", schema=None) as batch_op:
        batch_op.alter_column("source", existing_type=sa.Text(), type_=sa.VARCHAR(length=200), existing_nullable=True)
        batch_op.alter_column("worker", existing_type=sa.Text(), type_=sa.VARCHAR(length=200), existing_nullable=True)
        batch_op.alter_column(
            "agency_name", existing_type=sa.String(length=20000), type_=sa.VARCHAR(length=200), existing_nullable=False
        )

    with op.batch_alter_table("profile360", schema=None) as batch_op:
        batch_op.alter_column(
            "rationale", existing_type=sa.String(length=20000), type_=sa.TEXT(), existing_nullable=False
        )
        batch_op.alter_column(
            "suggested_lead_agency", existing_type=sa.Text(), type_=sa.VARCHAR(length=200), existing_nullable=True
        )
        batch_op.alter_column("language", existing_type=sa.Text(), type_=sa.VARCHAR(length=60), existing_nullable=True)
        batch_op.alter_column(
            "family_phone", existing_type=sa.Text(), type_=sa.VARCHAR(length=40), existing_nullable=True
        )
        batch_op.alter_column("town", existing_type=sa.Text(), type_=sa.VARCHAR(length=100), existing_nullable=True)
        batch_op.alter_column(
            "address_line2", existing_type=sa.Text(), type_=sa.VARCHAR(length=200), existing_nullable=True
        )
        batch_op.alter_column(
            "address_line1",
            existing_type=sa.String(length=20000),
            type_=sa.VARCHAR(length=200),
            existing_nullable=False,
        )
        batch_op.alter_column(
            "family_name", existing_type=sa.String(length=20000), type_=sa.VARCHAR(length=200), existing_nullable=False
        )
        batch_op.alter_column(
            "locality_name", existing_type=sa.String(length=20000), type_=sa.VARCHAR(length=80), existing_nullable=False
        )
        batch_op.alter_column(
            "compiled_by_town", existing_type=sa.Text(), type_=sa.VARCHAR(length=100), existing_nullable=True
        )
        batch_op.alter_column(
            "compiled_by_address_line2", existing_type=sa.Text(), type_=sa.VARCHAR(length=200), existing_nullable=True
        )
        batch_op.alter_column(
            "compiled_by_address_line1",
            existing_type=sa.String(length=20000),
            type_=sa.VARCHAR(length=200),
            existing_nullable=True,
        )
        batch_op.alter_column(
            "compiled_by_phone", existing_type=sa.Text(), type_=sa.VARCHAR(length=40), existing_nullable=True
        )
        batch_op.alter_column(
            "compiled_by_email", existing_type=sa.Text(), type_=sa.VARCHAR(length=200), existing_nullable=True
        )
        batch_op.alter_column(
            "compiled_by_agency", existing_type=sa.Text(), type_=sa.VARCHAR(length=200), existing_nullable=True
        )
        batch_op.alter_column(
            "compiled_by_role", existing_type=sa.Text(), type_=sa.VARCHAR(length=200), existing_nullable=True
        )
        batch_op.alter_column(
            "compiled_by_name",
            existing_type=sa.String(length=20000),
            type_=sa.VARCHAR(length=200),
            existing_nullable=True,
        )

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_family_name"), ["family_name"], unique=False)
        batch_op.alter_column(
            "disability", existing_type=sa.Text(), type_=sa.VARCHAR(length=400), existing_nullable=True
        )
        batch_op.alter_column(
            "first_language", existing_type=sa.Text(), type_=sa.VARCHAR(length=60), existing_nullable=True
        )
        batch_op.alter_column(
            "ethnicity", existing_type=sa.Text(), type_=sa.VARCHAR(length=100), existing_nullable=True
        )
        batch_op.alter_column(
            "school_or_setting", existing_type=sa.Text(), type_=sa.VARCHAR(length=200), existing_nullable=True
        )
        batch_op.alter_column(
            "relationship", existing_type=sa.Text(), type_=sa.VARCHAR(length=100), existing_nullable=True
        )
        batch_op.alter_column("known_as", existing_type=sa.Text(), type_=sa.VARCHAR(length=100), existing_nullable=True)
        batch_op.alter_column(
            "family_name", existing_type=sa.String(length=20000), type_=sa.VARCHAR(length=100), existing_nullable=False
        )
        batch_op.alter_column(
            "given_name", existing_type=sa.String(length=20000), type_=sa.VARCHAR(length=100), existing_nullable=False
        )

    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_family_family_name"), ["family_name"], unique=False)
        batch_op.alter_column("language", existing_type=sa.Text(), type_=sa.VARCHAR(length=60), existing_nullable=True)
        batch_op.alter_column("phone", existing_type=sa.Text(), type_=sa.VARCHAR(length=40), existing_nullable=True)
        batch_op.alter_column("town", existing_type=sa.Text(), type_=sa.VARCHAR(length=100), existing_nullable=True)
        batch_op.alter_column(
            "address_line2", existing_type=sa.Text(), type_=sa.VARCHAR(length=200), existing_nullable=True
        )
        batch_op.alter_column(
            "address_line1",
            existing_type=sa.String(length=20000),
            type_=sa.VARCHAR(length=200),
            existing_nullable=False,
        )
        batch_op.alter_column(
            "family_name", existing_type=sa.String(length=20000), type_=sa.VARCHAR(length=200), existing_nullable=False
        )
    with op.batch_alter_table("profile_amendment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_profile_amendment_status"))
        batch_op.drop_index(batch_op.f("ix_profile_amendment_profile_id"))

    op.drop_table("profile_amendment")
