"""Producing a meeting pack on a worker thread, behind a progress dialog
whose Cancel stops it between two documents (the service writes each file
whole or not at all)."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from tafdesk.models import DocumentFormat
from tafdesk.services.documents import DocumentService
from tafdesk.ui.errors import explain


class PackWorker(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object, bool)  # the register entries made, and whether it was cancelled
    failed = Signal(str)

    def __init__(
        self, service: DocumentService, meeting_id: uuid.UUID, folder: Path, formats: tuple[DocumentFormat, ...]
    ) -> None:
        super().__init__()
        self._service = service
        self._meeting_id = meeting_id
        self._folder = folder
        self._formats = formats
        self._cancel = threading.Event()

    @Slot()
    def cancel(self) -> None:
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        try:
            entries = self._service.produce_meeting_pack(
                self._meeting_id,
                self._folder,
                self._formats,
                progress=self.progressed.emit,
                cancelled=self._cancel.is_set,
            )
        except Exception as exc:  # noqa: BLE001 (shown to the user)
            self.failed.emit(explain(exc, "making a meeting pack"))
            return
        self.finished.emit(entries, self._cancel.is_set())


class PackRun(QObject):
    """One pack being made: the thread, the worker and the progress dialog."""

    done = Signal(object, bool)
    failed = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        service: DocumentService,
        meeting_id: uuid.UUID,
        folder: Path,
        formats: tuple[DocumentFormat, ...],
    ) -> None:
        super().__init__(parent)
        self.worker_thread = QThread(self)
        self.worker = PackWorker(service, meeting_id, folder, formats)
        self.worker.moveToThread(self.worker_thread)
        self.dialog = QProgressDialog("Preparing the meeting pack…", "Cancel", 0, 1, parent)
        self.dialog.setWindowTitle("Producing the meeting pack")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.worker.cancel, Qt.ConnectionType.DirectConnection)
        self.dialog.canceled.connect(lambda: self.dialog.setLabelText("Cancelling after the document being written…"))
        self.worker_thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._progress)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)

    def start(self) -> None:
        self.dialog.show()
        self.worker_thread.start()

    def cancel(self) -> None:
        """As pressing the dialog's Cancel button does."""
        self.dialog.canceled.emit()

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, label: str) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(done)
        if not self.dialog.wasCanceled():
            self.dialog.setLabelText(f"{label}\n{done} of {total} files written")

    def _stop(self) -> None:
        self.worker_thread.quit()
        self.worker_thread.wait()
        self.dialog.close()

    @Slot(object, bool)
    def _finished(self, entries: list, cancelled: bool) -> None:
        self._stop()
        self.done.emit(entries, cancelled)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._stop()
        self.failed.emit(message)


def run_pack(
    parent: QWidget,
    service: DocumentService,
    meeting_id: uuid.UUID,
    folder: Path,
    formats: tuple[DocumentFormat, ...],
    on_done: Callable[[list, bool], None],
    on_failure: Callable[[str], None],
) -> PackRun:
    run = PackRun(parent, service, meeting_id, folder, formats)
    run.done.connect(on_done)
    run.failed.connect(on_failure)
    run.start()
    return run
