"""The keys of the Meetings area and of meeting mode (ui/meetings/keymap.py),
shown by Help → Meeting shortcuts and by F1 in meeting mode."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from tafdesk.ui.colours import current
from tafdesk.ui.meetings.keymap import GROUPS, help_rows
from tafdesk.ui.theme import keep_coloured
from tafdesk.ui.window_fit import resize_within_screen

SHORTCUTS = tuple((group, tuple(help_rows(group))) for group in GROUPS)


def shortcuts_html() -> str:
    parts = []
    for heading, keys in SHORTCUTS:
        rows = "".join(
            f'<tr><td width="34%"><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>' for k, v in keys
        )
        parts.append(
            f'<p style="font-weight:700; color:{current().heading}; margin-top:10px;">{html.escape(heading)}</p>'
            f'<table width="100%" cellspacing="0" cellpadding="3">{rows}</table>'
        )
    return "".join(parts)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingShortcuts")
        self.setWindowTitle("Meeting shortcuts")
        self.setAccessibleName("Meeting shortcuts")
        self.text = QTextBrowser()
        self.text.setAccessibleName("Meeting shortcuts")
        keep_coloured(self.text, lambda: self.text.setHtml(shortcuts_html()))
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
