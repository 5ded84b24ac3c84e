"""The files the inbox folder rejected, with why, so that none is missed
after its status-bar message has gone."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tafdesk.services.inbox import RejectedFile
from tafdesk.ui.window_fit import resize_within_screen


class RejectedFilesDialog(QDialog):
    def __init__(self, files: list[RejectedFile], folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Rejected files")
        self.setObjectName("rejectedFiles")
        self.table = QTableWidget(len(files), 3, objectName="rejectedTable")
        self.table.setHorizontalHeaderLabels(["File", "Rejected", "Why"])
        self.table.setAccessibleName("Files the inbox rejected")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, file in enumerate(files):
            reasons = "\n".join(file.reasons) or "(no reason was written)"
            for column, text in enumerate((file.name, f"{file.rejected_at:%d %b %Y %H:%M}", reasons)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                f"Nothing in these files was imported. They are in {folder}; correct a file and put it in the "
                "inbox again.",
                objectName="hint",
                wordWrap=True,
            )
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        resize_within_screen(self, 900, 420)

    def rows(self) -> list[tuple[str, str]]:
        return [(self._text(r, 0), self._text(r, 2)) for r in range(self.table.rowCount())]

    def _text(self, row: int, column: int) -> str:
        cell = self.table.item(row, column)
        return cell.text() if cell is not None else ""
