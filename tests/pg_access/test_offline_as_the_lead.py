"""Taking a case offline and syncing it back as the lead professional's own
login role, as the app does on a shared server: every row the copy takes
must be one their grants and row-level security let them read (the
profile's original document is not: it stays on the server)."""

from __future__ import annotations

from sqlalchemy import select

from tafdesk.models import Profile360, Referral
from tafdesk.offline import store
from tafdesk.services.offline_sync import OfflineSyncService
from tafdesk.services.offline_take import OfflineTakeService
from tafdesk.services.offline_work import open_for_work
from tafdesk.services.plans import PlanService
from tests.offline.test_sync import edit
from tests.pg_access.conftest import TODAY

PASSWORD = "copy password"


def test_the_lead_takes_their_case_offline_and_syncs_a_change_back(world, signed_in, tmp_path):
    db, lead = signed_in("lp")
    case_id = world.cases["Mensah"]
    reference = PlanService(world.db, lead, today=TODAY).current(case_id).case_reference
    path = tmp_path / "lead.tafcopy"
    assert OfflineTakeService(db, lead).take([reference], path, PASSWORD) == [reference]

    copy = store.OfflineCopy.open(path, PASSWORD)
    try:
        with copy.engine.connect() as conn:
            held = conn.execute(select(Profile360.original_document)).scalars().all()
        assert held and set(held) == {""}  # the profile is there, its original document is not
    finally:
        copy.close()

    opened = open_for_work(path, PASSWORD)
    try:
        edit(PlanService(opened.database, opened.actor, today=TODAY), case_id, strengths="Offline: grandmother helps.")
    finally:
        opened.close()
    [outcome] = OfflineSyncService(db, lead).sync(path, PASSWORD, lambda _conflict: None)
    assert outcome.sent
    assert PlanService(world.db, lead, today=TODAY).current(case_id).content.strengths == "Offline: grandmother helps."
    with world.db.session() as s:  # the server's original document is untouched
        documents = s.scalars(
            select(Profile360.original_document).join(Referral).where(Referral.case_id == case_id)
        ).all()
    assert documents and "" not in documents
