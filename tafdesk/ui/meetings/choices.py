"""The choices a decision is made of in meeting mode, made one way for the
decision on a family (its outcomes, Alt+1 … Alt+7) and on a request to the
group (approve, decline, defer: Alt+1 … Alt+3), so the two look and move
alike: numbered radio buttons, one chosen at a time, in up to three columns
as the panel's width allows, on a body that scrolls when the room is short
(a laptop, large type)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QFrame, QGridLayout, QRadioButton, QScrollArea, QWidget


@dataclass(frozen=True)
class Choice:
    short: str  # what the button says, after its number
    long: str  # what it means, read to screen readers and in its tooltip


class NumberedChoices:
    """The radio buttons of `choices`, numbered from 1, in `box` (for the panel to lay out)."""

    def __init__(self, owner: QWidget, choices: Sequence[Choice]) -> None:
        self.group = QButtonGroup(owner)
        self.box = QWidget()
        self.grid = QGridLayout(self.box)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(2)
        self.buttons: list[QRadioButton] = []
        self._columns = 0
        for number, choice in enumerate(choices):
            button = QRadioButton(f"{number + 1}  {choice.short}")
            button.setAccessibleDescription(choice.long)  # its name is what it says
            button.setToolTip(f"{choice.long} (Alt+{number + 1})")
            self.group.addButton(button, number)
            self.buttons.append(button)
        self._arrange(3)

    def checked(self) -> int:
        """The number (from 0) of the choice made, or -1."""
        return self.group.checkedId()

    def set_checked(self, at: int) -> None:
        """Choose the `at`th (from 0), or none at all (-1)."""
        self.group.setExclusive(False)
        for number, button in enumerate(self.buttons):
            button.setChecked(number == at)
        self.group.setExclusive(True)

    def fit(self, width: int) -> None:
        """Three columns (allocating; stepping up or down; deferring), or fewer where the panel is narrow."""
        widest = max(button.sizeHint().width() for button in self.buttons)
        self._arrange(3 if width >= 3 * widest + 48 else 2 if width >= 2 * widest + 48 else 1)

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for number, button in enumerate(self.buttons):
            self.grid.removeWidget(button)
            self.grid.addWidget(button, number // columns, number % columns)
        self.grid.activate()  # placed now, not at the next turn of the event loop (a grab, a test)


def scrolling_body(body: QWidget) -> QScrollArea:
    """The panel's body, scrolling up and down (never sideways) when the room is short."""
    scroll = QScrollArea()
    scroll.setWidget(body)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields inside take the focus
    return scroll
