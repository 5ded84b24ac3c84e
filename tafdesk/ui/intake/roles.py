"""Item data roles the intake queue answers beyond Qt's own and those it
shares with the directory's tables (SORT_ROLE, ID_ROLE, SEARCH_ROLE)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tafdesk.ui.directory.roles import ACTIVE_ROLE, ID_ROLE, SEARCH_ROLE, SORT_ROLE

_USER = int(Qt.ItemDataRole.UserRole)

LOCALITY_ROLE = _USER + 20  # locality name
STATUS_ROLE = _USER + 21  # CaseStatus value
CONSENT_ROLE = _USER + 22  # ConsentStatus value
RISK_ROLE = _USER + 23  # highest risk: Level value, or "" when none recorded
REPEAT_ROLE = _USER + 24  # bool
BADGES_ROLE = _USER + 25  # tuple of (text, kind) drawn beside the family name

__all__ = [
    "ACTIVE_ROLE",
    "BADGES_ROLE",
    "CONSENT_ROLE",
    "ID_ROLE",
    "LOCALITY_ROLE",
    "REPEAT_ROLE",
    "RISK_ROLE",
    "SEARCH_ROLE",
    "SORT_ROLE",
    "STATUS_ROLE",
]
