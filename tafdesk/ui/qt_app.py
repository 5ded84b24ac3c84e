"""The running application, as a QApplication: Qt's own accessor is typed
as any QCoreApplication, or None before one is made."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def qt_application() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)  # tafdesk's windows, and all that serves them, run inside one
    return app
