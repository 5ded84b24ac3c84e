"""The access matrix, cell by cell, as the server enforces it: every role
reads and updates every case table, and sees exactly the rows of the families
its role allows (or is refused outright where its group has no privilege);
the tables of the work between the meetings (and the meeting's actions the
team follows up) are added to and deleted from too.

The expected rows come from the owner's view through each row's family (or
locality), not from the policies, so the two are independent."""

from __future__ import annotations

import json
import uuid

import psycopg
import pytest

from tests.pg_access.conftest import DENIED, FAMILIES

PROFILE = "JOIN profile360 p ON p.id = x.profile_id JOIN referral r ON r.id = p.referral_id"
PLAN = "JOIN taf_plan t ON t.id = x.plan_id JOIN case_record c ON c.id = t.case_id"
REVIEW = (
    "JOIN taf_review v ON v.id = x.review_id JOIN taf_plan t ON t.id = v.plan_id JOIN case_record c ON c.id = t.case_id"
)
DECISION = "JOIN decision d ON d.id = x.decision_id JOIN case_record c ON c.id = d.case_id"
SHARED = "(SELECT involvement_id FROM restricted_share WHERE professional_id = :tomas)"
# table -> owner's query: (row id, its family, whether a lead professional in the family's team may see it)
FAMILY_OF = {
    "family": "SELECT id, id, true FROM family x",
    "person": "SELECT id, family_id, true FROM person x",
    "family_record_version": "SELECT id, family_id, true FROM family_record_version x",
    "restricted_wording": "SELECT id, family_id, true FROM restricted_wording x",
    "referral": "SELECT id, family_id, true FROM referral x",
    "profile360": "SELECT x.id, r.family_id, true FROM profile360 x JOIN referral r ON r.id = x.referral_id",
    **{
        part: f"SELECT x.id, r.family_id, true FROM {part} x {PROFILE}"
        for part in (
            "profile_member",
            "profile_need",
            "profile_risk",
            "profile_strength",
            "match_suggestion",
            "profile_amendment",
        )
    },
    "profile_involvement": f"SELECT x.id, r.family_id, NOT x.restricted OR x.id IN {SHARED} FROM profile_involvement x {PROFILE}",
    "profile_involvement_member": "SELECT m.id, r.family_id, NOT x.restricted OR x.id IN "
    + SHARED
    + f" FROM profile_involvement_member m JOIN profile_involvement x ON x.id = m.involvement_id {PROFILE}",
    "profile_need_member": "SELECT m.id, r.family_id, true FROM profile_need_member m "
    f"JOIN profile_need x ON x.id = m.need_id {PROFILE}",
    "profile_risk_member": "SELECT m.id, r.family_id, true FROM profile_risk_member m "
    f"JOIN profile_risk x ON x.id = m.risk_id {PROFILE}",
    "restricted_share": "SELECT s.id, r.family_id, s.professional_id = :tomas FROM restricted_share s "
    f"JOIN profile_involvement x ON x.id = s.involvement_id {PROFILE}",
    "case_record": "SELECT id, family_id, true FROM case_record x",
    "case_supporter": "SELECT x.id, c.family_id, true FROM case_supporter x JOIN case_record c ON c.id = x.case_id",
    "case_note": "SELECT x.id, c.family_id, true FROM case_note x JOIN case_record c ON c.id = x.case_id",
    "case_note_child": "SELECT m.id, c.family_id, true FROM case_note_child m JOIN case_note x ON x.id = m.note_id "
    "JOIN case_record c ON c.id = x.case_id",
    "agenda_item": "SELECT x.id, c.family_id, true FROM agenda_item x JOIN case_record c ON c.id = x.case_id",
    "decision": "SELECT x.id, c.family_id, true FROM decision x JOIN case_record c ON c.id = x.case_id",
    "decision_supporter": f"SELECT x.id, c.family_id, true FROM decision_supporter x {DECISION}",
    "decision_action": f"SELECT x.id, c.family_id, true FROM decision_action x {DECISION}",
    "generated_document": "SELECT x.id, c.family_id, x.doc_type IN ('taf_plan', 'chronology_full', "
    "'chronology_agencies', 'letter_family', 'letter_review_invitation') FROM generated_document x "
    "JOIN case_record c ON c.id = x.case_id",
    "taf_plan": "SELECT x.id, c.family_id, true FROM taf_plan x JOIN case_record c ON c.id = x.case_id",
    "action_follow_up": "SELECT x.id, c.family_id, true FROM action_follow_up x JOIN case_record c ON c.id = x.case_id",
    "consent": "SELECT x.id, c.family_id, true FROM consent x JOIN case_record c ON c.id = x.case_id",
    "early_help_assessment": "SELECT x.id, c.family_id, true FROM early_help_assessment x "
    "JOIN case_record c ON c.id = x.case_id",
    **{
        part: f"SELECT m.id, c.family_id, true FROM {part} m JOIN early_help_assessment x ON x.id = m.assessment_id "
        "JOIN case_record c ON c.id = x.case_id"
        for part in ("early_help_assessment_child", "early_help_assessment_need")
    },
    **{
        part: f"SELECT x.id, c.family_id, true FROM {part} x JOIN case_record c ON c.id = x.case_id"
        for part in ("group_request", "transition_plan", "lead_change")
    },
    "case_closure": "SELECT x.id, c.family_id, true FROM case_closure x JOIN case_record c ON c.id = x.case_id",
    "case_closure_need": "SELECT m.id, c.family_id, true FROM case_closure_need m "
    "JOIN case_closure x ON x.id = m.closure_id JOIN case_record c ON c.id = x.case_id",
    "outcome_evidence": "SELECT x.id, c.family_id, true FROM outcome_evidence x JOIN case_record c ON c.id = x.case_id",
    **{
        part: f"SELECT x.id, c.family_id, true FROM {part} x {PLAN}"
        for part in ("taf_outcome", "taf_action", "taf_review")
    },
    **{
        part: f"SELECT x.id, c.family_id, true FROM {part} x {REVIEW}"
        for part in ("taf_review_score", "taf_review_progress")
    },
}
LOCALITY_OF = {
    "meeting": "SELECT id, locality_id FROM meeting",
    "attendance": "SELECT x.id, m.locality_id FROM attendance x JOIN meeting m ON m.id = x.meeting_id",
    "candidate_widening": "SELECT x.id, m.locality_id FROM candidate_widening x JOIN meeting m ON m.id = x.meeting_id",
}
NORTH = {name for name, locality in FAMILIES.items() if locality == "North"}
# Whose families each role works with: its locality, or its Team Around the Family.
FAMILIES_OF = {"lm_north": NORTH, "bs_north": NORTH, "lm_south": {"Byrne"}, "lp": {"Mensah", "Kowalczyk"}}
# What each role may not read at all (no GRANT), and what it may not update.
CASE_NOTES = {"case_note", "case_note_child"}  # the team's and its managers': never updated, a correction is a new note
NOT_READ = {
    "admin": set(FAMILY_OF) | set(LOCALITY_OF),
    "bs_north": CASE_NOTES,
    # (A lead professional reads their cases' meeting actions, through the case on each: migration 0026.)
    "lp": {
        "match_suggestion",
        "profile_amendment",
        "agenda_item",
        "decision",
        "decision_supporter",
        *LOCALITY_OF,
    },
}
NOT_UPDATED = {
    "lm_north": CASE_NOTES,
    "lm_south": CASE_NOTES,
    "nobody": CASE_NOTES,  # a manager with no localities
    "bs_north": {
        "restricted_share",
        "decision",
        "decision_supporter",
        "action_follow_up",  # a follow-up is kept as written (business support mark decision_action.done)
        "group_request",  # decided by the chair; business support put it on the agenda (agenda_item.request_id)
        "lead_change",  # proposed and answered by managers and the receiving professional
        "case_closure",  # business support read closures to make their letters; managers decide them
        "case_closure_need",
        "outcome_evidence",
        "candidate_widening",
        "taf_plan",
        "taf_outcome",
        "taf_action",
        "taf_review",
        "taf_review_score",
        "taf_review_progress",
    },
    "lp": {
        "family",
        "person",
        "family_record_version",
        "referral",
        "profile360",
        "profile_member",
        "profile_need",
        "profile_risk",
        "profile_strength",
        "profile_involvement",
        "profile_involvement_member",
        "profile_need_member",
        "profile_risk_member",
        "restricted_share",
        "restricted_wording",
        "case_supporter",
        *CASE_NOTES,
        "action_follow_up",
        "transition_plan",  # recorded at intake
        "case_closure_need",  # kept as proposed (the lead updates a closure only to reopen the case)
        "outcome_evidence",  # a record is kept as written; a later one says what changed
    },
}
# Where a lead professional changes fewer rows than they read: a change of
# lead only when it is proposed to them (they answer it).
LP_CHANGES = {
    "lead_change": "SELECT x.id, c.family_id, x.to_lead_id = :tomas FROM lead_change x "
    "JOIN case_record c ON c.id = x.case_id",
}
ROLES = ["admin", "lm_north", "lm_south", "bs_north", "lp", "nobody"]

