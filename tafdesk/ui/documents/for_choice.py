"""The "For:" row of the letterhead dialog and the template editor: the whole
council or one locality, a line saying whether that locality has its own or
follows the council-wide one, and a button to make it follow again."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from tafdesk.services.locality_choice import ForChoice


class ForChoiceRow(QWidget):
    """`what` names the thing chosen for, as a sentence says it ("letterhead",
    "template"); `may_leave` is asked before another choice is shown (False:
    the user keeps what they were editing). `beside`: the status line to the
    right of the button (a wide window) rather than under them."""

    chosen = Signal()  # another choice was made: show its content
    follow_requested = Signal()

    def __init__(
        self, what: str, may_leave: Callable[[], bool], *, beside: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._what = what
        self._may_leave = may_leave
        self._choices: list[ForChoice] = []
        self._shown = 0  # the index whose content the dialog shows
        self.combo = QComboBox(objectName="forChoice")
        self.combo.setAccessibleName(f"Whose {what}")
        self.status = QLabel("", objectName="forStatus", wordWrap=True)
        self.status.setAccessibleDescription(f"Whose {what} is shown")
        self.follow = QPushButton("Follow co&uncil-wide", objectName="followCouncil")
        self.follow.setToolTip(f"Let this locality use the council-wide {what} again")
        self.caption = QLabel("Fo&r")
        self.caption.setBuddy(self.combo)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.caption)
        top.addWidget(self.combo, 0 if beside else 1)
        top.addWidget(self.follow)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        if beside:
            top.addSpacing(12)
            top.addWidget(self.status, 1)
        else:
            layout.addWidget(self.status)
        self.combo.currentIndexChanged.connect(self._picked)
        self.follow.clicked.connect(self.follow_requested)

    def set_choices(self, choices: list[ForChoice], keep: uuid.UUID | None = None) -> None:
        """Offer these, choosing `keep` (the locality shown before) again."""
        self._choices = list(choices)
        self.combo.blockSignals(True)
        self.combo.clear()
        for choice in self._choices:
            self.combo.addItem(_item_text(choice))
        index = next((i for i, c in enumerate(self._choices) if c.locality_id == keep), 0)
        self.combo.setCurrentIndex(index)
        self.combo.blockSignals(False)
        self._shown = index
        self._describe()

    def current(self) -> ForChoice:
        return self._choices[self._shown]

    def locality_id(self) -> uuid.UUID | None:
        return self.current().locality_id if self._choices else None

    def whose(self) -> str:
        """ "the council-wide" or "North’s", as a sentence names what is shown."""
        choice = self.current()
        return "the council-wide" if choice.locality_id is None else f"{choice.name}’s"

    def confirm_follow(self, parent: QWidget) -> bool:
        name = self.current().name
        answer = QMessageBox.question(
            parent,
            f"Follow the council-wide {self._what}",
            f"{name}’s own {self._what} will no longer be used: {name}’s documents will carry the council-wide "
            f"{self._what} from now on. Continue?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _picked(self, index: int) -> None:
        if not self._may_leave():
            self.combo.blockSignals(True)
            self.combo.setCurrentIndex(self._shown)
            self.combo.blockSignals(False)
            return
        self._shown = index
        self._describe()
        self.chosen.emit()

    def _describe(self) -> None:
        if not self._choices:
            return
        choice, what = self.current(), self._what
        if choice.locality_id is None:
            own = [c.name for c in self._choices if c.locality_id is not None and c.own]
            text = f"Every locality without its own uses this {what}." + (
                f" {_and(own)} {'has its' if len(own) == 1 else 'have their'} own." if own else ""
            )
        elif choice.own:
            text = f"{choice.name} has its own {what}."
        else:
            text = f"{choice.name} uses the council-wide {what}, shown here; saving gives {choice.name} its own."
        self.status.setText(text)
        self.follow.setEnabled(choice.locality_id is not None and choice.own)


def _item_text(choice: ForChoice) -> str:
    if choice.locality_id is None:
        return choice.name
    return f"{choice.name} ({'its own' if choice.own else 'follows council-wide'})"


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def discard_changes(parent: QWidget, whose: str) -> bool:
    """Asked before showing something else over unsaved edits: True to discard them."""
    answer = QMessageBox.question(
        parent,
        "Unsaved changes",
        f"Discard your changes to {whose}?",
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard
