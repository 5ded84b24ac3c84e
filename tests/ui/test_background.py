"""Work run off the interface thread (ui/background.py) never frees what it
refers to on the pool's thread: a widget destroyed there crashes Qt (the
board pack dialog's tests did, about half the time, when the dialog its
work referred to went while the job was running)."""

from __future__ import annotations

import threading
import weakref

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QDialog, QLabel

from tafdesk.ui.background import run_in_background


def test_a_widget_only_the_work_refers_to_is_freed_on_the_interface_thread(qtbot):
    context = QLabel()
    qtbot.addWidget(context)
    freed: list[str] = []
    results: list[str] = []
    for _ in range(10):
        dialog = QDialog(objectName="closed")  # the person's dialog, closed and dropped while its work runs
        weakref.finalize(dialog, lambda: freed.append(threading.current_thread().name))
        started, go_on = threading.Event(), threading.Event()

        def work(seen=dialog, started=started, go_on=go_on) -> str:
            started.set()
            go_on.wait(5)
            return seen.objectName()

        run_in_background(work, results.append, lambda exc: results.append(repr(exc)), context=context)
        started.wait(5)
        del dialog, work  # now only the job's work refers to it
        go_on.set()
        QThreadPool.globalInstance().waitForDone()
        qtbot.waitUntil(lambda n=len(freed): len(freed) > n)
    assert results == ["closed"] * 10
    assert set(freed) == {threading.main_thread().name}


def test_nothing_is_delivered_once_the_context_has_gone(qtbot):
    context = QLabel()
    results: list[object] = []
    go_on = threading.Event()
    run_in_background(lambda: go_on.wait(5), results.append, results.append, context=context)
    context.deleteLater()
    qtbot.waitUntil(lambda: not _alive(context))
    go_on.set()
    QThreadPool.globalInstance().waitForDone()
    qtbot.wait(50)
    assert results == []


def _alive(widget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)
