"""A council of two localities, North and South, for the access matrix: each
with a closed meeting (one family allocated a Team Around the Family, with a
plan), the next meeting (a family on its agenda) and a family waiting at the
front door, every profile with a restricted police item; and a user of each
role working in North. Built by tafdesk's own actor, so that the world does
not depend on the rules under test."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import select

from tafdesk.models import (
    Agency,
    AttendanceStatus,
    Case,
    DecisionOutcome,
    DocumentFormat,
    DocumentType,
    Locality,
    Membership,
    Professional,
    Profile360,
    ProfileInvolvement,
    Referral,
    Role,
    Sector,
)
from tafdesk.services.actor import SYSTEM, Actor
from tafdesk.services.decisions import DecisionInput, DecisionService
from tafdesk.services.documents import DocumentService
from tafdesk.services.front_door import FrontDoorService
from tafdesk.services.intake import IntakeService
from tafdesk.services.meetings import MeetingService
from tafdesk.services.plans import PlanService
from tests.intake.conftest import make_profile

FIRST = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)  # a Wednesday; both localities meet on Tuesdays at 10:00
CLOSED_AT = dt.datetime(2026, 12, 1, 10, 30, tzinfo=dt.UTC)  # the first meeting, held and closed
NOW = dt.datetime(2026, 12, 8, 10, 30, tzinfo=dt.UTC)  # the second meeting, under way
TODAY = NOW.date()
AGENCIES = ("Family Support", "Education Welfare", "Police", "Health Visiting and School Nursing")


@dataclass
class Side:
    """One locality's records."""

    locality: uuid.UUID
    led: uuid.UUID  # a case with a Team Around the Family and a plan
    waiting: uuid.UUID  # a case at the front door
    pending: uuid.UUID  # a case on the open meeting's agenda, undecided
    closed_meeting: uuid.UUID
    open_meeting: uuid.UUID
    pending_item: uuid.UUID
    professional: uuid.UUID  # the led case's lead
    restricted: uuid.UUID  # the led case's restricted police item
    document: uuid.UUID = None  # the closed meeting's minutes, in the register
    families: dict = field(default_factory=dict)  # case id -> family id


@dataclass
class AccessWorld:
    db: object
    north: Side
    south: Side
    people: dict  # name -> professional id
    agency: uuid.UUID  # an agency, for directory edits
    folder: Path

    def side(self, name: str) -> Side:
        return self.north if name == "north" else self.south


def actors(world: AccessWorld) -> dict[str, Actor]:
    """A user of each role: the managers and business support work in North;
    the lead professional leads North's allocated family."""
    north = frozenset({world.north.locality})
    return {
        "admin": Actor(None, "Ada Admin", Role.ADMIN),
        "manager": Actor(None, "Nadia North", Role.LOCALITY_MANAGER, localities=north),
        "support": Actor(None, "Bea North", Role.BUSINESS_SUPPORT, localities=north),
        "lead": Actor(None, "Tomas Okafor", Role.LEAD_PROFESSIONAL, professional_id=world.people["Tomas Okafor"]),
    }


def _profile(ref: str, locality: str, surname: str, n: int) -> dict:
    profile = make_profile(profile_id=ref, locality=locality)
    profile["family"]["family_name"] = surname
    profile["family"]["address"]["postcode"] = f"NT{n} 4AC"
    for member in profile["family"]["members"]:
        year, rest = member["date_of_birth"].split("-", 1)
        member["last_name"], member["date_of_birth"] = surname, f"{int(year) - n}-{rest}"
    return profile


def _directory(db) -> tuple[dict, dict, dict]:
    with db.session() as s:
        places = {name: Locality(name=name, code=name[0]) for name in ("North", "South")}
        agencies = {
            name: Agency(name=name, membership=Membership.CORE, sector=Sector.LOCAL_AUTHORITY) for name in AGENCIES
        }
        s.add_all([*places.values(), *agencies.values()])
        s.flush()
        people = {
            "Tomas Okafor": ("North", "Education Welfare"),
            "Ruth Adeyemi": ("North", "Family Support"),
            "Full Person": ("North", "Family Support"),
            "Sam Southey": ("South", "Education Welfare"),
        }
        made = {
            name: Professional(
                locality=places[where],
                agency=agencies[agency],
                given_name=name.split()[0],
                family_name=name.split()[1],
                job_title="Practitioner",
                fte=1.0,
            )
            for name, (where, agency) in people.items()
        }
        s.add_all(made.values())
        s.flush()
        return (
            {k: v.id for k, v in places.items()},
            {k: v.id for k, v in agencies.items()},
            {k: v.id for k, v in made.items()},
        )


