"""Importing files one after another off the interface thread, with a
progress dialog whose Cancel stops before the next file (a file is always
imported whole or not at all, so stopping inside one is never needed)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from tafdesk.services.intake import FileReport
from tafdesk.ui.background import run_in_background
from tafdesk.ui.errors import explain


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; a folder gives the .json files directly inside it, by name."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".json")
        else:
            files.append(path)
    return list(dict.fromkeys(files))  # each once, where it first comes


@dataclass
class ImportOutcome:
    reports: list[FileReport] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)  # not started: the user stopped the import

    @property
    def imported_profiles(self) -> int:
        return sum(len(report.imported) for report in self.reports)

    @property
    def rejected_files(self) -> int:
        return sum(report.rejected for report in self.reports)

    def headline(self) -> str:
        files = len(self.reports)
        text = f"Imported {self.imported_profiles} profile{'s' * (self.imported_profiles != 1)} from {files} file{'s' * (files != 1)}"
        if self.rejected_files:
            text += f"; {self.rejected_files} file{'s were' if self.rejected_files != 1 else ' was'} rejected"
        amended = sum(len(report.amended) for report in self.reports)
        if amended:
            text += f"; {amended} amended profile{'s' * (amended != 1)} to take or reject"
        if self.skipped:
            text += f"; {len(self.skipped)} not imported because the import was stopped"
        return text + "."


class ImportRun(QObject):
    """Imports `paths` with `import_one` (IntakeService.import_path) in the
    thread pool, one at a time; `finished` carries an ImportOutcome."""

    progressed = Signal(int, int, str)  # files done, files in all, the file being imported
    finished = Signal(object)

    def __init__(
        self, import_one: Callable[[Path], FileReport], paths: Sequence[Path], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._import_one = import_one
        self._paths = list(paths)
        self._next = 0
        self._stopping = False
        self.outcome = ImportOutcome()
        self.running = False
        self.dialog: QProgressDialog | None = None

    def start(self, window: QWidget | None = None) -> None:
        """Start; with several files and a window, show a progress dialog over it."""
        self.running = True
        if window is not None and len(self._paths) > 1:
            self.dialog = self._progress_dialog(window)
        self._start_next()

    def stop(self) -> None:
        """Stop after the file being imported now."""
        self._stopping = True

    def _progress_dialog(self, window: QWidget) -> QProgressDialog:
        dialog = QProgressDialog("Importing…", "Stop after this file", 0, len(self._paths), window)
        dialog.setWindowTitle("Importing profiles")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.stop)
        self.progressed.connect(self._show_progress)
        dialog.show()
        return dialog

    def _show_progress(self, done: int, total: int, name: str) -> None:
        if self.dialog is not None and not self._stopping:
            self.dialog.setValue(done)
            self.dialog.setLabelText(f"Importing file {done + 1} of {total}: {name}")

    def _start_next(self) -> None:
        if self.dialog is not None and self.dialog.wasCanceled():
            self._stopping = True
        if self._stopping or self._next >= len(self._paths):
            self.outcome.skipped = self._paths[self._next :]
            self._finish()
            return
        path = self._paths[self._next]
        self.progressed.emit(self._next, len(self._paths), path.name)
        run_in_background(
            lambda: self._import_one(path), self._one_done, lambda exc: self._one_failed(path, exc), context=self
        )

    def _one_done(self, report: FileReport) -> None:
        self.outcome.reports.append(report)
        self._next += 1
        self._start_next()

    def _one_failed(self, path: Path, error: Exception) -> None:
        self.outcome.reports.append(
            FileReport(path.name, errors=(f"{path.name}: {explain(error, 'importing a file')}",))
        )
        self._next += 1
        self._start_next()

    def _finish(self) -> None:
        self.running = False
        if self.dialog is not None:
            self.dialog.setValue(len(self._paths))
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        self.finished.emit(self.outcome)
