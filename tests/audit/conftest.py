"""Audit tests' worlds. Writing events, and tampering with them as someone
with the database in their hands would: on SQLite with the file open in
another program (the guard triggers dropped, then put back as they were), on
PostgreSQL as the owner role with the triggers disabled meanwhile.

The North meeting's three families (tests/meetings), with people who sign
in: an administrator, a locality manager and a business support officer of
North, and Tomas, the lead professional the Mensah family is allocated to,
whose plan is begun. Every profile has a restricted police item."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import keyring
import pytest
from sqlalchemy import select, text

from tafdesk.db import Database, audit_keys
from tafdesk.models import AuditEvent, AuditLink, Case, DecisionOutcome, Family, Locality, Role, User, UserLocality
from tafdesk.services import audit
from tafdesk.services.actor import SYSTEM, Actor
from tafdesk.services.audit_verify import AuditChainService, Verification
from tafdesk.services.decisions import DecisionInput, DecisionService
from tafdesk.services.meetings import MeetingService
from tafdesk.services.plans import PlanService
from tests.conftest import allow_sign_in
from tests.file_keyring import FileKeyring
from tests.meetings.conftest import AT_MEETING, CHAIR, NOW, world  # noqa: F401 (fixture)

PEOPLE = {  # who -> (username, display name, role, localities, professional)
    "admin": ("audit.admin", "Ada Admin", Role.ADMIN, False, None),
    "manager": ("audit.manager", "Nadia Hughes", Role.LOCALITY_MANAGER, True, None),
    "support": ("audit.support", "Tyler Thompson", Role.BUSINESS_SUPPORT, True, None),
    "lead": ("audit.lead", "Tomas Okafor", Role.LEAD_PROFESSIONAL, False, "Tomas Okafor"),
}


@dataclass
class People:
    db: object
    actors: dict[str, Actor]
    case_ids: dict[str, uuid.UUID]  # surname -> case id
    references: dict[str, str]  # surname -> case reference
    family_references: dict[str, str]  # surname -> family reference
    meeting_id: uuid.UUID
    plan_id: uuid.UUID


@pytest.fixture
def people(world) -> People:  # noqa: F811 (world: tests/meetings' fixture)
    db = world.db
    with db.session() as s:
        north = s.scalar(select(Locality.id).where(Locality.code == "N"))
        actors = {}
        for who, (username, name, role, local, professional) in PEOPLE.items():
            user = User(
                username=username,
                display_name=name,
                role=role,
                professional_id=world.people.get(professional),
                localities=[UserLocality(locality_id=north)] if local else [],
            )
            s.add(user)
            s.flush()
            actors[who] = Actor(
                user.id,
                name,
                role,
                professional_id=user.professional_id,
                localities=frozenset({north}) if local else frozenset(),
                username=username,
            )
        rows = s.execute(
            select(Family.family_name, Case.id, Case.reference, Family.reference).join(
                Family, Family.id == Case.family_id
            )
        ).all()
    allow_sign_in(db, *(username for username, *_ in PEOPLE.values()))
    case_ids = {surname: case_id for surname, case_id, _, _ in rows}
    item = next(
        i
        for i in MeetingService(db, CHAIR, now=NOW).meeting(world.meeting_id).agenda
        if i.case_id == case_ids["Mensah"]
    )
    DecisionService(db, CHAIR, now=AT_MEETING).decide(
        item.id,
        DecisionInput(DecisionOutcome.ALLOCATE_LEAD, world.people["Tomas Okafor"], rationale="Knows the school."),
    )
    plan = PlanService(db, CHAIR, today=AT_MEETING.date()).start(case_ids["Mensah"])
    return People(
        db,
        actors,
        case_ids,
        {surname: ref for surname, _, ref, _ in rows},
        {surname: ref for surname, _, _, ref in rows},
        world.meeting_id,
        plan.id,
    )


TABLES = ("audit_event", "audit_value", "audit_link")


def write_events(db: Database, count: int, *, start: int = 0) -> list[uuid.UUID]:
    """count events, one a unit of work, every other one with values; their ids in order."""
    ids = []
    for n in range(start, start + count):
        with db.session() as s:
            changes = {"name": [None, f"Child {n}"], "date_of_birth": [None, "2019-04-03"]} if n % 2 == 0 else None
            event = audit.record(s, SYSTEM, "test.event", "thing", uuid.uuid4(), changes)
        ids.append(event.id)
    return ids


def verify(db: Database, *anchors) -> Verification:
    return AuditChainService(db, SYSTEM).verify(anchors)


def seq_of(db: Database, event_id: uuid.UUID) -> int:
    with db.reader() as s:
        return s.scalar(select(AuditLink.seq).where(AuditLink.id == event_id))


def event_at(db: Database, seq: int) -> uuid.UUID:
    with db.reader() as s:
        return s.scalar(select(AuditLink.id).where(AuditLink.seq == seq))


def count_events(db: Database) -> int:
    with db.reader() as s:
        return len(s.scalars(select(AuditEvent.id)).all())


def tamper(db: Database, *statements: str, **params: object) -> None:
    """Run statements against the audit tables behind tafdesk's back."""
    with _guards_off(db) as run:
        for statement in statements:
            run(statement, params)


def lose_the_keys(db: Database, tmp_path, monkeypatch) -> None:
    """As on a new laptop (SQLite); on a server, the key rows lost."""
    if db.is_sqlite:  # another computer: another keyring, another data folder
        new = FileKeyring(tmp_path / "laptop-keyring.json")
        monkeypatch.setenv("TAFDESK_HOME", str(tmp_path / "laptop"))
        monkeypatch.setenv("TAFDESK_TEST_KEYRING", str(new.path))
        keyring.set_keyring(new)
        audit_keys.forget()
    else:
        with db.connection() as conn:
            conn.execute(text("DELETE FROM tafdesk_private.audit_key"))
            conn.commit()


@contextmanager
def _guards_off(db: Database) -> Iterator:
    if db.is_sqlite:
        # Another program: tafdesk's function is not there. One transaction
        # (SQLite's DDL is transactional too): all of it happens, or none.
        conn = sqlite3.connect(db.path, isolation_level=None)
        try:
            conn.execute("BEGIN")
            guards = conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
                f"{TABLES} AND (name LIKE '%no_update' OR name LIKE '%no_delete')"
            ).fetchall()
            for name, _ in guards:
                conn.execute(f"DROP TRIGGER {name}")
            yield lambda statement, params: conn.execute(
                statement, {k: v.hex if isinstance(v, uuid.UUID) else v for k, v in params.items()}
            )
            for _, sql in guards:
                conn.execute(sql)
            conn.execute("COMMIT")
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            conn.close()
        return
    with db.connection() as conn:  # the tests' server role owns the tables
        for table in TABLES:
            conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
        yield lambda statement, params: conn.execute(text(statement), params)
        for table in TABLES:
            conn.execute(text(f"ALTER TABLE {table} ENABLE TRIGGER USER"))
        conn.commit()
