"""The first run's set-up, without a window: on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tafdesk.db import Database
from tafdesk.db.errors import StorageError
from tafdesk.services.demo_mark import is_demo
from tafdesk.services.errors import PermissionDenied
from tafdesk.services.first_run import FirstRun, make_demo, set_up, try_server
from tafdesk.services.letterhead import LetterheadService, LetterheadSettings
from tafdesk.services.users import UserService
from tests.conftest import BACKEND, db_argument

PASSWORD = "correct horse battery"


def _choices(location: str, **changes) -> FirstRun:
    values = dict(
        location=location,
        letterhead=LetterheadSettings("Northshire County Council", "Early Help", ("County Hall", "NS1 1AA")),
        admin_username="ada",
        admin_name="Ada Admin",
        admin_password=PASSWORD,
    )
    return FirstRun(**(values | changes))


@pytest.fixture
def empty_location(request, tmp_path) -> str:
    if BACKEND == "postgresql":
        return db_argument(Database(request.getfixturevalue("pg_url")))
    return str(tmp_path / "new" / "tafdesk.sqlite")


def test_set_up_makes_the_database_the_administrator_and_the_letterhead(empty_location):
    done = set_up(_choices(empty_location))
    assert done.administrator == "ada" and done.demo is None
    database = Database(empty_location)
    try:
        actor = UserService(database).sign_in("ada", PASSWORD) if database.is_sqlite else None
        if actor is not None:
            assert actor.role.value == "admin"
        with database.connection() as conn:
            assert conn.execute(text("SELECT count(*) FROM app_user")).scalar() == 1
        from tafdesk.services.actor import SYSTEM

        head = LetterheadService(database, SYSTEM).letterhead()
        assert head.organisation == "Northshire County Council" and head.address == ("County Hall", "NS1 1AA")
        assert not is_demo(database)
    finally:
        database.dispose()


def test_a_second_administrator_is_refused_once_the_database_has_users(empty_location):
    set_up(_choices(empty_location))
    with pytest.raises(PermissionDenied, match="has users already"):
        set_up(_choices(empty_location, admin_username="mallory"))
    database = Database(empty_location)
    with database.connection() as conn:
        assert list(conn.execute(text("SELECT username FROM app_user")).scalars()) == ["ada"]
    database.dispose()


def test_the_server_test_says_what_answered_and_whether_it_is_encrypted(request):
    if BACKEND != "postgresql":
        pytest.skip("needs the PostgreSQL server")
    said = try_server(db_argument(Database(request.getfixturevalue("pg_url"))))
    assert said.startswith("Connected to PostgreSQL") and "encrypted" in said


def test_an_unreachable_server_or_a_file_is_said_plainly():
    with pytest.raises(StorageError, match="Cannot reach"):
        try_server("postgresql+psycopg://nobody@127.0.0.1:9/none", timeout_s=1)
    with pytest.raises(StorageError, match="a file, not a server"):
        try_server("/tmp/some.sqlite")


def test_the_demo_council_goes_into_its_own_file_marked_as_a_demo(tmp_path):
    path = make_demo(tmp_path / "demo.sqlite", families=12)
    database = Database(path)
    try:
        assert is_demo(database)
        from tafdesk.services.actor import SYSTEM

        assert "DEMO" in (LetterheadService(database, SYSTEM).letterhead().footer or "")
    finally:
        database.dispose()
    with pytest.raises(StorageError, match="exists already"):
        make_demo(tmp_path / "demo.sqlite", families=12)


def test_stopping_the_demo_leaves_the_database_set_up_and_no_demo_file(empty_location, tmp_path):
    demo = tmp_path / "demo" / "tafdesk-demo.sqlite"
    said: list[tuple[str, int]] = []
    done = set_up(
        _choices(empty_location, demo_location=str(demo)),
        report=lambda step, percent: said.append((step, percent)),
        stop=lambda: any(step.startswith("Making the demo") for step, _ in said),  # once it has begun
    )
    assert done.demo is None and done.demo_stopped and done.administrator == "ada"
    assert not demo.exists() and not list(demo.parent.iterdir())  # no file, no -wal or -shm, left behind
    percents = [percent for _, percent in said]
    assert percents == sorted(percents) and percents[0] == 0 and said[-1][0].startswith("Making the demo")
    database = Database(empty_location)
    try:
        assert UserService(database).has_users()
    finally:
        database.dispose()


def test_set_up_reports_each_step_up_to_done(empty_location, tmp_path):
    said: list[tuple[str, int]] = []
    done = set_up(
        _choices(empty_location, demo_location=str(tmp_path / "demo.sqlite")),
        report=lambda step, percent: said.append((step, percent)),
    )
    assert done.demo is not None and not done.demo_stopped
    assert said[0] == ("Creating the database…", 0) and said[-1] == ("Done.", 100)
    assert any(step.startswith("Making the demo") for step, _ in said)
