"""Every main page at the common council laptop's 1366×768 and a 1080p
projector's 1920×1080, on a small demo council: no label, button, tab, drop-
down or column heading is cut short (measured against its size hint and its
words against its font), nothing is cut at an edge, no word is broken in a
text pane, every table shows a few rows, no form scrolls sideways, a long
message wraps rather than widening the window, and the window's smallest
size fits the screen (above a taskbar, inside the system's frame).
test_large_text.py does the same at twice the size."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QApplication, QWidget
from screen_check import cramped
from sqlalchemy import select

from tafdesk.db import Database
from tafdesk.demo import generate
from tafdesk.models import (
    AttendanceStatus,
    DocumentFormat,
    DocumentType,
    MeetingStatus,
    PlanStatus,
    SendMethod,
    TafPlan,
)
from tafdesk.services.documents import DocumentService
from tafdesk.services.meetings import MeetingService
from tafdesk.services.users import UserService
from tafdesk.ui.areas import build_areas
from tafdesk.ui.labels import ROLE_LABELS
from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.meetings.mode_layout import TAB_DECISION, TAB_MINUTES
from tafdesk.ui.plans.autosave import SaveState
from tafdesk.ui.plans.loading import CaseRef
from tafdesk.ui.settings import AppSettings
from tafdesk.ui.theme import apply_theme
from tafdesk.ui.window_fit import FRAME
from tests.conftest import database_for_a_scope

SCREENS = {  # each screen's area above a 40-pixel taskbar
    "1366x768": QRect(0, 0, 1366, 728),
    "1920x1080": QRect(0, 0, 1920, 1040),
}
FULL = {"1366x768": QSize(1366, 768), "1920x1080": QSize(1920, 1080)}  # meeting mode: the whole screen
MANAGER = "manager.north"
LONG = (
    "This change was not saved: someone else changed the record while you were editing it. Their version is "
    "shown; what you typed is kept. The file /home/business.support/Documents/Early help inbox/2026/"
    "ESAT-2026-00503-amended-profile.json was not read. "
) * 2
TIMEOUT = 15_000


@dataclass(frozen=True)
class Council:
    db: Database
    north_meeting: uuid.UUID  # the next North meeting, its attendance taken


@pytest.fixture(scope="module")
def council(tmp_path_factory, pg_template_name) -> Council:
    """A demo council of 60 families as of today, with the next North
    meeting's attendance taken and a few documents in the register."""
    with database_for_a_scope(tmp_path_factory, pg_template_name) as db:
        generate(db, families=60, seed=1, today=dt.date.today())
        manager = UserService(db).sign_in(MANAGER, "demo")
        meetings = MeetingService(db, manager)
        north = next(m for m in meetings.meetings() if m.locality == "North" and m.status is MeetingStatus.PLANNED)
        for row in meetings.meeting(north.id).attendance:
            meetings.record_attendance(north.id, row.agency_id, AttendanceStatus.PRESENT, "Sam Okoro")
        documents = DocumentService(db, manager)
        closed = max(documents.closed_meetings(limit=6), key=lambda m: m.decisions)
        folder = tmp_path_factory.mktemp("documents")
        for edition in (DocumentType.MINUTES_FULL, DocumentType.MINUTES_CIRCULATION):
            made = documents.produce_minutes(closed.id, edition, DocumentFormat.PDF, folder / f"{edition.value}.pdf")
        documents.mark_sent(made.id, SendMethod.POST)  # the Sent column at its longest
        with db.reader() as s:
            case_id = s.scalars(select(TafPlan.case_id).limit(1)).first()
        documents.produce_plan(case_id, DocumentFormat.PDF, folder / "plan.pdf")
        yield Council(db, north.id)


@pytest.fixture(params=list(SCREENS))
def screen(request) -> str:
    return request.param


def _window(qtbot, council: Council, screen: str, area: str) -> MainWindow:
    apply_theme(QApplication.instance())
    db = council.db
    actor = UserService(db).sign_in(MANAGER, "demo")
    settings = AppSettings.open()
    window = MainWindow(
        build_areas(db, actor, settings=settings),
        settings,
        database_label=db.describe(),
        user_label=f"{actor.name} ({ROLE_LABELS[actor.role]})",
    )
    qtbot.addWidget(window)
    window.setGeometry(SCREENS[screen].marginsRemoved(FRAME))  # as large as the screen allows
    window.show()
    window.show_area(area)
    return window


def _whole(qtbot, window: QWidget, screen: str) -> None:
    """Nothing cut short, and the window no smaller than it can be on this screen."""
    _settled(qtbot, window)
    room = SCREENS[screen].marginsRemoved(FRAME).size()
    least = window.minimumSizeHint()
    assert least.width() <= room.width() and least.height() <= room.height(), f"needs {least} on {screen}"
    assert window.size() == room, "the window grew past the screen"


