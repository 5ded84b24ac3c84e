"""initial schema

Revision ID: 0001
Revises: (none)
Created: 2026-11-25 08:27:03.132510
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agency",
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("short_name", sa.String(length=30), nullable=True),
        sa.Column(
            "membership",
            sa.Enum("core", "associate", name="membership", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column(
            "sector",
            sa.Enum(
                "local_authority",
                "health",
                "police",
                "education",
                "housing",
                "fire_rescue",
                "employment",
                "voluntary",
                name="sector",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("capacity_per_fte", sa.Double(), nullable=False),
        sa.Column("address_line1", sa.String(length=200), nullable=True),
        sa.Column("address_line2", sa.String(length=200), nullable=True),
        sa.Column("town", sa.String(length=100), nullable=True),
        sa.Column("postcode", sa.String(length=10), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("capacity_per_fte > 0", name=op.f("ck_agency_capacity_per_fte_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agency")),
        sa.UniqueConstraint("name", name=op.f("uq_agency_name")),
    )
    op.create_table(
        "app_setting",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_setting")),
        sa.UniqueConstraint("key", name=op.f("uq_app_setting_key")),
    )
    op.create_table(
        "locality",
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("default_venue", sa.String(length=200), nullable=True),
        sa.Column("meeting_weekday", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("meeting_time", sa.Time(), server_default=sa.text("'10:00:00'"), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("meeting_weekday BETWEEN 0 AND 6", name=op.f("ck_locality_meeting_weekday_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_locality")),
        sa.UniqueConstraint("code", name=op.f("uq_locality_code")),
        sa.UniqueConstraint("name", name=op.f("uq_locality_name")),
    )
    op.create_table(
        "family",
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("family_name", sa.String(length=200), nullable=False),
        sa.Column("locality_id", sa.Uuid(), nullable=False),
        sa.Column("address_line1", sa.String(length=200), nullable=False),
        sa.Column("address_line2", sa.String(length=200), nullable=True),
        sa.Column("town", sa.String(length=100), nullable=True),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("language", sa.String(length=60), nullable=True),
        sa.Column("interpreter_needed", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["locality_id"], ["locality.id"], name=op.f("fk_family_locality_id_locality")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family")),
        sa.UniqueConstraint("reference", name=op.f("uq_family_reference")),
    )
    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_family_family_name"), ["family_name"], unique=False)
        batch_op.create_index(batch_op.f("ix_family_locality_id"), ["locality_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_family_postcode"), ["postcode"], unique=False)

    op.create_table(
        "professional",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("locality_id", sa.Uuid(), nullable=False),
        sa.Column("given_name", sa.String(length=100), nullable=False),
        sa.Column("family_name", sa.String(length=100), nullable=False),
        sa.Column("job_title", sa.String(length=120), nullable=False),
        sa.Column("fte", sa.Double(), nullable=False),
        sa.Column("capacity", sa.Double(), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("capacity IS NULL OR capacity >= 0", name=op.f("ck_professional_capacity_not_negative")),
        sa.CheckConstraint("fte > 0 AND fte <= 1", name=op.f("ck_professional_fte_range")),
        sa.ForeignKeyConstraint(["agency_id"], ["agency.id"], name=op.f("fk_professional_agency_id_agency")),
        sa.ForeignKeyConstraint(["locality_id"], ["locality.id"], name=op.f("fk_professional_locality_id_locality")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_professional")),
    )
    with op.batch_alter_table("professional", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_professional_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_professional_locality_id"), ["locality_id"], unique=False)

    op.create_table(
        "app_user",
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("display_name", sa.String(length=160), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "locality_manager",
                "lead_professional",
                "business_support",
                "admin",
                name="role",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("professional_id", sa.Uuid(), nullable=True),
        sa.Column("locality_id", sa.Uuid(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["locality_id"], ["locality.id"], name=op.f("fk_app_user_locality_id_locality")),
        sa.ForeignKeyConstraint(
            ["professional_id"], ["professional.id"], name=op.f("fk_app_user_professional_id_professional")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("username", name=op.f("uq_app_user_username")),
    )
    op.create_table(
        "case_record",
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("family_id", sa.Uuid(), nullable=False),
        sa.Column("locality_id", sa.Uuid(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "awaiting_triage",
                "awaiting_meeting",
                "deferred",
                "taf_open",
                "multi_agency_plan",
                "working_together_meeting",
                "stepped_up",
                "stepped_down",
                "closed",
                name="case_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("lead_professional_id", sa.Uuid(), nullable=True),
        sa.Column("complexity_weight", sa.Double(), nullable=False),
        sa.Column("level_of_need", sa.Integer(), nullable=True),
        sa.Column("is_repeat", sa.Boolean(), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column(
            "closure_reason",
            sa.Enum(
                "needs_met",
                "information_advice_guidance",
                "stepped_up",
                "stepped_down",
                "disengaged",
                "moved_away",
                name="closure_reason",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column("consent_override_reason", sa.String(length=1000), nullable=True),
        sa.Column("front_door_note", sa.Text(), nullable=True),
        sa.Column(
            "review_flag",
            sa.Enum(
                "blockage",
                "overdue_review",
                "step_down_request",
                name="review_flag",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column("review_note", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "closed_on IS NULL OR closed_on >= opened_on", name=op.f("ck_case_record_closed_after_opened")
        ),
        sa.CheckConstraint("complexity_weight >= 0", name=op.f("ck_case_record_weight_not_negative")),
        sa.CheckConstraint("level_of_need BETWEEN 1 AND 4", name=op.f("ck_case_record_level_of_need_range")),
        sa.ForeignKeyConstraint(["family_id"], ["family.id"], name=op.f("fk_case_record_family_id_family")),
        sa.ForeignKeyConstraint(
            ["lead_professional_id"], ["professional.id"], name=op.f("fk_case_record_lead_professional_id_professional")
        ),
        sa.ForeignKeyConstraint(["locality_id"], ["locality.id"], name=op.f("fk_case_record_locality_id_locality")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_record")),
        sa.UniqueConstraint("reference", name=op.f("uq_case_record_reference")),
    )
    with op.batch_alter_table("case_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_record_family_id"), ["family_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_record_lead_professional_id"), ["lead_professional_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_record_locality_id"), ["locality_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_record_status"), ["status"], unique=False)

    op.create_table(
        "leave_period",
        sa.Column("professional_id", sa.Uuid(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("ends_on >= starts_on", name=op.f("ck_leave_period_ends_after_start")),
        sa.ForeignKeyConstraint(
            ["professional_id"],
            ["professional.id"],
            name=op.f("fk_leave_period_professional_id_professional"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leave_period")),
    )
    with op.batch_alter_table("leave_period", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_leave_period_professional_id"), ["professional_id"], unique=False)

    op.create_table(
        "person",
        sa.Column("family_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("given_name", sa.String(length=100), nullable=False),
        sa.Column("family_name", sa.String(length=100), nullable=False),
        sa.Column("known_as", sa.String(length=100), nullable=True),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("expected_date", sa.Date(), nullable=True),
        sa.Column(
            "gender",
            sa.Enum("female", "male", "other", "not_known", name="gender", native_enum=False, create_constraint=True),
            nullable=True,
        ),
        sa.Column(
            "role",
            sa.Enum(
                "parent",
                "carer",
                "child",
                "young_person",
                "adult",
                "other",
                name="member_role",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("relationship", sa.String(length=100), nullable=True),
        sa.Column("lives_in_household", sa.Boolean(), nullable=False),
        sa.Column("school_or_setting", sa.String(length=200), nullable=True),
        sa.Column("ethnicity", sa.String(length=100), nullable=True),
        sa.Column("first_language", sa.String(length=60), nullable=True),
        sa.Column("disability", sa.String(length=400), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["family_id"], ["family.id"], name=op.f("fk_person_family_id_family"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_date_of_birth"), ["date_of_birth"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_family_id"), ["family_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_family_name"), ["family_name"], unique=False)

    op.create_table(
        "specialism",
        sa.Column("professional_id", sa.Uuid(), nullable=False),
        sa.Column(
            "area",
            sa.Enum(
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
                name="need_area",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["professional_id"],
            ["professional.id"],
            name=op.f("fk_specialism_professional_id_professional"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_specialism")),
        sa.UniqueConstraint("professional_id", "area", name=op.f("uq_specialism_professional_id_area")),
    )
    op.create_table(
        "audit_event",
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("actor_name", sa.String(length=160), nullable=False),
        sa.Column("action", sa.String(length=80), nullable=False),
        sa.Column("entity_type", sa.String(length=60), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=True),
        sa.Column("changes", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["app_user.id"], name=op.f("fk_audit_event_actor_id_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_event_entity_id"), ["entity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_event_occurred_at"), ["occurred_at"], unique=False)

    op.create_table(
        "case_supporter",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("professional_id", sa.Uuid(), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_record.id"], name=op.f("fk_case_supporter_case_id_case_record"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["professional_id"], ["professional.id"], name=op.f("fk_case_supporter_professional_id_professional")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_supporter")),
        sa.UniqueConstraint("case_id", "professional_id", name=op.f("uq_case_supporter_case_id_professional_id")),
    )
    with op.batch_alter_table("case_supporter", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_supporter_professional_id"), ["professional_id"], unique=False)

    op.create_table(
        "meeting",
        sa.Column("locality_id", sa.Uuid(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("venue", sa.String(length=200), nullable=True),
        sa.Column("chair_id", sa.Uuid(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "planned",
                "in_progress",
                "closed",
                "cancelled",
                name="meeting_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("minutes_notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["chair_id"], ["app_user.id"], name=op.f("fk_meeting_chair_id_app_user")),
        sa.ForeignKeyConstraint(["locality_id"], ["locality.id"], name=op.f("fk_meeting_locality_id_locality")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_locality_id"), ["locality_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_starts_at"), ["starts_at"], unique=False)

    op.create_table(
        "referral",
        sa.Column("family_id", sa.Uuid(), nullable=False),
        sa.Column("locality_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("referrer_name", sa.String(length=200), nullable=False),
        sa.Column("referrer_role", sa.String(length=200), nullable=True),
        sa.Column("referrer_agency", sa.String(length=200), nullable=True),
        sa.Column("referrer_email", sa.String(length=200), nullable=True),
        sa.Column("referrer_phone", sa.String(length=40), nullable=True),
        sa.Column("referrer_address_line1", sa.String(length=200), nullable=True),
        sa.Column("referrer_address_line2", sa.String(length=200), nullable=True),
        sa.Column("referrer_town", sa.String(length=100), nullable=True),
        sa.Column("referrer_postcode", sa.String(length=10), nullable=True),
        sa.Column(
            "consent_status",
            sa.Enum(
                "given",
                "refused",
                "not_sought",
                "withdrawn",
                name="consent_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("consent_given_by", sa.String(length=200), nullable=True),
        sa.Column("consent_date", sa.Date(), nullable=True),
        sa.Column("consent_notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case_record.id"], name=op.f("fk_referral_case_id_case_record")),
        sa.ForeignKeyConstraint(["family_id"], ["family.id"], name=op.f("fk_referral_family_id_family")),
        sa.ForeignKeyConstraint(["locality_id"], ["locality.id"], name=op.f("fk_referral_locality_id_locality")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral")),
    )
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_referral_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_referral_family_id"), ["family_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_referral_locality_id"), ["locality_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_referral_received_on"), ["received_on"], unique=False)

    op.create_table(
        "taf_plan",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("plan_version", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft", "agreed", "superseded", "closed", name="plan_status", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("voice_of_child", sa.Text(), nullable=True),
        sa.Column("voice_of_parents", sa.Text(), nullable=True),
        sa.Column("strengths", sa.Text(), nullable=True),
        sa.Column("consent_confirmed_on", sa.Date(), nullable=True),
        sa.Column("review_interval_weeks", sa.Integer(), nullable=False),
        sa.Column("next_review_on", sa.Date(), nullable=True),
        sa.Column("agreed_on", sa.Date(), nullable=True),
        sa.Column("agreed_by", sa.String(length=400), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column(
            "closure_reason",
            sa.Enum(
                "needs_met",
                "information_advice_guidance",
                "stepped_up",
                "stepped_down",
                "disengaged",
                "moved_away",
                name="closure_reason",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("review_interval_weeks BETWEEN 1 AND 52", name=op.f("ck_taf_plan_review_interval_range")),
        sa.ForeignKeyConstraint(["case_id"], ["case_record.id"], name=op.f("fk_taf_plan_case_id_case_record")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_taf_plan")),
        sa.UniqueConstraint("case_id", "plan_version", name=op.f("uq_taf_plan_case_id_plan_version")),
    )
    with op.batch_alter_table("taf_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_taf_plan_case_id"), ["case_id"], unique=False)

    op.create_table(
        "agenda_item",
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("new_profile", "deferred", "review", name="agenda_kind", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum("pending", "decided", name="agenda_status", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("minute_text", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case_record.id"], name=op.f("fk_agenda_item_case_id_case_record")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_agenda_item_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
        sa.UniqueConstraint("meeting_id", "case_id", name=op.f("uq_agenda_item_meeting_id_case_id")),
    )
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_item_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agenda_item_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "attendance",
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("professional_id", sa.Uuid(), nullable=True),
        sa.Column("attendee_name", sa.String(length=200), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "present", "apologies", "deputy", name="attendance_status", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("deputy_name", sa.String(length=200), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agency.id"], name=op.f("fk_attendance_agency_id_agency")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_attendance_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["professional_id"], ["professional.id"], name=op.f("fk_attendance_professional_id_professional")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendance_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "generated_document",
        sa.Column(
            "doc_type",
            sa.Enum(
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
                name="document_type",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "doc_format",
            sa.Enum("pdf", "docx", name="document_format", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("meeting_id", sa.Uuid(), nullable=True),
        sa.Column("recipient", sa.String(length=400), nullable=True),
        sa.Column("path", sa.String(length=1000), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("generated_by_id", sa.Uuid(), nullable=True),
        sa.Column("generated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_record.id"], name=op.f("fk_generated_document_case_id_case_record")
        ),
        sa.ForeignKeyConstraint(
            ["generated_by_id"], ["app_user.id"], name=op.f("fk_generated_document_generated_by_id_app_user")
        ),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], name=op.f("fk_generated_document_meeting_id_meeting")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_generated_document")),
    )
    with op.batch_alter_table("generated_document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_generated_document_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_generated_document_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "profile360",
        sa.Column("referral_id", sa.Uuid(), nullable=False),
        sa.Column("profile_ref", sa.String(length=64), nullable=False),
        sa.Column("format", sa.String(length=40), nullable=False),
        sa.Column("compiled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("compiled_by_name", sa.String(length=200), nullable=True),
        sa.Column("compiled_by_role", sa.String(length=200), nullable=True),
        sa.Column("compiled_by_agency", sa.String(length=200), nullable=True),
        sa.Column("compiled_by_email", sa.String(length=200), nullable=True),
        sa.Column("compiled_by_phone", sa.String(length=40), nullable=True),
        sa.Column("compiled_by_address_line1", sa.String(length=200), nullable=True),
        sa.Column("compiled_by_address_line2", sa.String(length=200), nullable=True),
        sa.Column("compiled_by_town", sa.String(length=100), nullable=True),
        sa.Column("compiled_by_postcode", sa.String(length=10), nullable=True),
        sa.Column("locality_name", sa.String(length=80), nullable=False),
        sa.Column("family_name", sa.String(length=200), nullable=False),
        sa.Column("address_line1", sa.String(length=200), nullable=False),
        sa.Column("address_line2", sa.String(length=200), nullable=True),
        sa.Column("town", sa.String(length=100), nullable=True),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("family_phone", sa.String(length=40), nullable=True),
        sa.Column("language", sa.String(length=60), nullable=True),
        sa.Column("interpreter_needed", sa.Boolean(), nullable=True),
        sa.Column("family_views", sa.Text(), nullable=True),
        sa.Column(
            "pathway",
            sa.Enum(
                "lcmg_allocation",
                "multi_agency_plan",
                "working_together_meeting",
                "step_up",
                "step_down",
                "information_advice_guidance",
                name="pathway",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("suggested_lead_agency", sa.String(length=200), nullable=True),
        sa.Column("suggested_lead_agency_id", sa.Uuid(), nullable=True),
        sa.Column("level_of_need", sa.Integer(), nullable=True),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("original_document", sa.Text(), nullable=False),
        sa.Column("original_sha256", sa.String(length=64), nullable=False),
        sa.Column("source_name", sa.String(length=400), nullable=True),
        sa.Column("imported_by_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("level_of_need BETWEEN 1 AND 4", name=op.f("ck_profile360_level_of_need_range")),
        sa.ForeignKeyConstraint(
            ["imported_by_id"], ["app_user.id"], name=op.f("fk_profile360_imported_by_id_app_user")
        ),
        sa.ForeignKeyConstraint(["referral_id"], ["referral.id"], name=op.f("fk_profile360_referral_id_referral")),
        sa.ForeignKeyConstraint(
            ["suggested_lead_agency_id"], ["agency.id"], name=op.f("fk_profile360_suggested_lead_agency_id_agency")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile360")),
        sa.UniqueConstraint("profile_ref", name=op.f("uq_profile360_profile_ref")),
        sa.UniqueConstraint("referral_id", name=op.f("uq_profile360_referral_id")),
    )
    op.create_table(
        "taf_outcome",
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "area",
            sa.Enum(
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
                name="need_area",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("need", sa.Text(), nullable=False),
        sa.Column("outcome_wanted", sa.Text(), nullable=False),
        sa.Column("copied_from_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["taf_plan.id"], name=op.f("fk_taf_outcome_plan_id_taf_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_taf_outcome")),
    )
    with op.batch_alter_table("taf_outcome", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_taf_outcome_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "taf_review",
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("attendees", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["taf_plan.id"], name=op.f("fk_taf_review_plan_id_taf_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_taf_review")),
    )
    with op.batch_alter_table("taf_review", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_taf_review_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "decision",
        sa.Column("agenda_item_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column(
            "outcome",
            sa.Enum(
                "allocate_lead",
                "multi_agency_plan",
                "working_together_meeting",
                "step_up",
                "step_down",
                "information_advice_guidance",
                "defer",
                name="decision_outcome",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("lead_professional_id", sa.Uuid(), nullable=True),
        sa.Column("lead_agency_id", sa.Uuid(), nullable=True),
        sa.Column("rationale", sa.Text(), nullable=True),
        sa.Column("capacity_override_reason", sa.Text(), nullable=True),
        sa.Column("deferred_until", sa.Date(), nullable=True),
        sa.Column("deferral_reason", sa.Text(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by_id", sa.Uuid(), nullable=True),
        sa.Column("case_before", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_decision_agenda_item_id_agenda_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["case_id"], ["case_record.id"], name=op.f("fk_decision_case_id_case_record")),
        sa.ForeignKeyConstraint(["decided_by_id"], ["app_user.id"], name=op.f("fk_decision_decided_by_id_app_user")),
        sa.ForeignKeyConstraint(["lead_agency_id"], ["agency.id"], name=op.f("fk_decision_lead_agency_id_agency")),
        sa.ForeignKeyConstraint(
            ["lead_professional_id"], ["professional.id"], name=op.f("fk_decision_lead_professional_id_professional")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision")),
        sa.UniqueConstraint("agenda_item_id", name=op.f("uq_decision_agenda_item_id")),
    )
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_decision_case_id"), ["case_id"], unique=False)

    op.create_table(
        "match_suggestion",
        sa.Column("profile_id", sa.Uuid(), nullable=False),
        sa.Column("family_id", sa.Uuid(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("pairs", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending", "confirmed", "rejected", name="suggestion_status", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("decided_by_id", sa.Uuid(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["app_user.id"], name=op.f("fk_match_suggestion_decided_by_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["family_id"], ["family.id"], name=op.f("fk_match_suggestion_family_id_family"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile360.id"],
            name=op.f("fk_match_suggestion_profile_id_profile360"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_suggestion")),
        sa.UniqueConstraint("profile_id", "family_id", name=op.f("uq_match_suggestion_profile_id_family_id")),
    )
    with op.batch_alter_table("match_suggestion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_match_suggestion_family_id"), ["family_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_match_suggestion_profile_id"), ["profile_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_match_suggestion_status"), ["status"], unique=False)

    op.create_table(
        "profile_involvement",
        sa.Column("agency_name", sa.String(length=200), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "current",
                "historic",
                "none_found",
                name="involvement_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("worker", sa.String(length=200), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("restricted", sa.Boolean(), nullable=False),
        sa.Column("profile_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agency.id"], name=op.f("fk_profile_involvement_agency_id_agency")),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile360.id"],
            name=op.f("fk_profile_involvement_profile_id_profile360"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile_involvement")),
    )
    with op.batch_alter_table("profile_involvement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_profile_involvement_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_profile_involvement_profile_id"), ["profile_id"], unique=False)

    op.create_table(
        "profile_member",
        sa.Column("member_ref", sa.String(length=40), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.Column("given_name", sa.String(length=100), nullable=False),
        sa.Column("family_name", sa.String(length=100), nullable=False),
        sa.Column("known_as", sa.String(length=100), nullable=True),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("expected_date", sa.Date(), nullable=True),
        sa.Column(
            "gender",
            sa.Enum("female", "male", "other", "not_known", name="gender", native_enum=False, create_constraint=True),
            nullable=True,
        ),
        sa.Column(
            "role",
            sa.Enum(
                "parent",
                "carer",
                "child",
                "young_person",
                "adult",
                "other",
                name="member_role",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("relationship", sa.String(length=100), nullable=True),
        sa.Column("lives_in_household", sa.Boolean(), nullable=False),
        sa.Column("school_or_setting", sa.String(length=200), nullable=True),
        sa.Column("ethnicity", sa.String(length=100), nullable=True),
        sa.Column("first_language", sa.String(length=60), nullable=True),
        sa.Column("disability", sa.String(length=400), nullable=True),
        sa.Column("profile_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_profile_member_person_id_person")),
        sa.ForeignKeyConstraint(
            ["profile_id"], ["profile360.id"], name=op.f("fk_profile_member_profile_id_profile360"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile_member")),
        sa.UniqueConstraint("profile_id", "member_ref", name=op.f("uq_profile_member_profile_id_member_ref")),
    )
    with op.batch_alter_table("profile_member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_profile_member_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_profile_member_profile_id"), ["profile_id"], unique=False)

    op.create_table(
        "profile_need",
        sa.Column(
            "area",
            sa.Enum(
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
                name="need_area",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "level",
            sa.Enum("low", "medium", "high", name="level", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("profile_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"], ["profile360.id"], name=op.f("fk_profile_need_profile_id_profile360"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile_need")),
    )
    with op.batch_alter_table("profile_need", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_profile_need_profile_id"), ["profile_id"], unique=False)

    op.create_table(
        "profile_risk",
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column(
            "level",
            sa.Enum("low", "medium", "high", name="level", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("profile_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"], ["profile360.id"], name=op.f("fk_profile_risk_profile_id_profile360"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile_risk")),
    )
    with op.batch_alter_table("profile_risk", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_profile_risk_profile_id"), ["profile_id"], unique=False)

    op.create_table(
        "profile_strength",
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("profile_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile360.id"],
            name=op.f("fk_profile_strength_profile_id_profile360"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile_strength")),
    )
    with op.batch_alter_table("profile_strength", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_profile_strength_profile_id"), ["profile_id"], unique=False)

    op.create_table(
        "taf_action",
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("outcome_id", sa.Uuid(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_professional_id", sa.Uuid(), nullable=True),
        sa.Column("owner_agency_id", sa.Uuid(), nullable=True),
        sa.Column("owner_person_id", sa.Uuid(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("measure", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum("open", "done", "dropped", name="action_status", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("dropped_reason", sa.Text(), nullable=True),
        sa.Column("copied_from_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status <> 'dropped' OR dropped_reason IS NOT NULL", name=op.f("ck_taf_action_dropped_has_reason")
        ),
        sa.CheckConstraint(
            "due_on IS NULL OR starts_on IS NULL OR due_on >= starts_on", name=op.f("ck_taf_action_due_after_start")
        ),
        sa.ForeignKeyConstraint(
            ["outcome_id"], ["taf_outcome.id"], name=op.f("fk_taf_action_outcome_id_taf_outcome"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["owner_agency_id"], ["agency.id"], name=op.f("fk_taf_action_owner_agency_id_agency")),
        sa.ForeignKeyConstraint(["owner_person_id"], ["person.id"], name=op.f("fk_taf_action_owner_person_id_person")),
        sa.ForeignKeyConstraint(
            ["owner_professional_id"],
            ["professional.id"],
            name=op.f("fk_taf_action_owner_professional_id_professional"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["taf_plan.id"], name=op.f("fk_taf_action_plan_id_taf_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_taf_action")),
    )
    with op.batch_alter_table("taf_action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_taf_action_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "taf_review_progress",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("outcome_id", sa.Uuid(), nullable=False),
        sa.Column(
            "rag",
            sa.Enum("red", "amber", "green", name="rag", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outcome_id"],
            ["taf_outcome.id"],
            name=op.f("fk_taf_review_progress_outcome_id_taf_outcome"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["taf_review.id"],
            name=op.f("fk_taf_review_progress_review_id_taf_review"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_taf_review_progress")),
        sa.UniqueConstraint("review_id", "outcome_id", name=op.f("uq_taf_review_progress_review_id_outcome_id")),
    )
    op.create_table(
        "taf_review_score",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column(
            "area",
            sa.Enum(
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
                name="need_area",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("score BETWEEN 1 AND 10", name=op.f("ck_taf_review_score_score_range")),
        sa.ForeignKeyConstraint(
            ["review_id"], ["taf_review.id"], name=op.f("fk_taf_review_score_review_id_taf_review"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_taf_review_score")),
        sa.UniqueConstraint("review_id", "area", name=op.f("uq_taf_review_score_review_id_area")),
    )
    op.create_table(
        "decision_action",
        sa.Column("decision_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_professional_id", sa.Uuid(), nullable=True),
        sa.Column("owner_name", sa.String(length=200), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_id"], ["decision.id"], name=op.f("fk_decision_action_decision_id_decision"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["owner_professional_id"],
            ["professional.id"],
            name=op.f("fk_decision_action_owner_professional_id_professional"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_action")),
    )
    with op.batch_alter_table("decision_action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_decision_action_decision_id"), ["decision_id"], unique=False)

    op.create_table(
        "decision_supporter",
        sa.Column("decision_id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("professional_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agency.id"], name=op.f("fk_decision_supporter_agency_id_agency")),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decision.id"],
            name=op.f("fk_decision_supporter_decision_id_decision"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["professional_id"], ["professional.id"], name=op.f("fk_decision_supporter_professional_id_professional")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_supporter")),
        sa.UniqueConstraint(
            "decision_id",
            "agency_id",
            "professional_id",
            name=op.f("uq_decision_supporter_decision_id_agency_id_professional_id"),
        ),
    )
    with op.batch_alter_table("decision_supporter", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_decision_supporter_decision_id"), ["decision_id"], unique=False)

    op.create_table(
        "profile_involvement_member",
        sa.Column("involvement_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["involvement_id"],
            ["profile_involvement.id"],
            name=op.f("fk_profile_involvement_member_involvement_id_profile_involvement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["profile_member.id"],
            name=op.f("fk_profile_involvement_member_member_id_profile_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile_involvement_member")),
        sa.UniqueConstraint(
            "involvement_id", "member_id", name=op.f("uq_profile_involvement_member_involvement_id_member_id")
        ),
    )
    op.create_table(
        "profile_need_member",
        sa.Column("need_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["profile_member.id"],
            name=op.f("fk_profile_need_member_member_id_profile_member"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["need_id"],
            ["profile_need.id"],
            name=op.f("fk_profile_need_member_need_id_profile_need"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile_need_member")),
        sa.UniqueConstraint("need_id", "member_id", name=op.f("uq_profile_need_member_need_id_member_id")),
    )
    op.create_table(
        "profile_risk_member",
        sa.Column("risk_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["profile_member.id"],
            name=op.f("fk_profile_risk_member_member_id_profile_member"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["risk_id"],
            ["profile_risk.id"],
            name=op.f("fk_profile_risk_member_risk_id_profile_risk"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile_risk_member")),
        sa.UniqueConstraint("risk_id", "member_id", name=op.f("uq_profile_risk_member_risk_id_member_id")),
    )

    _create_audit_guard()


def downgrade() -> None:
    _drop_audit_guard()
    op.drop_table("profile_risk_member")
    op.drop_table("profile_need_member")
    op.drop_table("profile_involvement_member")
    with op.batch_alter_table("decision_supporter", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decision_supporter_decision_id"))

    op.drop_table("decision_supporter")
    with op.batch_alter_table("decision_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decision_action_decision_id"))

    op.drop_table("decision_action")
    op.drop_table("taf_review_score")
    op.drop_table("taf_review_progress")
    with op.batch_alter_table("taf_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_taf_action_plan_id"))

    op.drop_table("taf_action")
    with op.batch_alter_table("profile_strength", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_profile_strength_profile_id"))

    op.drop_table("profile_strength")
    with op.batch_alter_table("profile_risk", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_profile_risk_profile_id"))

    op.drop_table("profile_risk")
    with op.batch_alter_table("profile_need", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_profile_need_profile_id"))

    op.drop_table("profile_need")
    with op.batch_alter_table("profile_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_profile_member_profile_id"))
        batch_op.drop_index(batch_op.f("ix_profile_member_person_id"))

    op.drop_table("profile_member")
    with op.batch_alter_table("profile_involvement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_profile_involvement_profile_id"))
        batch_op.drop_index(batch_op.f("ix_profile_involvement_agency_id"))

    op.drop_table("profile_involvement")
    with op.batch_alter_table("match_suggestion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_match_suggestion_status"))
        batch_op.drop_index(batch_op.f("ix_match_suggestion_profile_id"))
        batch_op.drop_index(batch_op.f("ix_match_suggestion_family_id"))

    op.drop_table("match_suggestion")
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decision_case_id"))

    op.drop_table("decision")
    with op.batch_alter_table("taf_review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_taf_review_plan_id"))

    op.drop_table("taf_review")
    with op.batch_alter_table("taf_outcome", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_taf_outcome_plan_id"))

    op.drop_table("taf_outcome")
    op.drop_table("profile360")
    with op.batch_alter_table("generated_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_generated_document_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_generated_document_case_id"))

    op.drop_table("generated_document")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendance_meeting_id"))

    op.drop_table("attendance")
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_item_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_agenda_item_case_id"))

    op.drop_table("agenda_item")
    with op.batch_alter_table("taf_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_taf_plan_case_id"))

    op.drop_table("taf_plan")
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referral_received_on"))
        batch_op.drop_index(batch_op.f("ix_referral_locality_id"))
        batch_op.drop_index(batch_op.f("ix_referral_family_id"))
        batch_op.drop_index(batch_op.f("ix_referral_case_id"))

    op.drop_table("referral")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_starts_at"))
        batch_op.drop_index(batch_op.f("ix_meeting_locality_id"))

    op.drop_table("meeting")
    with op.batch_alter_table("case_supporter", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_supporter_professional_id"))

    op.drop_table("case_supporter")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_occurred_at"))
        batch_op.drop_index(batch_op.f("ix_audit_event_entity_id"))

    op.drop_table("audit_event")
    op.drop_table("specialism")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_family_name"))
        batch_op.drop_index(batch_op.f("ix_person_family_id"))
        batch_op.drop_index(batch_op.f("ix_person_date_of_birth"))

    op.drop_table("person")
    with op.batch_alter_table("leave_period", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_leave_period_professional_id"))

    op.drop_table("leave_period")
    with op.batch_alter_table("case_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_record_status"))
        batch_op.drop_index(batch_op.f("ix_case_record_locality_id"))
        batch_op.drop_index(batch_op.f("ix_case_record_lead_professional_id"))
        batch_op.drop_index(batch_op.f("ix_case_record_family_id"))

    op.drop_table("case_record")
    op.drop_table("app_user")
    with op.batch_alter_table("professional", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_professional_locality_id"))
        batch_op.drop_index(batch_op.f("ix_professional_agency_id"))

    op.drop_table("professional")
    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_family_postcode"))
        batch_op.drop_index(batch_op.f("ix_family_locality_id"))
        batch_op.drop_index(batch_op.f("ix_family_family_name"))

    op.drop_table("family")
    op.drop_table("locality")
    op.drop_table("app_setting")
    op.drop_table("agency")


# The audit trail is append-only in the database too, not only in the ORM.
def _create_audit_guard() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event "
            "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()"
        )
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_event_no_{verb.lower()} BEFORE {verb} ON audit_event "
                "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END"
            )


def _drop_audit_guard() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_event_append_only ON audit_event")
        op.execute("DROP FUNCTION audit_event_append_only()")
    else:
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER audit_event_no_{verb}")
