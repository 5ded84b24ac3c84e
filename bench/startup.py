"""Cold start to an interactive main window, beside a bare PySide6 window.

Each run is a new process; wall time is measured from spawning it to its exit,
which it does as soon as its window has been shown and painted. Peak memory
is the child's maximum resident set size. The two programs alternate so that
a busy moment of the machine falls on both alike.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

from bench.common import Result, demo_database, median

BARE_WINDOW = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""

RUNS = 7


def _measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawn to exit, and peak RSS in MiB."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{command[:3]} failed: {process.stderr.read().decode(errors='replace')[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024  # Linux reports KiB


def run() -> list[Result]:
    database = demo_database(10_000)
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TAFDESK_HOME": home, "TAFDESK_QUIT_AFTER_STARTUP": "1"}
        tafdesk = [sys.executable, "-m", "tafdesk", "--db", str(database), "--user", "manager.north"]
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
