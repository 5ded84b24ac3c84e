"""The Directory area: Professionals and Agencies tabs over one DirectoryService.

The first read happens off the interface thread, after the window has
appeared; after each change (or undo/redo) both tabs are read again, since
an agency's change shows in its professionals' rows too. A change made
elsewhere (a decision filling someone's caseload, another screen's edit) is
read off the interface thread, keeping the selection, the scroll position
and a form's unsaved edits. What could not be done is said in the banner
above the tabs.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import QLabel, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from tafdesk.db.changes import Change
from tafdesk.services.directory import AgencyRecord, DirectoryService, LocalityRecord, ProfessionalRecord
from tafdesk.ui.background import run_in_background
from tafdesk.ui.banner import Banner
from tafdesk.ui.directory import agency_model as am
from tafdesk.ui.directory import professional_model as pm
from tafdesk.ui.directory.agency_form import AgencyForm
from tafdesk.ui.directory.commands import RecordOps, VersionBook
from tafdesk.ui.directory.editor_tab import EditorTab
from tafdesk.ui.directory.list_panel import ListPanel
from tafdesk.ui.directory.load_delegate import LoadDelegate
from tafdesk.ui.directory.professional_form import ProfessionalForm
from tafdesk.ui.directory.roles import AGENCY_ROLE, LOCALITY_ROLE, MEMBERSHIP_ROLE, SECTOR_ROLE
from tafdesk.ui.errors import explain
from tafdesk.ui.labels import MEMBERSHIP_LABELS, SECTOR_LABELS
from tafdesk.ui.live import ChangeSignal, LiveReload
from tafdesk.ui.scrolling import kept_scroll

# The widest each column grows when fitted to its contents, in average characters.
PROFESSIONAL_WIDTHS = {pm.COL_NAME: 20, pm.COL_AGENCY: 20, pm.COL_JOB_TITLE: 22, pm.COL_SPECIALISMS: 34}
# Who has room is what a chair looks for, so caseload comes straight after
# where someone works; the model keeps its columns in the directory's order.
PROFESSIONAL_ORDER = (
    pm.COL_NAME,
    pm.COL_AGENCY,
    pm.COL_LOCALITY,
    pm.COL_LOAD,
    pm.COL_OPEN_CASES,
    pm.COL_JOB_TITLE,
    pm.COL_FTE,
    pm.COL_CAPACITY,
    pm.COL_SPECIALISMS,
    pm.COL_ACTIVE,
)
AGENCY_WIDTHS = {am.COL_NAME: 34, am.COL_EMAIL: 30}


@dataclass(frozen=True)
class DirectorySnapshot:
    localities: list[LocalityRecord]
    agencies: list[AgencyRecord]
    professionals: list[ProfessionalRecord]
    working: list[LocalityRecord] | None = None  # whose professionals the user keeps; None: every locality's


def wants(change: Change) -> bool:
    """The directory's records, and what fills caseloads (decisions, cases, plans)."""
    return change.about("professional", "agency", "locality", "decision", "case", "taf_plan")


def read_directory(service: DirectoryService) -> DirectorySnapshot:
    return DirectorySnapshot(
        service.localities(), service.agencies(), service.professionals(), service.working_localities()
    )


