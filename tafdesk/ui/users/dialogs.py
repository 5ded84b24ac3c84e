"""The administration page's forms: a new user, a new password, a new role.
Each calls its service while open, as an Operation (ui/operation.py), so a
refusal is said in place (a broken rule at the field it names, anything
else in the form's banner) and the form keeps what was typed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tafdesk.models.enums import Role
from tafdesk.services.errors import ValidationError
from tafdesk.services.user_admin import IN_LOCALITIES, NewUser
from tafdesk.ui.banner import Banner
from tafdesk.ui.field_errors import FieldMarks
from tafdesk.ui.labels import ROLE_LABELS
from tafdesk.ui.operation import Operation
from tafdesk.ui.password_field import PasswordField


class _Form(QDialog):
    """A form whose OK runs `submit()` as an Operation: a broken rule is shown
    at its field, anything else in the banner under the title."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.result_value: Any = None
        self.form = QFormLayout()
        self.fields = FieldMarks()
        self.banner = Banner()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # grows to show what it says
        layout.addWidget(QLabel(title, objectName="formTitle"))
        layout.addWidget(self.banner)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def add_row(self, label: str, name: str, editor: QWidget, focus: QWidget | None = None) -> None:
        """A row whose editor shows a broken rule about `name` (the service's word) beneath it."""
        self.form.addRow(label, self.fields.cell(name, editor, focus=focus))

    def submit(self) -> Any:
        raise NotImplementedError

    def _submit(self) -> bool:
        return (
            Operation(self.banner, self.submit, failed="Not saved.", doing="managing users")
            .at_fields(self.fields.at_fields(self.banner, "Not saved."))
            .done(self._submitted)
            .run()
        )

    def _submitted(self, value: Any) -> None:
        self.fields.clear()
        self.result_value = value
        self.accept()

    def error_text(self, name: str) -> str:
        """The message shown at the field `name`, or ""."""
        return self.fields.text(name)


class _Passwords:
    """A new password, typed twice (two rows of the form); what is wrong with it is said beneath."""

    def __init__(self, form: _Form) -> None:
        self.first = PasswordField("New password")
        self.again = PasswordField("New password again")
        form.add_row("New &password", "password", self.first, self.first.edit)
        form.form.addRow("The same a&gain", self.again)

    def value(self) -> str:
        if self.first.text() != self.again.text():
            raise ValidationError({"password": "The two passwords differ."})
        return self.first.text()


class _RoleAndLocalities:
    """A role, and the localities a locality manager or business support
    works in (two rows of the form)."""

    def __init__(
        self,
        form: _Form,
        localities: Sequence[str],
        role: Role = Role.LEAD_PROFESSIONAL,
        chosen: Sequence[str] = (),
    ) -> None:
        self.role = QComboBox(objectName="role")
        self.role.setAccessibleName("Role")
        for each in Role:
            self.role.addItem(ROLE_LABELS[each], each)
        self.role.setCurrentIndex(list(Role).index(role))
        self.boxes = [QCheckBox(name, checked=name in chosen) for name in localities]
        row = QHBoxLayout()
        for box in self.boxes:
            box.setAccessibleName(f"Works in {box.text()}")
            row.addWidget(box)
        row.addStretch(1)
        self.places = QWidget()
        self.places.setAccessibleName("Localities")
        self.places.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        form.add_row("&Role", "role", self.role)
        form.add_row("Localities", "locality", self.places, self.boxes[0] if self.boxes else self.places)
        self.role.currentIndexChanged.connect(self._follow_role)
        self._follow_role()

    def chosen_role(self) -> Role:
        return Role(self.role.currentData())  # Qt hands a StrEnum back as a plain str

    def localities(self) -> tuple[str, ...]:
        if self.chosen_role() not in IN_LOCALITIES:
            return ()
        return tuple(box.text() for box in self.boxes if box.isChecked())

    def _follow_role(self) -> None:
        self.places.setEnabled(self.chosen_role() in IN_LOCALITIES)


class AddUserDialog(_Form):
    def __init__(
        self,
        add: Callable[[NewUser, str | None], Any],
        localities: Sequence[str],
        *,
        needs_password: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Add a user", parent)
        self._add = add
        self.username = QLineEdit(objectName="username")
        self.username.setAccessibleName("Username")
        self.display_name = QLineEdit(objectName="displayName")
        self.display_name.setAccessibleName("Name")
        self.display_name.setPlaceholderText("the professional's name, if left empty")
        self.professional = QLineEdit(objectName="professionalEmail")
        self.professional.setAccessibleName("Professional's email")
        self.professional.setPlaceholderText("their entry in the directory (lead professionals)")
        self.add_row("&Username", "username", self.username)
        self.form.addRow("&Name", self.display_name)
        self.role = _RoleAndLocalities(self, localities)
        self.add_row("Professional's &email", "professional", self.professional)
        self.passwords = _Passwords(self) if needs_password else None
        self.resize(560, 0)

    def submit(self) -> Any:
        new = NewUser(
            self.username.text(),
            self.role.chosen_role(),
            self.display_name.text(),
            self.role.localities(),
            self.professional.text() or None,
        )
        return self._add(new, self.passwords.value() if self.passwords is not None else None)


class PasswordDialog(_Form):
    def __init__(self, username: str, set_password: Callable[[str], Any], parent: QWidget | None = None) -> None:
        super().__init__(f"New password for {username}", parent)
        self._set = set_password
        self.passwords = _Passwords(self)
        self.resize(440, 0)

    def submit(self) -> Any:
        return self._set(self.passwords.value())


class RoleDialog(_Form):
    def __init__(
        self,
        username: str,
        role: Role,
        chosen: Sequence[str],
        localities: Sequence[str],
        change: Callable[[Role, tuple[str, ...]], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(f"Role of {username}", parent)
        self._change = change
        self.role = _RoleAndLocalities(self, localities, role, chosen)
        self.resize(480, 0)

    def submit(self) -> Any:
        return self._change(self.role.chosen_role(), self.role.localities())
