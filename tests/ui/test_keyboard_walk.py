"""Every page of the window, for each of the four roles, from the keyboard
and to a screen reader (issue 15: WCAG 2.2 AA): Tab from the first control
reaches every control once and comes back, no table or editor keeps Tab,
the order follows what is seen, every focusable control has a name, no
label's name hides what it says, and every Tab stop shows its focus at 3:1
(tests/ui/keyboard_walk.py says how each is checked)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from keyboard_walk import keyboard_problems
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import func, select
from test_screens import council  # noqa: F401 (the demo council, shared with the screen tests)

from tafdesk.models import Case, PlanStatus, TafPlan, User
from tafdesk.services.users import UserService
from tafdesk.ui.areas import build_areas
from tafdesk.ui.labels import ROLE_LABELS
from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.plans.loading import CaseRef
from tafdesk.ui.settings import AppSettings
from tafdesk.ui.theme import apply_theme

ROLES = {
    "manager": "manager.north",
    "lead professional": "lead.north1",
    "business support": "support1",
    "administrator": "admin",
}
LEAD = ROLES["lead professional"]
LAPTOP = (0, 0, 1366, 728)
TIMEOUT = 15_000

Scene = tuple[str, QWidget]  # what is being shown, and the window to walk


def give_the_lead_a_plan(db) -> None:
    """The demo's lead professionals need not lead a case whose plan is agreed
    (which of them does differs between the databases): make the lead the lead
    of the family whose plan has the most versions, the newest agreed, so that
    their Cases area has an agreed plan (and its letters) to walk."""
    with db.session() as s:
        newest = (
            select(TafPlan.case_id, func.max(TafPlan.plan_version).label("version"))
            .group_by(TafPlan.case_id)
            .subquery()
        )
        agreed = (
            select(TafPlan.case_id)
            .join(newest, (newest.c.case_id == TafPlan.case_id) & (newest.c.version == TafPlan.plan_version))
            .where(TafPlan.status == PlanStatus.AGREED)
        )
        lead = s.scalars(select(User.professional_id).where(User.username == LEAD)).one()
        if s.scalar(select(Case.id).where(Case.lead_professional_id == lead, Case.id.in_(agreed)).limit(1)):
            return
        case_id = s.scalars(
            select(TafPlan.case_id)
            .where(TafPlan.case_id.in_(agreed))
            .group_by(TafPlan.case_id)
            .order_by(func.count().desc(), TafPlan.case_id)
        ).first()
        s.get(Case, case_id).lead_professional_id = lead


def open_window(qtbot, db, username: str) -> MainWindow:
    apply_theme(QApplication.instance())
    actor = UserService(db).sign_in(username, "demo")
    settings = AppSettings.open()
    window = MainWindow(
        build_areas(db, actor, settings=settings),
        settings,
        database_label=db.describe(),
        user_label=f"{actor.name} ({ROLE_LABELS[actor.role]})",
    )
    qtbot.addWidget(window)
    window.setGeometry(*LAPTOP)
    window.show()
    qtbot.waitExposed(window)
    return window


def _loaded(qtbot, page: QWidget) -> None:
    qtbot.waitUntil(lambda: getattr(page, "is_loaded", True), timeout=TIMEOUT)


def _intake(qtbot, window: MainWindow, page, council) -> Iterator[Scene]:  # noqa: F811
    yield "the queue", window
    if page.model.rowCount():
        page.table.select_row(0)
        qtbot.waitUntil(lambda: page.detail.summary is not None, timeout=TIMEOUT)
        yield "a profile chosen", window


def _meetings(qtbot, window: MainWindow, page, council) -> Iterator[Scene]:  # noqa: F811
    yield "the list", window
    page.choose_meeting(council.north_meeting)  # its attendance taken
    qtbot.waitUntil(lambda: page.session is not None and page.session.view is not None, timeout=TIMEOUT)
    for tab in range(page.ui.tabs.count()):
        page.ui.tabs.setCurrentIndex(tab)
        yield f"a meeting, {page.ui.tabs.tabText(tab)!r}", window
    if page.ui.start_button.isEnabled():
        page.start_meeting()
        mode = page.meeting_mode
        qtbot.waitUntil(lambda: mode.populated() and page.session.allocation is not None, timeout=TIMEOUT)
        yield "meeting mode", mode
        mode.leave()


def _cases(qtbot, window: MainWindow, page, council) -> Iterator[Scene]:  # noqa: F811
    yield "the list", window
    rows = page.cases.model.rows()
    row = next((r for r in rows if r.plan_status is PlanStatus.DRAFT), rows[0] if rows else None)
    if row is None:
        return
    with qtbot.waitSignal(page.workspace.shown, timeout=TIMEOUT):
        page.open_case(CaseRef(row.case_id, row.case_reference, row.family_name))
    tabs = page.workspace.tabs
    for tab in range(tabs.count()):
        tabs.setCurrentIndex(tab)
        yield f"a plan, {tabs.tabText(tab)!r}", window
    page.show_list()


def _documents(qtbot, window: MainWindow, page, council) -> Iterator[Scene]:  # noqa: F811
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 or page.is_loaded, timeout=TIMEOUT)
    if page.model.rowCount():
        page.select_row(0)
    yield "the register", window


def _directory(qtbot, window: MainWindow, page, council) -> Iterator[Scene]:  # noqa: F811
    for tab in (page.professionals, page.agencies):
        page.tabs.setCurrentWidget(tab)
        tab.panel.table.selectRow(0)
        yield f"{page.tabs.tabText(page.tabs.currentIndex())}, one chosen", window


def _users(qtbot, window: MainWindow, page, council) -> Iterator[Scene]:  # noqa: F811
    qtbot.waitUntil(lambda: page.table.model().rowCount() > 0, timeout=TIMEOUT)
    page.table.selectRow(0)
    yield "the users", window


SCENES: dict[str, Callable[..., Iterator[Scene]]] = {
    "intake": _intake,
    "meetings": _meetings,
    "cases": _cases,
    "documents": _documents,
    "directory": _directory,
    "users": _users,
}


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_works_from_the_keyboard_and_to_a_screen_reader(qtbot, council, role):  # noqa: F811
    give_the_lead_a_plan(council.db)
    window = open_window(qtbot, council.db, ROLES[role])
    found: dict[str, list[str]] = {}
    for area in window.area_keys:
        window.show_area(area)
        page = window.page(area)
        _loaded(qtbot, page)
        scenes = SCENES[area](qtbot, window, page, council) if area in SCENES and hasattr(page, "is_loaded") else None
        for scene, shown in scenes or [("the page", window)]:
            shown.activateWindow()
            qtbot.waitUntil(lambda shown=shown: shown.isActiveWindow(), timeout=TIMEOUT)
            found[f"{area}, {scene}"] = keyboard_problems(shown)
    assert not any(found.values()), "\n".join(
        f"{where}:\n  " + "\n  ".join(problems) for where, problems in found.items() if problems
    )


def test_tab_leaves_a_table_and_the_arrows_move_in_it(qtbot, council):  # noqa: F811
    window = open_window(qtbot, council.db, ROLES["manager"])
    window.show_area("directory")
    page = window.page("directory")
    _loaded(qtbot, page)
    table = page.professionals.panel.table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert (table.currentIndex().row(), table.currentIndex().column()) == (1, 1)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is page.professionals.panel.active_only
