"""Business support (and locality managers) correct a family's address and
household by hand, after a decision too: checked, saved against the version
read, kept as a version of the record and audited."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from tafdesk.models import AuditEvent, Case, CaseStatus, Family, FamilyRecordVersion, Person, RecordSource, Role
from tafdesk.services.actor import Actor
from tafdesk.services.errors import ConflictError, PermissionDenied, ValidationError
from tafdesk.services.family_record import FamilyRecordService, Newcomer, RecordCorrection
from tafdesk.services.front_door import FrontDoorService
from tests.intake.test_current_record import first_referral, repeat_referral

MANAGER = Actor(None, "Manager Tester", Role.LOCALITY_MANAGER, localities=None)
LEAD = Actor(None, "Lead Tester", Role.LEAD_PROFESSIONAL)


@pytest.fixture
def decided(intake, directory, clerk):
    """The family's first referral, stepped down to universal services: decided."""
    [outcome] = intake.import_document(first_referral(), "first.json").imported
    with directory.reader() as s:
        case_id = s.scalar(select(Case.id).where(Case.reference == outcome.case_reference))
    FrontDoorService(directory, MANAGER).step_down(case_id, "Universal services will do.")
    return case_id


def correction_of(record, **changes) -> RecordCorrection:
    at_home = frozenset(m.person_id for m in record.members if m.in_household)
    current = RecordCorrection(
        record.address_line1, record.address_line2, record.town, record.postcode, record.phone, at_home
    )
    return dataclasses.replace(current, **changes)


def people(record) -> dict:
    return {m.name.split()[0]: m.person_id for m in record.members}


def test_business_support_corrects_the_address_and_household_after_a_decision(directory, decided, clerk):
    service = FamilyRecordService(directory, clerk, today=dt.date(2026, 12, 2))
    with directory.reader() as s:
        assert s.get(Case, decided).status is CaseStatus.STEPPED_DOWN
    record = service.record(service.family_of_case(decided))
    who = people(record)
    corrected = service.correct(
        record.family_id,
        record.version,
        correction_of(
            record,
            address_line1="  Flat 2, 14 Kingfisher Court ",
            postcode="nt5  1aa",
            phone="07700 900123",
            household=frozenset({who["Adaeze"], who["Tobi"], who["Zoë"]}),
            newcomers=(Newcomer("Chidi", "Okonkwo-Hale", "child", "son", "2026-08-02"),),
        ),
    )
    assert (corrected.address_line1, corrected.postcode, corrected.phone) == (
        "Flat 2, 14 Kingfisher Court",
        "NT5 1AA",
        "07700 900123",
    )
    assert {m.name.split()[0]: m.in_household for m in corrected.members} == {
        "Adaeze": True,
        "Tobi": True,
        "Zoë": True,
        "Emeka": False,
        "Chidi": True,
    }
    assert corrected.version > record.version
    newest, earlier = corrected.history
    assert (newest.number, newest.source, newest.recorded_by) == (2, RecordSource.CORRECTION, clerk.name)
    assert newest.source_text() == f"corrected by {clerk.name}"
    assert newest.address == ("Flat 2, 14 Kingfisher Court", "Northtown", "NT5 1AA")
    assert set(newest.household) == {
        "Adaeze Okonkwo-Hale",
        "Tobi Okonkwo-Hale",
        "Zoë Okonkwo-Hale",
        "Chidi Okonkwo-Hale",
    }
    assert (earlier.number, earlier.source, earlier.address[0]) == (1, RecordSource.EARLIER, "7 Heron Way")
    assert "Emeka Okonkwo-Hale" in earlier.household


def test_the_correction_is_audited_with_old_and_new_values(directory, decided, clerk):
    service = FamilyRecordService(directory, clerk)
    record = service.record(service.family_of_case(decided))
    who = people(record)
    service.correct(
        record.family_id,
        record.version,
        correction_of(record, town="Northtown East", household=frozenset(who.values()) - {who["Emeka"]}),
    )
    with directory.reader() as s:
        [event] = s.scalars(select(AuditEvent).where(AuditEvent.action == "family.record_corrected")).all()
    changes = json.loads(event.changes)
    assert (event.entity_type, event.entity_id, event.actor_name) == ("family", record.family_id, clerk.name)
    assert changes["town"] == ["Northtown", "Northtown East"]
    assert str(who["Emeka"]) in changes["household"][0] and str(who["Emeka"]) not in changes["household"][1]
    assert "address_line1" not in changes and "profile" not in changes


