"""The synthetic demo council: deterministic, realistic in shape, valid
profiles, realistic caseloads, and refusing a database already in use."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import statistics
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from sqlalchemy import func, select

from tafdesk.allocation.caseload import Load, capacity
from tafdesk.db import Database
from tafdesk.db.location import resolve_url
from tafdesk.db.schema import upgrade_schema
from tafdesk.demo import DemoSummary, generate
from tafdesk.demo.names import AVOIDED
from tafdesk.models import (
    Agency,
    AgendaItem,
    AgendaKind,
    AuditLink,
    Base,
    Case,
    CaseStatus,
    CaseSupporter,
    Family,
    Locality,
    MatchSuggestion,
    Meeting,
    MeetingStatus,
    Person,
    PlanStatus,
    Professional,
    Profile360,
    ProfileInvolvement,
    ProfileMember,
    Referral,
    Role,
    TafPlan,
    TafReviewProgress,
    TafReviewScore,
    User,
)
from tafdesk.services.actor import SYSTEM
from tafdesk.services.errors import ServiceError
from tafdesk.services.user_admin import NewUser, UserAdminService

TODAY = dt.date(2026, 11, 25)  # a Wednesday
SCHEMA = Path(__file__).resolve().parents[1] / "tafdesk" / "contracts" / "profile360-v1.schema.json"
OPEN = (CaseStatus.TAF_OPEN, CaseStatus.MULTI_AGENCY_PLAN, CaseStatus.WORKING_TOGETHER_MEETING)
WAITING = (CaseStatus.AWAITING_TRIAGE, CaseStatus.AWAITING_MEETING, CaseStatus.DEFERRED)
AGENCY_NAMES = {
    "Family Support",
    "Health Visiting and School Nursing",
    "Police",
    "Education Welfare",
    "Youth Service",
    "Housing",
    "Schools",
    "Domestic Abuse Service",
    "Fire and Rescue",
    "Adult Mental Health",
    "Substance Misuse",
    "CAMHS",
    "Employment Support",
    "Harbour Family Trust",
}
POSTCODE = re.compile(r"^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$")
DRAMA_PHONE = re.compile(r"^(01632 960\d{3}|07700 900\d{3})$")


def new_database(folder: Path, name: str = "demo.sqlite") -> Database:
    url = resolve_url(str(folder / name))
    upgrade_schema(url)
    return Database(url)


UNREPEATABLE = {"created_at", "updated_at", "password_hash", "segment", "prev_mac", "mac", "values_mac"}
CHAIN_ORDER = frozenset({"seq"})
SERVERS_OWN = frozenset({"access_locality"})


def dump(db: Database, leave_out: frozenset[str] = frozenset()) -> dict[str, list[tuple]]:
    """Every row of every table, without the clock-stamped columns (nor the
    password hash: salted, and SQLite's only; nor the audit chain's keys and
    MACs: each database has keys of its own), in key order (id, or the
    table's own key: working_day's day)."""
    contents = {}
    with db.reader() as s:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name not in UNREPEATABLE | leave_out]
            key = "id" if "id" in table.columns else next(iter(table.primary_key.columns)).name
            at = [c.name for c in columns].index(key)
            rows = s.execute(select(*columns)).all()
            contents[table.name] = sorted((tuple(row) for row in rows), key=lambda row: str(row[at]))
    return contents


@pytest.fixture(scope="module")
def council(tmp_path_factory) -> tuple[Database, DemoSummary]:
    """The default-sized council, built once for the tests that only read it."""
    db = new_database(tmp_path_factory.mktemp("council"))
    summary = generate(db, families=400, seed=1, today=TODAY)
    yield db, summary
    db.dispose()


# -- determinism -------------------------------------------------------------


def test_same_seed_and_day_give_identical_data_and_another_seed_does_not(tmp_path) -> None:
    dbs = [new_database(tmp_path, f"{name}.sqlite") for name in ("first", "second", "other")]
    summaries = [generate(db, families=60, seed=seed, today=TODAY) for db, seed in zip(dbs, (7, 7, 8))]
    first, second, other = (dump(db) for db in dbs)
    assert summaries[0] == summaries[1]
    assert first == second
    assert sum(len(rows) for rows in first.values()) > 1000  # the comparison covered a real council
    assert first["family"] != other["family"]
    assert first["person"] != other["person"]
    assert first["professional"] != other["professional"]
    for db in dbs:
        db.dispose()


@pytest.mark.postgres
def test_postgresql_gets_exactly_the_same_council_as_sqlite(pg_url, tmp_path) -> None:
    on_sqlite = new_database(tmp_path)
    on_postgres = Database(pg_url)
    upgrade_schema(pg_url)
    try:
        assert generate(on_postgres, families=30, seed=5, today=TODAY) == generate(
            on_sqlite, families=30, seed=5, today=TODAY
        )
        # The chain numbers the events of one transaction (an assessment started and completed at
        # once) in the order each database's trigger sees them: the events and their links are the same.
        # The access rules' copy of each parent's locality is the server's alone (migration 0031).
        assert dump(on_postgres, CHAIN_ORDER | SERVERS_OWN) == dump(on_sqlite, CHAIN_ORDER | SERVERS_OWN)
        with on_postgres.reader() as pg, on_sqlite.reader() as lite:
            assert pg.scalar(select(func.max(AuditLink.seq))) == lite.scalar(select(func.max(AuditLink.seq))) > 50
    finally:
        on_postgres.dispose()
        on_sqlite.dispose()


def test_demo_creates_the_schema_of_an_empty_server_database(pg_url, capsys) -> None:
    from tafdesk.cli import main

    address = pg_url.render_as_string(hide_password=False)
    assert main(["demo", "--db", address, "--families", "12", "--today", "2026-12-01"]) == 0
    printed = capsys.readouterr().out
    assert "Demo council written to" in printed and "Every demo user's password is “demo”" in printed
    assert "login roles on the server have that password too" in printed
    assert main(["db", "current", "--db", address]) == 0
    assert "up to date" in capsys.readouterr().out


def test_the_directory_is_the_same_whatever_the_number_of_families(tmp_path, council) -> None:
    small = new_database(tmp_path)
    generate(small, families=30, seed=1, today=TODAY)
    big_db, _ = council
    assert dump(small)["professional"] == dump(big_db)["professional"]
    small.dispose()


# -- counts and shape ----------------------------------------------------------


def test_counts_and_shape(council) -> None:
    db, summary = council
    with db.reader() as s:
        localities = {loc.name: loc.code for loc in s.scalars(select(Locality))}
        agencies = s.scalars(select(Agency)).all()
        professionals = s.scalar(select(func.count()).select_from(Professional))
        families = s.scalar(select(func.count()).select_from(Family))
        people = s.scalar(select(func.count()).select_from(Person))
        plans = dict(s.execute(select(TafPlan.status, func.count()).group_by(TafPlan.status)).all())
        statuses = dict(s.execute(select(Case.status, func.count()).group_by(Case.status)).all())
        closed = s.scalar(select(func.count()).select_from(Case).where(Case.closed_on.is_not(None)))
        reasons = set(s.scalars(select(Case.closure_reason).where(Case.closure_reason.is_not(None))))
        meetings = s.scalar(select(func.count()).select_from(Meeting))
        repeat_families = s.scalar(
            select(func.count()).select_from(
                select(Case.family_id).group_by(Case.family_id).having(func.count() >= 2).subquery()
            )
        )
        sizes = s.execute(select(Person.family_id, func.count()).group_by(Person.family_id)).all()
        scores = s.scalar(select(func.count()).select_from(TafReviewScore))
        progress = s.scalar(select(func.count()).select_from(TafReviewProgress))
    assert localities == {"North": "N", "Central": "C", "South": "S"}
    assert {a.name for a in agencies} == AGENCY_NAMES
    assert {a.name for a in agencies if a.membership.value == "core"} == {
        "Family Support",
        "Health Visiting and School Nursing",
        "Police",
        "Education Welfare",
        "Youth Service",
        "Housing",
    }
    assert len({a.capacity_per_fte for a in agencies}) > 4
    assert 80 <= professionals <= 100
    assert families == 400 == summary.families
    assert 20 <= summary.profiles_waiting <= 30
    assert sum(statuses.get(st, 0) for st in WAITING) == summary.profiles_waiting
    assert sum(statuses.get(st, 0) for st in OPEN) == summary.cases_open > 50
    assert closed == summary.cases_closed > 50
    assert len(reasons) >= 5
    assert set(plans) == set(PlanStatus) and sum(plans.values()) == summary.plans
    assert scores > 0 and progress > 0
    assert repeat_families == summary.repeat_families >= 0.08 * families
    assert people == summary.people
    assert meetings == summary.meetings
    assert (summary.localities, summary.agencies, summary.professionals) == (3, 14, professionals)
    assert all(2 <= n <= 7 for _, n in sizes) and len(sizes) == families


def test_people_are_varied_and_plausible(council) -> None:
    db, _ = council
    with db.reader() as s:
        people = s.scalars(select(Person)).all()
        pros = s.scalars(select(Professional)).all()
    names = {p.given_name for p in people} | {p.family_name for p in people}
    names |= {p.given_name for p in pros} | {p.family_name for p in pros}
    for wanted in ("Zoë", "Łukasz", "Nguyễn", "Siobhán"):
        assert wanted in names
    assert sum(not n.isascii() for n in names) > 20
    assert any(not p.lives_in_household for p in people)
    assert any(p.expected_date and p.date_of_birth is None for p in people)
    assert any(p.role.value == "adult" for p in people)
    by_family: dict = {}
    for p in people:
        by_family.setdefault(p.family_id, []).append(p)
    checked = 0
    for members in by_family.values():
        carer = min(members, key=lambda p: p.position)
        for child in members:
            if child.relationship_ in ("son", "daughter") and child.role.value in ("child", "young_person"):
                assert child.date_of_birth is not None
                assert (TODAY - child.date_of_birth).days < 18 * 366
                if carer.role.value == "parent" and carer.date_of_birth:
                    assert (child.date_of_birth - carer.date_of_birth).days >= 16 * 365
                    checked += 1
            if child.expected_date:
                assert child.expected_date > TODAY
    assert checked > 300


def test_no_real_names_and_only_fictional_contact_details(council) -> None:
    db, _ = council
    with db.reader() as s:
        surnames = set(s.scalars(select(Person.family_name))) | set(s.scalars(select(Professional.family_name)))
        texts = list(s.scalars(select(Referral.referrer_name))) + list(s.scalars(select(User.display_name)))
        texts += list(s.scalars(select(Profile360.original_document)))
        phones = [p for p in s.scalars(select(Family.phone)) if p] + list(s.scalars(select(Professional.phone)))
        phones += list(s.scalars(select(Agency.phone)))
        emails = list(s.scalars(select(Professional.email))) + list(s.scalars(select(Agency.email)))
        emails += [e for e in s.scalars(select(Referral.referrer_email)) if e]
        postcodes = list(s.scalars(select(Family.postcode))) + list(s.scalars(select(Agency.postcode)))
        postcodes += [p for p in s.scalars(select(Referral.referrer_postcode)) if p]
    for name in AVOIDED:
        assert name not in surnames
        assert not any(re.search(rf"\b{re.escape(name)}\b", text) for text in texts), name
    assert phones and all(DRAMA_PHONE.match(p) for p in phones)
    assert emails and all(e.endswith(".example") for e in emails)
    assert postcodes and all(POSTCODE.match(p) for p in postcodes)


# -- waiting profiles ----------------------------------------------------------


def test_waiting_profiles_validate_against_the_contract(council) -> None:
    db, summary = council
    validator = Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")), format_checker=FormatChecker())
    with db.reader() as s:
        profiles = s.scalars(select(Profile360)).all()
        assert len(profiles) == summary.profiles_waiting
        for profile in profiles:
            doc = json.loads(profile.original_document)
            assert list(validator.iter_errors(doc)) == []
            assert hashlib.sha256(profile.original_document.encode("utf-8")).hexdigest() == profile.original_sha256
            assert re.fullmatch(r"ESAT-\d{4}-\d{5}", profile.profile_ref) and doc["profile_id"] == profile.profile_ref
            assert dt.datetime.fromisoformat(doc["compiled_at"]) == profile.compiled_at
            assert profile.compiled_at.date() <= TODAY
            assert doc["locality"] == profile.locality_name and doc["family"]["family_name"] == profile.family_name
            members = s.scalars(select(ProfileMember).where(ProfileMember.profile_id == profile.id)).all()
            assert sorted(m.member_ref for m in members) == sorted(m["member_id"] for m in doc["family"]["members"])
            assert all(m.person_id is not None for m in members)
        involvements = s.scalars(select(ProfileInvolvement)).all()
    assert any(i.restricted for i in involvements)
    outside = [i for i in involvements if i.agency_name in ("Children's Social Care", "Youth Justice Service")]
    assert outside and all(i.agency_id is None for i in outside)
    assert all(i.agency_id is not None for i in involvements if i.agency_name in AGENCY_NAMES)


def test_waiting_cases_are_on_next_weeks_agendas(council) -> None:
    db, _ = council
    monday = TODAY + dt.timedelta(days=7 - TODAY.weekday())
    with db.reader() as s:
        planned = s.scalars(select(Meeting).where(Meeting.status == MeetingStatus.PLANNED)).all()
        assert len(planned) == 3
        assert all(monday <= m.starts_at.date() < monday + dt.timedelta(days=5) for m in planned)
        on_agenda = set(s.scalars(select(AgendaItem.case_id).where(AgendaItem.meeting_id.in_([m.id for m in planned]))))
        waiting = s.execute(select(Case.id, Case.status).where(Case.status.in_(WAITING))).all()
        past = s.scalars(select(Meeting).where(Meeting.status == MeetingStatus.CLOSED)).all()
    assert {st for _, st in waiting} == set(WAITING)
    for case_id, status in waiting:
        assert (case_id in on_agenda) == (status is not CaseStatus.AWAITING_TRIAGE)
    assert past and all(m.starts_at.date() < TODAY for m in past)


def test_the_front_door_put_each_family_on_an_agenda_after_its_referral_and_before_its_meeting(council) -> None:
    """The reports time the front door's decision by the day the family was put
    on an agenda: the demo's past items carry that day, not the day the demo ran."""
    db, _ = council
    with db.reader() as s:
        items = s.execute(
            select(AgendaItem.created_at, Case.opened_on, Meeting.starts_at)
            .join(Case, Case.id == AgendaItem.case_id)
            .join(Meeting, Meeting.id == AgendaItem.meeting_id)
            .where(AgendaItem.kind == AgendaKind.NEW_PROFILE)
        ).all()
    assert len(items) > 50
    for sent, opened, starts in items:
        assert opened <= sent.date() <= opened + dt.timedelta(days=3) and sent < starts


