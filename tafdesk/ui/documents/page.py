"""The Documents area: the register of what tafdesk has produced (open or
print any of it), "Produce meeting pack…", the letter templates and the
letterhead. The register is read again when documents are made or marked
here or elsewhere (ui/live.py), keeping the chosen document. Each service
call is an Operation (ui/operation.py): what could not be done is said in
the banner above the register; a pack is made on a worker thread behind its
progress dialog (ui/documents/pack_run.py), and says how it went there too."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tafdesk.models import SendMethod
from tafdesk.paths import data_dir
from tafdesk.services.actor import Permission
from tafdesk.services.document_register import RegisterEntry
from tafdesk.services.documents import DocumentService
from tafdesk.services.family_record import FamilyRecordService
from tafdesk.services.letterhead import LetterheadService
from tafdesk.services.locality_choice import COUNCIL_WIDE
from tafdesk.services.templates import TemplateService
from tafdesk.ui.area_page import AreaNote
from tafdesk.ui.banner import Banner
from tafdesk.ui.documents import os_print
from tafdesk.ui.documents.register_model import COL_WHEN, ENTRY_ROLE, RegisterFilter, RegisterModel
from tafdesk.ui.errors import explain
from tafdesk.ui.flow_layout import FlowLayout
from tafdesk.ui.live import ChangeSignal, LiveReload
from tafdesk.ui.open_file import open_file, show_in_folder
from tafdesk.ui.operation import Operation
from tafdesk.ui.scrolling import kept_scroll

if TYPE_CHECKING:  # both imported when first used
    from tafdesk.ui.documents.pack_run import PackRun
    from tafdesk.ui.intake.family_record_dialog import FamilyRecordDialog


class DocumentsPage(QWidget):
    status_message = Signal(str)

    def __init__(
        self,
        documents: DocumentService,
        templates: TemplateService,
        *,
        can_edit_templates: bool,
        letterhead: LetterheadService | None = None,
        family_records: FamilyRecordService | None = None,
        changes: ChangeSignal | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Documents")
        self._documents = documents
        self._templates = templates
        self._can_edit_templates = can_edit_templates
        self._letterhead = letterhead
        self._family_records = family_records  # None: this user may not correct a family's address
        self._run: PackRun | None = None  # the pack being made, if any
        self.family_dialog: FamilyRecordDialog | None = None  # correcting a family's address, once opened
        self.model = RegisterModel(self)
        self.proxy = RegisterFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(objectName="documentRegister")
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Register of documents produced")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_WHEN, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.search = QLineEdit(
            objectName="registerSearch", placeholderText="Filter by document, recipient, case or meeting"
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the register")
        self.pack_button = QPushButton("Produce meeting pack…", objectName="producePack")
        self.templates_button = QPushButton("Letter templates…", objectName="editTemplates")
        self.letterhead_button = QPushButton("Letterhead…", objectName="editLetterhead")
        self.letterhead_button.setAccessibleName("Edit the letterhead")
        self.letterhead_button.setEnabled(can_edit_templates and letterhead is not None)
        self.open_button = QPushButton("Open", objectName="openDocument")
        self.print_button = QPushButton("Print…", objectName="printDocument")
        self.folder_button = QPushButton("Show folder", objectName="showFolder")
        self.again_button = QPushButton("Make again", objectName="makeAgain")
        self.again_button.setToolTip("Make the selected document again as a new version, beside the first")
        self.sent_button = QPushButton("Mark posted", objectName="markSent")
        self.sent_button.setToolTip("Record that the selected document was posted today, and by you")
        self.address_button = QPushButton("Address and household…", objectName="correctFamily")
        self.address_button.setAccessibleName("Correct family address and household")
        self.address_button.setToolTip(
            "Correct where the selected document's family is written to and who lives there; then make the letter again"
        )
        self.address_button.setVisible(family_records is not None)
        self.count = QLabel("", objectName="registerCount")
        self.banner = Banner()
        self._build()
        self._connect()
        self._selection_changed()
        self.live = LiveReload(self, changes, lambda change: change.about("generated_document"), self.refresh)
        self.refresh()

    def _build(self) -> None:
        heading = QLabel("Documents", objectName="pageTitle")
        actions = FlowLayout()  # wraps onto a second row in a narrow window or at large text sizes
        for button in (self.pack_button, self.templates_button, self.letterhead_button):
            actions.addWidget(button)
        actions.addStretch()
        for button in (self.open_button, self.print_button, self.folder_button, self.again_button, self.sent_button):
            actions.addWidget(button)
        search = FlowLayout()  # the family's address beside the filter: the row above is full at 1366 pixels
        search.addWidget(self.search)
        search.addWidget(self.address_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(heading)
        layout.addWidget(self.banner)
        layout.addLayout(actions)
        layout.addLayout(search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)

    def _connect(self) -> None:
        self.search.textChanged.connect(self._filter)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _: self.open_selected())
        self.pack_button.clicked.connect(self.produce_pack)
        self.templates_button.clicked.connect(self.edit_templates)
        self.letterhead_button.clicked.connect(self.edit_letterhead)
        self.open_button.clicked.connect(self.open_selected)
        self.print_button.clicked.connect(self.print_selected)
        self.print_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_button.setToolTip("Print the selected document, choosing the printer and copies (Ctrl+P)")
        self.folder_button.clicked.connect(self.show_folder)
        self.again_button.clicked.connect(self.make_again)
        self.sent_button.clicked.connect(self.mark_posted)
        self.address_button.clicked.connect(self.correct_family)

    # -- the register ---------------------------------------------------------------

    def refresh(self) -> None:
        """Read the register off the interface thread (leaving a refusal the banner says as it is)."""
        self.live.reading()
        self._operation(
            self._documents.list, "The register could not be read.", "reading the register", slow=True
        ).reading().done(self._show).run()

    def _operation(self, call, failed: str, doing: str, *, slow: bool = False) -> Operation:
        return Operation(self.banner, call, failed=failed, doing=doing, slow=slow)

    def _show(self, entries: list[RegisterEntry]) -> None:
        chosen = self.selected()
        with kept_scroll(self.table):
            self.model.set_entries(entries)
            self._filter(self.search.text())
            if chosen is not None:
                self._select(chosen)

    def _select(self, entry: RegisterEntry) -> None:
        for row in range(self.proxy.rowCount()):
            shown = self.proxy.data(self.proxy.index(row, 0), ENTRY_ROLE)
            if shown is not None and shown.id == entry.id:
                self.table.selectRow(row)
                return

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(
            f"{total} document{'s' * (total != 1)}" if shown == total else f"{shown} of {total} documents"
        )

    def selected(self) -> RegisterEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.data(rows[0], ENTRY_ROLE) if rows else None

    def _selection_changed(self, *_: object) -> None:
        entry = self.selected()
        for button in (self.open_button, self.print_button, self.folder_button, self.again_button, self.sent_button):
            button.setEnabled(entry is not None)
        self.address_button.setEnabled(entry is not None and entry.case_id is not None)

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def open_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        self._operation(
            lambda: self._documents.open_file(entry.id),  # checked, and the opening audited
            "The document was not opened.",
            "opening a document",
        ).done(self._open).run()

    def _open(self, path: Path) -> None:
        open_file(self, path)

    def print_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        if not self._still_there(entry):
            return
        if not os_print.printers():
            self._tell(
                "No printer is set up on this computer. Open the document and save or send it instead, "
                "or ask IT to add a printer."
            )
            return
        choice = os_print.ask_for_printer(self)
        if choice is None:
            return

        def send(path: Path) -> None:
            problem = os_print.print_file(path, choice)
            if problem:
                self._tell(problem)
            else:
                copies = f"{choice.copies} copies of " if choice.copies > 1 else ""
                self.status_message.emit(f"Sent {copies}{Path(entry.path).name} to {choice.printer}.")

        self._operation(
            lambda: self._documents.print_file(entry.id),  # checked again, and the printing audited
            "The document was not printed.",
            "printing a document",
        ).done(send).run()

    def show_folder(self) -> None:
        entry = self.selected()
        if entry is not None:
            show_in_folder(self, Path(entry.path))

    # -- making documents ------------------------------------------------------------

    def produce_pack(self) -> None:
        from tafdesk.ui.documents.pack_dialog import PackDialog
        from tafdesk.ui.documents.pack_run import run_pack

        meetings: list = []
        if (
            not self._operation(self._documents.closed_meetings, "No pack can be made.", "reading the closed meetings")
            .done(meetings.extend)
            .run()
        ):
            return
        dialog = PackDialog(meetings, data_dir() / "documents", self, not_made=self._documents.letters_not_made)
        self._documents.prepare_for_a_pack()  # the renderers start while the folder is chosen
        chosen = dialog.exec()
        dialog.deleteLater()
        if chosen != PackDialog.DialogCode.Accepted:
            return
        folder = dialog.chosen_folder() / dialog.meeting.currentText().split("  (")[0].replace(" ", "_")
        self._run = run_pack(
            self, self._documents, dialog.meeting_id(), folder, dialog.formats(), self._pack_done, self._failed
        )

    def _pack_done(self, entries: list[RegisterEntry], cancelled: bool) -> None:
        self._run = None
        what = f"{len(entries)} document{'s' * (len(entries) != 1)}"
        folder = str(Path(entries[0].path).parent) if entries else ""
        self.status_message.emit(
            f"Cancelled: {what} were finished and kept in {folder}."
            if cancelled
            else f"Meeting pack produced: {what} in {folder}."
        )
        self.refresh()

    def edit_templates(self) -> None:
        from tafdesk.ui.documents.template_editor import TemplateEditor

        def opened(editor: TemplateEditor) -> None:
            editor.exec()
            editor.deleteLater()

        self._operation(
            lambda: TemplateEditor(self._templates, self._can_edit_templates, self),
            "The letter templates could not be opened.",
            "opening the letter templates",
        ).done(opened).run()

    def edit_letterhead(self) -> None:
        from tafdesk.ui.documents.letterhead_dialog import LetterheadDialog

        letterhead = self._letterhead
        if letterhead is None:
            return

        def opened(dialog: LetterheadDialog) -> None:
            if dialog.exec():
                name = dialog.saved_for
                self.status_message.emit(
                    "Letterhead saved: documents produced from now on carry it, in every locality without its own."
                    if name == COUNCIL_WIDE
                    else f"{name}’s letterhead saved: {name}’s documents produced from now on carry it."
                )
            dialog.deleteLater()

        self._operation(
            lambda: LetterheadDialog(letterhead, self),
            "The letterhead could not be opened.",
            "opening the letterhead",
        ).done(opened).run()

    def _failed(self, error: Exception | str) -> None:
        """A pack that could not be made (its worker says why in a sentence)."""
        self._run = None
        self._tell(error if isinstance(error, str) else explain(error, "making documents"))

    def _still_there(self, entry: RegisterEntry) -> bool:
        """The file is there and its checksum is the register's."""
        return self._operation(
            lambda: self._documents.verify(entry.id), "The document was not printed.", "checking a document"
        ).run()

    def make_again(self) -> None:
        entry = self.selected()
        if entry is None:
            return

        def made(again: RegisterEntry) -> None:
            self.status_message.emit(f"Made again: {Path(again.path).name}.")
            self.refresh()

        self._operation(
            lambda: self._documents.reproduce(entry.id), "The document was not made again.", "making a document again"
        ).done(made).run()

    def mark_posted(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        self._operation(
            lambda: self._documents.mark_sent(entry.id, SendMethod.POST),
            "Not marked posted.",
            "marking a document sent",
        ).done(lambda _sent: self.refresh()).run()

    def correct_family(self) -> None:
        """The selected document's family: where it is written to, and who lives there."""
        from tafdesk.ui.intake.family_record_dialog import family_record_dialog

        entry = self.selected()
        if entry is None or entry.case_id is None or self._family_records is None:
            return
        dialog = family_record_dialog(self._family_records, entry.case_id, self, self.banner)
        if dialog is None:
            return
        dialog.saved.connect(lambda text: self.status_message.emit(f"{text} Make the letter again to send it there."))
        dialog.finished.connect(dialog.deleteLater)
        self.family_dialog = dialog  # while open
        dialog.open()

    def _tell(self, message: str) -> None:
        """Why something was not done, in the banner above the register."""
        self.banner.say(message, error=True)


def build_documents_page(db, actor, *, changes: ChangeSignal | None = None) -> QWidget:
    if not actor.can(Permission.PRODUCE_DOCUMENTS):
        return AreaNote(
            "Documents",
            "Minutes, letters and plans are produced by business support and locality "
            "managers. Ask them for a copy of a document you need.",
        )
    family_records = FamilyRecordService(db, actor) if actor.can(Permission.CORRECT_FAMILY_RECORD) else None
    return DocumentsPage(
        DocumentService(db, actor),
        TemplateService(db, actor),
        can_edit_templates=actor.can(Permission.EDIT_TEMPLATES),
        letterhead=LetterheadService(db, actor),
        family_records=family_records,
        changes=changes,
    )
