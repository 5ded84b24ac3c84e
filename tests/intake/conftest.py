"""A small directory and a profile factory for the intake tests."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from tafdesk.db import Database
from tafdesk.db.schema import upgrade_schema
from tafdesk.models import Agency, Locality, Membership, Role, Sector
from tafdesk.services.actor import Actor
from tafdesk.services.intake import IntakeService

EXAMPLE = Path(__file__).resolve().parents[2] / "tafdesk" / "contracts" / "profile360-v1.schema.json"

BASE_PROFILE = {
    "format": "tafdesk.profile360/1",
    "profile_id": "ESAT-2026-10001",
    "compiled_at": "2026-11-19T14:32:00+00:00",
    "compiled_by": {"name": "Access Officer One", "role": "Access Team Officer", "agency": "Early Support Access Team"},
    "locality": "North",
    "referral": {
        "received_on": "2026-11-16",
        "referrer": {
            "name": "Referrer Testperson",
            "role": "Head of Year",
            "agency": "Northtown Academy",
            "address": {"line1": "Mill Lane", "town": "Northtown", "postcode": "NT4 2QP"},
        },
        "reason": "Attendance has fallen and the family is struggling.",
        "consent": {"status": "given", "given_by": "Parent", "date": "2026-11-17"},
    },
    "family": {
        "family_name": "Okonkwo-Hale",
        "address": {"line1": "7 Heron Way", "town": "Northtown", "postcode": "NT3 9QA"},
        "members": [
            {
                "member_id": "m1",
                "first_name": "Adaeze",
                "last_name": "Okonkwo-Hale",
                "role": "parent",
                "relationship": "mother",
                "date_of_birth": "1988-04-12",
                "gender": "female",
            },
            {
                "member_id": "c1",
                "first_name": "Tobi",
                "last_name": "Okonkwo-Hale",
                "role": "child",
                "date_of_birth": "2013-09-30",
                "gender": "male",
                "school_or_setting": "Northtown Academy",
            },
            {
                "member_id": "c2",
                "first_name": "Zoë",
                "last_name": "Okonkwo-Hale",
                "role": "child",
                "date_of_birth": "2017-02-03",
                "gender": "female",
            },
        ],
    },
    "needs": [
        {"area": "education", "level": "high", "summary": "Attendance 68% this term.", "members": ["c1"]},
        {"area": "health", "level": "medium", "summary": "Mother's low mood.", "members": ["m1"]},
    ],
    "agency_involvement": [
        {"agency": "Education Welfare", "status": "current", "worker": "EWO Example", "members": ["c1"]},
        {"agency": "Police", "status": "historic", "summary": "Call-out in 2024.", "restricted": True},
        {"agency": "Youth Justice Service", "status": "none_found"},
    ],
    "risks": [{"summary": "Risk of exclusion.", "level": "medium", "members": ["c1"]}],
    "strengths": ["Mother wants help."],
    "family_views": "Adaeze wants Tobi back in school.",
    "recommendation": {
        "pathway": "lcmg_allocation",
        "suggested_lead_agency": "Education Welfare",
        "level_of_need": 3,
        "rationale": "Education and health needs below the social care threshold.",
    },
}


def make_profile(**changes) -> dict:
    """A valid profile; keyword arguments replace top-level parts."""
    profile = copy.deepcopy(BASE_PROFILE)
    profile.update(copy.deepcopy(changes))
    return profile


@pytest.fixture
def directory(db):
    return add_directory(db)


@pytest.fixture
def any_db(any_url):
    """The directory on SQLite and then on PostgreSQL, whichever backend this run tests."""
    upgrade_schema(any_url)
    database = Database(any_url)
    add_directory(database)
    yield database
    database.dispose()


def add_directory(db):
    """Three localities and two agencies: what imports need to find."""
    with db.session() as s:
        for name, code in (("North", "N"), ("Central", "C"), ("South", "S")):
            s.add(Locality(name=name, code=code))
        s.add(
            Agency(
                name="Education Welfare", short_name="EWS", membership=Membership.CORE, sector=Sector.LOCAL_AUTHORITY
            )
        )
        s.add(Agency(name="Police", membership=Membership.CORE, sector=Sector.POLICE))
    return db


@pytest.fixture
def clerk() -> Actor:
    return Actor(user_id=None, name="Business Support Tester", role=Role.BUSINESS_SUPPORT, localities=None)


@pytest.fixture
def intake(directory, clerk) -> IntakeService:
    return IntakeService(directory, clerk)


def write(path: Path, document, *, encoding: str = "utf-8", newline: str = "\n") -> Path:
    text = json.dumps(document, ensure_ascii=False, indent=2).replace("\n", newline)
    path.write_bytes(text.encode(encoding))
    return path
