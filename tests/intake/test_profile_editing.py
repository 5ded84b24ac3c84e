"""Manual entry and correction follow the import's rules."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from tafdesk.models import AuditEvent, Case, CaseStatus, Person, Profile360
from tafdesk.services.errors import ConflictError, NotFound, ValidationError
from tafdesk.services.profile_editing import ProfileEditingService
from tests.intake.conftest import BASE_PROFILE, make_profile


@pytest.fixture
def editing(directory, clerk):
    return ProfileEditingService(directory, clerk)


def test_manual_entry_is_stored_like_an_import(editing, directory):
    outcome = editing.create(make_profile(profile_id="MANUAL-1"))
    assert outcome.profile_ref == "MANUAL-1" and outcome.locality == "North"
    with directory.reader() as s:
        assert s.scalar(select(Profile360.source_name)) == "entered by Business Support Tester"


def test_manual_entry_errors_are_keyed_by_field(editing, directory):
    bad = make_profile(locality="Westmoor")
    with pytest.raises(ValidationError) as caught:
        editing.create(bad)
    assert caught.value.fields == {
        "locality": "“Westmoor” is not a locality in the directory (known: Central, North, South)."
    }
    bad = make_profile()
    bad["family"]["members"][1]["date_of_birth"] = "2013-13-01"
    bad["referral"]["reason"] = ""
    with pytest.raises(ValidationError) as caught:
        editing.create(bad)
    assert caught.value.fields == {
        "family.members[1].date_of_birth": '"2013-13-01" is not a valid date (YYYY-MM-DD).',
        "referral.reason": "must not be blank.",
    }
    with directory.reader() as s:
        assert s.scalar(select(func.count()).select_from(Profile360)) == 0


def test_stored_profile_reads_back_as_the_same_document(editing):
    editing.create(make_profile())
    case_id = _case_id(editing)
    document, _ = editing.document(case_id)
    assert document == BASE_PROFILE


def test_a_case_without_a_profile_is_refused_in_words_when_corrected(editing, directory):
    editing.create(make_profile())
    with directory.session() as s:  # a second case for the family, entered by hand: no referral, no profile
        first = s.scalar(select(Case))
        s.add(
            Case(
                reference="N-HAND-1",
                family_id=first.family_id,
                locality_id=first.locality_id,
                status=CaseStatus.AWAITING_TRIAGE,
                opened_on=first.opened_on,
            )
        )
    with directory.reader() as s:
        by_hand = s.scalar(select(Case.id).where(Case.reference == "N-HAND-1"))
    with pytest.raises(NotFound, match="N-HAND-1 has no 360° profile to correct"):
        editing.document(by_hand)


def _case_id(editing):
    with editing._db.reader() as s:
        return s.scalar(select(Case.id))


def test_correction_replaces_fields_keeps_original_and_audits_paths(editing, directory):
    editing.create(make_profile())
    case_id = _case_id(editing)
    document, version = editing.document(case_id)
    document["family"]["members"][1]["date_of_birth"] = "2013-10-30"
    document["family"]["members"].append(
        {
            "member_id": "b1",
            "first_name": "Ada",
            "last_name": "Okonkwo-Hale",
            "role": "child",
            "expected_date": "2027-03-01",
        }
    )
    document["needs"][0]["level"] = "medium"
    editing.correct(case_id, version, document)
    corrected, new_version = editing.document(case_id)
    assert corrected == document and new_version > version
    with directory.reader() as s:
        profile = s.scalar(select(Profile360))
        assert json.loads(profile.original_document) == BASE_PROFILE  # as received
        assert s.scalar(select(func.count()).select_from(Person)) == 4
        changes = json.loads(s.scalar(select(AuditEvent.changes).where(AuditEvent.action == "profile.corrected")))
    assert changes["family.members[1].date_of_birth"] == ["2013-09-30", "2013-10-30"]
    assert changes["needs[0].level"] == ["high", "medium"]
    assert changes["family.members[3].first_name"] == [None, "Ada"]
    with pytest.raises(ConflictError):
        editing.correct(case_id, version, document)  # the version read before is stale now


def test_correction_is_checked_like_an_import(editing, directory):
    editing.create(make_profile())
    case_id = _case_id(editing)
    document, version = editing.document(case_id)
    document["needs"][0]["members"] = ["nobody"]
    with pytest.raises(ValidationError) as caught:
        editing.correct(case_id, version, document)
    assert caught.value.fields == {"needs[0].members[0]": "“nobody” is not the member_id of any family member."}
    assert editing.document(case_id)[0] == BASE_PROFILE
