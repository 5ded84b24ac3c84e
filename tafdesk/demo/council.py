"""Putting the demo council together and writing it in one transaction."""

from __future__ import annotations

import datetime as dt
import gc
import random
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields

from tafdesk import clock
from tafdesk.db import Database, statistics
from tafdesk.db.bulk_insert import copy_allowed
from tafdesk.db.row_writer import RowWriter
from tafdesk.db.rowset import RowSet
from tafdesk.demo import between_run
from tafdesk.demo.assessments import write_assessment
from tafdesk.demo.between import build_script, closed_by, first_contacts
from tafdesk.demo.cases import (
    OPEN,
    add_supporters,
    allocate_open_cases,
    build_histories,
    plan_repeats,
    settle_weights,
)
from tafdesk.demo.closures import write_closure, write_requests
from tafdesk.demo.directory import build_directory
from tafdesk.demo.families import FamilyRec, make_family, write_family
from tafdesk.demo.meetings import build_meetings
from tafdesk.demo.plans import build_plans, has_plan
from tafdesk.demo.profile_rows import write_waiting
from tafdesk.demo.profiles import build_waiting, can_be_duplicated
from tafdesk.demo.referrals import write_case
from tafdesk.demo.scale import DEFAULT, SCALES, Scale
from tafdesk.demo.script import Script
from tafdesk.exports.document import Letterhead
from tafdesk.models import (
    Agency,
    AppSetting,
    Family,
    Locality,
    Meeting,
    Person,
    Professional,
    ReferenceCounter,
    TafPlan,
    User,
)
from tafdesk.services import demo_mark, letterhead, passwords
from tafdesk.services.errors import ServiceError
from tafdesk.services.fresh_database import usernames_if_empty

FLUSH_EVERY = 250  # families, or cases, queued before their rows go to be written
WAITING_PROFILES = 25
REPEAT_PROFILES = 3  # waiting profiles that are repeat referrals of known families


@dataclass(frozen=True)
class DemoSummary:
    localities: int
    agencies: int
    professionals: int
    users: int
    families: int
    people: int
    cases_open: int
    cases_closed: int
    repeat_families: int
    plans: int
    profiles_waiting: int
    meetings: int

    def describe(self) -> str:
        return ", ".join(f"{f.name.replace('_', ' ')} {getattr(self, f.name)}" for f in fields(self))


# Letters need a telephone number and a signatory with a job title.
DEMO_LETTERHEAD = Letterhead(
    organisation="Ambervale Council",
    department="Early Help Service",
    address=("Civic Centre, Market Street", "Northtown", "NT1 1AA"),
    phone="01632 960000",
    email="earlyhelp@ambervale.example",
    signatory_name="Jordan Blake",
    signatory_title="Early Help Service Manager",
    # Every document of the demo says so at its foot: a printout must not pass for a real family's.
    footer="DEMO — training data: every person in this document is invented. Not a real family's record.",
    complaints="Complaints Team, Civic Centre, Market Street, Northtown NT1 1AA, or complaints@ambervale.example",
    privacy_contact="Data Protection Officer, dpo@ambervale.example, 01632 960001",
)


def generate(
    db: Database,
    families: int | None = None,
    seed: int = 1,
    today: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
    scale: Scale = SCALES[DEFAULT],
) -> DemoSummary:
    """Fill an empty database with the synthetic Ambervale council, of the
    scale's size (its number of families unless `families` is given).

    The same seed and the same today give the same data, ids included. The
    schema must exist already. Everything is written in one transaction."""
    families = scale.families if families is None else families
    if families < 1:
        raise ServiceError("The demo council needs at least one family.")
    today = today or clock.today()
    report = _Progress(progress)
    if not db.is_sqlite:
        from tafdesk.demo import logins as demo_logins

        demo_logins.require_role_management(db)  # before anything is written
    with db.engine.connect() as conn:
        copy = copy_allowed(conn)  # PostgreSQL's COPY, unless row-level security restricts this account
    db.dispose()  # this process's idle connections, so that the writer may have the file to itself
    with RowWriter(db.url, db.engine.dialect, check=usernames_if_empty) as writer:
        taken = writer.started()
        with _collector_spared() as kept:
            password_hash = passwords.demo_hash() if db.is_sqlite else None
            summary, script = _build(
                _Output(writer, copy), families, seed, today, taken, report, kept, password_hash, scale
            )
        report(96)
        # The weeks between the meetings, through the services; the council's
        # records are freed by now, so the two processes' memory is not the
        # sum of each at its highest.
        writer.commit(finish=(between_run.run, script))
    if not db.is_sqlite:
        demo_logins.make_logins(db, taken)
    with db.engine.connect() as conn:  # the reports' plans read the council as written
        statistics.gather(conn)
        conn.commit()
    report(100)
    return summary


