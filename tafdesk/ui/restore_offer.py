"""Found damaged at start, an SQLite file's newest sound backup is offered
(db/restore.py finds and checks it, and keeps the damaged file aside)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QPushButton

from tafdesk.db.errors import StorageError
from tafdesk.db.restore import backup_time, latest_good_backup, restore_sqlite
from tafdesk.paths import backup_dir
from tafdesk.ui.qt_app import qt_application
from tafdesk.ui.theme import apply_stylesheet

log = logging.getLogger(__name__)
TITLE = "The database is damaged"


def offer_text(database: Path, backup: Path) -> str:
    when = backup_time(backup)
    said = when.astimezone().strftime("%A %d %B %Y at %H:%M") if when else backup.name
    return (
        f"{database} is damaged, so tafdesk will not use it.\n\n"
        f"The newest sound backup was made on {said}. Restore it? Anything recorded after that "
        "is not in it. The damaged file is kept beside it, renamed, for your IT team."
    )


def offer_box(database: Path, backup: Path) -> tuple[QMessageBox, QPushButton]:
    """The question, and its Restore button."""
    box = QMessageBox(QMessageBox.Icon.Warning, TITLE, offer_text(database, backup))
    box.setObjectName("restoreOffer")
    restore = box.addButton("&Restore the backup", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("&Not now", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    return box, restore


def offer_backup(database: Path) -> bool:
    """Ask; True once the backup is back in place. With no sound backup,
    False: the caller says the file is damaged."""
    backup = latest_good_backup(database, backup_dir())
    if backup is None:
        return False
    apply_stylesheet(qt_application())
    box, restore = offer_box(database, backup)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    try:
        done = restore_sqlite(backup, database, lock_held=True)
    except StorageError as exc:
        QMessageBox.critical(None, TITLE, str(exc))
        return False
    QMessageBox.information(
        None, "Backup restored", f"The backup is back in place. The damaged file is kept at {done.kept_aside}."
    )
    return True
