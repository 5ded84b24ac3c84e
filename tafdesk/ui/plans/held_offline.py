"""Held offline changes…: what a lead or supporter changed offline in a case
they no longer work on, waiting for a locality manager to apply or discard
(services/offline_held.py). Every service call goes through an Operation."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QInputDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from tafdesk.services.offline_held import HeldOfflineService, HeldView
from tafdesk.ui.banner import Banner
from tafdesk.ui.operation import Operation
from tafdesk.ui.plans.closure_windows import chosen_row
from tafdesk.ui.record_table import record_table
from tafdesk.ui.table_model import ReadOnlyTableModel
from tafdesk.ui.text import day
from tafdesk.ui.window_fit import resize_within_screen


class HeldModel(ReadOnlyTableModel[HeldView]):
    HEADERS = ("Case", "Family", "Changed offline by", "Synced", "What changed")

    def display(self, row: HeldView, column: int) -> str:
        what = row.summary[:1].upper() + row.summary[1:]  # words to go in a sentence, alone in a cell
        return (row.case_reference, row.family_name, row.held_by, day(row.held_at.date()), what)[column]

    def tooltip(self, row: HeldView, column: int) -> str | None:
        return details(row)


def details(row: HeldView) -> str:
    parts = [
        f"{row.case_reference}, the {row.family_name} family: {row.held_by} changed it offline "
        f"({row.summary}) and synced after their access was withdrawn."
    ]
    if row.notes:
        parts.append("Notes written offline (applying does not add them: the team records notes):")
        parts += [f"  {note}" for note in row.notes]
    return "\n".join(parts)


class HeldOfflineWindow(QDialog):
    def __init__(self, service: HeldOfflineService, *, on_change: Callable[[], None], parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self._on_change = on_change
        self.setWindowTitle("Held offline changes")
        self.setAccessibleName("Held offline changes: waiting for a locality manager to apply or discard")
        self.banner = Banner(self)
        self.model = HeldModel(self)
        self.table = record_table("Offline changes held for a locality manager", self.model)
        self.detail = QLabel(wordWrap=True, objectName="hint")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.apply_button = QPushButton("&Apply", objectName="primaryButton")
        self.apply_button.setAccessibleName("Apply the chosen offline changes to the case as it now is")
        self.discard_button = QPushButton("&Discard…")
        self.discard_button.setAccessibleName("Discard the chosen offline changes, saying why")
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.discard_button)
        row.addWidget(self.apply_button)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(row)
        self.apply_button.clicked.connect(self.apply)
        self.discard_button.clicked.connect(self.discard)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._chosen_changed())
        resize_within_screen(self, 1000, 480)
        self.reload()

    def reload(self) -> None:
        Operation(self.banner, self._service.waiting, failed="", doing="reading held offline changes").done(
            self._show
        ).run()

    def _show(self, rows: list[HeldView]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
        else:
            self.banner.say("No offline changes are waiting for you.")
        self._chosen_changed()

    def chosen(self) -> HeldView | None:
        return chosen_row(self.table, self.model)

    def _chosen_changed(self) -> None:
        row = self.chosen()
        self.detail.setText(details(row) if row else "")
        self.apply_button.setEnabled(row is not None)
        self.discard_button.setEnabled(row is not None)

    def _decided(self, message: str) -> Callable[[object], None]:
        def done(_result: object) -> None:
            self._on_change()
            self.reload()
            self.banner.say(message)

        return done

    def apply(self) -> None:
        row = self.chosen()
        if row is None:
            return
        Operation(
            self.banner,
            lambda: self._service.apply(row.id, row.version),
            failed="Not applied.",
            doing="applying offline changes",
        ).done(self._decided(f"{row.case_reference} has {row.held_by}'s offline changes.")).run()

    def discard(self, why: str | None = None) -> None:
        row = self.chosen()
        if row is None:
            return
        if why is None:
            why, ok = QInputDialog.getMultiLineText(self, "Discard the offline changes", "Why are they discarded?")
            if not ok:
                return
        Operation(
            self.banner,
            lambda: self._service.discard(row.id, row.version, why or ""),
            failed="Not discarded.",
            doing="discarding offline changes",
        ).done(self._decided(f"{row.held_by}'s offline changes to {row.case_reference} were discarded.")).run()


def open_held_offline(parent: QWidget, service: HeldOfflineService, on_change: Callable[[], None]) -> HeldOfflineWindow:
    window = HeldOfflineWindow(service, on_change=on_change, parent=parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window
