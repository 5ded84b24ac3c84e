"""What row-level security and signing in cost, on the 10,000-family demo
council built on the local PostgreSQL server in a database of its own
(TAFDESK_BENCH_PG names another server):

- a lead professional's My cases, read by the same service connected as their
  own login role (every policy applies) and as the table owner (none does):
  both return the same rows; the figure is the ratio of the two medians over
  alternating runs;
- signing in: a new connection as the lead professional's login role with
  their password, reading who they are, then their first page's rows (My
  cases). The local server trusts local connections, so the server's SCRAM
  check (a few milliseconds) is not in the figure; SQLite's Argon2id check is
  (sign_in_sqlite_ms, on the same council as an SQLite file)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from bench.common import (
    BENCH_DAY,
    DEMO_TODAY,
    WORK,
    Result,
    align_logins,
    demo_database,
    generator_version,
    median,
    server_role,
)

SERVER = os.environ.get("TAFDESK_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
FAMILIES = 10_000
OWNER = "tafdesk_bench_owner"  # owns the bench database and its tables, as tafdesk_owner would
LOGIN = "tafdesk_bench_lp"  # the lead professional's own login role
USER = "lead.north1"  # the demo's lead professional, renamed LOGIN in the bench database
RUNS = 41
SIGN_INS = 11
PASSWORD = "demo"  # every demo user's


def run() -> list[Result]:
    from tafdesk.db import Database
    from tafdesk.services.my_cases import MyCasesService
    from tafdesk.services.users import UserService

    owner_url = _bench_database()
    as_owner, as_lead = Database(owner_url), Database(owner_url.set(username=LOGIN))
    actor = UserService(as_lead).sign_in(LOGIN, PASSWORD)
    services = {
        "owner": MyCasesService(as_owner, actor, today=BENCH_DAY),
        "rls": MyCasesService(as_lead, actor, today=BENCH_DAY),
    }
    if services["owner"].cases() != services["rls"].cases():
        raise RuntimeError("My cases differs under row-level security")
    times: dict[str, list[float]] = {"owner": [], "rls": []}
    for number in range(RUNS + 3):
        for who, service in services.items():
            started = time.perf_counter()
            service.cases()
            if number >= 3:  # warm-up rounds: first use of each statement and connection
                times[who].append(time.perf_counter() - started)
    as_owner.dispose()
    as_lead.dispose()
    owner_ms, rls_ms = median(times["owner"]) * 1000, median(times["rls"]) * 1000
    return [
        Result("rls_my_cases_overhead_ratio", rls_ms / owner_ms, "x", "<= 1.5"),
        Result("rls_my_cases_ms", rls_ms, "ms"),
        Result("owner_my_cases_ms", owner_ms, "ms"),
        Result("sign_in_ms", _sign_in_ms(owner_url.set(username=None), LOGIN), "ms", "<= 600"),
        Result("sign_in_sqlite_ms", _sign_in_ms(_sqlite_copy(), USER), "ms", "<= 600"),
    ]


def _sqlite_copy() -> URL:
    """The same council as an SQLite file (a copy: signing in writes the sign-in's bookkeeping)."""
    import shutil

    copy = WORK / "access-sign-in.sqlite"
    shutil.copyfile(demo_database(FAMILIES), copy)
    return URL.create("sqlite+pysqlite", database=str(copy))


def _sign_in_ms(url: URL, username: str) -> float:
    """From nothing open to the lead professional's first page's rows, each time a new process would."""
    from tafdesk.db import Database
    from tafdesk.services.my_cases import MyCasesService
    from tafdesk.services.users import UserService

    times = []
    for _ in range(SIGN_INS):
        started = time.perf_counter()
        db = Database(url)
        actor = UserService(db).sign_in(username, PASSWORD)
        MyCasesService(db, actor, today=BENCH_DAY).cases()
        times.append(time.perf_counter() - started)
        db.dispose()
    return median(times) * 1000


def _bench_database() -> URL:
    """The demo council on the server, built once per generator and schema
    (the database's name carries their hash), owned by OWNER, with LOGIN as
    one of its lead professionals."""
    server = make_url(SERVER)
    name = f"tafdesk_bench_rls_{FAMILIES}_{generator_version()}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            server_role(conn, OWNER, "LOGIN CREATEROLE")
            if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar():
                _build(conn, server, name)
    finally:
        admin.dispose()
    owner_url = server.set(username=OWNER, database=name)
    owner = create_engine(owner_url, isolation_level="AUTOCOMMIT")
    try:
        with owner.connect() as conn:
            server_role(conn, LOGIN, "LOGIN IN ROLE tafdesk_lead_professional")
            conn.execute(
                text("UPDATE app_user SET username = :login WHERE username = :user"), {"login": LOGIN, "user": USER}
            )
    finally:
        owner.dispose()
    align_logins(owner_url)
    return owner_url


def _build(conn, server: URL, name: str) -> None:
    for (old,) in conn.execute(
        text("SELECT datname FROM pg_database WHERE datname LIKE :p"), {"p": f"tafdesk_bench_rls_{FAMILIES}_%"}
    ).all():
        conn.execute(text(f'DROP DATABASE "{old}" WITH (FORCE)'))  # an older generator's, or a partial build
    partial = f"{name}_partial"
    conn.execute(text(f'CREATE DATABASE "{partial}" OWNER {OWNER}'))
    print(f"building a {FAMILIES}-family demo council on {server.host} for the access benchmark…", file=sys.stderr)
    url = server.set(username=OWNER, database=partial).render_as_string(hide_password=False)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "tafdesk",
            "demo",
            "--db",
            url,
            "--families",
            str(FAMILIES),
            "--seed",
            "7",
            "--today",
            DEMO_TODAY,
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "TAFDESK_HOME": str(WORK / "home")},
    )
    built = create_engine(server.set(username=OWNER, database=partial), isolation_level="AUTOCOMMIT")
    with built.connect() as owner:
        # As the server's autovacuum soon would after a bulk load: both sides
        # plan on real figures, and index-only scans need no table visit.
        owner.execute(text("VACUUM (ANALYZE)"))
    built.dispose()
    conn.execute(text(f'ALTER DATABASE "{partial}" RENAME TO "{name}"'))
