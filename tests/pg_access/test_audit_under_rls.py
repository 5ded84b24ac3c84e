"""Looks audited and the audit trail read, each as the person's own login
role: everyone records their own looks under row-level security, and only
administrators learn which family an event is about (migration 0018), by
reference, while still reading no case content."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from tafdesk.services.audit_trail import AuditTrailService, TrailFilter
from tafdesk.services.documents import DocumentService
from tafdesk.services.intake_queue import IntakeQueueService
from tafdesk.services.plans import PlanService
from tests.pg_access.conftest import DENIED, TODAY

ROLES = ["admin", "lm_north", "lm_south", "bs_north", "lp", "nobody"]


def _events_by(world, who: str) -> list[tuple]:
    return world.owner_rows(
        "SELECT action, entity_id FROM audit_event WHERE actor_id = :me ORDER BY occurred_at", me=world.users[who]
    )


def _reference(world, surname: str) -> str:
    return world.owner_rows("SELECT reference FROM case_record WHERE id = :c", c=world.cases[surname])[0][0]


@pytest.mark.parametrize(
    ("who", "look"),
    [
        ("lm_north", "summary"),
        ("bs_north", "summary"),
        ("lp", "summary"),
        ("lp", "plan"),
        ("bs_north", "document"),
    ],
)
def test_each_person_records_their_own_look(world, signed_in, who, look):
    db, actor = signed_in(who)
    before = _events_by(world, who)
    mensah = world.cases["Mensah"]
    if look == "summary":  # the police item: theirs to read (Tomas's by the chair's share)
        IntakeQueueService(db, actor, today=TODAY).summary(mensah)
        expected = ("case.summary_viewed_restricted", mensah)
    elif look == "plan":
        plan = PlanService(db, actor, today=TODAY).open(mensah)
        expected = ("plan.viewed", plan.id)
    else:
        [(letter, path)] = world.owner_rows(
            "SELECT id, path FROM generated_document WHERE case_id = :c AND doc_type = 'letter_family'", c=mensah
        )
        Path(path).write_text(Path(path).name)  # the world registered each file by the checksum of its name
        DocumentService(db, actor, today=TODAY).open_file(letter)
        expected = ("document.opened", letter)
    assert _events_by(world, who) == [*before, expected]


def test_an_administrator_finds_who_looked_at_a_family_by_its_reference(world, signed_in):
    db, looker = signed_in("bs_north")
    IntakeQueueService(db, looker, today=TODAY).summary(world.cases["Okoro"])
    db, admin = signed_in("admin")
    found = AuditTrailService(db, admin).events(
        TrailFilter(case=_reference(world, "Okoro"), actor=world.logins["bs_north"])
    )
    assert [(e.words, e.record) for e in found.events] == [
        ("Viewed the family's summary, restricted items included", _reference(world, "Okoro"))
    ]
    everything = AuditTrailService(db, admin).events()
    assert {e.record for e in everything.events} >= {_reference(world, name) for name in ("Mensah", "Okoro")}
    with world.connect("admin") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT reference FROM case_record")  # and still reads no case content


@pytest.mark.parametrize("who", ROLES)
def test_only_administrators_may_ask_which_family_an_event_is_about(world, who):
    reference, mensah = _reference(world, "Mensah"), world.cases["Mensah"]
    with world.connect(who) as conn:
        records = _attempt(conn, "SELECT tafdesk_audit_family_records(%s)", (reference,))
        references = _attempt(conn, "SELECT entity_id, reference FROM tafdesk_audit_records(%s)", ([mensah],))
    if who == "admin":
        assert mensah in {row[0] for row in records} and world.families["Mensah"] in {row[0] for row in records}
        assert references == [(mensah, reference)]
    else:
        assert records == references == DENIED


def test_the_family_records_are_the_familys_own(world):
    """Every id the function gives for a reference belongs to that family, as the owner reads the tables."""
    with world.connect("admin") as conn:
        ids = {row[0] for row in conn.execute("SELECT tafdesk_audit_family_records(%s)", (_reference(world, "Byrne"),))}
    byrne = world.families["Byrne"]
    theirs = {
        row[0]
        for row in world.owner_rows(
            "SELECT id FROM case_record WHERE family_id = :f UNION SELECT id FROM person WHERE family_id = :f "
            "UNION SELECT p.id FROM profile360 p JOIN referral r ON r.id = p.referral_id WHERE r.family_id = :f "
            "UNION SELECT g.id FROM generated_document g JOIN case_record c ON c.id = g.case_id WHERE c.family_id = :f "
            "UNION SELECT d.id FROM decision d JOIN case_record c ON c.id = d.case_id WHERE c.family_id = :f",
            f=byrne,
        )
    }
    assert theirs | {byrne} <= ids
    others = {row[0] for row in world.owner_rows("SELECT id FROM case_record WHERE family_id <> :f", f=byrne)}
    assert not ids & others


def _attempt(conn, sql: str, params: tuple) -> list | str:
    try:
        return [tuple(row) for row in conn.execute(sql, params)]
    except psycopg.Error as exc:
        conn.rollback()
        return exc.sqlstate
