"""Case notes: who writes and reads them, corrections as new versions, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tafdesk import clock
from tafdesk.models import AuditEvent, AuditValue, NoteType
from tafdesk.services.case_notes import CaseNotesService, ChildSeen, NoteInput
from tafdesk.services.errors import ConflictError, PermissionDenied, ValidationError
from tests.notes.conftest import CHAIR, CLERK

TODAY = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)


def _note(**changes) -> NoteInput:
    base = dict(
        contact_on=dt.date(2026, 12, 3),
        note_type=NoteType.HOME_VISIT,
        summary="Met mum at home; agreed to a TAF meeting next week.",
        who_seen="Mum and both children",
        follow_ups="Book the TAF meeting.",
    )
    return NoteInput(**{**base, **changes})


def test_the_team_adds_notes_with_each_child_seen_and_the_locality_manager_reads_them(allocated, lead, supporter):
    with clock.pinned(TODAY):
        notes = CaseNotesService(allocated.db, lead)
        children = notes.children(allocated.case_id)
        assert children, "the family has children"
        first = children[0]
        seen = tuple(ChildSeen(c.person_id, seen=True, seen_alone=c is first) for c in children)
        added = notes.add(allocated.case_id, _note(children=seen, first_contact_family=True))
        CaseNotesService(allocated.db, supporter).add(
            allocated.case_id, _note(note_type=NoteType.PHONE, summary="Spoke to the school.", restricted=True)
        )
        listed = CaseNotesService(allocated.db, CHAIR).notes(allocated.case_id)

    assert sorted(n.type_words for n in listed) == ["Home visit", "Phone call"]
    mine = next(n for n in listed if n.id == added.id)
    assert mine.written_by == "Tomas Okafor" and mine.first_contact_family and not mine.restricted
    assert mine.children[0].words == f"{first.name}: seen alone"
    assert all(c.seen for c in mine.children)
    assert next(n for n in listed if n.id != added.id).restricted


def test_outsiders_business_support_and_managers_may_not_write(allocated, outsider):
    with clock.pinned(TODAY):
        with pytest.raises(PermissionDenied, match="do not lead or support"):
            CaseNotesService(allocated.db, outsider).add(allocated.case_id, _note())
        with pytest.raises(PermissionDenied, match="may not record case notes"):
            CaseNotesService(allocated.db, CHAIR).add(allocated.case_id, _note())
        with pytest.raises(PermissionDenied, match="may not read the case notes"):
            CaseNotesService(allocated.db, CLERK).notes(allocated.case_id)
        with pytest.raises(PermissionDenied):
            CaseNotesService(allocated.db, outsider).notes(allocated.case_id)


def test_a_note_is_checked(allocated, lead):
    notes = CaseNotesService(allocated.db, lead)
    with clock.pinned(TODAY):
        with pytest.raises(ValidationError) as refused:
            notes.add(allocated.case_id, _note(summary="  ", contact_on=dt.date(2026, 12, 5)))
        assert set(refused.value.fields) == {"summary", "contact_on"}
        child = notes.children(allocated.case_id)[0]
        with pytest.raises(ValidationError, match="tick both"):
            notes.add(allocated.case_id, _note(children=(ChildSeen(child.person_id, seen=False, seen_alone=True),)))


def test_a_correction_is_a_new_version_and_both_are_kept_and_audited(allocated, lead):
    notes = CaseNotesService(allocated.db, lead)
    with clock.pinned(TODAY):
        first = notes.add(allocated.case_id, _note())
        second = notes.correct(first.id, _note(summary="Met mum and dad at home."), "Dad was there too.")
        with pytest.raises(ConflictError, match="already been corrected"):
            notes.correct(first.id, _note(summary="Again"), "Again")
        with pytest.raises(ValidationError):
            notes.correct(second.id, _note(), " ")
        [current] = notes.notes(allocated.case_id)
        history = notes.history(first.id)

    assert current.id == second.id and current.corrects_id == first.id
    assert current.correction_reason == "Dad was there too."
    assert [v.summary for v in history] == [first.summary, "Met mum and dad at home."]
    assert [v.id for v in notes.history(second.id)] == [first.id, second.id]
    with allocated.db.reader() as s:
        events = {
            e.action: (e.entity_id, v)
            for e, v in s.execute(
                select(AuditEvent, AuditValue.changes)
                .join(AuditValue, AuditValue.id == AuditEvent.id)
                .where(AuditEvent.action.like("case_note.%"))
            )
        }
    assert events["case_note.added"][0] == first.id
    assert events["case_note.corrected"][0] == second.id
    assert "Met mum and dad at home." in events["case_note.corrected"][1]
    assert first.summary in events["case_note.corrected"][1]  # the old value, kept beside the new