def test_some_waiting_profiles_are_repeat_referrals_of_known_families(council) -> None:
    db, _ = council
    with db.reader() as s:
        repeats = s.execute(
            select(Case, Referral.id)
            .join(Referral, Referral.case_id == Case.id)
            .where(Case.status.in_(WAITING), Case.is_repeat)
        ).all()
        assert len(repeats) >= 2
        for case, referral_id in repeats:
            earlier = s.scalars(select(Case).where(Case.family_id == case.family_id, Case.id != case.id)).all()
            assert earlier and all(c.closed_on and c.closed_on < case.opened_on for c in earlier)
            profile = s.scalar(select(Profile360).where(Profile360.referral_id == referral_id))
            family = s.get(Family, case.family_id)
            assert profile.postcode == family.postcode
            for member in s.scalars(select(ProfileMember).where(ProfileMember.profile_id == profile.id)):
                person = s.get(Person, member.person_id)
                assert person.family_id == family.id and person.date_of_birth == member.date_of_birth
        suggestion = s.scalar(select(MatchSuggestion))
        assert suggestion is not None and suggestion.status.value == "pending"
        profile = s.get(Profile360, suggestion.profile_id)
        referral = s.get(Referral, profile.referral_id)
        assert referral.family_id != suggestion.family_id  # stored as a new family until someone confirms
        assert s.get(Family, suggestion.family_id) is not None