# The work between the meetings (issue 17), and the meeting's actions the team follows up.
BETWEEN_MEETINGS = [
    "action_follow_up",
    "case_closure",
    "case_closure_need",
    "case_note",
    "case_note_child",
    "consent",
    "decision_action",
    "early_help_assessment",
    "early_help_assessment_child",
    "early_help_assessment_need",
    "group_request",
    "lead_change",
    "outcome_evidence",
    "transition_plan",
]
LM, BS, LP = "locality_manager", "business_support", "lead_professional"
GROUP = {"admin": "admin", "lm_north": LM, "lm_south": LM, "nobody": LM, "bs_north": BS, "lp": LP}
# Which groups may add a row (of their own families), and which may delete one; the others are refused.
ADDS = {
    "action_follow_up": {LM, BS, LP},  # the owner, the lead, a manager; business support at the meeting
    "case_closure": {LM, LP},  # the lead proposes, a manager decides
    "case_closure_need": {LM, LP},
    "case_note": {LP},  # the team writes notes and their corrections; managers read them
    "case_note_child": {LP},
    "consent": {LM, BS, LP},
    "decision_action": {LM},  # agreed at the meeting by its chair; the team marks them (test_updating)
    "early_help_assessment": {LM, BS, LP},
    "early_help_assessment_child": {LM, BS, LP},
    "early_help_assessment_need": {LM, BS, LP},
    "group_request": {LM, LP},  # raised by the lead
    "lead_change": {LM},  # proposed by a manager
    "outcome_evidence": {LM, LP},
    "transition_plan": {LM, BS},  # recorded at intake
}
DELETES = {
    **{table: {LM} for table in BETWEEN_MEETINGS},
    "case_note": set(),  # nobody: a note is corrected by a new version, never removed
    "case_note_child": set(),
    "early_help_assessment_child": {LM, BS, LP},  # an assessment's children and needs are edited as a list
    "early_help_assessment_need": {LM, BS, LP},
}
ADDED = "added"


