"""A case's requests to the group (raise one, see their state, record a
step-up referral's outcome), and the changes of lead waiting for the
signed-in person's answer. The first opens from the case page's Requests
and changes section, the second from My cases; every service call goes
through an Operation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tafdesk.models import ReferralOutcome, RequestKind
from tafdesk.services.lead_changes import LeadChangeRow, LeadChangeService
from tafdesk.services.requests import KIND_WORDS, REFERRAL_WORDS, RequestRow, RequestService
from tafdesk.ui.banner import Banner
from tafdesk.ui.field_errors import FieldMarks
from tafdesk.ui.operation import Operation
from tafdesk.ui.plans.loading import CaseRef
from tafdesk.ui.record_table import record_table
from tafdesk.ui.table_model import ReadOnlyTableModel
from tafdesk.ui.window_fit import resize_within_screen


def _day(value) -> str:
    return f"{value.day} {value:%b %Y}" if value else ""


class RequestsModel(ReadOnlyTableModel[RequestRow]):
    HEADERS = ("Raised", "Request", "Reason", "State", "The group's rationale", "Referral to social care")

    def display(self, row: RequestRow, column: int) -> str:
        return (
            _day(row.raised_on),
            row.kind_words,
            row.reason.replace("\n", " "),
            row.state_words,
            (row.rationale or "").replace("\n", " "),
            row.referral_words,
        )[column]


class LeadChangesModel(ReadOnlyTableModel[LeadChangeRow]):
    HEADERS = ("Proposed", "Case", "From", "To", "Locality", "Reason", "Proposed by")

    def display(self, row: LeadChangeRow, column: int) -> str:
        locality = f"{row.from_locality} → {row.to_locality}" if row.moves_locality else row.to_locality
        return (
            _day(row.proposed_on),
            f"{row.family_name} ({row.case_reference})",
            row.from_lead or "—",
            row.to_lead,
            locality,
            row.reason.replace("\n", " "),
            row.proposed_by,
        )[column]


def _chosen(table, model):
    index = table.currentIndex()
    return model.row_at(table.model().mapToSource(index)) if index.isValid() else None


class RequestsWindow(QDialog):
    def __init__(self, service: RequestService, case: CaseRef, *, may_raise: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self._case = case
        self.setWindowTitle(f"Requests to the group: {case.family_name} ({case.reference})")
        self.setAccessibleName(self.windowTitle())
        self.banner = Banner(self)
        self.model = RequestsModel(self)
        self.table = record_table("Requests to the group", self.model)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.kind = QComboBox()
        self.kind.setAccessibleName("What to ask the group")
        for kind in RequestKind:
            self.kind.addItem(KIND_WORDS[kind], kind)
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName("Why the group should look at this case")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.fontMetrics().height() * 4)
        self.raise_button = QPushButton("&Raise with the group", objectName="primaryButton")
        self.raise_button.setAccessibleName("Raise the request with the group")
        self.raise_button.clicked.connect(self.raise_request)
        self.outcome_button = QPushButton("Referral &outcome…")
        self.outcome_button.setAccessibleName("Record children's social care's answer to the chosen referral")
        self.outcome_button.clicked.connect(self.record_outcome)
        self.marks = FieldMarks()  # a refused field's message beneath it, gone once the field is edited
        form = QFormLayout()
        kind_label, reason_label = QLabel("&Request:"), QLabel("Rea&son:")
        kind_label.setBuddy(self.kind)
        reason_label.setBuddy(self.reason)
        form.addRow(kind_label, self.marks.cell("kind", self.kind))
        form.addRow(reason_label, self.marks.cell("reason", self.reason))
        self.form = QWidget()
        self.form.setLayout(form)
        self.form.setVisible(may_raise)
        self.raise_button.setVisible(may_raise)
        self.outcome_button.setVisible(may_raise)
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(
            QLabel(
                "A request goes on the locality's next meeting; the group approves, declines or defers it.",
                objectName="hint",
                wordWrap=True,
            ),
            1,
        )
        buttons.addWidget(self.outcome_button)
        buttons.addWidget(self.raise_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        resize_within_screen(self, 1100, 560)
        self.reload()

    def reload(self) -> None:
        Operation(
            self.banner, lambda: self._service.requests(self._case.case_id), failed="", doing="reading requests"
        ).done(self.model.set_rows).run()

    def raise_request(self) -> None:
        kind, reason = RequestKind(self.kind.currentData()), self.reason.toPlainText()
        done = (
            Operation(
                self.banner,
                lambda: self._service.raise_request(self._case.case_id, kind, reason),
                failed="Not raised.",
                doing="raising a request to the group",
            )
            .at_fields(self.marks.at_fields(self.banner, "Not raised."))
            .run()
        )
        if done:
            self.reason.clear()
            self.banner.say(f"{KIND_WORDS[kind]} raised: it goes on the next meeting's agenda.")
            self.reload()

    def record_outcome(self) -> None:
        row = _chosen(self.table, self.model)
        if row is None or row.referred_on is None:
            self.banner.say("Choose an approved step-up: it is the referral to children's social care.", error=True)
            return
        words = [REFERRAL_WORDS[o] for o in ReferralOutcome]
        chosen, ok = QInputDialog.getItem(
            self, "Referral outcome", "What children's social care decided:", words, 0, False
        )
        if not ok:
            return
        outcome = list(ReferralOutcome)[words.index(chosen)]
        note, ok = QInputDialog.getText(self, "Referral outcome", "Note (what was decided, by whom):")
        if not ok:
            return
        today = self._service.today()
        if (
            Operation(
                self.banner,
                lambda: self._service.record_referral_outcome(row.id, row.version, outcome, today, note),
                failed="Not recorded.",
                doing="recording a referral's outcome",
            )
            .at_fields(self.marks.at_fields(self.banner, "Not recorded."))
            .run()
        ):
            self.reload()


class LeadChangesWindow(QDialog):
    """Proposed changes of lead waiting for the signed-in person's answer."""

    def __init__(self, service: LeadChangeService, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self.setWindowTitle("Changes of lead to answer")
        self.setAccessibleName(self.windowTitle())
        self.banner = Banner(self)
        self.model = LeadChangesModel(self)
        self.table = record_table("Changes of lead to answer", self.model)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.accept_button = QPushButton("&Accept", objectName="primaryButton")
        self.decline_button = QPushButton("&Decline…")
        self.accept_button.setAccessibleName("Accept the chosen change of lead")
        self.decline_button.setAccessibleName("Decline the chosen change of lead, saying why")
        self.accept_button.clicked.connect(self.accept_change)
        self.decline_button.clicked.connect(self.decline_change)
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(
            QLabel(
                "Accepting makes the new lead responsible from today; then make the letters to the family "
                "and the new lead.",
                objectName="hint",
                wordWrap=True,
            ),
            1,
        )
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.decline_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        resize_within_screen(self, 1100, 480)
        self.reload()

    def reload(self) -> None:
        Operation(self.banner, self._service.to_answer, failed="", doing="reading changes of lead").done(
            self._show
        ).run()

    def _show(self, rows: list[LeadChangeRow]) -> None:
        self.model.set_rows(rows)
        self.accept_button.setEnabled(bool(rows))
        self.decline_button.setEnabled(bool(rows))
        if rows:
            self.table.selectRow(0)

    def accept_change(self) -> None:
        row = _chosen(self.table, self.model)
        if row is None:
            return
        if Operation(
            self.banner,
            lambda: self._service.accept(row.id, row.version),
            failed="Not accepted.",
            doing="accepting a change of lead",
        ).run():
            self.banner.say(f"{row.to_lead} now leads {row.case_reference}.")
            self.reload()

    def decline_change(self) -> None:
        row = _chosen(self.table, self.model)
        if row is None:
            return
        note, ok = QInputDialog.getText(self, "Decline the change of lead", "Why is it declined?")
        if (
            ok
            and Operation(
                self.banner,
                lambda: self._service.decline(row.id, row.version, note),
                failed="Not declined.",
                doing="declining a change of lead",
            ).run()
        ):
            self.reload()


def open_lead_changes(parent: QWidget, service: LeadChangeService) -> LeadChangesWindow:
    window = LeadChangesWindow(service, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window
