"""The letterhead dialog: typed values are saved through the service, a
missing organisation is shown at its field, and the Documents page opens it
only for people who may edit templates."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from tafdesk.services.documents import DocumentService
from tafdesk.services.letterhead import DEFAULT, LetterheadService
from tafdesk.services.templates import TemplateService
from tafdesk.ui.documents.letterhead_dialog import LetterheadDialog
from tafdesk.ui.documents.page import DocumentsPage
from tafdesk.ui.theme import apply_theme
from tests.documents.conftest import CLERK, LETTERHEAD


def _png() -> bytes:
    image = QImage(120, 40, QImage.Format.Format_ARGB32)
    image.fill(QColor("#1f5f8b"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def _dialog(qtbot, db) -> LetterheadDialog:
    apply_theme(QApplication.instance())  # fonts, sizes and error colours as people see them
    dialog = LetterheadDialog(LetterheadService(db, CLERK))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_typed_values_and_a_chosen_logo_are_saved(qtbot, db, tmp_path, monkeypatch):
    dialog = _dialog(qtbot, db)
    assert dialog.edits["organisation"].text() == DEFAULT.organisation
    dialog.edits["organisation"].clear()
    qtbot.keyClicks(dialog.edits["organisation"], "Ambervale Council")
    qtbot.keyClicks(dialog.edits["department"], "Early Help")
    dialog.address.setFocus()
    qtbot.keyClicks(dialog.address, "1 Town Hall Square")
    qtbot.keyClick(dialog.address, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.address, "Ambervale AV1 1AA")
    qtbot.keyClicks(dialog.edits["phone"], "01234 567890")
    qtbot.keyClicks(dialog.edits["email"], "earlyhelp@ambervale.example")
    qtbot.keyClicks(dialog.edits["signatory_name"], "Nadia Hughes")
    qtbot.keyClicks(dialog.edits["signatory_title"], "Locality Manager")
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(logo), "PNG pictures (*.png)"))
    qtbot.mouseClick(dialog.choose_logo, Qt.MouseButton.LeftButton)
    assert not dialog.logo_preview.pixmap().isNull() and dialog.remove_logo.isEnabled()
    dialog.grab().save("/tmp/letterhead.png")

    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    head = LetterheadService(db, CLERK).letterhead()
    assert (head.organisation, head.department) == ("Ambervale Council", "Early Help")
    assert head.address == ("1 Town Hall Square", "Ambervale AV1 1AA")
    assert (head.phone, head.email) == ("01234 567890", "earlyhelp@ambervale.example")
    assert (head.signatory_name, head.signatory_title) == ("Nadia Hughes", "Locality Manager")
    assert head.logo_png == logo.read_bytes()


def test_an_empty_organisation_is_shown_at_its_field_and_nothing_is_saved(qtbot, db):
    dialog = _dialog(qtbot, db)
    dialog.edits["organisation"].clear()
    qtbot.keyClicks(dialog.edits["department"], "Early Help")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.error_text("organisation") == "Every letterhead needs the organisation's name."
    assert dialog.edits["organisation"].property("invalid") and dialog.focusWidget() is dialog.edits["organisation"]
    assert dialog.isVisible() and not dialog.form_error.isHidden() and dialog.banner.isHidden()
    dialog.grab().save("/tmp/letterhead-error.png")
    assert LetterheadService(db, CLERK).letterhead() == DEFAULT


def test_the_documents_page_offers_the_letterhead_to_those_who_edit_templates(qtbot, db):
    def page(can_edit: bool) -> DocumentsPage:
        made = DocumentsPage(
            DocumentService(db, CLERK),
            TemplateService(db, CLERK),
            can_edit_templates=can_edit,
            letterhead=LetterheadService(db, CLERK),
        )
        qtbot.addWidget(made)
        return made

    editor, viewer = page(True), page(False)
    assert editor.letterhead_button.isEnabled() and not viewer.letterhead_button.isEnabled()
    assert editor.letterhead_button.accessibleName() == "Edit the letterhead"


def _localities(db) -> dict[str, object]:
    from tafdesk.models import Locality

    with db.session() as s:
        rows = [Locality(name="North", code="N"), Locality(name="South", code="S")]
        s.add_all(rows)
        s.flush()
        return {r.name: r.id for r in rows}


def _answer(monkeypatch, button) -> list[str]:
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a, **k: asked.append(text) or button)
    return asked


def test_for_a_locality_the_council_wide_letterhead_is_begun_from_and_saved_as_its_own(qtbot, db):
    places = _localities(db)
    LetterheadService(db, CLERK).save(LETTERHEAD)
    dialog = _dialog(qtbot, db)
    row = dialog.for_row
    assert [row.combo.itemText(i) for i in range(row.combo.count())] == [
        "Council-wide",
        "North (follows council-wide)",
        "South (follows council-wide)",
    ]
    assert row.status.text() == "Every locality without its own uses this letterhead." and not row.follow.isEnabled()
    row.combo.setFocus()
    qtbot.keyClick(row.combo, Qt.Key.Key_Down)  # North
    assert row.locality_id() == places["North"] and not row.follow.isEnabled()
    assert row.status.text() == "North uses the council-wide letterhead, shown here; saving gives North its own."
    assert dialog.edits["phone"].text() == LETTERHEAD.phone
    dialog.edits["department"].clear()
    qtbot.keyClicks(dialog.edits["department"], "North Locality Team")
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.saved_for == "North"
    service = LetterheadService(db, CLERK)
    assert service.letterhead(places["North"]).department == "North Locality Team"
    assert service.letterhead().department == service.letterhead(places["South"]).department == LETTERHEAD.department


def test_a_locality_follows_again_and_unsaved_changes_are_not_dropped_unasked(qtbot, db, monkeypatch):
    places = _localities(db)
    service = LetterheadService(db, CLERK)
    service.save(LETTERHEAD)
    service.save(dataclasses.replace(LETTERHEAD, phone="01632 961111"), places["North"])
    dialog = _dialog(qtbot, db)
    row = dialog.for_row
    row.combo.setCurrentIndex(1)
    assert row.combo.itemText(1) == "North (its own)" and row.status.text() == "North has its own letterhead."
    assert row.follow.isEnabled() and dialog.edits["phone"].text() == "01632 961111"

    dialog.edits["phone"].setText("01632 969999")  # not saved
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    row.combo.setCurrentIndex(2)
    assert asked == ["Discard your changes to North’s letterhead?"]
    assert row.combo.currentIndex() == 1 and row.locality_id() == places["North"]
    assert dialog.edits["phone"].text() == "01632 969999"
    _answer(monkeypatch, QMessageBox.StandardButton.Discard)
    row.combo.setCurrentIndex(0)
    assert row.locality_id() is None and dialog.edits["phone"].text() == LETTERHEAD.phone

    row.combo.setCurrentIndex(1)
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(row.follow, Qt.MouseButton.LeftButton)
    assert asked[0].startswith("North’s own letterhead will no longer be used")
    assert service.letterhead(places["North"]) == service.letterhead()
    assert row.combo.itemText(1) == "North (follows council-wide)" and row.locality_id() == places["North"]
    assert not row.follow.isEnabled() and dialog.edits["phone"].text() == LETTERHEAD.phone
