"""Cold start to an interactive main window, beside a bare PySide6 window.

Each run is a new process. Start-up time runs from spawning the process to
the moment its window has painted and the event loop is free again, which the
process reports on its standard output with the wall-clock time; both
programs report the same way. Peak memory is the process's maximum resident
set size over its whole life (for tafdesk that includes the Directory's rows,
read in the background after the first paint). The two programs alternate so
that a busy moment of the machine falls on both alike. tafdesk's bytecode is
compiled first, as an installed app's is.
"""

from __future__ import annotations

import compileall
import os
import subprocess
import sys
import tempfile
import time

from bench.common import ROOT, Result, demo_database, median
from tafdesk.services.passwords import DEMO_PASSWORD

BARE_WINDOW = """
import time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, ready)
        return False

def ready():
    print(f"tafdesk-ready {time.time():.6f}", flush=True)
    app.exit(0)

app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
spy = FirstPaint()
window.installEventFilter(spy)
window.show()
app.exec()
"""

RUNS = 7


def _measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawn to the first paint, and peak RSS in MiB."""
    started = time.time()
    process = subprocess.Popen(command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)  # fmt: skip
    process.stdin.write(f"{DEMO_PASSWORD}\n")  # tafdesk signs in with it (--password-stdin); the bare window ignores it
    process.stdin.close()
    _, status, usage = os.wait4(process.pid, 0)
    output = process.stdout.read()
    ready = [line for line in output.splitlines() if line.startswith("tafdesk-ready ")]
    if os.waitstatus_to_exitcode(status) != 0 or not ready:
        raise RuntimeError(f"{command[:3]} failed: {process.stderr.read()[-2000:]}")
    return float(ready[0].split()[1]) - started, usage.ru_maxrss / 1024  # Linux reports KiB


def run() -> list[Result]:
    database = demo_database(10_000)
    compileall.compile_dir(ROOT / "tafdesk", quiet=1)
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TAFDESK_HOME": home, "TAFDESK_QUIT_AFTER_STARTUP": "1"}
        tafdesk = [sys.executable, "-m", "tafdesk", "--db", str(database), "--user", "manager.north", "--password-stdin"]
        bare = [sys.executable, "-c", BARE_WINDOW]
        _measure(tafdesk, env)  # warm the file cache for both alike
        _measure(bare, env)
        ours, theirs = [], []
        for _ in range(RUNS):
            ours.append(_measure(tafdesk, env))
            theirs.append(_measure(bare, env))
    our_time = median([t for t, _ in ours])
    bare_time = median([t for t, _ in theirs])
    return [
        Result("startup_ms", our_time * 1000, "ms"),
        Result("startup_bare_pyside6_ms", bare_time * 1000, "ms"),
        Result("startup_ratio", our_time / bare_time, "x", "<= 4"),
        Result("startup_peak_rss_mib", median([m for _, m in ours]), "MiB", "<= 200"),
        Result("startup_bare_pyside6_peak_rss_mib", median([m for _, m in theirs]), "MiB"),
    ]
