"""The case page's Closure section (Propose closure… was a button of My
cases, acting on the row chosen there): every proposal to close the case,
newest first, with what it said; Propose closure… (the lead professional or
a locality manager), Approve and Return… (a locality manager of its
locality) and Reopen… (within the council's period, set by an
administrator in Settings). Every service call goes through an Operation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from tafdesk.models import ClosureStatus
from tafdesk.services.actor import Permission
from tafdesk.services.closure import ClosureService, ClosureView
from tafdesk.ui.banner import Banner
from tafdesk.ui.operation import Operation
from tafdesk.ui.plans.closure_windows import ClosureDecisions, ClosuresModel, chosen_row, details, propose_closure
from tafdesk.ui.record_table import record_table

if TYPE_CHECKING:
    from tafdesk.ui.case_page.window import CaseContext


class ClosurePanel(QWidget):
    def __init__(self, context: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Closure")
        self._context = context
        actor = context.actor
        self.service = ClosureService(context.db, actor)
        self.banner = Banner(self)
        self.decide = ClosureDecisions(self, self.banner, self.service, self._changed)
        self.model = ClosuresModel(self)
        self.table = record_table("Proposals to close this case", self.model)
        for column in (0, 1):  # the case and the family: the page's own
            self.table.setColumnHidden(column, True)
        self.detail = QLabel(wordWrap=True, objectName="hint")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAccessibleDescription("The chosen proposal")
        # Mnemonics clear of the case page's tabs (S, H, N, A, P, Q, L, O, T, D).
        self.propose_button = QPushButton("Propose &closure…", objectName="primaryButton")
        self.propose_button.setAccessibleName("Propose closure of this case")
        self.approve_button = QPushButton("Appro&ve")
        self.approve_button.setAccessibleName("Approve closing this case")
        self.return_button = QPushButton("Ret&urn…")
        self.return_button.setAccessibleName("Return the proposal to its lead, saying why")
        self.reopen_button = QPushButton("&Reopen…")
        self.reopen_button.setAccessibleName("Reopen this closed case")
        self.propose_button.setVisible(actor.can(Permission.EDIT_PLANS))
        for button in (self.approve_button, self.return_button):
            button.setVisible(actor.can(Permission.APPROVE_CLOSURE))
        self.reopen_button.setVisible(actor.can(Permission.EDIT_PLANS))
        self._build()
        self.propose_button.clicked.connect(self.propose)
        self.approve_button.clicked.connect(lambda: self._with_chosen(self.decide.approve))
        self.return_button.clicked.connect(lambda: self._with_chosen(self.decide.return_to_lead))
        self.reopen_button.clicked.connect(lambda: self._with_chosen(self.decide.reopen))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._follow_choice())
        self.reload()

    def _build(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(
            QLabel(
                "A locality manager approves closing before the case and its plan close; a closed case can be "
                "reopened until the day shown, after that the family needs a new referral.",
                objectName="hint",
                wordWrap=True,
            ),
            1,
        )
        for button in (self.reopen_button, self.return_button, self.approve_button, self.propose_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)

    def reload(self) -> None:
        case_id = self._context.case.case_id
        Operation(
            self.banner, lambda: self.service.closures(case_id), failed="", doing="reading a case's closures"
        ).done(self._show).run()

    def _show(self, closures: list[ClosureView]) -> None:
        self.model.set_rows(closures)
        if closures:
            self.table.selectRow(0)
        waiting_or_closed = any(
            c.status is ClosureStatus.PROPOSED or (c.status is ClosureStatus.APPROVED and c.reopened_on is None)
            for c in closures
        )
        self.propose_button.setEnabled(not waiting_or_closed)
        self._follow_choice()

    def chosen(self) -> ClosureView | None:
        return chosen_row(self.table, self.model)

    def _follow_choice(self) -> None:
        row = self.chosen()
        self.detail.setText(details(row) if row else "No one has proposed closing this case.")
        waiting = row is not None and row.status is ClosureStatus.PROPOSED
        may_decide = waiting and row is not None and self.service.may_decide(row)
        self.approve_button.setEnabled(may_decide)
        self.return_button.setEnabled(may_decide)
        self.reopen_button.setEnabled(row is not None and self.service.may_reopen(row))

    def _with_chosen(self, act) -> None:
        row = self.chosen()
        if row is not None:
            act(row)

    def _changed(self) -> None:
        """A closure proposed, decided or reopened: this section, and the page's summary (the case's state)."""
        self.reload()
        self._context.changed.emit()

    def propose(self):
        return propose_closure(self, self.banner, self.service, self._context.case, self._changed)