def test_a_locality_manager_may_correct_and_a_lead_professional_may_not(directory, decided):
    service = FamilyRecordService(directory, MANAGER)
    record = service.record(service.family_of_case(decided))
    service.correct(record.family_id, record.version, correction_of(record, phone="01632 960999"))
    refused = FamilyRecordService(directory, LEAD)
    with pytest.raises(PermissionDenied, match="may not correct a family's address and household"):
        refused.record(record.family_id)
    with pytest.raises(PermissionDenied):
        refused.correct(record.family_id, record.version + 1, correction_of(record, phone="01632 960000"))
    with directory.reader() as s:
        assert s.scalar(select(Family.phone)) == "01632 960999"


def test_bad_input_is_named_at_each_field_and_nothing_is_written(directory, decided, clerk):
    service = FamilyRecordService(directory, clerk, today=dt.date(2026, 12, 2))
    record = service.record(service.family_of_case(decided))
    bad = correction_of(
        record,
        address_line1="  ",
        town="",
        postcode="NT5",
        phone="call the school",
        newcomers=(
            Newcomer("", "Okonkwo-Hale", "child", None, "31/02/2026"),
            Newcomer("Ada", "Okonkwo-Hale", None, None, "2027-01-01"),
        ),
    )
    with pytest.raises(ValidationError) as refused:
        service.correct(record.family_id, record.version, bad)
    fields = refused.value.fields
    assert fields["address_line1"] == "Address is required."
    assert fields["town"] == "Town is required."
    assert "not a UK postcode" in fields["postcode"] and "“NT5”" in fields["postcode"]
    assert "not a telephone number" in fields["phone"]
    assert fields["newcomers[0].first_name"] == "First name is required."
    assert "not a date" in fields["newcomers[0].date_of_birth"]
    assert fields["newcomers[1].role"] == "Choose a role."
    assert fields["newcomers[1].date_of_birth"] == "A date of birth cannot be in the future."
    assert service.problems(bad) == fields
    with directory.reader() as s:
        assert s.scalar(select(Family.address_line1)) == "7 Heron Way"
        assert s.scalar(select(func.count()).select_from(Person)) == 4
        assert s.scalar(select(func.count()).select_from(FamilyRecordVersion)) == 0


def test_a_control_character_is_refused(directory, decided, clerk):
    service = FamilyRecordService(directory, clerk)
    record = service.record(service.family_of_case(decided))
    problems = service.problems(correction_of(record, address_line2="Block\x07B"))
    assert "control character (U+0007)" in problems["address_line2"]


def test_a_stale_form_is_told_and_overwrites_nothing(directory, decided, clerk):
    service = FamilyRecordService(directory, clerk)
    record = service.record(service.family_of_case(decided))
    service.correct(record.family_id, record.version, correction_of(record, phone="01632 960222"))
    with pytest.raises(ConflictError, match="Someone else changed this family's address or household"):
        service.correct(record.family_id, record.version, correction_of(record, phone="01632 960333"))
    assert service.record(record.family_id).phone == "01632 960222"


def test_a_household_change_alone_is_a_new_row_version(directory, decided, clerk):
    service = FamilyRecordService(directory, clerk)
    record = service.record(service.family_of_case(decided))
    who = people(record)
    after = service.correct(
        record.family_id, record.version, correction_of(record, household=frozenset(who.values()) - {who["Emeka"]})
    )
    assert after.version > record.version
    again = service.correct(after.family_id, after.version, correction_of(after))  # the same: nothing to keep
    assert len(again.history) == 2


def test_after_a_correction_only_a_profile_compiled_since_changes_the_record(intake, directory, decided, clerk):
    service = FamilyRecordService(directory, clerk)
    record = service.record(service.family_of_case(decided))
    service.correct(record.family_id, record.version, correction_of(record, address_line1="3 Corrected Street"))
    # Compiled in November, imported only now: what business support corrected is newer.
    intake.import_document(repeat_referral(compiled_at="2026-11-30T09:15:00+00:00"), "late.json")
    assert service.record(record.family_id).address_line1 == "3 Corrected Street"
    tomorrow = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).isoformat()
    intake.import_document(repeat_referral("ESAT-2026-30000", compiled_at=tomorrow), "newer.json")
    assert service.record(record.family_id).address_line1 == "Flat 2, 14 Kingfisher Court"