def _expected(world, who: str, table: str, query: str | None = None) -> set:
    if table in LOCALITY_OF:
        locality = {"lm_north": "North", "bs_north": "North", "lm_south": "South"}.get(who)
        return {row_id for row_id, loc in world.owner_rows(LOCALITY_OF[table]) if loc == world.localities.get(locality)}
    allowed = {world.families[name] for name in FAMILIES_OF.get(who, ())}
    return {
        row_id
        for row_id, family, lp_may in world.owner_rows(query or FAMILY_OF[table], tomas=world.people["Tomas"])
        if family in allowed and (who != "lp" or lp_may)
    }


def _attempt(conn, sql: str) -> set | str:
    """The ids the statement returned, or the SQLSTATE it was refused with."""
    try:
        return {row[0] for row in conn.execute(sql)}
    except psycopg.Error as exc:
        conn.rollback()
        return exc.sqlstate


@pytest.mark.parametrize("table", sorted(FAMILY_OF) + sorted(LOCALITY_OF))
@pytest.mark.parametrize("who", ROLES)
def test_reading(world, who, table):
    with world.connect(who) as conn:
        seen = _attempt(conn, f"SELECT id FROM {table}")
    assert seen == (DENIED if table in NOT_READ.get(who, ()) else _expected(world, who, table))


