"""The retention schedule on the documents tests' council, on both databases:
what is due, and after `apply` what was due is gone or anonymised (names,
addresses, free text, documents and their files, the audit trail's values),
everything else is exactly as it was, and the audit trail still verifies."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tafdesk.models import AuditEvent, Case, Family, GeneratedDocument, Meeting, Person, Profile360, TafPlan
from tafdesk.services import family_rows
from tafdesk.services.audit_verify import AuditChainService
from tafdesk.services.errors import PermissionDenied
from tafdesk.services.retention import RetentionService
from tests.documents.conftest import CHAIR, SECRET
from tests.retention.conftest import LATER, dump, text_everywhere

GONE = ("Byrne", "Ciarán", "NT2 5DD", "Hussain", "Yusuf", "NT3 5DD")  # said only about the two families due


def test_the_report_lists_what_is_due_by_reference(world):
    report = RetentionService(world.db, world.admin, now=LATER).report()
    due = report.due
    assert {f.reference for f in due.families} == {_reference(world, "Byrne"), _reference(world, "Hussain")}
    assert {f.rule for f in due.families} == {"not_allocated"}
    assert all(f.due_on == dt.date(2028, 12, 1) for f in due.families)
    assert due.held == (_reference(world, "Kowalczyk"),)  # a waiting profile may be theirs
    assert [(d.case_reference, d.plan_version) for d in due.drafts] == [(world.pack.references["Byrne"], 1)]
    assert due.meetings == () and due.documents == 4  # two letters for each family


def test_nothing_is_due_before_its_time_and_only_an_administrator_may_ask(world):
    assert (
        RetentionService(world.db, world.admin, now=dt.datetime(2028, 11, 30, tzinfo=dt.UTC)).report().due.families
        == ()
    )
    with pytest.raises(PermissionDenied, match="may not see what the retention schedule makes due"):
        RetentionService(world.db, CHAIR, now=LATER).report()


def test_apply_anonymises_what_is_due_and_leaves_everything_else_as_it_was(world):
    db = world.db
    due_families = [world.family("Byrne"), world.family("Hussain")]
    with db.reader() as s:
        affected = set(family_rows.row_ids(s, due_families))
        events_before = set(s.scalars(select(AuditEvent.id)))
        about_them = set(family_rows.audit_event_ids(s, list(affected)))
    affected |= {world.draft_id} | _children_of(db, world.draft_id)
    before = dump(db)
    assert all(name in text_everywhere(db) for name in GONE)

    result = RetentionService(db, world.admin, now=LATER).apply()

    assert len(result.report.due.families) == 2 and result.audit_values >= len(about_them) > 0
    after = dump(db)
    for table, rows in before.items():
        kept = {i: row for i, row in rows.items() if i not in affected and table not in ("audit_value",)}
        assert {i: after[table].get(i) for i in kept} == kept, f"{table} changed beyond what was due"
    assert set(after["audit_event"]) > events_before  # the run's own events, added
    for event_id, values in before["audit_value"].items():
        if event_id not in about_them:
            assert after["audit_value"][event_id] == values
    everything = text_everywhere(db)
    assert not [name for name in GONE if name in everything]
    assert "Zoë" in everything and "Kowalczyk" in everything and "Mensah" in everything
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Person).where(Person.family_id.in_(due_families))) == 0
        families = s.scalars(select(Family).where(Family.id.in_(due_families))).all()
        assert {(f.family_name, f.postcode, f.anonymised_on) for f in families} == {("[anonymised]", "", LATER.date())}
        assert s.get(TafPlan, world.draft_id) is None
        cases = s.scalars(select(Case).where(Case.family_id.in_(due_families))).all()
        assert len(cases) == 2 and all(c.closed_on == dt.date(2026, 12, 1) for c in cases)  # the figures stay
        profiles = s.scalars(select(Profile360)).all()
        assert sum(p.original_document == "" for p in profiles) == 2 and SECRET in everything  # others' stay
        actions = set(s.scalars(select(AuditEvent.action).where(AuditEvent.id.not_in(events_before))))
    assert {
        "retention.family_anonymised",
        "retention.draft_deleted",
        "retention.applied",
        "audit.values_anonymised",
    } <= actions
    assert AuditChainService(db, world.admin).verify(()).ok
    assert RetentionService(db, world.admin, now=LATER).report().nothing_due


def test_apply_removes_the_files_of_what_went_and_lists_those_it_may_not(world):
    with world.db.reader() as s:
        files = dict(
            s.execute(
                select(GeneratedDocument.path, Case.family_id).join(
                    Case, Case.id == GeneratedDocument.case_id, isouter=True
                )
            ).all()
        )
    byrne = [p for p, family in files.items() if family == world.family("Byrne")]
    hussain = [p for p, family in files.items() if family == world.family("Hussain")]
    changed, moved = hussain[0], hussain[1]
    with open(changed, "ab") as out:
        out.write(b"changed by hand")
    (world.folder / "elsewhere").mkdir()
    import shutil

    shutil.move(moved, world.folder / "elsewhere")

    result = RetentionService(world.db, world.admin, now=LATER).apply()

    assert sorted(result.files.removed) == sorted([*byrne, *hussain[2:]])
    assert dict(result.files.left) == {changed: "changed since tafdesk made it", moved: "not on this computer"}
    assert all(not __import__("os").path.exists(p) for p in byrne)
    kept = [p for p, family in files.items() if family not in (world.family("Byrne"), world.family("Hussain"))]
    assert kept and all(__import__("os").path.exists(p) for p in kept)  # the other letters and the minutes stay


def test_old_minutes_go_and_so_do_a_worked_with_familys_records_once_its_youngest_is_25(world):
    from tafdesk.models import NeedMet
    from tafdesk.models.enums import ClosureReason
    from tafdesk.services.closure import ClosureInput, ClosureService, NeedAssessed
    from tafdesk.services.plans import PlanService

    plan = PlanService(world.db, CHAIR, today=dt.date(2027, 3, 1)).current(world.pack.cases["Nguyễn"])
    needs = tuple(NeedAssessed(o.id, NeedMet.MET) for o in plan.content.outcomes)
    closures = ClosureService(world.db, CHAIR, now=dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC))
    proposed = closures.propose(plan.case_id, ClosureInput(ClosureReason.NEEDS_MET, "Done.", "Happy.", needs))
    closures.approve(proposed.id, proposed.version)
    in_2033 = RetentionService(world.db, world.admin, now=dt.datetime(2033, 1, 1, tzinfo=dt.UTC))
    due = in_2033.report().due
    assert [x.files for x in due.meetings] == [1] and world.family("Nguyễn") not in {f.id for f in due.families}
    in_2033.apply()
    with world.db.reader() as s:
        meeting = s.get(Meeting, world.pack.meeting_id)
        assert meeting.declarations is None and meeting.minute_taker == "Robin Notetaker"
        assert (
            s.scalar(
                select(func.count())
                .select_from(GeneratedDocument)
                .where(GeneratedDocument.meeting_id == meeting.id, GeneratedDocument.case_id.is_(None))
            )
            == 0
        )
    assert not (world.folder / "minutes.pdf").exists()
    # The youngest of the Nguyễns (Minh, born 3 February 2017) is 25 on 3 February 2042.
    eve = RetentionService(world.db, world.admin, now=dt.datetime(2042, 2, 2, 12, tzinfo=dt.UTC)).report().due
    day = RetentionService(world.db, world.admin, now=dt.datetime(2042, 2, 3, 12, tzinfo=dt.UTC)).report().due
    nguyen = world.family("Nguyễn")
    assert nguyen not in {f.id for f in eve.families}
    assert [(f.rule, f.due_on) for f in day.families if f.id == nguyen] == [("worked_with", dt.date(2042, 2, 3))]


def _reference(world, surname: str) -> str:
    with world.db.reader() as s:
        return s.get(Family, world.family(surname)).reference


def _children_of(db, plan_id) -> set:
    from tafdesk.models import TafAction, TafOutcome, TafReview

    with db.reader() as s:
        return {
            i
            for model in (TafOutcome, TafAction, TafReview)
            for i in s.scalars(select(model.id).where(model.plan_id == plan_id))
        }


def test_every_table_about_a_case_is_among_a_familys_rows():
    """A table added for cases (as the work between meetings added notes,
    consent, closures...) is anonymised with its family, and its audit
    values with it, only once family_rows knows it."""
    from tafdesk.models import Base

    known = {model.__table__.name for model in family_rows.selects([])}
    about_cases = {
        table.name
        for table in Base.metadata.sorted_tables
        if any(fk.column.table.name == "case_record" for fk in table.foreign_keys)
    }
    assert about_cases - known <= {"case_record"}  # a case refers to the case it repeats
    assert {"case_note", "consent", "case_closure", "early_help_assessment", "group_request"} <= known
