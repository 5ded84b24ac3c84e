"""The professionals table: who works where, and how full their caseload is."""

from __future__ import annotations

import math
from typing import Any

from tafdesk.services.directory import ProfessionalRecord
from tafdesk.ui.directory.roles import AGENCY_ROLE, LOCALITY_ROLE, RATIO_ROLE
from tafdesk.ui.labels import NEED_AREA_SHORT
from tafdesk.ui.table_model import RecordTableModel
from tafdesk.ui.text import number

COL_NAME = 0
COL_AGENCY = 1
COL_LOCALITY = 2
COL_JOB_TITLE = 3
COL_FTE = 4
COL_CAPACITY = 5
COL_LOAD = 6
COL_OPEN_CASES = 7
COL_SPECIALISMS = 8
COL_ACTIVE = 9


def utilisation(record: ProfessionalRecord) -> float:
    """Caseload weight as a share of capacity; infinite when someone with no
    capacity is carrying cases."""
    if record.effective_capacity > 0:
        return record.load / record.effective_capacity
    return math.inf if record.load > 0 else 0.0


class ProfessionalTableModel(RecordTableModel[ProfessionalRecord]):
    HEADERS = (
        "Name",
        "Agency",
        "Locality",
        "Job title",
        "FTE",
        "Capacity",
        "Load",
        "Open cases",
        "Specialisms",
        "Active",
    )
    HEADER_TIPS = {
        COL_FTE: "Full-time equivalent: 1 is full time",
        COL_CAPACITY: "Caseload weight this person can carry: their own figure, or FTE × the agency's standard",
        COL_LOAD: "Weight of the open cases they lead, as a share of their capacity",
        COL_OPEN_CASES: "Open cases they lead",
        COL_SPECIALISMS: "Need areas they are skilled in",
    }
    NUMERIC_COLUMNS = frozenset({COL_FTE, COL_CAPACITY, COL_OPEN_CASES})  # Load draws its own figure and bar
    NOUN = ("professional", "professionals")

    def display(self, record: ProfessionalRecord, column: int) -> str:
        if column == COL_NAME:
            return record.name
        if column == COL_AGENCY:
            return record.agency_name
        if column == COL_LOCALITY:
            return record.locality_name
        if column == COL_JOB_TITLE:
            return record.job_title
        if column == COL_FTE:
            return f"{record.fte:.2f}"
        if column == COL_CAPACITY:
            return number(record.effective_capacity)
        if column == COL_LOAD:
            ratio = utilisation(record)
            return "No capacity" if math.isinf(ratio) else f"{ratio:.0%}"
        if column == COL_OPEN_CASES:
            return str(record.open_cases_led)
        if column == COL_SPECIALISMS:
            return ", ".join(NEED_AREA_SHORT[area] for area in record.specialisms)
        if column == COL_ACTIVE:
            return "Yes" if record.active else "No"
        return ""

    def sort_key(self, record: ProfessionalRecord, column: int) -> Any:
        if column == COL_FTE:
            return record.fte
        if column == COL_CAPACITY:
            return record.effective_capacity
        if column == COL_LOAD:
            return utilisation(record)
        if column == COL_OPEN_CASES:
            return record.open_cases_led
        if column == COL_ACTIVE:
            return int(record.active)
        return super().sort_key(record, column)

    def tooltip(self, record: ProfessionalRecord, column: int) -> str | None:
        if column == COL_CAPACITY:
            if record.capacity is not None:
                return f"{number(record.effective_capacity)}: set for {record.given_name}"
            return f"{number(record.effective_capacity)}: {number(record.fte)} FTE × the agency's standard"
        if column == COL_LOAD:
            ratio = utilisation(record)
            share = "with no capacity" if math.isinf(ratio) else f"({ratio:.0%})"
            return (
                f"Carrying {number(record.load)} of {number(record.effective_capacity)} {share} "
                f"across {record.open_cases_led} open case{'s' if record.open_cases_led != 1 else ''}"
            )
        if column == COL_SPECIALISMS and record.specialisms:
            return "\n".join(area.label for area in record.specialisms)
        if column in (COL_NAME, COL_AGENCY, COL_JOB_TITLE):
            return self.display(record, column)
        return None

    def extra(self, record: ProfessionalRecord, column: int, role: int) -> Any:
        if role == AGENCY_ROLE:
            return str(record.agency_id)
        if role == LOCALITY_ROLE:
            return str(record.locality_id)
        if role == RATIO_ROLE and column == COL_LOAD:
            return utilisation(record)
        return None

    def search_text(self, record: ProfessionalRecord) -> str:
        parts = [record.name, record.agency_name, record.locality_name, record.job_title, record.email or ""]
        parts += [NEED_AREA_SHORT[area] for area in record.specialisms]
        parts += [area.label for area in record.specialisms]
        return "\n".join(parts)
