"""Choosing the inbox folder the access team's files arrive in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tafdesk.ui.settings import AppSettings
from tafdesk.ui.window_fit import resize_within_screen

EXPLANATION = (
    "tafdesk watches this folder while it runs and imports each .json file that arrives in it. A file "
    "imported is moved to the folder's imported subfolder; a file rejected is moved to rejected, with a "
    "NAME.error.txt beside it saying what is wrong. Leave it empty to watch no folder."
)


class InboxSettingsDialog(QDialog):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Inbox folder")
        self.setObjectName("inboxSettings")
        self._settings = settings
        self.folder = QLineEdit(
            settings.inbox_folder, placeholderText="No folder: nothing is watched", clearButtonEnabled=True
        )
        self.choose_button = QPushButton("Choose…")
        self.error = QLabel(objectName="folderError", wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton("Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("primaryButton")
        self._build()
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.choose_button.clicked.connect(self._choose)
        self.folder.textChanged.connect(self._clear_error)

    def _build(self) -> None:
        caption = QLabel("&Inbox folder")
        caption.setBuddy(self.folder)
        self.folder.setAccessibleName("Inbox folder")
        self.choose_button.setAccessibleName("Choose the inbox folder")
        self.error.setProperty("fieldError", True)
        self.error.hide()
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(QLabel("Inbox folder", objectName="formTitle"))
        layout.addWidget(QLabel(EXPLANATION, wordWrap=True))
        layout.addSpacing(6)
        layout.addWidget(caption)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        resize_within_screen(self, 640, 340)

    def _choose(self) -> None:
        start = self.folder.text().strip() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, "Choose the inbox folder", start)
        if chosen:
            self.folder.setText(chosen)

    def save(self) -> None:
        text = self.folder.text().strip()
        if text and not Path(text).is_dir():
            self.error.setText(
                "There is no folder there. Choose a folder that exists (a shared drive must be connected)."
            )
            self.error.show()
            self.folder.setAccessibleDescription(self.error.text())
            self._mark(True)
            return
        if text != self._settings.inbox_folder:
            self._settings.inbox_folder = text
        self.accept()

    def _clear_error(self) -> None:
        self.error.hide()
        self.folder.setAccessibleDescription("")
        self._mark(False)

    def _mark(self, bad: bool) -> None:
        self.folder.setProperty("invalid", bad)
        self.folder.style().unpolish(self.folder)
        self.folder.style().polish(self.folder)
