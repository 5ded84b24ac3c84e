"""Building the 100,000-family demo council (five years of a large county)
with `tafdesk demo`, process start included: its wall time and the peak
memory of its processes together (the rows are written by a second
process). One build per run: it takes most of a minute. The council built
is the one the intake benchmarks then use."""

from __future__ import annotations

from bench.common import Result, build_demo

FAMILIES = 100_000


def run() -> list[Result]:
    elapsed, peak = build_demo(FAMILIES)
    results = [Result("demo_100k_s", elapsed, "s", "<= 60")]
    if peak is not None:
        results.append(Result("demo_100k_peak_rss_mib", peak, "MiB", "<= 500"))
    return results
