"""Five chairs recording decisions in five meetings at once, on the local
PostgreSQL server (TAFDESK_BENCH_PG names another), with the capacity check
under its lock.

The council is a copy of the access benchmark's 10,000-family demo council.
Its three localities' meetings of the coming week are three of the five; the
other two are North's and Central's of the week after, their agendas built
(the open cases due for review then). Two chairs therefore allocate from the
same locality's professionals at once, as a chair and a deputy running a
second meeting would. Each chair is a process of its own with its
own connection; a barrier releases them together. A chair takes each family
in turn and allocates it to the best-placed professional who still has room
as the chair's screen last read it; when the service refuses because another
chair filled that room meanwhile, the chair takes the next. The figure is
decisions recorded per second, from the barrier to the last chair's last
decision, and the check afterwards counts professionals allocated in the run
who ended over capacity (the target is none).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import time
import uuid

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import URL, make_url

from bench.access import OWNER, SERVER, _bench_database
from bench.common import Result

CHAIRS = 5
COPY = "tafdesk_bench_decisions"
TIMEOUT_S = 600


def run() -> list[Result]:
    url = _fresh_copy()
    try:
        meetings = _prepare(url)
        context = multiprocessing.get_context("spawn")
        barrier, results = context.Barrier(len(meetings), timeout=TIMEOUT_S), context.Queue()
        chairs = [context.Process(target=_chair, args=(url, *m, barrier, results)) for m in meetings]
        for chair in chairs:
            chair.start()
        outcomes = [results.get(timeout=TIMEOUT_S) for _ in chairs]
        for chair in chairs:
            chair.join(timeout=30)
        failed = [o for o in outcomes if isinstance(o, str)]
        if failed:
            raise RuntimeError(f"a chair failed: {failed[0]}")
        recorded = sum(o["recorded"] for o in outcomes)
        seconds = max(o["ended"] for o in outcomes) - min(o["started"] for o in outcomes)
        leads = {lead for o in outcomes for lead in o["leads"]}
        return [
            Result("concurrent_decisions_per_s", recorded / seconds, "/s", ">= 50"),
            Result("concurrent_decisions_recorded", recorded, "n"),
            Result("concurrent_refusals_room_taken", sum(o["refused"] for o in outcomes), "n"),
            Result("concurrent_over_capacity", _over_capacity(url, leads), "n", "== 0"),
        ]
    finally:
        _drop(url)


def _fresh_copy() -> URL:
    """A copy of the access benchmark's council, made afresh each run (decisions change it)."""
    source = _bench_database()
    server = make_url(SERVER)
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{COPY}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{COPY}" TEMPLATE "{source.database}" OWNER {OWNER}'))
    finally:
        admin.dispose()
    return source.set(database=COPY)


