"""Need-to-know enforced by PostgreSQL: group roles, GRANTs, row-level security

On PostgreSQL only (SQLite has no roles; there the services' checks are the
guard), but for two indexes made on both. Each person connects as their own login role, a member of one group
role; the groups get coarse table privileges and row-level security policies
narrow them to the rows the access matrix (README) allows, keyed on who is
connected through app_user and user_locality in this database. The table
owner (tafdesk_owner) is exempt: it runs the migrations and the demo.

The policies ask small SECURITY DEFINER functions who the user is (their
role, localities, cases), each evaluated once per query as an InitPlan, so a
list costs little more than it costs the owner (the benchmark
rls_my_cases_overhead_ratio). Two more give the services what they need from
rows their user may not see, without the rows: caseload counts, and which
tables still refer to a directory entry being removed. The indexes on a
professional's cases (led, supported) now hold the case ids too, so listing
a lead professional's cases, as their policies do, reads no table.

Revision ID: 0016
Revises: 0015
Created: 2026-12-06 10:12:00
"""

from __future__ import annotations

from typing import NamedTuple

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

A, M, B, L = "admin", "locality_manager", "business_support", "lead_professional"
EVERYONE = (A, M, B, L)
MB = (M, B)
SHORT = {A: "admin", M: "lm", B: "bs", L: "lp"}
GROUPS = {role: f"tafdesk_{role}" for role in EVERYONE}
S = ("SELECT",)
SIUD = ("SELECT", "INSERT", "UPDATE", "DELETE")
IUD = ("INSERT", "UPDATE", "DELETE")

# Conditions, evaluated as the connected user. (SELECT f()) makes each helper
# an InitPlan: computed once per query, not once per row; the cast makes
# `= ANY` take the array rather than the subquery's rows.
ME = "(SELECT tafdesk_my_user())"


def local(column: str) -> str:
    return f"{column} = ANY ((SELECT tafdesk_my_localities())::uuid[])"


def my_case(column: str) -> str:
    return f"{column} = ANY ((SELECT tafdesk_my_case_ids())::uuid[])"


def my_family(column: str) -> str:
    return f"{column} = ANY ((SELECT tafdesk_my_family_ids())::uuid[])"


def seen(column: str, parent: str) -> str:
    """The parent row is one this user may see: the parent's own policies
    apply inside the subquery, so a child table follows its parent's rule."""
    return f"{column} IN (SELECT id FROM {parent})"


def of_local_professional(column: str) -> str:
    return f"{column} IN (SELECT id FROM professional WHERE {local('locality_id')})"


# The two audit entries the app shows beside a record its user may see: who
# produced a document, and why a profile was linked to a family by hand.
PRODUCED = f"action = 'document.produced' AND {seen('entity_id', 'generated_document')}"
LINKED = f"action = 'match.linked_by_hand' AND {seen('entity_id', 'profile360')}"
OPEN_CASES = "('taf_open', 'multi_agency_plan', 'working_together_meeting')"
# Business support keep the schedule, agenda and minutes; closing, reopening
# and deciding (status) stay with the chair.
BS_MEETING = "UPDATE (venue, starts_at, minutes_notes, minute_taker, declarations, updated_at, version)"
BS_AGENDA = "UPDATE (position, reason, minute_text, updated_at, version)"
# A lead professional closing their family's plan closes its case.
LP_CASE = "UPDATE (status, closed_on, closure_reason, updated_at, version)"
# Only to hold the row (SELECT ... FOR UPDATE needs an UPDATE privilege) while
# planning a locality's meetings.
LOCK_LOCALITY = "UPDATE (version)"
LP_PROFILE = "SELECT ({lp_profile_columns})"  # every column but original_document


class Rule(NamedTuple):
    table: str
    roles: tuple[str, ...]
    privileges: tuple[str, ...]
    condition: str = "true"


def _directory(table: str) -> list[Rule]:
    return [Rule(table, EVERYONE, S), Rule(table, (A,), IUD)]


