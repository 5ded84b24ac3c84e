"""Removing agencies and professionals: only what nothing refers to, audited,
with the usual version check. The Directory uses this only to undo an
addition."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from tafdesk.models import (
    AuditEvent,
    Case,
    CaseStatus,
    Family,
    LeavePeriod,
    Membership,
    NeedArea,
    Professional,
    Role,
    Sector,
    Specialism,
    User,
)
from tafdesk.services.actor import Actor
from tafdesk.services.directory import DirectoryService, Leave
from tafdesk.services.errors import ConflictError, NotFound, PermissionDenied, ServiceError


@pytest.fixture
def agency(service):
    return service.create_agency(
        {"name": "Harbour Family Trust", "membership": Membership.ASSOCIATE, "sector": Sector.VOLUNTARY}
    )


@pytest.fixture
def worker(service, agency, north):
    return service.create_professional(
        {
            "given_name": "Dev",
            "family_name": "Patel",
            "job_title": "Family Mentor",
            "agency_id": agency.id,
            "locality_id": north.id,
            "specialisms": (NeedArea.HOUSING, NeedArea.CRIME),
            "leave": (Leave(dt.date(2025, 12, 22), dt.date(2026, 1, 2), "Annual leave"),),
        }
    )


def _count(db, model, **where) -> int:
    with db.reader() as s:
        query = select(func.count()).select_from(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return s.scalar(query)


def _events(db, action):
    with db.reader() as s:
        return [
            (e.entity_id, json.loads(e.changes or "{}"))
            for e in s.scalars(select(AuditEvent).where(AuditEvent.action == action))
        ]


def test_removing_a_professional_takes_their_specialisms_and_leave_and_is_audited(db, service, worker):
    service.delete_professional(worker.id, worker.version)

    assert _count(db, Professional, id=worker.id) == 0
    assert _count(db, Specialism, professional_id=worker.id) == 0
    assert _count(db, LeavePeriod, professional_id=worker.id) == 0
    [(entity_id, changes)] = _events(db, "professional.deleted")
    assert entity_id == worker.id
    assert changes["family_name"] == ["Patel", None]
    assert changes["specialisms"] == [["crime", "housing"], None]  # in the framework's order
    with pytest.raises(NotFound):
        service.professional(worker.id)


def test_a_removed_professional_can_be_added_again_with_the_same_id(service, worker, agency, north):
    service.delete_professional(worker.id, worker.version)
    again = service.create_professional(
        {
            "given_name": "Dev",
            "family_name": "Patel",
            "job_title": "Family Mentor",
            "agency_id": agency.id,
            "locality_id": north.id,
        },
        professional_id=worker.id,
    )
    assert again.id == worker.id


def test_a_professional_leading_a_case_is_not_removed(db, service, worker, north):
    with db.session() as s:
        family = Family(
            reference="F1", family_name="Ward", locality_id=north.id, address_line1="1 Mill Lane", postcode="NT3 8LD"
        )
        s.add(family)
        s.flush()
        s.add(
            Case(
                reference="C1",
                family_id=family.id,
                locality_id=north.id,
                status=CaseStatus.TAF_OPEN,
                lead_professional_id=worker.id,
                opened_on=dt.date(2025, 9, 1),
            )
        )

    with pytest.raises(ServiceError) as caught:
        service.delete_professional(worker.id, worker.version)

    assert "Dev Patel cannot be removed: cases refer to them" in str(caught.value)
    assert "inactive instead" in str(caught.value)
    assert _count(db, Professional, id=worker.id) == 1
    assert _events(db, "professional.deleted") == []


def test_a_professional_linked_to_a_user_account_is_not_removed(db, service, worker):
    with db.session() as s:
        s.add(User(username="dev", display_name="Dev Patel", role=Role.LEAD_PROFESSIONAL, professional_id=worker.id))
    with pytest.raises(ServiceError, match="user accounts"):
        service.delete_professional(worker.id, worker.version)


def test_an_agency_with_professionals_is_not_removed(db, service, agency, worker):
    with pytest.raises(ServiceError, match="professionals refer to it"):
        service.delete_agency(agency.id, agency.version)
    service.delete_professional(worker.id, worker.version)

    service.delete_agency(agency.id, agency.version)

    assert service.agencies() == []
    [(entity_id, changes)] = _events(db, "agency.deleted")
    assert entity_id == agency.id and changes["name"] == ["Harbour Family Trust", None]


def test_removal_checks_the_version_read(service, worker):
    changed = service.update_professional(worker.id, worker.version, {"job_title": "Senior Family Mentor"})
    with pytest.raises(ConflictError):
        service.delete_professional(worker.id, worker.version)
    service.delete_professional(worker.id, changed.version)


def test_only_directory_editors_may_remove(db, agency, worker):
    lead = Actor(user_id=None, name="Amira Khan", role=Role.LEAD_PROFESSIONAL)
    with pytest.raises(PermissionDenied):
        DirectoryService(db, lead).delete_professional(worker.id, worker.version)
    with pytest.raises(PermissionDenied):
        DirectoryService(db, lead).delete_agency(agency.id, agency.version)
    assert _count(db, Professional) == 1