def _drop(url: URL) -> None:
    admin = create_engine(make_url(SERVER), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
    finally:
        admin.dispose()


def _prepare(url: URL) -> list[tuple[str, uuid.UUID, dt.datetime]]:
    """The five meetings, attendance taken: (chair, meeting, the moment the chair decides at)."""
    from tafdesk.db import Database
    from tafdesk.models import AttendanceStatus, Locality, Meeting, MeetingStatus
    from tafdesk.services.meetings import MeetingService
    from tafdesk.services.passwords import DEMO_PASSWORD
    from tafdesk.services.users import UserService

    db = Database(url)
    try:
        with db.reader() as s:
            planned = s.execute(
                select(Meeting.starts_at, Locality.name)
                .join(Locality)
                .where(Meeting.status == MeetingStatus.PLANNED)
                .order_by(Meeting.starts_at)
            ).all()
        first = {name: starts for starts, name in reversed(planned)}  # each locality's next meeting
        wanted = [*first.items(), *((name, first[name] + dt.timedelta(weeks=1)) for name in ("North", "Central"))]
        chosen = []
        for name, starts in wanted:
            chair = f"manager.{name.lower()}"
            actor = UserService(db).sign_in(chair, DEMO_PASSWORD)
            now = starts + dt.timedelta(minutes=30)
            meetings = MeetingService(db, actor, now)
            meetings.schedule(2)  # the week after's meeting, where there is none yet
            meeting_id = _meeting_on(db, name, starts)
            meetings.build_agenda(meeting_id)
            for row in meetings.meeting(meeting_id).attendance:
                if row.status is None:
                    meetings.record_attendance(meeting_id, row.agency_id, AttendanceStatus.PRESENT)
            chosen.append((chair, meeting_id, now))
        return chosen
    finally:
        db.dispose()


def _meeting_on(db, locality: str, starts: dt.datetime) -> uuid.UUID:
    from tafdesk.models import Locality, Meeting

    with db.reader() as s:
        return s.scalars(
            select(Meeting.id).join(Locality).where(Locality.name == locality, Meeting.starts_at == starts)
        ).one()


def _chair(url: URL, chair: str, meeting_id: uuid.UUID, now: dt.datetime, barrier, results) -> None:
    """One chair's process: every family of the meeting allocated, in turn."""
    import traceback

    try:
        results.put(_decide_all(url, chair, meeting_id, now, barrier))
    except BaseException:  # noqa: BLE001 (reported to the bench, which stops with it)
        barrier.abort()
        results.put(traceback.format_exc())


def _decide_all(url: URL, chair: str, meeting_id: uuid.UUID, now: dt.datetime, barrier) -> dict:
    from tafdesk.db import Database
    from tafdesk.models import AgendaItem, AgendaKind, DecisionOutcome
    from tafdesk.services.allocation import AllocationService
    from tafdesk.services.decisions import DecisionInput, DecisionService
    from tafdesk.services.errors import ValidationError
    from tafdesk.services.passwords import DEMO_PASSWORD
    from tafdesk.services.users import UserService

    allocated_kinds = (AgendaKind.NEW_PROFILE, AgendaKind.DEFERRED, AgendaKind.REVIEW)
    db = Database(url)
    actor = UserService(db).sign_in(chair, DEMO_PASSWORD)
    decisions = DecisionService(db, actor, now=now)
    screen = AllocationService(db, actor).for_meeting(meeting_id)  # what the chair's screen shows
    with db.reader() as s:  # the families to allocate (requests and consent items are decided otherwise)
        items = dict(
            s.execute(
                select(AgendaItem.case_id, AgendaItem.id).where(
                    AgendaItem.meeting_id == meeting_id, AgendaItem.kind.in_(allocated_kinds)
                )
            ).all()
        )
    room = {c.key: c.load.headroom for c in screen.pool.candidates}  # as the screen shows it, kept up to date
    queue = [
        (items[case], facts.weight, [r.candidate.key for r in screen.rank(case) if r.eligible])
        for case, facts in screen.facts.items()
        if case in items
    ]
    recorded = refused = 0
    leads: set[uuid.UUID] = set()
    barrier.wait()
    started = time.monotonic()  # one clock for every process
    for item, weight, ranked in queue:
        for lead in (p for p in ranked if room[p] >= weight):
            try:
                decisions.decide(item, DecisionInput(DecisionOutcome.ALLOCATE_LEAD, lead, rationale="Best placed."))
            except ValidationError:
                refused += 1  # another chair filled that room first: the next best-placed
                room[lead] = 0.0
                continue
            recorded += 1
            room[lead] -= weight  # the chair's own screen re-reads after each decision
            leads.add(lead)
            break
    ended = time.monotonic()
    db.dispose()
    return {"recorded": recorded, "refused": refused, "leads": leads, "started": started, "ended": ended}


def _over_capacity(url: URL, leads: set[uuid.UUID]) -> int:
    """Professionals allocated in the run whose open cases now exceed their capacity."""
    from tafdesk.db import Database
    from tafdesk.services.allocation_facts import candidates

    db = Database(url)
    try:
        with db.reader() as s:
            return sum(1 for c in candidates(s) if c.key in leads and c.load.headroom < -1e-9)
    finally:
        db.dispose()
