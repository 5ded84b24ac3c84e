"""Offline changes to a case whose access was withdrawn: held for its
locality's managers, who apply or discard them; on each database."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select, update

from tafdesk.models import AuditEvent, Case, CaseSupporter, NoteType, Role
from tafdesk.services.actor import Actor
from tafdesk.services.case_notes import NoteInput
from tafdesk.services.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from tafdesk.services.offline_held import HeldOfflineService
from tafdesk.services.plans import PlanService
from tests.meetings.conftest import CHAIR
from tests.offline.test_sync import edit, offline, server_plan, sync, taken  # noqa: F401 (fixture)
from tests.plans.test_plan_service import TODAY


@pytest.fixture
def withdrawn(taken, lead):  # noqa: F811
    """Worked on offline (the plan and a note), then the case given to another lead, then synced."""
    with offline(taken, lead) as (plans, notes):
        edit(plans, taken.case_id, voice_of_child="Written offline.")
        notes.add(taken.case_id, NoteInput(TODAY, NoteType.HOME_VISIT, "Seen at home."))
    with taken.db.session() as s:
        s.execute(
            update(Case).where(Case.id == taken.case_id).values(lead_professional_id=taken.people["Ruth Adeyemi"])
        )
        s.execute(CaseSupporter.__table__.delete().where(CaseSupporter.case_id == taken.case_id))
    [done] = sync(taken, lead)
    assert done.state == "held" and "wait for a locality manager" in done.note
    return taken


def actions(world):
    with world.db.reader() as s:
        return s.scalars(select(AuditEvent.action).where(AuditEvent.action.like("case.offline_changes_%"))).all()


def test_the_manager_sees_what_waits_and_applies_it(withdrawn, lead):
    held = HeldOfflineService(withdrawn.db, CHAIR)
    [waiting] = held.waiting()
    assert (waiting.case_reference, waiting.held_by) == (withdrawn.reference, "Tomas Okafor")
    assert waiting.summary == "the plan changed, 1 note added" and waiting.notes == ("02 Dec 2026: Seen at home.",)
    assert server_plan(withdrawn, CHAIR).content.voice_of_child != "Written offline."
    assert held.apply(waiting.id, waiting.version) == ["the plan"]
    assert server_plan(withdrawn, CHAIR).content.voice_of_child == "Written offline."
    assert held.waiting() == []
    assert actions(withdrawn) == ["case.offline_changes_held", "case.offline_changes_applied"]
    [done] = sync(withdrawn, lead)  # synced again: decided already, not asked again
    assert done.state == "held" and held.waiting() == []


def test_discarding_says_why_and_leaves_the_case_as_it_is(withdrawn):
    held = HeldOfflineService(withdrawn.db, CHAIR)
    [waiting] = held.waiting()
    with pytest.raises(ValidationError):
        held.discard(waiting.id, waiting.version, " ")
    held.discard(waiting.id, waiting.version, "The new lead has already seen the family.")
    assert server_plan(withdrawn, CHAIR).content.voice_of_child != "Written offline."
    with pytest.raises(ConflictError, match="decided elsewhere"):
        held.apply(waiting.id, waiting.version)
    assert actions(withdrawn) == ["case.offline_changes_held", "case.offline_changes_discarded"]


def test_a_conflict_with_the_case_as_it_now_is_is_refused(withdrawn):
    plans = PlanService(withdrawn.db, CHAIR, today=TODAY)
    edit(plans, withdrawn.case_id, voice_of_child="The new lead's words.")
    held = HeldOfflineService(withdrawn.db, CHAIR)
    [waiting] = held.waiting()
    with pytest.raises(ConflictError, match="conflict"):
        held.apply(waiting.id, waiting.version)
    assert server_plan(withdrawn, CHAIR).content.voice_of_child == "The new lead's words."
    assert len(held.waiting()) == 1  # still waiting


def test_only_the_localitys_managers_see_or_decide(withdrawn, lead):
    with pytest.raises(PermissionDenied):
        HeldOfflineService(withdrawn.db, lead).waiting()
    elsewhere = Actor(None, "Other Manager", Role.LOCALITY_MANAGER, localities=frozenset({uuid.uuid4()}))
    assert HeldOfflineService(withdrawn.db, elsewhere).waiting() == []
    [waiting] = HeldOfflineService(withdrawn.db, CHAIR).waiting()
    with pytest.raises(NotFound):  # not theirs to see
        HeldOfflineService(withdrawn.db, elsewhere).apply(waiting.id, waiting.version)
