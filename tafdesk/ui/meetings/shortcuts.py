"""The keys of the Meetings area and of meeting mode, shown by Help → Meeting
shortcuts and by F1 in meeting mode."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from tafdesk.ui.window_fit import resize_within_screen

SHORTCUTS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Meetings area", (
        ("F11", "Start meeting mode for the chosen meeting"),
        ("Alt+Up / Alt+Down", "Move the chosen family up or down the agenda (undoable)"),
        ("P / A / D", "In the attendance list: present, apologies, deputy (then type the name)"),
        ("Enter", "In the attendance list: type who came; Enter again records it"),
    )),
    ("Moving round meeting mode", (
        ("Ctrl+1 / Alt+G", "The agenda: Up and Down choose the family"),
        ("Ctrl+2", "The agency round: Up and Down choose an agency"),
        ("Ctrl+3", "The chosen agency's professionals"),
        ("Ctrl+4", "The decision: outcome, rationale, actions"),
        ("Ctrl+PgDown / Ctrl+PgUp", "Next or previous family"),
        ("Enter", "Agenda: start the agency round. Round: go to its professionals"),
        ("Esc", "Back from the professionals to the round, and from the round to the agenda"),
    )),
    ("Deciding", (
        ("Enter", "On a professional: make them the lead (over capacity asks for a reason)"),
        ("Space", "On a professional or an agency: add to or take off the Team Around the Family"),
        ("Alt+1 … Alt+7", "Choose the outcome: allocate, multi-agency plan, Working Together Meeting, "
                          "step up, step down, advice and guidance, defer"),  # fmt: skip
        ("Alt+R", "Rationale"),
        ("Alt+A", "Add an action (owner and date)"),
        ("Ctrl+Shift+M", "In the rationale, an action or its owner: mark the selected words (or, with none "
                         "selected, all of it) restricted: letters and the circulation minutes withhold them"),
        ("Ctrl+Enter", "Confirm the decision: it is saved at once"),
        ("Ctrl+Z / Ctrl+Shift+Z", "Undo or redo a decision, until the meeting is closed"),
        ("Ctrl+Shift+C", "Close the meeting: its decisions become final (the chair)"),
        ("Ctrl+Shift+R", "Reopen a closed meeting, giving the reason (the chair)"),
    )),
    ("Views", (
        ("Ctrl+P", "The proposal for the whole agenda: Enter takes it for the chosen family into the decision, "
                   "to confirm with Ctrl+Enter"),  # fmt: skip
        ("Ctrl+Shift+Enter", "Accept the proposal for every family still to decide (asks first; Enter records them)"),
        ("Ctrl+B", "Agency balance: the start of the meeting beside now"),
        ("Ctrl+M", "The minutes as they build"),
        ("Ctrl+D", "Back to the decision"),
        ("Ctrl+I", "The family's full case summary"),
        ("Ctrl+Shift+L", "Who the family's letters go to; the chair may let them name sensitive services"),
        ("Ctrl+Shift+S", "Share a restricted item with a member of the family's team, or withdraw it (the chair)"),
        ("Ctrl+Shift+A", "Attendance"),
        ("Ctrl+Shift+W", "Consider an agency not at the table, with the reason (the chair)"),
        ("F11", "Full screen on or off"),
        ("Ctrl+W", "Leave meeting mode (everything confirmed is already saved)"),
        ("F1", "These shortcuts"),
    )),
)  # fmt: skip


def shortcuts_html() -> str:
    parts = []
    for heading, keys in SHORTCUTS:
        rows = "".join(
            f'<tr><td width="34%"><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>' for k, v in keys
        )
        parts.append(f'<p style="font-weight:700; color:#0b2e4a; margin-top:10px;">{html.escape(heading)}</p>'
                     f'<table width="100%" cellspacing="0" cellpadding="3">{rows}</table>')  # fmt: skip
    return "".join(parts)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingShortcuts")
        self.setWindowTitle("Meeting shortcuts")
        self.setAccessibleName("Meeting shortcuts")
        self.text = QTextBrowser()
        self.text.setAccessibleName("Meeting shortcuts")
        self.text.setHtml(shortcuts_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        resize_within_screen(self, 760, 640)


def show_shortcuts(parent: QWidget | None = None) -> ShortcutsDialog:
    dialog = ShortcutsDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
