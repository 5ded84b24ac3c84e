"""Saying a change of status to whoever uses a screen reader (WCAG 4.1.3,
status messages): the status bar's messages, the quorum band, what meeting
mode has just recorded. Text that merely changes on screen is not read out
unless the reader's focus is on it.

Qt 6.8 and later send an announcement (QAccessibleAnnouncementEvent) that
the reader speaks without moving the user's focus; an older Qt is told the
widget's name changed, which readers speak when they watch that widget."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleEvent, Qt, QTextDocumentFragment
from PySide6.QtWidgets import QWidget

try:
    from PySide6.QtGui import QAccessibleAnnouncementEvent

    ANNOUNCEMENTS = True
except ImportError:  # Qt before 6.8
    ANNOUNCEMENTS = False


def announce(widget: QWidget, text: str, *, urgent: bool = False) -> None:
    """Have screen readers say `text`, shown by `widget`: politely (after
    what is being read) or, for what must be heard now, at once. Rich text
    is said as the words it shows."""
    if Qt.mightBeRichText(text):
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    text = " ".join(text.split())
    if not text:
        return
    if not ANNOUNCEMENTS:
        QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.NameChanged))
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    politeness = QAccessible.AnnouncementPoliteness
    event.setPoliteness(politeness.Assertive if urgent else politeness.Polite)
    QAccessible.updateAccessibility(event)
