"""The Intake area: the queue of profiles waiting for a front-door decision
or a meeting, filtered above and summarised beside, with import (menu,
drag and drop, inbox folder), manual entry and correction.

The queue is read off the interface thread when the page opens and after
every change, this page's or anyone's (ui/live.py; F5 reads it at once);
a profile's summary is read when it is chosen.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from tafdesk import clock
from tafdesk.db import Database
from tafdesk.db.changes import Change
from tafdesk.logs import log_unexpected
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.amendment_review import AmendmentService
from tafdesk.services.directory import DirectoryService
from tafdesk.services.ethnicity import EthnicityService
from tafdesk.services.family_links import FamilyLinkService
from tafdesk.services.family_record import FamilyRecordService
from tafdesk.services.front_door import FrontDoorService
from tafdesk.services.inbox import RejectedFile, rejected_files
from tafdesk.services.intake import IntakeService
from tafdesk.services.intake_queue import IntakeQueueService, ProfileSummary, QueueRow
from tafdesk.services.letter_recipients import LetterRecipientService
from tafdesk.services.meetings import MeetingService
from tafdesk.services.profile_editing import ProfileEditingService
from tafdesk.ui.area_page import AreaNote
from tafdesk.ui.background import run_in_background
from tafdesk.ui.banner import Banner
from tafdesk.ui.errors import explain
from tafdesk.ui.flow_layout import FlowLayout
from tafdesk.ui.intake.actions import IntakeActions, action_button
from tafdesk.ui.intake.decisions import AgendaUndo, FrontDoorDecisions
from tafdesk.ui.intake.detail_pane import DetailPane
from tafdesk.ui.intake.filter_bar import FilterBar
from tafdesk.ui.intake.import_results import ImportResultsDialog
from tafdesk.ui.intake.import_run import ImportOutcome, ImportRun, expand_paths
from tafdesk.ui.intake.inbox_watcher import InboxWatcher, describe
from tafdesk.ui.intake.queue_table import QueueTable
from tafdesk.ui.intake.rights import IntakeRights, who_may
from tafdesk.ui.intake.settings_dialog import InboxSettingsDialog
from tafdesk.ui.live import ChangeSignal, LiveReload
from tafdesk.ui.operation import Operation
from tafdesk.ui.scrolling import kept_scroll
from tafdesk.ui.settings import AppSettings

if TYPE_CHECKING:
    from tafdesk.ui.intake.profile_dialog import ProfileDialog

log = logging.getLogger(__name__)
Dialog = TypeVar("Dialog", bound=QDialog)

DETAIL_WIDTH = 440


@dataclass(frozen=True)
class IntakeSnapshot:
    rows: list[QueueRow]
    localities: list[str]
    agencies: list[str]
    amendments: int = 0  # amended profiles waiting for business support
    rejected: tuple[RejectedFile, ...] = ()  # in the inbox's rejected folder


def wants(change: Change) -> bool:
    """What the queue and a family's summary show."""
    return change.about(
        "case",
        "profile360",
        "profile_amendment",
        "family",
        "person",
        "referral",
        "case_record",
        "meeting",
        "decision",
        "agency",
        "locality",
        "restricted_wording",
        "profile_involvement",
    )


def read_intake(
    queue: IntakeQueueService, directory: DirectoryService, amendments: AmendmentService, inbox: str = ""
) -> IntakeSnapshot:
    return IntakeSnapshot(
        queue.queue(),
        [loc.name for loc in directory.working_localities()],
        [a.name for a in directory.agencies()],
        len(amendments.pending()),
        tuple(rejected_files(Path(inbox))) if inbox.strip() else (),
    )


