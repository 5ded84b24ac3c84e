"""Item data roles the meeting models answer beyond Qt's own."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tafdesk.ui.directory.roles import RATIO_ROLE, SORT_ROLE

_USER = int(Qt.ItemDataRole.UserRole)

KEY_ROLE = _USER + 20  # the row's id: meeting, agenda item, agency or professional
STATE_ROLE = _USER + 21  # agenda rail: "decided" | "pending"; candidates: "lead" | "team" | ""
AFTER_ROLE = _USER + 22  # candidates: utilisation after taking this case
DETAIL_ROLE = _USER + 23  # a second line of text (agenda rail)
LOCALITY_ROLE = _USER + 24  # meeting list: locality name
UPCOMING_ROLE = _USER + 25  # meeting list: True if the meeting is still to come or running

__all__ = [
    "AFTER_ROLE",
    "DETAIL_ROLE",
    "KEY_ROLE",
    "LOCALITY_ROLE",
    "RATIO_ROLE",
    "SORT_ROLE",
    "STATE_ROLE",
    "UPCOMING_ROLE",
]
