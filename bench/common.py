"""What the benchmarks share: results, medians, the demo database they run on."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

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


def demo_database(families: int, seed: int = 7) -> Path:
    """A demo database of the given size, built once and reused while the
    generator and the schema stay as they are (the file name carries a hash of
    their sources), on a fixed day, so that figures never depend on the date."""
    path = WORK / f"demo-{families}-seed{seed}-{generator_version()}.sqlite"
    if not path.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        for old in WORK.glob(f"demo-{families}-seed{seed}*.sqlite"):
            old.unlink()  # an older generator's council
        partial = path.with_suffix(".partial.sqlite")
        partial.unlink(missing_ok=True)
        print(f"building a {families}-family demo database for the benchmarks…", file=sys.stderr)
        subprocess.run(
            [sys.executable, "-m", "tafdesk", "demo", "--db", str(partial), "--families", str(families),
             "--seed", str(seed), "--today", DEMO_TODAY],
            check=True, stdout=subprocess.DEVNULL, env={**os.environ, "TAFDESK_HOME": str(WORK / "home")},
        )
        partial.rename(path)
    return path


def generator_version() -> str:
    """A short hash of what decides a demo council's rows: the generator, row writing and migrations."""
    digest = hashlib.sha256()
    package = ROOT / "tafdesk"
    sources = [*sorted((package / "demo").glob("*.py")), *sorted((package / "db" / "migrations" / "versions").glob("*.py")),
               package / "services" / "rowset.py", package / "services" / "bulk_insert.py"]
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:10]
