"""The first-run wizard: shown when no database is configured (no --db, no
TAFDESK_DB, none chosen before, no file in the usual place). What it does is
services/first_run.py's; here are only the pages that ask."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from tafdesk.db.errors import StorageError
from tafdesk.services import first_run
from tafdesk.services.demo_mark import WORDS as DEMO_WORDS
from tafdesk.services.errors import ServiceError, ValidationError
from tafdesk.services.letterhead import LetterheadSettings
from tafdesk.services.passwords import check_new_password
from tafdesk.ui.icons import icon
from tafdesk.ui.password_field import PasswordField
from tafdesk.ui.settings import AppSettings
from tafdesk.ui.window_fit import resize_within_screen

W = TypeVar("W", bound=QWidget)


def _field(edit: W, name: str) -> W:
    edit.setAccessibleName(name)
    return edit


def _hint(text: str) -> QLabel:
    label = QLabel(text, objectName="hint", wordWrap=True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class OrganisationPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Your organisation")
        self.setSubTitle("Letters, minutes and plans carry this letterhead. An administrator can change it later.")
        self.organisation = _field(QLineEdit(objectName="organisation"), "Organisation name")
        self.department = _field(QLineEdit("Early Help Service", objectName="department"), "Department")
        self.address = _field(QPlainTextEdit(objectName="address"), "Address, one line each")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(80)
        self.phone = _field(QLineEdit(objectName="phone"), "Telephone")
        self.email = _field(QLineEdit(objectName="email"), "Email")
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)  # the rows stay together at the top, however tall the window
        form.addRow("&Organisation name", self.organisation)
        form.addRow("&Department", self.department)
        form.addRow("&Address", self.address)
        form.addRow("&Telephone", self.phone)
        form.addRow("&Email", self.email)
        self.registerField("organisation*", self.organisation)

    def letterhead(self) -> LetterheadSettings:
        return LetterheadSettings(
            organisation=self.organisation.text(),
            department=self.department.text(),
            address=tuple(self.address.toPlainText().splitlines()),
            phone=self.phone.text(),
            email=self.email.text(),
        )


class DatabasePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Where tafdesk keeps its records")
        self.setSubTitle("On this computer for one user at a time, or on your council's shared server.")
        usual, _demo = first_run.default_locations()
        self.embedded = QRadioButton("&On this computer (an embedded database file)", objectName="embedded")
        self.server = QRadioButton("On a &shared server (PostgreSQL)", objectName="server")
        self.embedded.setChecked(True)
        choice = QButtonGroup(self)
        choice.addButton(self.embedded)
        choice.addButton(self.server)
        self.path = _field(QLineEdit(str(usual), objectName="databasePath"), "Database file")
        browse = QPushButton("&Browse…", objectName="browseDatabase")
        browse.setAccessibleName("Browse… for the database file")
        browse.clicked.connect(self._browse)
        self.url = _field(QLineEdit(objectName="serverUrl"), "Server address")
        self.url.setPlaceholderText("postgresql://server.council.example/tafdesk?sslmode=verify-full")
        self.test_button = QPushButton("&Test the connection", objectName="testServer")
        self.test_result = QLabel(objectName="serverResult", wordWrap=True)
        self.test_result.setAccessibleName("Connection test result")
        self.tested: str | None = None  # the URL that answered
        layout = QVBoxLayout(self)
        layout.addWidget(self.embedded)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        layout.addWidget(_hint("tafdesk copies this file every day it is opened and keeps the last 14 copies."))
        layout.addSpacing(12)
        layout.addWidget(self.server)
        layout.addWidget(self.url)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        layout.addLayout(test_row)
        layout.addWidget(self.test_result)
        layout.addWidget(
            _hint(
                "The server's owner account creates the schema. Ask for the server's TLS settings "
                "(sslmode=verify-full and sslrootcert=…) to be part of the address."
            )
        )
        layout.addStretch(1)
        self.test_button.clicked.connect(self.test_server)
        for signal in (self.embedded.toggled, self.url.textChanged, self.path.textChanged):
            signal.connect(self._changed)
        self._changed()

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Database file", self.path.text(), "tafdesk database (*.sqlite)")
        if chosen:
            self.path.setText(chosen)

    def _changed(self) -> None:
        on_server = self.server.isChecked()
        self.url.setEnabled(on_server)
        self.test_button.setEnabled(on_server and bool(self.url.text().strip()))
        self.path.setEnabled(not on_server)
        if self.tested != self.url.text().strip():
            self.tested = None
            self.test_result.clear()
        self.completeChanged.emit()

    def test_server(self) -> None:
        address = self.url.text().strip()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            said = first_run.try_server(address)
            self.tested = address
        except (StorageError, ServiceError) as exc:
            said, self.tested = str(exc), None
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.test_result.setText(said)
        self.test_result.setProperty("error", self.tested is None)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        if self.server.isChecked():
            return self.tested is not None
        return bool(self.path.text().strip())

    def location(self) -> str:
        return self.tested or "" if self.server.isChecked() else self.path.text().strip()


class AdministratorPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("The first administrator")
        self.setSubTitle(
            "They add everyone else's accounts. A database with users already cannot be given another this way."
        )
        self.username = _field(QLineEdit(objectName="adminUsername"), "Username")
        self.name = _field(QLineEdit(objectName="adminName"), "Full name")
        self.password = PasswordField()
        self.password.edit.setAccessibleName("Password")
        self.again = PasswordField()
        self.again.edit.setAccessibleName("Password again")
        self.problem = QLabel(objectName="formError", wordWrap=True)
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        form.addRow("&Username", self.username)
        form.addRow("&Full name", self.name)
        form.addRow("&Password", self.password)
        form.addRow("Password &again", self.again)
        form.addRow(self.problem)
        form.addRow(_hint("On a shared server the username is also their database login."))
        self.registerField("adminUsername*", self.username)
        self.registerField("adminName*", self.name)

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        try:
            check_new_password(self.password.text())
        except ValidationError as exc:
            self.problem.setText(" ".join(exc.fields.values()))
            return False
        if self.password.text() != self.again.text():
            self.problem.setText("The two passwords are not the same.")
            return False
        self.problem.clear()
        return True


class DemoPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("A demo council for training")
        self.setSubTitle("Practise on invented families before using tafdesk for real ones.")
        _usual, demo = first_run.default_locations()
        self.wanted = QCheckBox("&Also make the demo council, in a separate database", objectName="wantDemo")
        self.path = _field(QLineEdit(str(demo), objectName="demoPath"), "Demo database file")
        layout = QVBoxLayout(self)
        layout.addWidget(self.wanted)
        layout.addWidget(self.path)
        layout.addWidget(
            _hint(
                f"Every window and document on it is marked “{DEMO_WORDS}”. Its users all have the password "
                "“demo”. Open it with: tafdesk --db followed by the file above."
            )
        )
        layout.addStretch(1)
        self.wanted.toggled.connect(self.path.setEnabled)
        self.path.setEnabled(False)

    def location(self) -> str | None:
        return self.path.text().strip() if self.wanted.isChecked() else None


class FirstRunWizard(QWizard):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunWizard")
        self.setWindowTitle("Set up tafdesk")
        self.setWindowIcon(icon("tafdesk"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.organisation_page = OrganisationPage()
        self.database_page = DatabasePage()
        self.administrator_page = AdministratorPage()
        self.demo_page = DemoPage()
        for page in (self.organisation_page, self.database_page, self.administrator_page, self.demo_page):
            self.addPage(page)
        self.done_with: first_run.SetUp | None = None
        self.problem = QLabel(objectName="formError", wordWrap=True)
        demo_layout = self.demo_page.layout()
        assert demo_layout is not None
        demo_layout.addWidget(self.problem)
        resize_within_screen(self, 720, 560)

    def choices(self) -> first_run.FirstRun:
        admin = self.administrator_page
        return first_run.FirstRun(
            location=self.database_page.location(),
            letterhead=self.organisation_page.letterhead(),
            admin_username=admin.username.text(),
            admin_name=admin.name.text(),
            admin_password=admin.password.text(),
            demo_location=self.demo_page.location(),
        )

    def accept(self) -> None:
        """Set up now; a problem keeps the wizard open, saying what it was."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.done_with = first_run.set_up(self.choices())
        except (StorageError, ServiceError) as exc:
            self.problem.setText(str(exc))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        super().accept()


def run_first_run(settings: AppSettings) -> str | None:
    """Show the wizard; the database location set up, remembered, or None if cancelled."""
    from tafdesk.ui.qt_app import qt_application
    from tafdesk.ui.theme import apply_stylesheet

    apply_stylesheet(qt_application())
    wizard = FirstRunWizard()
    if wizard.exec() != QWizard.DialogCode.Accepted or wizard.done_with is None:
        return None
    location = wizard.choices().location
    settings.database = location
    settings.sync()
    return location
