"""Retention on a demo council (`tafdesk demo`, built on a fixed day), on both
databases: twenty years on, what is due is gone or anonymised, every other
row is exactly as it was, and `tafdesk audit verify` still passes."""

from __future__ import annotations

import datetime as dt
import io

from sqlalchemy import func, select

from tafdesk.cli import main
from tafdesk.models import Family, Person, Role, User
from tafdesk.services import family_rows
from tafdesk.services.actor import Actor
from tafdesk.services.retention import RetentionService
from tests.conftest import db_argument
from tests.retention.conftest import dump

TWENTY_YEARS_ON = dt.datetime(2046, 11, 25, 9, tzinfo=dt.UTC)


def test_retention_on_a_demo_council(db, capsys, monkeypatch):
    address = db_argument(db)
    assert main(["demo", "--db", address, "--families", "80", "--today", "2026-11-25"]) == 0
    with db.reader() as s:
        admin = s.scalar(select(User).where(User.username == "admin"))
    service = RetentionService(
        db, Actor(admin.id, admin.display_name, Role.ADMIN, username="admin"), now=TWENTY_YEARS_ON
    )
    due = service.report().due
    rules = {f.rule for f in due.families}
    assert rules == {"worked_with", "not_allocated"} and due.meetings
    family_ids = [f.id for f in due.families]
    with db.reader() as s:
        affected = set(family_rows.row_ids(s, family_ids)) | {x.id for x in due.meetings} | {d.id for d in due.drafts}
        families_left = s.scalar(select(func.count()).select_from(Family)) - len(family_ids)
    before = dump(db)

    service.apply()

    after = dump(db)
    for table, rows in before.items():
        if table != "audit_value":  # the values about what went are anonymised
            kept = {i: row for i, row in rows.items() if i not in affected}
            assert {i: after[table].get(i) for i in kept} == kept, f"{table} changed beyond what was due"
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Person).where(Person.family_id.in_(family_ids))) == 0
        assert s.scalar(select(func.count()).select_from(Family).where(Family.anonymised_on.is_(None))) == families_left
    monkeypatch.setattr("sys.stdin", io.StringIO("demo\n"))
    assert main(["audit", "verify", "--db", address, "--user", "admin", "--password-stdin"]) == 0
    assert "Audit trail OK" in capsys.readouterr().out
