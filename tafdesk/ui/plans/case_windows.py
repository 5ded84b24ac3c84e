"""A case's Notes and its family's Chronology: two sections of the case page
(ui/case_page). Every service call goes through an Operation; the
chronology's exports run in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tafdesk.models import DocumentFormat
from tafdesk.services.case_notes import CaseNotesService, NoteInput, NoteView
from tafdesk.services.chronology import ChronologyService, EntryType
from tafdesk.services.chronology_export import ChronologyExport
from tafdesk.ui.banner import Banner
from tafdesk.ui.operation import Operation
from tafdesk.ui.plans.loading import CaseRef
from tafdesk.ui.plans.note_dialog import NoteDialog
from tafdesk.ui.plans.notes_models import ChronologyModel, NotesModel
from tafdesk.ui.record_table import record_table


class NotesPanel(QWidget):
    def __init__(self, service: CaseNotesService, case: CaseRef, *, may_write: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self._case = case
        self.setAccessibleName(f"Case notes: {case.family_name} ({case.reference})")
        self.banner = Banner(self)
        self.model = NotesModel(self)
        self.table = record_table("Case notes", self.model)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton("&Add note…", objectName="primaryButton")
        self.correct_button = QPushButton("&Correct note…")
        self.add_button.setAccessibleName("Add a case note")
        self.correct_button.setAccessibleName("Correct the chosen note (makes a new version)")
        self.add_button.setVisible(may_write)
        self.correct_button.setVisible(may_write)
        self.add_button.clicked.connect(self.add_note)
        self.correct_button.clicked.connect(self.correct_note)
        if may_write:
            self.table.activated.connect(lambda _i: self.correct_note())
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("A correction is a new version: the note as it was is kept.", objectName="hint"), 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.correct_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        Operation(
            self.banner, lambda: self._service.notes(self._case.case_id), failed="", doing="reading case notes"
        ).done(self._show).run()

    def _show(self, notes: list[NoteView]) -> None:
        self.model.set_rows(notes)
        self.correct_button.setEnabled(bool(notes))
        if notes:
            self.table.selectRow(0)

    def chosen(self) -> NoteView | None:
        index = self.table.currentIndex()
        proxy = self.table.model()
        return self.model.row_at(proxy.mapToSource(index)) if index.isValid() else None  # type: ignore[attr-defined]

    def add_note(self) -> None:
        self._edit(None)

    def correct_note(self) -> None:
        note = self.chosen()
        if note is not None:
            self._edit(note)

    def _edit(self, note: NoteView | None) -> None:
        children = Operation(
            self.banner, lambda: self._service.children(self._case.case_id), failed="", doing="reading the children"
        )
        found: list = []
        children.done(found.append).run()
        if not found:
            return

        def save(value: NoteInput, reason: str) -> bool:
            def call():
                if note is None:
                    return self._service.add(self._case.case_id, value)
                return self._service.correct(note.id, value, reason)

            return (
                Operation(self.banner, call, failed="Not saved.", doing="saving a case note")
                .at_fields(dialog.show_errors)
                .run()
            )

        dialog = NoteDialog(found[0], save, note, self)
        if dialog.exec():
            self.reload()


class ChronologyPanel(QWidget):
    def __init__(
        self, service: ChronologyService, export: ChronologyExport, case: CaseRef, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._service = service
        self._export = export
        self._case = case
        self.setAccessibleName(f"Chronology: {case.family_name} ({case.reference})")
        self.banner = Banner(self)
        self.model = ChronologyModel(self)
        self.table = record_table("Chronology", self.model)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Show entries of type")
        self.kind.addItem("Every type", None)
        for kind in EntryType:
            self.kind.addItem(kind.value, kind)
        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        self.pdf_button = QPushButton("Export &PDF…")
        self.word_button = QPushButton("Export &Word…")
        self.pdf_button.setAccessibleName("Export the chronology as PDF")
        self.word_button.setAccessibleName("Export the chronology as Word")
        self.pdf_button.clicked.connect(lambda: self.export(DocumentFormat.PDF))
        self.word_button.clicked.connect(lambda: self.export(DocumentFormat.DOCX))
        self.status = QLabel(objectName="hint", wordWrap=True)
        top = QHBoxLayout()
        label = QLabel("&Type:")
        label.setBuddy(self.kind)
        top.addWidget(label)
        top.addWidget(self.kind)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.pdf_button)
        bottom.addWidget(self.word_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.reload()

    def types(self) -> list[EntryType] | None:
        kind = self.kind.currentData()
        return None if kind is None else [kind]

    def reload(self) -> None:
        types = self.types()
        Operation(
            self.banner,
            lambda: self._service.chronology(self._case.case_id, types),
            failed="",
            doing="reading a chronology",
        ).done(lambda found: self.model.set_rows(found.entries)).run()

    def export(self, fmt: DocumentFormat, path: Path | None = None, *, full: bool = False) -> None:
        """Asks where (unless given); the edition for other agencies unless `full`."""
        if path is None:
            suffix = fmt.value
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                "Export the chronology",
                f"chronology-{self._case.reference}.{suffix}",
                f"{suffix.upper()} (*.{suffix})",
            )
            if not chosen:
                return
            path = Path(chosen)
        types, case_id = self.types(), self._case.case_id
        self.pdf_button.setEnabled(False)
        self.word_button.setEnabled(False)
        self.status.setText("Exporting…")

        def finished(written: Path | None) -> None:
            self.pdf_button.setEnabled(True)
            self.word_button.setEnabled(True)
            self.status.setText(f"Written to {written}" if written else "")

        Operation(
            self.banner,
            lambda: Path(self._export.produce(case_id, fmt, path, full=full, types=types).path),
            failed="Not exported.",
            doing="exporting a chronology",
            slow=True,
        ).done(finished).refused(lambda _e: finished(None)).run()
