"""A small dialog that asks for the note a decision needs (or the reason for
a consent override) and hands it to the service as an Operation
(ui/operation.py). A note the service refuses is shown under the field; any
other refusal in the dialog's banner. Either way the dialog stays open with
what was typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from tafdesk.ui.banner import Banner
from tafdesk.ui.operation import Operation
from tafdesk.ui.scrolling import scrolling
from tafdesk.ui.window_fit import resize_within_screen


class NoteDialog(QDialog):
    def __init__(
        self,
        *,
        title: str,
        explanation: str,
        label: str,
        submit_text: str,
        submit: Callable[[str], object],
        required_message: str,
        placeholder: str = "",
        failed: str = "Nothing was recorded.",  # opens the sentence said when the service refuses
        what: str = "a front-door decision",  # for the log, should the database fail
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("noteDialog")
        self.result_value: object = None
        self._submit = submit
        self._required = required_message
        self._failed = failed
        self._what = what
        self.heading = QLabel(title, objectName="formTitle", wordWrap=True)
        self.explanation = QLabel(explanation, wordWrap=True)
        self.caption = QLabel(label)
        self.note = QPlainTextEdit(placeholderText=placeholder)
        self.error = QLabel(objectName="noteError", wordWrap=True)
        self.banner = Banner()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(submit_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("primaryButton")
        self._build(label)
        self.buttons.accepted.connect(self._on_submit)
        self.buttons.rejected.connect(self.reject)
        self.note.textChanged.connect(self._clear_error)

    def _build(self, label: str) -> None:
        self.caption.setBuddy(self.note)
        self.note.setAccessibleName(label.replace("&", ""))
        self.note.setTabChangesFocus(True)
        self.note.setMinimumHeight(120)
        self.error.setProperty("fieldError", True)
        self.error.hide()
        body = QWidget()
        self.body_layout = layout = QVBoxLayout(body)  # what a dialog built on this one adds to
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.banner)
        layout.addSpacing(4)
        layout.addWidget(self.caption)
        layout.addWidget(self.note, 1)
        layout.addWidget(self.error)
        outer = QVBoxLayout(self)
        outer.setSpacing(8)
        outer.addWidget(scrolling(body), 1)  # on a small screen (large text) all but the buttons scroll
        outer.addWidget(self.buttons)
        resize_within_screen(self, 560, 340)
        self.note.setFocus()

    def text(self) -> str:
        return self.note.toPlainText().strip()

    def _on_submit(self) -> None:
        if not self.text():
            self.show_error(self._required)
            return
        text = self.text()
        Operation(self.banner, lambda: self._submit(text), failed=self._failed, doing=self._what).at_fields(
            lambda fields: self.show_error(" ".join(fields.values()))
        ).done(self._submitted).run()

    def _submitted(self, value: object) -> None:
        self.result_value = value
        self.accept()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.note.setAccessibleDescription(message)
        self.note.setProperty("invalid", True)
        self._repolish()
        self.note.setFocus()

    def error_text(self) -> str:
        return self.error.text() if not self.error.isHidden() else ""

    def _clear_error(self) -> None:
        if self.error.isHidden():
            return
        self.error.hide()
        self.note.setAccessibleDescription("")
        self.note.setProperty("invalid", False)
        self._repolish()

    def _repolish(self) -> None:
        self.note.style().unpolish(self.note)
        self.note.style().polish(self.note)
