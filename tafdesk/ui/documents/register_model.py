"""The register of produced documents as a table: type, version, recipient,
family, case, meeting, when, who, and whether it was sent (and who said so);
each row's tooltip says where the file is and which letter template made it.
Sort keys are in UserRole, the entry in EntryRole."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from tafdesk.clock import LOCAL_TIME
from tafdesk.services.document_register import RegisterEntry

COL_TYPE = 0
COL_FORMAT = 1
COL_RECIPIENT = 2
COL_FAMILY = 3
COL_CASE = 4
COL_MEETING = 5
COL_WHEN = 6
COL_WHO = 7
COL_SENT = 8
SORT_ROLE = Qt.ItemDataRole.UserRole
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class RegisterModel(QAbstractTableModel):
    HEADERS = ("Document", "Format", "Recipient", "Family", "Case", "Meeting", "Produced", "By", "Sent")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._entries: list[RegisterEntry] = []

    def set_entries(self, entries: list[RegisterEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> RegisterEntry:
        return self._entries[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == SORT_ROLE:
            return entry.generated_at.timestamp() if column == COL_WHEN else self._display(entry, column).casefold()
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.ToolTipRole:
            where = entry.path if entry.exists() else f"{entry.path} (the file is no longer there)"
            return where + (f"\nMade from {entry.template_words}" if entry.template_words else "")
        if role == Qt.ItemDataRole.ForegroundRole and not entry.exists():
            from PySide6.QtGui import QColor

            from tafdesk.ui.colours import current

            return QColor(current().muted)
        return None

    @staticmethod
    def _display(entry: RegisterEntry, column: int) -> str:
        if column == COL_TYPE:
            return entry.type_words + (f" (version {entry.file_version})" if entry.file_version > 1 else "")
        if column == COL_FORMAT:
            return "PDF" if entry.doc_format.value == "pdf" else "Word"
        if column == COL_RECIPIENT:
            return entry.recipient or ""
        if column == COL_CASE:
            return entry.case_reference or ""
        if column == COL_MEETING:
            return entry.meeting or ""
        if column == COL_WHEN:
            return entry.generated_at.astimezone(LOCAL_TIME).strftime("%d %b %Y %H:%M")
        if column == COL_WHO:
            return entry.generated_by
        if column == COL_FAMILY:
            return entry.family_name or ""
        if column == COL_SENT:
            return entry.sent_words
        return ""


class RegisterFilter(QSortFilterProxyModel):
    """Sorts by the sort keys; the filter text matches any column."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
