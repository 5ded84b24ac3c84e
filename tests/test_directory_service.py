"""The directory service: validation at the field, audit, locking, permissions."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from tafdesk.models import AuditEvent, Case, CaseStatus, Family, Membership, NeedArea, Role, Sector
from tafdesk.services.actor import Actor
from tafdesk.services.directory import DirectoryService, Leave
from tafdesk.services.errors import ConflictError, PermissionDenied, ValidationError


@pytest.fixture
def agency(service):
    return service.create_agency(
        {
            "name": "Education Welfare",
            "membership": Membership.CORE,
            "sector": Sector.LOCAL_AUTHORITY,
            "capacity_per_fte": 18.0,
        }
    )


@pytest.fixture
def worker(service, agency, north):
    return service.create_professional(
        {
            "given_name": "Siobhán",
            "family_name": "Byrne",
            "job_title": "Education Welfare Officer",
            "agency_id": agency.id,
            "locality_id": north.id,
            "fte": 0.5,
            "specialisms": (NeedArea.EDUCATION,),
        }
    )


def _audit(db, action):
    with db.reader() as s:
        return [json.loads(e.changes or "{}") for e in s.scalars(select(AuditEvent).where(AuditEvent.action == action))]


def test_create_professional_derives_capacity_from_agency(worker):
    assert worker.name == "Siobhán Byrne"
    assert worker.effective_capacity == 9.0  # 0.5 FTE x 18 points
    assert worker.specialisms == (NeedArea.EDUCATION,)
    assert worker.agency_name == "Education Welfare" and worker.locality_name == "North"


def test_every_bad_field_is_reported_at_once(service, agency, north):
    with pytest.raises(ValidationError) as caught:
        service.create_professional(
            {
                "given_name": "  ",
                "family_name": "Kowalczyk",
                "job_title": "Worker",
                "agency_id": agency.id,
                "locality_id": north.id,
                "fte": 1.4,
                "email": "not-an-address",
                "phone": "call me",
            }
        )
    fields = caught.value.fields
    assert set(fields) == {"given_name", "fte", "email", "phone"}
    assert fields["given_name"] == "Given name is required."
    assert "1.4 is outside" in fields["fte"]
    assert "not an email address" in fields["email"]


def test_agency_name_must_be_unique_ignoring_case(service, agency):
    with pytest.raises(ValidationError) as caught:
        service.create_agency({"name": "education welfare", "membership": Membership.CORE, "sector": Sector.EDUCATION})
    assert caught.value.fields == {"name": "There is already an agency called “education welfare”."}


def test_agency_postcode_checked(service, agency):
    with pytest.raises(ValidationError) as caught:
        service.update_agency(agency.id, agency.version, {"postcode": "NOT A CODE"})
    assert "is not a UK postcode" in caught.value.fields["postcode"]
    assert service.agency(agency.id).postcode is None


def test_update_is_audited_with_old_and_new_values(db, service, worker):
    updated = service.update_professional(worker.id, worker.version, {"fte": 0.8, "job_title": "Senior EWO"})
    assert updated.version == worker.version + 1
    assert updated.effective_capacity == pytest.approx(14.4)
    [changes] = _audit(db, "professional.updated")
    assert changes == {"fte": [0.5, 0.8], "job_title": ["Education Welfare Officer", "Senior EWO"]}


def test_specialisms_and_leave_edits_bump_the_version(service, worker):
    leave = (Leave(dt.date(2026, 12, 21), dt.date(2027, 1, 2), "Annual leave"),)
    updated = service.update_professional(
        worker.id, worker.version, {"specialisms": (NeedArea.EDUCATION, NeedArea.CRIME), "leave": leave}
    )
    assert updated.specialisms == (NeedArea.EDUCATION, NeedArea.CRIME)
    assert updated.leave == leave
    assert updated.version > worker.version


def test_overlapping_leave_is_refused(service, worker):
    leave = (Leave(dt.date(2026, 12, 1), dt.date(2026, 12, 10)), Leave(dt.date(2026, 12, 8), dt.date(2026, 12, 20)))
    with pytest.raises(ValidationError, match="overlaps"):
        service.update_professional(worker.id, worker.version, {"leave": leave})


def test_stale_version_is_a_conflict_and_changes_nothing(service, worker):
    service.update_professional(worker.id, worker.version, {"fte": 0.6})
    with pytest.raises(ConflictError, match="Someone else changed"):
        service.update_professional(worker.id, worker.version, {"fte": 0.9})
    assert service.professional(worker.id).fte == 0.6


def test_lead_professional_may_read_but_not_edit(db, worker):
    reader = DirectoryService(db, Actor(user_id=None, name="Lead", role=Role.LEAD_PROFESSIONAL))
    assert [p.name for p in reader.professionals()] == ["Siobhán Byrne"]
    with pytest.raises(PermissionDenied, match="may not edit the directory"):
        reader.update_professional(worker.id, worker.version, {"fte": 0.9})


def test_caseload_counts_open_cases_led(db, service, worker, north):
    with db.session() as s:
        family = Family(
            reference="F1", family_name="Ali", locality_id=north.id, address_line1="1 Lane", postcode="NT1 1AA"
        )
        s.add(family)
        s.flush()
        for n, (status, weight) in enumerate(
            [(CaseStatus.TAF_OPEN, 3.0), (CaseStatus.TAF_OPEN, 2.5), (CaseStatus.CLOSED, 4.0)]
        ):
            s.add(
                Case(
                    reference=f"N-{n}",
                    family_id=family.id,
                    locality_id=north.id,
                    status=status,
                    lead_professional_id=worker.id,
                    complexity_weight=weight,
                    opened_on=dt.date(2026, 1, 1),
                )
            )
    [record] = service.professionals()
    assert (record.open_cases_led, record.load) == (2, 5.5)
    assert [a.professional_count for a in service.agencies()] == [1]


def test_unknown_field_is_refused(service, worker):
    with pytest.raises(ValidationError, match="not a field"):
        service.update_professional(worker.id, worker.version, {"salary": 1})
