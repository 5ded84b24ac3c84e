"""The allocation letter's promises, and the family's chronology."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest

from tafdesk import clock
from tafdesk.models import NoteType
from tafdesk.plans.content import ActionItem
from tafdesk.services.case_notes import CaseNotesService, NoteInput
from tafdesk.services.case_promises import CasePromisesService, PromiseState
from tafdesk.services.chronology import ChronologyService, EntryType
from tafdesk.services.errors import PermissionDenied
from tafdesk.services.my_cases import MyCasesService
from tafdesk.services.plans import PlanService
from tests.notes.conftest import ALLOCATED_ON, CHAIR, CLERK

AFTER = dt.datetime(2026, 12, 14, 12, 0, tzinfo=dt.UTC)  # a Monday


def _contact(day: dt.date, **flags) -> NoteInput:
    return NoteInput(day, NoteType.PHONE, "Introduced myself and agreed a visit.", **flags)


def test_promises_run_from_allocation_in_working_days(allocated, lead):
    with clock.pinned(AFTER):
        [family, referrer, plan] = CasePromisesService(allocated.db, lead).for_case(allocated.case_id)
    assert (family.due_on, plan.due_on) == (dt.date(2026, 12, 8), dt.date(2026, 12, 31))  # Christmas and Boxing Day out
    assert family.state is referrer.state is PromiseState.OVERDUE and family.working_days_overdue == 4
    assert plan.state is PromiseState.DUE
    assert family.words == "Contact the family: overdue by 4 working days (due 8 Dec 2026)"


def test_first_contacts_from_notes_keep_the_promises_and_my_cases_shows_them(allocated, lead):
    notes = CaseNotesService(allocated.db, lead)
    with clock.pinned(AFTER):
        [mine] = MyCasesService(allocated.db, lead).cases()
        assert mine.promise_summary == "Overdue: family contact, referrer contact"
        early = notes.add(allocated.case_id, _contact(dt.date(2026, 12, 3), first_contact_family=True))
        notes.add(allocated.case_id, _contact(dt.date(2026, 12, 10), first_contact_referrer=True))
        [family, referrer, _plan] = CasePromisesService(allocated.db, lead).for_case(allocated.case_id)
        assert (family.state, family.done_on) == (PromiseState.DONE, dt.date(2026, 12, 3))
        assert (referrer.state, referrer.done_on) == (PromiseState.DONE_LATE, dt.date(2026, 12, 10))
        [mine] = MyCasesService(allocated.db, lead).cases()
        assert mine.promise_summary == "Plan due 31 Dec 2026"
        # A correction saying it was not the first contact after all takes the flag with it.
        notes.correct(early.id, dataclasses.replace(_contact(dt.date(2026, 12, 3))), "Wrong family member.")
        [family, *_] = CasePromisesService(allocated.db, lead).for_case(allocated.case_id)
        assert family.state is PromiseState.OVERDUE


def test_an_agreed_plan_keeps_the_plan_promise(allocated, lead):
    plans = PlanService(allocated.db, lead, today=dt.date(2026, 12, 14))
    plan = plans.start(allocated.case_id)
    outcomes = tuple(dataclasses.replace(o, outcome_wanted="Better") for o in plan.content.outcomes)
    owner = plans.owner_choices(allocated.case_id)[0]
    action = ActionItem(
        uuid.uuid4(),
        "Visit the family at home",
        outcomes[0].id,
        owner,
        due_on=dt.date(2027, 1, 8),
        measure="Visit recorded",
    )
    content = dataclasses.replace(plan.content, outcomes=outcomes, actions=(action,))
    version = plans.save_draft(plan.id, plan.row_version, content)
    plans.agree(plan.id, version, "TAF", agreed_on=dt.date(2026, 12, 11))
    with clock.pinned(AFTER):
        *_, kept = CasePromisesService(allocated.db, lead).for_case(allocated.case_id)
    assert (kept.state, kept.done_on) == (PromiseState.DONE, dt.date(2026, 12, 11))


def test_the_chronology_merges_in_date_order_and_filters_by_type(allocated, lead):
    with clock.pinned(AFTER):
        CaseNotesService(allocated.db, lead).add(allocated.case_id, _contact(dt.date(2026, 12, 3)))
        CaseNotesService(allocated.db, lead).add(
            allocated.case_id,
            NoteInput(dt.date(2026, 12, 4), NoteType.HOME_VISIT, "Dad disclosed a concern.", restricted=True),
        )
        chair = ChronologyService(allocated.db, CHAIR).chronology(allocated.case_id)
        clerk = ChronologyService(allocated.db, CLERK).chronology(allocated.case_id)
        theirs = ChronologyService(allocated.db, lead).chronology(allocated.case_id)
        only_notes = ChronologyService(allocated.db, CHAIR).chronology(allocated.case_id, [EntryType.NOTE])

    days = [e.on for e in chair.entries]
    assert days == sorted(days)
    types = [e.type for e in chair.entries]
    assert types[:2] == [EntryType.REFERRAL, EntryType.PROFILE]
    assert {EntryType.FRONT_DOOR, EntryType.MEETING, EntryType.NOTE} <= set(types)
    meeting = next(e for e in chair.entries if e.type is EntryType.MEETING)
    assert meeting.on == ALLOCATED_ON and "Tomas Okafor" in meeting.summary and "Best placed." in meeting.summary
    assert [(e.type, e.restricted) for e in only_notes.entries] == [(EntryType.NOTE, False), (EntryType.NOTE, True)]
    assert EntryType.NOTE not in {e.type for e in clerk.entries}  # business support do not read case notes
    assert EntryType.MEETING not in {e.type for e in theirs.entries}  # nor a lead professional the group's decisions
    assert [e.summary for e in theirs.entries if e.type is EntryType.NOTE][-1] == "Home visit: Dad disclosed a concern."


def test_only_those_allowed_to_see_the_family_see_its_chronology(allocated, outsider):
    with pytest.raises(PermissionDenied, match="do not lead or support"):
        ChronologyService(allocated.db, outsider).chronology(allocated.case_id)