class IntakePage(QWidget):
    reveal_requested = Signal()
    case_requested = Signal(object)  # CaseRef: the main window opens its case page
    loaded = Signal()  # after each read of the queue has been shown
    import_finished = Signal(object)  # ImportOutcome

    def __init__(
        self,
        *,
        queue: IntakeQueueService,
        intake: IntakeService,
        front_door: FrontDoorService,
        editing: ProfileEditingService,
        directory: DirectoryService,
        settings: AppSettings,
        rights: IntakeRights,
        amendments: AmendmentService,
        inbox: InboxWatcher | None = None,
        agenda: AgendaUndo | None = None,
        recipients: LetterRecipientService | None = None,
        links: FamilyLinkService | None = None,
        family_records: FamilyRecordService | None = None,
        ethnicity: EthnicityService | None = None,
        changes: ChangeSignal | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("intakePage")
        self.setAccessibleName("Intake")
        self._queue = queue
        self._intake = intake
        self._editing = editing
        self._directory = directory
        self._amendments = amendments
        self._settings = settings
        self.rights = rights
        self.inbox = inbox
        self._recipients = recipients
        self._links = links
        self._family_records = family_records
        self._ethnicity = ethnicity
        self.snapshot = IntakeSnapshot([], [], [])
        self.is_loaded = False
        self._generation = 0
        self._import_run: ImportRun | None = None
        self.results_dialog: ImportResultsDialog | None = None  # while open
        self.profile_dialog: QDialog | None = None  # the profile form or the inbox folder's, while open
        self.link_dialog: QDialog | None = None  # linking a profile to a known family, while open

        self.intake_actions = IntakeActions(rights, self)
        self.table = QueueTable()
        self.model, self.proxy = self.table.model, self.table.proxy
        self.filters = FilterBar(self.proxy)
        self.detail = DetailPane(self.intake_actions)
        self.notice = Banner()
        self.decisions = FrontDoorDecisions(front_door, lambda: self.detail.summary, self, self.notice, agenda)
        self.inbox_label = QLabel(objectName="hint", wordWrap=True)  # a long report wraps, never widens the window
        # what needs a person besides the queue: shown only when there is some
        self.amended_button = QPushButton(objectName="attentionButton", visible=False)
        self.rejected_button = QPushButton(objectName="attentionButton", visible=False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self._build()
        self._connect_signals()
        self.setAcceptDrops(rights.can(Permission.IMPORT_PROFILES))
        self.live = LiveReload(self, changes, wants, self.reload)
        self.reload()

    # -- building ---------------------------------------------------------------

    def _build(self) -> None:
        for button in (self.amended_button, self.rejected_button):  # what needs a person, beside the queue's counts
            self.filters.add_beside_chips(button)

        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)
        self.detail.setMinimumWidth(420)
        self.splitter.setSizes([10_000, DETAIL_WIDTH])

        top = QVBoxLayout()
        top.setContentsMargins(16, 12, 16, 0)
        top.setSpacing(8)
        # The actions in a row of their own, above the filters: beside the locality chips they
        # widened the page past a 1366-pixel screen. They wrap onto a second row in a narrow
        # window (large text); what the inbox last did wraps below them.
        actions = FlowLayout()
        for name in (
            "import_profiles",
            "new_profile",
            "correct_profile",
            "correct_family",
            "link_family",
            "case_page",
            "code_ethnicity",
            "settings",
        ):
            label = "Address and household…" if name == "correct_family" else ""
            actions.addWidget(action_button(self.intake_actions[name], label=label))
        top.addLayout(actions)
        top.addWidget(self.inbox_label)
        top.addWidget(self.filters)
        top.addWidget(self.notice)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self._show_inbox_state()

    def _connect_signals(self) -> None:
        a = self.intake_actions
        a["import_profiles"].triggered.connect(self.choose_files)
        a["new_profile"].triggered.connect(self.new_profile)
        a["correct_profile"].triggered.connect(self.correct_profile)
        a["letter_recipients"].triggered.connect(self.edit_letter_recipients)
        a["link_family"].triggered.connect(self.link_family)
        a["case_page"].triggered.connect(self.open_case_page)
        a["correct_family"].triggered.connect(self.correct_family)
        a["settings"].triggered.connect(self.open_settings)
        a["code_ethnicity"].triggered.connect(self.open_ethnicity)
        a["refresh"].triggered.connect(lambda: self.live.refresh_now())
        a["find"].triggered.connect(self._focus_search)
        a["add_to_meeting"].triggered.connect(self.decisions.add_to_meeting)
        a["advice"].triggered.connect(self.decisions.give_advice)
        a["step_up"].triggered.connect(self.decisions.step_up)
        a["step_down"].triggered.connect(self.decisions.step_down)
        a["override_consent"].triggered.connect(self.decisions.override_consent)
        a["confirm_match"].triggered.connect(self.decisions.confirm_match)
        a["reject_match"].triggered.connect(self.decisions.reject_match)
        self.decisions.done.connect(self._after_change)
        self.decisions.changed.connect(lambda: self.reload())
        self.table.current_changed.connect(self.show_case)
        self.amended_button.clicked.connect(self.open_amendments)
        self.rejected_button.clicked.connect(self.open_rejected_files)
        for name in (
            "add_to_meeting",
            "advice",
            "step_down",
            "step_up",
            "override_consent",
            "correct_profile",
            "correct_family",
            "letter_recipients",
            "link_family",
        ):
            self.table.view.addAction(a[name])
        if self.inbox is not None:
            self.inbox.processed.connect(self._inbox_processed)
        self._settings.changed.connect(
            lambda key: self._show_inbox_state() if key == AppSettings.inbox_folder.key else None
        )

    # -- reading ----------------------------------------------------------------

    def reload(self, select: uuid.UUID | None = None, select_reference: str | None = None) -> None:
        """Read the queue again off the interface thread; then show `select`
        (or the case with that reference), or keep the current row."""
        self.live.reading()
        self._generation += 1
        generation = self._generation
        keep = select or self.table.current_id()
        row = self.table.current_row()
        if not self.is_loaded:
            self.table.count_label.setText("Reading the queue…")
        inbox = self._settings.inbox_folder
        run_in_background(
            lambda: read_intake(self._queue, self._directory, self._amendments, inbox),
            lambda snapshot: self._show_snapshot(
                generation, snapshot, keep, select_reference, row, stay=select is None and select_reference is None
            ),
            self._load_failed,
            context=self,
        )

    def _show_snapshot(
        self,
        generation: int,
        snapshot: IntakeSnapshot,
        keep: uuid.UUID | None,
        reference: str | None,
        row: int,
        *,
        stay: bool = False,
    ) -> None:
        if generation != self._generation:
            return  # a newer read is on its way
        self.snapshot = snapshot
        # Nothing new to select (a change made elsewhere): the queue stays where its reader left it.
        with kept_scroll(*((self.table.view,) if stay and self.is_loaded else ())):
            self._show_rows(snapshot, keep, reference, row)
        self.show_case(self.table.current_id())
        self.is_loaded = True
        self.loaded.emit()

    def _show_rows(self, snapshot: IntakeSnapshot, keep: uuid.UUID | None, reference: str | None, row: int) -> None:
        self.table.set_rows(snapshot.rows)
        self._show_attention(snapshot)
        self.filters.set_localities(snapshot.localities or self.model.localities())
        if snapshot.rows:
            self.filters.set_received_range(min(r.received_on for r in snapshot.rows), clock.today())
        if reference is not None:
            found = self.model.row_of_reference(reference)
            keep = self.model.case_id(found) if found >= 0 else keep
            if found >= 0 and not self.table.select_id(keep):
                self.filters.clear()  # what was just added must be visible
        if not (keep is not None and self.table.select_id(keep)):
            if not self.is_loaded:
                row = 0  # the first read: show the first profile's summary straight away
            self.table.select_row(min(row, self.proxy.rowCount() - 1) if row >= 0 else -1)

    def _load_failed(self, error: Exception) -> None:
        log_unexpected(log, "reading the intake queue", error)  # never the message: it may name a family or a user
        self.table.count_label.setText("The queue could not be read.")
        self.say(f"The intake queue could not be read. {explain(error, 'reading the intake queue')}", error=True)

    def show_case(self, case_id: uuid.UUID | None) -> None:
        found: list[ProfileSummary] = []
        if case_id is not None:
            Operation(
                self.notice,
                lambda: self._queue.summary(case_id),
                failed="The profile could not be read.",
                doing="reading a profile",
            ).reading().done(found.append).run()
        summary = found[0] if found else None
        row = self.model.record_by_id(case_id) if case_id is not None else None
        self.detail.show_summary(summary, row.meeting_starts_at if row is not None else None)
        self.intake_actions.update(summary)

    def _show_attention(self, snapshot: IntakeSnapshot) -> None:
        amended, rejected = snapshot.amendments, len(snapshot.rejected)
        self.amended_button.setText(f"{amended} amended profile{'s' * (amended != 1)} to take or reject…")
        self.amended_button.setVisible(bool(amended))
        self.rejected_button.setText(f"{rejected} rejected file{'s' * (rejected != 1)} in the inbox…")
        self.rejected_button.setVisible(bool(rejected))

    def open_amendments(self) -> None:
        from tafdesk.ui.intake.amendments_dialog import AmendmentsDialog

        dialog = AmendmentsDialog(self._amendments, self.rights, self)
        dialog.changed.connect(lambda text: self._after_change(text, None))
        self.profile_dialog = self._keep(dialog, "profile_dialog")
        dialog.open()

    def open_ethnicity(self) -> None:
        """The people whose ethnicity needs a DfE code chosen by hand."""
        if self._ethnicity is None:
            return
        from tafdesk.ui.intake.ethnicity_dialog import EthnicityDialog

        dialog = EthnicityDialog(self._ethnicity, self)
        dialog.changed.connect(self.say)
        self.profile_dialog = self._keep(dialog, "profile_dialog")
        dialog.open()

    def open_rejected_files(self) -> None:
        from tafdesk.ui.intake.rejected_dialog import RejectedFilesDialog

        folder = str(Path(self._settings.inbox_folder) / "rejected")
        self.profile_dialog = self._keep(
            RejectedFilesDialog(list(self.snapshot.rejected), folder, self), "profile_dialog"
        )
        self.profile_dialog.open()

    # -- messages -----------------------------------------------------------------

    def say(self, text: str, *, error: bool = False) -> None:
        """A message in the banner above the queue."""
        self.notice.say(text, error=error)

    def _after_change(self, text: str, case_id: uuid.UUID | None) -> None:
        self.say(text)
        if case_id is not None:
            self.show_case(case_id)  # at once, so no decision can be made twice while the queue is read
        self.reload(select=case_id)

    # -- importing ----------------------------------------------------------------

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            "Import 360° profiles",
            self._settings.inbox_folder or str(Path.home()),
            "360° profiles (*.json);;All files (*)",
        )
        if names:
            self.import_paths([Path(name) for name in names])

    def import_paths(self, paths: Sequence[Path | str]) -> bool:
        """Import files, and the .json files in folders; False if nothing was started."""
        if self._import_run is not None and self._import_run.running:
            self.say("An import is already running; wait for it to finish.", error=True)
            return False
        files = expand_paths(Path(p) for p in paths)
        if not files:
            self.say("There are no .json files there to import.", error=True)
            return False
        self._import_run = ImportRun(self._intake.import_path, files, self)
        self._import_run.finished.connect(self._import_done)
        self.say(f"Importing {len(files)} file{'s' * (len(files) != 1)}…")
        self._import_run.start(self.window())
        return True

    def _import_done(self, outcome: ImportOutcome) -> None:
        self._import_run = None
        first = next((r.imported[0].case_reference for r in outcome.reports if r.imported), None)
        self.say(outcome.headline(), error=bool(outcome.rejected_files or any(r.amended for r in outcome.reports)))
        self.results_dialog = self._keep(ImportResultsDialog(outcome, self), "results_dialog")
        self.results_dialog.open()
        self.reload(select_reference=first)
        self.import_finished.emit(outcome)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.acceptDrops() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if not paths or not self.acceptDrops():
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_paths(paths)

    # -- the inbox ----------------------------------------------------------------

    def open_settings(self) -> None:
        self.profile_dialog = self._keep(InboxSettingsDialog(self._settings, self), "profile_dialog")
        self.profile_dialog.open()

    def _show_inbox_state(self) -> None:
        folder = self._settings.inbox_folder
        self.inbox_label.setVisible(bool(folder))
        if not folder:
            self.inbox_label.clear()
        else:
            self.inbox_label.setText(f"Inbox: {Path(folder).name or folder}")
            self.inbox_label.setToolTip(f"Watching {folder} for profile files")

    def _inbox_processed(self, reports: list) -> None:
        self.inbox_label.setText(f"Inbox: {clock.local_now():%H:%M} – {describe(reports).removeprefix('Inbox: ')}")
        self.reload()

    # -- manual entry ---------------------------------------------------------------

    def new_profile(self) -> None:
        self._open_profile_dialog(None)

    def correct_profile(self) -> None:
        if self.detail.summary is not None:
            self._open_profile_dialog(self.detail.summary.case_id)

    def edit_letter_recipients(self) -> None:
        from tafdesk.ui.intake.recipients_dialog import RecipientsDialog

        summary, recipients = self.detail.summary, self._recipients
        if summary is None or recipients is None:
            return

        def opened(dialog: RecipientsDialog) -> None:
            if dialog.exec():
                self.say("Saved who this family's letters go to.")
            dialog.deleteLater()

        Operation(
            self.notice,
            lambda: RecipientsDialog(recipients, summary.case_id, self),
            failed="Who the letters go to could not be read.",
            doing="reading who letters go to",
        ).done(opened).run()

    def open_case_page(self) -> None:
        from tafdesk.ui.plans.loading import CaseRef

        summary = self.detail.summary
        if summary is not None:
            self.case_requested.emit(CaseRef(summary.case_id, summary.case_reference, summary.family_name))

    def link_family(self) -> None:
        from tafdesk.ui.intake.link_dialog import LinkFamilyDialog

        summary = self.detail.summary
        if summary is None or self._links is None:
            return
        dialog = LinkFamilyDialog(self._links, summary, self)
        dialog.accepted.connect(lambda: self._after_change(dialog.done_text(), summary.case_id))
        self.link_dialog = self._keep(dialog, "link_dialog")
        dialog.open()

    def correct_family(self) -> None:
        from tafdesk.ui.intake.family_record_dialog import family_record_dialog

        if self.detail.summary is None or self._family_records is None:
            return
        case_id = self.detail.summary.case_id
        dialog = family_record_dialog(self._family_records, case_id, self, self.notice)
        if dialog is not None:
            dialog.saved.connect(lambda text: self._after_change(text, case_id))
            self.profile_dialog = self._keep(dialog, "profile_dialog")
            dialog.open()

    def _open_profile_dialog(self, case_id: uuid.UUID | None) -> None:
        from tafdesk.ui.intake.profile_dialog import ProfileDialog

        Operation(
            self.notice,
            lambda: ProfileDialog(
                self._editing, self.snapshot.localities, self.snapshot.agencies, case_id=case_id, parent=self
            ),
            failed="The profile could not be opened.",
            doing="opening a profile",
        ).done(self._show_profile_dialog).run()

    def _show_profile_dialog(self, dialog: ProfileDialog) -> None:
        dialog.saved.connect(self._profile_saved)
        self.profile_dialog = self._keep(dialog, "profile_dialog")
        dialog.open()

    def _keep(self, dialog: Dialog, name: str) -> Dialog:
        """Hold the dialog open now as `name` until it closes; then let it go."""

        def closed() -> None:
            if getattr(self, name) is dialog:
                setattr(self, name, None)
            dialog.deleteLater()

        dialog.finished.connect(closed)
        return dialog

    def _profile_saved(self, text: str, case_id: uuid.UUID | None, reference: str | None) -> None:
        self.say(text)
        self.reload(select=case_id, select_reference=reference)

    # -- the main window asks -----------------------------------------------------------

    def _focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def select_case(self, case_id: uuid.UUID) -> bool:
        return self.table.select_id(case_id)


