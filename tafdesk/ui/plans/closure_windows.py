"""Closing a case, from its case page's Closure section, the plan and the
lists of cases:

- Propose closure…: the reason, for each need of the plan whether it was met,
  partly met or not met, the family's view and a closure summary; it waits
  for a locality manager.
- Closures…: the proposals waiting (a locality manager approves or returns
  them, saying why) and the cases closed recently (Reopen…, within the
  council's period, with a reason).
- approve, return_to_lead and reopen: one closure decided, wherever it is chosen.

(Outcome evidence is in outcome_evidence.py.) Every service call goes
through an Operation."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tafdesk.models import ClosureReason, NeedMet
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
from tafdesk.ui.banner import Banner
from tafdesk.ui.field_errors import FieldMarks, error_label
from tafdesk.ui.operation import Operation
from tafdesk.ui.plans.loading import CaseRef
from tafdesk.ui.plans.outcome_evidence import evidence_text
from tafdesk.ui.record_table import record_table
from tafdesk.ui.scrolling import scrolling
from tafdesk.ui.table_model import ReadOnlyTableModel
from tafdesk.ui.text import day
from tafdesk.ui.window_fit import resize_within_screen


def chosen_row(table: QTableView, model: ReadOnlyTableModel):
    index = table.currentIndex()
    proxy = table.model()
    return model.row_at(proxy.mapToSource(index)) if index.isValid() else None  # type: ignore[attr-defined]


# -- proposing -----------------------------------------------------------------------------------


class ProposeClosureDialog(QDialog):
    """The lead's proposal: reason, needs met, the family's view, the summary."""

    def __init__(self, form: ClosureForm, save: Callable[[ClosureInput], bool], parent: QWidget | None = None):
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(f"Propose closing: {form.family_name} ({form.case_reference})")
        self.setAccessibleName(self.windowTitle())
        self.banner = Banner(self)
        self.marks = FieldMarks()  # a refused field's message beneath it, gone once the field is edited
        self.errors = error_label("closure")  # what names no field here
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
        self.family_view = evidence_text("The family's view", "What the family say about closing, in their words")
        self.summary = evidence_text("Closure summary", "What the Team Around the Family did, and what changed")
        marks = self.marks
        body = QWidget()
        parts = QVBoxLayout(body)
        parts.setContentsMargins(0, 0, 0, 0)
        parts.addWidget(self.banner)
        parts.addWidget(self.errors)
        top = QFormLayout()
        top.addRow("&Reason:", marks.cell("reason", self.reason))
        parts.addLayout(top)
        parts.addWidget(QLabel("<b>The plan's needs</b>"))
        parts.addWidget(needs)
        parts.addWidget(marks.bind("needs", needs, focus=next(iter(self.met.values()), None)))
        lower = QFormLayout()
        lower.addRow("The &family's view:", marks.cell("family_view", self.family_view))
        lower.addRow("Closure &summary:", marks.cell("summary", self.summary))
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
        """Each message at its field; any other above the form."""
        self.marks.show_all(fields, self.errors)


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
        self.decide = ClosureDecisions(self, self.banner, service, self._decided)
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
            return chosen_row(self.waiting, self.waiting_model)
        return chosen_row(self.closed, self.closed_model)

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

    def _decided(self) -> None:
        self._on_change()
        self.reload()

    def approve(self) -> None:
        row = self.chosen()
        if row is not None:
            self.decide.approve(row)

    def return_chosen(self, why: str | None = None) -> None:
        row = self.chosen()
        if row is not None:
            self.decide.return_to_lead(row, why)

    def reopen(self, reason: str | None = None) -> None:
        row = self.chosen()
        if row is not None:
            self.decide.reopen(row, reason)


class ClosureDecisions:
    """Approving, returning and reopening one closure, wherever it was chosen
    (the Closures window, a case page): what was done said in `banner`, then
    `decided()` (read again); a refused approval is read again too."""

    def __init__(self, parent: QWidget, banner: Banner, service: ClosureService, decided: Callable[[], None]):
        self._parent, self._banner, self._service, self._decided = parent, banner, service, decided

    def _done(self, message: str) -> Callable[[object], None]:
        def done(_view: object) -> None:
            self._banner.say(message)
            self._decided()

        return done

    def approve(self, row: ClosureView) -> None:
        Operation(
            self._banner,
            lambda: self._service.approve(row.id, row.version),
            failed="Not approved.",
            doing="approving a closure",
        ).done(self._done(f"{row.case_reference} is closed, and its plan with it.")).refused(
            lambda _e: self._decided()
        ).run()

    def return_to_lead(self, row: ClosureView, why: str | None = None) -> None:
        if why is None:
            why, ok = QInputDialog.getMultiLineText(
                self._parent, "Return the proposal", "Why is it returned to the lead?"
            )
            if not ok:
                return
        Operation(
            self._banner,
            lambda: self._service.return_to_lead(row.id, row.version, why or ""),
            failed="Not returned.",
            doing="returning a closure",
        ).done(self._done(f"The proposal to close {row.case_reference} went back to its lead.")).run()

    def reopen(self, row: ClosureView, reason: str | None = None) -> None:
        if reason is None:
            reason, ok = QInputDialog.getMultiLineText(self._parent, "Reopen the case", "Why is the case reopened?")
            if not ok:
                return
        Operation(
            self._banner,
            lambda: self._service.reopen(row.id, row.version, reason or ""),
            failed="Not reopened.",
            doing="reopening a case",
        ).done(self._done(f"{row.case_reference} is open again, with its plan.")).run()


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
