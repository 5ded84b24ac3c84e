"""Live updates for the screens: one Qt signal for every committed change,
here or elsewhere, and the way each page follows it.

`ChangeSignal` hears the database's ChangeBus (on whatever thread committed,
or the listener's) and emits `changed(Change)` on the interface thread.

`LiveReload` keeps one page current: a change the page wants marks it stale;
a stale page reads again at once if it is visible (a burst of changes is
one read), else when it is next shown. A page holding unsaved work (`holding`)
is not read again under its user: the read waits, the status bar says so
once, and it happens when the work is saved or put aside. A change the page
had already read (its read began after the change arrived: typically the
page's own write, read back at once) is ignored.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from tafdesk.db.changes import Change, ChangeBus

SETTLE_MS = 120  # changes arriving together are read once
HELD_RECHECK_MS = 1000  # how often a held read looks again whether the work was saved
HELD_TEXT = "Changes made elsewhere will show here once your edits are saved."

Wants = Callable[[Change], bool]


class ChangeSignal(QObject):
    changed = Signal(object)  # Change
    _heard = Signal(object)  # from any thread

    def __init__(self, bus: ChangeBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._heard.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = bus.subscribe(self._hear)
        self.destroyed.connect(self._unsubscribe)

    def close(self) -> None:
        """Hear no more (the window is closing)."""
        self._unsubscribe()

    def _hear(self, changes: Sequence[Change]) -> None:
        for change in changes:
            self._heard.emit(change)

    @Slot(object)
    def _deliver(self, change: Change) -> None:
        self.changed.emit(change)


class LiveReload(QObject):
    reloaded = Signal()  # a read was started because of changes

    def __init__(
        self,
        page: QWidget,
        changes: ChangeSignal | None,
        wants: Wants,
        reload: Callable[[], None],
        *,
        holding: Callable[[], bool] | None = None,
        say: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(page)
        self._page = page
        self._wants = wants
        self._reload = reload
        self._holding = holding
        self._say = say
        self.stale = False
        self._read_at = 0.0
        self._told = False
        self._timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._timer.timeout.connect(self._due)
        page.installEventFilter(self)
        if changes is not None:
            changes.changed.connect(self.take)

    def reading(self) -> None:
        """The page begins a read: changes heard until now will be in it."""
        self._read_at = time.monotonic()
        self.stale = False

    def take(self, change: Change) -> None:
        if change.at and change.at <= self._read_at:
            return  # read already (the page's own change, read back after it wrote)
        if not self._wants(change):
            return
        self.stale = True
        if self._page.isVisible():
            self._timer.start()

    def refresh_now(self) -> None:
        """Read again now, as asked (F5), unless unsaved work holds it."""
        self.stale = True
        self._due()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._page and event.type() == QEvent.Type.Show and self.stale:
            self._timer.start()
        return False

    def _due(self) -> None:
        if not self.stale or not self._page.isVisible():
            return
        if self._holding is not None and self._holding():
            if not self._told and self._say is not None:
                self._told = True
                self._say(HELD_TEXT)
            self._timer.start(HELD_RECHECK_MS)
            return
        self._told = False
        self._timer.setInterval(SETTLE_MS)
        self.reading()
        self._reload()
        self.reloaded.emit()