@pytest.mark.parametrize("table", sorted(FAMILY_OF) + sorted(LOCALITY_OF))
@pytest.mark.parametrize("who", ROLES)
def test_updating(world, who, table):
    """Every row is tried; only those of the role's own families change."""
    with world.connect(who) as conn:
        changed = _attempt(conn, f"UPDATE {table} SET updated_at = updated_at RETURNING id")
    refused = table in NOT_READ.get(who, set()) | NOT_UPDATED.get(who, set())
    # (A lead professional updates a case's status and dates only: closing its plan closes it.)
    query = LP_CHANGES.get(table) if who == "lp" else None
    assert changed == (DENIED if refused else _expected(world, who, table, query))


def test_the_work_between_the_meetings_has_a_row_of_each_kind_for_every_family(world):
    """Else the cells below would pass on empty tables."""
    for table in BETWEEN_MEETINGS:
        families = {family for _, family, _ in world.owner_rows(FAMILY_OF[table], tomas=world.people["Tomas"])}
        assert families == set(world.families.values()), table


@pytest.mark.parametrize("table", BETWEEN_MEETINGS)
@pytest.mark.parametrize("who", ROLES)
def test_adding(world, who, table):
    """A copy of every row (with a new id) is tried: only those of the role's own families are taken."""
    rows = world.owner_rows(f"SELECT x.id, row_to_json(x)::text FROM {table} x")
    with world.connect(who) as conn, conn.transaction(force_rollback=True):
        outcome = {row_id: _add_copy(conn, table, row) for row_id, row in rows}
    allowed = _expected(world, who, table) if GROUP[who] in ADDS[table] else set()
    assert outcome == {row_id: ADDED if row_id in allowed else DENIED for row_id, _ in rows}


@pytest.mark.parametrize("table", BETWEEN_MEETINGS)
@pytest.mark.parametrize("who", ROLES)
def test_deleting(world, who, table):
    with world.connect(who) as conn:
        gone = _attempt(conn, f"DELETE FROM {table} RETURNING id")
    assert gone == (_expected(world, who, table) if GROUP[who] in DELETES[table] else DENIED)


@pytest.mark.parametrize("who", ROLES)
def test_nobody_changes_or_removes_a_case_note_in_place(world, who):
    """A note is corrected by a new version naming it; the server refuses anything else, to everyone."""
    with world.connect(who) as conn:
        for table in CASE_NOTES:
            assert _attempt(conn, f"UPDATE {table} SET updated_at = updated_at RETURNING id") == DENIED, table
            assert _attempt(conn, f"DELETE FROM {table} RETURNING id") == DENIED, table
        assert _attempt(conn, "UPDATE case_note SET summary = 'Rewritten.' RETURNING id") == DENIED


def _add_copy(conn, table: str, row: str) -> str:
    """ADDED, or the SQLSTATE the copy was refused with, in a savepoint of its own."""
    copy = {**json.loads(row), "id": str(uuid.uuid4())}
    try:
        with conn.transaction():
            conn.execute(
                f"INSERT INTO {table} SELECT * FROM json_populate_record(NULL::{table}, %s::json)", (json.dumps(copy),)
            )
    except psycopg.errors.UniqueViolation:
        # Past the privileges and the policies (PostgreSQL checks them before any
        # unique key): the copy only repeats a key that is unique (a case's one transition plan).
        return ADDED
    except psycopg.Error as exc:
        return exc.sqlstate or "?"
    return ADDED


