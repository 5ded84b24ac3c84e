"""The audit trail's keyed chain catches what is done to it behind tafdesk's
back, on the backend this run tests: an event or its values edited, an
event removed, one added, the newest cut off (against an anchor)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from tafdesk.db.rowset import RowSet
from tafdesk.models import AuditEvent, AuditLink, AuditValue, Role
from tafdesk.services import audit
from tafdesk.services.actor import SYSTEM, Actor
from tafdesk.services.audit_verify import Anchor, AuditChainService
from tafdesk.services.errors import PermissionDenied, ServiceError, ValidationError
from tests.audit.conftest import count_events, event_at, seq_of, tamper, verify, write_events


def test_every_event_is_linked_in_the_order_written_and_the_chain_verifies(db):
    first = write_events(db, 3)
    rows = RowSet()  # an import's bulk insert: every event first, then every value
    queued = [
        audit.queue(
            rows,
            None,
            "Importer",
            "profile.imported",
            "profile360",
            uuid.uuid4(),
            {"source": [None, f"{n}.json"]} if n % 2 else None,
        )
        for n in range(4)
    ]
    with db.session() as s:
        rows.insert_all(s)
    last = write_events(db, 2, start=3)

    result = verify(db)
    assert (result.ok, result.links, result.verified, result.unverifiable) == (True, 9, 9, ())
    assert [seq_of(db, i) for i in first + last] == [1, 2, 3, 8, 9]
    assert sorted(seq_of(db, i) for i in queued) == [4, 5, 6, 7]
    with db.reader() as s:
        links = s.scalars(select(AuditLink).order_by(AuditLink.seq)).all()
        stored = dict(s.execute(select(AuditEvent.id, AuditEvent.changes)).all())
    assert [link.prev_mac for link in links[1:]] == [link.mac for link in links[:-1]]
    assert links[0].prev_mac is None and len({link.segment for link in links}) == 1
    assert json.loads(stored[first[0]]) == {"name": [None, "Child 0"], "date_of_birth": [None, "2019-04-03"]}
    assert stored[first[1]] is None


def test_no_plain_digest_of_the_values_is_kept(db):
    """A date of birth could be guessed from a plain hash of it: only keyed MACs are stored."""
    [event_id] = write_events(db, 1)
    with db.reader() as s:
        changes = s.scalar(select(AuditValue.changes).where(AuditValue.id == event_id))
        link = s.get(AuditLink, event_id)
    plain = {getattr(hashlib, name)(changes.encode()).hexdigest() for name in ("sha256", "sha1", "md5", "blake2b")}
    assert link.values_mac and not plain & {link.values_mac, link.mac}


def test_an_event_edited_directly_is_caught(db):
    ids = write_events(db, 5)
    tamper(db, "UPDATE audit_event SET actor_name = 'Somebody Else' WHERE id = :id", id=ids[2])

    result = verify(db)
    assert not result.ok
    assert (result.broken.seq, result.broken.event_id) == (3, ids[2])
    assert result.broken.what.startswith("was changed")
    assert result.broken.occurred_at is not None


def test_values_edited_directly_are_caught(db):
    ids = write_events(db, 5)
    tamper(db, 'UPDATE audit_value SET changes = \'{"name": [null, "Someone else"]}\' WHERE id = :id', id=ids[2])

    broken = verify(db).broken
    assert (broken.seq, broken.event_id) == (3, ids[2])
    assert "its values are not those recorded" in broken.what


def test_a_removed_event_is_caught(db):
    ids = write_events(db, 5)
    tamper(
        db,
        "DELETE FROM audit_link WHERE id = :id",
        "DELETE FROM audit_value WHERE id = :id",
        "DELETE FROM audit_event WHERE id = :id",
        id=ids[1],
    )

    broken = verify(db).broken
    assert (broken.seq, broken.event_id) == (2, None)
    assert broken.what == "is missing: link 2 has been removed"
    assert count_events(db) == 4


def test_links_renumbered_to_hide_a_removal_are_caught(db):
    ids = write_events(db, 4)
    tamper(
        db,
        "DELETE FROM audit_link WHERE id = :id",
        "DELETE FROM audit_value WHERE id = :id",
        "DELETE FROM audit_event WHERE id = :id",
        "UPDATE audit_link SET seq = seq - 1 WHERE seq > 2",
        id=ids[1],
    )

    broken = verify(db).broken
    assert (broken.seq, broken.event_id) == (2, ids[2])
    assert broken.what.startswith("is out of order")


def test_an_event_added_behind_tafdesks_back_is_caught(db):
    write_events(db, 3)
    stranger = uuid.uuid4()
    insert = (
        "INSERT INTO audit_event (id, occurred_at, actor_name, action, entity_type, has_values, created_at, "
        "updated_at, version) VALUES (:id, '2026-01-01 10:00:00.000000', 'Forger', 'user.created', 'app_user', "
        "false, '2026-01-01 10:00:00.000000', '2026-01-01 10:00:00.000000', 1)"
    )
    if db.is_sqlite:
        with pytest.raises(sqlite3.OperationalError, match="tafdesk_audit_link"):
            tamper(db, insert, id=stranger)  # another program cannot even add one: its link cannot be made
        tamper(db, "DROP TRIGGER audit_event_link", insert, id=stranger)
    else:
        tamper(db, insert, id=stranger)

    broken = verify(db).broken
    assert (broken.seq, broken.event_id) == (None, stranger)
    assert broken.what.startswith("is not in the chain")


def test_the_newest_events_cut_off_are_caught_against_an_anchor(db):
    ids = write_events(db, 6)
    anchor = AuditChainService(db, SYSTEM).head()
    assert (anchor.seq, anchor.mac) == (6, _mac(db, ids[-1]))
    assert Anchor.parse(f"{anchor}  (link 6, recorded …)") == Anchor(6, anchor.mac)

    tamper(
        db,
        *[f"DELETE FROM {table} WHERE id IN (:a, :b)" for table in ("audit_link", "audit_value", "audit_event")],
        a=ids[4],
        b=ids[5],
    )
    assert verify(db).ok, "a chain cut short is still a whole chain: only an anchor tells"
    broken = verify(db, anchor).broken
    assert broken.seq == 6
    assert broken.what == (
        "is gone: the chain ends at link 4, but an anchor was taken at link 6 (the newest events have been cut off)"
    )

    write_events(db, 3, start=10)  # and written on as if nothing had happened
    broken = verify(db, anchor).broken
    assert (broken.seq, broken.event_id) == (6, event_at(db, 6))
    assert broken.what.startswith("differs from the anchor")
    assert verify(db, Anchor(3, _mac(db, ids[2]))).ok


def test_anonymised_values_keep_the_chain_verifying(db):
    ids = write_events(db, 6)
    with db.session() as s:
        assert audit.anonymise_values(s, SYSTEM, [ids[0], ids[1], ids[2]]) == 2  # ids[1] has no values
    with db.session() as s:
        assert audit.anonymise_values(s, SYSTEM, [ids[0]]) == 0  # once is enough

    result = verify(db)
    assert result.ok and result.links == 7
    with db.reader() as s:
        changes = dict(s.execute(select(AuditEvent.id, AuditEvent.changes)).all())
        record = s.scalars(select(AuditEvent).where(AuditEvent.action == audit.VALUES_ANONYMISED)).one()
    assert json.loads(changes[ids[0]]) == {"name": "[anonymised]", "date_of_birth": "[anonymised]"}
    assert json.loads(changes[ids[4]])["name"] == [None, "Child 4"]
    assert json.loads(record.changes) == {"events": [None, sorted([str(ids[0]), str(ids[2])])]}
    with db.session() as s:
        assert audit.anonymise_values(s, SYSTEM, [record.id]) == 0  # the record of it stays


def test_values_removed_or_anonymised_with_no_record_are_caught(db):
    ids = write_events(db, 6)
    # The guard lets an anonymisation through (retention's), but only a recorded one verifies.
    tamper(db, "UPDATE audit_value SET changes = '{}', anonymised_at = created_at WHERE id = :id", id=ids[4])
    broken = verify(db).broken
    assert (broken.seq, broken.event_id) == (5, ids[4])
    assert broken.what == "was changed: its values were anonymised with no record of an anonymisation"

    tamper(db, "DELETE FROM audit_value WHERE id = :id", id=ids[2])
    broken = verify(db).broken
    assert (broken.seq, broken.what) == (3, "was changed: its values were removed with no record of an anonymisation")


def test_values_cannot_be_added_to_an_event_after_it(db):
    [event_id] = write_events(db, 1, start=1)  # an event without values
    with pytest.raises(ServiceError), db.session() as s:  # the database refuses it
        s.add(AuditValue(id=event_id, changes='{"name": [null, "Late"]}'))
    with db.reader() as s:
        assert s.get(AuditValue, event_id) is None
    assert verify(db).ok


@pytest.mark.parametrize("given", ["", "12", "12:abc", "0:" + "a" * 64, "x:" + "a" * 64, "12:" + "g" * 64])
def test_an_anchor_not_as_printed_is_refused_plainly(given):
    with pytest.raises(ValidationError, match="is not an anchor: give it as `tafdesk audit anchor` printed it"):
        Anchor.parse(given)


def test_only_administrators_verify(db):
    manager = Actor(uuid.uuid4(), "Nadia Hughes", Role.LOCALITY_MANAGER)
    with pytest.raises(PermissionDenied, match=r"Nadia Hughes \(locality manager\) may not verify the audit trail"):
        AuditChainService(db, manager).verify()
    with pytest.raises(PermissionDenied):
        AuditChainService(db, manager).head()
    assert AuditChainService(db, Actor(uuid.uuid4(), "Ada Admin", Role.ADMIN)).verify().ok


def _mac(db, event_id: uuid.UUID) -> str:
    with db.reader() as s:
        return s.get(AuditLink, event_id).mac


def test_the_database_refuses_to_change_values_or_links_but_to_anonymise(db):
    """Its own connection too (on PostgreSQL the owner's): only with the guards removed, as above."""
    write_events(db, 2)
    statements = [
        "UPDATE audit_value SET changes = '{}'",
        "UPDATE audit_value SET anonymised_at = NULL",
        "DELETE FROM audit_value",
        "UPDATE audit_link SET mac = 'x'",
        "DELETE FROM audit_link",
    ]
    if not db.is_sqlite:
        statements += [f"TRUNCATE {table} CASCADE" for table in ("audit_event", "audit_value", "audit_link")]
    for statement in statements:
        with pytest.raises(DBAPIError, match="append-only"), Session(db.engine) as s, s.begin():
            s.execute(text(statement))
    assert verify(db).ok
