"""The Cases and TAF plans area's screenshots, for scripts/screenshots.py,
taken as lead professionals of the demo council (the main window there is
a manager's): their own cases, most urgent first; a draft plan with what
the SMART check flags (an action just added, with nobody, no date and no
measure yet); and the scores chart of a family with several reviews. The
demo database is the one screenshots.py writes in TAFDESK_HOME."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from settling import settle

from tafdesk.db.location import resolve_url
from tafdesk.db.schema import open_database
from tafdesk.services.passwords import DEMO_PASSWORD
from tafdesk.services.users import UserService
from tafdesk.ui.areas import build_areas
from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.plans import actions_model as am
from tafdesk.ui.plans.loading import CaseRef
from tafdesk.ui.settings import AppSettings

SIZE = (1280, 800)
_windows: dict[str, MainWindow] = {}


def _signed_in(username: str, app: QApplication) -> MainWindow:
    """A main window of the demo council, signed in as username, on the Cases area."""
    if username not in _windows:
        database = open_database(resolve_url(str(Path(os.environ["TAFDESK_HOME"]) / "demo.sqlite")))
        actor = UserService(database).sign_in(username, DEMO_PASSWORD)
        stack, settings = QUndoStack(), AppSettings.open()
        window = MainWindow(
            build_areas(database, actor, stack, settings=settings),
            stack,
            settings,
            database_label="demo.sqlite",
            user_label=f"{actor.name} (Lead professional)",
        )
        stack.setParent(window)
        window.resize(*SIZE)
        window.show()
        _windows[username] = window
    window = _windows[username]
    window.show_area("cases")
    page = window.page("cases")
    settle(app)
    if page.showing_plan():
        page.show_list()
    return window


def _open(window: MainWindow, app: QApplication, wanted) -> None:
    page = window.page("cases")
    row = next(r for r in page.cases.model.rows() if wanted(r))
    page.open_case(CaseRef(row.case_id, row.case_reference, row.family_name))
    settle(app)


def my_cases(_window: MainWindow, app: QApplication) -> QWidget:
    """A lead professional's cases: overdue reviews and actions first, in red."""
    window = _signed_in("lead.north1", app)
    page = window.page("cases")
    page.cases.table.selectRow(0)
    page.cases.table.setFocus()
    settle(app)
    return window


def plan_editor(_window: MainWindow, app: QApplication) -> QWidget:
    """A draft being written: an action just added, flagged until it has an owner, a date and a measure."""
    window = _signed_in("lead.north2", app)
    _open(window, app, lambda r: r.plan_status is not None and r.plan_status.value == "draft")
    workspace = window.page("cases").workspace
    editor = workspace.editor
    workspace.tabs.setCurrentWidget(editor.actions)
    editor.actions.table.selectRow(editor.actions_model.rowCount() - 1)
    editor.add_action()
    QTest.keyClicks(QApplication.focusWidget(), "Weekly phone call with Ayodele to talk through the week")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    settle(app, 600)  # saved, too
    row = editor.actions_model.rowCount() - 1
    editor.actions.table.setCurrentIndex(editor.actions_model.index(row, am.COL_OWNER))
    settle(app)
    return window


def plan_review(_window: MainWindow, app: QApplication) -> QWidget:
    """Distance travelled: the scores of a family with several reviews."""
    window = _signed_in("lead.north1", app)
    page = window.page("cases")
    versions = max(r.plan_version or 0 for r in page.cases.model.rows())
    _open(window, app, lambda r: r.plan_version == versions)
    workspace = page.workspace
    workspace.tabs.setCurrentWidget(workspace.reviews)
    settle(app, 400)
    for window in _windows.values():  # the last of these shots: the lead's windows close
        if window is not _windows["lead.north1"]:
            window.close()
    return _windows["lead.north1"]
