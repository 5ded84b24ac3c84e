"""The North meeting's three families (tests/meetings), with people who sign
in: an administrator, a locality manager and a business support officer of
North, and Tomas, the lead professional the Mensah family is allocated to,
whose plan is begun. Every profile has a restricted police item."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from tafdesk.models import Case, DecisionOutcome, Family, Locality, Role, User, UserLocality
from tafdesk.services.actor import Actor
from tafdesk.services.decisions import DecisionInput, DecisionService
from tafdesk.services.meetings import MeetingService
from tafdesk.services.plans import PlanService
from tests.conftest import allow_sign_in
from tests.meetings.conftest import AT_MEETING, CHAIR, NOW, world  # noqa: F401 (fixture)

PEOPLE = {  # who -> (username, display name, role, localities, professional)
    "admin": ("audit.admin", "Ada Admin", Role.ADMIN, False, None),
    "manager": ("audit.manager", "Nadia Hughes", Role.LOCALITY_MANAGER, True, None),
    "support": ("audit.support", "Tyler Thompson", Role.BUSINESS_SUPPORT, True, None),
    "lead": ("audit.lead", "Tomas Okafor", Role.LEAD_PROFESSIONAL, False, "Tomas Okafor"),
}


@dataclass
class People:
    db: object
    actors: dict[str, Actor]
    case_ids: dict[str, uuid.UUID]  # surname -> case id
    references: dict[str, str]  # surname -> case reference
    family_references: dict[str, str]  # surname -> family reference
    meeting_id: uuid.UUID
    plan_id: uuid.UUID


@pytest.fixture
def people(world) -> People:  # noqa: F811 (world: tests/meetings' fixture)
    db = world.db
    with db.session() as s:
        north = s.scalar(select(Locality.id).where(Locality.code == "N"))
        actors = {}
        for who, (username, name, role, local, professional) in PEOPLE.items():
            user = User(username=username, display_name=name, role=role,
                        professional_id=world.people.get(professional),
                        localities=[UserLocality(locality_id=north)] if local else [])  # fmt: skip
            s.add(user)
            s.flush()
            actors[who] = Actor(user.id, name, role, professional_id=user.professional_id,
                                localities=frozenset({north}) if local else frozenset(), username=username)  # fmt: skip
        rows = s.execute(select(Family.family_name, Case.id, Case.reference, Family.reference)
                         .join(Family, Family.id == Case.family_id)).all()  # fmt: skip
    allow_sign_in(db, *(username for username, *_ in PEOPLE.values()))
    case_ids = {surname: case_id for surname, case_id, _, _ in rows}
    item = next(i for i in MeetingService(db, CHAIR, now=NOW).meeting(world.meeting_id).agenda
                if i.case_id == case_ids["Mensah"])  # fmt: skip
    DecisionService(db, CHAIR, now=AT_MEETING).decide(item.id, DecisionInput(
        DecisionOutcome.ALLOCATE_LEAD, world.people["Tomas Okafor"], rationale="Knows the school."))  # fmt: skip
    plan = PlanService(db, CHAIR, today=AT_MEETING.date()).start(case_ids["Mensah"])
    return People(db, actors, case_ids, {surname: ref for surname, _, ref, _ in rows},
                  {surname: ref for surname, _, _, ref in rows}, world.meeting_id, plan.id)  # fmt: skip
