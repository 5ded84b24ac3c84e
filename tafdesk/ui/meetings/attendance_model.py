"""Attendance by agency: core members first, each present, sending
apologies, sending a deputy, or not recorded yet."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from tafdesk.models.enums import AttendanceStatus, at_table
from tafdesk.services.meetings import AttendanceRow
from tafdesk.ui.colours import current
from tafdesk.ui.meetings.labels import ATTENDANCE_LABELS
from tafdesk.ui.meetings.table_model import RowsTableModel

COL_AGENCY = 0
COL_MEMBERSHIP = 1
COL_STATUS = 2
COL_NAME = 3

ORDER = {AttendanceStatus.PRESENT: 0, AttendanceStatus.DEPUTY: 1, AttendanceStatus.APOLOGIES: 2, None: 3}


def attending(row: AttendanceRow) -> bool:
    return at_table(row.status)


class AttendanceModel(RowsTableModel[AttendanceRow]):
    HEADERS = ("Agency", "Member", "Attendance", "Who")
    HEADER_TIPS = {COL_MEMBERSHIP: "Core members count towards the quorum", COL_NAME: "Who came, or the deputy sent"}

    def key(self, row: AttendanceRow) -> object:
        return row.agency_id

    def set_rows(self, rows: Sequence[AttendanceRow]) -> None:
        super().set_rows(sorted(rows, key=lambda r: (not r.core, r.agency.casefold())))

    def display(self, row: AttendanceRow, column: int) -> str:
        if column == COL_AGENCY:
            return row.agency
        if column == COL_MEMBERSHIP:
            return "Core" if row.core else "Associate"
        if column == COL_STATUS:
            return ATTENDANCE_LABELS[row.status]
        if column == COL_NAME:
            who = f"{row.deputy_name} (deputy)" if row.status is AttendanceStatus.DEPUTY else row.attendee_name or ""
            return who + (f" (arrived {row.arrived_at:%H:%M})" if row.arrived_at else "")
        return ""

    def sort_key(self, row: AttendanceRow, column: int) -> Any:
        if column == COL_STATUS:
            return ORDER[row.status]
        if column == COL_MEMBERSHIP:
            return int(not row.core)
        return super().sort_key(row, column)

    def extra(self, row: AttendanceRow, column: int, role: int) -> Any:
        if column != COL_STATUS:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if attending(row):
                return QColor(current().ok.ink)
            return QColor(current().error.ink) if row.core else None
        if role == Qt.ItemDataRole.FontRole and row.core and not attending(row):
            font = QFont()
            font.setBold(True)
            return font
        return None
