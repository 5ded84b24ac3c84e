"""The case page's own sections: its summary, its plan (opened in the plan
editor of Cases and TAF plans, with its outcomes' evidence beneath) and its
documents (the register's entries for the case). The others reuse the
screens that were there before (ui/plans/case_windows.py, ui/actions_due.py)."""

from __future__ import annotations

import html
import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tafdesk.services.case_page import CaseSummary
from tafdesk.services.case_promises import PromiseState
from tafdesk.services.outcome_evidence import OutcomeEvidenceService
from tafdesk.services.plans import PlanService
from tafdesk.ui.banner import Banner
from tafdesk.ui.operation import Operation
from tafdesk.ui.plans.outcome_evidence import OutcomeEvidencePanel

if TYPE_CHECKING:
    from tafdesk.ui.case_page.window import CaseContext


def _e(text: str) -> str:
    return html.escape(text or "")


def summary_html(summary: CaseSummary) -> str:
    rows = [
        ("Family", f"{_e(summary.family_name)} ({_e(summary.family_reference)})"),
        ("Case", _e(summary.case_reference) + (" — a repeat referral" if summary.is_repeat else "")),
        ("Locality", _e(summary.locality)),
        ("Address", _e(summary.address)),
        ("State", _e(summary.state)),
        ("Lead professional", _e(summary.lead)),
        ("Plan", _e(summary.plan)),
    ]
    if summary.flag:
        rows.append(("For the group", _e(summary.flag)))
    table = "".join(f"<tr><th align=left valign=top>{k}</th><td>{v}</td></tr>" for k, v in rows)
    team = (
        "".join(f"<li>{_e(m.name)}, {_e(m.agency)} — {_e(m.role)}</li>" for m in summary.team)
        or "<li>No Team Around the Family yet</li>"
    )
    people = "".join(f"<li>{_e(p)}</li>" for p in summary.people)
    promises = ""
    if summary.promises:
        items = "".join(
            f"<li>{'<b>' if p.state is PromiseState.OVERDUE else ''}{_e(p.words)}"
            f"{'</b>' if p.state is PromiseState.OVERDUE else ''}</li>"
            for p in summary.promises
        )
        promises = f"<h3>The allocation letter's promises</h3><ul>{items}</ul>"
    return (
        f"<table cellspacing=6>{table}</table>"
        f"<h3>Team Around the Family</h3><ul>{team}</ul>"
        f"<h3>The family</h3><ul>{people}</ul>{promises}"
    )


class SummaryPanel(QWidget):
    def __init__(self, context: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Summary")
        self.text = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.text.setAccessibleName("Case summary")
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        context.summary_read.connect(self.show_summary)
        if context.summary is not None:
            self.show_summary(context.summary)

    def show_summary(self, summary: CaseSummary) -> None:
        self.text.setText(summary_html(summary))
        self.text.setAccessibleDescription(self.text.text())


class PlanPanel(QWidget):
    """The plan's state, the way into the plan editor, and its outcomes' evidence
    (Outcome evidence… was a button of My cases, acting on the row chosen there)."""

    def __init__(self, context: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Plan")
        self._context = context
        self.state = QLabel(wordWrap=True)
        self.open_button = QPushButton("&Open the plan", objectName="primaryButton")
        self.open_button.setAccessibleName("Open the family's plan in the plan editor")
        self.open_button.clicked.connect(lambda: context.plan_requested.emit(context.case))
        hint = QLabel(
            "The plan opens in Cases and TAF plans, in the main window: its needs, outcomes, "
            "SMART actions, reviews and versions, saved as you type.",
            objectName="hint",
            wordWrap=True,
        )
        row = QHBoxLayout()
        row.addWidget(self.state, 1)
        row.addWidget(self.open_button)
        self.evidence = EvidenceSection(context)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(hint)
        layout.addWidget(QLabel("Outcome evidence", objectName="sectionTitle"))
        layout.addWidget(self.evidence, 1)
        context.summary_read.connect(lambda s: self.state.setText(f"Plan: {s.plan}"))
        if context.summary is not None:
            self.state.setText(f"Plan: {context.summary.plan}")


class EvidenceSection(OutcomeEvidencePanel):
    """The outcomes of the case's newest plan version, with their evidence; read again with the page."""

    def __init__(self, context: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(OutcomeEvidenceService(context.db, context.actor), parent=parent)
        self._case_id = context.case.case_id
        self._plans = PlanService(context.db, context.actor)
        context.summary_read.connect(lambda _summary: self.read_plan())
        self.read_plan()

    def read_plan(self) -> None:
        case_id = self._case_id

        def read() -> tuple[uuid.UUID | None, bool]:
            versions = self._plans.versions(case_id)
            return (versions[-1][0] if versions else None), self._plans.may_edit(case_id)

        def show(found: tuple[uuid.UUID | None, bool]) -> None:
            plan_id, may_edit = found
            self.set_may_record(may_edit and plan_id is not None)
            self.show_plan(plan_id, none_why="The family has no plan yet, so no outcomes to evidence.")

        Operation(self.banner, read, failed="", doing="reading the plan's versions").done(show).run()


class DocumentsPanel(QWidget):
    """The register's documents about this case, newest first."""

    def __init__(self, context: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from tafdesk.services.documents import DocumentService
        from tafdesk.ui.documents.register_model import RegisterModel

        self.setAccessibleName("Documents")
        self._service = DocumentService(context.db, context.actor)
        self._case_id = context.case.case_id
        self.banner = Banner(self)
        self.model = RegisterModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setAccessibleName("Documents about this case")
        self.table.setModel(proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.count = QLabel(objectName="hint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.reload()

    def reload(self) -> None:
        Operation(
            self.banner,
            lambda: self._service.list(case_id=self._case_id),
            failed="The documents could not be read.",
            doing="reading a case's documents",
        ).done(self._show).run()

    def _show(self, entries) -> None:
        self.model.set_entries(entries)
        self.count.setText(
            "No documents have been made about this case."
            if not entries
            else f"{len(entries)} document{'s' * (len(entries) != 1)}; open them from Documents."
        )
