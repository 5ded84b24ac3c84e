"""The global family search: a name with a typo ("Sharon Whte", "Mensha")
over the 100,000-family demo council (built on the benchmarks' fixed day),
searched by North's locality manager, who may see a third of it: the
service the Find a family window calls off the interface thread."""

from __future__ import annotations

import time

from bench.common import Result, demo_database, median

FAMILIES = 100_000
RUNS = 15
USER = "manager.north"
TYPED = ("Sharon Whte", "Mensha", "Kowalcyzk")


def run() -> list[Result]:
    from tafdesk.db import Database
    from tafdesk.db.location import resolve_url
    from tafdesk.services.family_search import FamilySearchService
    from tafdesk.services.passwords import DEMO_PASSWORD
    from tafdesk.services.users import UserService

    db = Database(resolve_url(str(demo_database(FAMILIES))))
    actor = UserService(db).sign_in(USER, DEMO_PASSWORD)
    service = FamilySearchService(db, actor)
    times = []
    for number in range(RUNS + 1):
        for text in TYPED:
            started = time.perf_counter()
            found = service.search(text)
            if number:
                times.append(time.perf_counter() - started)
            if not found.hits:
                raise RuntimeError(f"the benchmark's search for {text!r} found nothing")
    db.dispose()
    return [Result("family_search_ms", median(times) * 1000, "ms", "<= 100")]