def _content(table: str, condition: str, lp: str | None, *, bs_writes: bool = True) -> list[Rule]:
    """Case content: managers and business support within their localities
    (business support reading only where bs_writes is False), lead
    professionals reading what `lp` allows, administrators nothing."""
    rules = [Rule(table, (M,), SIUD, condition), Rule(table, (B,), SIUD if bs_writes else S, condition)]
    return rules + ([Rule(table, (L,), S, lp)] if lp else [])


RULES: list[Rule] = [
    # The directory: everyone reads it.
    *_directory("locality"),
    Rule("locality", MB, (LOCK_LOCALITY,), local("id")),
    *_directory("agency"),
    Rule("agency", MB, IUD),
    *_directory("professional"),
    Rule("professional", MB, IUD, local("locality_id")),
    *_directory("specialism"),
    Rule("specialism", MB, IUD, of_local_professional("professional_id")),
    *_directory("leave_period"),
    Rule("leave_period", MB, IUD, of_local_professional("professional_id")),
    # Settings: the letterhead (documents.*) is business support's too.
    *_directory("app_setting"),
    Rule("app_setting", MB, IUD, "key LIKE 'documents.%'"),
    *_directory("letter_template"),
    Rule("letter_template", MB, IUD),
    Rule("reference_counter", MB, ("SELECT", "INSERT", "UPDATE")),
    # Users: administrators manage them; others see themselves, and managers
    # and business support the colleagues of their localities.
    Rule("app_user", (A,), SIUD),
    Rule(
        "app_user",
        MB,
        S,
        f"id = {ME} OR id IN (SELECT user_id FROM user_locality WHERE {local('locality_id')})"
        f" OR {of_local_professional('professional_id')}",
    ),
    Rule("app_user", (L,), S, f"id = {ME}"),
    Rule("user_locality", (A,), SIUD),
    Rule("user_locality", MB, S, f"user_id = {ME} OR {local('locality_id')}"),
    Rule("user_locality", (L,), S, f"user_id = {ME}"),
    # The audit trail: everyone appends in their own name; nobody alters it.
    Rule("audit_event", EVERYONE, ("INSERT",), f"actor_id = {ME}"),
    Rule("audit_event", (A,), S),
    Rule("audit_event", MB, S, f"{PRODUCED} OR {LINKED}"),
    Rule("audit_event", (L,), S, PRODUCED),
    # Families, referrals and profiles.
    *_content("family", local("locality_id"), my_family("id")),
    *_content("person", seen("family_id", "family"), my_family("family_id")),
    *_content("family_record_version", seen("family_id", "family"), my_family("family_id")),
    *_content("referral", local("locality_id"), my_family("family_id")),
    *_content("profile360", seen("referral_id", "referral"), None),
    Rule("profile360", (L,), (LP_PROFILE,), seen("referral_id", "referral")),
    *[
        rule
        for part in ("profile_member", "profile_need", "profile_risk", "profile_strength")
        for rule in _content(part, seen("profile_id", "profile360"), seen("profile_id", "profile360"))
    ],
    *_content(
        "profile_involvement",
        seen("profile_id", "profile360"),
        f"{seen('profile_id', 'profile360')} AND (NOT restricted OR id IN (SELECT involvement_id FROM restricted_share))",
    ),
    *_content("profile_need_member", seen("need_id", "profile_need"), seen("need_id", "profile_need")),
    *_content("profile_risk_member", seen("risk_id", "profile_risk"), seen("risk_id", "profile_risk")),
    *_content(
        "profile_involvement_member",
        seen("involvement_id", "profile_involvement"),
        seen("involvement_id", "profile_involvement"),
    ),
    # A restricted item shared by the chair: its lead professional sees their own shares.
    *_content(
        "restricted_share",
        seen("involvement_id", "profile_involvement"),
        "professional_id = (SELECT tafdesk_my_professional())",
        bs_writes=False,
    ),
    # Wording marked restricted: the plan's team marks it too.
    *_content("restricted_wording", seen("family_id", "family"), my_family("family_id")),
    Rule("restricted_wording", (L,), ("INSERT", "DELETE"), my_family("family_id")),
    *_content("match_suggestion", seen("profile_id", "profile360"), None),
    *_content("profile_amendment", seen("profile_id", "profile360"), None),
    # Cases.
    *_content("case_record", local("locality_id"), my_case("id")),
    Rule("case_record", (L,), (LP_CASE,), my_case("id")),
    *_content("case_supporter", seen("case_id", "case_record"), my_case("case_id")),
    # Meetings: the chair decides; business support keep them.
    Rule("meeting", (M,), SIUD, local("locality_id")),
    Rule("meeting", (B,), ("SELECT", "INSERT", BS_MEETING), local("locality_id")),
    *_content("attendance", seen("meeting_id", "meeting"), None),
    *_content("candidate_widening", seen("meeting_id", "meeting"), None, bs_writes=False),
    Rule("agenda_item", (M,), SIUD, seen("meeting_id", "meeting")),
    Rule("agenda_item", (B,), ("SELECT", "INSERT", "DELETE", BS_AGENDA), seen("meeting_id", "meeting")),
    *_content("decision", seen("agenda_item_id", "agenda_item"), None, bs_writes=False),
    *_content("decision_supporter", seen("decision_id", "decision"), None, bs_writes=False),
    *_content("decision_action", seen("decision_id", "decision"), None, bs_writes=False),
    # Documents: lead professionals make and keep their families' plans.
    Rule(
        "generated_document",
        MB,
        ("SELECT", "INSERT", "UPDATE"),
        f"{seen('case_id', 'case_record')} OR {seen('meeting_id', 'meeting')}",
    ),
    Rule("generated_document", (L,), ("SELECT", "INSERT", "UPDATE"), f"doc_type = 'taf_plan' AND {my_case('case_id')}"),
    # TAF plans: drafted, agreed and reviewed by the chair's locality and the team.
    *_content("taf_plan", seen("case_id", "case_record"), None, bs_writes=False),
    Rule("taf_plan", (L,), ("SELECT", "INSERT", "UPDATE"), my_case("case_id")),
    *[
        rule
        for part in ("taf_outcome", "taf_action", "taf_review")
        for rule in [
            *_content(part, seen("plan_id", "taf_plan"), None, bs_writes=False),
            Rule(part, (L,), SIUD, seen("plan_id", "taf_plan")),
        ]
    ],
    *[
        rule
        for part in ("taf_review_score", "taf_review_progress")
        for rule in [
            *_content(part, seen("review_id", "taf_review"), None, bs_writes=False),
            Rule(part, (L,), SIUD, seen("review_id", "taf_review")),
        ]
    ],
]

