"""Run the benchmarks, print each median beside the previous run's, and write
bench/results.json (committed, so figures can be compared over time)."""

from __future__ import annotations

import argparse
import json
import sys

from bench.common import ROOT, Result
from bench.suites import SUITES, run_in_fresh_process

RESULTS = ROOT / "bench" / "results.json"


def _previous() -> dict[str, dict]:
    try:
        return {row["name"]: row for row in json.loads(RESULTS.read_text())}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _print_table(results: list[Result], previous: dict[str, dict]) -> None:
    print(f"{'benchmark':<38}{'median':>11} {'unit':<5}{'target':>9}{'previous':>11}{'ratio':>7}")
    for r in results:
        before = previous.get(r.name, {}).get("median")
        ratio = f"{r.median / before:.2f}" if before else "-"
        shown = f"{before:.2f}" if before is not None else "-"
        print(f"{r.name:<38}{r.median:>11.2f} {r.unit:<5}{r.target:>9}{shown:>11}{ratio:>7}")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("suites", nargs="*", metavar="SUITE", help=f"which to run: {', '.join(SUITES)} (default all)")
    args = parser.parse_args()
    unknown = set(args.suites) - set(SUITES)
    if unknown:
        parser.error(f"no such suite: {', '.join(sorted(unknown))}")
    previous = _previous()
    results = [result for name in args.suites or SUITES for result in run_in_fresh_process(name)]
    _print_table(results, previous)
    rows = dict(previous)  # figures of suites not run this time are kept
    rows.update({r.name: {"name": r.name, "median": round(r.median, 3), "unit": r.unit} for r in results})
    RESULTS.write_text(json.dumps(list(rows.values()), indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
