"""The domain model and the database's own checks, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError, IntegrityError, StatementError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from tafdesk.db import Database
from tafdesk.db.schema import upgrade_schema
from tafdesk.models import (
    Agency,
    AuditEvent,
    AuditLogIsAppendOnly,
    Base,
    Case,
    CaseStatus,
    Family,
    Locality,
    MemberRole,
    Membership,
    NeedArea,
    Person,
    PlanStatus,
    Professional,
    Sector,
    Specialism,
    TafPlan,
    TafReview,
    TafReviewScore,
)


@contextmanager
def untranslated(database: Database) -> Iterator[Session]:
    """A unit of work straight on the engine: these tests look at what the
    database itself refuses, before tafdesk turns it into a sentence."""
    with Session(database.engine) as s, s.begin():
        yield s


@pytest.fixture
def database(any_url):
    upgrade_schema(any_url)
    database = Database(any_url)
    yield database
    database.dispose()


def _directory(s):
    north = Locality(name="North", code="N")
    agency = Agency(name="Family Support", membership=Membership.CORE, sector=Sector.LOCAL_AUTHORITY)
    s.add_all([north, agency])
    s.flush()
    return north, agency


def _professional(agency, locality, **overrides):
    values = dict(
        agency=agency, locality=locality, given_name="Ada", family_name="Okafor", job_title="Family Worker", fte=0.8
    )
    return Professional(**{**values, **overrides})


def test_every_table_has_uuid_key_timestamps_and_version():
    derived = [t.name for t in Base.metadata.sorted_tables if t.info.get("derived")]
    assert derived == ["working_day"]  # a table rebuilt whole from others, never edited row by row
    for table in Base.metadata.sorted_tables:
        if table.info.get("derived"):
            continue
        assert {"id", "created_at", "updated_at", "version"} <= set(table.c.keys()), table.name
        assert [c.name for c in table.primary_key] == ["id"], table.name


def test_timestamps_are_timezone_aware_utc(database):
    with database.session() as s:
        locality = Locality(name="North", code="N")
        s.add(locality)
    with database.reader() as s:
        stored = s.get(Locality, locality.id)
        assert stored.created_at.tzinfo is dt.UTC
        assert abs(stored.created_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)


def test_naive_timestamp_is_refused(database):
    with pytest.raises(StatementError, match="time zone"), database.session() as s:
        s.add(AuditEvent(actor_name="x", action="y", entity_type="z", occurred_at=dt.datetime(2026, 1, 1)))


def test_version_counter_detects_a_concurrent_edit(database):
    with database.session() as s:
        north = Locality(name="North", code="N")
        s.add(north)
    first, second = database._sessions(), database._sessions()
    mine, theirs = first.get(Locality, north.id), second.get(Locality, north.id)
    mine.default_venue = "Children's Centre"
    first.commit()
    assert mine.version == 2
    theirs.default_venue = "Town Hall"
    with pytest.raises(StaleDataError):
        second.commit()
    first.close(), second.close()


def test_database_checks_enumerations(database):
    with database.session() as s:
        _directory(s)
    with pytest.raises(DBAPIError), untranslated(database) as s:
        s.execute(text("UPDATE agency SET membership = 'honorary'"))


def test_database_checks_ranges(database):
    with database.session() as s:
        north, agency = _directory(s)
        north_id, agency_id = north.id, agency.id
    for bad in ({"fte": 0}, {"fte": 1.5}, {"capacity": -1}):
        with pytest.raises(IntegrityError), untranslated(database) as s:
            s.add(_professional(s.get(Agency, agency_id), s.get(Locality, north_id), **bad))


def test_unique_names_and_specialisms(database):
    with database.session() as s:
        north, agency = _directory(s)
        worker = _professional(agency, north, specialisms=[Specialism(area=NeedArea.EDUCATION)])
        s.add(worker)
        worker_id = worker.id
    with pytest.raises(IntegrityError), untranslated(database) as s:
        s.add(Locality(name="North", code="N2"))
    with pytest.raises(IntegrityError), untranslated(database) as s:
        s.add(Specialism(professional_id=worker_id, area=NeedArea.EDUCATION))


def test_foreign_keys_are_enforced(database):
    with pytest.raises(IntegrityError), untranslated(database) as s:
        s.add(
            Family(
                reference="F1", family_name="Test", locality_id=uuid.uuid4(), address_line1="1 Lane", postcode="NT1 1AA"
            )
        )


def test_family_members_and_case_round_trip(database):
    with database.session() as s:
        north, _ = _directory(s)
        family = Family(
            reference="F-000001",
            family_name="Nguyễn",
            locality_id=north.id,
            address_line1="2 Quay Street",
            postcode="NT2 4RS",
            members=[
                Person(
                    given_name="Thị Mai",
                    family_name="Nguyễn",
                    role=MemberRole.PARENT,
                    date_of_birth=dt.date(1990, 5, 1),
                ),
                Person(
                    given_name="Zoë",
                    family_name="Nguyễn",
                    role=MemberRole.CHILD,
                    date_of_birth=dt.date(2015, 9, 3),
                    position=1,
                ),
            ],
        )
        s.add(family)
        s.flush()
        s.add(
            Case(
                reference="N-2026-0001",
                family_id=family.id,
                locality_id=north.id,
                status=CaseStatus.AWAITING_TRIAGE,
                opened_on=dt.date(2026, 11, 2),
            )
        )
    with database.reader() as s:
        loaded = s.scalar(select(Family).where(Family.reference == "F-000001"))
        assert [m.given_name for m in loaded.members] == ["Thị Mai", "Zoë"]
        assert loaded.members[1].date_of_birth == dt.date(2015, 9, 3)
        case = s.scalar(select(Case))
        assert case.status is CaseStatus.AWAITING_TRIAGE and case.family.family_name == "Nguyễn"


def test_case_cannot_close_before_it_opened(database):
    with database.session() as s:
        north, _ = _directory(s)
        family = Family(
            reference="F2", family_name="Kowalski", locality_id=north.id, address_line1="3 Road", postcode="NT3 1AB"
        )
        s.add(family)
    with pytest.raises(IntegrityError), untranslated(database) as s:
        s.add(
            Case(
                reference="N-1",
                family_id=family.id,
                locality_id=north.id,
                status=CaseStatus.CLOSED,
                opened_on=dt.date(2026, 5, 1),
                closed_on=dt.date(2026, 4, 1),
            )
        )


def test_review_scores_run_from_one_to_ten(database):
    with database.session() as s:
        north, _ = _directory(s)
        family = Family(
            reference="F3", family_name="Byrne", locality_id=north.id, address_line1="4 Row", postcode="NT4 2CD"
        )
        s.add(family)
        s.flush()
        case = Case(
            reference="N-2",
            family_id=family.id,
            locality_id=north.id,
            status=CaseStatus.TAF_OPEN,
            opened_on=dt.date(2026, 1, 5),
        )
        s.add(case)
        s.flush()
        plan = TafPlan(case_id=case.id, status=PlanStatus.AGREED, reviews=[TafReview(held_on=dt.date(2026, 3, 1))])
        s.add(plan)
        s.flush()
        review_id = plan.reviews[0].id
    with pytest.raises(IntegrityError), untranslated(database) as s:
        s.add(TafReviewScore(review_id=review_id, area=NeedArea.HEALTH, score=11))
    with database.session() as s:
        s.add(TafReviewScore(review_id=review_id, area=NeedArea.HEALTH, score=10))


def test_audit_log_is_append_only_in_orm_and_database(database):
    with database.session() as s:
        event = AuditEvent(actor_name="Tester", action="agency.created", entity_type="agency", entity_id=uuid.uuid4())
        s.add(event)
    with pytest.raises(AuditLogIsAppendOnly), database.session() as s:
        s.get(AuditEvent, event.id).action = "tampered"
    with pytest.raises(AuditLogIsAppendOnly), database.session() as s:
        s.delete(s.get(AuditEvent, event.id))
    for statement in ("UPDATE audit_event SET action = 'tampered'", "DELETE FROM audit_event"):
        with pytest.raises(DBAPIError, match="append-only"), untranslated(database) as s:
            s.execute(text(statement))
    with database.reader() as s:
        assert s.scalar(select(AuditEvent.action)) == "agency.created"


def test_at_the_table_means_present_or_deputised_and_nothing_else():
    from tafdesk.models import AttendanceStatus, at_table

    assert [s for s in AttendanceStatus if at_table(s)] == [AttendanceStatus.PRESENT, AttendanceStatus.DEPUTY]
    assert not at_table(None)  # attendance not yet recorded


def test_model_modules_give_sqlalchemy_evaluated_annotations():
    """With postponed annotations SQLAlchemy evaluates every Mapped[...] from
    its string at each start; the model modules quote only forward names."""
    from pathlib import Path

    import tafdesk.models

    folder = Path(tafdesk.models.__file__).parent
    postponing = [
        p.name for p in folder.glob("*.py") if "from __future__ import annotations" in p.read_text().splitlines()
    ]
    assert postponing == []
    from tafdesk.models import Case

    assert not isinstance(Case.__annotations__["reference"], str)
