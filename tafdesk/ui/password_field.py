"""A password box that says when Caps Lock seems to be on (a letter typed in
capitals without Shift, or small with it), for the sign-in and lock screens."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

CAPS_LOCK_HINT = "Caps Lock is on."


class PasswordField(QWidget):
    def __init__(self, accessible_name: str = "Password", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(objectName="password", echoMode=QLineEdit.EchoMode.Password)
        self.edit.setAccessibleName(accessible_name)
        self.caps_hint = QLabel(CAPS_LOCK_HINT, objectName="hint")
        self.caps_hint.setAccessibleDescription("Caps Lock warning")
        self.caps_hint.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.caps_hint)
        self.edit.installEventFilter(self)

    def text(self) -> str:
        return self.edit.text()

    def clear(self) -> None:
        self.edit.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            self.notice_key(event)
        return False

    def notice_key(self, event: QKeyEvent) -> None:
        typed = event.text()
        if len(typed) == 1 and typed.isalpha() and typed.upper() != typed.lower():
            shifted = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            caps = typed.isupper() != shifted
            if caps != self.caps_hint.isVisibleTo(self):
                self.caps_hint.setVisible(caps)
                QTimer.singleShot(0, self, self.window().adjustSize)  # room for the line, or none
