"""Cold start to each role's own first page with its rows shown, beside a
bare PySide6 window.

Each run is a new process, signing in with the demo password given on
standard input (its check included). tafdesk's time runs from spawning the
process to the moment its first page (a chair's Meetings, a lead
professional's cases, business support's Intake) shows the rows it reads in
the background, painted; the bare window's, to its first paint. Each process
reports the moment on its standard output with the wall-clock time. Peak
memory is the process's maximum resident set size over its whole life. The
programs alternate so that a busy moment of the machine falls on all alike.
tafdesk's bytecode is compiled first, as an installed app's is.
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
ROLES = {"chair": "manager.north", "lead": "lead.north1", "support": "support1"}


def _measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawn to the first paint, and peak RSS in MiB."""
    started = time.time()
    process = subprocess.Popen(
        command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
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
        commands = {
            role: [sys.executable, "-m", "tafdesk", "--db", str(database), "--user", user, "--password-stdin"]
            for role, user in ROLES.items()
        }
        commands["bare"] = [sys.executable, "-c", BARE_WINDOW]
        for command in commands.values():  # warm the file cache for all alike
            _measure(command, env)
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(RUNS):
            for name, command in commands.items():
                runs[name].append(_measure(command, env))
    ms = {name: median([t for t, _ in found]) * 1000 for name, found in runs.items()}
    return [
        Result("startup_to_rows_ms", ms["chair"], "ms"),
        Result("startup_bare_pyside6_ms", ms["bare"], "ms"),
        Result("startup_to_rows_ratio", ms["chair"] / ms["bare"], "x", "<= 5"),
        Result("startup_to_rows_lead_ms", ms["lead"], "ms"),
        Result("startup_to_rows_support_ms", ms["support"], "ms"),
        Result("startup_peak_rss_mib", median([m for _, m in runs["chair"]]), "MiB", "<= 200"),
        Result("startup_bare_pyside6_peak_rss_mib", median([m for _, m in runs["bare"]]), "MiB"),
    ]
