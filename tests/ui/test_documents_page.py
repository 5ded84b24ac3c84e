"""The Documents area: the register table, making a pack on a worker thread
(and cancelling it), and the template editor's checks and preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from tafdesk.models import DocumentFormat, DocumentType, Role
from tafdesk.services.actor import Actor
from tafdesk.services.documents import DocumentService
from tafdesk.services.templates import TemplateService
from tafdesk.ui.documents.pack_run import run_pack
from tafdesk.ui.documents.page import DocumentsPage, build_documents_page
from tafdesk.ui.documents.register_model import (
    COL_CASE,
    COL_FAMILY,
    COL_RECIPIENT,
    COL_SENT,
    COL_TYPE,
    ENTRY_ROLE,
    RegisterModel,
)
from tafdesk.ui.documents.template_editor import TemplateEditor
from tests.documents.conftest import CLERK, TODAY, build_pack_world


@pytest.fixture
def world(db):
    return build_pack_world(db)


@pytest.fixture
def documents(world) -> DocumentService:
    return DocumentService(world.db, CLERK, today=TODAY)


def test_the_register_model_lists_what_was_made(qtmodeltester, world, documents, tmp_path):
    entries = documents.produce_letters(world.meeting_id, tmp_path / "letters", formats=(DocumentFormat.PDF,))
    model = RegisterModel()
    model.set_entries(documents.list())
    qtmodeltester.check(model)
    rows = {(model.index(r, COL_TYPE).data(), model.index(r, COL_CASE).data()) for r in range(model.rowCount())}
    assert ("Allocation letter", world.references["Nguyễn"]) in rows and model.rowCount() == len(entries)
    assert "Łukasz Kowalski" in {model.index(r, COL_RECIPIENT).data() for r in range(model.rowCount())}
    assert {model.index(r, COL_SENT).data() for r in range(model.rowCount())} == {"Not sent"}
    assert "Nguyễn" in {model.index(r, COL_FAMILY).data() for r in range(model.rowCount())}


def test_the_page_opens_only_the_file_produced_makes_again_and_marks_posted(
    qtbot, world, documents, tmp_path, monkeypatch
):
    made = documents.produce_letters(world.meeting_id, tmp_path / "letters", formats=(DocumentFormat.PDF,))
    entry, count = made[0], len(made)
    page = DocumentsPage(documents, TemplateService(world.db, CLERK), can_edit_templates=True)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == count)
    opened = []
    monkeypatch.setattr("tafdesk.ui.open_file.QDesktopServices.openUrl", lambda url: opened.append(url) or True)
    page.search.setText(Path(entry.path).stem.split("_")[0])
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 0).data(ENTRY_ROLE).id == entry.id)
    page.select_row(row)
    with open(entry.path, "ab") as file:
        file.write(b"% changed")
    page.open_selected()
    assert opened == [] and page.banner.text().startswith("The document was not opened.")
    assert "has changed since tafdesk produced it" in page.banner.text() and page.banner.property("error") is True
    page.make_again()
    qtbot.waitUntil(lambda: page.model.rowCount() == count + 1)
    assert any(page.model.index(r, COL_TYPE).data().endswith("(version 2)") for r in range(count + 1))
    page.search.setText("")
    again = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 0).data(ENTRY_ROLE).file_version == 2)
    page.select_row(again)
    page.open_selected()
    assert len(opened) == 1
    page.mark_posted()
    qtbot.waitUntil(
        lambda: any(page.model.index(r, COL_SENT).data().startswith("Posted") for r in range(page.model.rowCount()))
    )
    assert f"({CLERK.name})" in next(
        page.model.index(r, COL_SENT).data()
        for r in range(page.model.rowCount())
        if page.model.index(r, COL_SENT).data() != "Not sent"
    )


def test_a_pack_made_on_a_worker_thread_fills_the_register(qtbot, world, documents, tmp_path):
    page = DocumentsPage(documents, TemplateService(world.db, CLERK), can_edit_templates=True)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.count.text() == "0 documents")
    done = []
    run = run_pack(
        page,
        documents,
        world.meeting_id,
        tmp_path / "pack",
        (DocumentFormat.PDF,),
        lambda entries, cancelled: done.append((entries, cancelled)),
        lambda message: done.append(message),
    )
    qtbot.waitUntil(lambda: bool(done), timeout=60_000)
    entries, cancelled = done[0]
    assert not cancelled and len(entries) == 12 and not run.worker_thread.isRunning()
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 12)
    page.search.setText(world.references["Byrne"])
    assert page.proxy.rowCount() == 2 and page.count.text() == "2 of 12 documents"
    page.select_row(0)
    assert page.open_button.isEnabled() and page.selected().case_reference == world.references["Byrne"]


def test_cancel_stops_the_pack_between_documents(qtbot, world, documents, tmp_path):
    page = DocumentsPage(documents, TemplateService(world.db, CLERK), can_edit_templates=True)
    qtbot.addWidget(page)
    done = []
    run = run_pack(
        page,
        documents,
        world.meeting_id,
        tmp_path / "pack",
        (DocumentFormat.PDF, DocumentFormat.DOCX),
        lambda entries, cancelled: done.append((entries, cancelled)),
        done.append,
    )

    class Person(QObject):  # presses Cancel, on the interface thread, once two files are written
        @Slot(int, int, str)
        def watch(self, written: int, total: int, label: str) -> None:
            if written >= 2:
                run.cancel()

    person = Person(page)
    run.worker.progressed.connect(person.watch)
    qtbot.waitUntil(lambda: bool(done), timeout=60_000)
    entries, cancelled = done[0]
    assert cancelled and 2 <= len(entries) < 24
    written = sorted(p.name for p in (tmp_path / "pack").iterdir())
    assert written == sorted(Path(e.path).name for e in entries)


def test_the_template_editor_shows_problems_at_the_field_and_previews(qtbot, world):
    service = TemplateService(world.db, CLERK)
    editor = TemplateEditor(service, can_edit=True)
    qtbot.addWidget(editor)
    editor.letter_type.setCurrentIndex(editor.letter_type.findData(DocumentType.LETTER_FAMILY.value))
    assert "What happens next for your family" in editor.preview.toPlainText()
    assert editor.fields.count() == len(service.catalogue(DocumentType.LETTER_FAMILY))
    editor.editor.setPlainText("Dear «family.salutation»,\n\nYour worker's notes: «involvements»")
    editor.refresh()
    assert editor.problems.text().startswith(
        "Line 3, column 22: «involvements» is not a merge field of letters to families"
    )
    cursor = editor.editor.textCursor()
    cursor.setPosition(len("Dear «family.salutation»,\n\nYour worker's notes: "))
    editor.editor.setTextCursor(cursor)
    assert editor.position.text() == "Line 3, column 22"
    assert not editor.save.isEnabled() and editor.editor.extraSelections()
    editor.editor.setPlainText("Dear «family.salutation»,\n\nSee you soon.")
    editor.editor.moveCursor(editor.editor.textCursor().MoveOperation.End)
    editor.fields.setCurrentRow(0)
    editor.insert.click()
    editor.refresh()
    assert editor.problems.text() == "" and "Dear Nguyễn Thị Mai," in editor.preview.toPlainText()
    assert editor.save.isEnabled()
    editor.note.setText("Shorter")
    qtbot.mouseClick(editor.save, Qt.MouseButton.LeftButton)
    saved = service.current(DocumentType.LETTER_FAMILY)
    assert saved.version == 1 and saved.note == "Shorter" and "See you soon." in saved.body
    assert editor.banner.text() == "Saved as version 1." and editor.problems.text() == ""


def test_a_lead_professional_sees_no_register(qtbot, world):
    page = build_documents_page(world.db, Actor(None, "Lead", Role.LEAD_PROFESSIONAL))
    qtbot.addWidget(page)
    assert not isinstance(page, DocumentsPage)


def test_the_pack_dialog_names_the_letters_that_will_not_be_made_before_any_is(qtbot, world, documents, tmp_path):
    from sqlalchemy import select

    from tafdesk.models import Case, Person
    from tafdesk.services.letter_recipients import LetterRecipientService
    from tafdesk.ui.documents.pack_dialog import PackDialog
    from tests.documents.conftest import CHAIR

    case = world.cases["Nguyễn"]
    with world.db.reader() as s:
        family_id = s.get(Case, case).family_id
        mother = s.scalar(select(Person.id).where(Person.family_id == family_id, Person.given_name == "Thị Mai"))
    LetterRecipientService(world.db, CHAIR).mark_do_not_write(mother, True)
    dialog = PackDialog(documents.closed_meetings(), tmp_path, not_made=documents.letters_not_made)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.skipped.isVisible()
    text = dialog.skipped.text()
    assert text.startswith("These letters will not be made:")
    assert f"{world.references['Nguyễn']}: letter to the family: no adult in the household" in text


def _message_box(page) -> QMessageBox:
    boxes = [box for box in page.findChildren(QMessageBox) if box.isVisible()]
    assert len(boxes) == 1, "no message was shown"
    return boxes[0]


def test_with_no_application_to_open_a_document_the_user_is_told_where_it_is(
    qtbot, world, documents, tmp_path, monkeypatch
):
    entry = documents.produce_minutes(
        world.meeting_id, DocumentType.MINUTES_FULL, DocumentFormat.PDF, tmp_path / "minutes" / "minutes.pdf"
    )
    page = DocumentsPage(documents, TemplateService(world.db, CLERK), can_edit_templates=True)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    asked: list[str] = []
    monkeypatch.setattr(
        "tafdesk.ui.open_file.QDesktopServices.openUrl", lambda url: asked.append(url.toLocalFile()) and False
    )
    page.select_row(0)
    page.open_selected()
    box = _message_box(page)
    folder = str(Path(entry.path).parent)
    assert "no application that opens PDF files" in box.text() and entry.path in box.informativeText()
    copy = next(b for b in box.buttons() if b.text() == "Copy the path")
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == entry.path

    page.open_selected()
    show = next(b for b in _message_box(page).buttons() if b.text() == "Show in folder")
    qtbot.mouseClick(show, Qt.MouseButton.LeftButton)
    assert asked == [entry.path, entry.path, folder]  # the folder could not be shown either: its path is given
    assert entry.path in _message_box(page).informativeText()
