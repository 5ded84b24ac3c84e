"""The band above a plan that says changes kept on this computer (after a
crash, a power cut or a session closed with the database out of reach) were
put back into it: what they are and when they were made, with "Keep these
changes" (nothing more to do: they save as usual) and "Discard them" (back to
the database's version, undoably)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from tafdesk import clock
from tafdesk.plans.content import PlanContent
from tafdesk.plans.versions import Change, differences
from tafdesk.ui.text import day, plural, shortened

NAMED = 3  # changes named one by one; the rest are counted


def when_kept(saved_at: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """'today at 14:32', 'yesterday at 09:05' or 'on 28 Nov 2026 at 16:40', in local time."""
    if saved_at is None:
        return "earlier"
    local = saved_at.astimezone()
    today = (now or clock.local_now()).date()
    if local.date() == today:
        on = "today"
    elif local.date() == today - dt.timedelta(days=1):
        on = "yesterday"
    else:
        on = f"on {day(local.date())}"
    return f"{on} at {local:%H:%M}"


def what_changed(before: PlanContent, after: PlanContent) -> str:
    """The changes, in a few words each: 'the strengths, the action “Walk Tobi…” (measure) and 2 more'."""
    named: dict[tuple[str, str], list[str]] = {}
    for change in differences(before, after):
        named.setdefault((change.section, change.item), []).append(_field(change))
    parts = [_part(section, item, fields) for (section, item), fields in named.items()]
    if not parts:
        return "no changes"
    shown = parts if len(parts) <= NAMED + 1 else [*parts[:NAMED], f"{plural(len(parts) - NAMED, 'more change')}"]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


def _field(change: Change) -> str:
    if change.after == "added":
        return "added"
    if change.before == "removed":
        return "removed"
    return change.field.lower()


def _part(section: str, item: str, fields: Sequence[str]) -> str:
    if section == "plan":
        return " and ".join(f"the {field}" for field in fields)
    name = f"\u201c{shortened(item, 36)}\u201d" if item else "(no words yet)"
    if fields == ["added"]:
        return f"a new {section} {name}"
    if fields == ["removed"]:
        return f"the {section} {name} removed"
    return f"the {section} {name} ({', '.join(fields)})"


class RecoveredBanner(QFrame):
    keep_chosen = Signal()
    discard_chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveredBand")
        self.setAccessibleName("Changes put back from this computer")
        self.title = QLabel("Changes kept on this computer were put back into this plan", objectName="recoveredTitle")
        self.text = QLabel(objectName="recoveredText", wordWrap=True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keep_button = QPushButton("Keep these changes", objectName="primaryButton")
        self.keep_button.setAutoDefault(True)  # Enter on it, as in a dialog: keeping is the default
        self.keep_button.setToolTip("They are saved as usual")
        self.discard_button = QPushButton("Discard them")
        self.discard_button.setToolTip("Go back to the version in the database (Undo brings the changes back)")
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.title)
        words.addWidget(self.text)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 10, 8)
        row.setSpacing(8)
        row.addLayout(words, 1)
        row.addWidget(self.keep_button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.discard_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.keep_button.clicked.connect(self._keep)
        self.discard_button.clicked.connect(self._discard)
        self.hide()

    def show_recovered(self, before: PlanContent, after: PlanContent, saved_at: dt.datetime | None) -> None:
        """Say what was put back (the changes from `before`, the database's version) and when it was typed."""
        text = (
            f"From {when_kept(saved_at)}: {what_changed(before, after)}. Keep them and they save as usual, "
            "or discard them to go back to the version in the database."
        )
        self.text.setText(text)
        self.setAccessibleDescription(f"{self.title.text()}. {text}")
        self.show()

    def _keep(self) -> None:
        self.hide()
        self.keep_chosen.emit()

    def _discard(self) -> None:
        self.hide()
        self.discard_chosen.emit()
