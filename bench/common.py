"""What the benchmarks share: results, medians, the demo database they run on."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench"
DEMO_TODAY = "2026-11-25"  # the day the benchmark councils are built around
BENCH_DAY = dt.date.fromisoformat(DEMO_TODAY)  # "today" for every benchmark's services, whatever the calendar says


@dataclass(frozen=True)
class Result:
    name: str
    median: float
    unit: str
    target: str = ""  # e.g. "<= 4": printed beside the figure


def median(values: list[float]) -> float:
    return statistics.median(values)


def demo_database(families: int, seed: int = 7, scale: str = "small") -> Path:
    """A demo database of the given size (and `tafdesk demo --scale`), built
    once and reused while the generator and the schema stay as they are (the
    file name carries a hash of their sources), on a fixed day, so that
    figures never depend on the date."""
    path = demo_path(families, seed, scale)
    if not path.exists():
        build_demo(families, seed, scale)
    return path


def demo_path(families: int, seed: int = 7, scale: str = "small") -> Path:
    return WORK / f"demo-{_stem(families, seed, scale)}-{generator_version()}.sqlite"


def _stem(families: int, seed: int, scale: str) -> str:
    return f"{families}-seed{seed}" + ("" if scale == "small" else f"-{scale}")


def build_demo(families: int, seed: int = 7, scale: str = "small") -> tuple[float, float | None]:
    """Build (or build again) the demo database of demo_path with `tafdesk
    demo`: its wall time, process start included, and the peak memory of its
    processes together in MiB (None where /proc cannot tell)."""
    path = demo_path(families, seed, scale)
    WORK.mkdir(parents=True, exist_ok=True)
    stem = f"demo-{_stem(families, seed, scale)}-"
    for old in WORK.glob(f"{stem}*.sqlite"):
        if "-" not in old.name.removeprefix(stem):  # not another scale's council of as many families
            old.unlink()  # an older generator's council, or this one's from an earlier run
    partial = path.with_suffix(".partial.sqlite")
    partial.unlink(missing_ok=True)
    print(f"building a {families}-family demo database for the benchmarks…", file=sys.stderr)
    started = time.perf_counter()
    process = demo_process(str(partial), families, seed, scale)
    peak = _peak_memory_mib(process)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"tafdesk demo failed (exit code {process.returncode})")
    partial.rename(path)
    return elapsed, peak


def demo_process(db: str, families: int, seed: int = 7, scale: str = "small") -> subprocess.Popen:
    """`tafdesk demo` into db (a file or a server's URL), around DEMO_TODAY."""
    command = [sys.executable, "-m", "tafdesk", "demo", "--db", db, "--scale", scale, "--families", str(families)]
    return subprocess.Popen(
        [*command, "--seed", str(seed), "--today", DEMO_TODAY],
        stdout=subprocess.DEVNULL,
        env={**os.environ, "TAFDESK_HOME": str(WORK / "home")},
    )


def run_demo(db: str, families: int, seed: int = 7, scale: str = "small") -> None:
    if demo_process(db, families, seed, scale).wait() != 0:
        raise RuntimeError("tafdesk demo failed; see above")


def server_role(conn: Any, name: str, attributes: str) -> None:
    """Login roles are the server's, not a database's: made once, kept."""
    conn.execute(
        text(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') THEN "
            f"CREATE ROLE {name} {attributes}; END IF; END $$"
        )
    )


def align_logins(url: Any) -> None:
    """Each demo user's login role back in its own role's group. Login roles
    are the server's, shared with every database on it: the test suite's
    worlds change some (business support made a manager, and so on), and a
    benchmark's chair would then sign in with another role's rights, or none."""
    from tafdesk.db import Database, server_logins
    from tafdesk.models import User

    db = Database(url)
    try:
        with db.session() as s:
            conn = server_logins.raw(s)
            for username, role in s.execute(select(User.username, User.role)).all():
                if server_logins.login_exists(conn, username.lower()):
                    server_logins.set_group(conn, username.lower(), role)
    finally:
        db.dispose()


def _peak_memory_mib(process: subprocess.Popen) -> float | None:
    """Wait for process, sampling the resident memory of it and all its
    descendants together every tenth of a second; the highest sum."""
    peak: int | None = 0 if Path("/proc/self/status").exists() else None
    while process.poll() is None:
        if peak is not None:
            peak = max(peak, sum(_resident_kib(pid) for pid in _tree(process.pid)))
        time.sleep(0.1)
    return None if peak is None else peak / 1024


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(child) for child in (task / "children").read_text().split()]
        except OSError:  # it ended while we looked
            continue
    return found


def _resident_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def generator_version() -> str:
    """A short hash of what decides a demo council's rows: the generator, row writing and migrations."""
    digest = hashlib.sha256()
    package = ROOT / "tafdesk"
    sources = [
        *sorted((package / "demo").glob("*.py")),
        *sorted((package / "db" / "migrations" / "versions").glob("*.py")),
        package / "db" / "rowset.py",
        package / "db" / "bulk_insert.py",
    ]
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:10]
