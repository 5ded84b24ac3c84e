"""Sync back, field by field: the matrix of who changed what, on each database."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from contextlib import contextmanager

import pytest
from sqlalchemy import select, update

from tafdesk.models import ActionStatus, AuditEvent, AuditValue, Case, CaseNote, CaseSupporter, NoteType
from tafdesk.offline import store
from tafdesk.offline.database import CopyDatabase
from tafdesk.plans.content import ActionItem
from tafdesk.services.case_notes import CaseNotesService, NoteInput
from tafdesk.services.offline_sync import OfflineSyncService
from tafdesk.services.offline_take import OfflineTakeService, copy_status
from tafdesk.services.plans import PlanService
from tests.offline.conftest import PASSWORD
from tests.plans.test_plan_service import TODAY


@pytest.fixture
def taken(with_draft, lead, copy_path):
    copy_path.parent.mkdir()
    OfflineTakeService(with_draft.db, lead).take([with_draft.reference], copy_path, PASSWORD)
    with_draft.copy_path = copy_path
    return with_draft


@contextmanager
def offline(world, lead):
    copy = store.OfflineCopy.open(world.copy_path, PASSWORD)
    try:
        yield PlanService(CopyDatabase(copy), lead, today=TODAY), CaseNotesService(CopyDatabase(copy), lead)
    finally:
        copy.close()


def edit(plans: PlanService, case_id, **changes):
    """Change the draft's fields; `actions=f(actions)` changes its actions."""
    plan = plans.current(case_id)
    content = plan.content
    if "actions" in changes:
        changes["actions"] = tuple(changes["actions"](content.actions))
    plans.save_draft(plan.id, plan.row_version, dataclasses.replace(content, **changes))


def server_plan(world, lead):
    return PlanService(world.db, lead, today=TODAY).current(world.case_id)


def sync(world, lead, choose=lambda c: None):
    return OfflineSyncService(world.db, lead).sync(world.copy_path, PASSWORD, choose)


def renamed(index, text):
    return lambda actions: [
        dataclasses.replace(a, description=text) if i == index else a for i, a in enumerate(actions)
    ]


def test_no_change_sends_nothing(taken, lead):
    before = server_plan(taken, lead)
    [done] = sync(taken, lead)
    assert (done.state, done.sent) == ("synced", [])
    assert server_plan(taken, lead).row_version == before.row_version


def test_mine_only_and_theirs_only_both_arrive_and_the_copy_takes_theirs(taken, lead):
    with offline(taken, lead) as (plans, _):
        edit(plans, taken.case_id, voice_of_child="I want to play in the team.")
    edit(PlanService(taken.db, lead, today=TODAY), taken.case_id, strengths="Grandmother nearby.")
    [done] = sync(taken, lead)
    assert (done.state, done.sent) == ("synced", ["the plan"])
    plan = server_plan(taken, lead)
    assert (plan.content.voice_of_child, plan.content.strengths) == (
        "I want to play in the team.",
        "Grandmother nearby.",
    )
    with offline(taken, lead) as (plans, _):
        assert plans.current(taken.case_id).content.strengths == "Grandmother nearby."  # came down
    assert not copy_status(taken.copy_path, PASSWORD).cases[0].pending.any


def test_the_same_field_changed_on_both_sides_is_a_conflict_until_chosen(taken, lead):
    with offline(taken, lead) as (plans, _):
        edit(plans, taken.case_id, voice_of_child="Mine.")
    edit(PlanService(taken.db, lead, today=TODAY), taken.case_id, voice_of_child="Theirs.")
    [done] = sync(taken, lead)
    assert done.state == "conflict"
    [conflict] = done.conflicts
    assert (conflict.name, conflict.mine, conflict.theirs) == ("plan/plan/voice_of_child", "Mine.", "Theirs.")
    assert conflict.theirs_changed_at is not None
    assert server_plan(taken, lead).content.voice_of_child == "Theirs."
    assert copy_status(taken.copy_path, PASSWORD).cases[0].state == "conflict"
    [done] = sync(taken, lead, choose=lambda c: "mine")
    assert done.state == "synced"
    assert server_plan(taken, lead).content.voice_of_child == "Mine."
    with taken.db.reader() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "case.synced_from_offline")).one()
        values = s.get(AuditValue, event.id).changes
    assert "Theirs." in values and "Mine." in values  # both values kept


def test_list_items_added_on_both_sides_are_both_kept(taken, lead):
    owner = server_plan(taken, lead).content.actions[0].owner
    mine = ActionItem(uuid.uuid4(), "Offline action", owner=owner, due_on=dt.date(2027, 2, 1), measure="Done")
    theirs = ActionItem(uuid.uuid4(), "Server action", owner=owner, due_on=dt.date(2027, 2, 2), measure="Done")
    with offline(taken, lead) as (plans, _):
        edit(plans, taken.case_id, actions=lambda a: [*a, mine])
    edit(PlanService(taken.db, lead, today=TODAY), taken.case_id, actions=lambda a: [*a, theirs])
    [done] = sync(taken, lead)
    assert done.state == "synced"
    descriptions = [a.description for a in server_plan(taken, lead).content.actions]
    assert sorted(descriptions) == sorted(
        ["Walk Tobi to school", "Book the parenting course", "Offline action", "Server action"]
    )