def _settled(qtbot, window: QWidget) -> None:
    """Nothing cut short once the layouts have taken in the last change
    (a wrapped label's new height takes them a few turns)."""
    try:
        qtbot.waitUntil(lambda: not cramped(window), timeout=2_000)
    except qtbot.TimeoutError:
        pass
    cut = cramped(window)
    assert not cut, "\n".join(cut)


def _with_message(qtbot, window: QWidget, screen: str, say: Callable[[str], None]) -> None:
    say(LONG)
    _whole(qtbot, window, screen)


def test_intake(qtbot, council, screen):
    window = _window(qtbot, council, screen, "intake")
    page = window.page("intake")
    qtbot.waitUntil(lambda: page.is_loaded, timeout=TIMEOUT)
    page.table.select_row(0)
    qtbot.waitUntil(lambda: page.detail.summary is not None, timeout=TIMEOUT)
    _whole(qtbot, window, screen)
    page.inbox_label.setText(
        "Inbox: 10:32 – 3 profiles imported from 2 files; 1 already imported; 1 amended "
        "profile to take or reject; 1 file rejected (see the rejected folder)."
    )
    page.inbox_label.show()
    _with_message(qtbot, window, screen, lambda text: page.say(text, error=True))


def _meeting(qtbot, window: MainWindow, council: Council):
    page = window.page("meetings")
    qtbot.waitUntil(lambda: page.is_loaded, timeout=TIMEOUT)
    page.choose_meeting(council.north_meeting)
    qtbot.waitUntil(
        lambda: page.session is not None and page.session.view is not None and page.session.minutes is not None,
        timeout=TIMEOUT,
    )
    return page


def test_meetings(qtbot, council, screen):
    window = _window(qtbot, council, screen, "meetings")
    page = _meeting(qtbot, window, council)
    for tab in range(page.ui.tabs.count()):
        page.ui.tabs.setCurrentIndex(tab)
        _whole(qtbot, window, screen)
    _with_message(qtbot, window, screen, lambda text: page.ui.notice(text, error=True))


def test_meeting_mode(qtbot, council, screen):
    window = _window(qtbot, council, screen, "meetings")
    page = _meeting(qtbot, window, council)
    page.start_meeting()
    mode = page.meeting_mode
    qtbot.waitUntil(lambda: mode.populated() and page.session.allocation is not None, timeout=TIMEOUT)
    mode.showNormal()
    mode.resize(FULL[screen])
    qtbot.waitUntil(lambda: mode.size() == FULL[screen], timeout=5_000)
    for tab in range(TAB_DECISION, TAB_MINUTES + 1):
        mode.show_tab(tab)
        _settled(qtbot, mode)
    assert mode.minimumSizeHint().width() <= FULL[screen].width()
    mode.show_tab(TAB_DECISION)
    mode.notify(LONG, error=True)
    _settled(qtbot, mode)
    assert mode.size() == FULL[screen]
    mode.leave()


def test_cases_and_a_plan(qtbot, council, screen):
    window = _window(qtbot, council, screen, "cases")
    page = window.page("cases")
    qtbot.waitUntil(lambda: page.is_loaded, timeout=TIMEOUT)
    _whole(qtbot, window, screen)
    row = next(r for r in page.cases.model.rows() if r.plan_status is PlanStatus.DRAFT)  # one the manager may edit
    with qtbot.waitSignal(page.workspace.shown, timeout=TIMEOUT):
        page.open_case(CaseRef(row.case_id, row.case_reference, row.family_name))
    workspace = page.workspace
    for tab in range(workspace.tabs.count()):
        workspace.tabs.setCurrentIndex(tab)
        _whole(qtbot, window, screen)
    saver = workspace.editor.autosaver  # how saving the draft went, however long that is to say
    _with_message(qtbot, window, screen, lambda text: saver.state_changed.emit(SaveState.REFUSED, text))
    page.show_list()


def test_documents(qtbot, council, screen):
    window = _window(qtbot, council, screen, "documents")
    page = window.page("documents")
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=TIMEOUT)
    page.select_row(0)
    _whole(qtbot, window, screen)


def test_directory(qtbot, council, screen):
    window = _window(qtbot, council, screen, "directory")
    page = window.page("directory")
    qtbot.waitUntil(lambda: page.is_loaded, timeout=TIMEOUT)
    for tab in (page.professionals, page.agencies):
        page.tabs.setCurrentWidget(tab)
        tab.panel.table.selectRow(0)
        _whole(qtbot, window, screen)
    form = page.agencies.form
    _with_message(qtbot, window, screen, lambda text: (form.form_error.setText(text), form.form_error.show()))