# -- caseloads -------------------------------------------------------------------


def test_caseloads_are_realistic(council) -> None:
    """As the app counts load: the weights of cases led plus a share of those supported."""
    db, _ = council
    with db.reader() as s:
        led = dict(
            s.execute(
                select(Case.lead_professional_id, func.sum(Case.complexity_weight))
                .where(Case.status.in_(OPEN))
                .group_by(Case.lead_professional_id)
            ).all()
        )
        supported = dict(
            s.execute(
                select(CaseSupporter.professional_id, func.sum(Case.complexity_weight))
                .join(Case, Case.id == CaseSupporter.case_id)
                .where(Case.status.in_(OPEN))
                .group_by(CaseSupporter.professional_id)
            ).all()
        )
        rows = s.execute(select(Professional, Agency.capacity_per_fte).join(Agency).where(Professional.active)).all()
        inactive_leads = s.scalar(
            select(func.count())
            .select_from(Case)
            .join(Professional, Professional.id == Case.lead_professional_id)
            .where(Case.status.in_(OPEN), Professional.active.is_(False))
        )
        weights = list(s.scalars(select(Case.complexity_weight).where(Case.status.in_(OPEN))))
    loads = [
        Load(capacity(p.fte, per_fte, p.capacity), led.get(p.id, 0.0), supported.get(p.id, 0.0)) for p, per_fte in rows
    ]
    utilisation = [load.utilisation for load in loads]
    assert 0.4 <= statistics.median(utilisation) <= 1.1
    assert sum(0.4 <= u <= 1.1 for u in utilisation) >= 0.6 * len(utilisation)
    assert 0.4 <= statistics.median(load.led / load.capacity for load in loads) <= 1.1
    assert sum(supported.values()) > 0
    assert inactive_leads == 0
    assert min(weights) >= 0.5 and max(weights) <= 8 and 1.5 <= statistics.mean(weights) <= 5


