"""What the benchmarks share: results, medians, the demo database they run on."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench"


@dataclass(frozen=True)
class Result:
    name: str
    median: float
    unit: str
    target: str = ""  # e.g. "<= 4": printed beside the figure


def median(values: list[float]) -> float:
    return statistics.median(values)


def demo_database(families: int, seed: int = 7) -> Path:
    """A demo database of the given size, built once and reused between runs."""
    path = WORK / f"demo-{families}-seed{seed}.sqlite"
    if not path.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial.sqlite")
        partial.unlink(missing_ok=True)
        print(f"building a {families}-family demo database for the benchmarks…", file=sys.stderr)
        subprocess.run(
            [sys.executable, "-m", "tafdesk", "demo", "--db", str(partial), "--families", str(families),
             "--seed", str(seed)],
            check=True, stdout=subprocess.DEVNULL, env={**os.environ, "TAFDESK_HOME": str(WORK / "home")},
        )
        partial.rename(path)
    return path