def test_removed_on_one_side_edited_on_the_other(taken, lead):
    # Mine removes the first action and edits nothing else; theirs renames the second: both happen.
    with offline(taken, lead) as (plans, _):
        edit(plans, taken.case_id, actions=lambda a: a[1:])
    edit(PlanService(taken.db, lead, today=TODAY), taken.case_id, actions=renamed(1, "Book the course today"))
    [done] = sync(taken, lead)
    assert done.state == "synced"
    assert [a.description for a in server_plan(taken, lead).content.actions] == ["Book the course today"]


def test_removed_by_me_but_edited_on_the_server_is_a_conflict(taken, lead):
    with offline(taken, lead) as (plans, _):
        edit(plans, taken.case_id, actions=lambda a: a[1:])
    edit(PlanService(taken.db, lead, today=TODAY), taken.case_id, actions=renamed(0, "Walk Tobi, every day"))
    [done] = sync(taken, lead)
    assert done.state == "conflict"
    assert [(c.where, c.field, c.mine, c.theirs) for c in done.conflicts] == [
        ("action", "(removed)", "removed", "edited")
    ]
    [done] = sync(taken, lead, choose=lambda c: "theirs")
    kept = {a.description for a in server_plan(taken, lead).content.actions}
    assert kept == {"Walk Tobi, every day", "Book the parenting course"}


def test_edited_by_me_but_removed_on_the_server_is_a_conflict(taken, lead):
    with offline(taken, lead) as (plans, _):
        edit(plans, taken.case_id, actions=renamed(0, "Walk Tobi, offline edit"))
    edit(PlanService(taken.db, lead, today=TODAY), taken.case_id, actions=lambda a: a[1:])
    [done] = sync(taken, lead)
    assert [(c.field, c.mine, c.theirs) for c in done.conflicts] == [("(removed)", "edited", "removed")]
    sync(taken, lead, choose=lambda c: "mine")
    assert "Walk Tobi, offline edit" in [a.description for a in server_plan(taken, lead).content.actions]


def test_an_action_marked_done_offline_and_its_due_date_moved_on_the_server(taken, lead):
    with offline(taken, lead) as (plans, _):
        edit(plans, taken.case_id, actions=lambda a: [dataclasses.replace(a[0], status=ActionStatus.DONE), *a[1:]])
    edit(
        PlanService(taken.db, lead, today=TODAY),
        taken.case_id,
        actions=lambda a: [dataclasses.replace(a[0], due_on=dt.date(2027, 1, 20)), *a[1:]],
    )
    [done] = sync(taken, lead)
    first = server_plan(taken, lead).content.actions[0]
    assert (done.state, first.status, first.due_on) == ("synced", ActionStatus.DONE, dt.date(2027, 1, 20))


def test_a_note_written_offline_is_sent_once_with_its_id(taken, lead):
    with offline(taken, lead) as (_, notes):
        written = notes.add(taken.case_id, NoteInput(TODAY, NoteType.HOME_VISIT, "Visited; Tobi at home."))
    sync(taken, lead)
    sync(taken, lead)
    with taken.db.reader() as s:
        rows = s.scalars(select(CaseNote).where(CaseNote.case_id == taken.case_id)).all()
    assert [(r.id, r.summary) for r in rows] == [(written.id, "Visited; Tobi at home.")]


def test_a_case_whose_access_was_withdrawn_is_held_not_sent(taken, lead):
    with offline(taken, lead) as (plans, _):
        edit(plans, taken.case_id, voice_of_child="Written offline.")
    other = taken.people["Ruth Adeyemi"]
    with taken.db.session() as s:
        s.execute(update(Case).where(Case.id == taken.case_id).values(lead_professional_id=other))
        s.execute(CaseSupporter.__table__.delete().where(CaseSupporter.case_id == taken.case_id))
    [done] = sync(taken, lead)
    assert done.state == "held" and "may no longer work on" in done.note
    assert server_plan(taken, _manager(taken)).content.voice_of_child != "Written offline."
    status = copy_status(taken.copy_path, PASSWORD).cases[0]
    assert status.state == "held" and status.pending.any  # kept in the copy


def _manager(world):
    from tests.meetings.conftest import CHAIR

    return CHAIR


def test_other_windows_hear_that_the_synced_case_changed(taken, lead):
    heard = []
    stop = taken.db.changes.subscribe(heard.extend)
    try:
        with offline(taken, lead) as (plans, _):
            edit(plans, taken.case_id, voice_of_child="Heard elsewhere.")
        heard.clear()  # the copy's own bus is another; the server's heard nothing yet
        sync(taken, lead)
    finally:
        stop()
    about = {(c.entity, c.case_id) for c in heard if not c.look}
    assert {("case", taken.case_id), ("taf_plan", taken.case_id)} <= about


def test_a_copy_taken_by_an_older_tafdesk_is_given_the_newer_columns_and_syncs(taken, lead):
    copy = store.OfflineCopy.open(taken.copy_path, PASSWORD)
    with copy.writing() as conn:  # as a copy taken before migration 0038 holds its plans
        for name in ("taf_plan", "base_taf_plan"):
            conn.exec_driver_sql(f"ALTER TABLE {name} DROP COLUMN saved_by")
    copy.close()
    with offline(taken, lead) as (plans, _):
        edit(plans, taken.case_id, voice_of_child="Written on an older copy.")
    [done] = sync(taken, lead)
    assert (done.state, done.sent) == ("synced", ["the plan"])
    assert server_plan(taken, lead).content.voice_of_child == "Written on an older copy."
