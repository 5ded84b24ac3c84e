"""The actions agreed at a meeting, followed up by the family's team on
PostgreSQL as their own login roles: Tomas leads Mensah (one action, his) and
supports Kowalczyk (two: his and Ruth's, who leads it). He sees and marks his
cases' actions through the case each carries (migration 0026), never the
decision or the meeting, and nothing of Okoro's or Byrne's, whose leads are
others."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest

from tafdesk.clock import meeting_day
from tafdesk.models import FollowUpState
from tafdesk.services.case_page import CasePageService
from tafdesk.services.chronology import ChronologyService
from tafdesk.services.errors import NotFound, PermissionDenied
from tafdesk.services.follow_up import ActionRow, FollowUpService
from tests.pg_access.conftest import ACTIONS_DUE, DENIED

LATER = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC)


def _service(signed_in, who: str = "lp") -> FollowUpService:
    db, actor = signed_in(who)
    return FollowUpService(db, actor, now=LATER)


def _agreed_at(world, surname: str) -> str:
    (starts_at,) = world.owner_rows(
        "SELECT m.starts_at FROM meeting m JOIN agenda_item a ON a.meeting_id = m.id WHERE a.case_id = :c",
        c=world.cases[surname],
    )[0]
    day = meeting_day(starts_at)
    return f"Meeting of {day.day} {day:%b %Y}"


def test_a_lead_professional_sees_the_actions_of_the_cases_they_lead_or_support_and_no_others(world, signed_in):
    service = _service(signed_in)
    mine = service.my_actions()
    tomas, ruth = world.people["Tomas"], world.people["Ruth"]
    assert sorted((r.family_name, r.owner_professional_id, r.due_on) for r in mine) == [
        ("Kowalczyk", tomas, ACTIONS_DUE),
        ("Mensah", tomas, ACTIONS_DUE),
    ]
    assert {r.agreed_at for r in mine} == {_agreed_at(world, "Mensah")}  # the day, not the meeting's row
    team = service.case_actions(world.cases["Kowalczyk"])
    assert {r.owner_professional_id for r in team} == {tomas, ruth}
    for surname in ("Okoro", "Byrne"):  # led by others: the server shows him no such case
        with pytest.raises((NotFound, PermissionDenied)):
            service.case_actions(world.cases[surname])


def test_the_owner_and_the_lead_mark_an_action_and_a_supporter_may_not_mark_anothers(world, signed_in):
    service = _service(signed_in)
    mine = {r.family_name: r for r in service.my_actions()}
    try:
        service.mark("meeting", mine["Mensah"].action_id, mine["Mensah"].version, FollowUpState.DONE, "Visited.")
        service.mark(  # his own action on a case he supports
            "meeting", mine["Kowalczyk"].action_id, mine["Kowalczyk"].version, FollowUpState.NOT_DONE, "Away."
        )
        assert world.owner_rows(
            "SELECT a.done, f.state, f.note, f.marked_by_id FROM decision_action a "
            "JOIN action_follow_up f ON f.decision_action_id = a.id WHERE a.id = :a AND f.note = 'Visited.'",
            a=mine["Mensah"].action_id,
        ) == [(True, "done", "Visited.", world.users["lp"])]
        ruths: ActionRow = next(
            r for r in service.case_actions(world.cases["Kowalczyk"]) if r.owner_professional_id == world.people["Ruth"]
        )
        assert not service.may_mark(ruths)
        with pytest.raises(PermissionDenied, match="its owner, the family's lead professional"):
            service.mark("meeting", ruths.action_id, ruths.version, FollowUpState.DONE, "Done for her.")
        assert world.owner_rows("SELECT done FROM decision_action WHERE id = :a", a=ruths.action_id) == [(False,)]
    finally:  # the other tests of this module see the world as it was built
        world.owner_change("UPDATE decision_action SET done = false")


def test_the_server_gives_a_lead_their_cases_actions_to_mark_and_nothing_of_the_meeting(world):
    mensah, okoro = world.cases["Mensah"], world.cases["Okoro"]
    with world.connect("lp") as conn:
        seen = {row[0] for row in conn.execute("SELECT case_id FROM decision_action")}
        assert seen == {mensah, world.cases["Kowalczyk"]}
        assert conn.execute("UPDATE decision_action SET done = true WHERE case_id = %s", (okoro,)).rowcount == 0
        assert conn.execute("UPDATE decision_action SET done = true WHERE case_id = %s", (mensah,)).rowcount == 1
        conn.rollback()
        for table in ("meeting", "agenda_item", "decision", "decision_supporter"):  # the minutes stay the group's
            assert _refused(conn, f"SELECT id FROM {table}") == DENIED, table
        for sql in (
            "UPDATE decision_action SET description = 'Rewritten.'",
            "UPDATE decision_action SET due_on = current_date",  # carried forward only by the meeting
            f"UPDATE decision_action SET case_id = '{okoro}'",
            "DELETE FROM decision_action",
            "INSERT INTO decision_action SELECT * FROM decision_action",
        ):
            assert _refused(conn, sql) == DENIED, sql


def test_no_one_gives_an_action_another_case_than_its_decisions(world):
    """The policy trusts the copied case: even a manager, who may change an
    action, cannot move it to another family (the key runs on both columns)."""
    with world.connect("lm_north") as conn:
        with pytest.raises(psycopg.errors.ForeignKeyViolation):
            conn.execute(
                "UPDATE decision_action SET case_id = %s WHERE case_id = %s",
                (world.cases["Okoro"], world.cases["Mensah"]),
            )


def test_the_case_page_and_chronology_open_for_the_lead_of_the_family_only(world, signed_in):
    db, actor = signed_in("lp")
    assert CasePageService(db, actor, now=LATER).summary(world.cases["Mensah"]).family_name == "Mensah"
    assert ChronologyService(db, actor).chronology(world.cases["Mensah"]).family_name == "Mensah"
    with pytest.raises((NotFound, PermissionDenied)):
        ChronologyService(db, actor).chronology(world.cases["Okoro"])


def _refused(conn, sql: str) -> str | None:
    try:
        conn.execute(sql)
    except psycopg.Error as exc:
        conn.rollback()
        return exc.sqlstate
    conn.rollback()
    return None
