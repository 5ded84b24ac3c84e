"""Item data roles the directory's table models answer beyond Qt's own."""

from __future__ import annotations

from PySide6.QtCore import Qt

_USER = int(Qt.ItemDataRole.UserRole)

SORT_ROLE = _USER  # a value that sorts the column as people expect
ID_ROLE = _USER + 1  # the record's UUID
SEARCH_ROLE = _USER + 2  # casefolded text the search box matches
ACTIVE_ROLE = _USER + 3
AGENCY_ROLE = _USER + 4  # str(agency id)
LOCALITY_ROLE = _USER + 5  # str(locality id)
MEMBERSHIP_ROLE = _USER + 6  # Membership value
SECTOR_ROLE = _USER + 7  # Sector value
RATIO_ROLE = _USER + 8  # caseload as a share of capacity (float; inf if no capacity)
