"""File → Back up now…, for an administrator on an SQLite database: a file
dialog for where the copy goes, then the copy made off the interface thread
(services/backups.py), said in the status bar when done."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tafdesk.services.backups import BackupService
from tafdesk.ui.background import run_in_background
from tafdesk.ui.errors import explain

if TYPE_CHECKING:
    from tafdesk.db import Database
    from tafdesk.services.actor import Actor
    from tafdesk.ui.main_window import MainWindow

TITLE = "Back up the database"


def add_backup_action(window: MainWindow, database: Database, actor: Actor) -> QAction | None:
    """The action, in the window's File menu, if this person may use it here."""
    service = BackupService(database, actor)
    if not service.available():
        return None
    action = QAction("&Back up now…", window, objectName="backUpNow")
    action.setStatusTip("Copy the whole database to a file you choose")
    action.triggered.connect(lambda: back_up(window, service, Path(database.path)))
    window.add_file_action(action)
    window.backup_action = action
    return action


def back_up(window: MainWindow, service: BackupService, source: Path) -> None:
    from tafdesk.db.backup import timestamped_name
    from tafdesk.paths import backup_dir

    suggested = backup_dir() / timestamped_name(source, "copy")
    chosen, _ = QFileDialog.getSaveFileName(window, TITLE, str(suggested), "tafdesk database (*.sqlite)")
    if not chosen:
        return
    target = Path(chosen)
    if target.suffix != ".sqlite":
        target = target.with_name(target.name + ".sqlite")
    window.show_status(f"Backing up the database to {target}…")
    run_in_background(
        lambda: service.back_up(target),
        lambda copy: window.show_status(f"Backed up the database to {copy}."),
        lambda error: QMessageBox.warning(
            window, TITLE, f"The database was not backed up. {explain(error, 'backing up the database')}"
        ),
        context=window,
    )