# -- refusing and all-or-nothing ---------------------------------------------------


def test_refuses_a_database_that_already_has_families(tmp_path) -> None:
    db = new_database(tmp_path)
    generate(db, families=12, seed=3, today=TODAY)
    before = dump(db)
    with pytest.raises(ServiceError, match="already holds 12 families"):
        generate(db, families=12, seed=4, today=TODAY)
    assert dump(db) == before
    db.dispose()


def test_a_failure_part_way_leaves_nothing_written(tmp_path) -> None:
    db = new_database(tmp_path)

    def stop_while_writing(done: int, total: int) -> None:
        if done >= 75:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        generate(db, families=40, seed=1, today=TODAY, progress=stop_while_writing)
    assert all(rows == [] for rows in dump(db).values())
    db.dispose()


def test_a_failure_in_the_writing_process_is_one_plain_sentence_and_nothing_is_written(tmp_path) -> None:
    from tafdesk.models import AppSetting
    from tafdesk.services import letterhead

    db = new_database(tmp_path)
    with db.session() as s:  # the demo's own letterhead, written last, will clash with it
        s.add(AppSetting(key=letterhead.KEY, value="{}"))
    before = dump(db)
    with pytest.raises(ServiceError, match="clashes with a record already in the database") as caught:
        generate(db, families=20, seed=1, today=TODAY)
    assert "INSERT" not in str(caught.value) and "app_setting" not in str(caught.value)
    assert dump(db) == before
    db.dispose()


