"""Several people writing audit events at the same moment, from their own
computers (real processes released together): one chain, every event in it
once, no fork, and it verifies."""

from __future__ import annotations

import time
import uuid

import pytest
from sqlalchemy import func, select

from tafdesk.models import AuditLink
from tafdesk.services import audit
from tafdesk.services.actor import SYSTEM
from tests.audit.conftest import seq_of, verify, write_events
from tests.conftest import db_argument
from tests.races.harness import outcome, run_together

WRITERS, ROUNDS = 3, 5


def _write_each_round(barrier, rounds, database, writer):
    import uuid

    from tafdesk.db import Database
    from tafdesk.db.rowset import RowSet
    from tafdesk.services import audit
    from tafdesk.services.actor import SYSTEM

    db = Database(database)

    def write(round_: int) -> None:
        with db.session() as s:
            audit.record(
                s, SYSTEM, "race.event", "thing", uuid.uuid4(), {"writer": [None, writer], "round": [None, round_]}
            )
            audit.record(s, SYSTEM, "race.seen", "thing", uuid.uuid4())
            rows = RowSet()  # and a bulk insert in the same unit of work
            audit.queue(rows, None, SYSTEM.name, "race.bulk", "thing", uuid.uuid4(), {"writer": [None, writer]})
            rows.insert_all(s)

    results = []
    for round_ in range(rounds):
        barrier.wait()
        results.append(outcome(write, round_))
    db.dispose()
    return results


def test_writers_at_the_same_moment_leave_one_chain_that_verifies(db):
    write_events(db, 1)  # the chain's first segment and key exist before they start
    outcomes = run_together(_write_each_round, [(db_argument(db), f"writer {n}") for n in range(WRITERS)], ROUNDS)

    assert all(kind == "ok" for results in outcomes for kind, _ in results), outcomes
    result = verify(db)
    expected = 1 + WRITERS * ROUNDS * 3
    assert (result.ok, result.links, result.verified) == (True, expected, expected), result.broken
    with db.reader() as s:
        assert s.execute(
            select(func.min(AuditLink.seq), func.max(AuditLink.seq), func.count(func.distinct(AuditLink.segment)))
        ).one() == (1, expected, 1)


def test_a_transaction_still_open_holds_nobody_up(db):
    """PostgreSQL links at commit: the chain's lock is held only while committing."""
    if db.is_sqlite:
        pytest.skip("SQLite's writers take turns for the whole unit of work anyway (BEGIN IMMEDIATE)")
    write_events(db, 1)
    with db.session() as slow:
        first = audit.record(slow, SYSTEM, "slow.event", "thing", uuid.uuid4(), {"note": [None, "typed slowly"]})
        slow.flush()  # written, not committed
        started = time.monotonic()
        [second] = write_events(db, 1, start=1)  # someone else commits meanwhile
        assert time.monotonic() - started < 2
    assert (seq_of(db, second), seq_of(db, first.id)) == (2, 3)
    assert verify(db).ok
