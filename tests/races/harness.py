"""Real processes released together by a barrier, so that a race really
happens: each one opens the database itself, as a second user's computer would."""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Callable
from typing import Any

START_AND_FINISH_SECONDS = 120


def run_together(target: Callable[..., Any], argument_lists: list[tuple], rounds: int) -> list[list[tuple]]:
    """Run target(database, barrier, rounds, *arguments) in one spawned process
    per argument list; target calls barrier.wait() just before each attempt
    and returns one outcome per round. Returns the outcomes by process."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(len(argument_lists), timeout=START_AND_FINISH_SECONDS)
    results = context.Queue()
    processes = [
        context.Process(target=_run, args=(target, barrier, rounds, n, arguments, results))
        for n, arguments in enumerate(argument_lists)
    ]
    for process in processes:
        process.start()
    outcomes: dict[int, list[tuple]] = {}
    try:
        for _ in processes:
            n, value = results.get(timeout=START_AND_FINISH_SECONDS)
            outcomes[n] = value
    except queue.Empty:
        raise AssertionError("a racing process never reported back") from None
    finally:
        for process in processes:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
    failures = [v for v in outcomes.values() if isinstance(v, str)]
    assert not failures, failures[0]
    return [outcomes[n] for n in range(len(processes))]


def _run(target, barrier, rounds, n, arguments, results) -> None:
    import traceback

    try:
        results.put((n, target(barrier, rounds, *arguments)))
    except BaseException:  # noqa: BLE001 (reported to the test, which fails with it)
        barrier.abort()
        results.put((n, traceback.format_exc()))


def outcome(call: Callable[..., Any], *arguments: Any) -> tuple:
    """("ok", value) or (the service error's class name, its message).
    Anything that is not a service error escapes and fails the test."""
    from tafdesk.services.errors import ServiceError

    try:
        return ("ok", call(*arguments))
    except ServiceError as exc:
        return (type(exc).__name__, str(exc))
