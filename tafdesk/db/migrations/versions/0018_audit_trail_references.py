"""The audit trail's references for administrators

On PostgreSQL only. Administrators read every audit event but no case
content (migration 0016), so by themselves they could neither find the
events about one family nor say which case an event is about. Two SECURITY
DEFINER functions, executable by the administrators' group alone, give them
exactly that and no more: ids and references (N-2026-0012, F-000042, "North
2026-12-01"), a document's type, never a name or a word of the record.

- tafdesk_audit_family_records(ref): the ids an audit event about the family
  of a case or family reference may name (the family, its people, referrals,
  profiles and their items, cases, plans, documents, agenda items and
  decisions); none for a reference unknown here.
- tafdesk_audit_records(ids): each of those ids' case reference (the
  family's, for what belongs to no case; the meeting's name for a meeting or
  its minutes) and, for a document, its type.

Both answer nothing unless the caller is an active administrator of this
database (or the owner, or a superuser). SQLite has no roles: there the
services read the tables themselves (services/audit_trail.py).

Revision ID: 0018
Revises: 0017
Created: 2026-12-07 09:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

ADMINS = "tafdesk_admin"
# Who called (inside a SECURITY DEFINER function current_user is the owner),
# and whether they bypass row-level security: as migration 0016 reads them.
INVOKER = "CASE current_setting('role') WHEN 'none' THEN session_user ELSE current_setting('role')::name END"
BYPASSES = (
    f"(pg_has_role({INVOKER}, current_user, 'MEMBER') OR EXISTS "
    f"(SELECT FROM pg_roles WHERE rolname = {INVOKER} AND (rolsuper OR rolbypassrls)))"
)
MAY_READ = f"(tafdesk_my_role() = 'admin' OR {BYPASSES})"

# A referral's case, else its family: what its profile's events are about.
REFERRAL_REF = "coalesce(c.reference, f.reference)::text"
OF_REFERRAL = "JOIN family f ON f.id = r.family_id LEFT JOIN case_record c ON c.id = r.case_id"
MEETING_NAME = "l.name || ' ' || to_char(m.starts_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD')"

FUNCTIONS = {
    "tafdesk_audit_family_records(ref text) RETURNS SETOF uuid": "DECLARE fam uuid; BEGIN "
    f"IF NOT {MAY_READ} THEN RETURN; END IF; "
    "SELECT id INTO fam FROM family WHERE reference = ref; "
    "IF fam IS NULL THEN SELECT family_id INTO fam FROM case_record WHERE reference = ref; END IF; "
    "IF fam IS NULL THEN RETURN; END IF; "
    "RETURN QUERY "
    "WITH cases AS (SELECT id FROM case_record WHERE family_id = fam), "
    "referrals AS (SELECT id FROM referral WHERE family_id = fam), "
    "profiles AS (SELECT id FROM profile360 WHERE referral_id IN (SELECT id FROM referrals)) "
    "SELECT fam "
    "UNION ALL SELECT id FROM person WHERE family_id = fam "
    "UNION ALL SELECT id FROM restricted_wording WHERE family_id = fam "
    "UNION ALL SELECT id FROM referrals "
    "UNION ALL SELECT id FROM profiles "
    "UNION ALL SELECT id FROM profile_involvement WHERE profile_id IN (SELECT id FROM profiles) "
    "UNION ALL SELECT id FROM profile_amendment WHERE profile_id IN (SELECT id FROM profiles) "
    "UNION ALL SELECT id FROM cases "
    "UNION ALL SELECT id FROM taf_plan WHERE case_id IN (SELECT id FROM cases) "
    "UNION ALL SELECT id FROM generated_document WHERE case_id IN (SELECT id FROM cases) "
    "UNION ALL SELECT id FROM agenda_item WHERE case_id IN (SELECT id FROM cases) "
    "UNION ALL SELECT id FROM decision WHERE case_id IN (SELECT id FROM cases); END",
    "tafdesk_audit_records(ids uuid[]) RETURNS TABLE (entity_id uuid, reference text, doc_type text)": "#variable_conflict use_column\n"
    "BEGIN "
    f"IF NOT {MAY_READ} THEN RETURN; END IF; "
    "RETURN QUERY "
    "SELECT c.id, c.reference::text, NULL::text FROM case_record c WHERE c.id = ANY (ids) "
    "UNION ALL SELECT f.id, f.reference::text, NULL FROM family f WHERE f.id = ANY (ids) "
    "UNION ALL SELECT p.id, f.reference::text, NULL FROM person p JOIN family f ON f.id = p.family_id "
    "WHERE p.id = ANY (ids) "
    "UNION ALL SELECT w.id, f.reference::text, NULL FROM restricted_wording w JOIN family f ON f.id = w.family_id "
    "WHERE w.id = ANY (ids) "
    f"UNION ALL SELECT r.id, {REFERRAL_REF}, NULL FROM referral r {OF_REFERRAL} WHERE r.id = ANY (ids) "
    f"UNION ALL SELECT p.id, {REFERRAL_REF}, NULL FROM profile360 p JOIN referral r ON r.id = p.referral_id "
    f"{OF_REFERRAL} WHERE p.id = ANY (ids) "
    f"UNION ALL SELECT x.id, {REFERRAL_REF}, NULL FROM profile_involvement x "
    f"JOIN profile360 p ON p.id = x.profile_id JOIN referral r ON r.id = p.referral_id {OF_REFERRAL} "
    "WHERE x.id = ANY (ids) "
    f"UNION ALL SELECT x.id, {REFERRAL_REF}, NULL FROM profile_amendment x "
    f"JOIN profile360 p ON p.id = x.profile_id JOIN referral r ON r.id = p.referral_id {OF_REFERRAL} "
    "WHERE x.id = ANY (ids) "
    "UNION ALL SELECT t.id, c.reference::text, NULL FROM taf_plan t JOIN case_record c ON c.id = t.case_id "
    "WHERE t.id = ANY (ids) "
    "UNION ALL SELECT a.id, c.reference::text, NULL FROM agenda_item a JOIN case_record c ON c.id = a.case_id "
    "WHERE a.id = ANY (ids) "
    "UNION ALL SELECT d.id, c.reference::text, NULL FROM decision d JOIN case_record c ON c.id = d.case_id "
    "WHERE d.id = ANY (ids) "
    f"UNION ALL SELECT g.id, coalesce(c.reference::text, {MEETING_NAME}), g.doc_type::text "
    "FROM generated_document g LEFT JOIN case_record c ON c.id = g.case_id "
    "LEFT JOIN meeting m ON m.id = g.meeting_id LEFT JOIN locality l ON l.id = m.locality_id "
    "WHERE g.id = ANY (ids) "
    f"UNION ALL SELECT m.id, {MEETING_NAME}, NULL FROM meeting m JOIN locality l ON l.id = m.locality_id "
    "WHERE m.id = ANY (ids); END",
}


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.exec_driver_sql("SELECT current_schema()").scalar_one()
    for signature, body in FUNCTIONS.items():
        op.execute(
            f"CREATE FUNCTION {signature} LANGUAGE plpgsql STABLE SECURITY DEFINER "
            f"SET search_path = {_quoted(schema)}, pg_temp AS $body$ {body} $body$"
        )
        op.execute(f"REVOKE ALL ON FUNCTION {_name(signature)} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {_name(signature)} TO {ADMINS}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for signature in reversed(FUNCTIONS):
        op.execute(f"DROP FUNCTION {_name(signature)}")


def _name(signature: str) -> str:
    return signature.split(" RETURNS ")[0]


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