def _case(db, ref: str) -> uuid.UUID:
    with db.reader() as s:
        return s.scalar(
            select(Referral.case_id)
            .join(Profile360, Profile360.referral_id == Referral.id)
            .where(Profile360.profile_ref == ref)
        )


def _side(db, name: str, n: int, places: dict, agencies: dict, lead: uuid.UUID, team: tuple, folder: Path) -> Side:
    intake = IntakeService(db, SYSTEM, today=FIRST.date())
    refs = [f"ESAT-{name[0]}{n + i}" for i in range(3)]
    for i, (ref, surname) in enumerate(zip(refs, ("Led", "Waiting", "Pending"))):
        report = intake.import_document(_profile(ref, name, f"{name}{surname}", n + i), f"{ref}.json")
        assert not report.errors, report.errors
    led, waiting, pending = (_case(db, ref) for ref in refs)
    first = FrontDoorService(db, SYSTEM, now=FIRST).send_to_meeting(led).meeting_id
    meetings = MeetingService(db, SYSTEM, now=CLOSED_AT)
    for agency in agencies.values():
        meetings.record_attendance(first, agency, AttendanceStatus.PRESENT)
    [item] = meetings.meeting(first).agenda
    DecisionService(db, SYSTEM, now=CLOSED_AT).decide(
        item.id, DecisionInput(DecisionOutcome.ALLOCATE_LEAD, lead, supporters=team, rationale="Best placed to lead.")
    )
    meetings.close(first)
    second = FrontDoorService(db, SYSTEM, now=CLOSED_AT + dt.timedelta(hours=2)).send_to_meeting(pending)
    for agency in agencies.values():
        MeetingService(db, SYSTEM, now=NOW).record_attendance(second.meeting_id, agency, AttendanceStatus.PRESENT)
    PlanService(db, SYSTEM, today=TODAY).start(led)
    document = (
        DocumentService(db, SYSTEM, today=TODAY)
        .produce_minutes(first, DocumentType.MINUTES_CIRCULATION, DocumentFormat.PDF, folder / f"{name}-minutes.pdf")
        .id
    )
    with db.reader() as s:
        restricted = s.scalar(
            select(ProfileInvolvement.id)
            .join(Profile360)
            .join(Referral)
            .where(Referral.case_id == led, ProfileInvolvement.restricted.is_(True))
        )
        families = dict(s.execute(select(Case.id, Case.family_id).where(Case.id.in_([led, waiting, pending]))).all())
    return Side(
        places[name],
        led,
        waiting,
        pending,
        first,
        second.meeting_id,
        second.item_id,
        lead,
        restricted,
        document,
        families,
    )


def build_world(db, folder: Path) -> AccessWorld:
    places, agencies, people = _directory(db)
    north = _side(
        db,
        "North",
        1,
        places,
        agencies,
        people["Tomas Okafor"],
        ((agencies["Family Support"], people["Ruth Adeyemi"]),),
        folder,
    )
    south = _side(db, "South", 5, places, agencies, people["Sam Southey"], (), folder)
    return AccessWorld(db, north, south, people, agencies["Police"], folder)


@pytest.fixture
def access_world(db, tmp_path) -> AccessWorld:
    """A world of one's own, for a test that changes it."""
    return build_world(db, tmp_path)


@pytest.fixture(scope="module")
def shared_access_world(tmp_path_factory, pg_template_name) -> AccessWorld:
    """One world for every refusal and read of a module: a refusal changes nothing."""
    from tests.conftest import database_for_a_scope

    with database_for_a_scope(tmp_path_factory, pg_template_name) as database:
        yield build_world(database, tmp_path_factory.mktemp("documents"))
