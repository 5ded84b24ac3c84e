"""Waiting for the screenshots' windows to be ready: background reads
finished (some start others, so a few rounds) and the window repainted."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication


def settle(app: QApplication, ms: int = 200) -> None:
    for _ in range(3):
        QThreadPool.globalInstance().waitForDone(20_000)
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        app.processEvents()
