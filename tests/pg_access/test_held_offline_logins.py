"""Offline changes held at sync, as the server's own login roles: the lead
who lost the case holds them (their login may write the held row, not the
case), and only a manager of the case's locality, under their own login,
sees and applies them."""

from __future__ import annotations

from tafdesk.services.offline_held import HeldOfflineService
from tafdesk.services.offline_sync import OfflineSyncService
from tafdesk.services.offline_take import OfflineTakeService
from tafdesk.services.offline_work import open_for_work
from tafdesk.services.plans import PlanService
from tests.offline.test_sync import edit
from tests.pg_access.conftest import TODAY

PASSWORD = "copy password"
WRITTEN = "Offline: grandmother helps."


def test_changes_held_at_sync_are_applied_by_a_managers_own_login(world, signed_in, tmp_path):
    db, lead = signed_in("lp")
    case_id = world.cases["Mensah"]
    [(reference,)] = world.owner_rows("SELECT reference FROM case_record WHERE id = :c", c=case_id)
    path = tmp_path / "lead.tafcopy"
    OfflineTakeService(db, lead).take([reference], path, PASSWORD)
    opened = open_for_work(path, PASSWORD)
    try:
        edit(PlanService(opened.database, opened.actor, today=TODAY), case_id, strengths=WRITTEN)
    finally:
        opened.close()
    # Meanwhile the case goes to another lead, and Tomas leaves its team.
    world.owner_change(
        "UPDATE case_record SET lead_professional_id = :p WHERE id = :c", p=world.people["Ruth"], c=case_id
    )
    world.owner_change("DELETE FROM case_supporter WHERE case_id = :c", c=case_id)

    [outcome] = OfflineSyncService(db, lead).sync(path, PASSWORD, lambda _conflict: None)
    assert outcome.state == "held" and "wait for a locality manager" in outcome.note

    south_db, south = signed_in("lm_south")
    assert HeldOfflineService(south_db, south).waiting() == []  # another locality's manager sees nothing
    north_db, north = signed_in("lm_north")
    held = HeldOfflineService(north_db, north)
    [waiting] = held.waiting()
    assert (waiting.case_reference, waiting.held_by) == (reference, lead.name)
    assert PlanService(north_db, north, today=TODAY).current(case_id).content.strengths != WRITTEN
    assert held.apply(waiting.id, waiting.version) == ["the plan"]
    assert PlanService(north_db, north, today=TODAY).current(case_id).content.strengths == WRITTEN
    assert held.waiting() == []
