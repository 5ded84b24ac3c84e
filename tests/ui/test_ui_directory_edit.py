"""Editing the directory through its forms: what the user types reaches the
database through the service (audited), and broken rules show at the field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from ui_helpers import audit, cell, click_row, open_page, retype

from tafdesk.models import NeedArea
from tafdesk.services.directory import DirectoryService
from tafdesk.ui.directory import professional_model as pm


def test_editing_a_professional_reaches_table_database_and_audit(qtbot, page, service, db, sample, undo_stack):
    tab = page.professionals
    click_row(qtbot, tab.panel, sample.amira.id)
    form = tab.form
    assert form.title.text() == "Amira Khan"
    assert not form.save_button.isEnabled()  # nothing changed yet

    retype(qtbot, form.job_title, "Senior Family Support Worker")
    retype(qtbot, form.fte, "0.8")
    form.specialisms.item(list(NeedArea).index(NeedArea.EDUCATION)).setCheckState(Qt.CheckState.Checked)
    assert form.is_dirty and form.save_button.isEnabled()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert cell(tab.panel, sample.amira.id, pm.COL_JOB_TITLE) == "Senior Family Support Worker"
    assert cell(tab.panel, sample.amira.id, pm.COL_FTE) == "0.80"
    assert cell(tab.panel, sample.amira.id, pm.COL_LOAD) == "75%"  # 12 of 0.8 x 20
    assert tab.panel.current_id() == sample.amira.id  # the selection stays
    assert not form.is_dirty and form.record.job_title == "Senior Family Support Worker"
    stored = service.professional(sample.amira.id)
    assert (stored.job_title, stored.fte) == ("Senior Family Support Worker", 0.8)
    assert stored.specialisms == (NeedArea.EDUCATION, NeedArea.DOMESTIC_ABUSE, NeedArea.HOUSING)
    [(entity_id, changes, actor)] = audit(db, "professional.updated")
    assert entity_id == sample.amira.id and actor == "Test Administrator"
    assert changes["job_title"] == ["Family Support Worker", "Senior Family Support Worker"]
    assert changes["fte"] == [1.0, 0.8]
    assert undo_stack.count() == 1 and undo_stack.undoText() == "Edit Amira Khan"


def test_ctrl_s_saves(qtbot, page, service, sample):
    tab = page.professionals
    click_row(qtbot, tab.panel, sample.dev.id)
    retype(qtbot, tab.form.phone, "01632 960123")
    qtbot.keyClick(tab.form.phone, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert service.professional(sample.dev.id).phone == "01632 960123"


def test_broken_rules_show_at_their_fields_and_nothing_is_saved(qtbot, page, service, db, sample, undo_stack):
    tab = page.professionals
    click_row(qtbot, tab.panel, sample.grace.id)
    form = tab.form
    retype(qtbot, form.fte, "0")
    retype(qtbot, form.email, "grace.okafor@")
    qtbot.keyClick(form.email, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert form.error_text("fte") == "FTE must be more than 0 up to 1; 0 is outside that."
    assert form.error_text("email") == "“grace.okafor@” is not an email address."
    assert form.error_text("given_name") == ""
    assert form.fte.property("invalid") is True and form.email.property("invalid") is True
    assert form.given_name.property("invalid") is not True
    assert form.fte.hasFocus()  # the first bad field, in the form's order
    for name, below in (("fte", "capacity"), ("email", "phone")):  # laid out at once, not cut short
        error = form.fields[name].error
        row, next_row = error.parentWidget(), form.fields[below].widget.parentWidget()
        assert error.geometry().bottom() < row.height(), f"the {name} message is cut off"
        assert row.geometry().bottom() < next_row.geometry().top(), f"the {below} row covers the {name} message"
        assert error.height() >= error.heightForWidth(error.width()) > 0
    assert form.form_error.text().startswith("Not saved: correct the 2 fields")
    assert form.is_dirty  # what was typed is still there to correct
    stored = service.professional(sample.grace.id)
    assert (stored.fte, stored.email) == (0.6, None)
    assert audit(db, "professional.updated") == []
    assert undo_stack.count() == 0

    retype(qtbot, form.fte, "0.5")
    retype(qtbot, form.email, "grace.okafor@nursing.example")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.error_text("fte") == "" and form.form_error.isHidden()
    assert form.fte.property("invalid") is False
    assert service.professional(sample.grace.id).fte == 0.5


def test_agency_validation_at_the_field(qtbot, page, service, sample):
    page.tabs.setCurrentWidget(page.agencies)
    tab = page.agencies
    click_row(qtbot, tab.panel, sample.harbour.id)
    retype(qtbot, tab.form.name, "school nursing")
    retype(qtbot, tab.form.postcode, "NOT A CODE")
    qtbot.mouseClick(tab.form.save_button, Qt.MouseButton.LeftButton)
    assert tab.form.error_text("name") == "There is already an agency called “school nursing”."
    assert "is not a UK postcode" in tab.form.error_text("postcode")
    assert tab.form.name.hasFocus()
    assert service.agency(sample.harbour.id).name == "Harbour Family Trust"


def test_adding_a_professional(qtbot, page, service, db, sample, undo_stack):
    tab = page.professionals
    qtbot.mouseClick(tab.panel.new_button, Qt.MouseButton.LeftButton)
    form = tab.form
    assert form.is_new and form.title.text() == "New professional"
    assert form.given_name.hasFocus()
    qtbot.keyClicks(form.given_name, "Priya")
    qtbot.keyClicks(form.family_name, "Shah")
    qtbot.keyClicks(form.job_title, "Parenting Practitioner")
    form.agency.setCurrentIndex(form.agency.findText("Harbour Family Trust"))
    form.locality.setCurrentIndex(form.locality.findText("North"))
    retype(qtbot, form.fte, "0.5")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    added = [p for p in service.professionals() if p.family_name == "Shah"]
    assert len(added) == 1 and added[0].effective_capacity == 7.5  # 0.5 x 15
    assert tab.panel.current_id() == added[0].id
    assert form.record.id == added[0].id and not form.is_new
    assert cell(tab.panel, added[0].id, pm.COL_NAME) == "Priya Shah"
    assert [entity for entity, _c, _a in audit(db, "professional.created")][-1] == added[0].id
    assert undo_stack.undoText() == "Add professional Priya Shah"


def test_a_new_professional_without_agency_is_told_so(qtbot, page, service):
    tab = page.professionals
    tab.start_new()
    qtbot.keyClicks(tab.form.given_name, "Sam")
    qtbot.mouseClick(tab.form.save_button, Qt.MouseButton.LeftButton)
    assert tab.form.error_text("agency_id") == "Agency is required."
    assert tab.form.error_text("family_name") == "Family name is required."
    assert tab.form.given_name.property("invalid") is not True
    assert len(service.professionals()) == 6


def test_leaving_unsaved_changes_asks_first(qtbot, page, service, sample, monkeypatch):
    tab = page.professionals
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kw: asked.append(args[2]) or answers.pop(0))
    click_row(qtbot, tab.panel, sample.amira.id)
    retype(qtbot, tab.form.job_title, "Changed my mind")

    click_row(qtbot, tab.panel, sample.tom.id)  # Cancel: stay with the edits
    assert asked == ["Save your changes to Amira Khan?"]
    assert tab.panel.current_id() == sample.amira.id
    assert tab.form.job_title.text() == "Changed my mind"

    click_row(qtbot, tab.panel, sample.tom.id)  # Discard
    assert tab.form.record.id == sample.tom.id
    assert service.professional(sample.amira.id).job_title == "Family Support Worker"


def test_lead_professionals_see_a_read_only_form(qtbot, db, lead_actor, undo_stack, sample):
    page = open_page(qtbot, DirectoryService(db, lead_actor), undo_stack, can_edit=False)
    tab = page.professionals
    click_row(qtbot, tab.panel, sample.amira.id)
    form = tab.form
    assert form.title.text() == "Amira Khan"
    assert form.read_only_note.isVisible()
    assert not form.save_button.isVisible() and not tab.panel.new_button.isVisible()
    assert form.job_title.isReadOnly() and form.fte.isReadOnly()
    assert not form.leave.add_button.isVisible()
    assert form.agency.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert not form.specialisms.item(0).flags() & Qt.ItemFlag.ItemIsUserCheckable

    qtbot.keyClicks(form.job_title, "Director")
    qtbot.keyClick(form.job_title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.job_title.text() == "Family Support Worker" and not form.is_dirty
    tab.start_new()
    assert not form.is_new
    assert DirectoryService(db, lead_actor).professional(sample.amira.id).job_title == "Family Support Worker"
    assert undo_stack.count() == 0
