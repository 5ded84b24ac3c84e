"""A second process for the single-instance tests: holds a database's
instance lock with a window, says "ready", and "raised" when asked to come
to the front; ends when its standard input closes."""

import sys
import threading
from pathlib import Path

from PySide6.QtCore import QMetaObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from tafdesk.ui.single_instance import SingleInstance

app = QApplication([])
window = QWidget()
window.show()
instance = SingleInstance(Path(sys.argv[1]))
print("ready" if instance.claim() else "refused", flush=True)
instance.raise_requested.connect(lambda: print("raised", flush=True))


def _quit_when_stdin_closes() -> None:
    sys.stdin.read()
    QMetaObject.invokeMethod(app, "quit", Qt.ConnectionType.QueuedConnection)


threading.Thread(target=_quit_when_stdin_closes, daemon=True).start()
app.exec()
instance.release()
