"""The Meetings area: each locality's weekly meetings, upcoming and recent;
the chosen meeting's agenda (built from what is due, reordered by dragging
or Alt+Up/Down), attendance by agency with the quorum warnings, and the
minutes; and the way into meeting mode (F11).

The list is read off the interface thread when the page is first shown,
and again when meetings change here or elsewhere; a meeting's details come
from its MeetingSession, kept while the page lives so that meeting mode and
the page share what has been read (and follows what others record for it).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from tafdesk.db import Database
from tafdesk.db.changes import Change
from tafdesk.models.enums import AgendaKind, RequestState
from tafdesk.services.actor import Actor
from tafdesk.services.allocation import AllocationService
from tafdesk.services.decisions import DecisionService
from tafdesk.services.follow_up import FollowUpService
from tafdesk.services.intake_queue import IntakeQueueService
from tafdesk.services.letter_recipients import LetterRecipientService
from tafdesk.services.meetings import AttendanceRow, MeetingService, MeetingSummary
from tafdesk.services.minutes import MinutesService
from tafdesk.services.requests import RequestService
from tafdesk.services.restricted_shares import RestrictedShareService
from tafdesk.services.restricted_text import RestrictedTextService
from tafdesk.ui.area_page import AreaNote
from tafdesk.ui.live import ChangeSignal, LiveReload
from tafdesk.ui.meetings.agenda_model import moved
from tafdesk.ui.meetings.closing import ask_reopen, confirm_close
from tafdesk.ui.meetings.commands import AttendanceStep, ReorderCommand, attendance_recorder
from tafdesk.ui.meetings.labels import MANAGERS_ONLY
from tafdesk.ui.meetings.page_layout import PageLayout
from tafdesk.ui.meetings.page_style import PAGE_STYLE
from tafdesk.ui.meetings.reason_dialog import ReasonDialog
from tafdesk.ui.meetings.request_panel import describe
from tafdesk.ui.meetings.rights import MeetingRights
from tafdesk.ui.meetings.session import AttendanceChange, MeetingSession
from tafdesk.ui.operation import Operation
from tafdesk.ui.scrolling import kept_scroll
from tafdesk.ui.text import plural
from tafdesk.ui.theme import keep_coloured, styled

if TYPE_CHECKING:  # built when first needed
    from tafdesk.ui.meetings.meeting_mode import MeetingMode

log = logging.getLogger(__name__)


def wants(change: Change) -> bool:
    """What the list of meetings shows: their status and how many families each has, and has decided."""
    return change.about("meeting", "decision", "locality") or (change.about("case") and change.meeting_id is not None)


def build_meetings_page(
    db: Database,
    actor: Actor,
    undo_stack: QUndoStack,
    now: dt.datetime | None = None,
    *,
    changes: ChangeSignal | None = None,
) -> QWidget:
    """The Meetings page; `now` pins the clock (benchmarks, scripts), else it is the real time."""
    rights = MeetingRights.of(actor)
    if not rights.manage:
        return AreaNote("Meetings", MANAGERS_ONLY)
    return MeetingsPage(
        meetings=MeetingService(db, actor, now),
        decisions=DecisionService(db, actor, now),
        allocation=AllocationService(db, actor),
        minutes=MinutesService(db, actor),
        profiles=IntakeQueueService(db, actor, today=now.date() if now else None),
        undo_stack=undo_stack,
        rights=rights,
        recipients=LetterRecipientService(db, actor),
        restricted=RestrictedTextService(db, actor),
        shares=RestrictedShareService(db, actor) if rights.share else None,
        changes=changes,
        follow_up=FollowUpService(db, actor, now),
        requests=RequestService(db, actor, now),
    )


class MeetingsPage(QWidget):
    status_message = Signal(str)
    reveal_requested = Signal()
    loaded = Signal()  # after each read of the list of meetings
    case_requested = Signal(object)  # CaseRef: from meeting mode, the family's case page

    def __init__(
        self,
        *,
        meetings: MeetingService,
        decisions: DecisionService,
        allocation: AllocationService,
        minutes: MinutesService,
        profiles: IntakeQueueService,
        undo_stack: QUndoStack,
        rights: MeetingRights,
        recipients: LetterRecipientService | None = None,
        restricted: RestrictedTextService | None = None,
        shares: RestrictedShareService | None = None,
        changes: ChangeSignal | None = None,
        follow_up: FollowUpService | None = None,
        requests: RequestService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("meetingsPage")
        self._requests = requests
        self.setAccessibleName("Meetings")
        keep_coloured(self, lambda: self.setStyleSheet(styled(PAGE_STYLE)))
        self._meetings, self._decisions, self._allocation = meetings, decisions, allocation
        self._minutes, self._profiles, self._recipients = minutes, profiles, recipients
        self._restricted, self._shares = restricted, shares
        self._changes = changes
        self._follow_up = follow_up
        self.undo_stack = undo_stack
        self.rights = rights
        self.is_loaded = False
        self._read_started = False
        self.sessions: dict[uuid.UUID, MeetingSession] = {}
        self.session: MeetingSession | None = None
        self.meeting_mode: MeetingMode | None = None  # the window, while open
        self._prepared: MeetingMode | None = None  # built ahead for the chosen meeting (see _prepare_mode)
        self.reason_dialog: ReasonDialog | None = None
        self.close_box: QMessageBox | None = None
        self.ui = PageLayout(self, minutes, rights, meetings.now().date(), self._record_attendance, follow_up)
        self.start_action = QAction("Start meeting", self, shortcut=QKeySequence("F11"))
        self.addAction(self.start_action)
        self._connect_signals()
        self.live = LiveReload(self, changes, wants, self.reload)

    def _connect_signals(self) -> None:
        ui = self.ui
        ui.plan_button.clicked.connect(self.plan_weeks)
        ui.agenda.remove_requested.connect(self.take_off_agenda)
        ui.build_button.clicked.connect(self.build_agenda)
        ui.start_button.clicked.connect(self.start_meeting)
        self.start_action.triggered.connect(self.start_meeting)
        ui.close_button.clicked.connect(self.close_meeting)
        ui.reopen_button.clicked.connect(self.reopen_meeting)
        ui.current_changed.connect(self._choose)
        ui.agenda.move_requested.connect(self.move_item)
        ui.agenda.item_changed.connect(self._agenda_item_changed)
        ui.minutes.edited.connect(self._minutes_edited)
        ui.attendance.recorded.connect(lambda text: self.status_message.emit(f"Attendance recorded – {text}"))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._read_started:
            self._read_started = True
            self.ui.share_width(self.width())
            self.reload()

    # -- the list of meetings -------------------------------------------------------

    def reload(self) -> None:
        self.live.reading()
        self._operation(
            self._meetings.meetings, "The meetings could not be read.", "reading the meetings", slow=True
        ).reading().done(self._show_list).run()

    def _show_list(self, rows: list[MeetingSummary]) -> None:
        with kept_scroll(*((self.ui.table,) if self.is_loaded else ())):
            self.ui.set_meetings(rows)
        if not self.is_loaded:  # while the chair looks at the list (painted first), make F11 ready to open at once
            QTimer.singleShot(LOAD_MODE_AFTER_MS, _load_meeting_mode)
        self.is_loaded = True
        self.loaded.emit()

    def plan_weeks(self) -> None:
        def planned(made: int) -> None:
            self.ui.notice(
                f"{plural(made, 'meeting')} planned for the next 4 weeks."
                if made
                else "Every locality's meetings for the next 4 weeks were already planned."
            )
            self.reload()

        self._operation(lambda: self._meetings.schedule(4), "No meetings were planned.", "planning meetings").done(
            planned
        ).run()

    def _operation(self, call, failed: str, doing: str, *, slow: bool = False) -> Operation:
        return Operation(self.ui.notice_label, call, failed=failed, doing=doing, slow=slow)

    # -- the chosen meeting -----------------------------------------------------------

    def session_for(self, meeting_id: uuid.UUID) -> MeetingSession:
        if meeting_id not in self.sessions:
            session = MeetingSession(
                meeting_id,
                meetings=self._meetings,
                decisions=self._decisions,
                allocation=self._allocation,
                minutes=self._minutes,
                profiles=self._profiles,
                recipients=self._recipients,
                restricted=self._restricted,
                shares=self._shares,
                changes=self._changes,
                requests=self._requests,
                parent=self,
            )
            session.view_changed.connect(lambda s=session: self._view_changed(s))
            session.minutes_changed.connect(lambda s=session: self._minutes_changed(s))
            session.changed.connect(self.reload)
            session.problem.connect(lambda text: self.ui.notice(text, error=True))
            self.sessions[meeting_id] = session
            if self.is_loaded:
                session.load()
            else:  # the meeting chosen as the list first appears: read it once the list has painted
                QTimer.singleShot(LOAD_MODE_AFTER_MS, session, session.load)
        return self.sessions[meeting_id]

    def _agenda_item_changed(self, item_id: uuid.UUID | None) -> None:
        """A request item chosen: what it asks, and that it is decided in meeting mode."""
        row = self.session.row(item_id) if self.session is not None and item_id else None
        if row is None or row.kind is not AgendaKind.REQUEST or self.session is None:
            self.ui.agenda.show_request(None)
            return

        def show(request) -> None:
            if request is None:
                self.ui.agenda.show_request(None)
                return
            state = (
                "" if request.state is RequestState.PENDING else f" {request.state_words}: {request.rationale or ''}"
            )
            self.ui.agenda.show_request(
                f"{describe(request)}{state} The group approves, declines or defers it with a rationale, in "
                "meeting mode (F11); the agency round and the proposal do not apply to it."
            )

        session = self.session
        self._operation(
            lambda: session.request(row.id),
            "The request could not be read.",
            "reading a request to the group",
        ).done(show).refused(lambda _error: show(None)).run()

    def _minutes_edited(self) -> None:
        if self.session is not None:
            self.session.minutes_edited()

    def _minutes_changed(self, session: MeetingSession) -> None:
        if session is self.session and session.minutes is not None:
            self.ui.minutes.show_minutes(session.minutes)

    def _choose(self, meeting_id: uuid.UUID | None) -> None:
        self.session = self.session_for(meeting_id) if meeting_id else None
        self.ui.show_meeting(self.session)
        if self.session is not None and self.session.minutes is not None:
            self.ui.minutes.show_minutes(self.session.minutes)
        if self.session is not None and self.rights.chair and self.meeting_mode is None:
            QTimer.singleShot(LOAD_MODE_AFTER_MS, self._prepare_mode)  # after the list has painted

    def _prepare_mode(self) -> None:
        """Build meeting mode for the chosen meeting while the chair looks at
        it, so that F11 only has to show it (building and styling it for a
        full screen is most of the wait otherwise)."""
        session = self.session
        if session is None or self.meeting_mode is not None:
            return
        if self._prepared is not None and self._prepared.session is session:
            return
        self._drop_prepared()
        self._prepared = self._meeting_mode_for(session)
        QTimer.singleShot(0, self._prepared, self._prepared.prepare)  # not if it goes first

    def _meeting_mode_for(self, session: MeetingSession) -> MeetingMode:
        from tafdesk.ui.meetings.meeting_mode import MeetingMode

        mode = MeetingMode(session, self.undo_stack, self.rights, self._minutes, self, self._follow_up)
        mode.case_requested.connect(self.case_requested)
        return mode

    def _drop_prepared(self) -> None:
        prepared, self._prepared = self._prepared, None
        if prepared is not None:
            prepared.deleteLater()

    def _view_changed(self, session: MeetingSession) -> None:
        if session is self.session:  # read again: the agenda and the roll call stay where they were
            with kept_scroll(self.ui.agenda.table, self.ui.attendance.table):
                self.ui.show_meeting(session)
        prepared = self._prepared
        if prepared is not None and prepared.session is session and prepared.current is None:
            prepared.prepare()  # the meeting had not been read when it was prepared: show its first family now

    def choose_meeting(self, meeting_id: uuid.UUID) -> None:
        self.ui.select_meeting(meeting_id)

    def _record_attendance(self, row: AttendanceRow, change: AttendanceChange) -> AttendanceStep | None:
        if self.session is None:
            return None
        return attendance_recorder(self.session, self.undo_stack, self._report)(row, change)

    def take_off_agenda(self, item_id: uuid.UUID) -> None:
        """Ask, then take a family off the agenda (a new profile goes back to the intake queue)."""
        session = self.session  # the meeting asked about, whichever is shown when answered
        row = session.row(item_id) if session else None
        if session is None or row is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Take off the agenda",
            f"Take the {row.family_name} family off this meeting's agenda? A family sent from intake "
            "goes back to the intake queue for a front-door decision.",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        take = box.addButton("Take off the agenda", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def answered(_result: int) -> None:
            if box.clickedButton() is not take:
                return
            self._operation(
                lambda: session.take_off_agenda(item_id), "Not taken off the agenda.", "taking a family off the agenda"
            ).done(lambda _done: self.ui.notice(f"The {row.family_name} family is off the agenda.")).run()

        box.finished.connect(answered)
        box.open()
        self.remove_box = box

    def build_agenda(self) -> None:
        if self.session is None:
            return
        self._operation(self.session.build_agenda, "The agenda was not built.", "building an agenda").done(
            lambda added: self.ui.notice(
                f"{plural(added, 'family', 'families')} added to the agenda."
                if added
                else "Nothing more is due for this meeting."
            )
        ).run()

    def move_item(self, source: int, target: int) -> None:
        session = self.session
        if session is None or session.view is None:
            return
        ids = [r.id for r in session.rows()]
        family = session.rows()[source].family_name
        command = ReorderCommand(session, ids, moved(ids, source, target), family, self._report)
        operation = Operation.undoable(
            self.ui.notice_label, command, self.undo_stack, failed="Not moved.", doing="reordering an agenda"
        )
        operation.done(lambda _done: self.ui.agenda.select_item(ids[source])).run()

    def _report(self, text: str) -> None:
        self.ui.notice(text, error=True)
        self.reveal_requested.emit()

    # -- opening, closing and reopening ------------------------------------------------------

    def start_meeting(self) -> None:
        if self.session is None:
            self.ui.notice("Choose a meeting in the list first.", error=True)
            return
        if self.meeting_mode is not None:
            self.meeting_mode.raise_()
            self.meeting_mode.activateWindow()
            return
        prepared, self._prepared = self._prepared, None
        if prepared is not None and prepared.session is self.session:
            self.meeting_mode = prepared
        else:
            if prepared is not None:
                prepared.deleteLater()
            self.meeting_mode = self._meeting_mode_for(self.session)
        self.meeting_mode.destroyed.connect(self._meeting_mode_gone)
        self.meeting_mode.left.connect(self._meeting_mode_left)
        self.meeting_mode.start()

    def _meeting_mode_left(self) -> None:
        mode, self.meeting_mode = self.meeting_mode, None
        if mode is not None:
            mode.deleteLater()
        self.reveal_requested.emit()
        self.window().activateWindow()
        if self.session is not None and self.rights.chair:
            QTimer.singleShot(0, self._prepare_mode)  # ready again for the chair's return to it

    def _meeting_mode_gone(self) -> None:
        self.meeting_mode = None

    def close_meeting(self) -> None:
        if self.session is not None and not self.session.frozen:
            self.close_box = confirm_close(self, self.session, self.undo_stack, self.ui.notice_label)

    def reopen_meeting(self) -> None:
        if self.session is not None:
            self.reason_dialog = ask_reopen(self, self.session, lambda: self.ui.notice("The meeting is open again."))


LOAD_MODE_AFTER_MS = 250


def _load_meeting_mode() -> None:
    import tafdesk.ui.meetings.meeting_mode  # noqa: F401 (its modules load now, not when F11 is pressed)
