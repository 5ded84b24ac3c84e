"""Two profile files imported at the same moment by two processes, released
together by a barrier, round after round, on SQLite and on PostgreSQL: both
go in, numbered apart, and a family in both files becomes one family with a
repeat referral, not two families."""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing

import pytest
from sqlalchemy import func, select

from tafdesk.db import Database
from tafdesk.db.schema import upgrade_schema
from tafdesk.models import Case, Family, Role
from tafdesk.services.actor import Actor
from tafdesk.services.intake import IntakeService
from tests.intake.conftest import add_directory, make_profile

ROUNDS = 6
OWN = 20  # families only one worker sends, after the shared one: a window for the race
TODAY = dt.date(2026, 11, 25)


def _name(*parts: object) -> str:
    """A made-up surname, unlike any other the test makes."""
    digest = hashlib.sha256("/".join(map(str, parts)).encode()).digest()
    return "".join(chr(ord("a") + b % 26) for b in digest[:9]).capitalize()


def _family(name: str, postcode: str, year: int, day: int) -> dict:
    return {
        "family_name": name,
        "address": {"line1": "1 Test Row", "postcode": postcode},
        "members": [
            {
                "member_id": "m1",
                "first_name": "Parent",
                "last_name": name,
                "role": "parent",
                "date_of_birth": f"{year - 30}-0{1 + day % 9}-1{day % 10}",
            },
            {
                "member_id": "c1",
                "first_name": "Child",
                "last_name": name,
                "role": "child",
                "date_of_birth": f"{year - 8}-0{1 + day % 9}-2{day % 9}",
            },
        ],
    }


def _file(worker: int, round_: int) -> list[dict]:
    """A family both workers send in this round, then families only this worker sends."""
    shared = make_profile(
        profile_id=f"ESAT-S{worker}-{round_:04d}",
        family=_family(_name("shared", round_), f"NT1 {round_}SS", 2001 + round_, 5),
    )
    own = [
        make_profile(
            profile_id=f"ESAT-{worker}-{round_:02d}{n:02d}",
            family=_family(
                _name(worker, round_, n),
                f"SB{worker + 1} {n % 10}{'ABCDEFGHJK'[round_]}A",
                1990 + round_ + (n % 3),
                worker * 3 + n % 3,
            ),
        )
        for n in range(OWN)
    ]
    for profile in (shared, *own):
        profile["needs"] = [{"area": "education", "level": "high", "summary": "Attendance.", "members": ["c1"]}]
        profile["agency_involvement"], profile["risks"] = [], []
    return [shared, *own]


def _import_rounds(url: str, worker: int, barrier, results) -> None:
    db = Database(url)
    intake = IntakeService(
        db, Actor(user_id=None, name=f"Worker {worker}", role=Role.BUSINESS_SUPPORT, localities=None), today=TODAY
    )
    for round_ in range(ROUNDS):
        barrier.wait(timeout=60)
        try:
            report = intake.import_document(_file(worker, round_), f"worker{worker}.json")
            results.put((round_, worker, report.errors, [p.repeat for p in report.imported]))
        except Exception as exc:  # noqa: BLE001 (the failure is what the test reports)
            results.put((round_, worker, (f"{type(exc).__name__}: {exc}"[:300],), []))
    db.dispose()


@pytest.fixture
def shared_db(any_url):
    upgrade_schema(any_url)
    database = Database(any_url)
    add_directory(database)
    yield any_url.render_as_string(hide_password=False), database
    database.dispose()


def test_two_imports_at_once_both_go_in_and_share_one_family(shared_db):
    url, db = shared_db
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    workers = [context.Process(target=_import_rounds, args=(url, n, barrier, results)) for n in (0, 1)]
    for process in workers:
        process.start()
    outcomes = [results.get(timeout=120) for _ in range(2 * ROUNDS)]
    for process in workers:
        process.join(timeout=60)
    errors = [(r, w, e) for r, w, e, _ in outcomes if e]
    assert errors == []
    for round_ in range(ROUNDS):
        shared = sorted(rep[0] for r, _, _, rep in outcomes if r == round_)
        assert shared == [False, True], f"round {round_}"  # the second to store the family repeats
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Family)) == (1 + 2 * OWN) * ROUNDS
        assert s.scalar(select(func.count(func.distinct(Case.reference)))) == 2 * (1 + OWN) * ROUNDS
