"""Asking the chair for a reason: to take a lead over capacity, or to reopen
a closed meeting. The dialog is opened without blocking (`open()`); what it
is for runs in `submit(text)`, as an Operation (ui/operation.py): a broken
rule is shown at the reason, anything else the service refuses in the
dialog's banner; either way the dialog stays open with the reason typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from tafdesk.ui.banner import Banner
from tafdesk.ui.operation import Operation

Submit = Callable[[str], object]  # raises what the service raises


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
        failed: str = "Nothing was recorded.",  # opens the sentence said when the service refuses
        doing: str = "giving a reason",  # for the log, should it fail unforeseen
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._submit = submit
        self._minimum = minimum
        self._failed, self._doing = failed, doing
        self.banner = Banner()
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
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.banner)
        layout.addWidget(self.prompt)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.ok.setDefault(True)  # once in the dialog: Enter gives the reason
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def text(self) -> str:
        return self.reason.text().strip()

    def _try(self) -> None:
        text = self.text()
        if len(text) < self._minimum:
            self._at_reason(
                "Give the reason in a few words (it is recorded)." if not text else "Say a little more: it is recorded."
            )
            return
        Operation(self.banner, lambda: self._submit(text), failed=self._failed, doing=self._doing).at_fields(
            lambda fields: self._at_reason(" ".join(fields.values()))
        ).done(lambda _done: self.accept()).run()

    def _at_reason(self, problem: str) -> None:
        self.banner.clear_problem()
        self.error.setText(problem)
        self.error.show()
        self.reason.setProperty("invalid", True)
        self.reason.setAccessibleDescription(problem)
        self.reason.style().unpolish(self.reason)
        self.reason.style().polish(self.reason)
        self.reason.setFocus()
