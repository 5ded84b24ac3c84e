"""Correcting a family's address and household in its dialog, against a real
database: opened from Intake, problems shown at their fields and cells,
every edit undone and redone, saved after a decision too (one corrected
meanwhile by someone else: tests/ui/test_conflicts.py)."""

from __future__ import annotations

import pytest
from intake_helpers import CLERK, LEAD, MANAGER, NOW, case_of, choose, make_council, open_intake
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from ui_helpers import audit

from tafdesk.services.family_record import FamilyRecordService
from tafdesk.services.front_door import FrontDoorService
from tafdesk.services.intake import IntakeService
from tafdesk.ui.intake.family_record_dialog import FamilyRecordDialog
from tests.intake.test_current_record import first_referral


@pytest.fixture(autouse=True)
def _closing_discards(monkeypatch) -> None:
    """Closing a changed form asks first; here, the answer is Discard."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)


@pytest.fixture
def council(db):
    make_council(db)
    IntakeService(db, CLERK).import_document(first_referral(), "first.json")
    return db


def _type(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def _dialog(qtbot, db, actor=CLERK) -> FamilyRecordDialog:
    service = FamilyRecordService(db, actor)
    dialog = FamilyRecordDialog(service, service.family_of_case(case_of(db, "Okonkwo-Hale").case_id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()  # its shortcuts work in the active window
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    return dialog


def _box(dialog, first_name: str):
    return next(box for box in dialog.form.household.values() if box.text().startswith(first_name))


def test_opened_from_intake_problems_shown_then_saved_and_audited(qtbot, council):
    page = open_intake(qtbot, council, CLERK)
    choose(qtbot, page, "Okonkwo-Hale")
    page.intake_actions["correct_family"].trigger()
    dialog = page.profile_dialog
    assert isinstance(dialog, FamilyRecordDialog) and dialog.isVisible()
    form = dialog.form
    assert form.field_editors["address_line1"].text() == "7 Heron Way" and _box(dialog, "Emeka").isChecked()

    _type(qtbot, form.field_editors["address_line1"], "Flat 2, 14 Kingfisher Court")
    _type(qtbot, form.field_editors["postcode"], "NT5")
    form.newcomers.add_row()
    form.newcomers.set_cell(0, "first_name", "Chidi")
    form.newcomers.set_cell(0, "date_of_birth", "02/08/2026")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "“NT5” is not a UK postcode" in form.error_text("postcode")
    assert form.newcomers.cell_problem(0, "last_name") == "Last name is required."
    assert "Person 1, last name: Last name is required." in form.error_text("newcomers")
    assert audit(council, "family.record_corrected") == []

    _type(qtbot, form.field_editors["postcode"], "nt5 1aa")
    assert form.error_text("postcode") == ""  # checked again as it is typed
    form.newcomers.set_cell(0, "last_name", "Okonkwo-Hale")
    _box(dialog, "Emeka").setChecked(False)
    family_id = form.record.family_id
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert page.profile_dialog is None  # closed
    assert "Saved the Okonkwo-Hale family's address and household" in page.notice.text()
    record = FamilyRecordService(council, CLERK).record(family_id)
    assert (record.address_line1, record.postcode) == ("Flat 2, 14 Kingfisher Court", "NT5 1AA")
    assert {m.name.split()[0]: m.in_household for m in record.members} == {
        "Adaeze": True,
        "Tobi": True,
        "Zoë": True,
        "Emeka": False,
        "Chidi": True,
    }
    [(family_id, changes, actor)] = audit(council, "family.record_corrected")
    assert family_id == record.family_id and actor == CLERK.name
    assert changes["address_line1"] == ["7 Heron Way", "Flat 2, 14 Kingfisher Court"]


def test_every_edit_is_undone_and_redone(qtbot, council):
    dialog = _dialog(qtbot, council)
    form = dialog.form
    assert not form.save_button.isEnabled() and not dialog.undo_button.isEnabled()
    _type(qtbot, form.field_editors["town"], "Northtown East")
    _box(dialog, "Emeka").setChecked(False)
    form.newcomers.add_row()
    assert form.save_button.isEnabled() and dialog.undo_stack.count() == 3

    form.field_editors["town"].setFocus()
    qtbot.keyClick(
        form.field_editors["town"], Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
    )  # the form's undo, not the line's
    assert form.newcomers.rows() == [] and not _box(dialog, "Emeka").isChecked()
    qtbot.keyClick(form.field_editors["town"], Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _box(dialog, "Emeka").isChecked() and form.field_editors["town"].text() == "Northtown East"
    qtbot.keyClick(form.field_editors["town"], Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert form.field_editors["town"].text() == "Northtown"  # the typing was one step
    assert not form.save_button.isEnabled() and not form.is_dirty  # back as read: nothing to save

    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(form.field_editors["town"], Qt.Key.Key_Z, mods)
    qtbot.keyClick(form.field_editors["town"], Qt.Key.Key_Z, mods)
    assert form.field_editors["town"].text() == "Northtown East" and not _box(dialog, "Emeka").isChecked()
    assert form.save_button.isEnabled()


def test_a_decided_family_is_corrected_by_a_manager(qtbot, council):
    FrontDoorService(council, MANAGER, now=NOW).step_down(
        case_of(council, "Okonkwo-Hale").case_id, "Universal services: the school."
    )
    dialog = _dialog(qtbot, council, MANAGER)
    _type(qtbot, dialog.form.field_editors["phone"], "07700 900123")
    with qtbot.waitSignal(dialog.saved) as saved:
        assert dialog.save()
    assert "letters go there from now on" in saved.args[0]
    assert FamilyRecordService(council, MANAGER).record(dialog.form.record.family_id).phone == "07700 900123"


def test_a_lead_professional_cannot_correct_and_is_told_who_can(qtbot, council):
    from tafdesk.ui.intake.actions import IntakeActions
    from tafdesk.ui.intake.rights import IntakeRights

    page = open_intake(qtbot, council, CLERK)
    actions = IntakeActions(IntakeRights.of(LEAD), page)
    actions.update(case_of(council, "Okonkwo-Hale"))
    assert not actions["correct_family"].isEnabled()
    assert actions["correct_family"].toolTip() == (
        "Only a locality manager or business support may correct a family's address and household."
    )


def test_from_a_letter_in_the_register_after_the_meeting_then_made_again(qtbot, db, tmp_path):
    from pathlib import Path

    from tafdesk.models import DocumentFormat, DocumentType
    from tafdesk.services.documents import DocumentService
    from tafdesk.services.templates import TemplateService
    from tafdesk.ui.documents.page import DocumentsPage
    from tafdesk.ui.documents.register_model import ENTRY_ROLE
    from tests.documents.conftest import CLERK as PACK_CLERK
    from tests.documents.conftest import TODAY, build_pack_world, squash, text_of

    world = build_pack_world(db)
    documents = DocumentService(db, PACK_CLERK, today=TODAY)
    [letter] = documents.produce_letter(
        world.meeting_id, world.cases["Nguyễn"], DocumentType.LETTER_FAMILY, tmp_path, (DocumentFormat.PDF,)
    )
    page = DocumentsPage(
        documents,
        TemplateService(db, PACK_CLERK),
        can_edit_templates=True,
        family_records=FamilyRecordService(db, PACK_CLERK),
    )
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert not page.address_button.isEnabled()  # nothing chosen
    page.select_row(0)
    assert page.proxy.index(0, 0).data(ENTRY_ROLE).id == letter.id and page.address_button.isEnabled()
    qtbot.mouseClick(page.address_button, Qt.MouseButton.LeftButton)
    dialog = page.family_dialog
    assert isinstance(dialog, FamilyRecordDialog) and dialog.isVisible()
    _type(qtbot, dialog.form.field_editors["address_line1"], "Flat 6, Osprey House")
    _type(qtbot, dialog.form.field_editors["postcode"], "NT9 2WX")
    said = []
    page.status_message.connect(said.append)
    assert dialog.save()
    assert "Make the letter again to send it there." in said[0]
    page.make_again()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    again = next(e for e in documents.list() if e.file_version == 2)
    text = squash(text_of(Path(again.path)))
    assert "Flat 6, Osprey House" in text and "NT9 2WX" in text and "7 Heron Way" not in text


def test_the_register_offers_the_correction_to_whoever_may_make_it(qtbot, db):
    from tafdesk.ui.documents.page import build_documents_page

    for actor in (MANAGER, CLERK):
        page = build_documents_page(db, actor)
        qtbot.addWidget(page)
        assert page.address_button.isVisibleTo(page) and page.address_button.accessibleName() == (
            "Correct family address and household"
        )
