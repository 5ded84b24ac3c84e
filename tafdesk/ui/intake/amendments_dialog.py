"""Amended profiles: a profile_id imported again with other content. Business
support see each field that differs and take the amendment as the profile's
next version, or reject it. Reading and deciding go through Operations
(ui/operation.py): what was done, or why not, is said in the dialog's banner."""

from __future__ import annotations

import logging
import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tafdesk.services.actor import Permission
from tafdesk.services.amendment_review import AmendmentService, PendingAmendment
from tafdesk.ui.banner import Banner
from tafdesk.ui.intake.rights import IntakeRights
from tafdesk.ui.operation import Operation
from tafdesk.ui.window_fit import resize_within_screen

log = logging.getLogger(__name__)


def _shown(value: object) -> str:
    if value is None:
        return "(not given)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


class AmendmentsDialog(QDialog):
    changed = Signal(str)  # what was done, for the page's message

    def __init__(self, service: AmendmentService, rights: IntakeRights, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Amended profiles")
        self.setObjectName("amendmentsDialog")
        self._service = service
        self.pending: list[PendingAmendment] = []
        self.list = QListWidget(objectName="amendmentList")
        self.list.setAccessibleName("Amended profiles waiting")
        self.heading = QLabel(objectName="formTitle", wordWrap=True)
        self.table = QTableWidget(0, 3, objectName="amendmentDifferences")
        self.table.setHorizontalHeaderLabels(["Field", "Stored now", "In the amended profile"])
        self.table.setAccessibleName("What differs, field by field")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.banner = Banner()
        self.take = QPushButton("Take as amended profile")
        self.reject_button = QPushButton("Reject amendment")
        may = rights.can(Permission.IMPORT_PROFILES)
        for button in (self.take, self.reject_button):
            button.setEnabled(may)
            if not may:
                button.setToolTip(rights.why_not(Permission.IMPORT_PROFILES))
        self._build()
        self.list.currentRowChanged.connect(self._show)
        self.take.clicked.connect(lambda: self._decide(accept=True))
        self.reject_button.clicked.connect(lambda: self._decide(accept=False))
        self.reload()
        resize_within_screen(self, 1000, 520)

    def _build(self) -> None:
        self.list.setMaximumWidth(300)
        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.take)
        right.addLayout(buttons)
        body = QHBoxLayout()
        body.addWidget(self.list)
        body.addLayout(right, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "These profiles were imported before under the same reference, and have come again with different "
                "content: a corrected re-issue, or another family under a reference used twice. Take an amendment to "
                "make it the profile's next version (the earlier one stays on record), or reject it and ask the "
                "access team.",
                objectName="hint",
                wordWrap=True,
            )
        )
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)
        layout.addWidget(close)

    def reload(self) -> None:
        Operation(
            self.banner,
            self._service.pending,
            failed="The amended profiles could not be read.",
            doing="reading amendments",
        ).done(self._show_pending).refused(lambda _error: self._show_pending([])).run()

    def _show_pending(self, pending: list[PendingAmendment]) -> None:
        self.pending = pending
        self.list.clear()
        for item in self.pending:
            entry = QListWidgetItem(f"{item.profile_ref}\n{item.family_name} · {item.case_reference or 'no case'}")
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            self.list.addItem(entry)
        self.list.setCurrentRow(0 if self.pending else -1)
        if not self.pending:
            self._show(-1)

    def _show(self, row: int) -> None:
        chosen = self.pending[row] if 0 <= row < len(self.pending) else None
        self.take.setVisible(chosen is not None)
        self.reject_button.setVisible(chosen is not None)
        self.table.setRowCount(0)
        if chosen is None:
            self.heading.setText("No amended profiles are waiting.")
            return
        names = (
            chosen.family_name
            if chosen.amended_family_name == chosen.family_name
            else (f"{chosen.family_name}, now {chosen.amended_family_name}")
        )
        count = len(chosen.differences)
        self.heading.setText(
            f"{chosen.profile_ref} ({names}): {count} field{'s differ' if count != 1 else ' differs'}, received "
            f"{chosen.received_at.astimezone():%d %b %Y %H:%M} from {chosen.source or 'an import'}"
        )
        self.table.setRowCount(len(chosen.differences))
        for row_index, difference in enumerate(chosen.differences):
            for column, text in enumerate((difference.path, _shown(difference.stored), _shown(difference.amended))):
                self.table.setItem(row_index, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()

    def chosen(self) -> PendingAmendment | None:
        row = self.list.currentRow()
        return self.pending[row] if 0 <= row < len(self.pending) else None

    def _decide(self, *, accept: bool) -> None:
        chosen = self.chosen()
        if chosen is None:
            return

        def decide() -> str:
            if accept:
                number = self._service.accept(chosen.id, chosen.version)
                return f"Took the amended {chosen.profile_ref} as version {number} of the profile."
            self._service.reject(chosen.id, chosen.version)
            return f"Rejected the amendment to {chosen.profile_ref}; the stored profile is unchanged."

        def decided(done: str) -> None:
            log.info("amendment %s %s", chosen.id, "accepted" if accept else "rejected")
            self.changed.emit(done)
            self.reload()
            self.banner.say(done)

        Operation(
            self.banner,
            decide,
            failed="Not taken." if accept else "Not rejected.",
            doing="deciding on an amendment",
        ).done(decided).refused(lambda _error: self._reread()).run()

    def _reread(self) -> None:
        """After a refusal: the list as it is now, the refusal still said."""
        Operation(
            self.banner,
            self._service.pending,
            failed="The amended profiles could not be read.",
            doing="reading amendments",
        ).reading().done(self._show_pending).run()

    def select(self, amendment_id: uuid.UUID) -> None:
        for row, item in enumerate(self.pending):
            if item.id == amendment_id:
                self.list.setCurrentRow(row)