def test_the_matrix_covers_every_table_under_row_level_security(world):
    protected = {
        row[0]
        for row in world.owner_rows(
            "SELECT relname FROM pg_class WHERE relkind = 'r' AND relrowsecurity AND relnamespace = current_schema()::regnamespace"
        )
    }
    directory = {
        "locality",
        "agency",
        "professional",
        "specialism",
        "leave_period",
        "app_setting",
        "letter_template",
        "reference_counter",
        "app_user",
        "user_locality",
    }
    audit = {"audit_event", "audit_value", "audit_link"}
    calendar = {"bank_holiday", "working_day"}  # everyone reads them; the reports' users keep them filled (0028, 0033)
    held = {"offline_held"}  # its own rules (0035): its locality's managers, and whoever held it; tests/offline
    assert protected == set(FAMILY_OF) | set(LOCALITY_OF) | directory | audit | calendar | held


def test_every_table_but_alembics_has_row_level_security(world):
    """A table added later without access rules would be refused to everyone
    but the owner, or worse: this says which."""
    unprotected = world.owner_rows(
        "SELECT relname FROM pg_class WHERE relkind = 'r' AND NOT relrowsecurity "
        "AND relnamespace = current_schema()::regnamespace"
    )
    assert unprotected == [("alembic_version",)]


@pytest.mark.parametrize("who", ["admin", "lm_north", "bs_north", "lp"])
@pytest.mark.parametrize(
    "table", ["locality", "agency", "professional", "specialism", "leave_period", "app_setting", "letter_template"]
)
def test_everyone_reads_the_directory(world, who, table):
    with world.connect(who) as conn:
        assert _attempt(conn, f"SELECT id FROM {table}") == {
            row[0] for row in world.owner_rows(f"SELECT id FROM {table}")
        }


@pytest.mark.parametrize(
    ("who", "editable"),
    [
        ("admin", {"Tomas", "Ruth", "Sipho"}),
        ("lm_north", {"Tomas", "Ruth"}),
        ("bs_north", {"Tomas", "Ruth"}),
        ("lm_south", {"Sipho"}),
        ("lp", DENIED),
    ],
)
def test_directory_edits_stay_in_the_editors_localities(world, who, editable):
    with world.connect(who) as conn:
        changed = _attempt(conn, "UPDATE professional SET updated_at = updated_at RETURNING id")
        expected = editable if editable == DENIED else {world.people[name] for name in editable}
        assert changed == expected
        if who != "admin":
            assert _attempt(conn, "UPDATE locality SET name = name RETURNING id") == DENIED


@pytest.mark.parametrize(
    ("who", "visible"),
    [
        ("admin", {"admin", "lm_north", "lm_south", "bs_north", "lp", "disabled"}),
        ("lm_north", {"lm_north", "bs_north", "lp", "disabled"}),  # colleagues of North, Tomas through his post there
        ("lm_south", {"lm_south"}),
        ("lp", {"lp"}),
    ],
)
def test_who_sees_which_users(world, who, visible):
    with world.connect(who) as conn:
        assert _attempt(conn, "SELECT id FROM app_user") == {world.users[name] for name in visible}


@pytest.mark.parametrize("who", ROLES)
def test_audit_values_are_read_with_their_events_and_the_chain_by_nobody(world, who):
    """(Which events each role reads: test_server_access.) Nobody changes any of it."""
    with world.connect(who) as conn:
        events = _attempt(conn, "SELECT id FROM audit_event")
        values = _attempt(conn, "SELECT id FROM audit_value")
        assert _attempt(conn, "SELECT id FROM audit_link") == DENIED
        for table in ("audit_event", "audit_value", "audit_link"):
            assert _attempt(conn, f"UPDATE {table} SET updated_at = updated_at RETURNING id") == DENIED, table
    assert values == events & {row[0] for row in world.owner_rows("SELECT id FROM audit_value")}
