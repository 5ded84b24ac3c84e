"""Signing in: username and password (or, with single sign-on, this
computer's account), checked by `attempt` while the dialog stays open, so a
refusal is said in place and the person can try again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tafdesk.ui.demo_mark import demo_band, demo_title
from tafdesk.ui.errors import explain
from tafdesk.ui.icons import icon
from tafdesk.ui.password_field import PasswordField

SSO_TEXT = "This computer's account signs you in (single sign-on): no password is needed."


class SignInDialog(QDialog):
    """`attempt(username, password)` returns who signed in or raises a
    ServiceError or StorageError whose message is shown; `signed_in` then
    holds what it returned."""

    def __init__(
        self,
        attempt: Callable[[str | None, str | None], Any],
        database_label: str,
        username: str = "",
        *,
        single_sign_on: bool = False,
        demo: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._demo = demo
        self.setWindowTitle(demo_title("Sign in to tafdesk") if demo else "Sign in to tafdesk")
        self.setWindowIcon(icon("tafdesk"))
        self.setObjectName("signInDialog")
        self.signed_in: Any = None
        self._attempt = attempt
        self._sso = single_sign_on
        self.username = QLineEdit(username, objectName="username")
        self.username.setAccessibleName("Username")
        self.password = PasswordField()
        self.error = QLabel(objectName="formError", wordWrap=True)
        self.error.setAccessibleDescription("Why signing in failed")
        self.error.hide()
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in_button = self._buttons.addButton("Sign in", QDialogButtonBox.ButtonRole.AcceptRole)
        self._build(database_label)
        self.sign_in_button.setDefault(True)  # once in the dialog: Enter signs in
        self._buttons.accepted.connect(self.try_sign_in)
        self._buttons.rejected.connect(self.reject)

    def _build(self, database_label: str) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        if self._demo:
            layout.addWidget(demo_band())
        layout.addWidget(QLabel("Sign in to tafdesk", objectName="formTitle"))
        where = QLabel(f"Database: {database_label}", objectName="hint", wordWrap=True)
        where.setAccessibleDescription("Database")
        layout.addWidget(where)
        if self._sso:
            layout.addWidget(QLabel(SSO_TEXT, wordWrap=True))
        else:
            form = QFormLayout()
            form.addRow("&Username", self.username)
            form.addRow("&Password", self.password)
            layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(460)
        self.adjustSize()
        (self.password.edit if self.username.text() else self.username).setFocus()

    def try_sign_in(self) -> None:
        """Enter or Sign in: the dialog closes only once someone is signed in."""
        username = None if self._sso else self.username.text().strip()
        password = None if self._sso else self.password.text()
        if not self._sso and not (username and password):
            self._refused("Give your username and password.")
            return
        try:
            self.signed_in = self._attempt(username, password)
        except Exception as exc:  # noqa: BLE001 (every failure is said in place; unforeseen ones are logged)
            self._refused(explain(exc, "signing in"))
            return
        self.accept()

    def _refused(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.adjustSize()  # wrapped text: as tall as it needs
        self.password.clear()
        (self.password.edit if self.username.text().strip() else self.username).setFocus()