# Who is connected. Inside a SECURITY DEFINER function current_user is the
# function's owner, so the caller is read from what SECURITY DEFINER leaves
# alone: SET ROLE's setting, else the session's user. This is the caller's
# current_user.
INVOKER = "CASE current_setting('role') WHEN 'none' THEN session_user ELSE current_setting('role')::name END"
# The caller bypasses row-level security: a superuser, or the owner (current_user here).
BYPASSES = (
    f"(pg_has_role({INVOKER}, current_user, 'MEMBER') OR EXISTS "
    f"(SELECT FROM pg_roles WHERE rolname = {INVOKER} AND (rolsuper OR rolbypassrls)))"
)
MY_ROW = f"lower(username) = lower({INVOKER}) AND active"  # as signing in matches it


DIRECTORY_TABLES = "('locality', 'agency', 'professional', 'app_user', 'letter_template')"


def _returns(query: str) -> str:
    return f"BEGIN RETURN ({query}); END"


# PL/pgSQL rather than SQL: it keeps each query's plan for the session, which
# makes a call several times cheaper, and policies make several per query.
HELPERS = {
    "tafdesk_my_user() RETURNS uuid": _returns(f"SELECT id FROM app_user WHERE {MY_ROW}"),
    "tafdesk_my_role() RETURNS text": _returns(f"SELECT role FROM app_user WHERE {MY_ROW}"),
    # A lead professional's own directory entry; none for the other roles, so
    # that what hangs on it (their cases, their families) is theirs alone.
    "tafdesk_my_professional() RETURNS uuid": _returns(
        f"SELECT professional_id FROM app_user WHERE {MY_ROW} AND role = 'lead_professional'"
    ),
    "tafdesk_my_localities() RETURNS uuid[]": _returns(
        "SELECT coalesce(array_agg(locality_id), '{}') FROM user_locality WHERE user_id = tafdesk_my_user()"
    ),
    # The cases a lead professional leads or supports (closed ones too), and
    # their families. Arrays rather than joins: each lookup stays on its index
    # in the plan kept for every professional, however stale the statistics.
    "tafdesk_my_case_ids() RETURNS uuid[]": "DECLARE me uuid := tafdesk_my_professional(); BEGIN "
    "RETURN array(SELECT id FROM case_record WHERE lead_professional_id = me) "
    "|| array(SELECT case_id FROM case_supporter WHERE professional_id = me); END",
    "tafdesk_my_family_ids() RETURNS uuid[]": _returns(
        "SELECT coalesce(array_agg(DISTINCT family_id), '{}') FROM case_record WHERE id = ANY (tafdesk_my_case_ids())"
    ),
    # Caseloads for ranking, the balance chart and the directory: counts and
    # weights of open cases per professional, no family data. Everyone's for
    # administrators, managers and business support (and the owner, who
    # sees every row anyway); a lead professional's own.
    "tafdesk_open_caseloads() RETURNS TABLE (professional_id uuid, led_cases bigint, led_weight double precision, "
    "supported_cases bigint, supported_weight double precision)": "#variable_conflict use_column\n"
    f"DECLARE role text := tafdesk_my_role(); me uuid := tafdesk_my_professional(); everyone boolean := {BYPASSES}; "
    "BEGIN RETURN QUERY "
    "WITH led AS (SELECT lead_professional_id AS pid, count(*) AS n, sum(complexity_weight) AS w FROM case_record "
    f"WHERE status IN {OPEN_CASES} AND lead_professional_id IS NOT NULL GROUP BY 1), "
    "supported AS (SELECT s.professional_id AS pid, count(*) AS n, sum(c.complexity_weight) AS w "
    "FROM case_supporter s JOIN case_record c ON c.id = s.case_id "
    f"WHERE c.status IN {OPEN_CASES} GROUP BY 1) "
    "SELECT coalesce(led.pid, supported.pid), coalesce(led.n, 0), coalesce(led.w, 0), "
    "coalesce(supported.n, 0), coalesce(supported.w, 0) FROM led FULL JOIN supported ON supported.pid = led.pid "
    "WHERE everyone OR role IN ('admin', 'locality_manager', 'business_support') "
    "OR role = 'lead_professional' AND coalesce(led.pid, supported.pid) = me; END",
    # Which tables still refer to a directory entry about to be removed,
    # counted over every row (ON DELETE CASCADE ones aside): table names only.
    "tafdesk_referring_tables(entry_table text, entry_id uuid) RETURNS SETOF text": "DECLARE fk record; found boolean; BEGIN "
    f"IF entry_table NOT IN {DIRECTORY_TABLES} THEN RETURN; END IF; "
    "FOR fk IN SELECT c.conrelid::regclass::text AS tbl, a.attname AS col FROM pg_constraint c "
    "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
    "WHERE c.contype = 'f' AND c.confrelid = entry_table::regclass AND c.confdeltype <> 'c' LOOP "
    "EXECUTE format('SELECT EXISTS (SELECT FROM %s WHERE %I = $1)', fk.tbl, fk.col) INTO found USING entry_id; "
    "IF found THEN RETURN NEXT fk.tbl; END IF; END LOOP; END",
}


