"""Asking the chair for a reason: to take a lead over capacity, or to reopen
a closed meeting. The dialog is opened without blocking (`open()`); what it
is for runs in `submit(text)`, which returns a message to show at the field
when the reason is refused, or None when it was taken."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

Submit = Callable[[str], str | None]


class ReasonDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        *,
        title: str,
        prompt: str,
        submit: Submit,
        accept_label: str,
        minimum: int = 10,
        placeholder: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._submit = submit
        self._minimum = minimum
        self.prompt = QLabel(prompt, wordWrap=True)
        self.reason = QLineEdit(placeholderText=placeholder)
        self.reason.setAccessibleName("Reason")
        self.reason.setMinimumWidth(560)
        self.prompt.setBuddy(self.reason)
        self.error = QLabel(objectName="reasonError", wordWrap=True)
        self.error.setProperty("fieldError", True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(accept_label, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("primaryButton")
        self.ok.setDefault(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.prompt)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def text(self) -> str:
        return self.reason.text().strip()

    def _try(self) -> None:
        text = self.text()
        problem = None
        if len(text) < self._minimum:
            problem = (
                "Give the reason in a few words (it is recorded)." if not text else "Say a little more: it is recorded."
            )
        if problem is None:
            problem = self._submit(text)
        if problem:
            self.error.setText(problem)
            self.error.show()
            self.reason.setProperty("invalid", True)
            self.reason.style().unpolish(self.reason)
            self.reason.style().polish(self.reason)
            self.reason.setFocus()
            return
        self.accept()
