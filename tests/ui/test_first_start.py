"""The first start through the real start-up path (run_gui, as `tafdesk`
runs it): with nothing configured the wizard appears; filled in, the app
opens the sign-in, the first administrator signs in, and the next start
goes straight to the sign-in. Also the wizard's server branch, against the
local PostgreSQL server."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QWizard
from startup_helpers import sign_in, steps_at_start
from test_first_run_wizard import _shot

from tafdesk.db import Database
from tafdesk.paths import default_database_path
from tafdesk.services.letterhead import LetterheadService
from tafdesk.services.users import UserService
from tafdesk.ui.app import run_gui
from tafdesk.ui.first_run import FirstRunWizard
from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.settings import AppSettings
from tafdesk.ui.sign_in import SignInDialog
from tests.conftest import db_argument

PASSWORD = "correct horse battery"


def fill_in(username: str, *, server: str | None = None, seen: dict | None = None):
    """What a person types into the wizard, page by page, then Finish."""

    def act(wizard: FirstRunWizard) -> None:
        wizard.organisation_page.organisation.setText("Northshire County Council")
        wizard.organisation_page.address.setPlainText("County Hall\nNS1 1AA")
        wizard.next()
        page = wizard.database_page
        if server is not None:
            page.server.setChecked(True)
            page.url.setText(server)
            page.test_button.click()
            _wait_until(lambda: page.isComplete())
            if seen is not None:
                seen["test result"] = page.test_result.text()
            _shot(wizard, "first-run-2-server-tested")
        elif seen is not None:
            seen["file"] = page.path.text()
        wizard.next()
        admin = wizard.administrator_page
        admin.username.setText(username)
        admin.name.setText("Ada Admin")
        admin.password.edit.setText(PASSWORD)
        admin.again.edit.setText(PASSWORD)
        wizard.next()
        assert wizard.currentPage() is wizard.demo_page
        wizard.button(QWizard.WizardButton.FinishButton).click()

    return act


def _wait_until(condition, timeout_s: float = 20) -> None:
    import time

    from PySide6.QtCore import QCoreApplication

    ends = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < ends, "waited too long"
        QCoreApplication.processEvents()
        time.sleep(0.02)


def close(window: MainWindow) -> None:
    window.close()


def test_a_first_start_sets_up_signs_in_and_is_remembered(qapp, messages):
    seen: dict = {}
    windows: list[MainWindow] = []
    steps = [
        (FirstRunWizard, fill_in("ada", seen=seen)),
        (SignInDialog, sign_in("ada", PASSWORD)),
        (MainWindow, lambda window: (windows.append(window), window.close())),
    ]
    with steps_at_start(qapp, steps):
        assert run_gui() == 0
    assert messages == []
    usual = default_database_path()
    assert seen["file"] == str(usual) and usual.is_file()  # the wizard offered the usual place, in TAFDESK_HOME
    settings = AppSettings.open()
    assert settings.database == str(usual) and settings.last_user == "ada"
    database = Database(str(usual))
    try:
        assert UserService(database).sign_in("ada", PASSWORD).role.value == "admin"
    finally:
        database.dispose()
    # The next start remembers the database: straight to the sign-in, with the username filled in.
    offered: list[str] = []
    again = [
        (SignInDialog, lambda dialog: (offered.append(dialog.username.text()), sign_in("ada", PASSWORD)(dialog))),
        (MainWindow, close),
    ]
    with steps_at_start(qapp, again) as shown:
        assert run_gui() == 0
    assert offered == ["ada"] and not any(isinstance(w, FirstRunWizard) for w in shown)


def test_cancelling_the_wizard_ends_quietly_and_remembers_nothing(qapp, messages):
    with steps_at_start(qapp, [(FirstRunWizard, lambda wizard: wizard.reject())]):
        assert run_gui() == 0
    assert messages == [] and AppSettings.open().database == ""
    assert not default_database_path().exists()


def test_the_server_branch_tests_the_server_says_tls_and_signs_in_there(qapp, messages, pg_url):
    address = db_argument(Database(pg_url))
    username = f"ada{uuid.uuid4().hex[:8]}"  # a server login is cluster-wide: one of this test's own
    seen: dict = {}
    windows: list[MainWindow] = []
    steps = [
        (FirstRunWizard, fill_in(username, server=address, seen=seen)),
        (SignInDialog, sign_in(username, PASSWORD)),
        (MainWindow, lambda window: (windows.append(window.windowTitle()), window.close())),
    ]
    with steps_at_start(qapp, steps):
        assert run_gui() == 0
    assert messages == []
    said = seen["test result"]
    assert said.startswith("Connected to PostgreSQL") and ("NOT encrypted" in said or "encrypted (TLS" in said)
    settings = AppSettings.open()
    assert settings.database == address and settings.last_user == username
    database = Database(address)
    try:
        from tafdesk.services.actor import SYSTEM

        assert LetterheadService(database, SYSTEM).letterhead().organisation == "Northshire County Council"
        assert UserService(database).has_users()
    finally:
        database.dispose()
