"""The chair shares a family's restricted 360° items with members of its
Team Around the Family, or withdraws them: one tick per item and member.
Saved through RestrictedShareService, which audits each change, as an
Operation (ui/operation.py): a refusal is said in the dialog's banner and
the ticks stay as they are. The items are read before the dialog is made:
the opener says why if they cannot be."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tafdesk.services.restricted_shares import RestrictedItem, RestrictedShareService
from tafdesk.ui.banner import Banner
from tafdesk.ui.operation import Operation

NO_TEAM = (
    "The family has no Team Around the Family yet: once the group has allocated a lead (and a team), "
    "the chair can share a restricted item with one of them."
)
WHY = (
    "Restricted information is read by this locality's managers and business support only. Tick a member of the "
    "team to let them read that one item too; untick to withdraw it. Each change is in the audit trail."
)


class ShareDialog(QDialog):
    """`involvement_id`: open at one item (the others are still listed)."""

    def __init__(
        self,
        service: RestrictedShareService,
        case_id: uuid.UUID,
        family: str,
        involvement_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        items = service.items(case_id)  # first: refused, no dialog is left behind
        super().__init__(parent)
        self.setObjectName("shareDialog")
        self.setWindowTitle(f"Share restricted information: the {family} family")
        self.setAccessibleName("Share restricted information")
        self._service = service
        self.items: list[RestrictedItem] = items
        self.banner = Banner()
        self.ticks: dict[tuple[uuid.UUID, uuid.UUID], QCheckBox] = {}
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self._build(involvement_id)

    def _build(self, focus: uuid.UUID | None) -> None:
        body = QWidget()
        column = QVBoxLayout(body)
        team = bool(self.items and self.items[0].choices)
        column.addWidget(QLabel(WHY if team else NO_TEAM, objectName="pageText", wordWrap=True))
        if not self.items:
            column.addWidget(QLabel("This family's profile has no restricted items.", objectName="pageText"))
        for item in self.items:
            box = QGroupBox(f"{item.agency} (restricted)")
            box.setAccessibleName(f"{item.agency}, restricted")
            rows = QVBoxLayout(box)
            summary = QLabel(item.summary or "No summary given.", wordWrap=True)
            rows.addWidget(summary)
            for choice in item.choices:
                tick = QCheckBox(f"Share with {choice.name} ({choice.role.lower()})", checked=choice.shared)
                tick.setAccessibleName(f"Share {item.agency}'s item with {choice.name}")
                rows.addWidget(tick)
                self.ticks[(item.involvement_id, choice.professional_id)] = tick
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its ticks take Tab, and are scrolled into view
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(bool(self.ticks))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        first = [tick for (item_id, _), tick in self.ticks.items() if item_id == focus] or list(self.ticks.values())
        self._first = first[0] if first else self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.resize(620, min(560, body.sizeHint().height() + self.buttons.sizeHint().height() + 40))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._first.setFocus()  # the item whose link was chosen

    def save(self) -> bool:
        """Share and withdraw as ticked; True (and the dialog accepted) if all was saved."""
        return (
            Operation(self.banner, self._store, failed="Not saved.", doing="sharing restricted information")
            .done(lambda _done: self.accept())
            .run()
        )

    def _store(self) -> None:
        for item in self.items:
            for choice in item.choices:
                wanted = self.ticks[(item.involvement_id, choice.professional_id)].isChecked()
                if wanted and not choice.shared:
                    self._service.share(item.involvement_id, choice.professional_id)
                elif choice.shared and not wanted:
                    self._service.withdraw(item.involvement_id, choice.professional_id)
