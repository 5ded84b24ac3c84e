"""Taking cases offline and syncing them back, on the local PostgreSQL server
(TAFDESK_BENCH_PG names another): 20 of a lead professional's cases, each
with a plan of 30 actions and 5 reviews, revised into a draft.

- offline_take_20_cases_s: `OfflineTakeService.take` of the 20 cases into a
  new encrypted copy (the key derived from the password included);
- offline_sync_20_cases_s: `OfflineSyncService.sync` of that copy after, in
  every case's draft, 10 actions were changed in the copy and 10 others on the
  server meanwhile (merged field by field, no conflict), the copy refreshed.

The world is built once (per generator and schema) through `tafdesk demo`
and the services: a locality manager moves 20 open cases with an agreed plan
to lead.north1, who gives each plan its 30 actions and 5 reviews and
revises it. Each run works on a fresh database made from it as a template,
so every run starts from the same state. Services connect as the server's
superuser (no row-level security: the access suite measures that)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import URL, make_url

from bench.common import BENCH_DAY, Result, generator_version, median, run_demo
from bench.plans import grow_plan

SERVER = os.environ.get("TAFDESK_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
FAMILIES = 400
CASES = 20
ACTIONS = 30
REVIEWS = 5
CHANGED = 10  # actions changed on each side, in every case
RUNS = 5
LEAD = "lead.north1"
MANAGER = "manager.north"
PASSWORD = "offline bench password"


def run() -> list[Result]:
    from tafdesk import clock

    template = _template()
    takes, syncs = [], []
    with clock.pinned(dt.datetime.combine(BENCH_DAY, dt.time(12), tzinfo=dt.UTC)):
        for number in range(RUNS):
            take_s, sync_s = _one_run(template, number)
            takes.append(take_s)
            syncs.append(sync_s)
    return [
        Result("offline_take_20_cases_s", median(takes), "s", "<= 2"),
        Result("offline_sync_20_cases_s", median(syncs), "s", "<= 2"),
    ]


def _one_run(template: str, number: int) -> tuple[float, float]:
    from tafdesk.db import Database
    from tafdesk.offline import store
    from tafdesk.offline.database import CopyDatabase
    from tafdesk.services.offline_sync import OfflineSyncService
    from tafdesk.services.offline_take import OfflineTakeService
    from tafdesk.services.plans import PlanService

    name = f"{template}_run{number}"
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    db = Database(make_url(SERVER).set(database=name))
    try:
        lead = _actor(db, LEAD)
        references = _references(db, lead)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.tafcopy"
            started = time.perf_counter()
            OfflineTakeService(db, lead).take(references, path, PASSWORD)
            take_s = time.perf_counter() - started
            copy = store.OfflineCopy.open(path, PASSWORD)
            try:
                _change_actions(PlanService(CopyDatabase(copy), lead, today=BENCH_DAY), db, lead, "offline", 0)
            finally:
                copy.close()
            _change_actions(PlanService(db, lead, today=BENCH_DAY), db, lead, "on the server", CHANGED)
            started = time.perf_counter()
            outcomes = OfflineSyncService(db, lead).sync(path, PASSWORD, lambda c: None)
            sync_s = time.perf_counter() - started
        if len(outcomes) != CASES or any(o.state != "synced" or o.sent != ["the plan"] for o in outcomes):
            raise RuntimeError(f"the benchmark sync did not send every plan: {[(o.state, o.sent) for o in outcomes]}")
    finally:
        db.dispose()
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return take_s, sync_s


def _change_actions(plans, server_db, lead, where: str, first: int) -> None:
    for case_id in _case_ids(server_db, lead):
        plan = plans.current(case_id)
        actions = tuple(
            dataclasses.replace(a, description=f"{a.description[:60]} (changed {where})")
            if first <= i < first + CHANGED
            else a
            for i, a in enumerate(plan.content.actions)
        )
        plans.save_draft(plan.id, plan.row_version, dataclasses.replace(plan.content, actions=actions))


def _case_ids(db, lead) -> list[uuid.UUID]:
    """The lead's open cases with the benchmark's plan (30 actions), the first CASES by reference."""
    from tafdesk.models import Case
    from tafdesk.services.lead_changes import OPEN_STATUSES
    from tafdesk.services.plans import PlanService

    with db.session() as s:
        led = s.scalars(
            select(Case.id)
            .where(Case.lead_professional_id == lead.professional_id, Case.status.in_(OPEN_STATUSES))
            .order_by(Case.reference)
        ).all()
    plans = PlanService(db, lead, today=BENCH_DAY)
    ids = [case_id for case_id in led if _actions(plans, case_id) >= ACTIONS]
    if len(ids) < CASES:
        raise RuntimeError(f"{LEAD} has {len(ids)} cases with the benchmark's plan, not {CASES}")
    return ids[:CASES]


def _actions(plans, case_id) -> int:
    plan = plans.current(case_id)
    return len(plan.content.actions) if plan is not None else 0


def _references(db, lead) -> list[str]:
    from tafdesk.models import Case

    ids = _case_ids(db, lead)
    with db.session() as s:
        return list(s.scalars(select(Case.reference).where(Case.id.in_(ids)).order_by(Case.reference)))


def _actor(db, username: str):
    from tafdesk.models import User
    from tafdesk.services.users import USER_LOCALITIES, _actor

    with db.session() as s:
        row = s.scalar(select(User).where(User.username == username))
        assert row is not None
        localities = frozenset(s.execute(USER_LOCALITIES, {"user_id": row.id}).scalars())
        return _actor(row, localities)


def _admin(*statements: str) -> None:
    admin = create_engine(make_url(SERVER), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        admin.dispose()


def _template() -> str:
    """The benchmark world on the server, built once per generator and schema
    (the database's name carries their hash)."""
    name = f"tafdesk_bench_offline_{generator_version()}"
    admin = create_engine(make_url(SERVER), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            if conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar():
                return name
            for (old,) in conn.execute(
                text("SELECT datname FROM pg_database WHERE datname LIKE 'tafdesk_bench_offline_%'")
            ).all():
                conn.execute(text(f'DROP DATABASE "{old}" WITH (FORCE)'))  # an older world's, or a partial build
            conn.execute(text(f'CREATE DATABASE "{name}_partial"'))
    finally:
        admin.dispose()
    _build(make_url(SERVER).set(database=f"{name}_partial"))
    _admin(f'ALTER DATABASE "{name}_partial" RENAME TO "{name}"')
    return name


def _build(url: URL) -> None:
    print(f"building the offline benchmark's world on {url.host}…", file=sys.stderr)
    run_demo(url.render_as_string(hide_password=False), FAMILIES)
    from tafdesk import clock
    from tafdesk.db import Database

    db = Database(url)
    try:
        with clock.pinned(dt.datetime.combine(BENCH_DAY, dt.time(12), tzinfo=dt.UTC)):
            lead = _actor(db, LEAD)
            for case_id in _give_cases(db):
                _big_plan(db, lead, case_id)
    finally:
        db.dispose()


def _give_cases(db) -> list[uuid.UUID]:
    """The manager moves open cases with an agreed, unreviewed plan to the
    lead until they lead CASES; the lead's other cases go to someone else."""
    from tafdesk.models import Case
    from tafdesk.services.lead_changes import OPEN_STATUSES, LeadChangeService
    from tafdesk.services.plans import PlanService

    manager, lead = _actor(db, MANAGER), _actor(db, LEAD)
    changes = LeadChangeService(db, manager)
    plans = PlanService(db, manager, today=BENCH_DAY)
    with db.session() as s:
        cases = s.execute(
            select(Case.id, Case.lead_professional_id)
            .where(
                Case.status.in_(OPEN_STATUSES),
                Case.lead_professional_id.is_not(None),
                Case.locality_id.in_(manager.localities or ()),
            )
            .order_by(Case.reference)
        ).all()
    chosen = []
    for case_id, lead_id in cases:
        plan = plans.current(case_id)
        if plan is not None and plan.status.value == "agreed" and not plan.reviews and len(chosen) < CASES:
            chosen.append(case_id)
            if lead_id != lead.professional_id:
                _move(changes, case_id, lead.professional_id)
    if len(chosen) < CASES:
        raise RuntimeError(f"the demo council has only {len(chosen)} cases to give {LEAD}")
    other = next(pid for _, pid in cases if pid != lead.professional_id)
    for case_id, lead_id in cases:
        if lead_id == lead.professional_id and case_id not in chosen:
            _move(changes, case_id, other)
    return chosen


def _move(changes, case_id, to_lead_id) -> None:
    change_id = changes.propose(case_id, to_lead_id, "Benchmark: a lead professional's caseload of twenty.")
    row = next(r for r in changes.for_case(case_id) if r.id == change_id)
    changes.accept(change_id, row.version)


def _big_plan(db, lead, case_id) -> None:
    """Like bench/plans.py's plan, smaller: agreed with 30 actions, reviewed 5 times, revised."""
    from tafdesk.services.plans import PlanService

    plans = PlanService(db, lead, BENCH_DAY)
    plan = grow_plan(plans, case_id, ACTIONS, REVIEWS)
    plans.revise(plan.id)
