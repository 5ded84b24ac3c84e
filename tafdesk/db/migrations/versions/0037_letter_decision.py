"""What a letter to the family says was decided, for the family's team

On PostgreSQL a lead professional may not read decisions, agenda items or
meetings (migrations 0016, 0026: the rationale, restricted reasons and the
meeting's other families stay with the group), yet the letter to the family
they may make (0036) says what the group decided and who the family's team
is. `tafdesk_letter_decision(case)` gives them exactly that for a case they
lead or support, the group's latest decision on it: its outcome, the lead
it allocated, the agencies and professionals it added to the team, and the
day, locality and venue of the meeting. Nothing else of the decision (no
rationale, deferral, widening or override reasons, actions, case history),
nor of the meeting. Asked about another case it refuses (insufficient
privilege); with no decision yet it returns NULL.

A function rather than a view: the answer is one small document per case,
the same JSON an offline copy keeps for the cases it takes (so the letter
can be made offline), and the check on whose case it is sits beside the
read. SECURITY DEFINER with its search_path pinned; the caller is told by
tafdesk_my_case_ids() (migration 0016), which reads who is connected.

On SQLite nothing changes: there the services' checks are the rules.

Revision ID: 0037
Revises: 0036
Created: 2026-12-13 09:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0037"
down_revision = "0036"
branch_labels = None
depends_on = None

LEADS = "tafdesk_lead_professional"
SIGNATURE = "tafdesk_letter_decision(the_case uuid)"
# The meeting's day is England's, as the app's clock says (fixed here, as 0026 does).
BODY = """
BEGIN
    IF NOT the_case = ANY (tafdesk_my_case_ids()) THEN
        RAISE EXCEPTION 'the letter''s decision is given only for a case you lead or support'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN (
        SELECT jsonb_build_object(
            'outcome', d.outcome,
            'lead_professional_id', d.lead_professional_id,
            'supporters', coalesce(
                (SELECT jsonb_agg(jsonb_build_array(s.agency_id, s.professional_id) ORDER BY s.created_at, s.id)
                 FROM decision_supporter s WHERE s.decision_id = d.id),
                '[]'::jsonb),
            'meeting_on', (m.starts_at AT TIME ZONE 'Europe/London')::date,
            'meeting_locality_id', m.locality_id,
            'meeting_venue', m.venue)
        FROM decision d
        JOIN agenda_item i ON i.id = d.agenda_item_id
        JOIN meeting m ON m.id = i.meeting_id
        WHERE d.case_id = the_case
        ORDER BY d.decided_at DESC
        LIMIT 1);
END
"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.exec_driver_sql("SELECT current_schema()").scalar_one()
    path = '"' + schema.replace('"', '""') + '", pg_temp'
    op.execute(
        f"CREATE FUNCTION {SIGNATURE} RETURNS jsonb LANGUAGE plpgsql STABLE SECURITY DEFINER "
        f"SET search_path = {path} AS $body${BODY}$body$"
    )
    op.execute("REVOKE ALL ON FUNCTION tafdesk_letter_decision(uuid) FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION tafdesk_letter_decision(uuid) TO {LEADS}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION tafdesk_letter_decision(uuid)")