class DirectoryPage(QWidget):
    status_message = Signal(str)
    reveal_requested = Signal()
    loaded = Signal()

    def __init__(
        self,
        service: DirectoryService,
        undo_stack: QUndoStack,
        *,
        can_edit: bool,
        show_caseloads: bool = True,
        changes: ChangeSignal | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Directory")
        self._service = service
        self._show_caseloads = show_caseloads  # a lead professional sees no one's but their own
        self._book = VersionBook()
        self.is_loaded = False
        self._read_started = False
        self._reads = 0  # only the latest read is shown
        self.banner = Banner()
        self.professionals = self._professionals_tab(undo_stack, can_edit)
        self.agencies = self._agencies_tab(undo_stack, can_edit)
        self.tabs = QTabWidget(objectName="directoryTabs")
        self._loading = QLabel("Reading the directory…", objectName="pageNote")
        self._stack = QStackedWidget()
        self.find_action = QAction("Find", self, shortcut=QKeySequence("Ctrl+F"))
        self._build()
        self._connect_signals()
        self.live = LiveReload(self, changes, wants, self.refresh)

    def showEvent(self, event: QShowEvent) -> None:
        # The first read starts when the page is first shown: not while the
        # window is still being built, and not at all for a page never shown.
        super().showEvent(event)
        if not self._read_started:
            self._read_started = True
            self.refresh()

    # -- building -------------------------------------------------------------

    def _professionals_tab(self, undo_stack: QUndoStack, can_edit: bool) -> EditorTab:
        s = self._service
        ops = RecordOps(
            "professional",
            create=lambda values, new_id: s.create_professional(values, professional_id=new_id),
            update=s.update_professional,
            delete=s.delete_professional,
            read=s.professional,
        )
        panel = ListPanel(
            pm.ProfessionalTableModel(self),
            search_placeholder="Search names, agencies, job titles, specialisms…",
            new_label="New professional…",
            can_edit=can_edit,
        )
        panel.add_filter(AGENCY_ROLE, "All agencies", "Show one agency's professionals")
        panel.add_filter(LOCALITY_ROLE, "All localities", "Show one locality's professionals")
        panel.table.setItemDelegateForColumn(pm.COL_LOAD, LoadDelegate(panel.table))
        panel.set_column_limits(PROFESSIONAL_WIDTHS)
        panel.set_visual_order(PROFESSIONAL_ORDER)
        for column in (pm.COL_LOAD, pm.COL_OPEN_CASES):
            panel.table.setColumnHidden(column, not self._show_caseloads)

        def defaults() -> dict[str, Any]:
            return {"agency_id": panel.filter_value(AGENCY_ROLE), "locality_id": panel.filter_value(LOCALITY_ROLE)}

        return EditorTab(
            panel,
            ProfessionalForm(can_edit=can_edit, show_caseloads=self._show_caseloads),
            ops,
            undo_stack,
            self._book,
            banner=self.banner,
            notify=self._after_undo_or_redo,
            report=self._report,
            new_defaults=defaults,
        )

    def _agencies_tab(self, undo_stack: QUndoStack, can_edit: bool) -> EditorTab:
        s = self._service
        ops = RecordOps(
            "agency",
            create=lambda values, new_id: s.create_agency(values, agency_id=new_id),
            update=s.update_agency,
            delete=s.delete_agency,
            read=s.agency,
        )
        panel = ListPanel(
            am.AgencyTableModel(self),
            search_placeholder="Search agencies, sectors, towns…",
            new_label="New agency…",
            can_edit=can_edit,
        )
        membership = panel.add_filter(MEMBERSHIP_ROLE, "All members", "Show core or associate members")
        for value, label in MEMBERSHIP_LABELS.items():
            membership.addItem(label, value.value)
        sector = panel.add_filter(SECTOR_ROLE, "All sectors", "Show one sector's agencies", chars=13)
        for kind, label in SECTOR_LABELS.items():
            sector.addItem(label, kind.value)
        panel.set_column_limits(AGENCY_WIDTHS)
        return EditorTab(
            panel,
            AgencyForm(can_edit=can_edit),
            ops,
            undo_stack,
            self._book,
            banner=self.banner,
            notify=self._after_undo_or_redo,
            report=self._report,
        )

    def _build(self) -> None:
        self.tabs.addTab(self.professionals, "Professionals")
        self.tabs.addTab(self.agencies, "Agencies")
        self.tabs.setDocumentMode(True)
        self.addAction(self.find_action)
        self._stack.addWidget(self._loading)
        self._stack.addWidget(self.tabs)
        self._loading.setContentsMargins(24, 24, 24, 24)
        banner = QVBoxLayout()
        banner.setContentsMargins(16, 0, 16, 0)  # as far in as the lists
        banner.addWidget(self.banner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(banner)
        layout.addWidget(self._stack)

    def _connect_signals(self) -> None:
        for tab in (self.professionals, self.agencies):
            tab.changed.connect(lambda record_id, tab=tab: self.reload(tab, record_id))
            tab.refresh_needed.connect(self.reload)
            tab.status_message.connect(self.status_message)
        self.find_action.triggered.connect(self._focus_search)

    # -- reading --------------------------------------------------------------

    def refresh(self) -> None:
        """Read the directory off the interface thread, keeping what is chosen."""
        self.live.reading()
        self._reads += 1
        token = self._reads

        def read(snapshot: DirectorySnapshot) -> None:
            if token == self._reads:  # not since asked for another
                self._show_snapshot(snapshot)

        def failed(error: Exception) -> None:
            if token == self._reads:
                self._load_failed(error)

        run_in_background(lambda: read_directory(self._service), read, failed, context=self)

    def reload(self, tab: EditorTab | None = None, record_id: uuid.UUID | None = None) -> None:
        """Read the directory again now; select record_id in tab if given."""
        self.live.reading()
        self._reads += 1  # a read in the background would be older than this one
        try:
            snapshot = read_directory(self._service)
        except Exception as exc:  # noqa: BLE001 (shown; the old rows stay)
            self._load_failed(exc)
            return
        self._show_snapshot(snapshot, tab, record_id)

    def _show_snapshot(
        self, snapshot: DirectorySnapshot, tab: EditorTab | None = None, record_id: uuid.UUID | None = None
    ) -> None:
        form = self.professionals.form
        assert isinstance(form, ProfessionalForm)
        form.set_choices(snapshot.agencies, snapshot.localities, snapshot.working)
        panel = self.professionals.panel
        panel.set_filter_choices(AGENCY_ROLE, [(a.name, str(a.id)) for a in snapshot.agencies])
        panel.set_filter_choices(LOCALITY_ROLE, [(loc.name, str(loc.id)) for loc in snapshot.localities])
        # A record just saved is scrolled to; a read for a change made elsewhere leaves the lists where they were.
        with kept_scroll(*(() if record_id else (self.professionals.panel.table, self.agencies.panel.table))):
            self.professionals.set_records(snapshot.professionals, record_id if tab is self.professionals else None)
            self.agencies.set_records(snapshot.agencies, record_id if tab is self.agencies else None)
        self._stack.setCurrentWidget(self.tabs)
        if not self.is_loaded:
            self.is_loaded = True
            self.loaded.emit()

    def _load_failed(self, error: Exception) -> None:
        text = f"The directory could not be read. {explain(error, 'reading the directory')}"
        if self.is_loaded:  # the rows shown stay; read again with the next change
            self.status_message.emit(text)
            return
        self._loading.setText(text)
        self.banner.say(text, error=True, retry=self.reload if getattr(error, "retryable", False) else None)

    # -- undo and redo --------------------------------------------------------

    def _after_undo_or_redo(self, kind: str, record_id: uuid.UUID) -> None:
        tab = self.professionals if kind == "professional" else self.agencies
        self.reload(tab, record_id)
        self.tabs.setCurrentWidget(tab)
        self.reveal_requested.emit()

    def _report(self, message: str) -> None:
        self.banner.say(message, error=True)

    # -- the main window asks -------------------------------------------------

    def current_tab(self) -> EditorTab:
        return self.professionals if self.tabs.currentWidget() is self.professionals else self.agencies

    def confirm_close(self) -> bool:
        return all(tab.confirm_leave() for tab in (self.professionals, self.agencies))

    def _focus_search(self) -> None:
        search = self.current_tab().panel.search
        search.setFocus()
        search.selectAll()
