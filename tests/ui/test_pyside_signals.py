"""The Qt binding must not leak references on signal emits (PySide6 6.12.0
dropped one of True's with every emit, and Python 3.11 then aborts)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Sender(QObject):
    changed = Signal(int)


def test_emitting_signals_keeps_reference_counts(qtbot):
    sender = _Sender()
    received = []
    sender.changed.connect(received.append)
    before = sys.getrefcount(True)
    for n in range(500):
        sender.changed.emit(n)
    assert received == list(range(500))
    assert sys.getrefcount(True) >= before - 5
