"""Closing a case and evidencing its outcomes, from My cases and the plan:

- Propose closure…: the reason, for each need of the plan whether it was met,
  partly met or not met, the family's view and a closure summary; it waits
  for a locality manager.
- Closures…: the proposals waiting (a locality manager approves or returns
  them, saying why) and the cases closed recently (Reopen…, within the
  council's period, with a reason).
- Outcome evidence…: each outcome of the plan with its records; a new record
  of progress with its evidence and the day it was sustained from.

Every service call goes through an Operation."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tafdesk.models import ClosureReason, NeedMet, OutcomeProgress
from tafdesk.services.closure import (
    MET_WORDS,
    REASON_WORDS,
    REASONS,
    ClosureForm,
    ClosureInput,
    ClosureService,
    ClosureView,
    NeedAssessed,
)
from tafdesk.services.outcome_evidence import (
    DATED,
    PROGRESS_WORDS,
    EvidenceInput,
    OutcomeEvidenced,
    OutcomeEvidenceService,
)
from tafdesk.ui.banner import Banner
from tafdesk.ui.field_errors import error_label
from tafdesk.ui.operation import Operation
from tafdesk.ui.plans.loading import CaseRef
from tafdesk.ui.qt_dates import to_date
from tafdesk.ui.record_table import record_table
from tafdesk.ui.scrolling import scrolling
from tafdesk.ui.table_model import ReadOnlyTableModel
from tafdesk.ui.text import day
from tafdesk.ui.window_fit import resize_within_screen


def _chosen(table: QTableView, model: ReadOnlyTableModel):
    index = table.currentIndex()
    proxy = table.model()
    return model.row_at(proxy.mapToSource(index)) if index.isValid() else None  # type: ignore[attr-defined]


class _Problems(QLabel):
    """What a refused form got wrong, field by field, in words."""

    LABELS = {
        "reason": "Reason",
        "summary": "Closure summary",
        "family_view": "The family's view",
        "needs": "The plan's needs",
        "evidence": "Evidence",
        "sustained_from": "Sustained from",
        "progress": "Progress",
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(error_label("Problems").objectName())
        self.setProperty("fieldError", True)
        self.setWordWrap(True)
        self.setAccessibleName("Problems")
        self.hide()

    def show_fields(self, fields: dict[str, str]) -> None:
        self.setText("\n".join(f"{self.LABELS.get(k, k)}: {v}" for k, v in fields.items()))
        self.setVisible(bool(fields))


def _text(name: str, placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(placeholderText=placeholder)
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(70)
    edit.setMaximumHeight(120)
    return edit


# -- proposing -----------------------------------------------------------------------------------


class ProposeClosureDialog(QDialog):
    """The lead's proposal: reason, needs met, the family's view, the summary."""

    def __init__(self, form: ClosureForm, save: Callable[[ClosureInput], bool], parent: QWidget | None = None):
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(f"Propose closing: {form.family_name} ({form.case_reference})")
        self.setAccessibleName(self.windowTitle())
        self.banner = Banner(self)
        self.errors = _Problems(self)
        self.reason = QComboBox()
        self.reason.setAccessibleName("Why the case is closing")
        self.reason.addItem("Choose a reason…", None)
        for reason in REASONS:
            self.reason.addItem(REASON_WORDS[reason], reason)
        self.met: dict[uuid.UUID, QComboBox] = {}
        needs = QWidget()
        grid = QGridLayout(needs)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, heading in enumerate(("Area", "Need", "Was it met?")):
            grid.addWidget(QLabel(f"<b>{heading}</b>"), 0, column)
        for row, need in enumerate(form.needs, start=1):
            choice = QComboBox()
            choice.setAccessibleName(f"Was the need met: {need.area.label}")
            choice.addItem("Choose…", None)
            for met in NeedMet:
                choice.addItem(MET_WORDS[met], met)
            self.met[need.outcome_id] = choice
            grid.addWidget(QLabel(need.area.label), row, 0)
            text = QLabel(need.need, wordWrap=True)
            text.setToolTip(f"Outcome wanted: {need.outcome_wanted}")
            grid.addWidget(text, row, 1)
            grid.addWidget(choice, row, 2)
        grid.setColumnStretch(1, 1)
        if not form.needs:
            grid.addWidget(QLabel("The family has no plan with needs to assess.", objectName="hint"), 1, 0, 1, 3)
        self.family_view = _text("The family's view", "What the family say about closing, in their words")
        self.summary = _text("Closure summary", "What the Team Around the Family did, and what changed")
        body = QWidget()
        parts = QVBoxLayout(body)
        parts.setContentsMargins(0, 0, 0, 0)
        parts.addWidget(self.banner)
        parts.addWidget(self.errors)
        top = QFormLayout()
        top.addRow("&Reason:", self.reason)
        parts.addLayout(top)
        parts.addWidget(QLabel("<b>The plan's needs</b>"))
        parts.addWidget(needs)
        lower = QFormLayout()
        lower.addRow("The &family's view:", self.family_view)
        lower.addRow("Closure &summary:", self.summary)
        parts.addLayout(lower)
        parts.addWidget(
            QLabel(
                "A locality manager approves closing before the case and its plan close. "
                f"A closed case can be reopened for {form.reopen_months} months.",
                objectName="hint",
                wordWrap=True,
            )
        )
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(body), 1)  # in large type or on a small screen the form scrolls, the buttons stay
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.propose_button = self.buttons.addButton("Propose closure", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._propose)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        resize_within_screen(self, 760, 600)

    def value(self) -> ClosureInput:
        reason = self.reason.currentData()  # Qt gives enums back as their text
        return ClosureInput(
            # No reason chosen: the service refuses it at the field, as it does any reason it does not offer.
            ClosureReason(reason) if reason else ClosureReason.INFORMATION_ADVICE_GUIDANCE,
            self.summary.toPlainText(),
            self.family_view.toPlainText(),
            tuple(NeedAssessed(i, NeedMet(c.currentData())) for i, c in self.met.items() if c.currentData()),
        )

    def _propose(self) -> None:
        if self._save(self.value()):
            self.accept()

    def show_errors(self, fields: dict[str, str]) -> None:
        self.errors.show_fields(fields)


# -- approvals and reopening ---------------------------------------------------------------------


class ClosuresModel(ReadOnlyTableModel[ClosureView]):
    HEADERS = ("Case", "Family", "Reason", "Proposed", "By", "Status", "Reopen until")

    def display(self, row: ClosureView, column: int) -> str:
        values = (
            row.case_reference,
            row.family_name,
            row.reason_words,
            day(row.proposed_on),
            row.proposed_by,
            row.status_words,
            day(row.reopen_until) if row.reopen_until and row.reopened_on is None else "",
        )
        return values[column]

    def tooltip(self, row: ClosureView, column: int) -> str | None:
        return details(row)


def details(row: ClosureView) -> str:
    parts = [f"{row.case_reference}, the {row.family_name} family: {row.reason_words}."]
    parts += [n.words for n in row.needs]
    parts += [f"Family's view: {row.family_view}", f"Summary: {row.summary}"]
    if row.returned_why:
        parts.append(f"Returned by {row.decided_by}: {row.returned_why}")
    if row.reopened_on:
        parts.append(f"Reopened on {day(row.reopened_on)} by {row.reopened_by}: {row.reopen_reason}")
    return "\n".join(parts)


class ClosuresWindow(QDialog):
    """Proposals waiting for approval, and cases closed recently."""

    def __init__(self, service: ClosureService, *, on_change: Callable[[], None], parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self._on_change = on_change
        self.setWindowTitle("Closures")
        self.setAccessibleName("Closures: waiting for approval and closed recently")
        self.banner = Banner(self)
        self.waiting_model = ClosuresModel(self)
        self.closed_model = ClosuresModel(self)
        self.waiting = record_table("Proposals to close waiting for approval", self.waiting_model)
        self.closed = record_table("Cases closed recently", self.closed_model)
        self.detail = QLabel(wordWrap=True, objectName="hint")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.approve_button = QPushButton("&Approve", objectName="primaryButton")
        self.approve_button.setAccessibleName("Approve closing the chosen case")
        self.return_button = QPushButton("&Return…")
        self.return_button.setAccessibleName("Return the chosen proposal to its lead, saying why")
        self.reopen_button = QPushButton("R&eopen…")
        self.reopen_button.setAccessibleName("Reopen the chosen closed case")
        self.tabs = QTabWidget()
        first = QWidget()
        column = QVBoxLayout(first)
        column.addWidget(self.waiting, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.return_button)
        row.addWidget(self.approve_button)
        column.addLayout(row)
        second = QWidget()
        column = QVBoxLayout(second)
        column.addWidget(self.closed, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.reopen_button)
        column.addLayout(row)
        self.tabs.addTab(first, "&Waiting for approval")
        self.tabs.addTab(second, "&Closed recently")
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.detail)
        layout.addLayout(bottom)
        self.approve_button.clicked.connect(self.approve)
        self.return_button.clicked.connect(self.return_chosen)
        self.reopen_button.clicked.connect(self.reopen)
        for table in (self.waiting, self.closed):
            table.selectionModel().currentRowChanged.connect(lambda *_: self._chosen_changed())
        self.tabs.currentChanged.connect(lambda _i: self._chosen_changed())
        resize_within_screen(self, 1100, 560)
        self.reload()

    def reload(self) -> None:
        Operation(
            self.banner,
            lambda: (self._service.waiting(), self._service.recently_closed()),
            failed="",
            doing="reading closures",
        ).done(self._show).run()

    def _show(self, found) -> None:
        waiting, closed = found
        self.waiting_model.set_rows(waiting)
        self.closed_model.set_rows(closed)
        for table, rows in ((self.waiting, waiting), (self.closed, closed)):
            if rows:
                table.selectRow(0)
        self._chosen_changed()

    def chosen(self) -> ClosureView | None:
        if self.tabs.currentIndex() == 0:
            return _chosen(self.waiting, self.waiting_model)
        return _chosen(self.closed, self.closed_model)

    def _chosen_changed(self) -> None:
        row = self.chosen()
        self.detail.setText(details(row) if row else "")
        waiting = row is not None and self.tabs.currentIndex() == 0
        may_decide = waiting and row is not None and self._service.may_decide(row)
        self.approve_button.setEnabled(may_decide)
        self.return_button.setEnabled(may_decide)
        self.reopen_button.setEnabled(
            row is not None and self.tabs.currentIndex() == 1 and self._service.may_reopen(row)
        )

    def _done(self, message: str) -> Callable[[object], None]:
        def done(_view: object) -> None:
            self.banner.say(message)
            self._on_change()
            self.reload()

        return done

    def approve(self) -> None:
        row = self.chosen()
        if row is None:
            return
        Operation(
            self.banner,
            lambda: self._service.approve(row.id, row.version),
            failed="Not approved.",
            doing="approving a closure",
        ).done(self._done(f"{row.case_reference} is closed, and its plan with it.")).refused(
            lambda _e: self.reload()
        ).run()

    def return_chosen(self, why: str | None = None) -> None:
        row = self.chosen()
        if row is None:
            return
        if why is None:
            why, ok = QInputDialog.getMultiLineText(self, "Return the proposal", "Why is it returned to the lead?")
            if not ok:
                return
        Operation(
            self.banner,
            lambda: self._service.return_to_lead(row.id, row.version, why or ""),
            failed="Not returned.",
            doing="returning a closure",
        ).done(self._done(f"The proposal to close {row.case_reference} went back to its lead.")).run()

    def reopen(self, reason: str | None = None) -> None:
        row = self.chosen()
        if row is None:
            return
        if reason is None:
            reason, ok = QInputDialog.getMultiLineText(self, "Reopen the case", "Why is the case reopened?")
            if not ok:
                return
        Operation(
            self.banner,
            lambda: self._service.reopen(row.id, row.version, reason or ""),
            failed="Not reopened.",
            doing="reopening a case",
        ).done(self._done(f"{row.case_reference} is open again, with its plan.")).run()


# -- outcomes evidenced ---------------------------------------------------------------------------


class OutcomesModel(ReadOnlyTableModel[OutcomeEvidenced]):
    HEADERS = ("Area", "Outcome wanted", "Progress", "Sustained from", "Evidence", "Recorded")

    def display(self, row: OutcomeEvidenced, column: int) -> str:
        latest = row.latest
        values = (
            row.area.label,
            row.outcome_wanted,
            latest.progress_words if latest else "Not yet evidenced",
            day(latest.sustained_from) if latest and latest.sustained_from else "",
            latest.evidence.replace("\n", " ") if latest else "",
            f"{day(latest.recorded_on)}, {latest.recorded_by}" if latest else "",
        )
        return values[column]

    def tooltip(self, row: OutcomeEvidenced, column: int) -> str | None:
        lines = [f"{day(r.recorded_on)} ({r.recorded_by}): {r.words}" for r in row.records]
        return "\n".join(lines) or None


class OutcomeEvidenceWindow(QDialog):
    def __init__(
        self,
        service: OutcomeEvidenceService,
        case: CaseRef,
        plan_id: uuid.UUID,
        *,
        may_record: bool,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._service = service
        self._plan_id = plan_id
        self.setWindowTitle(f"Outcome evidence: {case.family_name} ({case.reference})")
        self.setAccessibleName(self.windowTitle())
        self.banner = Banner(self)
        self.errors = _Problems(self)
        self.model = OutcomesModel(self)
        self.table = record_table("The plan's outcomes and their evidence", self.model)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.progress = QComboBox()
        self.progress.setAccessibleName("Progress")
        for progress in OutcomeProgress:
            self.progress.addItem(PROGRESS_WORDS[progress], progress)
        self.sustained_from = QDateEdit(calendarPopup=True, displayFormat="d MMM yyyy")
        self.sustained_from.setAccessibleName("Sustained from")
        self.sustained_from.setDate(QDate.fromString(service.today().isoformat(), Qt.DateFormat.ISODate))
        self.evidence = _text("Evidence", "What shows it: attendance figures, a tenancy signed, a course finished…")
        self.record_button = QPushButton("&Record evidence", objectName="primaryButton")
        self.record_button.setAccessibleName("Record evidence for the chosen outcome")
        form = QFormLayout()
        form.addRow("&Progress:", self.progress)
        form.addRow("&Sustained from:", self.sustained_from)
        form.addRow("&Evidence:", self.evidence)
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(
            QLabel("Each record is kept; a later one says what changed.", objectName="hint", wordWrap=True), 1
        )
        bottom.addWidget(self.record_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        recording = QWidget()
        recording.setLayout(form)
        recording.setVisible(may_record)
        self.record_button.setVisible(may_record)
        layout.addWidget(self.errors)
        layout.addWidget(recording)
        layout.addLayout(bottom)
        self.progress.currentIndexChanged.connect(lambda _i: self._dated())
        self.record_button.clicked.connect(self.record)
        self._dated()
        resize_within_screen(self, 1100, 600)
        self.reload()

    def _dated(self) -> None:
        self.sustained_from.setEnabled(self.progress.currentData() in DATED)

    def reload(self) -> None:
        Operation(
            self.banner, lambda: self._service.for_plan(self._plan_id), failed="", doing="reading outcome evidence"
        ).done(self._show).run()

    def _show(self, outcomes: list[OutcomeEvidenced]) -> None:
        self.model.set_rows(outcomes)
        if outcomes and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self.record_button.setEnabled(bool(outcomes))

    def record(self) -> bool:
        row = _chosen(self.table, self.model)
        if row is None:
            return False
        progress = OutcomeProgress(self.progress.currentData())
        entry = EvidenceInput(
            progress,
            self.evidence.toPlainText(),
            to_date(self.sustained_from.date()) if progress in DATED else None,
        )

        def recorded(_view: object) -> None:
            self.errors.show_fields({})
            self.evidence.clear()
            self.banner.say(f"Recorded for {row.area.label}.")
            self.reload()

        return (
            Operation(
                self.banner,
                lambda: self._service.record(row.outcome_id, entry),
                failed="Not recorded.",
                doing="recording outcome evidence",
            )
            .at_fields(self.errors.show_fields)
            .done(recorded)
            .run()
        )


# -- opening ----------------------------------------------------------------------------------------


def propose_closure(
    parent: QWidget, banner: Banner, service: ClosureService, case: CaseRef, on_done: Callable[[], None]
) -> ProposeClosureDialog | None:
    found: list[ClosureForm] = []
    Operation(banner, lambda: service.form(case.case_id), failed="", doing="reading the plan's needs").done(
        found.append
    ).run()
    if not found:
        return None
    form = found[0]
    if form.waiting is not None:
        banner.say(f"Closing {case.reference} was proposed on {day(form.waiting.proposed_on)} and waits for approval.")
        return None

    def save(value: ClosureInput) -> bool:
        return (
            Operation(
                dialog.banner,
                lambda: service.propose(case.case_id, value),
                failed="Not proposed.",
                doing="proposing a closure",
            )
            .at_fields(dialog.show_errors)
            .run()
        )

    dialog = ProposeClosureDialog(form, save, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished(result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            banner.say(f"Closing {case.reference} is proposed: a locality manager will approve it or return it.")
            on_done()

    dialog.finished.connect(finished)
    dialog.open()
    return dialog


def open_closures(parent: QWidget, service: ClosureService, on_change: Callable[[], None]) -> ClosuresWindow:
    window = ClosuresWindow(service, on_change=on_change, parent=parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window


def open_outcome_evidence(
    parent: QWidget, service: OutcomeEvidenceService, case: CaseRef, plan_id: uuid.UUID, *, may_record: bool
) -> OutcomeEvidenceWindow:
    window = OutcomeEvidenceWindow(service, case, plan_id, may_record=may_record, parent=parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window
