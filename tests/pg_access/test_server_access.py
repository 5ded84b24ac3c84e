"""What each person can see and change when they connect to PostgreSQL with
their own login role, psql-style: plain psycopg, no tafdesk code."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from tests.pg_access.conftest import DENIED, PEOPLE

GROUPS = sorted({group for _, group, _, _ in PEOPLE.values()})


def _one(conn, sql: str, *params):
    return conn.execute(sql, params).fetchone()[0]


def _refused(conn, sql: str, *params) -> str:
    """Run sql, expecting the server to refuse it; its SQLSTATE."""
    with pytest.raises(psycopg.Error) as caught:
        conn.execute(sql, params)
    conn.rollback()
    return caught.value.sqlstate


def _plan_of(world, surname: str) -> uuid.UUID:
    return world.owner_rows("SELECT id FROM taf_plan WHERE case_id = :c", c=world.cases[surname])[0][0]


def test_a_lead_professional_sees_their_own_familys_plan_and_no_other(world):
    with world.connect("lp") as conn:
        assert _one(conn, "SELECT count(*) FROM taf_plan WHERE id = %s", _plan_of(world, "Mensah")) == 1  # leads
        assert _one(conn, "SELECT count(*) FROM taf_plan WHERE id = %s", _plan_of(world, "Kowalczyk")) == 1  # supports
        assert _one(conn, "SELECT count(*) FROM taf_plan WHERE id = %s", _plan_of(world, "Okoro")) == 0
        assert _one(conn, "SELECT count(*) FROM taf_plan WHERE id = %s", _plan_of(world, "Byrne")) == 0
        names = {row[0] for row in conn.execute("SELECT family_name FROM family")}
        assert names == {"Mensah", "Kowalczyk"}


def test_a_lead_professional_changes_nothing_outside_their_cases(world):
    with world.connect("lp") as conn:
        other = _plan_of(world, "Okoro")
        assert conn.execute("UPDATE taf_plan SET strengths = 'changed' WHERE id = %s", (other,)).rowcount == 0
        assert (
            conn.execute(
                "UPDATE taf_plan SET strengths = 'changed' WHERE id = %s", (_plan_of(world, "Mensah"),)
            ).rowcount
            == 1
        )
        assert conn.execute("DELETE FROM taf_outcome WHERE plan_id = %s", (other,)).rowcount == 0
        # Decisions are the chair's: a lead professional may change none, theirs or not.
        assert (
            _refused(conn, "UPDATE decision SET rationale = 'changed' WHERE case_id = %s", world.cases["Okoro"])
            == DENIED
        )
        assert (
            _refused(conn, "UPDATE decision SET rationale = 'changed' WHERE case_id = %s", world.cases["Mensah"])
            == DENIED
        )
    assert world.owner_rows("SELECT count(*) FROM decision WHERE rationale = 'changed'") == [(0,)]
    assert world.owner_rows("SELECT count(*) FROM taf_plan WHERE strengths = 'changed'") == [(0,)]  # rolled back


def test_a_north_manager_sees_nothing_of_south_and_cannot_decide_there(world):
    with world.connect("lm_north") as conn:
        assert {r[0] for r in conn.execute("SELECT family_name FROM family")} == {"Mensah", "Kowalczyk", "Okoro"}
        assert {r[0] for r in conn.execute("SELECT locality_id FROM meeting")} == {world.localities["North"]}
        south_item = world.owner_rows("SELECT id FROM agenda_item WHERE case_id = :c", c=world.cases["Byrne"])[0][0]
        assert (
            _refused(
                conn,
                "INSERT INTO decision (id, agenda_item_id, case_id, outcome, decided_at, created_at, "
                "updated_at, version) VALUES (%s, %s, %s, 'no_further_action', now(), now(), now(), 1)",
                uuid.uuid4(),
                south_item,
                world.cases["Byrne"],
            )
            == DENIED
        )
        assert (
            conn.execute("UPDATE meeting SET status = 'in_progress' WHERE id = %s", (world.meetings["South"],)).rowcount
            == 0
        )
        assert (
            conn.execute("UPDATE case_record SET review_note = 'x' WHERE id = %s", (world.cases["Byrne"],)).rowcount
            == 0
        )
        north_decision = world.owner_rows("SELECT id FROM decision WHERE case_id = :c", c=world.cases["Mensah"])[0][0]
        conn.execute(
            "INSERT INTO decision_action (id, decision_id, case_id, agreed_on, position, description, done, "
            "created_at, updated_at, version) VALUES (%s, %s, %s, current_date, 9, 'Call the school.', false, "
            "now(), now(), 1)",
            (uuid.uuid4(), north_decision, world.cases["Mensah"]),
        )


def test_business_support_keep_the_minutes_but_cannot_touch_decisions_or_close_meetings(world):
    with world.connect("bs_north") as conn:
        assert _one(conn, "SELECT count(*) FROM decision") == 3  # North's, to write the minutes
        assert _refused(conn, "UPDATE decision SET rationale = 'changed'") == DENIED
        assert _refused(conn, "UPDATE meeting SET status = 'closed' WHERE id = %s", world.meetings["North"]) == DENIED
        assert (
            conn.execute(
                "UPDATE meeting SET minutes_notes = 'Apologies noted.' WHERE id = %s", (world.meetings["North"],)
            ).rowcount
            == 1
        )
        assert (
            conn.execute("UPDATE meeting SET minutes_notes = 'x' WHERE id = %s", (world.meetings["South"],)).rowcount
            == 0
        )


@pytest.mark.parametrize(
    "table",
    [
        "family",
        "person",
        "case_record",
        "taf_plan",
        "decision",
        "profile360",
        "referral",
        "meeting",
        "generated_document",
    ],
)
def test_an_administrator_reads_no_case_content(world, table):
    with world.connect("admin") as conn:
        assert _refused(conn, f"SELECT count(*) FROM {table}") == DENIED


def test_an_administrator_manages_users_and_reads_the_directory(world):
    with world.connect("admin") as conn:
        assert _one(conn, "SELECT count(*) FROM app_user") == len([p for p in PEOPLE.values() if p[0]])
        assert _one(conn, "SELECT count(*) FROM professional") == 3
        assert conn.execute("UPDATE app_user SET display_name = display_name").rowcount == 6


def test_a_lead_professional_cannot_read_the_original_profile_document(world):
    with world.connect("lp") as conn:
        assert _refused(conn, "SELECT original_document FROM profile360") == DENIED
        assert _refused(conn, "SELECT * FROM profile360") == DENIED
        assert {r[0] for r in conn.execute("SELECT family_name FROM profile360")} == {"Mensah", "Kowalczyk"}
    with world.connect("lm_north") as conn:
        assert _one(conn, "SELECT count(original_document) FROM profile360") == 3


def test_restricted_items_reach_a_lead_professional_only_when_shared_with_them(world):
    restricted = (
        "SELECT count(*) FROM profile_involvement i JOIN profile360 p ON p.id = i.profile_id "
        "WHERE i.restricted AND p.family_name = %s"
    )
    with world.connect("lp") as conn:
        assert _one(conn, restricted, "Mensah") == 1  # the chair shared it with Tomas
        assert _one(conn, restricted, "Kowalczyk") == 0  # his family too, but not shared
        assert _one(conn, "SELECT count(*) FROM profile_involvement WHERE NOT restricted") > 0
        assert _one(conn, "SELECT count(*) FROM restricted_share") == 1
    with world.connect("bs_north") as conn:
        assert _one(conn, "SELECT count(*) FROM profile_involvement WHERE restricted") == 3  # the locality's
        assert _refused(conn, "DELETE FROM restricted_share") == DENIED  # sharing is the chair's
    with world.connect("lm_south") as conn:
        assert _one(conn, "SELECT count(*) FROM profile_involvement WHERE restricted") == 1
        assert _one(conn, "SELECT count(*) FROM restricted_share") == 0


@pytest.mark.parametrize("who", ["nobody", "disabled"])
def test_a_login_with_no_active_user_here_sees_nothing(world, who):
    """In a tafdesk group (perhaps for another database on the server) but not
    an active user of this one."""
    with world.connect(who) as conn:
        for table in (
            "family",
            "case_record",
            "taf_plan",
            "meeting",
            "professional",
            "locality",
            "app_user",
            "app_setting",
        ):
            assert _one(conn, f"SELECT count(*) FROM {table}") == 0, table
        assert conn.execute("UPDATE case_record SET review_note = 'x'").rowcount == 0


AUDIT_TABLES = ("audit_event", "audit_value", "audit_link")
EVENT = (
    "INSERT INTO audit_event (id, occurred_at, actor_id, actor_name, action, entity_type, has_values, created_at, "
    "updated_at, version) VALUES (%s, now(), %s, 'Someone', 'test.event', 'test', %s, now(), now(), 1)"
)
VALUES = (
    "INSERT INTO audit_value (id, changes, created_at, updated_at, version) "
    "VALUES (%s, '{\"x\": [null, 1]}', now(), now(), 1)"
)


@pytest.mark.parametrize("who", ["admin", "lm_north", "bs_north", "lp"])
def test_everyone_appends_to_the_audit_trail_in_their_own_name_and_nobody_alters_it(world, who):
    someone_else = world.users["admin" if who != "admin" else "lp"]
    with world.connect(who) as conn:
        mine = uuid.uuid4()
        conn.execute(EVENT, (mine, world.users[who], True))
        conn.execute(VALUES, (mine,))
        conn.commit()  # linked as it commits, by the owner's function
        assert _refused(conn, EVENT, uuid.uuid4(), someone_else, False) == DENIED
        for change in [f"{verb} {table}" for table in AUDIT_TABLES for verb in ("DELETE FROM", "TRUNCATE")] + [
            "UPDATE audit_event SET action = 'x'",
            "UPDATE audit_value SET changes = '{}'",
            "UPDATE audit_link SET mac = 'x'",
        ]:
            assert _refused(conn, change) == DENIED, change
    linked = world.owner_rows(
        "SELECT l.seq, v.changes FROM audit_link l JOIN audit_value v ON v.id = l.id WHERE l.id = :id", id=mine
    )
    assert len(linked) == 1 and linked[0][1] == '{"x": [null, 1]}'


@pytest.mark.parametrize("who", ["lm_north", "lp"])
def test_values_go_only_with_ones_own_event_as_it_is_written(world, who):
    others = uuid.uuid4()
    world.owner_change(
        "INSERT INTO audit_event (id, occurred_at, actor_id, actor_name, action, entity_type, created_at, "
        "updated_at, version) VALUES (:id, now(), :admin, 'Admin', 'test.event', 'test', now(), now(), 1)",
        id=others,
        admin=world.users["admin"],
    )
    with world.connect(who) as conn:
        # Committed, so in the chain already: the trigger refuses before row-level security would.
        assert _refused(conn, VALUES, others) == "23514"
        mine = uuid.uuid4()
        conn.execute(EVENT, (mine, world.users[who], False))
        assert _refused(conn, VALUES, mine) == "23514"  # recorded as having none


@pytest.mark.parametrize("who", ["admin", "lm_north", "bs_north", "lp", "nobody"])
def test_nobody_reads_the_chains_keys_or_makes_links(world, who):
    with world.connect(who) as conn:
        assert _refused(conn, "SELECT key FROM tafdesk_private.audit_key") == DENIED
        event = world.owner_rows("SELECT id FROM audit_event LIMIT 1")[0][0]
        assert _refused(conn, "SELECT tafdesk_audit_append(%s)", event) == DENIED


@pytest.mark.parametrize("who", ["lm_north", "bs_north", "lp", "nobody"])
def test_only_administrators_verify_or_anonymise_the_trail(world, who):
    with world.connect(who) as conn:
        for call in (
            "SELECT * FROM tafdesk_audit_links()",
            "SELECT * FROM tafdesk_audit_head()",
            "SELECT * FROM tafdesk_audit_anonymise(ARRAY[]::uuid[])",
        ):
            assert _refused(conn, call) == DENIED, call
    with world.connect("admin") as conn:
        links = conn.execute("SELECT seq, mac_ok, values_state FROM tafdesk_audit_links()").fetchall()
        assert links and all(ok for _, ok, _ in links)
        assert {state for *_, state in links} <= {"intact", "absent"}
        assert conn.execute("SELECT seq FROM tafdesk_audit_head()").fetchone()[0] == max(seq for seq, *_ in links)


def test_the_audit_trail_is_read_by_administrators(world):
    with world.connect("admin") as conn:
        assert (
            _one(conn, "SELECT count(*) FROM audit_event") == world.owner_rows("SELECT count(*) FROM audit_event")[0][0]
        )
    with world.connect("lp") as conn:
        # Only who produced the documents they may see, as the register shows it.
        actions = {r[0] for r in conn.execute("SELECT action FROM audit_event")}
        assert actions == {"document.produced"}
        # The Mensah and Kowalczyk plans, chronologies and letters to the family (migration 0036), not others'.
        assert _one(conn, "SELECT count(*) FROM audit_event") == 6


@pytest.mark.parametrize("group", GROUPS)
def test_no_group_may_alter_the_audit_trail_even_with_a_user_row(world, group):
    who = next(name for name, (_, g, _, _) in PEOPLE.items() if g == group and name not in ("nobody", "disabled"))
    with world.connect(who) as conn:
        assert _refused(conn, "TRUNCATE audit_event") == DENIED


def test_caseload_counts_come_without_family_data(world):
    query = "SELECT professional_id, led_cases, supported_cases FROM tafdesk_open_caseloads()"
    with world.connect("admin") as conn:
        loads = {row[0]: row[1:] for row in conn.execute(query)}
    assert loads == {world.people["Tomas"]: (1, 1), world.people["Ruth"]: (2, 0), world.people["Sipho"]: (1, 0)}
    with world.connect("lm_north") as conn:
        assert len(list(conn.execute(query))) == 3  # South's too: ranking weighs everyone's whole load
    with world.connect("lp") as conn:
        assert [row[0] for row in conn.execute(query)] == [world.people["Tomas"]]
    with world.connect("nobody") as conn:
        assert list(conn.execute(query)) == []
