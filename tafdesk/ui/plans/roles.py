"""Item data roles the plan screens' models answer beyond Qt's own. SORT_ROLE
and ID_ROLE are the directory's, so that every table in tafdesk sorts and
names its rows the same way."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tafdesk.ui.directory.roles import ID_ROLE, SEARCH_ROLE, SORT_ROLE

_USER = int(Qt.ItemDataRole.UserRole)

PROBLEM_ROLE = _USER + 40  # what is wrong with the cell (SMART check or a refused agreement), or None
URGENCY_ROLE = _USER + 41  # "late", "soon" or "" : how a case's row is coloured
SERIES_ROLE = _USER + 42
NOT_TAKEN_ROLE = _USER + 43  # set only: why what was typed in the cell was not taken (a date that is not one)

__all__ = ["ID_ROLE", "NOT_TAKEN_ROLE", "PROBLEM_ROLE", "SEARCH_ROLE", "SORT_ROLE", "URGENCY_ROLE"]