def _commands(privileges: tuple[str, ...]) -> list[str]:
    return [privilege.split()[0] for privilege in privileges]


def _policies() -> list[tuple[str, str, str, str, str]]:
    """(name, table, command, group, condition), one per rule, role and command."""
    policies, names = [], set()
    for rule in RULES:
        for role in rule.roles:
            # One policy for all four commands where the group has them all.
            commands = ["ALL"] if rule.privileges == SIUD else _commands(rule.privileges)
            for command in commands:
                name = f"{rule.table}_{SHORT[role]}_{command.lower()}"
                assert name not in names, f"two rules give {name}"
                names.add(name)
                # The role in this database, not only the group: a login role
                # in another group on another database's behalf gets nothing here.
                condition = (
                    rule.condition
                    if _self_checked(role, rule.condition)
                    else f"(SELECT tafdesk_my_role()) = '{role}' AND ({rule.condition})"
                )
                policies.append((name, rule.table, command, GROUPS[role], condition))
    return policies


def _self_checked(role: str, condition: str) -> bool:
    """A lead professional's condition that holds only through their own
    directory entry (empty unless their role here is lead professional) needs
    no separate role check: one helper call per table rather than two."""
    gated = ("tafdesk_my_case_ids()", "tafdesk_my_family_ids()", "tafdesk_my_professional()")
    return role == L and " OR " not in condition and any(helper in condition for helper in gated)


