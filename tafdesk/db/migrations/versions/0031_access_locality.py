"""The locality on the hot child rows, for PostgreSQL's access rules; one
professional's caseload counted alone

A manager's or business support's rule on a case's supporters, a profile and
a profile's members, needs, risks, strengths and involvements was "the parent
row is one I may see" (`case_id IN (SELECT id FROM case_record)`, migration
0016). PostgreSQL evaluates that as a hash of every parent row the user may
see, built afresh for each statement: reading one case's supporters cost
about 1.7 ms on a 10,000-family council, weighing one new profile 17 ms (a
chair's decision makes both reads). The rows now carry their locality in
`access_locality`, kept by the server's own triggers from the parent (the
case's locality for a supporter; the referral's for a profile; the profile's
for its parts, and again whenever a parent moves), and the rule reads the
row's own column, the same test as on the parent. Lead professionals' rules
are unchanged (their own cases and families).

On SQLite, which has no row-level security, the column is there (the models
are the same on both) and stays empty.

`tafdesk_open_caseload(professional)` counts one professional's open cases
for the check a decision makes under its lock, where the whole list
(`tafdesk_open_caseloads()`) counted everyone's on every decision; the same
visibility rule as that function.

Revision ID: 0031
Revises: 0030
Created: 2026-12-07 02:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None

PARTS = ("profile_member", "profile_need", "profile_risk", "profile_strength", "profile_involvement")
# table -> (its parent, the column naming the parent, the parent's locality column)
SOURCES = {
    "case_supporter": ("case_record", "case_id", "locality_id"),
    "profile360": ("referral", "referral_id", "locality_id"),
    **dict.fromkeys(PARTS, ("profile360", "profile_id", "access_locality")),
}
# The parents, and the column whose change moves their children.
MOVES = {"case_record": "locality_id", "referral": "locality_id", "profile360": "access_locality"}
# 0016's policies for managers (lm) and business support (bs) on these
# tables, one for all commands each, and the condition each had.
ROLES = {"lm": "locality_manager", "bs": "business_support"}
LOCAL = "access_locality = ANY ((SELECT tafdesk_my_localities())::uuid[])"
MANAGER, SUPPORT = "tafdesk_locality_manager", "tafdesk_business_support"

OPEN_CASES = "('taf_open', 'multi_agency_plan', 'working_together_meeting')"
# As 0016's tafdesk_open_caseloads(), for one professional.
BYPASSES = (
    "(pg_has_role(CASE current_setting('role') WHEN 'none' THEN session_user ELSE current_setting('role')::name END, "
    "current_user, 'MEMBER') OR EXISTS (SELECT FROM pg_roles WHERE rolname = "
    "CASE current_setting('role') WHEN 'none' THEN session_user ELSE current_setting('role')::name END "
    "AND (rolsuper OR rolbypassrls)))"
)
ONE_CASELOAD = (
    "tafdesk_open_caseload(professional uuid) RETURNS TABLE (led_cases bigint, led_weight double precision, "
    "supported_cases bigint, supported_weight double precision)"
)
ONE_CASELOAD_BODY = (
    "#variable_conflict use_column\n"
    f"DECLARE role text := tafdesk_my_role(); me uuid := tafdesk_my_professional(); everyone boolean := {BYPASSES}; "
    "BEGIN IF NOT (everyone OR role IN ('admin', 'locality_manager', 'business_support') "
    "OR role = 'lead_professional' AND professional = me) THEN RETURN; END IF; RETURN QUERY SELECT "
    "(SELECT count(*) FROM case_record WHERE lead_professional_id = professional AND status IN "
    f"{OPEN_CASES}), (SELECT coalesce(sum(complexity_weight), 0) FROM case_record "
    f"WHERE lead_professional_id = professional AND status IN {OPEN_CASES}), "
    "(SELECT count(*) FROM case_supporter s JOIN case_record c ON c.id = s.case_id "
    f"WHERE s.professional_id = professional AND c.status IN {OPEN_CASES}), "
    "(SELECT coalesce(sum(c.complexity_weight), 0) FROM case_supporter s JOIN case_record c ON c.id = s.case_id "
    f"WHERE s.professional_id = professional AND c.status IN {OPEN_CASES}); END"
)
GROUPS = "tafdesk_admin, tafdesk_locality_manager, tafdesk_business_support, tafdesk_lead_professional"


def upgrade() -> None:
    for table in SOURCES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("access_locality", sa.Uuid(), nullable=True))
    if op.get_bind().dialect.name != "postgresql":
        return
    path = _search_path()
    op.execute(
        f"CREATE FUNCTION tafdesk_access_locality() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER {path} "
        f"AS $body$ BEGIN {_lookups()} RETURN NEW; END $body$"
    )
    op.execute(
        f"CREATE FUNCTION tafdesk_access_locality_moved() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER {path} "
        f"AS $body$ BEGIN {_moves()} RETURN NULL; END $body$"
    )
    for name in ("tafdesk_access_locality()", "tafdesk_access_locality_moved()"):
        op.execute(f"REVOKE ALL ON FUNCTION {name} FROM PUBLIC")
    for table, (_, column, _) in SOURCES.items():
        op.execute(
            f"CREATE TRIGGER {table}_access_locality BEFORE INSERT OR UPDATE OF {column} ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION tafdesk_access_locality()"
        )
    for parent, column in MOVES.items():
        op.execute(
            f"CREATE TRIGGER {parent}_locality_moved AFTER UPDATE OF {column} ON {parent} FOR EACH ROW "
            f"WHEN (OLD.{column} IS DISTINCT FROM NEW.{column}) EXECUTE FUNCTION tafdesk_access_locality_moved()"
        )
    # Parents before children: a part copies its profile's column.
    for table, (parent, column, locality) in SOURCES.items():
        op.execute(f"UPDATE {table} t SET access_locality = p.{locality} FROM {parent} p WHERE p.id = t.{column}")
    _policies(lambda table, parent, column: LOCAL)
    op.execute(
        f"CREATE FUNCTION {ONE_CASELOAD} LANGUAGE plpgsql STABLE SECURITY DEFINER {path} AS $body$ {ONE_CASELOAD_BODY} $body$"
    )
    op.execute("REVOKE ALL ON FUNCTION tafdesk_open_caseload(uuid) FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION tafdesk_open_caseload(uuid) TO {GROUPS}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION tafdesk_open_caseload(uuid)")
        _policies(lambda table, parent, column: f"{column} IN (SELECT id FROM {parent})")
        for parent in MOVES:
            op.execute(f"DROP TRIGGER {parent}_locality_moved ON {parent}")
        for table in SOURCES:
            op.execute(f"DROP TRIGGER {table}_access_locality ON {table}")
        op.execute("DROP FUNCTION tafdesk_access_locality_moved()")
        op.execute("DROP FUNCTION tafdesk_access_locality()")
    for table in SOURCES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("access_locality")


def _search_path() -> str:
    schema = op.get_bind().exec_driver_sql("SELECT current_schema()").scalar_one()
    return 'SET search_path = "' + schema.replace('"', '""') + '", pg_temp'


def _lookups() -> str:
    branches = [
        f"IF TG_TABLE_NAME = '{table}' THEN NEW.access_locality := "
        f"(SELECT {locality} FROM {parent} WHERE id = NEW.{column});"
        for table, (parent, column, locality) in SOURCES.items()
    ]
    return " ELS".join(branches) + " END IF;"


def _moves() -> str:
    """A parent's new locality, copied to its children (a profile's move moves its parts in turn)."""
    branches = [
        f"IF TG_TABLE_NAME = '{parent}' THEN "
        + " ".join(
            f"UPDATE {table} SET access_locality = NEW.{locality} WHERE {column} = NEW.id;"
            for table, (of, column, _) in SOURCES.items()
            if of == parent
        )
        for parent, locality in MOVES.items()
    ]
    return " ELS".join(branches) + " END IF;"


def _policies(condition) -> None:
    """Managers' and business support's policies on the tables, with the condition given."""
    for table, (parent, column, _) in SOURCES.items():
        for short, role in ROLES.items():
            name = f"{table}_{short}_all"
            group = MANAGER if short == "lm" else SUPPORT
            rule = f"(SELECT tafdesk_my_role()) = '{role}' AND ({condition(table, parent, column)})"
            op.execute(f"DROP POLICY {name} ON {table}")
            op.execute(f"CREATE POLICY {name} ON {table} FOR ALL TO {group} USING ({rule})")  # checks writes too
