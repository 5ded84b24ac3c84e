"""Writing rows from a second process in one transaction (db.row_writer):
all of them or none, and a plain sentence when the writer fails."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from tafdesk.db import Database
from tafdesk.db.row_writer import FAILED, RowWriter
from tafdesk.db.rowset import RowSet
from tafdesk.models import AppSetting
from tafdesk.services.errors import ServiceError


def _settings(count: int, prefix: str = "key") -> RowSet:
    rows = RowSet(random.Random(1))
    for n in range(count):
        rows.add(AppSetting, key=f"{prefix}{n}", value=f'"{n}"')
    return rows


def _send(writer: RowWriter, rows: RowSet, copy: bool = False) -> None:
    for sql, values in rows.drain(writer.dialect, copy=copy):
        writer.write(sql, values)


def _keys(db: Database) -> list[str]:
    with db.reader() as s:
        return sorted(s.scalars(select(AppSetting.key)))


def _count_settings(session) -> int:
    return len(session.scalars(select(AppSetting.key)).all())


def test_rows_are_written_in_one_transaction_once_committed(db) -> None:
    with RowWriter(db.url, db.engine.dialect, check=_count_settings) as writer:
        assert writer.started() == 0  # the check ran in the writer's transaction
        _send(writer, _settings(3000))  # more than one batch
        writer.commit()
    keys = _keys(db)
    assert len(keys) == 3000 and keys[0] == "key0"


def test_leaving_without_commit_writes_nothing(db) -> None:
    with pytest.raises(RuntimeError, match="stopped"), RowWriter(db.url, db.engine.dialect) as writer:
        writer.started()
        _send(writer, _settings(10))
        raise RuntimeError("stopped part way")
    assert _keys(db) == []


@pytest.mark.parametrize("copy", [False, True])
def test_a_row_the_database_refuses_is_reported_plainly_and_nothing_is_kept(db, copy) -> None:
    """With INSERTs, and with COPY where the database has it (PostgreSQL)."""
    with db.session() as s:
        s.add(AppSetting(key="dup5", value="{}"))
    with pytest.raises(ServiceError) as caught, RowWriter(db.url, db.engine.dialect) as writer:
        writer.started()
        _send(writer, _settings(10, prefix="dup"), copy=copy)  # dup5 is there already: unique key
        writer.commit()
    message = str(caught.value)
    assert "clashes with a record already in the database" in message
    assert "INSERT" not in message and "COPY" not in message and "dup5" not in message and "Error" not in message
    assert _keys(db) == ["dup5"]


def test_a_writer_that_dies_is_reported_and_nothing_is_kept(db) -> None:
    with pytest.raises(ServiceError, match="nothing was saved"), RowWriter(db.url, db.engine.dialect) as writer:
        writer.started()
        _send(writer, _settings(10))
        writer._process.kill()  # as the system would, out of memory
        writer._process.join()
        for _ in range(50):  # the pipe notices on the next message or at the commit
            _send(writer, _settings(10, prefix=f"more{_}-"))
        writer.commit()
    assert _keys(db) == []
    assert "nothing was saved" in FAILED


def test_seeded_ids_rise_and_behave_as_uuids() -> None:
    import uuid

    rows = RowSet(random.Random(3))
    ids = [rows.new_id() for _ in range(5000)]
    assert ids == sorted(ids) and len(set(ids)) == 5000
    for made in ids[:3] + ids[-3:]:
        plain = uuid.UUID(str(made))
        assert made == plain and hash(made) == hash(plain) and made.hex == plain.hex
        assert made.version == 4 and made.variant == uuid.RFC_4122
    again = RowSet(random.Random(3))
    assert [again.new_id() for _ in range(5000)] == ids  # the same seed, the same ids
    assert RowSet().new_id() != RowSet().new_id()  # unseeded: random version-4 ids


@pytest.mark.parametrize("dialect_name", ["sqlite", "postgresql"])
def test_rows_are_converted_as_sqlalchemy_itself_converts_them(dialect_name) -> None:
    import datetime as dt
    import uuid

    from sqlalchemy.dialects import postgresql, sqlite

    from tafdesk.db.bulk_insert import BulkInsert
    from tafdesk.models import ActionStatus, TafAction

    dialect = sqlite.dialect() if dialect_name == "sqlite" else postgresql.psycopg.dialect()
    table = TafAction.__table__
    seeded = RowSet(random.Random(1))
    now = dt.datetime(2026, 12, 1, 10, 30, tzinfo=dt.UTC)
    rows = [
        {c.key: None for c in table.columns}
        | {
            "id": seeded.new_id() if n % 2 else uuid.uuid4(),
            "plan_id": uuid.uuid4(),
            "outcome_id": uuid.uuid4(),
            "position": n,
            "description": "Attend the course",
            "measure": "Certificate",
            "version": 1,
            "starts_on": dt.date(2026, 1, 1 + n),
            "due_on": None if n == 2 else dt.date(2026, 2, 1),
            "status": ActionStatus.OPEN if n else ActionStatus.DONE,
            "created_at": now,
            "updated_at": now,
        }
        for n in range(4)
    ]
    keys = tuple(rows[0])
    expected = []
    for row in rows:
        converted = []
        for key in keys:
            process = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
            converted.append(process(row[key]) if process else row[key])
        expected.append(tuple(converted))
    assert BulkInsert(dialect, table, keys).values(rows) == expected


def _settings_through_a_session(database, count: int) -> None:
    """A commit's finish: reads the rows written (not yet committed) and adds one, as a service would."""
    with database.reader() as s:
        seen = _count_settings(s)
    with database.session() as s:
        s.add(AppSetting(key="finished", value=f'"{seen}"'))
    assert seen == count


