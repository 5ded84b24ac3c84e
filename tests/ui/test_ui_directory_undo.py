"""Undo and redo of directory changes: each step goes through the service,
so the database (and its audit trail) follows every step."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from ui_helpers import audit, cell, click_row, retype

from tafdesk.models import Case, CaseStatus, Family
from tafdesk.ui.directory import agency_model as am
from tafdesk.ui.directory import professional_model as pm


def _job_title(service, record_id) -> str:
    return service.professional(record_id).job_title


def test_undo_and_redo_an_edit(qtbot, page, service, db, sample, undo_stack):
    tab = page.professionals
    click_row(qtbot, tab.panel, sample.tom.id)
    retype(qtbot, tab.form.job_title, "Team Leader")
    retype(qtbot, tab.form.fte, "1")
    qtbot.mouseClick(tab.form.save_button, Qt.MouseButton.LeftButton)
    assert (service.professional(sample.tom.id).job_title, service.professional(sample.tom.id).fte) == (
        "Team Leader",
        1.0,
    )

    undo_stack.undo()
    stored = service.professional(sample.tom.id)
    assert (stored.job_title, stored.fte) == ("Family Support Worker", 0.8)
    assert cell(tab.panel, sample.tom.id, pm.COL_JOB_TITLE) == "Family Support Worker"
    assert tab.form.job_title.text() == "Family Support Worker"
    assert tab.panel.current_id() == sample.tom.id

    undo_stack.redo()
    assert _job_title(service, sample.tom.id) == "Team Leader"
    assert tab.form.fte.value() == 1.0

    undo_stack.undo()
    assert _job_title(service, sample.tom.id) == "Family Support Worker"
    updates = [changes for entity, changes, _a in audit(db, "professional.updated") if entity == sample.tom.id]
    assert [c["job_title"][1] for c in updates] == [
        "Team Leader",
        "Family Support Worker",
        "Team Leader",
        "Family Support Worker",
    ]


def test_undo_follows_versions_across_several_edits(qtbot, page, service, sample, undo_stack):
    tab = page.professionals
    click_row(qtbot, tab.panel, sample.liam.id)
    for title in ("Nurse", "Lead Nurse", "Senior Nurse"):
        retype(qtbot, tab.form.job_title, title)
        qtbot.mouseClick(tab.form.save_button, Qt.MouseButton.LeftButton)
    assert undo_stack.count() == 3
    for expected in ("Lead Nurse", "Nurse", "School Nurse"):
        undo_stack.undo()
        assert _job_title(service, sample.liam.id) == expected
    for expected in ("Nurse", "Lead Nurse", "Senior Nurse"):
        undo_stack.redo()
        assert _job_title(service, sample.liam.id) == expected


def test_undo_and_redo_adding_a_professional(qtbot, page, service, db, sample, undo_stack):
    tab = page.professionals
    tab.start_new()
    qtbot.keyClicks(tab.form.given_name, "Priya")
    qtbot.keyClicks(tab.form.family_name, "Shah")
    qtbot.keyClicks(tab.form.job_title, "Parenting Practitioner")
    tab.form.agency.setCurrentIndex(tab.form.agency.findText("Early Help Service"))
    tab.form.locality.setCurrentIndex(tab.form.locality.findText("South"))
    qtbot.mouseClick(tab.form.save_button, Qt.MouseButton.LeftButton)
    [priya] = [p for p in service.professionals() if p.family_name == "Shah"]

    undo_stack.undo()
    assert [p for p in service.professionals() if p.family_name == "Shah"] == []
    assert tab.panel.model.row_of(priya.id) == -1
    assert tab.form.record is None  # the form no longer shows someone who is gone
    assert [entity for entity, _c, _a in audit(db, "professional.deleted")] == [priya.id]

    undo_stack.redo()
    again = service.professional(priya.id)  # the same record, same id
    assert again.name == "Priya Shah" and again.locality_name == "South"
    assert tab.panel.current_id() == priya.id
    assert cell(tab.panel, priya.id, pm.COL_NAME) == "Priya Shah"


def test_undo_and_redo_an_agency_edit_and_addition(qtbot, page, service, sample, undo_stack):
    page.tabs.setCurrentWidget(page.agencies)
    tab = page.agencies
    click_row(qtbot, tab.panel, sample.harbour.id)
    retype(qtbot, tab.form.capacity_per_fte, "12")
    qtbot.mouseClick(tab.form.save_button, Qt.MouseButton.LeftButton)
    assert service.agency(sample.harbour.id).capacity_per_fte == 12.0
    # Dev's capacity follows his agency's standard, in the other tab too.
    assert cell(page.professionals.panel, sample.dev.id, pm.COL_CAPACITY) == "12"

    tab.start_new()
    qtbot.keyClicks(tab.form.name, "Ambervale Fire and Rescue")
    tab.form.sector.setCurrentIndex(tab.form.sector.findData("fire_rescue"))
    qtbot.mouseClick(tab.form.save_button, Qt.MouseButton.LeftButton)
    [fire] = [a for a in service.agencies() if a.name == "Ambervale Fire and Rescue"]

    undo_stack.undo()
    assert all(a.name != "Ambervale Fire and Rescue" for a in service.agencies())
    undo_stack.undo()
    assert service.agency(sample.harbour.id).capacity_per_fte == 15.0
    assert cell(tab.panel, sample.harbour.id, am.COL_CAPACITY_PER_FTE) == "15"
    undo_stack.redo()
    undo_stack.redo()
    assert service.agency(fire.id).name == "Ambervale Fire and Rescue"
    assert service.agency(sample.harbour.id).capacity_per_fte == 12.0


def test_undo_that_cannot_be_done_is_explained_and_dropped(qtbot, page, service, db, sample, undo_stack):
    tab = page.professionals
    tab.start_new()
    qtbot.keyClicks(tab.form.given_name, "Priya")
    qtbot.keyClicks(tab.form.family_name, "Shah")
    qtbot.keyClicks(tab.form.job_title, "Parenting Practitioner")
    tab.form.agency.setCurrentIndex(tab.form.agency.findText("Early Help Service"))
    tab.form.locality.setCurrentIndex(tab.form.locality.findText("North"))
    qtbot.mouseClick(tab.form.save_button, Qt.MouseButton.LeftButton)
    priya = tab.form.record
    with db.session() as s:  # meanwhile, a case is allocated to her
        family = Family(
            reference="F900",
            family_name="Ward",
            locality_id=sample.north.id,
            address_line1="9 Mill Lane",
            postcode="NT3 8LD",
        )
        s.add(family)
        s.flush()
        s.add(
            Case(
                reference="C900",
                family_id=family.id,
                locality_id=sample.north.id,
                status=CaseStatus.TAF_OPEN,
                lead_professional_id=priya.id,
                opened_on=dt.date(2025, 11, 1),
            )
        )

    undo_stack.undo()

    assert service.professional(priya.id).name == "Priya Shah"  # still there
    assert "cases refer to them" in page.banner.text() and page.banner.property("error") is True
    assert undo_stack.count() == 0  # the step that cannot be taken is dropped
    assert cell(tab.panel, priya.id, pm.COL_OPEN_CASES) == "1"


def test_undo_after_someone_else_changed_the_record_is_refused(qtbot, page, service, sample, undo_stack):
    tab = page.professionals
    click_row(qtbot, tab.panel, sample.amira.id)
    retype(qtbot, tab.form.job_title, "Team Leader")
    qtbot.mouseClick(tab.form.save_button, Qt.MouseButton.LeftButton)
    current = service.professional(sample.amira.id)
    service.update_professional(current.id, current.version, {"phone": "01632 960555"})  # another session

    undo_stack.undo()

    assert "Someone else changed this professional" in page.banner.text()
    stored = service.professional(sample.amira.id)
    assert (stored.job_title, stored.phone) == ("Team Leader", "01632 960555")
    assert tab.form.record.phone == "01632 960555"  # the view was refreshed
