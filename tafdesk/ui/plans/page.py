"""The Cases and TAF plans area: the list of cases, and a family's plan in
its place when one is opened (Back returns to the list).

The list is read off the interface thread when the page is first shown and
again after a plan's step (agreed, reviewed…) changes what it says, here or
elsewhere (ui/live.py).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from tafdesk.clock import LOCAL_TIME
from tafdesk.db import Database
from tafdesk.db.changes import Change
from tafdesk.db.login import single_sign_on
from tafdesk.logs import log_unexpected
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.case_notes import CaseNotesService
from tafdesk.services.chronology import ChronologyService
from tafdesk.services.chronology_export import ChronologyExport
from tafdesk.services.closure import ClosureService
from tafdesk.services.draft_journal import DraftJournal
from tafdesk.services.follow_up import FollowUpService
from tafdesk.services.intake_queue import IntakeQueueService
from tafdesk.services.lead_changes import LeadChangeService
from tafdesk.services.locality_cases import LocalityCasesService
from tafdesk.services.my_cases import MyCase, MyCasesService
from tafdesk.services.offline_held import HeldOfflineService
from tafdesk.services.offline_work import OfflineWork
from tafdesk.services.outcome_evidence import OutcomeEvidenceService
from tafdesk.services.plans import PlanService
from tafdesk.services.requests import RequestService
from tafdesk.services.restricted_text import RestrictedTextService
from tafdesk.services.users import UserService
from tafdesk.ui.area_page import NOT_OFFLINE, AreaNote
from tafdesk.ui.background import run_in_background
from tafdesk.ui.connection import ConnectionSignal
from tafdesk.ui.errors import explain
from tafdesk.ui.live import ChangeSignal, LiveReload
from tafdesk.ui.plans.cases_list import CaseList
from tafdesk.ui.plans.closure_windows import open_closures
from tafdesk.ui.plans.held_offline import HeldOfflineWindow, open_held_offline
from tafdesk.ui.plans.loading import CaseRef, PlanServices, drafts_waiting
from tafdesk.ui.plans.offline_copy import SyncOfflineDialog, TakeOfflineDialog, ask_conflicts, summary
from tafdesk.ui.plans.requests_window import open_lead_changes
from tafdesk.ui.plans.style import PLAN_STYLE
from tafdesk.ui.plans.workspace import PlanWorkspace
from tafdesk.ui.scrolling import kept_scroll
from tafdesk.ui.text import plural
from tafdesk.ui.theme import keep_coloured, styled

log = logging.getLogger(__name__)


def wants(change: Change) -> bool:
    """What the lists of cases show: each case, its family, its lead and its plan's state."""
    return change.about("case", "taf_plan", "decision", "family", "professional")


def build_cases_page(
    db: Database,
    actor: Actor,
    undo_stack: QUndoStack,
    *,
    journal: DraftJournal | None = None,
    today: dt.date | None = None,
    changes: ChangeSignal | None = None,
    offline: OfflineWork | None = None,
) -> QWidget:
    """On the offline copy itself there is nothing to take or sync, and no
    changes of lead, closures (the server's to decide) or outcome evidence
    (a sync sends plans, reviews, actions and notes: offline/copying.TRACKED)."""
    if not actor.can(Permission.VIEW_PLANS):
        return AreaNote(
            "Cases and TAF plans",
            "Families' cases and their plans are for the lead professionals who "
            "lead or support them, and the managers and business support of their localities. "
            "Administrators run tafdesk: users, settings and templates, not case content.",
        )
    services = PlanServices(
        PlanService(db, actor, today),
        MyCasesService(db, actor, today),
        LocalityCasesService(db, actor, today),
        journal or DraftJournal(username=actor.username or ""),
        actor,
        RestrictedTextService(db, actor),
        IntakeQueueService(db, actor, today) if actor.can(Permission.VIEW_PROFILES) else None,
        CaseNotesService(db, actor) if actor.can(Permission.READ_CASE_NOTES) else None,
        ChronologyService(db, actor),
        ChronologyExport(db, actor),
        FollowUpService(db, actor) if actor.professional_id else None,
        RequestService(db, actor),
        None if db.offline_copy else LeadChangeService(db, actor),
        None if db.offline_copy else ClosureService(db, actor, _noon(today)),
        None if db.offline_copy else OutcomeEvidenceService(db, actor, _noon(today)),  # not sent by a sync
        offline or (None if db.offline_copy else _offline_work(db, actor)),
        HeldOfflineService(db, actor) if actor.can(Permission.DECIDE_HELD_OFFLINE) and not db.offline_copy else None,
    )
    page = CasesPage(services, undo_stack, changes=changes)
    page.follow_connection(ConnectionSignal(db.reachability, page))
    return page


