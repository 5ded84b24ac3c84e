"""The icons in resources/icons, loaded once each."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from tafdesk.paths import resource_path


@cache
def icon(name: str) -> QIcon:
    """resources/icons/<name>.svg; an empty icon if the file is missing, so a
    broken installation still opens."""
    path = resource_path("icons", f"{name}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()
