"""Live updates across computers: how long after a chair records a decision
every other screen's agenda holds it.

On the local PostgreSQL server (TAFDESK_BENCH_PG names another), in a
database of its own holding a small demo council: CLIENTS processes
(bench/live_client.py) each sign in as the North locality manager and hold
their connection, the change-bus listener and the meeting's agenda model
(no window). This process, signed in as the same chair, records a decision
on the meeting's first family and withdraws it again, ROUNDS times; a round's
figure is the time from the write's commit until the last client's agenda
model shows it (each client reads the agenda again when the NOTIFY arrives).
All the processes share this computer's cores, as they would not in a
meeting room, so the figure is pessimistic. Without a server the suite is
skipped, saying so."""

from __future__ import annotations

import datetime as dt
import os
import queue
import subprocess
import sys
import threading
import time
import uuid

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from bench.common import DEMO_TODAY, ROOT, WORK, Result, median

SERVER = os.environ.get("TAFDESK_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
DATABASE = "tafdesk_bench_live"
CLIENTS = 20
ROUNDS = 40
WARM_UP = 3
FAMILIES = 40
USER, PASSWORD = "manager.north", "demo"  # the demo's North chair
ROUND_TIMEOUT_S = 15.0
START_TIMEOUT_S = 120.0


def run() -> list[Result]:
    url = _bench_database()
    if url is None:
        return []
    from tafdesk.services.users import open_signed_in

    database, actor = open_signed_in(url, USER, PASSWORD)
    clients: list[subprocess.Popen] = []
    try:
        meeting_id, item_id, at_meeting = _meeting(database, actor)
        lines: list[queue.Queue] = []
        for _ in range(CLIENTS):
            client, heard = _client(url, meeting_id, item_id)
            clients.append(client)
            lines.append(heard)
        for heard in lines:
            _next(heard, lambda line: line == "ready", START_TIMEOUT_S)
        times = _rounds(database, actor, item_id, at_meeting, lines)
    finally:
        for client in clients:
            client.terminate()
        for client in clients:
            client.wait(10)
        database.dispose()
        _drop(url)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return [
        Result("live_update_p95_ms", p95, "ms", "<= 250"),
        Result("live_update_median_ms", median(times), "ms"),
    ]


def _rounds(database, actor, item_id: uuid.UUID, at_meeting: dt.datetime, lines: list[queue.Queue]) -> list[float]:
    from tafdesk.models import DecisionOutcome
    from tafdesk.services.decisions import DecisionInput, DecisionService

    decisions = DecisionService(database, actor, now=at_meeting)
    defer = DecisionInput(
        DecisionOutcome.DEFER,
        deferred_until=at_meeting.date() + dt.timedelta(days=7),
        deferral_reason="The school's report is due next week.",
    )
    decision = None
    times = []
    for number in range(WARM_UP + ROUNDS):
        if decision is None:
            decision, expected = decisions.decide(item_id, defer), "decided"
        else:
            decisions.withdraw(decision)
            decision, expected = None, "pending"
        committed = time.monotonic()
        prefix = f"held {expected} "
        held = [
            float(_next(heard, lambda line, p=prefix: line.startswith(p), ROUND_TIMEOUT_S).split()[2])
            for heard in lines
        ]
        if number >= WARM_UP:
            times.append((max(held) - committed) * 1000)
        time.sleep(0.05)  # the clients' reads settle before the next decision
    return times


def _client(url: URL, meeting_id: uuid.UUID, item_id: uuid.UUID) -> tuple[subprocess.Popen, queue.Queue]:
    env = {**os.environ, "TAFDESK_HOME": str(WORK / "home"), "PYTHONPATH": str(ROOT)}
    client = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bench.live_client",
            url.render_as_string(hide_password=False),
            str(meeting_id),
            str(item_id),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    heard: queue.Queue = queue.Queue()

    def read() -> None:
        for line in client.stdout:
            heard.put(line.strip())
        heard.put("gone")

    threading.Thread(target=read, daemon=True).start()
    return client, heard


def _next(heard: queue.Queue, wanted, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            line = heard.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise RuntimeError("a live-update client did not answer in time") from None
        if line == "gone" or line.startswith("failed"):
            raise RuntimeError(f"a live-update client stopped: {line}")
        if wanted(line):
            return line


def _meeting(database, actor) -> tuple[uuid.UUID, uuid.UUID, dt.datetime]:
    """The North meeting the demo has next with a family waiting, everyone at the table."""
    from tafdesk.models import AgendaStatus, AttendanceStatus, MeetingStatus
    from tafdesk.services.meetings import MeetingService

    today = dt.datetime.combine(dt.date.fromisoformat(DEMO_TODAY), dt.time(9), dt.UTC)
    meetings = MeetingService(database, actor, now=today)
    for summary in sorted(meetings.meetings(), key=lambda m: m.starts_at):
        if summary.status not in (MeetingStatus.PLANNED, MeetingStatus.IN_PROGRESS) or summary.starts_at < today:
            continue
        view = meetings.meeting(summary.id)
        waiting = [row for row in view.agenda if row.status is AgendaStatus.PENDING]
        if waiting:
            for row in view.attendance:
                if row.status is None:
                    meetings.record_attendance(summary.id, row.agency_id, AttendanceStatus.PRESENT)
            return summary.id, waiting[0].id, summary.starts_at + dt.timedelta(minutes=30)
    raise RuntimeError("the demo council has no North meeting with a family waiting")


def _bench_database() -> URL | None:
    """A new database with a small demo council, or None (said) without a server."""
    admin = create_engine(SERVER, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{DATABASE}"'))
    except Exception as exc:  # noqa: BLE001 (no server here: the suite is skipped)
        print(
            f"bench live: skipped, no PostgreSQL server at {make_url(SERVER).render_as_string()}: {type(exc).__name__}",
            file=sys.stderr,
        )
        return None
    finally:
        admin.dispose()
    url = make_url(SERVER).set(database=DATABASE)
    WORK.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "tafdesk",
            "demo",
            "--db",
            url.render_as_string(hide_password=False),
            "--families",
            str(FAMILIES),
            "--today",
            DEMO_TODAY,
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=ROOT,
        env={**os.environ, "TAFDESK_HOME": str(WORK / "home")},
    )
    return url


def _drop(url: URL) -> None:
    admin = create_engine(SERVER, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
    finally:
        admin.dispose()
