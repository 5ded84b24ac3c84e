"""Panes of formatted text (case summaries, minutes, the family on the
projector, review records) break lines between words only. Qt's default
also breaks a word anywhere once a table column is narrower than it
("Relationshi p" under a heading); between words, the table's columns are
kept at least as wide as their longest word."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QTextEdit

Pane = TypeVar("Pane", bound=QTextEdit)


def whole_words(pane: Pane) -> Pane:
    pane.setWordWrapMode(QTextOption.WrapMode.WordWrap)
    return pane
