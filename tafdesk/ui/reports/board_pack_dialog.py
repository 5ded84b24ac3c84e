"""The board pack, from the Reports page: the period and localities it
covers, the manager's summary (plain text, counted against the limit),
whether small numbers are withheld, PDF or Word, then Save as… and the pack
is made off the interface thread (BoardPackService: figures read, rendered,
written whole, registered) while a busy bar shows. What stopped it is said
in the dialog's banner in one sentence (ui/errors.explain), as an
Operation says it; the work runs on a QThread of its own, as the meeting
pack's does (ui/documents/pack_run.py)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tafdesk.exports.files import safe_name
from tafdesk.services.reports.board_pack import NARRATIVE_LIMIT, BoardPackService
from tafdesk.services.reports.service import ReportService
from tafdesk.ui.banner import Banner
from tafdesk.ui.errors import explain
from tafdesk.ui.field_errors import highlight
from tafdesk.ui.window_fit import resize_within_screen

if TYPE_CHECKING:
    from tafdesk.db import Database
    from tafdesk.services.actor import Actor
    from tafdesk.services.document_register import RegisterEntry
    from tafdesk.services.reports.period import ReportPeriod

INTRO = (
    "A PDF or Word file of the period's key figures and charts for a board, with your summary at the front. "
    "It names no family, child or professional: write none in your summary either."
)
SMALL_NUMBERS = "Show numbers under 5 (only for a board that will not publish the pack)"
FILTERS = {".pdf": "PDF document (*.pdf)", ".docx": "Word document (*.docx)"}


class _Worker(QObject):
    """Makes the pack on its own thread (the meeting pack's way, ui/documents/pack_run.py)."""

    finished = Signal(object)  # the register entry
    failed = Signal(object)  # the exception, explained on the interface thread

    def __init__(self, work: Callable[[], RegisterEntry]) -> None:
        super().__init__()
        self._work = work

    @Slot()
    def run(self) -> None:
        try:
            entry = self._work()
        except Exception as exc:  # noqa: BLE001 (said in the banner)
            self.failed.emit(exc)
            return
        self.finished.emit(entry)


class BoardPackDialog(QDialog):
    produced = Signal(object)  # the RegisterEntry of the pack written

    def __init__(
        self,
        database: Database,
        actor: Actor,
        period: ReportPeriod,
        locality_id: uuid.UUID | None,
        parent: QWidget | None = None,
        *,
        now: dt.datetime | None = None,  # the service's clock (tests)
    ) -> None:
        places = ReportService(database, actor).localities()  # first: refused, no dialog is left behind
        super().__init__(parent)
        self.setObjectName("boardPackDialog")
        self.setWindowTitle("Board pack")
        self.setAccessibleName("Make a board pack")
        self._service = BoardPackService(database, actor, now=now)
        self._period, self._locality_id = period, locality_id
        self._where = _where(places, locality_id)
        self.banner = Banner()
        self.narrative = QPlainTextEdit()
        self.count = QLabel(objectName="hint")
        self.small_numbers = QCheckBox(SMALL_NUMBERS)
        self.pdf = QRadioButton("&PDF", checked=True)
        self.word = QRadioButton("&Word")
        self.progress = QProgressBar(objectName="boardPackProgress")
        self.status = QLabel(objectName="hint")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self.save_button = self.buttons.addButton("&Save as…", QDialogButtonBox.ButtonRole.AcceptRole)
        self._build()
        self._counted()
        resize_within_screen(self, 720, 620)

    # -- building -----------------------------------------------------------------------

    def _build(self) -> None:
        facts = QFormLayout()
        facts.addRow("Period:", QLabel(self._period.words(), objectName="pageText"))
        facts.addRow("Localities:", QLabel(self._where, objectName="pageText"))
        label = QLabel("Your &summary for the board:")
        label.setBuddy(self.narrative)
        self.narrative.setAccessibleName("Your summary for the board")
        self.narrative.setAccessibleDescription(f"Plain text, at most {NARRATIVE_LIMIT:,} characters")
        self.narrative.setPlaceholderText(
            "What the figures say, what changed and why, and what the service will do next. "
            "Leave a blank line between paragraphs."
        )
        self.narrative.setTabChangesFocus(True)  # Tab moves on; the summary is plain paragraphs
        self.small_numbers.setAccessibleName(SMALL_NUMBERS)
        self.small_numbers.setToolTip("Unticked, counts of 1 to 4 are shown as “fewer than 5”, as in published figures")
        formats = QGroupBox("Format")
        formats.setAccessibleName("Format of the file")
        row = QHBoxLayout(formats)
        for button, name in ((self.pdf, "PDF"), (self.word, "Word document")):
            button.setAccessibleName(name)
            row.addWidget(button)
        row.addStretch(1)
        self.progress.setRange(0, 0)  # busy: the pack is one step, however long
        self.progress.setAccessibleName("Making the board pack")
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.save_button.setAccessibleName("Save the board pack as a file")
        self.save_button.setToolTip("Choose where to save the pack, then make it (Ctrl+S)")
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(QLabel(INTRO, objectName="pageText", wordWrap=True))
        layout.addLayout(facts)
        layout.addWidget(label)
        layout.addWidget(self.narrative, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.small_numbers)
        layout.addWidget(formats)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.narrative.textChanged.connect(self._counted)
        self.buttons.accepted.connect(self.save_as)
        self.buttons.rejected.connect(self.reject)
        self.narrative.setFocus()

    # -- what the person does -----------------------------------------------------------

    def suffix(self) -> str:
        return ".docx" if self.word.isChecked() else ".pdf"

    def suggested_path(self) -> Path:
        name = f"Board pack {self._where} {self._period.start.isoformat()} to {self._period.end.isoformat()}"
        return Path.home() / f"{safe_name(name)}{self.suffix()}"

    def save_as(self) -> None:
        """Ask where (the file dialog asks before replacing a file), then make the pack there."""
        if self._over():
            return
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Save the board pack", str(self.suggested_path()), FILTERS[self.suffix()]
        )
        if chosen:
            path = Path(chosen)
            self.produce_to(path if path.suffix.lower() in FILTERS else path.with_suffix(self.suffix()))

    def produce_to(self, path: Path) -> None:
        """Make the pack at `path` on a worker thread; the file dialog has already agreed to replace it."""
        narrative, suppress = self.narrative.toPlainText(), not self.small_numbers.isChecked()
        self._busy(True, f"Making the board pack: {path.name}…")
        self.banner.clear_problem()
        self._thread = QThread(self)
        self._worker = _Worker(
            lambda: self._service.produce(
                self._period, self._locality_id, path, narrative, suppress=suppress, force=True
            )
        )
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.finished.connect(self._done)
        self._worker.failed.connect(self._failed)
        self._thread.start()

    # -- inside -------------------------------------------------------------------------

    def _stop(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread = self._worker = None

    @Slot(object)
    def _failed(self, error: Exception) -> None:
        """Said in the banner, in one sentence, as every Operation's refusal is."""
        self._stop()
        self._busy(False, "")
        self.banner.say(f"The board pack was not made. {explain(error, 'making a board pack')}".strip(), error=True)

    @Slot(object)
    def _done(self, entry: RegisterEntry) -> None:
        self._stop()
        self._busy(False, "")
        self.banner.say(f"The board pack is saved in {entry.path}.")
        self.produced.emit(entry)

    def _busy(self, busy: bool, text: str) -> None:
        self.progress.setVisible(busy)
        self.status.setText(text)
        for widget in (self.narrative, self.small_numbers, self.pdf, self.word, self.save_button):
            widget.setEnabled(not busy)
        if not busy:
            self._counted()

    def _over(self) -> bool:
        return len(self.narrative.toPlainText().strip()) > NARRATIVE_LIMIT

    def _counted(self) -> None:
        used = len(self.narrative.toPlainText().strip())
        over = used > NARRATIVE_LIMIT
        self.count.setText(
            f"{used:,} of {NARRATIVE_LIMIT:,} characters: shorten it by {used - NARRATIVE_LIMIT:,}"
            if over
            else f"{used:,} of {NARRATIVE_LIMIT:,} characters"
            + ("" if used else ": without a summary the pack says none was written")
        )
        self.count.setProperty("fieldError", over)
        self.count.setObjectName("" if over else "hint")
        self.count.style().unpolish(self.count)
        self.count.style().polish(self.count)
        highlight(self.narrative, over)
        self.save_button.setEnabled(not over and self.progress.isHidden())


def _where(places: list[tuple[uuid.UUID, str]], locality_id: uuid.UUID | None) -> str:
    if locality_id is not None:
        return next((name for i, name in places if i == locality_id), "That locality")
    names = [name for _, name in places]
    if len(names) > 1:
        return f"{', '.join(names[:-1])} and {names[-1]}"
    return names[0] if names else "No locality"
