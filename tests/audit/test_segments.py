"""A chain whose key is not to be found (an SQLite file copied to a new
laptop; on a server, a key row lost) does not stop anyone working: the next
event begins a new segment with a new key, and verification says the earlier
links cannot be verified here rather than that they are broken."""

from __future__ import annotations

import json

import keyring
from sqlalchemy import select

from tafdesk.db import audit_keys
from tafdesk.models import AuditLink
from tests.audit.conftest import event_at, lose_the_keys, tamper, verify, write_events


def test_a_missing_key_begins_a_new_segment_and_the_earlier_one_cannot_be_verified_here(
    db, tmp_path, monkeypatch, file_keyring
):
    write_events(db, 3)
    lose_the_keys(db, tmp_path, monkeypatch)
    write_events(db, 2, start=3)

    result = verify(db)
    assert result.ok and (result.links, result.verified) == (5, 2)
    [span] = result.unverifiable
    assert (span.first, span.last) == (1, 3) and span.first_at <= span.last_at
    with db.reader() as s:
        links = s.scalars(select(AuditLink).order_by(AuditLink.seq)).all()
    assert links[3].segment != links[2].segment and links[3].prev_mac == links[2].mac  # the new one follows on

    tamper(db, "DELETE FROM audit_link WHERE seq = 2")  # what can be checked without the key still is
    broken = verify(db).broken
    assert (broken.seq, broken.what) == (2, "is missing: link 2 has been removed")

    if db.is_sqlite:  # the first computer's key brought over: everything verifies again, but the hole
        first = json.loads(file_keyring.path.read_text())
        keyring.get_keyring().path.write_text(
            json.dumps({**json.loads(keyring.get_keyring().path.read_text()), **first})
        )
        audit_keys.forget()
        result = verify(db)
        assert result.verified == 4 and not result.unverifiable and result.broken.seq == 2


def test_where_there_is_no_keyring_the_key_is_kept_in_a_file_of_the_owners_only(db):
    if not db.is_sqlite:
        return  # the server keeps its own keys
    from keyring.backends import fail

    from tafdesk.paths import data_dir

    keyring.set_keyring(fail.Keyring())
    audit_keys.forget()
    write_events(db, 2)
    with db.reader() as s:
        segment = s.get(AuditLink, event_at(db, 1)).segment
    key_file = data_dir() / audit_keys.FOLDER / f"{segment.hex}.key"
    assert key_file.stat().st_mode & 0o777 == 0o600 and key_file.parent.stat().st_mode & 0o777 == 0o700
    audit_keys.forget()  # found again in the file
    assert verify(db).verified == 2
