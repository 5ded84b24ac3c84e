"""Widening who may be allocated: the chair picks an agency not at the table
(it sent a written update, say) and gives the reason, which decisions that
use its professionals carry into the minutes."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QBoxLayout, QComboBox, QLabel, QWidget

from tafdesk.ui.meetings.reason_dialog import ReasonDialog


class WidenDialog(ReasonDialog):
    def __init__(
        self, parent: QWidget, agencies: Sequence[tuple[uuid.UUID, str]], widen: Callable[[uuid.UUID, str], object]
    ) -> None:
        super().__init__(
            parent,
            title="Consider an agency not at the table",
            accept_label="Consider its professionals",
            minimum=5,
            submit=lambda reason: widen(self.agency.currentData(), reason),
            prompt="Only the professionals of agencies at the table are offered as leads. The group may consider "
            "another agency's professionals: say why, and decisions that use them record the reason.",
            placeholder="e.g. Sent a written update offering a worker",
            failed="Its professionals are not considered.",
            doing="widening who may lead",
        )
        self.agency = QComboBox()
        self.agency.setAccessibleName("Agency not at the table")
        for agency_id, name in agencies:
            self.agency.addItem(name, agency_id)
        agency_label, reason_label = QLabel("&Agency:"), QLabel("&Reason:")
        agency_label.setBuddy(self.agency)
        reason_label.setBuddy(self.reason)
        layout = self.layout()
        assert isinstance(layout, QBoxLayout)  # the reason dialog's column
        for position, widget in enumerate((agency_label, self.agency, reason_label), start=1):
            layout.insertWidget(position, widget)
        self.agency.setFocus()
