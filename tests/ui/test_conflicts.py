"""A save that meets a record someone else changed meanwhile (issue 16): the
conflict dialog shows each field where the two differ, side by side, and the
person keeps theirs, takes the other's, or chooses field by field; what was
chosen is saved against the version now stored. "Someone else" is another
Database object on the same file (or PostgreSQL database): another copy of
tafdesk."""

from __future__ import annotations

import pytest
from intake_helpers import CLERK, MANAGER, case_of, make_council
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from ui_helpers import cell, click_row, open_page, retype

from tafdesk.db import Database
from tafdesk.services.directory import DirectoryService
from tafdesk.services.family_record import FamilyRecordService
from tafdesk.services.intake import IntakeService
from tafdesk.ui.directory import agency_model as am
from tafdesk.ui.directory import professional_model as pm
from tafdesk.ui.intake.family_record_dialog import FamilyRecordDialog
from tests.intake.test_current_record import first_referral
from tests.intake.test_family_record import correction_of


@pytest.fixture
def elsewhere(db):
    """Another copy of tafdesk on the same database."""
    other = Database(db.url)
    yield other
    other.dispose()


def _clicked(qtbot, dialog, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_a_professional_changed_meanwhile_is_merged_field_by_field(
    qtbot, page, service, sample, admin, elsewhere, undo_stack
):
    tab = page.professionals
    click_row(qtbot, tab.panel, sample.tom.id)
    DirectoryService(elsewhere, admin).update_professional(
        sample.tom.id, sample.tom.version, {"job_title": "Team Leader", "email": "tom.price@ambervale.example"}
    )
    retype(qtbot, tab.form.job_title, "Family Worker")
    retype(qtbot, tab.form.phone, "01632 960123")
    qtbot.mouseClick(tab.form.save_button, Qt.MouseButton.LeftButton)

    dialog = tab.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    rows = {c.name: (c.label, c.mine, c.theirs, c.mine_changed) for c in dialog.clashes}
    assert rows == {
        "job_title": ("Job title", "Family Worker", "Team Leader", True),
        "email": ("Email", "(empty)", "tom.price@ambervale.example", False),
        "phone": ("Phone", "01632 960123", "(empty)", True),
    }
    # Each starts on what happened: yours where you changed it, theirs where only they did.
    assert dialog.mine["job_title"].isChecked() and dialog.theirs["email"].isChecked()
    dialog.theirs["job_title"].setChecked(True)  # theirs is the better title
    _clicked(qtbot, dialog, dialog.buttons.button(dialog.buttons.StandardButton.Save))

    stored = service.professional(sample.tom.id)
    assert (stored.job_title, stored.email, stored.phone) == (
        "Team Leader",
        "tom.price@ambervale.example",
        "01632 960123",
    )
    assert stored.version == sample.tom.version + 2  # theirs, then this merge on top of it
    assert not tab.form.is_dirty and tab.form.phone.text() == "01632 960123"
    assert cell(tab.panel, sample.tom.id, pm.COL_JOB_TITLE) == "Team Leader"
    assert page.banner.isHidden()
    assert undo_stack.undoText() == f"Edit {stored.name}"
    undo_stack.undo()  # undoes what was saved here, not what they saved
    stored = service.professional(sample.tom.id)
    assert (stored.job_title, stored.email, stored.phone) == ("Team Leader", "tom.price@ambervale.example", None)


def test_an_agency_kept_as_typed_or_taken_as_theirs(qtbot, page, service, sample, admin, elsewhere, undo_stack):
    tab = page.agencies
    page.tabs.setCurrentWidget(tab)
    other = DirectoryService(elsewhere, admin)
    click_row(qtbot, tab.panel, sample.harbour.id)
    other.update_agency(sample.harbour.id, sample.harbour.version, {"town": "Southport"})
    retype(qtbot, tab.form.town, "Harbourside")
    qtbot.mouseClick(tab.form.save_button, Qt.MouseButton.LeftButton)
    dialog = tab.conflict_dialog
    assert [(c.label, c.mine, c.theirs) for c in dialog.clashes] == [("Town", "Harbourside", "Southport")]
    _clicked(qtbot, dialog, dialog.keep_mine_button)
    assert service.agency(sample.harbour.id).town == "Harbourside"
    assert cell(tab.panel, sample.harbour.id, am.COL_NAME) == "Harbour Family Trust"
    assert undo_stack.count() == 1

    current = service.agency(sample.harbour.id)
    other.update_agency(current.id, current.version, {"town": "Southport", "phone": "01632 960999"})
    retype(qtbot, tab.form.town, "Quayside")
    qtbot.mouseClick(tab.form.save_button, Qt.MouseButton.LeftButton)
    dialog = tab.conflict_dialog
    _clicked(qtbot, dialog, dialog.take_theirs_button)
    stored = service.agency(sample.harbour.id)
    assert (stored.town, stored.phone, stored.version) == ("Southport", "01632 960999", current.version + 1)
    assert tab.form.town.text() == "Southport" and not tab.form.is_dirty
    assert undo_stack.count() == 1  # nothing of theirs to undo here


def test_cancelling_keeps_what_was_typed_unsaved(qtbot, page, service, sample, admin, elsewhere):
    tab = page.professionals
    click_row(qtbot, tab.panel, sample.amira.id)
    DirectoryService(elsewhere, admin).update_professional(sample.amira.id, sample.amira.version, {"fte": 0.5})
    retype(qtbot, tab.form.job_title, "Practice Lead")
    qtbot.mouseClick(tab.form.save_button, Qt.MouseButton.LeftButton)
    dialog = tab.conflict_dialog
    assert [c.name for c in dialog.clashes] == ["job_title", "fte"]
    _clicked(qtbot, dialog, dialog.buttons.button(dialog.buttons.StandardButton.Cancel))

    assert tab.form.is_dirty and tab.form.job_title.text() == "Practice Lead"
    assert page.banner.text().startswith("Not saved: someone else changed Amira Khan meanwhile.")
    assert service.professional(sample.amira.id).job_title == "Family Support Worker"


@pytest.fixture
def council(db):
    make_council(db)
    IntakeService(db, CLERK).import_document(first_referral(), "first.json")
    return db


def test_a_family_corrected_meanwhile_is_merged_field_by_field(qtbot, council, elsewhere, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    service = FamilyRecordService(council, CLERK)
    family_id = service.family_of_case(case_of(council, "Okonkwo-Hale").case_id)
    dialog = FamilyRecordDialog(service, family_id)
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    other = FamilyRecordService(elsewhere, MANAGER)
    record = other.record(family_id)
    emeka = next(m for m in record.members if m.name.startswith("Emeka"))
    assert emeka.in_household
    at_home = frozenset(m.person_id for m in record.members if m.in_household and m is not emeka)
    other.correct(
        family_id, record.version, correction_of(record, phone="01632 960777", town="Northtown East", household=at_home)
    )

    retype(qtbot, form.field_editors["town"], "Northtown West")
    retype(qtbot, form.field_editors["address_line1"], "9 Heron Way")
    assert not dialog.save()

    conflict = dialog.conflict_dialog
    rows = {c.name: (c.label, c.mine, c.theirs, c.mine_changed) for c in conflict.clashes}
    assert rows == {
        "address_line1": ("Address", "9 Heron Way", "7 Heron Way", True),
        "town": ("Town", "Northtown West", "Northtown East", True),
        "phone": ("Phone", "01632 960111", "01632 960777", False),
        f"lives:{emeka.person_id}": (f"{emeka.name} lives here", "Yes", "No", False),
    }
    conflict.theirs["town"].setChecked(True)
    with qtbot.waitSignal(dialog.saved):
        _clicked(qtbot, conflict, conflict.buttons.button(conflict.buttons.StandardButton.Save))

    stored = service.record(family_id)
    assert (stored.address_line1, stored.town, stored.phone) == ("9 Heron Way", "Northtown East", "01632 960777")
    assert not next(m for m in stored.members if m.person_id == emeka.person_id).in_household
    assert not dialog.isVisible()  # saved and closed


def test_a_change_made_elsewhere_while_typing_keeps_the_typing_for_the_conflict_dialog(
    qtbot, db, service, sample, undo_stack
):
    from tafdesk.ui.live import ChangeSignal

    changes = ChangeSignal(db.changes)
    page = open_page(qtbot, service, undo_stack, changes=changes)
    tab = page.professionals
    click_row(qtbot, tab.panel, sample.liam.id)
    retype(qtbot, tab.form.job_title, "Lead School Nurse")  # typed, not saved
    with qtbot.waitSignal(page.live.reloaded, timeout=10_000):
        service.update_professional(
            sample.liam.id, sample.liam.version, {"job_title": "Senior School Nurse"}
        )  # another screen's change, live
    qtbot.waitUntil(lambda: cell(tab.panel, sample.liam.id, pm.COL_JOB_TITLE) == "Senior School Nurse", timeout=10_000)
    assert tab.form.is_dirty and tab.form.job_title.text() == "Lead School Nurse"  # not typed over

    qtbot.mouseClick(tab.form.save_button, Qt.MouseButton.LeftButton)
    dialog = tab.conflict_dialog
    assert [(c.mine, c.theirs) for c in dialog.clashes] == [("Lead School Nurse", "Senior School Nurse")]
    _clicked(qtbot, dialog, dialog.keep_mine_button)
    assert service.professional(sample.liam.id).job_title == "Lead School Nurse"
    changes.close()
