"""Watching the inbox folder while the app runs.

Files arrive by network copy, so a change notice alone is not enough: the
folder is also looked at every few seconds, and the service leaves a file
that is still changing for the next look. Each look runs off the interface
thread. This module is imported at start-up, so it imports the intake
services only inside the look itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from tafdesk.ui.background import run_in_background
from tafdesk.ui.errors import explain
from tafdesk.ui.settings import AppSettings

if TYPE_CHECKING:
    from tafdesk.services.intake import FileReport, IntakeService

log = logging.getLogger(__name__)

POLL_MS = 5000
AFTER_CHANGE_MS = 2500  # a little longer than the service waits for a file to settle
FIRST_LOOK_MS = 1500  # after the window has painted


def _process(folder: Path, make_intake: Callable[[], IntakeService]) -> list[FileReport]:
    from tafdesk.services.inbox import process_inbox

    return process_inbox(folder, make_intake())


def describe(reports: Sequence[Any]) -> str:
    """'Inbox: 3 profiles imported from 2 files; 1 file rejected (see the rejected folder).'"""
    imported = sum(len(r.imported) for r in reports)
    present = sum(len(r.already_present) for r in reports)
    rejected = sum(1 for r in reports if r.errors)
    files = len(reports)
    parts = [f"{imported} profile{'s' * (imported != 1)} imported from {files} file{'s' * (files != 1)}"]
    if present:
        parts.append(f"{present} already imported")
    amended = sum(len(getattr(r, "amended", ())) for r in reports)
    if amended:
        parts.append(f"{amended} amended profile{'s' * (amended != 1)} to take or reject")
    if rejected:
        parts.append(f"{rejected} file{'s' * (rejected != 1)} rejected (see the rejected folder)")
    return "Inbox: " + "; ".join(parts) + "."


class InboxWatcher(QObject):
    processed = Signal(list)  # the FileReports of a look that found files
    message = Signal(str)  # for the status bar

    def __init__(
        self,
        make_intake: Callable[[], IntakeService],
        settings: AppSettings,
        *,
        poll_ms: int = POLL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._make_intake = make_intake
        self._settings = settings
        self._watcher = QFileSystemWatcher(self)
        self._timer = QTimer(self, interval=poll_ms)
        self._started = False
        self._busy = False
        self._again = False
        self._missing_said: Path | None = None
        self.last_reports: list[FileReport] = []
        self._watcher.directoryChanged.connect(lambda _path: QTimer.singleShot(AFTER_CHANGE_MS, self, self.look))
        self._timer.timeout.connect(self.look)
        settings.changed.connect(self._setting_changed)

    def folder(self) -> Path | None:
        text = self._settings.inbox_folder.strip()
        return Path(text) if text else None

    def start(self, first_look_ms: int = FIRST_LOOK_MS) -> None:
        """Begin watching (the app calls this once its window has painted)."""
        self._started = True
        self._retarget()
        if self.folder() is not None:
            QTimer.singleShot(first_look_ms, self, self.look)

    def stop(self) -> None:
        self._started = False
        self._timer.stop()
        if self._watcher.directories():
            self._watcher.removePaths(self._watcher.directories())

    @property
    def busy(self) -> bool:
        return self._busy

    def _setting_changed(self, key: str) -> None:
        if key == AppSettings.inbox_folder.key and self._started:
            self._retarget()
            self.look()

    def _retarget(self) -> None:
        if self._watcher.directories():
            self._watcher.removePaths(self._watcher.directories())
        folder = self.folder()
        if folder is None:
            self._timer.stop()
            return
        if folder.is_dir():
            self._watcher.addPath(str(folder))
        self._timer.start()

    def look(self) -> None:
        """Import what has arrived, off the interface thread; one look at a time."""
        folder = self.folder()
        if not self._started or folder is None:
            return
        if self._busy:
            self._again = True
            return
        if not folder.is_dir():
            if self._missing_said != folder:
                self._missing_said = folder
                self.message.emit(f"The inbox folder {folder} cannot be found; tafdesk will keep looking for it.")
            return
        if self._missing_said == folder or str(folder) not in self._watcher.directories():
            self._missing_said = None
            self._watcher.addPath(str(folder))
        self._busy = True
        make_intake = self._make_intake
        run_in_background(lambda: _process(folder, make_intake), self._looked, self._failed, context=self)

    def _looked(self, reports: list[FileReport]) -> None:
        self._busy = False
        if reports:
            self.last_reports = reports
            self.processed.emit(reports)
            self.message.emit(describe(reports))
        self._look_again_if_asked()

    def _failed(self, error: Exception) -> None:
        self._busy = False
        # explain logs an unforeseen error without its text (a file name or a row may name a family)
        log.warning("looking in the inbox failed: %s", type(error).__name__)
        self.message.emit(f"The inbox could not be read. {explain(error, 'reading the inbox')}")
        self._look_again_if_asked()

    def _look_again_if_asked(self) -> None:
        if self._again:
            self._again = False
            QTimer.singleShot(0, self, self.look)
