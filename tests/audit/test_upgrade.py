"""A database made by an older tafdesk (schema 0016, values in
audit_event.changes) upgrades to a chain of its existing events, oldest
first, that verifies; going back to 0016 puts the values back."""

from __future__ import annotations

import json
import uuid

from sqlalchemy import create_engine, select, text

from tafdesk.db import Database
from tafdesk.db.migrations.runner import run_downgrade, run_upgrade
from tafdesk.db.schema import upgrade_schema
from tafdesk.models import AuditEvent, AuditLink
from tests.audit.conftest import verify, write_events

OLD_EVENTS = [  # occurred_at, action, changes (written in this order, which is not the time order)
    ("2026-11-02 09:30:00.000000", "family.record_corrected", {"postcode": ["NT1 1AA", "NT2 2BB"]}),
    ("2026-11-01 10:00:00.000000", "user.created", {"username": [None, "jo.admin"]}),
    ("2026-11-03 14:15:00.000000", "user.signed_in_failed", None),
]


def test_an_older_database_upgrades_to_a_chain_that_verifies(any_url, tmp_path):
    run_upgrade(any_url, "0016")
    ids = [uuid.uuid4() for _ in OLD_EVENTS]
    engine = create_engine(any_url)
    with engine.begin() as conn:
        for event_id, (when, action, changes) in zip(ids, OLD_EVENTS):
            conn.execute(
                text(
                    "INSERT INTO audit_event (id, occurred_at, actor_name, action, entity_type, changes, "
                    "created_at, updated_at, version) VALUES (:id, :when, 'Jo Bloggs', :action, 'x', :changes, "
                    ":when, :when, 1)"
                ),
                {
                    "id": event_id.hex,
                    "when": when,
                    "action": action,
                    "changes": json.dumps(changes) if changes else None,
                },
            )
    engine.dispose()

    upgrade_schema(any_url, backup_dir=tmp_path / "backups")
    db = Database(any_url)
    try:
        result = verify(db)
        assert (result.ok, result.links, result.verified) == (True, 3, 3)
        with db.reader() as s:
            order = s.scalars(select(AuditLink.id).order_by(AuditLink.seq)).all()
            events = {e.id: e for e in s.scalars(select(AuditEvent))}
        assert order == [ids[1], ids[0], ids[2]]  # oldest first
        assert json.loads(events[ids[0]].changes) == {"postcode": ["NT1 1AA", "NT2 2BB"]}
        assert [events[i].has_values for i in ids] == [True, True, False] and events[ids[2]].changes is None
        write_events(db, 2)  # and tafdesk writes on
        assert verify(db).links == 5
    finally:
        db.dispose()

    run_downgrade(any_url, "0016")
    engine = create_engine(any_url)
    with engine.connect() as conn:
        kept = dict(conn.execute(text("SELECT action, changes FROM audit_event")).all())
    engine.dispose()
    assert (
        json.loads(kept["user.created"]) == {"username": [None, "jo.admin"]} and kept["user.signed_in_failed"] is None
    )
    assert len(kept) == 4  # the two written since share one action