def _offline_work(db: Database, actor: Actor) -> OfflineWork | None:
    """Those who lead or support cases may take them offline, under their sign-in password."""
    if actor.professional_id is None or not actor.can(Permission.EDIT_PLANS):
        return None
    return OfflineWork(
        db,
        actor,
        lambda password: UserService(db).confirm(actor, password),
        single_sign_on=single_sign_on() and not db.is_sqlite,  # as sign-in: SQLite's users have passwords
    )


def _noon(today: dt.date | None) -> dt.datetime | None:
    """A page given its day (tests, a replayed day) gives its services that day's noon in England."""
    return dt.datetime.combine(today, dt.time(12), tzinfo=LOCAL_TIME) if today else None


class CasesPage(QWidget):
    status_message = Signal(str)
    reveal_requested = Signal()
    case_requested = Signal(object)  # CaseRef: the main window opens its case page
    loaded = Signal()  # after each read of the list has been shown

    def __init__(
        self,
        services: PlanServices,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        *,
        changes: ChangeSignal | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Cases and TAF plans")
        keep_coloured(self, lambda: self.setStyleSheet(styled(PLAN_STYLE)))
        self.services = services
        self.is_loaded = False
        self._read_started = False
        self._locality: uuid.UUID | None = None
        self.cases = CaseList(services.plans.today(), own_cases=services.has_own_cases, follow_up=services.follow_up)
        self.workspace = PlanWorkspace(services, undo_stack, changes=changes)
        self._stack = QStackedWidget()
        self._stack.addWidget(self.cases)
        self._stack.addWidget(self.workspace)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)
        self.cases.open_requested.connect(self.open_case)
        self.cases.case_requested.connect(self.case_requested)
        self.cases.lead_changes_requested.connect(self.open_lead_changes)
        self.cases.closures_requested.connect(self.open_closures)
        self.cases.held_offline_button.setVisible(services.held_offline is not None)
        self.cases.held_offline_button.clicked.connect(self.open_held_offline)
        self.cases.locality_changed.connect(self._locality_chosen)
        self.cases.take_offline_button.clicked.connect(self.take_offline)
        self.cases.sync_offline_button.clicked.connect(self.sync_offline)
        self.show_offline_buttons()
        for button, service in (
            (self.cases.lead_changes_button, services.lead_changes),
            (self.cases.closures_button, services.closure),
        ):
            if service is None:  # on the offline copy
                button.setEnabled(False)
                button.setToolTip(f"{NOT_OFFLINE}: decided on the server.")
        self.workspace.back_requested.connect(self.show_list)
        self.workspace.status_message.connect(self.status_message)
        self.workspace.changed.connect(self.refresh)
        self.live = LiveReload(self, changes, wants, self.refresh)

    def open_lead_changes(self) -> None:
        if self.services.lead_changes is not None:
            open_lead_changes(self, self.services.lead_changes)

    def open_closures(self):
        if self.services.closure is not None:
            return open_closures(self, self.services.closure, self.refresh)
        return None

    def open_held_offline(self) -> HeldOfflineWindow | None:
        if self.services.held_offline is None:
            return None
        return open_held_offline(self, self.services.held_offline, self.refresh)

    # -- the offline copy -------------------------------------------------------------------

    def show_offline_buttons(self) -> None:
        offline = self.services.offline
        self.cases.take_offline_button.setVisible(offline is not None)
        self.cases.sync_offline_button.setVisible(offline is not None and offline.exists())

    def take_offline(self) -> TakeOfflineDialog | None:
        if self.services.offline is None:
            return None
        own = [self.cases.model.row(r) for r in range(self.cases.model.rowCount())]
        dialog = TakeOfflineDialog(self.services.offline, own, self)
        dialog.accepted.connect(lambda: self._offline_done(f"Took {plural(len(dialog.taken), 'case')} offline."))
        dialog.open()
        return dialog

    def sync_offline(self) -> SyncOfflineDialog | None:
        if self.services.offline is None:
            return None
        dialog = SyncOfflineDialog(self.services.offline, ask_conflicts(self), self)
        dialog.accepted.connect(lambda: self._offline_done(summary(dialog.outcomes)))
        dialog.open()
        return dialog

    def _offline_done(self, text: str) -> None:
        self.cases.banner.say(text)
        self.show_offline_buttons()
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._read_started:
            self._read_started = True
            self.refresh(first=True)

    # -- the list --------------------------------------------------------------------------

    def refresh(self, *, first: bool = False) -> None:
        """Read the list again (off the interface thread). The first time, count
        the drafts an earlier session left on this computer."""
        self.live.reading()
        services, locality = self.services, self._locality
        own = services.has_own_cases

        def read() -> tuple[int, list, uuid.UUID | None, Sequence[MyCase]]:
            waiting = drafts_waiting(services) if first and services.may_edit else 0
            if own:
                return waiting, [], None, services.my_cases.cases()
            localities = services.locality.localities()
            chosen = locality or services.locality.home_locality() or (localities[0][0] if localities else None)
            return waiting, localities, chosen, services.locality.cases(chosen) if chosen else []

        run_in_background(read, self._show_rows, self._read_failed, context=self)

    def _show_rows(self, result: tuple[int, list, uuid.UUID | None, Sequence[MyCase]]) -> None:
        waiting, localities, chosen, rows = result
        if not self.services.has_own_cases:
            self._locality = chosen
            self.cases.set_localities(localities, chosen)
        current = self.cases.current()
        with kept_scroll(*((self.cases.table,) if self.is_loaded else ())):
            self.cases.set_rows(rows, keep=current.case_id if current else None)
        if self.cases.my_actions is not None:
            self.cases.my_actions.reload()
        if waiting:
            self.status_message.emit(
                f"{plural(waiting, 'plan')} {'has' if waiting == 1 else 'have'} changes kept on this computer, not "
                "yet in the database: opening the plan puts them back, to keep or discard."
            )
        self.is_loaded = True
        self.loaded.emit()

    def _read_failed(self, error: Exception) -> None:
        log_unexpected(log, "reading the cases", error)  # never the message: it may name a family or a user
        self.cases.show_failure(f"The cases could not be read. {explain(error, 'reading the cases')}")
        self.loaded.emit()

    def _locality_chosen(self, locality_id: uuid.UUID | None) -> None:
        if locality_id is not None and locality_id != self._locality:
            self._locality = locality_id
            self.refresh()

    # -- a plan ----------------------------------------------------------------------------

    def follow_connection(self, connection: ConnectionSignal) -> None:
        """The server's reachability (ui/connection.py): the plan's autosave holds back while it is out of reach."""
        self.connection = connection
        connection.changed.connect(self.workspace.editor.connection_changed)
        if not connection.state.online:
            self.workspace.editor.connection_changed(connection.state)

    def open_case(self, case: CaseRef) -> None:
        """The case's plan in the editor (from the list, or from its case page)."""
        self.reveal_requested.emit()
        self._stack.setCurrentWidget(self.workspace)
        self.workspace.open_case(case)

    def show_list(self) -> None:
        self.workspace.flush()
        self._stack.setCurrentWidget(self.cases)
        self.cases.table.setFocus()

    def showing_plan(self) -> bool:
        return self._stack.currentWidget() is self.workspace

    def confirm_close(self) -> bool:
        """Closing the window: save what was typed. Nothing is lost if the
        database is out of reach: the draft waits on this computer."""
        self.keep_drafts()
        return True

    def keep_drafts(self) -> None:
        if not self.workspace.flush():
            self.status_message.emit(
                "Your draft is kept on this computer and will be saved when the plan is next opened."
            )
