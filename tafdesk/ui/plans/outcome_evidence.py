"""Outcome evidence: each outcome of a plan with its records, and a new
record of progress with its evidence and the day it was sustained from (the
Supporting Families claims count from these days). One panel, shown in the
case page's Plan section and, from the plan editor, in a window of its own.
Every service call goes through an Operation."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tafdesk.models import OutcomeProgress
from tafdesk.services.outcome_evidence import (
    DATED,
    PROGRESS_WORDS,
    EvidenceInput,
    OutcomeEvidenced,
    OutcomeEvidenceService,
)
from tafdesk.ui.banner import Banner
from tafdesk.ui.field_errors import FieldMarks
from tafdesk.ui.operation import Operation
from tafdesk.ui.plans.loading import CaseRef
from tafdesk.ui.qt_dates import to_date
from tafdesk.ui.record_table import record_table
from tafdesk.ui.table_model import ReadOnlyTableModel
from tafdesk.ui.text import day
from tafdesk.ui.window_fit import resize_within_screen


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


def evidence_text(name: str, placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(placeholderText=placeholder)
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(70)
    edit.setMaximumHeight(120)
    return edit


class OutcomeEvidencePanel(QWidget):
    """The outcomes of one plan version (`show_plan`), and, for those who may, recording more."""

    def __init__(
        self, service: OutcomeEvidenceService, *, may_record: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._plan_id: uuid.UUID | None = None
        self.setAccessibleName("Outcome evidence")
        self.banner = Banner(self)
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
        self.evidence = evidence_text(
            "Evidence", "What shows it: attendance figures, a tenancy signed, a course finished…"
        )
        self.record_button = QPushButton("&Record evidence", objectName="primaryButton")
        self.record_button.setAccessibleName("Record evidence for the chosen outcome")
        self.note = QLabel(objectName="hint", wordWrap=True)
        self.marks = FieldMarks()  # a refused field's message beneath it, gone once the field is edited
        self.recording = QWidget()
        self._build(may_record)
        self.progress.currentIndexChanged.connect(lambda _i: self._dated())
        self.record_button.clicked.connect(self.record)
        self._dated()

    def _build(self, may_record: bool) -> None:
        # Mnemonics clear of the case page's tabs (S, H, N, A, P, Q, L, O, T, D).
        form = QFormLayout(self.recording)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self._label("Pro&gress:", self.progress), self.marks.cell("progress", self.progress))
        form.addRow(
            self._label("Sustained &from:", self.sustained_from),
            self.marks.cell("sustained_from", self.sustained_from),
        )
        form.addRow(self._label("&Evidence:", self.evidence), self.marks.cell("evidence", self.evidence))
        self.set_may_record(may_record)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(
            QLabel("Each record is kept; a later one says what changed.", objectName="hint", wordWrap=True), 1
        )
        bottom.addWidget(self.record_button)
        self.buttons = bottom  # a window adds its Close here
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.recording)
        layout.addLayout(bottom)
        self.note.hide()

    def set_may_record(self, may: bool) -> None:
        """Recording shown to those who may record (the plan's team, its managers); the rest read."""
        self.recording.setVisible(may)
        self.record_button.setVisible(may)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _dated(self) -> None:
        self.sustained_from.setEnabled(self.progress.currentData() in DATED)

    def show_plan(self, plan_id: uuid.UUID | None, *, none_why: str = "") -> None:
        """The outcomes of this plan version; None: there is no plan, `none_why` says so."""
        self._plan_id = plan_id
        self.note.setText(none_why)
        self.note.setVisible(plan_id is None and bool(none_why))
        if plan_id is None:
            self._show([])
            return
        self.reload()

    def reload(self) -> None:
        plan_id = self._plan_id
        if plan_id is None:
            return
        Operation(
            self.banner, lambda: self._service.for_plan(plan_id), failed="", doing="reading outcome evidence"
        ).done(self._show).run()

    def _show(self, outcomes: list[OutcomeEvidenced]) -> None:
        self.model.set_rows(outcomes)
        if outcomes and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self.record_button.setEnabled(bool(outcomes))

    def chosen(self) -> OutcomeEvidenced | None:
        index = self.table.currentIndex()
        proxy = self.table.model()
        return self.model.row_at(proxy.mapToSource(index)) if index.isValid() else None  # type: ignore[attr-defined]

    def record(self) -> bool:
        row = self.chosen()
        if row is None:
            return False
        progress = OutcomeProgress(self.progress.currentData())
        entry = EvidenceInput(
            progress,
            self.evidence.toPlainText(),
            to_date(self.sustained_from.date()) if progress in DATED else None,
        )

        def recorded(_view: object) -> None:
            self.evidence.clear()
            self.marks.clear()
            self.banner.say(f"Recorded for {row.area.label}.")
            self.reload()

        return (
            Operation(
                self.banner,
                lambda: self._service.record(row.outcome_id, entry),
                failed="Not recorded.",
                doing="recording outcome evidence",
            )
            .at_fields(self.marks.at_fields(self.banner, "Not recorded."))
            .done(recorded)
            .run()
        )


class OutcomeEvidenceWindow(QDialog):
    """The panel in a window of its own, for the plan's Outcome evidence… button."""

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
        self.setWindowTitle(f"Outcome evidence: {case.family_name} ({case.reference})")
        self.setAccessibleName(self.windowTitle())
        self.panel = OutcomeEvidencePanel(service, may_record=may_record, parent=self)
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        self.panel.buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        resize_within_screen(self, 1100, 600)
        self.panel.show_plan(plan_id)


def open_outcome_evidence(
    parent: QWidget, service: OutcomeEvidenceService, case: CaseRef, plan_id: uuid.UUID, *, may_record: bool
) -> OutcomeEvidenceWindow:
    window = OutcomeEvidenceWindow(service, case, plan_id, may_record=may_record, parent=parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window