def test_every_reference_holds_and_the_file_is_left_as_tafdesk_keeps_it(tmp_path) -> None:
    """The writing process does not check foreign keys row by row, nor keep
    WAL while it loads (db.row_writer): this checks what it leaves."""
    import sqlite3

    db = new_database(tmp_path)
    generate(db, families=40, seed=2, today=TODAY)
    db.dispose()
    raw = sqlite3.connect(tmp_path / "demo.sqlite")  # a plain connection, which sets nothing itself
    try:
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        raw.close()


def test_weighted_choices_made_once_pick_as_random_choices_does() -> None:
    import random

    from tafdesk.demo.odds import Odds

    items, weights = ("a", "b", "c", "d"), (15, 40, 32.5, 13)
    odds = Odds(items, weights)
    ours, theirs = random.Random(9), random.Random(9)
    assert [odds.pick(ours) for _ in range(2000)] == [theirs.choices(items, weights=weights)[0] for _ in range(2000)]
    with pytest.raises(ValueError):
        Odds(items, weights[:2])


def test_progress_is_reported_up_to_done(tmp_path) -> None:
    db = new_database(tmp_path)
    seen: list[tuple[int, int]] = []
    generate(db, families=40, seed=1, today=TODAY, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (100, 100)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen) and len(seen) > 5
    db.dispose()


