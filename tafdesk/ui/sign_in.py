"""Choosing who is signed in, from the database's active users."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tafdesk.services.users import UserRecord
from tafdesk.ui.icons import icon
from tafdesk.ui.labels import ROLE_LABELS


class SignInDialog(QDialog):
    def __init__(
        self,
        users: Sequence[UserRecord],
        database_label: str,
        preferred: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sign in to tafdesk")
        self.setWindowIcon(icon("tafdesk"))
        self._users = list(users)
        self._list = QListWidget(objectName="userList")
        self._list.setAccessibleName("Users")
        self._list.setSpacing(3)
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self._sign_in = self._buttons.addButton("Sign in", QDialogButtonBox.ButtonRole.AcceptRole)
        self._build(database_label, preferred)
        self._connect_signals()

    def _build(self, database_label: str, preferred: str) -> None:
        heading = QLabel("Who is using tafdesk?", objectName="formTitle")
        where = QLabel(f"Database: {database_label}", objectName="hint", wordWrap=True)
        for user in self._users:
            item = QListWidgetItem(f"{user.display_name}  ·  {ROLE_LABELS[user.role]}")
            item.setData(Qt.ItemDataRole.UserRole, user.username)
            self._list.addItem(item)
            if user.username.casefold() == preferred.casefold():
                self._list.setCurrentItem(item)
        if self._list.currentRow() < 0 and self._users:
            self._list.setCurrentRow(0)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(where)
        layout.addWidget(self._list, 1)
        layout.addWidget(self._buttons)
        self.resize(480, 420)

    def _connect_signals(self) -> None:
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        self._list.itemActivated.connect(lambda _item: self.accept())
        self._list.currentRowChanged.connect(lambda row: self._sign_in.setEnabled(row >= 0))

    def username(self) -> str | None:
        item = self._list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def choose(self, username: str) -> None:
        for row in range(self._list.count()):
            if self._list.item(row).data(Qt.ItemDataRole.UserRole) == username:
                self._list.setCurrentRow(row)
                return
        raise KeyError(username)
