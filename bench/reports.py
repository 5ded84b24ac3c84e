"""The reports at a county's scale (issue 18): the 100,000-family council of
`tafdesk demo --scale county` (ten localities, about 900 professionals), as
an SQLite file and on the local PostgreSQL server (TAFDESK_BENCH_PG names
another), each figure's median over a few runs after one warm-up:

- dashboard_open_ms: what the Reports page reads as it opens, for every
  locality and a year: the performance figures and the caseloads;
- report_drilldown_ms: from a figure (referrals from the largest referring
  agency) to its families (ReportService.families, audited as in use);
- annex_a_100k_s: Ofsted's Annex A list for the year written as XLSX.

Read as a business support officer / locality manager of all ten
localities (the owner's connection on PostgreSQL: row-level security's cost
is the access suite's). The year ends the day before the council's "today";
nothing depends on the calendar. The _pg figures are the server's."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import time
from collections.abc import Callable

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import URL, make_url

from bench.common import BENCH_DAY, WORK, Result, align_logins, demo_database, generator_version, median, server_role

SERVER_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
FAMILIES = 100_000
SCALE = "county"
OWNER = "tafdesk_bench_owner"
RUNS = 5
YEAR = (BENCH_DAY - dt.timedelta(days=365), BENCH_DAY - dt.timedelta(days=1))


def run() -> list[Result]:
    results = _suite(_sqlite_copy(), "")
    results += _suite(_server_database(), "_pg")
    return results


def _suite(url: URL, suffix: str) -> list[Result]:
    from tafdesk.db import Database
    from tafdesk.models import Locality, Role, User
    from tafdesk.services.actor import Actor
    from tafdesk.services.reports.annex_a import AnnexAService
    from tafdesk.services.reports.period import ReportPeriod
    from tafdesk.services.reports.service import ReportService

    db = Database(url)
    with db.reader() as s:
        everywhere = frozenset(s.scalars(select(Locality.id)))
        users = dict(s.execute(select(User.username, User.id)).tuples().all())
    # The demo's own users (the audit trail names them), given all ten localities.
    support = Actor(users["support1"], "Support", Role.BUSINESS_SUPPORT, None, everywhere, "support1")
    manager = Actor(users["manager.north"], "Manager", Role.LOCALITY_MANAGER, None, everywhere, "manager.north")
    reports = ReportService(db, support, now=dt.datetime.combine(BENCH_DAY, dt.time(12), tzinfo=dt.UTC))
    period = ReportPeriod.of(*YEAR)

    def dashboard() -> None:
        reports.performance(period)
        reports.caseloads(period)

    performance = reports.performance(period)
    biggest = max(performance.referrals.by_agency, key=lambda row: row.total)

    def drill() -> None:
        reports.families(biggest.drill)

    out = WORK / f"annex-a{suffix}.xlsx"

    def annex_a() -> None:
        out.unlink(missing_ok=True)
        AnnexAService(db, manager).write(*YEAR, out)

    results = [
        Result(f"dashboard_open_ms{suffix}", _timed(dashboard) * 1000, "ms", "<= 500"),
        Result(f"report_drilldown_ms{suffix}", _timed(drill) * 1000, "ms", "<= 200"),
        Result(f"annex_a_100k_s{suffix}", _timed(annex_a, runs=3), "s", "<= 10"),
    ]
    db.dispose()
    return results


def _timed(work: Callable[[], object], runs: int = RUNS) -> float:
    work()  # warm-up: imports, statements compiled, pages cached
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return median(times)


def _sqlite_copy() -> URL:
    """A copy of the county's file: the drill-downs write to the audit trail."""
    copy = WORK / "reports-county.sqlite"
    shutil.copyfile(demo_database(FAMILIES, scale=SCALE), copy)
    return URL.create("sqlite+pysqlite", database=str(copy))


def _server_database() -> URL:
    """The county on the server, built once per generator and schema (its
    name carries their hash), then used as it is: the drill-downs' audit rows
    are all that the runs add."""
    import os

    server = make_url(os.environ.get("TAFDESK_BENCH_PG", SERVER_DEFAULT))
    name = f"tafdesk_bench_county_{generator_version()}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            server_role(conn, OWNER, "LOGIN CREATEROLE")
            if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar():
                _build(conn, server, name)
    finally:
        admin.dispose()
    url = server.set(username=OWNER, database=name)
    align_logins(url)
    return url


def _build(conn, server: URL, name: str) -> None:
    from bench.common import run_demo

    for (old,) in conn.execute(
        text("SELECT datname FROM pg_database WHERE datname LIKE 'tafdesk_bench_county_%'")
    ).all():
        conn.execute(text(f'DROP DATABASE "{old}" WITH (FORCE)'))  # an older generator's, or a partial build
    partial = f"{name}_partial"
    conn.execute(text(f'CREATE DATABASE "{partial}" OWNER {OWNER}'))
    print(f"building the county demo council on {server.host} for the reports benchmark…", file=sys.stderr)
    url = server.set(username=OWNER, database=partial)
    run_demo(url.render_as_string(hide_password=False), FAMILIES, scale=SCALE)
    built = create_engine(url, isolation_level="AUTOCOMMIT")
    with built.connect() as owner:
        owner.execute(text("VACUUM (ANALYZE)"))  # as autovacuum soon would after a bulk load
    built.dispose()
    conn.execute(text(f'ALTER DATABASE "{partial}" RENAME TO "{name}"'))
