"""The band across the top of every window on a demo council: no one should
mistake training data for real families (services/demo_mark.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from tafdesk.services.demo_mark import EXPLAINED, WORDS


def demo_band(parent: QWidget | None = None) -> QLabel:
    band = QLabel(EXPLAINED, parent, objectName="demoBand", wordWrap=True)
    band.setAccessibleName(WORDS)
    band.setAccessibleDescription(EXPLAINED)
    return band


def demo_title(title: str) -> str:
    return f"{title} — {WORDS.upper()}"
