"""The change bus: each committed write says what it changed, once, after it
commits; another process's changes reach this one (PostgreSQL: NOTIFY on a
listening connection of the signed-in person's; SQLite: PRAGMA data_version);
the listener comes back after its connection is killed."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text

from tafdesk.db import Database, change_watch
from tafdesk.db.changes import EVERYTHING
from tafdesk.models import AttendanceStatus
from tafdesk.services import audit
from tafdesk.services.directory import DirectoryService
from tafdesk.services.meetings import MeetingService
from tests.conftest import PG_ADMIN_URL
from tests.live.another_process import APOLOGIES, in_another_process
from tests.meetings.conftest import CHAIR, NOW

ARRIVES_S = 5.0  # "within a couple of seconds", with room for a loaded machine


def test_a_committed_write_says_what_it_changed_once(world, heard):
    MeetingService(world.db, CHAIR, now=NOW).record_attendance(
        world.meeting_id, world.agencies["Police"], AttendanceStatus.APOLOGIES, "By email"
    )
    [change] = heard.changes
    assert (change.entity, change.action, change.meeting_id) == ("meeting", "meeting.attendance", world.meeting_id)
    assert change.ids == {world.meeting_id} and change.local and not change.look


def test_a_rolled_back_write_says_nothing_here_or_elsewhere(world, heard):
    other = Database(world.db.url)  # a second process's connections (its own origin): it would hear a NOTIFY
    watcher = change_watch.watch(other, interval=0.1)
    heard_there = []
    stop = other.changes.subscribe(heard_there.extend)
    try:
        assert watcher.ready.wait(10)
        with pytest.raises(RuntimeError), world.db.session() as s:
            audit.record(s, CHAIR, "meeting.attendance", "meeting", world.meeting_id)
            s.flush()
            raise RuntimeError("the write fails after its audit event")
        MeetingService(world.db, CHAIR, now=NOW).reorder(
            world.meeting_id, _agenda(world)[::-1]
        )  # then one that commits
        assert heard.wait_for(lambda c: c.action == "meeting.agenda_reordered", ARRIVES_S)
        assert [c.action for c in heard.changes] == ["meeting.agenda_reordered"]
        if not world.db.is_sqlite:  # the server delivers the committed one only
            assert _wait(lambda: heard_there, ARRIVES_S)
            assert [c.action for c in heard_there] == ["meeting.agenda_reordered"]
    finally:
        stop()
        watcher.stop()
        other.dispose()


def test_a_change_in_another_process_arrives_within_seconds(world, heard):
    watcher = change_watch.watch(world.db, interval=0.2)
    try:
        assert watcher.ready.wait(10)
        in_another_process(world.db, APOLOGIES, str(world.meeting_id), str(world.agencies["Housing"]))
        change = heard.wait_for(lambda c: not c.local, 2.0)  # from the other process's end: a couple of seconds
        assert change is not None, "nothing arrived from the other process"
        if world.db.is_sqlite:  # a file says only that someone else wrote
            assert change.entity == EVERYTHING
        else:  # the server's notification names the meeting, and nothing about anyone
            assert (change.entity, change.action, change.meeting_id) == (
                "meeting",
                "meeting.attendance",
                world.meeting_id,
            )
    finally:
        watcher.stop()


def test_this_process_does_not_hear_its_own_writes_again(world, heard):
    watcher = change_watch.watch(world.db, interval=0.1)
    try:
        assert watcher.ready.wait(10)
        service = DirectoryService(world.db, CHAIR)
        for name in ("Early Years", "Adult Learning"):
            service.create_agency({"name": name, "membership": "associate", "sector": "education"})
        assert heard.wait_for(lambda c: not c.local, 1.0) is None
        assert [c.action for c in heard.changes] == ["agency.created", "agency.created"]
    finally:
        watcher.stop()


@pytest.fixture
def pg_only(db):
    if db.is_sqlite:
        pytest.skip("listening for notifications is PostgreSQL's")


def test_the_listener_reconnects_after_its_connection_is_killed(world, heard, pg_only):
    watcher = change_watch.watch(world.db)
    try:
        assert watcher.ready.wait(10)
        killed = watcher.backend_pid
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            assert conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": killed}).scalar()
        admin.dispose()
        assert heard.wait_for(lambda c: c.entity == EVERYTHING and not c.local, ARRIVES_S), "no word of the gap"
        assert watcher.reconnections == 1 and watcher.backend_pid != killed
        in_another_process(world.db, APOLOGIES, str(world.meeting_id), str(world.agencies["Police"]))
        assert heard.wait_for(lambda c: c.action == "meeting.attendance" and not c.local, ARRIVES_S)
    finally:
        watcher.stop()


def test_the_listener_connects_as_the_signed_in_person(db, pg_only):
    from tafdesk.models import Role, User
    from tafdesk.services.users import UserService
    from tests.conftest import PASSWORD, allow_sign_in

    with db.session() as s:
        s.add(User(username="clerk.north", display_name="Clerk North", role=Role.BUSINESS_SUPPORT))
    allow_sign_in(db, "clerk.north")
    theirs = Database(db.url.set(username=None, password=None))
    UserService(theirs).sign_in("clerk.north", PASSWORD)
    watcher = change_watch.watch(theirs)
    try:
        assert watcher.ready.wait(10)
        with db.connection() as conn:
            who = conn.execute(
                text("SELECT usename FROM pg_stat_activity WHERE pid = :pid"), {"pid": watcher.backend_pid}
            ).scalar()
        assert who == "clerk.north"
    finally:
        watcher.stop()
        theirs.dispose()


def _agenda(world) -> list[uuid.UUID]:
    return [row.id for row in MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id).agenda]


def _wait(condition, timeout: float):
    import time

    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
    return condition()


def test_a_write_committed_outside_a_session_is_announced_here_and_elsewhere(db, heard):
    from tafdesk.db.changes import Change

    other = Database(db.url)
    watcher = change_watch.watch(other, interval=0.1)
    heard_there = []
    stop = other.changes.subscribe(heard_there.extend)
    try:
        assert watcher.ready.wait(10)
        db.announce(Change("app_user", "user.signed_in"))
        assert [c.action for c in heard.changes] == ["user.signed_in"]
        if not db.is_sqlite:  # (on a file nothing was written here: there is nothing to notice)
            assert _wait(lambda: heard_there, ARRIVES_S)
            assert [(c.entity, c.action) for c in heard_there] == [("app_user", "user.signed_in")]
    finally:
        stop()
        watcher.stop()
        other.dispose()


def test_another_process_committing_just_before_us_is_not_taken_for_us_on_a_file(db, heard, admin):
    if not db.is_sqlite:
        pytest.skip("data_version is SQLite's")
    watcher = change_watch.watch(db, interval=1.5)
    elsewhere = Database(db.url)  # another process's connections: its commits are not on this bus
    try:
        assert watcher.ready.wait(10)
        DirectoryService(elsewhere, admin).create_agency(
            {"name": "Early Years", "membership": "associate", "sector": "education"}
        )
        DirectoryService(db, admin).create_agency(
            {"name": "Adult Learning", "membership": "associate", "sector": "education"}
        )  # ours, before the next poll
        assert heard.wait_for(lambda c: not c.local, ARRIVES_S), "the other commit was taken for ours"
    finally:
        watcher.stop()
        elsewhere.dispose()
