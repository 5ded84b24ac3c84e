"""Running slow reads off the user interface thread.

`run_in_background(work, on_success, on_failure, context=widget)` calls
`work()` on Qt's global thread pool and delivers its result (or exception)
back on the interface thread. If `context` is destroyed first, nothing is
delivered. Nothing the work refers to is freed on the pool's thread
(_Relay). Services open their own short session per call, so `work` may
call them from the pool.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")


class _Relay(QObject):
    """Lives on the interface thread and holds what the job needs (the work,
    then its outcome), so that every Python reference the job drops is never
    the last: a widget (or anything holding one) freed on the pool's thread
    would be destroyed there, which crashes Qt. It is the application's
    child, not the context's: deleting the context while the job emits would
    delete the relay under the emitting thread; the context is watched instead."""

    finished = Signal()

    def __init__(
        self,
        context: QObject,
        work: Callable[[], Any],
        on_success: Callable[[Any], object],
        on_failure: Callable[[Exception], object],
    ) -> None:
        super().__init__(QCoreApplication.instance())
        self.work: Callable[[], Any] | None = work
        self.outcome: tuple[Any, Exception | None] = (None, None)  # set by the job
        self._gone = False
        context.destroyed.connect(self._context_gone)
        self._on_success: Callable[[Any], object] | None = on_success
        self._on_failure: Callable[[Exception], object] | None = on_failure
        self.finished.connect(self._deliver)

    @Slot()
    def _context_gone(self) -> None:
        self._gone = True

    @Slot()
    def _deliver(self) -> None:
        result, error = self.outcome
        on_success, on_failure = self._on_success, self._on_failure
        self.work = self._on_success = self._on_failure = None
        self.outcome = (None, None)
        self.deleteLater()
        if self._gone:
            log.debug("background result dropped: its widget has gone")
        elif error is None:
            on_success(result)  # type: ignore[misc]
        else:
            on_failure(error)  # type: ignore[misc]


class _Job(QRunnable):
    def __init__(self, relay: _Relay) -> None:
        super().__init__()
        self._relay = relay  # C++-owned (the application's child): dropping it here frees nothing

    def run(self) -> None:
        work = self._relay.work
        assert work is not None
        try:
            self._relay.outcome = (work(), None)
        except Exception as exc:  # noqa: BLE001 (handed to on_failure)
            self._relay.outcome = (None, exc)
        del work  # before the signal: the relay may let go of the work as soon as it is emitted
        self._relay.finished.emit()


def run_in_background(
    work: Callable[[], T],
    on_success: Callable[[T], object],  # what either returns is not used
    on_failure: Callable[[Exception], object],
    *,
    context: QObject,
) -> None:
    QThreadPool.globalInstance().start(_Job(_Relay(context, work, on_success, on_failure)))


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
