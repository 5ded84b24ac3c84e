"""A locality with its agencies and professionals, and families waiting for
its meeting on Tuesday 1 December 2026."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from tafdesk.models import (
    Agency,
    AttendanceStatus,
    Case,
    Locality,
    Membership,
    NeedArea,
    Professional,
    Role,
    Sector,
    Specialism,
)
from tafdesk.services.actor import Actor
from tafdesk.services.front_door import FrontDoorService
from tafdesk.services.intake import IntakeService
from tafdesk.services.meetings import MeetingService
from tests.intake.conftest import make_profile

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)  # Wednesday; North meets Tuesdays 10:00
AT_MEETING = dt.datetime(2026, 12, 1, 10, 30, tzinfo=dt.UTC)  # decisions are recorded at the meeting
CHAIR = Actor(None, "Chair Tester", Role.LOCALITY_MANAGER, localities=None)
CLERK = Actor(None, "Clerk Tester", Role.BUSINESS_SUPPORT, localities=None)
CORE = [
    "Family Support",
    "Health Visiting and School Nursing",
    "Police",
    "Education Welfare",
    "Youth Service",
    "Housing",
]


@dataclass
class World:
    db: object
    meeting_id: object
    cases: list
    people: dict  # name -> id
    agencies: dict  # name -> id


def _family(n: int, surname: str) -> dict:
    profile = make_profile(profile_id=f"ESAT-M{n}")
    profile["family"]["family_name"] = surname
    profile["family"]["address"]["postcode"] = f"NT{n} 2AB"
    for member in profile["family"]["members"]:
        year, rest = member["date_of_birth"].split("-", 1)
        member["last_name"] = surname
        member["date_of_birth"] = f"{int(year) - n}-{rest}"  # each family its own birthdays
    profile["agency_involvement"][0]["worker"] = "Tomas Okafor"
    return profile


@pytest.fixture
def world(db, request) -> World:
    with db.session() as s:
        north = Locality(name="North", code="N", default_venue="Northtown Children's Centre")
        s.add(north)
        agencies = {
            name: Agency(name=name, membership=Membership.CORE, sector=Sector.LOCAL_AUTHORITY, capacity_per_fte=20.0)
            for name in CORE
        }
        agencies["Schools"] = Agency(name="Schools", membership=Membership.ASSOCIATE, sector=Sector.EDUCATION)
        s.add_all(agencies.values())
        s.flush()
        people = {
            "Tomas Okafor": Professional(
                agency=agencies["Education Welfare"],
                locality=north,
                given_name="Tomas",
                family_name="Okafor",
                job_title="EWO",
                fte=1.0,
                specialisms=[Specialism(area=NeedArea.EDUCATION)],
            ),
            "Ruth Adeyemi": Professional(
                agency=agencies["Family Support"],
                locality=north,
                given_name="Ruth",
                family_name="Adeyemi",
                job_title="Family Worker",
                fte=0.5,
            ),
            "Full Person": Professional(
                agency=agencies["Family Support"],
                locality=north,
                given_name="Full",
                family_name="Person",
                job_title="Family Worker",
                fte=0.1,
            ),
        }
        s.add_all(people.values())
        s.flush()
        ids = {k: p.id for k, p in people.items()}
        agency_ids = {k: a.id for k, a in agencies.items()}
    intake = IntakeService(db, CLERK)
    for n, surname in enumerate(["Mensah", "Kowalczyk", "Byrne"], start=1):
        intake.import_document(_family(n, surname), f"family{n}.json")
    with db.reader() as s:
        cases = list(s.scalars(select(Case.id).order_by(Case.reference)))
    door = FrontDoorService(db, CLERK, now=NOW)
    meeting_id = {door.send_to_meeting(case_id).meeting_id for case_id in cases}.pop()
    if request.node.get_closest_marker("attendance_not_taken") is None:
        meetings = MeetingService(db, CHAIR, now=NOW)
        for agency_id in agency_ids.values():  # decisions need attendance: every agency at the table
            meetings.record_attendance(meeting_id, agency_id, AttendanceStatus.PRESENT)
    return World(db, meeting_id, cases, ids, agency_ids)


@pytest.fixture
def meetings(world) -> MeetingService:
    return MeetingService(world.db, CHAIR, now=NOW)