def _refusing(database, _argument) -> None:
    with database.session() as s:
        s.add(AppSetting(key="half", value="{}"))
    raise ServiceError("The demo's script stopped: the group may not decide before its meeting.")


def test_a_commits_finish_works_in_the_writers_transaction(db) -> None:
    with RowWriter(db.url, db.engine.dialect, warm=("tafdesk.services.meetings",)) as writer:
        writer.started()
        _send(writer, _settings(30))
        writer.commit(finish=(_settings_through_a_session, 30))
    keys = _keys(db)
    assert len(keys) == 31 and "finished" in keys
    with db.reader() as s:
        assert s.scalar(select(AppSetting.value).where(AppSetting.key == "finished")) == '"30"'


def test_a_finish_that_fails_leaves_nothing_written_and_says_why_at_once(db) -> None:
    import time

    started = time.monotonic()
    with (
        pytest.raises(ServiceError, match="may not decide before its meeting"),
        RowWriter(db.url, db.engine.dialect) as writer,
    ):
        writer.started()
        _send(writer, _settings(30))
        writer.commit(finish=(_refusing, None))
    assert _keys(db) == []
    assert time.monotonic() - started < 20  # not held until the writer is given up on


def test_a_seeded_id_sent_to_another_process_is_a_plain_uuid() -> None:
    import pickle
    import uuid

    made = RowSet(random.Random(4)).new_id()
    sent = pickle.loads(pickle.dumps(made))
    assert type(sent) is uuid.UUID and sent == made and sent.hex == made.hex


@pytest.mark.postgres
def test_copy_writes_the_same_rows_as_inserts_on_postgresql(pg_schema_url, monkeypatch) -> None:
    """A demo council written with COPY (as `tafdesk demo` writes one on
    PostgreSQL) and the same council written with INSERTs: the same rows,
    every column of every table (enumerations, flags, dates, times,
    timestamps, ids, text, nulls)."""
    import datetime as dt

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from tafdesk.db.bulk_insert import copy_allowed
    from tafdesk.demo import council, generate
    from tests.conftest import PG_ADMIN_URL
    from tests.test_demo import CHAIN_ORDER, dump

    today = dt.date(2026, 11, 25)
    copied = Database(pg_schema_url)
    inserted_name = f"{pg_schema_url.database}_inserted"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:  # a second database at the same schema
        conn.execute(text(f'CREATE DATABASE "{inserted_name}" TEMPLATE "{pg_schema_url.database}"'))
    inserted = Database(make_url(PG_ADMIN_URL).set(database=inserted_name))
    try:
        with copied.engine.connect() as conn:
            assert copy_allowed(conn)  # the owner: COPY is used
        generate(copied, families=30, seed=5, today=today)
        monkeypatch.setattr(council, "copy_allowed", lambda _conn: False)
        generate(inserted, families=30, seed=5, today=today)
        by_copy, by_insert = dump(copied, CHAIN_ORDER), dump(inserted, CHAIN_ORDER)
        assert by_copy == by_insert
        assert sum(map(len, by_copy.values())) > 2000
    finally:
        copied.dispose()
        inserted.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{inserted_name}" WITH (FORCE)'))
        admin.dispose()


def test_copy_is_for_postgresql_only(db) -> None:
    from tafdesk.db.bulk_insert import copy_allowed

    with db.engine.connect() as conn:
        assert copy_allowed(conn) is (not db.is_sqlite)
    assert all(sql.startswith("INSERT") for sql, _ in _settings(3).drain(db.engine.dialect, copy=db.is_sqlite))


@pytest.mark.postgres
def test_an_account_that_row_level_security_restricts_is_given_inserts(pg_schema_url) -> None:
    """PostgreSQL refuses COPY into a table with row-level security for
    such an account (a lead professional's group, say)."""
    from tafdesk.db.bulk_insert import copy_allowed
    from tafdesk.db.server_logins import GROUPS
    from tafdesk.models import Role

    db = Database(pg_schema_url)
    try:
        with db.engine.connect() as conn:
            conn.exec_driver_sql(f"SET ROLE {GROUPS[Role.LEAD_PROFESSIONAL]}")
            assert not copy_allowed(conn)
    finally:
        db.dispose()
