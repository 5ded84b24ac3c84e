"""Running slow reads off the user interface thread.

`run_in_background(work, on_success, on_failure, context=widget)` calls
`work()` on Qt's global thread pool and delivers its result (or exception)
back on the interface thread. If `context` is destroyed first, nothing is
delivered. Services open their own short session per call, so `work` may
call them from the pool.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")


class _Relay(QObject):
    """Lives on the interface thread, so the job's signal reaches it queued."""

    finished = Signal(object, object)  # result, exception

    def __init__(
        self, context: QObject, on_success: Callable[[Any], object], on_failure: Callable[[Exception], object]
    ) -> None:
        super().__init__(context)
        self._on_success = on_success
        self._on_failure = on_failure
        self.finished.connect(self._deliver)

    @Slot(object, object)
    def _deliver(self, result: Any, error: Exception | None) -> None:
        self.deleteLater()
        if error is None:
            self._on_success(result)
        else:
            self._on_failure(error)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        outcome: tuple[Any, Exception | None]  # the result, or what was raised
        try:
            outcome = (self._work(), None)
        except Exception as exc:  # noqa: BLE001 (handed to on_failure)
            outcome = (None, exc)
        try:
            self._relay.finished.emit(*outcome)
        except RuntimeError:
            log.debug("background result dropped: its widget has gone")


def run_in_background(
    work: Callable[[], T],
    on_success: Callable[[T], object],  # what either returns is not used
    on_failure: Callable[[Exception], object],
    *,
    context: QObject,
) -> None:
    relay = _Relay(context, on_success, on_failure)
    QThreadPool.globalInstance().start(_Job(work, relay))


# On a server, work still running then is waiting on a network that has gone:
# the draft journal already holds what it was saving, so nobody waits for it.
QUIT_WAIT_MS = 600


def wait_for_background_work(timeout_ms: int = QUIT_WAIT_MS) -> bool:
    """Drop jobs not yet started and wait at most timeout_ms for running
    ones (at sign-out and exit). False if some are still running."""
    pool = QThreadPool.globalInstance()
    pool.clear()
    done = pool.waitForDone(timeout_ms)
    if not done:
        log.warning("background work still running after %s ms: not waited for", timeout_ms)
    return done
