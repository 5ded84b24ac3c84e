"""What the meeting interface tests share (imported by name: tests/ui is on
the path while its tests run): the meeting world of tests/meetings (a North
locality, its agencies and three families on the agenda of Tuesday 1
December 2026), the Meetings page on it, meeting mode opened from the page,
and keys sent to whatever has the focus, as a person's would be."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tafdesk.models import Case
from tafdesk.services.actor import Actor
from tafdesk.services.allocation import AllocationService
from tafdesk.services.decisions import DecisionService
from tafdesk.services.intake_queue import IntakeQueueService
from tafdesk.services.letter_recipients import LetterRecipientService
from tafdesk.services.meetings import MeetingService
from tafdesk.services.minutes import MinutesService
from tafdesk.services.restricted_shares import RestrictedShareService
from tafdesk.services.restricted_text import RestrictedTextService
from tafdesk.ui.meetings.page import MeetingsPage
from tafdesk.ui.meetings.rights import MeetingRights
from tests.meetings.conftest import AT_MEETING, CHAIR, CLERK, NOW, World

TIMEOUT = 15_000


def make_page(qtbot, db, actor: Actor, undo_stack, changes=None) -> MeetingsPage:
    """The Meetings page, shown, with the list read and the first open meeting's agenda."""
    page = page_for(db, actor, undo_stack, changes)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        page.show()
    settle_session(qtbot, page)
    return page


def page_for(db, actor: Actor, undo_stack, changes=None) -> MeetingsPage:
    """The Meetings page on the meeting world's clock, not yet shown."""
    return MeetingsPage(
        meetings=MeetingService(db, actor, now=NOW),
        decisions=DecisionService(db, actor, now=AT_MEETING),
        allocation=AllocationService(db, actor),
        minutes=MinutesService(db, actor),
        profiles=IntakeQueueService(db, actor, today=NOW.date()),
        undo_stack=undo_stack,
        rights=MeetingRights.of(actor),
        recipients=LetterRecipientService(db, actor),
        restricted=RestrictedTextService(db, actor),
        shares=RestrictedShareService(db, actor) if MeetingRights.of(actor).share else None,
        changes=changes,
    )


def settle_session(qtbot, page: MeetingsPage) -> None:
    qtbot.waitUntil(
        lambda: (
            page.session is not None
            and page.session.view is not None
            and page.session.allocation is not None
            and not page.session.allocation_stale
            and page.session.minutes is not None
        ),
        timeout=TIMEOUT,
    )


def activate(qtbot, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)


def open_mode(qtbot, page: MeetingsPage):
    """Meeting mode from the page with F11, every family's summary read."""
    activate(qtbot, page.window())
    press(qtbot, Qt.Key.Key_F11, widget=page.ui.table)
    mode = page.meeting_mode
    assert mode is not None and mode.isVisible()
    activate(qtbot, mode)
    qtbot.waitUntil(lambda: mode.populated() and page.session.summaries_waiting() == 0, timeout=TIMEOUT)
    return mode


def press(
    qtbot,
    key: Qt.Key,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    *,
    widget: QWidget | None = None,
) -> None:
    """A key pressed where the keyboard focus is (or on widget)."""
    target = widget or QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, key, modifiers)


def type_text(qtbot, text: str) -> None:
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClicks(target, text)


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def case_of(db, case_id: uuid.UUID) -> Case:
    with db.reader() as s:
        case = s.get(Case, case_id)
        s.expunge(case)
        return case


def wait_for_loads(qtbot, session) -> None:
    qtbot.waitUntil(lambda: not session.allocation_stale, timeout=TIMEOUT)


__all__ = [
    "CHAIR",
    "CLERK",
    "NOW",
    "World",
    "activate",
    "case_of",
    "focused",
    "make_page",
    "open_mode",
    "page_for",
    "press",
    "settle_session",
    "type_text",
    "wait_for_loads",
]
