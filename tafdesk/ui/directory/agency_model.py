"""The agencies table: the partnership's members and how many staff each has."""

from __future__ import annotations

from typing import Any

from tafdesk.services.directory import AgencyRecord
from tafdesk.ui.directory.roles import MEMBERSHIP_ROLE, SECTOR_ROLE
from tafdesk.ui.labels import MEMBERSHIP_LABELS, SECTOR_LABELS
from tafdesk.ui.table_model import RecordTableModel
from tafdesk.ui.text import number

COL_NAME = 0
COL_SHORT_NAME = 1
COL_MEMBERSHIP = 2
COL_SECTOR = 3
COL_CAPACITY_PER_FTE = 4
COL_PROFESSIONALS = 5
COL_TOWN = 6
COL_PHONE = 7
COL_EMAIL = 8
COL_ACTIVE = 9


class AgencyTableModel(RecordTableModel[AgencyRecord]):
    HEADERS = (
        "Name",
        "Short name",
        "Membership",
        "Sector",
        "Capacity per FTE",
        "Professionals",
        "Town",
        "Phone",
        "Email",
        "Active",
    )
    HEADER_TIPS = {
        COL_MEMBERSHIP: "Core members have case management staff in the co-located team; associates work alongside",
        COL_CAPACITY_PER_FTE: "Caseload weight one full-time professional of this agency can carry",
        COL_PROFESSIONALS: "Active professionals in the directory",
    }
    NUMERIC_COLUMNS = frozenset({COL_CAPACITY_PER_FTE, COL_PROFESSIONALS})
    NOUN = ("agency", "agencies")

    def display(self, record: AgencyRecord, column: int) -> str:
        if column == COL_NAME:
            return record.name
        if column == COL_SHORT_NAME:
            return record.short_name or ""
        if column == COL_MEMBERSHIP:
            return MEMBERSHIP_LABELS[record.membership]
        if column == COL_SECTOR:
            return SECTOR_LABELS[record.sector]
        if column == COL_CAPACITY_PER_FTE:
            return number(record.capacity_per_fte)
        if column == COL_PROFESSIONALS:
            return str(record.professional_count)
        if column == COL_TOWN:
            return record.town or ""
        if column == COL_PHONE:
            return record.phone or ""
        if column == COL_EMAIL:
            return record.email or ""
        if column == COL_ACTIVE:
            return "Yes" if record.active else "No"
        return ""

    def sort_key(self, record: AgencyRecord, column: int) -> Any:
        if column == COL_CAPACITY_PER_FTE:
            return record.capacity_per_fte
        if column == COL_PROFESSIONALS:
            return record.professional_count
        if column == COL_ACTIVE:
            return int(record.active)
        return super().sort_key(record, column)

    def tooltip(self, record: AgencyRecord, column: int) -> str | None:
        if column in (COL_NAME, COL_EMAIL, COL_TOWN):
            text = self.display(record, column)
            return text or None
        return None

    def extra(self, record: AgencyRecord, column: int, role: int) -> Any:
        if role == MEMBERSHIP_ROLE:
            return record.membership.value
        if role == SECTOR_ROLE:
            return record.sector.value
        return None

    def search_text(self, record: AgencyRecord) -> str:
        parts = (
            record.name,
            record.short_name,
            MEMBERSHIP_LABELS[record.membership],
            SECTOR_LABELS[record.sector],
            record.town,
            record.postcode,
            record.email,
            record.phone,
        )
        return "\n".join(part for part in parts if part)
