"""A page for an area of tafdesk that this version does not have yet, or that
the signed-in user's role does not include: what is (or will be) there, said
plainly."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

NOT_OFFLINE = "Not available while working offline"
NOT_YET = "This area is not in this version of tafdesk yet. The other areas in the list are ready to use."


class AreaPage(QWidget):
    def __init__(self, title: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(title)
        heading = QLabel(title, objectName="pageTitle")
        text = QLabel(description, objectName="pageText", wordWrap=True)
        note = QLabel(NOT_YET, objectName="pageNote", wordWrap=True)
        for label in (heading, text, note):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setMaximumWidth(760)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(16)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addWidget(note)
        layout.addStretch(1)


class AreaNote(QWidget):
    """What someone sees in an area their role does not include."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(16)
        layout.addWidget(QLabel(title, objectName="pageTitle"))
        self.note = QLabel(text, objectName="pageText", wordWrap=True)
        self.note.setMaximumWidth(760)
        layout.addWidget(self.note)
        layout.addStretch(1)


def not_offline(title: str, why: str) -> AreaNote:
    """What a page or section that needs the server says on the offline copy."""
    return AreaNote(title, f"{NOT_OFFLINE} — {why} It is back when you reconnect and sign in to the server.")
