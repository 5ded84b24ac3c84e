"""The template editor's "For:" choice: a locality that follows shows the
council-wide template and says so, saving gives it a version of its own
(previewed on its own letterhead), unsaved text is not dropped unasked, and
the locality can follow the council-wide template again; the register says
which template version made a letter."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tafdesk.models import DocumentType, Locality
from tafdesk.services.letterhead import LetterheadService
from tafdesk.services.templates import TemplateService
from tafdesk.ui.documents.template_editor import TemplateEditor
from tafdesk.ui.theme import apply_theme
from tests.documents.conftest import CLERK, LETTERHEAD

IAG = DocumentType.LETTER_IAG


def _editor(qtbot, db) -> tuple[TemplateEditor, dict]:
    apply_theme(QApplication.instance())
    with db.session() as s:
        rows = [Locality(name="North", code="N"), Locality(name="South", code="S")]
        s.add_all(rows)
        s.flush()
        places = {r.name: r.id for r in rows}
    LetterheadService(db, CLERK).save(LETTERHEAD)
    LetterheadService(db, CLERK).save(
        dataclasses.replace(LETTERHEAD, signatory_name="Riley Northsign"), places["North"]
    )
    TemplateService(db, CLERK).save(IAG, "Dear «referrer.name»,\n\nCouncil wording.")
    editor = TemplateEditor(TemplateService(db, CLERK), can_edit=True)
    qtbot.addWidget(editor)
    editor.show()
    editor.letter_type.setCurrentIndex(editor.letter_type.findData(IAG.value))
    return editor, places


def _answer(monkeypatch, button) -> list[str]:
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a, **k: asked.append(text) or button)
    return asked


def test_a_localitys_own_version_is_saved_and_previewed_on_its_letterhead(qtbot, db):
    editor, places = _editor(qtbot, db)
    row = editor.for_row
    assert editor.version.text() == "Version 1 by Clerk Tester" and not row.follow.isEnabled()
    row.combo.setCurrentIndex(1)
    assert row.combo.currentText() == "North (follows council-wide)"
    assert editor.version.text() == "Follows the council-wide version 1 by Clerk Tester"
    assert row.status.text() == "North uses the council-wide template, shown here; saving gives North its own."
    assert "Council wording." in editor.editor.toPlainText() and "Riley Northsign" in editor.preview.toPlainText()
    editor.editor.setPlainText("Dear «referrer.name»,\n\nNorth wording.")
    editor.refresh()
    qtbot.mouseClick(editor.save, Qt.MouseButton.LeftButton)
    assert editor.banner.text() == "Saved as North’s version 1." and editor.banner.property("error") is False
    assert editor.version.text() == "North’s version 1 by Clerk Tester" and row.combo.currentText() == "North (its own)"
    assert row.follow.isEnabled() and row.status.text() == "North has its own template."
    service = TemplateService(db, CLERK)
    assert "North wording." in service.current(IAG, places["North"]).body
    assert "Council wording." in service.current(IAG).body and service.current(IAG, places["South"]).version == 1
    row.combo.setCurrentIndex(0)
    assert row.status.text() == "Every locality without its own uses this template. North has its own."


def test_unsaved_text_is_kept_unless_discarded_and_a_locality_follows_again(qtbot, db, monkeypatch):
    editor, places = _editor(qtbot, db)
    TemplateService(db, CLERK).save(IAG, "Dear «referrer.name»,\n\nNorth wording.", locality_id=places["North"])
    row = editor.for_row
    row.combo.setCurrentIndex(1)
    assert "North wording." in editor.editor.toPlainText()
    editor.editor.setPlainText("Dear «referrer.name»,\n\nNot yet saved.")
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    row.combo.setCurrentIndex(2)
    editor.letter_type.setCurrentIndex(0)
    assert asked == ["Discard your changes to North’s information, advice and guidance to the referrer template?"] * 2
    assert row.locality_id() == places["North"] and editor.current_type() is IAG
    assert "Not yet saved." in editor.editor.toPlainText()

    _answer(monkeypatch, QMessageBox.StandardButton.Discard)
    row.combo.setCurrentIndex(2)
    assert row.locality_id() == places["South"] and "Council wording." in editor.editor.toPlainText()
    row.combo.setCurrentIndex(1)
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(row.follow, Qt.MouseButton.LeftButton)
    assert asked[0].startswith("North’s own template will no longer be used")
    assert row.combo.currentText() == "North (follows council-wide)" and not row.follow.isEnabled()
    assert editor.version.text() == "Follows the council-wide version 1 by Clerk Tester"
    assert "Council wording." in editor.editor.toPlainText()
    assert TemplateService(db, CLERK).current(IAG, places["North"]).locality_id is None


def test_the_registers_tooltip_names_the_template_a_letter_was_made_from(qtbot, tmp_path):
    import datetime as dt
    import uuid

    from tafdesk.models import DocumentFormat
    from tafdesk.services.document_register import RegisterEntry
    from tafdesk.ui.documents.register_model import COL_TYPE, RegisterModel

    def entry(version: int | None, locality: str | None) -> RegisterEntry:
        return RegisterEntry(
            uuid.uuid4(),
            IAG,
            DocumentFormat.PDF,
            "Referrer",
            str(tmp_path / "l.pdf"),
            "0" * 64,
            None,
            None,
            None,
            None,
            "Clerk Tester",
            dt.datetime.now(dt.UTC),
            template_version=version,
            template_locality=locality,
        )

    model = RegisterModel()
    model.set_entries([entry(2, "North"), entry(0, None), entry(None, None)])
    tips = [model.data(model.index(row, COL_TYPE), Qt.ItemDataRole.ToolTipRole) for row in range(3)]
    assert tips[0].endswith("(the file is no longer there)\nMade from North’s template, version 2")
    assert tips[1].endswith("\nMade from the shipped template") and "Made from" not in tips[2]