def test_an_existing_first_admin_is_kept(tmp_path) -> None:
    db = new_database(tmp_path)
    UserAdminService(db, SYSTEM).add(NewUser("admin", Role.ADMIN, "Jo Bloggs"), "the first admin's password")
    summary = generate(db, families=20, seed=1, today=TODAY)
    with db.reader() as s:
        usernames = list(s.scalars(select(User.username)))
    assert usernames.count("admin") == 1
    assert {"manager.north", "manager.central", "manager.south", "support1", "support2", "lead.north1"} <= set(
        usernames
    )
    assert summary.users == len(usernames) - 1  # the demo made all but the admin that was there
    from tafdesk.services.users import UserService

    assert UserService(db).sign_in("admin", "the first admin's password").name == "Jo Bloggs"  # their own kept
    assert UserService(db).sign_in("manager.north", "demo").role is Role.LOCALITY_MANAGER
    db.dispose()


def test_imports_carry_on_its_numbering_and_recognise_its_families(tmp_path) -> None:
    from tafdesk.services.actor import SYSTEM
    from tafdesk.services.intake import IntakeService
    from tests.intake.conftest import make_profile

    db = new_database(tmp_path)
    generate(db, families=40, seed=3, today=TODAY)
    with db.reader() as s:
        family = s.scalars(select(Family).order_by(Family.reference)).first()
        people = s.scalars(
            select(Person)
            .where(Person.family_id == family.id, Person.date_of_birth.is_not(None))
            .order_by(Person.position)
        ).all()
        locality = s.get(Locality, family.locality_id)
        prefix = f"{locality.code}-{TODAY.year}-"
        used = [int(r.removeprefix(prefix)) for r in s.scalars(select(Case.reference)) if r.startswith(prefix)]
    profile = make_profile(locality=locality.name)
    profile["family"].update(
        family_name=family.family_name,
        address={"line1": "1 Moved Road", "postcode": "SB9 9ZZ"},
        members=[
            {
                "member_id": f"m{i}",
                "first_name": p.given_name,
                "last_name": p.family_name,
                "role": p.role.value,
                "date_of_birth": p.date_of_birth.isoformat(),
            }
            for i, p in enumerate(people)
        ],
    )
    profile["needs"] = [{"area": "housing", "level": "high", "summary": "Facing eviction."}]
    profile["agency_involvement"], profile["risks"] = [], []
    [outcome] = IntakeService(db, SYSTEM, today=TODAY).import_document(profile, "one.json").imported
    db.dispose()
    assert outcome.repeat
    assert outcome.case_reference == f"{prefix}{max(used, default=0) + 1:04d}"


def test_the_review_days_kept_for_the_reports_are_those_the_services_keep(council) -> None:
    """What the demo writes beside its plans and scores (services/score_spans.py:
    migrations 0034 and 0039) is what the service that records a review would."""
    from tafdesk.services import score_spans

    db, _ = council
    score_columns = (TafReviewScore.held_on, TafReviewScore.first_score, TafReviewScore.scored_times)
    with db.reader() as s:
        written = _review_days(s, score_columns)
        for case_id in s.scalars(select(TafPlan.case_id).distinct()):
            score_spans.refresh(s, case_id)
        s.flush()
        assert _review_days(s, score_columns) == written
        s.rollback()
    reviewed = sum(1 for plan in written[0] if plan[1] is not None)
    assert reviewed > 50 and len(written[1]) > 100


def _review_days(s, score_columns) -> tuple[list, list]:
    plans = s.execute(select(TafPlan.id, TafPlan.reviewed_on).order_by(TafPlan.id)).all()
    scores = s.execute(
        select(TafReviewScore.id, *score_columns, TafReviewScore.next_held_on).order_by(TafReviewScore.id)
    ).all()
    return [tuple(p) for p in plans], [tuple(r) for r in scores]
