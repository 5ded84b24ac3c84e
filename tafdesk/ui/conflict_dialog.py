"""When a save meets a record someone else changed meanwhile: each field where
what the person typed and what is now stored differ, side by side. They keep
all of theirs, take all of the other person's, or choose field by field; the
form then saves what was chosen against the version now stored.

Each choice starts from what happened: a field the person changed starts on
theirs; one only the other person changed starts on the stored value."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

TITLE = "Changed by someone else meanwhile"


@dataclass(frozen=True)
class Clash:
    name: str
    label: str
    mine: str  # as shown
    theirs: str
    mine_changed: bool  # the person changed it (else only the other person did)


def same(a: Any, b: Any) -> bool:
    """Equal values; lists of choices in any order (ticked specialisms) count as equal."""
    if isinstance(a, (tuple, list, frozenset, set)) and isinstance(b, (tuple, list, frozenset, set)):
        return sorted(map(repr, a)) == sorted(map(repr, b))
    return a == b


def clashes(
    base: Mapping[str, Any],
    mine: Mapping[str, Any],
    theirs: Mapping[str, Any],
    label: Callable[[str], str],
    shown: Callable[[str, Any], str],
) -> list[Clash]:
    """The fields of `mine` that differ from `theirs` (`base`: what both began from)."""
    return [
        Clash(name, label(name), shown(name, value), shown(name, theirs[name]), not same(value, base.get(name)))
        for name, value in mine.items()
        if not same(value, theirs[name])
    ]


def merged(mine: Mapping[str, Any], theirs: Mapping[str, Any], keep_mine: Iterable[str]) -> dict[str, Any]:
    """Theirs, with the person's own value wherever they chose to keep it."""
    kept = set(keep_mine)
    return {name: mine[name] if name in kept else theirs[name] for name in theirs}


class ConflictDialog(QDialog):
    """Opened window-modal; accepted once a choice is made (`keep_mine()` says which)."""

    def __init__(self, what: str, found: Sequence[Clash], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(TITLE)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.clashes = list(found)
        self.mine: dict[str, QRadioButton] = {}
        self.theirs: dict[str, QRadioButton] = {}
        intro = QLabel(
            f"Someone else saved {what} while you were changing it. Where you differ, choose what to "
            "keep; your choice is then saved over their version. Nothing has been saved yet.",
            wordWrap=True,
        )
        self.keep_mine_button = QPushButton("Keep all &mine")
        self.take_theirs_button = QPushButton("Take all &theirs")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Save these choices")
        self.buttons.addButton(self.take_theirs_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.keep_mine_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(self._grid())
        layout.addSpacing(8)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.keep_mine_button.clicked.connect(lambda: self._all(mine=True))
        self.take_theirs_button.clicked.connect(lambda: self._all(mine=False))
        self.setMinimumWidth(640)

    def _grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        for column, heading in enumerate(("", "Yours", "Saved meanwhile")):
            grid.addWidget(QLabel(heading, objectName="sectionTitle"), 0, column)
        for row, clash in enumerate(self.clashes, start=1):
            name = QLabel(clash.label + ("" if clash.mine_changed else " (changed only by them)"))
            mine, theirs = QRadioButton(clash.mine), QRadioButton(clash.theirs)
            mine.setAccessibleName(f"{clash.label}: keep yours, {clash.mine}")
            theirs.setAccessibleName(f"{clash.label}: take theirs, {clash.theirs}")
            group = QButtonGroup(self)  # one choice per field
            group.addButton(mine)
            group.addButton(theirs)
            (mine if clash.mine_changed else theirs).setChecked(True)
            grid.addWidget(name, row, 0)
            grid.addWidget(mine, row, 1)
            grid.addWidget(theirs, row, 2)
            self.mine[clash.name], self.theirs[clash.name] = mine, theirs
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        return grid

    def _all(self, *, mine: bool) -> None:
        for button in (self.mine if mine else self.theirs).values():
            button.setChecked(True)
        self.accept()

    def keep_mine(self) -> set[str]:
        """The fields whose value is to be the person's own."""
        return {name for name, button in self.mine.items() if button.isChecked()}
