"""Taking cases offline: only one's own, encrypted, expiring, wiped after wrong passwords."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tafdesk import clock
from tafdesk.models import AuditEvent, Role
from tafdesk.offline import store
from tafdesk.offline.graph import read_case
from tafdesk.offline.header import header_path, read_header
from tafdesk.services.actor import Actor
from tafdesk.services.errors import PermissionDenied
from tafdesk.services.offline_take import OfflineTakeService, copy_status, discard
from tafdesk.services.shared_settings import SharedSettings
from tests.offline.conftest import PASSWORD

ADMIN = Actor(None, "Admin Tester", Role.ADMIN, localities=None)


def test_a_taken_case_is_all_there_and_reads_as_noise_without_the_password(with_draft, lead, copy_path):
    copy_path.parent.mkdir()
    taken = OfflineTakeService(with_draft.db, lead).take([with_draft.reference], copy_path, PASSWORD)
    assert taken == [with_draft.reference]
    raw = copy_path.read_bytes()
    assert b"SQLite format 3" not in raw
    for plain in (b"Okafor", b"Walk Tobi", b"football", with_draft.reference.encode()):
        assert plain not in raw
    copy = store.OfflineCopy.open(copy_path, PASSWORD)
    with copy.engine.connect() as conn:
        rows = read_case(conn, with_draft.case_id)
    copy.close()
    assert [a["description"] for a in rows.of("taf_action")] == ["Walk Tobi to school", "Book the parenting course"]
    assert rows.of("taf_plan")[0]["voice_of_child"] == "I want to go to football."
    assert {p["given_name"] + " " + p["family_name"] for p in rows.of("professional")} >= {
        "Tomas Okafor",
        "Ruth Adeyemi",
    }
    assert rows.of("family") and rows.of("person") and rows.of("profile360")
    status = copy_status(copy_path, PASSWORD)
    assert [(c.reference, c.state, c.pending.any) for c in status.cases] == [(with_draft.reference, "taken", False)]
    with with_draft.db.reader() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "case.taken_offline")).all()
    assert [e.entity_id for e in events] == [with_draft.case_id]


def test_a_lead_cannot_take_a_case_that_is_not_theirs(with_draft, copy_path):
    someone = next(pid for name, pid in with_draft.people.items() if name not in ("Tomas Okafor", "Ruth Adeyemi"))
    stranger = Actor(None, "Another Lead", Role.LEAD_PROFESSIONAL, professional_id=someone)
    with pytest.raises(PermissionDenied, match="only the cases they lead or support"):
        OfflineTakeService(with_draft.db, stranger).take([with_draft.reference], copy_path, PASSWORD)
    assert not copy_path.exists() and not header_path(copy_path).exists()


def test_a_supporter_may_take_the_case(with_draft, tmp_path):
    supporter = Actor(None, "Ruth Adeyemi", Role.LEAD_PROFESSIONAL, professional_id=with_draft.people["Ruth Adeyemi"])
    assert OfflineTakeService(with_draft.db, supporter).take([with_draft.reference], tmp_path / "c", PASSWORD)


def test_wrong_passwords_count_and_the_fifth_wipes_the_copy(with_draft, lead, tmp_path):
    path = tmp_path / "copy"
    OfflineTakeService(with_draft.db, lead).take([with_draft.reference], path, PASSWORD)
    for tries in range(1, 5):
        with pytest.raises(store.WrongPassword, match=f"{5 - tries} more wrong"):
            store.OfflineCopy.open(path, "wrong")
        assert read_header(path).wrong_passwords == tries
    store.OfflineCopy.open(path, PASSWORD).close()  # the right one resets the count
    assert read_header(path).wrong_passwords == 0
    for _ in range(4):
        with pytest.raises(store.WrongPassword):
            store.OfflineCopy.open(path, "wrong")
    with pytest.raises(store.WrongPassword, match="wiped"):
        store.OfflineCopy.open(path, "wrong")
    assert not path.exists() and not header_path(path).exists()


def test_a_copy_expires_after_the_days_administrators_set(with_draft, lead, tmp_path):
    SharedSettings(with_draft.db, ADMIN).set_offline_expiry_days(3)
    path = tmp_path / "copy"
    OfflineTakeService(with_draft.db, lead).take([with_draft.reference], path, PASSWORD)
    store.OfflineCopy.open(path, PASSWORD).close()
    later = clock.now() + dt.timedelta(days=3, minutes=1)
    with clock.pinned(later):
        with pytest.raises(store.CopyExpired, match="sync it or discard it"):
            store.OfflineCopy.open(path, PASSWORD)
        assert copy_status(path, PASSWORD).expired  # still readable to sync or discard
    discard(path)
    assert not path.exists()
