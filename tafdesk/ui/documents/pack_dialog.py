"""Choosing what pack to make: a closed meeting, a folder, the formats.
Which letters will not be made is read as an Operation (ui/operation.py):
if it cannot be, the dialog's banner says why."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tafdesk.models import DocumentFormat
from tafdesk.services.documents import MeetingChoice
from tafdesk.ui.banner import Banner
from tafdesk.ui.operation import Operation


class PackDialog(QDialog):
    """`not_made(meeting_id)` names each letter the meeting's decisions call
    for that will not be made, and why: the dialog shows them before Produce."""

    def __init__(
        self,
        meetings: list[MeetingChoice],
        folder: Path,
        parent: QWidget | None = None,
        *,
        not_made: Callable[[uuid.UUID], list[str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._not_made = not_made
        self.setWindowTitle("Produce meeting pack")
        self.meeting = QComboBox(objectName="packMeeting")
        for m in meetings:
            self.meeting.addItem(f"{m.label}  ({m.decisions} decision{'s' * (m.decisions != 1)})", m.id)
        self.meeting.setAccessibleName("Closed meeting")
        self.folder = QLineEdit(str(folder), objectName="packFolder")
        self.folder.setAccessibleName("Folder for the pack")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        self.pdf = QCheckBox("PDF", checked=True, objectName="packPdf")
        self.word = QCheckBox("Word", checked=True, objectName="packWord")
        self.error = QLabel("", objectName="fieldError", wordWrap=True)
        self.banner = Banner()
        self.skipped = QLabel("", objectName="packSkipped", wordWrap=True)
        self.skipped.setAccessibleDescription("Letters that will not be made")
        self.skipped.setTextFormat(Qt.TextFormat.PlainText)
        self.skipped.hide()
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        formats = QHBoxLayout()
        formats.addWidget(self.pdf)
        formats.addWidget(self.word)
        formats.addStretch(1)
        form = QFormLayout()
        form.addRow("Meeting", self.meeting)
        form.addRow("Folder", folder_row)
        form.addRow("Formats", formats)
        note = QLabel(
            "Both editions of the minutes and every letter the meeting's decisions call for, named by case "
            "reference and letter type. Each is added to the register.",
            wordWrap=True,
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Produce")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.skipped)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if not meetings:
            self.error.setText("There is no closed meeting yet: a pack is made once its meeting is closed.")
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 38)  # reasons read as sentences
        self.meeting.currentIndexChanged.connect(lambda _: self._show_skipped())
        self._show_skipped()

    def _show_skipped(self) -> None:
        """Say which letters will not be made and why, before any is."""
        meeting_id, not_made = self.meeting.currentData(), self._not_made
        self.skipped.hide()
        if not_made is None or meeting_id is None:
            return
        Operation(
            self.banner,
            lambda: not_made(meeting_id),
            failed="Which letters will not be made could not be worked out.",
            doing="checking the meeting's letters",
        ).done(self._skipping).refused(lambda _error: self.adjustSize()).run()

    def _skipping(self, reasons: list[str]) -> None:
        self.skipped.setText("These letters will not be made:\n" + "\n".join(f"• {r}" for r in reasons))
        self.skipped.setVisible(bool(reasons))
        self.adjustSize()

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Folder for the meeting pack", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def formats(self) -> tuple[DocumentFormat, ...]:
        return tuple(
            f for f, box in ((DocumentFormat.PDF, self.pdf), (DocumentFormat.DOCX, self.word)) if box.isChecked()
        )

    def meeting_id(self) -> uuid.UUID:
        return self.meeting.currentData()

    def chosen_folder(self) -> Path:
        return Path(self.folder.text().strip()).expanduser()

    def _accept(self) -> None:
        if not self.formats():
            self.error.setText("Choose PDF, Word or both.")
            return
        if not self.folder.text().strip():
            self.error.setText("Choose the folder to write the pack into.")
            self.folder.setFocus()
            return
        self.accept()
