"""The intake queue as a table: one row per profile waiting for a front-door
decision or a meeting, with the cues a chair looks for first (repeat
referral, a match to confirm, consent refused or withdrawn)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from tafdesk.models.enums import NEED_AREA_ORDER, CaseStatus, ConsentStatus
from tafdesk.services.intake_queue import QueueRow
from tafdesk.ui.colours import current
from tafdesk.ui.intake.labels import (
    BLOCKING_CONSENT,
    CONSENT_LABELS,
    LEVEL_LABELS,
    LEVEL_ORDER,
    STATUS_LABELS,
)
from tafdesk.ui.intake.roles import (
    ACTIVE_ROLE,
    BADGES_ROLE,
    CONSENT_ROLE,
    ID_ROLE,
    LOCALITY_ROLE,
    REPEAT_ROLE,
    RISK_ROLE,
    SORT_ROLE,
    STATUS_ROLE,
)
from tafdesk.ui.labels import NEED_AREA_SHORT
from tafdesk.ui.table_model import RecordTableModel
from tafdesk.ui.text import day, plural, short_when, working_days

COL_FAMILY = 0
COL_LOCALITY = 1
COL_WAITING = 2
COL_RISK = 3
COL_CONSENT = 4
COL_STATUS = 5
COL_NEED = 6
COL_RECEIVED = 7
COL_NEED_AREAS = 8
COL_PROFILE_REF = 9
COL_CASE_REF = 10

REPEAT_BADGE = ("Repeat", "repeat")
MATCH_BADGE = ("Match to confirm", "match")

_STATUS_ORDER = {CaseStatus.AWAITING_TRIAGE: 0, CaseStatus.AWAITING_MEETING: 1}
_CONSENT_ORDER = {status: position for position, status in enumerate(ConsentStatus)}
Index = QModelIndex | QPersistentModelIndex


def consent_blocks(row: QueueRow) -> bool:
    return row.consent in BLOCKING_CONSENT and not row.consent_overridden


class QueueTableModel(RecordTableModel[QueueRow]):
    HEADERS = (
        "Family",
        "Locality",
        "Waiting",
        "Risk",
        "Consent",
        "Status",
        "Need",
        "Received",
        "Need areas",
        "Profile ref",
        "Case ref",
    )
    HEADER_TIPS = {
        COL_WAITING: "Working days since the referral was received, not counting weekends or English bank holidays",
        COL_RISK: "The highest level of risk in the profile",
        COL_NEED: "The highest level of need in the profile",
        COL_CONSENT: "The family's consent to share information; refused or withdrawn blocks allocation",
        COL_STATUS: "Waiting for a front-door decision, or on a meeting's agenda",
        COL_PROFILE_REF: "The access team's reference for the 360° profile",
        COL_CASE_REF: "tafdesk's reference for the case",
    }
    NUMERIC_COLUMNS = frozenset({COL_WAITING})
    NOUN = ("profile", "profiles")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sort_keys: dict[int, list[Any]] = {}

    # -- contents (rows are keyed by case id) --------------------------------

    def set_records(self, records: Sequence[QueueRow]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self._ids = {row.case_id: index for index, row in enumerate(self._rows)}
        self._search = [self.search_text(row).casefold() for row in self._rows]
        self._sort_keys = {}  # by column, made when the column is first sorted
        self.endResetModel()

    def sort_value(self, row: int, column: int) -> Any:
        """The row's sort key in the column; kept, since sorting asks for it over and over."""
        keys = self._sort_keys.get(column)
        if keys is None:
            keys = self._sort_keys[column] = [self.sort_key(record, column) for record in self._rows]
        return keys[row]

    def row_of_reference(self, case_reference: str) -> int:
        return next((i for i, row in enumerate(self._rows) if row.case_reference == case_reference), -1)

    def localities(self) -> list[str]:
        return sorted({row.locality for row in self._rows})

    def case_id(self, row: int) -> uuid.UUID:
        return self._rows[row].case_id

    # -- cells -----------------------------------------------------------------

    def display(self, record: QueueRow, column: int) -> str:
        if column == COL_FAMILY:
            return record.family_name
        if column == COL_LOCALITY:
            return record.locality
        if column == COL_WAITING:
            return plural(record.working_days_waiting, "day")
        if column == COL_RISK:
            return LEVEL_LABELS[record.highest_risk] if record.highest_risk else "None"
        if column == COL_NEED:
            return LEVEL_LABELS[record.highest_need] if record.highest_need else ""
        if column == COL_CONSENT:
            text = CONSENT_LABELS[record.consent]
            return f"{text} – overridden" if record.consent in BLOCKING_CONSENT and record.consent_overridden else text
        if column == COL_STATUS:
            if record.status is CaseStatus.AWAITING_MEETING and record.meeting_starts_at:
                return f"Meeting {short_when(record.meeting_starts_at)}"
            return STATUS_LABELS.get(record.status, record.status.value)
        if column == COL_RECEIVED:
            return day(record.received_on)
        if column == COL_NEED_AREAS:
            return ", ".join(NEED_AREA_SHORT[area] for area in record.need_areas)
        if column == COL_PROFILE_REF:
            return record.profile_ref
        if column == COL_CASE_REF:
            return record.case_reference
        return ""

    def sort_key(self, record: QueueRow, column: int) -> Any:
        if column == COL_WAITING:
            return record.working_days_waiting
        if column == COL_RISK:
            return LEVEL_ORDER[record.highest_risk]
        if column == COL_NEED:
            return LEVEL_ORDER[record.highest_need]
        # Sort keys are single numbers or strings: Qt compares nothing else.
        if column == COL_CONSENT:
            blocking = 20 if consent_blocks(record) else 10 if record.consent in BLOCKING_CONSENT else 0
            return blocking + _CONSENT_ORDER[record.consent]
        if column == COL_STATUS:
            starts = record.meeting_starts_at.timestamp() if record.meeting_starts_at else 0.0
            return _STATUS_ORDER.get(record.status, 9) * 1e11 + starts
        if column == COL_RECEIVED:
            return record.received_on.toordinal()
        if column == COL_NEED_AREAS:
            return "".join(chr(ord("a") + NEED_AREA_ORDER[area]) for area in record.need_areas)
        return super().sort_key(record, column)

    def tooltip(self, record: QueueRow, column: int) -> str | None:
        if column == COL_FAMILY:
            lines = [f"{record.family_name} ({record.profile_ref})"]
            if record.repeat:
                lines.append("Repeat referral: this family has been referred before.")
            if record.match_to_confirm:
                lines.append("Possibly a family already known: open the profile to confirm or reject the match.")
            return "\n".join(lines)
        if column == COL_WAITING:
            return f"{working_days(record.working_days_waiting)} since {day(record.received_on)} (weekends and bank holidays not counted)"
        if column == COL_CONSENT and record.consent in BLOCKING_CONSENT:
            if record.consent_overridden:
                return "A locality manager has recorded why the family may go ahead without consent."
            return "Allocation is blocked until a locality manager records an override reason."
        if column == COL_NEED_AREAS and record.need_areas:
            return "\n".join(area.label for area in record.need_areas)
        return None

    def extra(self, record: QueueRow, column: int, role: int) -> Any:
        if role == LOCALITY_ROLE:
            return record.locality
        if role == STATUS_ROLE:
            return record.status.value
        if role == CONSENT_ROLE:
            return record.consent.value
        if role == RISK_ROLE:
            return record.highest_risk.value if record.highest_risk else ""
        if role == REPEAT_ROLE:
            return record.repeat
        if column == COL_FAMILY and role in (BADGES_ROLE, Qt.ItemDataRole.AccessibleTextRole):
            badges = tuple(
                badge
                for badge, shown in ((REPEAT_BADGE, record.repeat), (MATCH_BADGE, record.match_to_confirm))
                if shown
            )
            if role == BADGES_ROLE:
                return badges
            # What a screen reader says of the cell: the badges are drawn, not written in its text.
            return ", ".join((self.display(record, column), *(label for label, _kind in badges)))
        return None

    def search_text(self, record: QueueRow) -> str:
        return "\n".join((record.family_name, record.profile_ref, record.case_reference))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and orientation == Qt.Orientation.Horizontal:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)  # the sort arrow sits on the right
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == SORT_ROLE:
            return self.sort_value(index.row(), index.column())
        record = self._rows[index.row()]
        if role == ID_ROLE:
            return record.case_id
        if role == ACTIVE_ROLE:
            return True
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(current().error.ink) if index.column() == COL_CONSENT and consent_blocks(record) else None
        if role == Qt.ItemDataRole.FontRole:
            if index.column() == COL_CONSENT and consent_blocks(record):
                font = QFont()
                font.setBold(True)
                return font
            return None
        return super().data(index, role)
