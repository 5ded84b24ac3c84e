"""A conflict says who changed each side and when; and a value written at the
sync instead of either is what the server keeps. On each database."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import pytest
from sqlalchemy import select

from tafdesk import clock
from tafdesk.models import AuditEvent, AuditValue, Role
from tafdesk.offline import store
from tafdesk.offline.database import CopyDatabase
from tafdesk.services.actor import Actor
from tafdesk.services.offline_sync import OfflineSyncService
from tafdesk.services.offline_take import OfflineTakeService
from tafdesk.services.plans import PlanService
from tests.offline.conftest import PASSWORD
from tests.offline.test_sync import edit, server_plan, sync, taken  # noqa: F401 (fixture)
from tests.plans.test_plan_service import TODAY

NOON = dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)


def at(hours: float):
    return clock.pinned(NOON + dt.timedelta(hours=hours))


@contextmanager
def copy_of(path, actor):
    copy = store.OfflineCopy.open(path, PASSWORD)
    try:
        yield PlanService(CopyDatabase(copy), actor, today=TODAY)
    finally:
        copy.close()


@pytest.fixture
def supporter(taken):  # noqa: F811
    return Actor(None, "Ruth Adeyemi", Role.LEAD_PROFESSIONAL, professional_id=taken.people["Ruth Adeyemi"])


def _mine(taken, lead, text="Mine."):  # noqa: F811
    with at(0.5), copy_of(taken.copy_path, lead) as plans:
        edit(plans, taken.case_id, voice_of_child=text)


def test_a_conflict_names_who_changed_each_side_and_when(taken, lead, supporter, tmp_path):  # noqa: F811
    theirs = tmp_path / "ruth.tafcopy"
    OfflineTakeService(taken.db, supporter).take([taken.reference], theirs, PASSWORD)
    _mine(taken, lead)
    with at(0.75), copy_of(theirs, supporter) as plans:
        edit(plans, taken.case_id, voice_of_child="Theirs.")
    with at(1):
        [done] = OfflineSyncService(taken.db, supporter).sync(theirs, PASSWORD, lambda c: None)
    assert done.sent == ["the plan"]
    with at(2):
        [done] = sync(taken, lead)
    [conflict] = done.conflicts
    assert (conflict.theirs, conflict.theirs_changed_by, conflict.theirs_changed_at) == (
        "Theirs.",
        "Ruth Adeyemi",
        NOON + dt.timedelta(hours=1),
    )
    assert (conflict.mine, conflict.mine_changed_by, conflict.mine_changed_at) == (
        "Mine.",
        "Tomas Okafor",
        NOON + dt.timedelta(hours=0.5),
    )


def test_a_draft_saved_on_the_server_names_who_saved_it(taken, lead, supporter):  # noqa: F811
    _mine(taken, lead)
    with at(1):  # an autosave, not audited: the plan version keeps who saved it
        edit(PlanService(taken.db, supporter, today=TODAY), taken.case_id, voice_of_child="Theirs.")
    with at(2):
        [done] = sync(taken, lead)
    [conflict] = done.conflicts
    # Not the plan's start (audited, by the lead, before the copy was taken): the save.
    assert (conflict.theirs_changed_by, conflict.theirs_changed_at) == ("Ruth Adeyemi", NOON + dt.timedelta(hours=1))
    assert conflict.mine_changed_by == "Tomas Okafor"


def test_another_value_written_at_the_sync_is_kept_and_both_originals_audited(taken, lead):  # noqa: F811
    _mine(taken, lead)
    with at(1):
        edit(PlanService(taken.db, lead, today=TODAY), taken.case_id, voice_of_child="Theirs.")
    with at(2):
        [done] = sync(taken, lead, choose=lambda c: {"edit": "Both, in the child's words."})
    assert done.state == "synced"
    assert server_plan(taken, lead).content.voice_of_child == "Both, in the child's words."
    with taken.db.reader() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "case.synced_from_offline")).one()
        values = s.get(AuditValue, event.id).changes
    assert all(v in values for v in ("Mine.", "Theirs.", "Both, in the child's words."))


def test_another_value_cannot_settle_a_field_that_is_not_text(taken, lead):  # noqa: F811
    with at(0.5), copy_of(taken.copy_path, lead) as plans:
        edit(plans, taken.case_id, review_interval_weeks=4)
    with at(1):
        edit(PlanService(taken.db, lead, today=TODAY), taken.case_id, review_interval_weeks=8)
    with at(2):
        [done] = sync(taken, lead, choose=lambda c: {"edit": "5"})
    [conflict] = done.conflicts
    assert done.state == "conflict" and not conflict.editable
    assert server_plan(taken, lead).content.review_interval_weeks == 8