@contextmanager
def _collector_spared() -> Iterator[Callable[[], None]]:
    """The council's records (millions of objects at 100,000 families) are
    all kept until it is written, and Python's cycle collector walked them
    again and again as they grew: a fifth of the time. `kept()` puts what
    exists so far out of its sight until the council is written (what is
    garbage has been collected as usual)."""
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()


class _Output:
    """Where the council's rows go: to the writing process, a part at a time."""

    def __init__(self, writer: RowWriter, copy: bool) -> None:
        self._writer, self._copy = writer, copy

    def flush(self, rows: RowSet) -> None:
        for sql, values in rows.drain(self._writer.dialect, copy=self._copy):
            self._writer.write(sql, values)


class _Progress:
    def __init__(self, callback: Callable[[int, int], None] | None) -> None:
        self._callback = callback
        self._last = -1

    def __call__(self, percent: float) -> None:
        done = int(percent)
        if self._callback is not None and done != self._last:
            self._last = done
            self._callback(done, 100)


def _build(
    out: _Output,
    count: int,
    seed: int,
    today: dt.date,
    taken: set[str],
    report: _Progress,
    kept: Callable[[], None],
    password_hash: str | None,
    scale: Scale,
) -> tuple[DemoSummary, Script]:
    """Build the council and write it as it goes (each part after what it refers to);
    the script of the weeks between the meetings, to play once it is written."""

    def stream(name: str) -> random.Random:
        # Separate streams: the directory is the same whatever the number of families.
        return random.Random(f"tafdesk-demo/{seed}/{name}")

    rows = RowSet(stream("ids"), dt.datetime.now(dt.UTC))
    directory = build_directory(stream("directory"), rows, today, taken, password_hash, scale)
    out.flush(rows)
    waiting = min(WAITING_PROFILES, count // 2)
    repeats = REPEAT_PROFILES if waiting >= 8 else 0
    duplicates = 1 if waiting >= 8 else 0
    fresh = waiting - repeats - duplicates
    family_rng = stream("families")
    shares = [loc.spec.share for loc in directory.localities]
    made = 0

    def new_family() -> FamilyRec:
        nonlocal made
        made += 1
        loc = family_rng.choices(directory.localities, weights=shares)[0]
        if made % 200 == 0:
            report(30 * made / count)
        if made % FLUSH_EVERY == 0:
            kept()
        return make_family(family_rng, rows, loc, f"F-{made:06d}", today)

    known = [new_family() for _ in range(count - fresh - duplicates)]
    case_rng = stream("cases")
    plan_repeats(case_rng, known)
    open_cases, loads = allocate_open_cases(case_rng, directory, known, today)
    closed_cases = build_histories(case_rng, directory, known, today)
    kept()
    settle_weights(open_cases, loads)
    report(32)

    profile_rng = stream("profiles")
    candidates = [
        f
        for f in known
        if f.cases and all(c.closed for c in f.cases) and f.cases[-1].closed < today - dt.timedelta(days=60)
    ]
    chosen = profile_rng.sample(candidates, k=min(len(candidates), repeats))
    mothers = [f for f in candidates if f not in chosen and can_be_duplicated(f, today)]
    duplicate_of = profile_rng.choice(mothers) if duplicates and mothers else None
    if duplicate_of is None:
        fresh += duplicates  # keep the number of families as asked
    fresh_families = [new_family() for _ in range(fresh)]
    dup_reference = f"F-{count:06d}" if duplicate_of else ""
    waiting_list = build_waiting(
        profile_rng, rows, directory, today, fresh_families, chosen, duplicate_of, dup_reference
    )
    for w in waiting_list:
        if not w.new_family:
            w.case.family.cases.append(w.case)
        else:
            w.case.family.cases = [w.case]
    all_families = known + fresh_families  # the duplicate was appended to fresh_families
    cases = sorted(open_cases + closed_cases + [w.case for w in waiting_list], key=lambda c: (c.opened, c.id))
    numbers: dict[str, int] = {}
    for case in cases:  # as the importer numbers them: locality code, year, then a count
        case.id = rows.new_id()  # ids rising in the order the cases are written (see RowSet.new_id)
        prefix = f"{case.family.loc.spec.code}-{case.opened.year}-"
        numbers[prefix] = numbers.get(prefix, 0) + 1
        case.reference = f"{prefix}{numbers[prefix]:04d}"
    for case in cases:
        add_supporters(case_rng, directory, case, today, loads)
    report(35)
    kept()

    for number, fam in enumerate(all_families, start=1):
        write_family(rows, fam)
        report(35 + 10 * number / len(all_families))
        if number % FLUSH_EVERY == 0:
            out.flush(rows)
    highest_family = max(int(f.reference.removeprefix("F-")) for f in all_families)
    for prefix, last in sorted({"F-": highest_family, **numbers}.items()):  # where imports carry on numbering
        rows.add(ReferenceCounter, prefix=prefix, last_number=last)
    write_rng, plan_rng, closure_rng = stream("referrals"), stream("plans"), stream("closures")
    assessment_rng = stream("assessments")
    waiting_ids = {w.case.id for w in waiting_list}
    contacts = first_contacts(directory, cases, today)
    for number, case in enumerate(cases, start=1):
        if case.id not in waiting_ids:
            write_case(write_rng, rows, directory, case, allocated=case.id in contacts)
            if has_plan(case, today):
                build_plans(plan_rng, rows, case, today)
                write_closure(closure_rng, rows, directory, case)
                write_assessment(assessment_rng, rows, case)
        report(45 + 50 * number / len(cases))
        if number % FLUSH_EVERY == 0:
            out.flush(rows)
    imported_by = directory.business_support[0] if directory.business_support else None
    for w in waiting_list:
        write_waiting(rows, directory, w, imported_by)
    meetings = build_meetings(stream("meetings"), rows, directory, cases, today, followed_up=contacts)
    write_requests(stream("requests"), rows, directory, cases, meetings, today, out.flush)
    waiting_cases = [w.case for w in waiting_list]
    script = build_script(seed, directory, cases, waiting_cases, meetings, contacts, today)
    same_id = uuid.UUID(int=random.Random(f"tafdesk-demo/{seed}/letterhead").getrandbits(128), version=4)
    rows.add(AppSetting, id=same_id, key=letterhead.KEY, value=letterhead.to_json(DEMO_LETTERHEAD))
    demo_id = uuid.UUID(int=random.Random(f"tafdesk-demo/{seed}/mark").getrandbits(128), version=4)
    rows.add(AppSetting, id=demo_id, key=demo_mark.KEY, value="true")  # every window on it says DEMO
    out.flush(rows)

    statuses = [c.status for c in cases]
    closing = closed_by(script)
    summary = DemoSummary(
        localities=rows.count(Locality),
        agencies=rows.count(Agency),
        professionals=rows.count(Professional),
        users=rows.count(User),
        families=rows.count(Family),
        people=rows.count(Person),
        cases_open=sum(s in OPEN for s in statuses) - len(closing),
        cases_closed=sum(c.closed is not None for c in cases) + len(closing),
        repeat_families=sum(len(f.cases) >= 2 for f in all_families),
        plans=rows.count(TafPlan),
        profiles_waiting=len(waiting_list),
        meetings=rows.count(Meeting),
    )
    for family in all_families:
        family.cases = []  # a family and its cases refer to each other: unlinked, all are freed on return
    return summary, script
