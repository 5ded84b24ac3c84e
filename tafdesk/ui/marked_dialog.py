"""The family's wording marked restricted, newest first, with who marked it
and when; Unmark (Delete) lets documents quote the chosen wording again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from tafdesk.clock import LOCAL_TIME
from tafdesk.ui.text import day
from tafdesk.ui.window_fit import resize_within_screen

if TYPE_CHECKING:
    from tafdesk.ui.restricted import FamilyWording

EMPTY = "Nothing is marked restricted for this family."


class MarkedWordingDialog(QDialog):
    def __init__(self, wording: FamilyWording, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markedWordingDialog")
        self.setWindowTitle("Wording marked restricted")
        self.setAccessibleName("Wording marked restricted")
        self._wording = wording
        self.intro = QLabel(
            "Letters, plans and the circulation minutes show “[withheld: restricted]” wherever "
            "this family's text repeats this wording; the full minutes keep it.",
            wordWrap=True,
        )
        self.list = QListWidget()
        self.list.setAccessibleName("Marked wording")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.intro.setBuddy(self.list)
        self.empty = QLabel(EMPTY, objectName="hint")
        self.message = QLabel(wordWrap=True)
        self.message.setProperty("fieldError", True)
        self.message.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.unmark_button = buttons.addButton("&Unmark", QDialogButtonBox.ButtonRole.ActionRole)
        self.unmark_button.setAccessibleName("Unmark the chosen wording")
        self.unmark_button.setToolTip("Documents may quote the chosen wording again (Delete)")
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.unmark_button.clicked.connect(self.unmark)
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        wording.said.connect(self._said)
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Delete),
            self.list,
            self.unmark,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        resize_within_screen(self, 640, 420)
        self.fill()

    def fill(self) -> None:
        """Read the list again (raises what the service raises: the opener says it)."""
        self.list.clear()
        for marked in self._wording.marked():
            when = marked.marked_at.astimezone(LOCAL_TIME)
            item = QListWidgetItem(f"{marked.text}\n— marked by {marked.marked_by}, {day(when.date())} {when:%H:%M}")
            item.setData(Qt.ItemDataRole.UserRole, marked.id)
            self.list.addItem(item)
        self.empty.setVisible(self.list.count() == 0)
        self.list.setVisible(self.list.count() > 0)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._enable()

    def unmark(self) -> None:
        item = self.list.currentItem()
        if item is not None and self._wording.unmark(item.data(Qt.ItemDataRole.UserRole)):
            row = self.list.currentRow()
            self.fill()
            self.list.setCurrentRow(min(row, self.list.count() - 1))

    def _said(self, text: str, error: bool) -> None:
        self.message.setText(text if error else "")
        self.message.setVisible(error)

    def _enable(self) -> None:
        self.unmark_button.setEnabled(self.list.currentItem() is not None)
