"""The one way a page says how something it was asked to do went: a band
above its content, green for what was done, red for what was not, with Retry
when repeating the same request may work (a busy record). What it says is
said to screen readers too; a problem at once (WCAG 4.1.3)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from tafdesk.ui.announce import announce


class Banner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setAccessibleDescription("Message")
        self.label = QLabel(objectName="bannerText", wordWrap=True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton("&Retry", objectName="bandButton")
        self.retry_button.setToolTip("Ask again: what was in the way may have gone")
        self.retry_button.setAutoDefault(False)  # in a dialog, Enter is the dialog's own button, never Retry
        self._retry: Callable[[], object] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.retry_button.clicked.connect(self._retry_now)
        self.retry_button.hide()
        self.setProperty("error", False)
        self.hide()

    def say(self, text: str, *, error: bool = False, retry: Callable[[], object] | None = None) -> None:
        """Show text (a problem if error); with retry, a Retry button that calls it."""
        self.label.setText(text)
        self.setProperty("error", error)
        for widget in (self, self.label):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self._retry = retry
        self.retry_button.setVisible(retry is not None)
        self.show()
        announce(self.label, text, urgent=error)

    def text(self) -> str:
        return self.label.text()

    def clear_problem(self) -> None:
        """A problem shown earlier is over (what failed has now been done)."""
        if self.property("error"):
            self.hide()
            self._retry = None

    def _retry_now(self) -> None:
        retry, self._retry = self._retry, None
        self.hide()
        if retry is not None:
            retry()
