"""The Documents area's screenshot, for scripts/screenshots.py: the register
after the pack of one of the demo council's recent closed meetings was made, one
letter selected, ready to open or print. The demo database is the one
screenshots.py writes in TAFDESK_HOME; the pack goes into that folder too."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget
from settling import settle

from tafdesk.db.location import resolve_url
from tafdesk.db.schema import open_database
from tafdesk.models import DocumentFormat
from tafdesk.services.documents import DocumentService
from tafdesk.services.passwords import DEMO_PASSWORD
from tafdesk.services.users import UserService
from tafdesk.ui.main_window import MainWindow

USER = "manager.north"


def documents_register(window: MainWindow, app: QApplication) -> QWidget:
    home = Path(os.environ["TAFDESK_HOME"])
    database = open_database(resolve_url(str(home / "demo.sqlite")))
    try:
        service = DocumentService(database, UserService(database).sign_in(USER, DEMO_PASSWORD))
        meeting = max(service.closed_meetings(limit=6), key=lambda m: m.decisions)  # a recent, busy one
        service.produce_meeting_pack(meeting.id, home / "pack", formats=(DocumentFormat.PDF,))
    finally:
        database.dispose()
    window.show_area("documents")
    page = window.page("documents")
    page.refresh()
    settle(app)
    page.select_row(2)
    settle(app)
    return window
