"""Opening a family's chronology of 300 entries: the service a Chronology
window calls (the look audited), merging the family's referrals, profiles,
decisions, plan versions and reviews, documents and case notes. The family is
one of lead.north1's in a copy of the demo council, its notes added through
the case notes service on the benchmark's fixed day."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

from bench.common import BENCH_DAY, WORK, Result, demo_database, median

ENTRIES = 300
RUNS = 25
USER = "lead.north1"


def run() -> list[Result]:
    from tafdesk import clock
    from tafdesk.db import Database
    from tafdesk.db.location import resolve_url
    from tafdesk.services.chronology import ChronologyService
    from tafdesk.services.passwords import DEMO_PASSWORD
    from tafdesk.services.users import UserService

    path, case_id = _bench_database()
    db = Database(resolve_url(str(path)))
    actor = UserService(db).sign_in(USER, DEMO_PASSWORD)
    times, count = [], 0
    with clock.pinned(dt.datetime.combine(BENCH_DAY, dt.time(12), dt.UTC)):
        for number in range(RUNS + 2):
            service = ChronologyService(db, actor)  # a window opened afresh: its look is recorded
            started = time.perf_counter()
            count = len(service.chronology(case_id).entries)
            if number >= 2:
                times.append(time.perf_counter() - started)
    db.dispose()
    if count != ENTRIES:
        raise RuntimeError(f"the benchmark family's chronology has {count} entries, not {ENTRIES}")
    return [Result("chronology_open_ms", median(times) * 1000, "ms", "<= 150")]


def _bench_database() -> tuple[Path, object]:
    """Built once and kept: the family's chronology topped up to ENTRIES with case notes."""
    from sqlalchemy import select

    from tafdesk import clock
    from tafdesk.db import Database
    from tafdesk.db.location import resolve_url
    from tafdesk.models import Case, NoteType
    from tafdesk.services.case_notes import CaseNotesService, NoteInput
    from tafdesk.services.chronology import ChronologyService
    from tafdesk.services.my_cases import MyCasesService
    from tafdesk.services.passwords import DEMO_PASSWORD
    from tafdesk.services.users import UserService

    path = WORK / f"chronology-{ENTRIES}.sqlite"
    partial = path.with_suffix(".partial.sqlite")
    if not path.exists():
        shutil.copyfile(demo_database(400), partial)
    db = Database(resolve_url(str(path if path.exists() else partial)))
    actor = UserService(db).sign_in(USER, DEMO_PASSWORD)
    with clock.pinned(dt.datetime.combine(BENCH_DAY, dt.time(12), dt.UTC)):
        lead = next(r for r in MyCasesService(db, actor, BENCH_DAY).cases() if r.role == "Lead")
        if not path.exists():
            have = len(ChronologyService(db, actor).chronology(lead.case_id).entries)
            with db.reader() as s:
                opened = s.scalar(select(Case.opened_on).where(Case.id == lead.case_id))
            notes = CaseNotesService(db, actor)
            kinds = list(NoteType)
            span = max(1, (BENCH_DAY - opened).days)
            for n in range(ENTRIES - have):
                notes.add(
                    lead.case_id,
                    NoteInput(
                        opened + dt.timedelta(days=n * span // max(1, ENTRIES - have)),
                        kinds[n % len(kinds)],
                        f"Contact {n + 1}: talked through how the week went and what the plan asks next.",
                        who_seen="Mum and the children",
                        follow_ups="Check in next week.",
                        restricted=n % 17 == 0,
                    ),
                )
    db.dispose()
    if not path.exists():
        partial.rename(path)
    return path, lead.case_id
