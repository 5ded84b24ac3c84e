"""Consent per person and purpose, Early Help Assessments, DfE ethnicity codes

consent: one person's consent to share the family's information within the
Team Around the Family, or with one named agency: when and how it was given,
who recorded it, and its withdrawal (when, how, by whom). A withdrawal stops
further sharing with the agencies it concerns and puts the case on the next
agenda of its locality (agenda_item.kind 'consent_withdrawn').

early_help_assessment (with _child and _need): an Early Help Assessment of a
child or of a family with its children: started, completed, the organisation
completing it, each child and whether they were seen, the needs it found in
each area with their level.

person.ethnicity_code: the Department for Education's ethnicity code. Free
text already held is mapped where its wording is unambiguous (the intake's
map, tafdesk/intake/ethnicity.py, as it stood then: a copy is frozen below);
the rest is left for a person to choose.

On PostgreSQL the new tables get the access rules of case content (as
migrations 0016 and 0021): managers in their localities, business support in
theirs (reading, recording, withdrawing), a lead professional on the cases
they lead or support.

Revision ID: 0024
Revises: 0023
Created: 2026-12-07 10:00:00
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

METHODS = ("written", "verbal", "electronic", "other")
AREAS = (
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
CODES = (
    "WBRI",
    "WIRI",
    "WIRT",
    "WOTH",
    "WROM",
    "MWBC",
    "MWBA",
    "MWAS",
    "MOTH",
    "AIND",
    "APKN",
    "ABAN",
    "AOTH",
    "BCRB",
    "BAFR",
    "BOTH",
    "CHNE",
    "OOTH",
    "REFU",
    "NOBT",
)
OLD_KINDS = ("new_profile", "deferred", "review", "request")
NEW_KINDS = (*OLD_KINDS, "consent_withdrawn")

GROUPS = {
    "locality_manager": "tafdesk_locality_manager",
    "business_support": "tafdesk_business_support",
    "lead_professional": "tafdesk_lead_professional",
}
LOCAL_CASE = "case_id IN (SELECT id FROM case_record)"
MY_CASE = "case_id = ANY ((SELECT tafdesk_my_case_ids())::uuid[])"
SEEN_ASSESSMENT = "assessment_id IN (SELECT id FROM early_help_assessment)"
PARTS = ("early_help_assessment_child", "early_help_assessment_need")
# (name, table, command, group, condition), as migration 0021 writes them.
POLICIES = [
    *(
        policy
        for table in ("consent", "early_help_assessment")
        for policy in (
            (f"{table}_lm_all", table, "ALL", "locality_manager", LOCAL_CASE),
            (f"{table}_bs_select", table, "SELECT", "business_support", LOCAL_CASE),
            (f"{table}_bs_insert", table, "INSERT", "business_support", LOCAL_CASE),
            (f"{table}_bs_update", table, "UPDATE", "business_support", LOCAL_CASE),
            (f"{table}_lp_select", table, "SELECT", "lead_professional", MY_CASE),
            (f"{table}_lp_insert", table, "INSERT", "lead_professional", MY_CASE),
            (f"{table}_lp_update", table, "UPDATE", "lead_professional", MY_CASE),
        )
    ),
    *(
        (f"{part}_{short}_all", part, "ALL", role, SEEN_ASSESSMENT)
        for part in PARTS
        for short, role in (("lm", "locality_manager"), ("bs", "business_support"), ("lp", "lead_professional"))
    ),
]
GRANTS = [
    ("SELECT, INSERT, UPDATE, DELETE", "consent", "locality_manager"),
    ("SELECT, INSERT, UPDATE", "consent", "business_support"),
    ("SELECT, INSERT, UPDATE", "consent", "lead_professional"),
    ("SELECT, INSERT, UPDATE, DELETE", "early_help_assessment", "locality_manager"),
    ("SELECT, INSERT, UPDATE", "early_help_assessment", "business_support"),
    ("SELECT, INSERT, UPDATE", "early_help_assessment", "lead_professional"),
    *(("SELECT, INSERT, UPDATE, DELETE", part, role) for part in PARTS for role in GROUPS),
]


def _enum(values: tuple[str, ...], name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True)


def _row_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.create_table(
        "consent",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("purpose", _enum(("taf", "agency"), "consent_purpose"), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=True),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("given_how", _enum(METHODS, "consent_method"), nullable=False),
        sa.Column("recorded_by_id", sa.Uuid(), nullable=True),
        sa.Column("recorded_by_name", sa.String(length=160), nullable=False),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        sa.Column("withdrawn_how", _enum(METHODS, "withdrawn_method"), nullable=True),
        sa.Column("withdrawal_note", sa.Text(), nullable=True),
        sa.Column("withdrawal_recorded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawal_recorded_by", sa.String(length=160), nullable=True),
        *_row_columns(),
        sa.CheckConstraint(
            "(purpose = 'agency') = (agency_id IS NOT NULL)", name=op.f("ck_consent_agency_named_for_agency")
        ),
        sa.CheckConstraint(
            "(withdrawn_on IS NULL) = (withdrawn_how IS NULL)", name=op.f("ck_consent_withdrawal_says_how")
        ),
        sa.CheckConstraint(
            "withdrawn_on IS NULL OR withdrawn_on >= given_on", name=op.f("ck_consent_withdrawn_after_given")
        ),
        sa.ForeignKeyConstraint(["agency_id"], ["agency.id"], name=op.f("fk_consent_agency_id_agency")),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_record.id"], name=op.f("fk_consent_case_id_case_record"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_consent_person_id_person"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["app_user.id"], name=op.f("fk_consent_recorded_by_id_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent")),
    )
    op.create_index(op.f("ix_consent_case_id"), "consent", ["case_id"], unique=False)
    op.create_index(op.f("ix_consent_person_id"), "consent", ["person_id"], unique=False)

    op.create_table(
        "early_help_assessment",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("organisation_id", sa.Uuid(), nullable=True),
        sa.Column("organisation_name", sa.String(length=200), nullable=False),
        sa.Column("whole_family", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("recorded_by_name", sa.String(length=160), nullable=False),
        *_row_columns(),
        sa.CheckConstraint(
            "completed_on IS NULL OR completed_on >= started_on",
            name=op.f("ck_early_help_assessment_completed_after_started"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_record.id"],
            name=op.f("fk_early_help_assessment_case_id_case_record"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["agency.id"], name=op.f("fk_early_help_assessment_organisation_id_agency")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_early_help_assessment")),
    )
    op.create_index(op.f("ix_early_help_assessment_case_id"), "early_help_assessment", ["case_id"], unique=False)

    op.create_table(
        "early_help_assessment_child",
        sa.Column("assessment_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("seen", sa.Boolean(), nullable=False),
        *_row_columns(),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["early_help_assessment.id"],
            name=op.f("fk_early_help_assessment_child_assessment_id_early_help_assessment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_early_help_assessment_child_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_early_help_assessment_child")),
        sa.UniqueConstraint(
            "assessment_id", "person_id", name=op.f("uq_early_help_assessment_child_assessment_id_person_id")
        ),
    )
    op.create_index(
        op.f("ix_early_help_assessment_child_assessment_id"),
        "early_help_assessment_child",
        ["assessment_id"],
        unique=False,
    )

    op.create_table(
        "early_help_assessment_need",
        sa.Column("assessment_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("area", _enum(AREAS, "need_area"), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        *_row_columns(),
        sa.CheckConstraint("level BETWEEN 1 AND 4", name=op.f("ck_early_help_assessment_need_level_range")),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["early_help_assessment.id"],
            name=op.f("fk_early_help_assessment_need_assessment_id_early_help_assessment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_early_help_assessment_need")),
    )
    op.create_index(
        op.f("ix_early_help_assessment_need_assessment_id"),
        "early_help_assessment_need",
        ["assessment_id"],
        unique=False,
    )

    _agenda_kinds(OLD_KINDS, NEW_KINDS)
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ethnicity_code", _enum(CODES, "ethnicity_code"), nullable=True))
    _map_ethnicity()
    if postgresql:
        _access_rules()


def _agenda_kinds(old: tuple[str, ...], new: tuple[str, ...]) -> None:
    """agenda_item.kind takes the new list (and the length its longest needs)."""
    name = op.f("ck_agenda_item_agenda_kind")
    old_type, new_type = sa.String(length=max(len(k) for k in old)), sa.String(length=max(len(k) for k in new))
    if op.get_bind().dialect.name == "postgresql":  # in place: the table's access rules stay
        op.drop_constraint(name, "agenda_item", type_="check")
        op.alter_column("agenda_item", "kind", existing_type=old_type, type_=new_type, existing_nullable=False)
        op.create_check_constraint(name, "agenda_item", sa.column("kind").in_(new))
        return
    with op.batch_alter_table("agenda_item", schema=None, recreate="always") as batch_op:
        batch_op.drop_constraint(name, type_="check")
        batch_op.alter_column("kind", existing_type=old_type, type_=new_type, existing_nullable=False)
        batch_op.create_check_constraint(name, sa.column("kind").in_(new))


def _map_ethnicity() -> None:
    """Free text already held gets its code where the wording is unambiguous."""
    bind = op.get_bind()
    person = sa.table("person", sa.column("id", sa.Uuid()), sa.column("ethnicity"), sa.column("ethnicity_code"))
    rows = bind.execute(sa.select(person.c.id, person.c.ethnicity).where(person.c.ethnicity.is_not(None))).all()
    for person_id, text in rows:
        code = _code_for(text)
        if code is not None:
            bind.execute(person.update().where(person.c.id == person_id).values(ethnicity_code=code))


def _access_rules() -> None:
    for privileges, table, role in GRANTS:
        op.execute(f"GRANT {privileges} ON {table} TO {GROUPS[role]}")
    for table in ("consent", "early_help_assessment", *PARTS):
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    for name, table, command, role, condition in POLICIES:
        if role != "lead_professional":
            condition = f"(SELECT tafdesk_my_role()) = '{role}' AND ({condition})"
        using = "" if command == "INSERT" else f" USING ({condition})"
        check = f" WITH CHECK ({condition})" if command in ("INSERT", "UPDATE", "ALL") else ""
        op.execute(f"CREATE POLICY {name} ON {table} FOR {command} TO {GROUPS[role]}{using}{check}")


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        for name, table, *_ in POLICIES:
            op.execute(f"DROP POLICY {name} ON {table}")
        for table in ("consent", "early_help_assessment", *PARTS):
            op.execute(f"REVOKE ALL ON {table} FROM {', '.join(GROUPS.values())}")
    op.execute("UPDATE agenda_item SET kind = 'review' WHERE kind = 'consent_withdrawn'")
    _agenda_kinds(NEW_KINDS, OLD_KINDS)
    with op.batch_alter_table("person", schema=None) as batch_op:
        if not postgresql:  # (PostgreSQL drops it with the column)
            batch_op.drop_constraint(op.f("ck_person_ethnicity_code"), type_="check")
        batch_op.drop_column("ethnicity_code")
    for part in PARTS:
        op.drop_index(op.f(f"ix_{part}_assessment_id"), table_name=part)
        op.drop_table(part)
    op.drop_index(op.f("ix_early_help_assessment_case_id"), table_name="early_help_assessment")
    op.drop_table("early_help_assessment")
    op.drop_index(op.f("ix_consent_person_id"), table_name="consent")
    op.drop_index(op.f("ix_consent_case_id"), table_name="consent")
    op.drop_table("consent")


# -- The wording map, frozen ----------------------------------------------------
# A copy of tafdesk/intake/ethnicity.py as it stood when this migration was
# written (its codes as strings): the app's map may learn new wordings later,
# but this upgrade must map a database exactly as it did then. Keep it as it is.

# The broad group a wording may open with ("Black British - Caribbean"),
# longest first so that "black or black british" is taken whole.
_GROUPS: tuple[tuple[str, str], ...] = (
    ("white english welsh scottish northern irish or british", "white british"),
    ("mixed or multiple ethnic groups", "mixed"),
    ("asian or asian british", "asian"),
    ("black african caribbean or black british", "black"),
    ("black or black british", "black"),
    ("mixed dual background", "mixed"),
    ("other ethnic group", "other"),
    ("british asian", "asian"),
    ("asian british", "asian"),
    ("black british", "black"),
    ("british black", "black"),
    ("white british", "white british"),
    ("mixed", "mixed"),
    ("white", "white"),
    ("asian", "asian"),
    ("black", "black"),
)
_OTHER = {"white": "WOTH", "mixed": "MOTH", "asian": "AOTH", "black": "BOTH", "other": "OOTH"}
# Within a group, what follows it; "" is the group said alone.
_WITHIN: dict[str, dict[str, str]] = {
    "white british": {"": "WBRI"},
    "white": {
        "british": "WBRI",
        "english": "WBRI",
        "scottish": "WBRI",
        "welsh": "WBRI",
        "northern irish": "WBRI",
        "irish": "WIRI",
        "irish traveller": "WIRT",
        "traveller of irish heritage": "WIRT",
        "gypsy or roma": "WROM",
        "gypsy roma": "WROM",
        "gypsy": "WROM",
        "roma": "WROM",
    },
    "mixed": {
        "white and black caribbean": "MWBC",
        "white and black african": "MWBA",
        "white and asian": "MWAS",
    },
    "asian": {"indian": "AIND", "pakistani": "APKN", "bangladeshi": "ABAN", "chinese": "CHNE"},
    "black": {
        "caribbean": "BCRB",
        "african": "BAFR",
        "somali": "BAFR",
        "nigerian": "BAFR",
        "ghanaian": "BAFR",
        "sierra leonean": "BAFR",
        "eritrean": "BAFR",
    },
    "other": {"": "OOTH", "arab": "OOTH"},
}
# Said without a group.
_ALONE: dict[str, str] = {
    "english": "WBRI",
    "scottish": "WBRI",
    "welsh": "WBRI",
    "irish traveller": "WIRT",
    "traveller of irish heritage": "WIRT",
    "gypsy roma": "WROM",
    "gypsy or roma": "WROM",
    "roma": "WROM",
    "white and black caribbean": "MWBC",
    "white and black african": "MWBA",
    "white and asian": "MWAS",
    "indian": "AIND",
    "pakistani": "APKN",
    "bangladeshi": "ABAN",
    "caribbean": "BCRB",
    "african": "BAFR",
    "chinese": "CHNE",
    "arab": "OOTH",
    "any other ethnic group": "OOTH",
    "any other white background": "WOTH",
    "any other mixed background": "MOTH",
    "any other mixed or multiple ethnic background": "MOTH",
    "any other asian background": "AOTH",
    "any other black background": "BOTH",
    "any other black african or caribbean background": "BOTH",
    "refused": "REFU",
    "information refused": "REFU",
    "declined": "REFU",
    "declined to say": "REFU",
    "prefer not to say": "REFU",
    "not obtained": "NOBT",
    "information not yet obtained": "NOBT",
    "not yet obtained": "NOBT",
    "not known": "NOBT",
}


def _normalise(text: str) -> str:
    """Lower case, accents and punctuation gone, "&" read as "and", one space between words."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    folded = folded.replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", folded).split())


def _code_for(text: str | None) -> str | None:
    """The DfE code the wording unambiguously means, or None."""
    if not text or not text.strip():
        return None
    words = _normalise(text)
    if words.upper() in CODES:
        return words.upper()
    if words in _ALONE:
        return _ALONE[words]
    for opening, group in _GROUPS:
        if words == opening or words.startswith(opening + " "):
            rest = words[len(opening) :].strip()
            return _within(group, rest)
    return None


def _within(group: str, rest: str) -> str | None:
    found = _WITHIN.get(group, {})
    if rest in found:
        return found[rest]
    for other in ("any other", "other"):
        if rest == other or rest.startswith(other + " "):
            named = rest[len(other) :].strip()
            if named.endswith(" background"):
                named = named[: -len(" background")].strip()
            if named in found:  # "Asian Other - Chinese" names a code of its own
                return found[named]
            base = group.split()[0]
            return _OTHER.get(base)
    return None
