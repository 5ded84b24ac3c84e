"""Database failures reach the person as one plain sentence, whatever the
backend; the log says what kind of failure it was without the data."""

from __future__ import annotations

import logging
import re

import pytest
from sqlalchemy import select, text

from tafdesk.db import Database
from tafdesk.models import Locality
from tafdesk.services.errors import ConflictError, DatabaseProblem

# Signs of a raw error: SQL, driver and ORM wording, tracebacks.
RAW = re.compile(
    r"INSERT |UPDATE |SELECT |sqlalchemy|psycopg|sqlite3|Traceback|\[SQL|\[parameters|constraint failed|DETAIL:|Error\b"
)


def assert_plain(message: str) -> None:
    assert not RAW.search(message), message
    assert message.count("\n") == 0 and message.endswith((".", "!")), message


def test_a_row_changed_under_an_edit_is_a_conflict(db):
    with db.session() as s:
        s.add(Locality(name="Eastmoor", code="E"))
    with db.reader() as s:
        stale = s.scalars(select(Locality)).one()
    with db.session() as s:
        s.execute(text("UPDATE locality SET version = version + 1"))
    with pytest.raises(ConflictError) as caught, db.session() as s:
        s.add(stale)
        stale.default_venue = "Eastmoor Library"
    assert "Someone else changed this record" in str(caught.value)
    assert_plain(str(caught.value))


def test_a_clash_with_a_record_already_there_is_one_sentence_and_the_log_has_no_values(db, caplog):
    with db.session() as s:
        s.add(Locality(name="Eastmoor", code="E"))
    caplog.set_level(logging.INFO)
    with pytest.raises(DatabaseProblem) as caught, db.session() as s:
        s.add(Locality(name="Eastmoor", code="Q"))
    assert "clashes with a record already in the database" in str(caught.value)
    assert_plain(str(caught.value))
    assert caught.value.__cause__ is None and caught.value.__suppress_context__  # no raw text rides along
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "integrity" in logged and "Eastmoor" not in logged


def test_a_value_the_server_cannot_store_is_one_sentence(pg_schema_url, caplog):
    db = Database(pg_schema_url)
    try:
        with pytest.raises(DatabaseProblem) as caught, db.session() as s:
            s.add(Locality(name="Longbottom " * 20, code="L"))  # longer than the column
        assert "too long" in str(caught.value)
        assert_plain(str(caught.value))
        assert "Longbottom" not in caplog.text and "22001" in caplog.text
    finally:
        db.dispose()


def test_a_broken_query_is_one_sentence_and_the_log_says_where(db, caplog):
    value = "-".join(("SECRET", "CODE"))  # a value (not in this source line) that must stay out of the log
    with pytest.raises(DatabaseProblem) as caught, db.reader() as s:
        s.execute(text("SELECT name FROM no_such_table WHERE code = :code"), {"code": value})
    assert "unexpected problem with the database" in str(caught.value)
    assert_plain(str(caught.value))
    assert "test_db_failures.py" in caplog.text  # the frames, for whoever fixes it
    assert value not in caplog.text


def test_a_lost_server_connection_can_be_retried(pg_schema_url):
    db = Database(pg_schema_url)
    try:
        with pytest.raises(DatabaseProblem) as caught, db.reader() as s:
            s.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))
        assert "connection to the database server was lost" in str(caught.value)
        assert caught.value.retryable
        with db.reader() as s:  # the pool replaces the connection
            assert s.execute(text("SELECT 1")).scalar() == 1
    finally:
        db.dispose()
