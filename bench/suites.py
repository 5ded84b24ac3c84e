"""The benchmark suites, each run in a fresh process so that none is slowed
by what an earlier one left in memory (a large heap makes every garbage
collection longer)."""

from __future__ import annotations

import multiprocessing
from multiprocessing.connection import Connection

from bench import (
    access,
    allocation,
    bundle,
    chronology,
    decisions,
    demo,
    documents,
    family_search,
    intake,
    live,
    meeting,
    network,
    offline,
    plans,
    reports,
    startup,
)
from bench.common import Result

SUITES = {
    "startup": startup.run,
    "demo": demo.run,
    "intake": intake.run,
    "allocation": allocation.run,
    "documents": documents.run,
    "meeting": meeting.run,
    "plans": plans.run,
    "chronology": chronology.run,
    "family_search": family_search.run,
    "access": access.run,
    "decisions": decisions.run,
    "live": live.run,
    "reports": reports.run,
    "network": network.run,
    "bundle": bundle.run,  # the built bundle (make dist); skipped, saying why, when there is none
    "offline": offline.run,
}


def run_in_fresh_process(name: str) -> list[Result]:
    context = multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_run_suite, args=(name, sending), name=f"bench {name}")
    process.start()
    sending.close()
    try:
        results = receiving.recv()
    except EOFError:  # the suite failed; its traceback is above
        results = None
    process.join()
    if results is None or process.exitcode != 0:
        raise SystemExit(f"bench: the {name} suite failed (exit code {process.exitcode}); see above")
    return results


def _run_suite(name: str, sending: Connection) -> None:
    sending.send(SUITES[name]())
    sending.close()
