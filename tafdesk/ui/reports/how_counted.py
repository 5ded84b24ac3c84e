""" "How is this counted?": a figure group's definitions, from the one source
the README is checked against (services/reports/definitions.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from tafdesk.services.reports.definitions import GROUPS, group_html
from tafdesk.ui.reading import whole_words
from tafdesk.ui.window_fit import resize_within_screen


class HowCountedDialog(QDialog):
    def __init__(self, group: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = f"How is this counted? {GROUPS[group]}"
        self.setWindowTitle(f"{title} – tafdesk")
        self.setAccessibleName(title)
        self.text = whole_words(QTextBrowser(objectName="definitions"))
        self.text.setAccessibleName(f"Definitions: {GROUPS[group]}")
        self.text.setOpenExternalLinks(False)
        self.text.setHtml(group_html(group))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        resize_within_screen(self, 680, 560)
