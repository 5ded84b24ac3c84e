"""tafdesk's own bulk writers are linked like any other: an import of
profiles, and a demo council (written by a second process)."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import func, select

from tafdesk.demo import generate
from tafdesk.models import AuditEvent
from tests.audit.conftest import verify
from tests.intake.conftest import BASE_PROFILE, clerk, directory, intake, make_profile, write  # noqa: F401 (fixtures)


def test_an_import_is_linked_with_its_values(intake, db, tmp_path):  # noqa: F811 (fixture)
    second = make_profile(profile_id="ESAT-2026-10002")
    report = intake.import_path(write(tmp_path / "two.json", [BASE_PROFILE, second]))
    assert len(report.imported) == 2
    result = verify(db)
    assert result.ok and result.links == result.verified == 2
    with db.reader() as s:
        sources = [json.loads(c)["profile_ref"][1] for c in s.scalars(select(AuditEvent.changes))]
    assert sorted(sources) == ["ESAT-2026-10001", "ESAT-2026-10002"]


def test_a_demo_council_is_linked_as_it_is_written(db):
    generate(db, families=30, seed=3, today=dt.date(2026, 11, 25))
    with db.reader() as s:
        events = s.scalar(select(func.count()).select_from(AuditEvent))
    result = verify(db)
    assert events > 0 and result.ok and result.links == result.verified == events