def _tables() -> list[str]:
    return sorted({rule.table for rule in RULES})


def upgrade() -> None:
    _covering_indexes()
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    _create_groups()
    schema = bind.exec_driver_sql("SELECT current_schema()").scalar_one()
    for signature, body in HELPERS.items():
        op.execute(
            f"CREATE FUNCTION {signature} LANGUAGE plpgsql STABLE SECURITY DEFINER "
            f"SET search_path = {_quoted(schema)}, pg_temp AS $body$ {body} $body$"
        )
        op.execute(f"REVOKE ALL ON FUNCTION {_name(signature)} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {_name(signature)} TO {', '.join(GROUPS.values())}")
    op.execute(f"GRANT SELECT ON alembic_version TO {', '.join(GROUPS.values())}")
    lp_columns = bind.exec_driver_sql(
        "SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = 'profile360' AND column_name <> 'original_document'"
    ).scalar()
    for rule in RULES:
        privileges = ", ".join(rule.privileges).format(lp_profile_columns=lp_columns)
        op.execute(f"GRANT {privileges} ON {rule.table} TO {', '.join(GROUPS[r] for r in rule.roles)}")
    for table in _tables():
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    for name, table, command, group, condition in _policies():
        using = "" if command == "INSERT" else f" USING ({condition})"
        check = f" WITH CHECK ({condition})" if command in ("INSERT", "UPDATE") else ""
        op.execute(f"CREATE POLICY {name} ON {table} FOR {command} TO {group}{using}{check}")


def downgrade() -> None:
    """Everything but the group roles: they are shared by every tafdesk
    database on the server, so another database may still use them."""
    if op.get_bind().dialect.name == "postgresql":
        _drop_access_rules()
    with op.batch_alter_table("case_supporter", schema=None) as batch_op:
        batch_op.drop_index("ix_case_supporter_professional_cases")
        batch_op.create_index(batch_op.f("ix_case_supporter_professional_id"), ["professional_id"], unique=False)
    with op.batch_alter_table("case_record", schema=None) as batch_op:
        batch_op.drop_index("ix_case_record_lead_professional_cases")
        batch_op.create_index(batch_op.f("ix_case_record_lead_professional_id"), ["lead_professional_id"], unique=False)


def _covering_indexes() -> None:
    """On both databases: a lead professional's cases read from the index
    alone, since row-level security asks for them in every statement."""
    with op.batch_alter_table("case_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_record_lead_professional_id"))
        batch_op.create_index("ix_case_record_lead_professional_cases", ["lead_professional_id", "id"], unique=False)
    with op.batch_alter_table("case_supporter", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_supporter_professional_id"))
        batch_op.create_index("ix_case_supporter_professional_cases", ["professional_id", "case_id"], unique=False)


def _drop_access_rules() -> None:
    for name, table, *_ in _policies():
        op.execute(f"DROP POLICY {name} ON {table}")
    groups = ", ".join(GROUPS.values())
    for table in _tables():
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        op.execute(f"REVOKE ALL ON {table} FROM {groups}")
    op.execute(f"REVOKE ALL ON alembic_version FROM {groups}")
    for signature in reversed(HELPERS):
        op.execute(f"DROP FUNCTION {_name(signature)}")


def _create_groups() -> None:
    """Idempotent, and safe against another database's upgrade making the same
    group at the same moment."""
    for group in GROUPS.values():
        op.execute(f"""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{group}') THEN
                    CREATE ROLE {group} NOLOGIN;
                END IF;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$""")


def _name(signature: str) -> str:
    return signature.split(" RETURNS ")[0]


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
