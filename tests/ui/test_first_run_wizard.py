"""The first-run wizard, driven as a person would, and each page looked at
at 1366x768 (PNGs in TAFDESK_SHOTS when set)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QWizard

from tafdesk.db import Database
from tafdesk.services.demo_mark import is_demo
from tafdesk.services.users import UserService
from tafdesk.ui.demo_mark import demo_band
from tafdesk.ui.first_run import FirstRunWizard
from tafdesk.ui.settings import AppSettings
from tafdesk.ui.sign_in import SignInDialog

PASSWORD = "correct horse battery"


def _shot(widget, name: str) -> None:
    folder = os.environ.get("TAFDESK_SHOTS")
    if folder:
        from tafdesk.ui.qt_app import qt_application
        from tafdesk.ui.theme import apply_stylesheet

        apply_stylesheet(qt_application())
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def test_the_wizard_sets_up_a_database_and_remembers_it(qtbot, tmp_path):
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.resize(1366, 768)
    wizard.show()
    org = wizard.organisation_page
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # the organisation's name is needed
    org.organisation.setText("Northshire County Council")
    org.address.setPlainText("County Hall\nNS1 1AA")
    _shot(wizard, "first-run-1-organisation")
    wizard.next()
    page = wizard.database_page
    page.path.setText(str(tmp_path / "tafdesk.sqlite"))
    page.server.setChecked(True)
    assert not page.isComplete()  # a server must answer the test first
    page.url.setText("postgresql+psycopg://nobody@127.0.0.1:9/none")
    page.test_server()
    assert page.test_result.text().startswith("Testing the connection") and not page.test_button.isEnabled()
    qtbot.waitUntil(lambda: "Cannot reach" in page.test_result.text(), timeout=15_000)
    assert not page.isComplete() and page.test_button.isEnabled()
    _shot(wizard, "first-run-2-database")
    page.embedded.setChecked(True)
    assert page.isComplete()
    wizard.next()
    admin = wizard.administrator_page
    admin.username.setText("ada")
    admin.name.setText("Ada Admin")
    admin.password.edit.setText("short")
    admin.again.edit.setText("short")
    wizard.next()
    assert wizard.currentPage() is admin and "characters" in admin.problem.text()
    admin.password.edit.setText(PASSWORD)
    admin.again.edit.setText(PASSWORD)
    _shot(wizard, "first-run-3-administrator")
    wizard.next()
    assert wizard.currentPage() is wizard.demo_page
    _shot(wizard, "first-run-4-demo")
    wizard.accept()
    qtbot.waitUntil(lambda: wizard.done_with is not None, timeout=30_000)
    assert wizard.done_with.administrator == "ada" and wizard.result() == QWizard.DialogCode.Accepted
    database = Database(str(tmp_path / "tafdesk.sqlite"))
    try:
        assert UserService(database).sign_in("ada", PASSWORD).name == "Ada Admin"
        assert not is_demo(database)
    finally:
        database.dispose()


def test_a_database_with_users_keeps_the_wizard_open_saying_why(qtbot, tmp_path):
    from tafdesk.services.first_run import FirstRun, set_up
    from tafdesk.services.letterhead import LetterheadSettings

    path = str(tmp_path / "tafdesk.sqlite")
    set_up(FirstRun(path, LetterheadSettings("Org"), "first", "First", PASSWORD))
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.organisation_page.organisation.setText("Org")
    wizard.database_page.path.setText(path)
    wizard.administrator_page.username.setText("second")
    wizard.administrator_page.password.edit.setText(PASSWORD)
    wizard.accept()
    qtbot.waitUntil(lambda: "has users already" in wizard.problem.text(), timeout=30_000)
    assert wizard.done_with is None and not wizard.busy
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()


def _to_the_last_page(wizard: FirstRunWizard, folder: Path) -> None:
    wizard.organisation_page.organisation.setText("Northshire County Council")
    wizard.next()
    wizard.database_page.path.setText(str(folder / "tafdesk.sqlite"))
    wizard.next()
    admin = wizard.administrator_page
    admin.username.setText("ada")
    admin.name.setText("Ada Admin")
    admin.password.edit.setText(PASSWORD)
    admin.again.edit.setText(PASSWORD)
    wizard.next()
    wizard.demo_page.wanted.setChecked(True)
    wizard.demo_page.path.setText(str(folder / "demo.sqlite"))


def test_the_demo_is_made_off_the_interface_thread_with_progress(qtbot, tmp_path):
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.resize(1366, 768)
    wizard.show()
    _to_the_last_page(wizard, tmp_path)
    page = wizard.demo_page
    seen: list[int] = []
    page.progress.valueChanged.connect(seen.append)
    wizard.accept()
    assert wizard.busy and page.stop_button.isVisible()  # accept returned at once: the work is elsewhere
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    wizard.reject()  # Escape does not walk away from it half done
    assert wizard.isVisible()
    qtbot.waitUntil(lambda: page.status.text().startswith("Making the demo"), timeout=30_000)
    _shot(wizard, "first-run-5-making-the-demo")
    qtbot.waitUntil(lambda: wizard.done_with is not None, timeout=120_000)
    assert wizard.done_with.demo == str(tmp_path / "demo.sqlite") and not wizard.done_with.demo_stopped
    assert seen == sorted(seen) and seen[-1] == 100
    database = Database(str(tmp_path / "demo.sqlite"))
    try:
        assert is_demo(database)
    finally:
        database.dispose()


def test_stopping_the_demo_keeps_the_database_and_leaves_no_demo_file(qtbot, tmp_path):
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    _to_the_last_page(wizard, tmp_path)
    page = wizard.demo_page
    wizard.accept()
    qtbot.waitUntil(lambda: page.status.text().startswith("Making the demo"), timeout=30_000)
    page.stop_button.click()
    qtbot.waitUntil(lambda: wizard.done_with is not None, timeout=60_000)
    assert wizard.done_with.demo is None and wizard.done_with.demo_stopped
    assert (tmp_path / "tafdesk.sqlite").is_file() and not (tmp_path / "demo.sqlite").exists()


def test_a_demo_is_marked_on_the_sign_in_dialog(qtbot):
    dialog = SignInDialog(lambda _u, _p: None, "/tmp/demo.sqlite", demo=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "DEMO" in dialog.windowTitle()
    band = dialog.findChild(QLabel, "demoBand")
    assert band is not None and band.isVisible() and "invented" in band.text()
    _shot(dialog, "sign-in-demo")
    assert demo_band().accessibleName().startswith("DEMO")


@pytest.mark.parametrize("demo", [True, False])
def test_the_main_window_says_demo_in_its_title_band_and_status(qtbot, demo):
    from tafdesk.ui.areas import Area
    from tafdesk.ui.main_window import MainWindow

    areas = [Area("meetings", "Meetings", "meetings", lambda: QLabel("page"))]
    window = MainWindow(areas, AppSettings.open(), database_label="x.sqlite", user_label="Ada", demo=demo)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    assert ("DEMO" in window.windowTitle()) is demo
    assert (window.findChild(QLabel, "demoBand") is not None) is demo
    if demo:
        _shot(window, "main-window-demo")