def build_intake_page(
    db: Database,
    actor: Actor,
    settings: AppSettings,
    inbox: InboxWatcher | None = None,
    undo_stack: QUndoStack | None = None,
    *,
    changes: ChangeSignal | None = None,
) -> QWidget:
    """The Intake area's page for this user, with the services it needs."""
    rights = IntakeRights.of(actor)
    if not rights.can(Permission.VIEW_INTAKE):
        return AreaNote(
            "Intake",
            f"The intake queue, where 360° profiles wait for a front-door decision or a meeting, is for "
            f"{who_may(Permission.VIEW_INTAKE)}. Families come to lead professionals once a meeting has allocated them.",
        )
    return IntakePage(
        queue=IntakeQueueService(db, actor),
        intake=IntakeService(db, actor),
        front_door=FrontDoorService(db, actor),
        editing=ProfileEditingService(db, actor),
        directory=DirectoryService(db, actor),
        settings=settings,
        rights=rights,
        amendments=AmendmentService(db, actor),
        inbox=inbox,
        recipients=LetterRecipientService(db, actor),
        links=FamilyLinkService(db, actor),
        family_records=FamilyRecordService(db, actor),
        ethnicity=EthnicityService(db, actor),
        changes=changes,
        agenda=AgendaUndo(MeetingService(db, actor), undo_stack) if undo_stack is not None else None,
    )
