"""The built bundle (`make dist`): its size, and its cold start to a chair's
first page with rows shown against the bare PySide6 window, measured as the
startup suite measures the source tree (bench/startup.py: the password on
standard input, the moment printed by the program itself).

The bundle is not built here: building takes minutes and needs the `dist`
extra, so without dist/tafdesk the suite prints why and gives no figures."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

from bench.common import ROOT, Result, demo_database, median
from bench.startup import BARE_WINDOW, ROLES, RUNS, _measure

BUNDLE = ROOT / "dist" / "tafdesk"
PROGRAM = BUNDLE / ("tafdesk.exe" if sys.platform == "win32" else "tafdesk")


def folder_mib(folder) -> float:
    """The folder's files as they lie on disk, links counted once and not followed."""
    total = sum(path.lstat().st_size for path in folder.rglob("*") if path.is_file() or path.is_symlink())
    return total / 2**20


def run() -> list[Result]:
    if not PROGRAM.is_file():
        print(f"bench bundle: skipped, no built bundle at {BUNDLE} (run `make dist` first)", file=sys.stderr)
        return []
    database = demo_database(10_000)
    with tempfile.TemporaryDirectory() as home:
        env = {
            "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",  # as installed: no virtualenv on the path
            "HOME": home,
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
            "TAFDESK_HOME": home,
            "TAFDESK_QUIT_AFTER_STARTUP": "1",
        }
        problem = _schema_problem(database, env)
        if problem:  # it would wait at its "newer database" question, unanswered
            print(
                f"bench bundle: skipped, the bundle cannot open the demo as it is ({problem}): run `make dist`",
                file=sys.stderr,
            )
            return []
        commands = {
            "bundle": [str(PROGRAM), "--db", str(database), "--user", ROLES["chair"], "--password-stdin"],
            "bare": [sys.executable, "-c", BARE_WINDOW],
        }
        bare_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        for name, command in commands.items():  # warm the file cache for both alike
            _measure(command, env if name == "bundle" else bare_env)
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(RUNS):
            for name, command in commands.items():
                runs[name].append(_measure(command, env if name == "bundle" else bare_env))
    ms = {name: median([t for t, _ in found]) * 1000 for name, found in runs.items()}
    return [
        Result("bundle_size_mib", folder_mib(BUNDLE), "MiB", "<= 250"),
        Result("bundle_startup_to_rows_ms", ms["bundle"], "ms"),
        Result("bundle_startup_ratio", ms["bundle"] / ms["bare"], "x", "<= 4"),
        Result("bundle_startup_peak_rss_mib", median([m for _, m in runs["bundle"]]), "MiB"),
    ]


def _schema_problem(database, env) -> str | None:
    """Why the bundle would not open the demo's schema as it is, or None."""
    try:
        done = subprocess.run(
            [str(PROGRAM), "db", "current", "--db", str(database)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    except subprocess.TimeoutExpired:
        return "it did not say which schema it has within two minutes"
    said = " ".join((done.stdout + done.stderr).split())
    return None if done.returncode == 0 and "up to date" in said else said or f"exit status {done.returncode}"
