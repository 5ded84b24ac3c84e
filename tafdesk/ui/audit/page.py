"""The Audit trail page (administrators only): who did or looked at what,
newest first, filtered as `tafdesk audit show` filters it — by case or family
reference, by who, and by a first and last day — and saved as CSV. New
events, here or elsewhere, join the list as they are recorded (ui/live.py),
under the search last shown, not one still being typed. Reading and saving
are Operations (ui/operation.py): a search the service refuses is marked at
its fields and said beneath them, anything else that failed in the banner."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tafdesk.services.audit_trail import AuditTrailService, Trail, TrailEvent, TrailFilter, write_csv
from tafdesk.services.errors import ValidationError
from tafdesk.ui.banner import Banner
from tafdesk.ui.directory.roles import SORT_ROLE
from tafdesk.ui.field_errors import highlight
from tafdesk.ui.live import ChangeSignal, LiveReload
from tafdesk.ui.operation import Operation
from tafdesk.ui.scrolling import kept_scroll
from tafdesk.ui.table_model import ReadOnlyTableModel

COL_WHEN, COL_WHO, COL_WHAT, COL_RECORD = range(4)
# field name (the service's) -> (label, accessible name, placeholder)
FIELDS = {
    "case": ("&Case or family", "Case or family reference", "N-2026-0012 or F-000042"),
    "actor": ("&Who", "Who: a username or name", "Username or name"),
    "from": ("&From", "From: the first day", "e.g. 1/12/2026"),
    "to": ("&To", "To: the last day", "e.g. today"),
}
DATE_TIP = "A day, day first, in England's time: 8/1/2027, 8 Jan 2027, 2027-01-08, today or -2w."


class TrailModel(ReadOnlyTableModel[TrailEvent]):
    HEADERS = ("When", "Who", "What", "Record")
    HEADER_TIPS = {COL_WHEN: "In England's time", COL_RECORD: "The case or family reference, or the meeting"}

    def display(self, row: TrailEvent, column: int) -> str:
        return (row.when, row.who, row.words, row.record)[column]

    def sort_key(self, row: TrailEvent, column: int) -> object:
        return row.occurred_at.isoformat() if column == COL_WHEN else super().sort_key(row, column)


class AuditPage(QWidget):
    status_message = Signal(str)

    def __init__(
        self, service: AuditTrailService, parent: QWidget | None = None, *, changes: ChangeSignal | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Audit trail")
        self.service = service
        self.trail = Trail((), False)
        self.model = TrailModel(self)
        self.edits: dict[str, QLineEdit] = {}
        self.table = QTableView(objectName="auditTable")
        self.show_button = QPushButton("&Show")
        self.clear_button = QPushButton("Clear")
        self.export_button = QPushButton("&Export to CSV…")
        self.count = QLabel(objectName="countLabel")
        self.note = QLabel(objectName="formError", wordWrap=True)  # what is wrong with the search
        self.note.hide()
        self.banner = Banner()
        self._build()
        self.show_button.clicked.connect(self.refresh)
        self.clear_button.clicked.connect(self.clear)
        self.export_button.clicked.connect(lambda: self.export())
        self._applied: TrailFilter | None = None  # the search the list shows
        self.live = LiveReload(self, changes, lambda change: True, self._follow)  # every change and look is an event
        self.refresh()

    def _build(self) -> None:
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        table = self.table
        table.setAccessibleName("Audit events")
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(COL_WHEN, Qt.SortOrder.DescendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        for column in (COL_WHEN, COL_WHO, COL_RECORD):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_WHAT, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(QLabel("Audit trail", objectName="pageTitle"))
        layout.addWidget(self.banner)
        layout.addWidget(
            QLabel(
                "Every change and every look at a family's records, newest first. Records are named "
                "by reference; open the case or family to see who they are.",
                objectName="pageNote",
                wordWrap=True,
            )
        )
        layout.addLayout(self._filters())
        layout.addWidget(self.note)
        layout.addWidget(table, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.count, 1)
        footer.addWidget(self.export_button)
        layout.addLayout(footer)

    def _filters(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(3)
        for column, (name, (label, accessible, placeholder)) in enumerate(FIELDS.items()):
            edit = QLineEdit(placeholderText=placeholder, clearButtonEnabled=True, objectName=f"{name}Filter")
            edit.setAccessibleName(accessible)
            edit.setToolTip(DATE_TIP if name in ("from", "to") else accessible)
            edit.returnPressed.connect(self.refresh)
            caption = QLabel(label)
            caption.setBuddy(edit)
            self.edits[name] = edit
            grid.addWidget(caption, 0, column)
            grid.addWidget(edit, 1, column)
            grid.setColumnStretch(column, 2 if name in ("case", "actor") else 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.clear_button)
        grid.addLayout(buttons, 1, len(FIELDS))
        self.show_button.setDefault(True)
        return grid

    # -- reading -------------------------------------------------------------------

    def filters(self) -> TrailFilter:
        text = {name: edit.text() for name, edit in self.edits.items()}
        return TrailFilter(text["case"], text["actor"], text["from"], text["to"])

    def refresh(self) -> None:
        """The events the filters keep, or what is wrong with the filters, said at the field."""
        self._read(self.filters())

    def _follow(self) -> None:
        """Events recorded since: the search shown, read again where the reader is."""
        if self._applied is None:
            return
        chosen = {self.model.row_at(self.proxy.mapToSource(i)) for i in self.table.selectionModel().selectedRows()}
        with kept_scroll(self.table):
            self._read(self._applied)
            for number, event in enumerate(self.model.rows()):
                if event in chosen:
                    self.table.selectionModel().select(
                        self.proxy.mapFromSource(self.model.index(number, 0)),
                        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
                    )

    def _read(self, filters: TrailFilter) -> None:
        self.live.reading()
        self._say_at_fields({})

        def read(trail: Trail) -> None:
            self._applied = filters
            self._show(trail, self._counted(trail))

        def wrong(problems: dict[str, str]) -> None:
            self._applied = None  # nothing shown to follow until the search is put right
            self._say_at_fields(problems)
            self._show(Trail((), False), "Correct the search above to see events.")

        def refused(error: Exception) -> None:
            if not isinstance(error, ValidationError):
                self._show(Trail((), False), "")

        Operation(
            self.banner,
            lambda: self.service.events(filters),
            failed="The audit trail could not be read.",
            doing="reading the audit trail",
        ).reading().at_fields(wrong).done(read).refused(refused).run()

    def _show(self, trail: Trail, count: str) -> None:
        self.trail = trail
        self.model.set_rows(trail.events)
        self.count.setText(count)
        self.export_button.setEnabled(bool(trail.events))

    @staticmethod
    def _counted(trail: Trail) -> str:
        shown = len(trail.events)
        if trail.more:
            return f"The newest {shown:,} events are shown: narrow the search to see older ones."
        return f"{shown:,} event{'s' * (shown != 1)}." if shown else "No events match."

    def _say_at_fields(self, problems: dict[str, str]) -> None:
        """Each field in the wrong marked (its problem its description), and the problems said in one place."""
        for name, edit in self.edits.items():
            highlight(edit, name in problems)
            edit.setAccessibleDescription(problems.get(name, ""))
        named = [f"{FIELDS[name][0].replace('&', '')}: {problems[name]}" for name in FIELDS if name in problems]
        named += [message for name, message in problems.items() if name not in FIELDS]
        self.note.setText("\n".join(named))
        self.note.setVisible(bool(named))
        if problems.keys() & FIELDS.keys():
            self.edits[next(n for n in FIELDS if n in problems)].setFocus()

    def clear(self) -> None:
        for edit in self.edits.values():
            edit.clear()
        self.refresh()

    # -- saving ------------------------------------------------------------------

    def export(self, path: str | None = None) -> Path | None:
        """The events shown, as a CSV file where the administrator chooses."""
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, "Export the audit trail", str(Path.home() / "audit-trail.csv"), "CSV file (*.csv)"
            )
        if not path:
            return None
        target, events = Path(path), self.trail.events
        if not Operation(
            self.banner,
            lambda: write_csv(events, target),
            failed="The audit trail was not saved.",
            doing="exporting the audit trail",
        ).run():
            return None
        self.status_message.emit(f"{len(events):,} events saved in {path}.")
        return target


def build_audit_page(db, actor, *, changes: ChangeSignal | None = None) -> QWidget:
    return AuditPage(AuditTrailService(db, actor), changes=changes)
