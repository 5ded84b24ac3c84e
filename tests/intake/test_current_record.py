"""A family's current record (address, phone, household) follows its newest
360° profile, by when it was compiled, and keeps its history: repeat
referrals, confirmed matches and corrected profiles."""

from __future__ import annotations

import copy
import json

from sqlalchemy import func, select

from tafdesk.models import AuditEvent, Case, Family, FamilyRecordVersion, MatchSuggestion, Person, RecordSource
from tafdesk.services.family_links import FamilyLinkService
from tafdesk.services.front_door import FrontDoorService
from tafdesk.services.profile_editing import ProfileEditingService
from tests.intake.conftest import make_profile
from tests.intake.test_family_links import NOTE, QUAY_STREET, white  # noqa: F401 (a fixture)

FATHER = {
    "member_id": "f1",
    "first_name": "Emeka",
    "last_name": "Okonkwo-Hale",
    "role": "parent",
    "relationship": "father",
    "date_of_birth": "1985-06-21",
    "gender": "male",
}
NEW_ADDRESS = {"line1": "Flat 2, 14 Kingfisher Court", "town": "Northtown", "postcode": "nt5 1aa"}


def first_referral() -> dict:
    """The family as first referred: mother, father and two children at 7 Heron Way."""
    profile = make_profile(compiled_at="2026-06-01T10:00:00+01:00")
    profile["family"]["members"].append(copy.deepcopy(FATHER))
    profile["family"]["phone"] = "01632 960111"
    return profile


def repeat_referral(profile_id: str = "ESAT-2026-20001", compiled_at: str = "2026-11-30T09:15:00+00:00") -> dict:
    """The family again: moved to a flat, the father has left, a baby born since."""
    profile = first_referral()
    profile.update(profile_id=profile_id, compiled_at=compiled_at)
    profile["family"]["address"] = copy.deepcopy(NEW_ADDRESS)
    profile["family"]["phone"] = "07700 900123"
    profile["family"]["members"][3]["lives_in_household"] = False  # the father
    profile["family"]["members"].append(
        {
            "member_id": "b1",
            "first_name": "Chidi",
            "last_name": "Okonkwo-Hale",
            "role": "child",
            "date_of_birth": "2026-08-02",
        }
    )
    return profile


def household(db) -> dict[str, bool]:
    with db.reader() as s:
        return {p.given_name: p.lives_in_household for p in s.scalars(select(Person).order_by(Person.position))}


def the_family(db) -> Family:
    with db.reader() as s:
        [family] = s.scalars(select(Family)).all()
        return family


def test_a_newer_repeat_referral_becomes_the_current_record_and_keeps_the_old_one(intake, directory):
    intake.import_document(first_referral(), "first.json")
    [outcome] = intake.import_document(repeat_referral(), "second.json").imported
    assert outcome.repeat
    family = the_family(directory)
    assert (family.address_line1, family.town, family.postcode, family.phone) == (
        "Flat 2, 14 Kingfisher Court",
        "Northtown",
        "NT5 1AA",
        "07700 900123",
    )
    assert household(directory) == {"Adaeze": True, "Tobi": True, "Zoë": True, "Emeka": False, "Chidi": True}
    with directory.reader() as s:
        versions = s.scalars(select(FamilyRecordVersion).order_by(FamilyRecordVersion.number)).all()
        people = {p.given_name: str(p.id) for p in s.scalars(select(Person))}
    assert [(v.number, v.source, v.address_line1, v.postcode) for v in versions] == [
        (1, RecordSource.EARLIER, "7 Heron Way", "NT3 9QA"),
        (2, RecordSource.PROFILE, "Flat 2, 14 Kingfisher Court", "NT5 1AA"),
    ]
    assert set(json.loads(versions[0].household)) == {people[n] for n in ("Adaeze", "Tobi", "Zoë", "Emeka")}
    assert set(json.loads(versions[1].household)) == {people[n] for n in ("Adaeze", "Tobi", "Zoë", "Chidi")}
    assert versions[1].as_of.isoformat() == "2026-11-30T09:15:00+00:00"


def test_the_change_is_audited_with_old_and_new_values(intake, directory):
    intake.import_document(first_referral(), "first.json")
    intake.import_document(repeat_referral(), "second.json")
    with directory.reader() as s:
        [event] = s.scalars(select(AuditEvent).where(AuditEvent.action == "family.record_updated")).all()
        family_id = s.scalar(select(Family.id))
        people = {p.given_name: str(p.id) for p in s.scalars(select(Person))}
    changes = json.loads(event.changes)
    assert event.entity_type == "family" and event.entity_id == family_id
    assert changes["address_line1"] == ["7 Heron Way", "Flat 2, 14 Kingfisher Court"]
    assert changes["postcode"] == ["NT3 9QA", "NT5 1AA"]
    assert changes["phone"] == ["01632 960111", "07700 900123"]
    assert "town" not in changes  # unchanged
    before, after = changes["household"]
    assert people["Emeka"] in before and people["Emeka"] not in after
    assert people["Chidi"] in after and changes["joined"] == [None, [people["Chidi"]]]
    assert changes["record_version"] == [1, 2]


def test_an_older_profile_imported_late_changes_nothing(intake, directory):
    intake.import_document(first_referral(), "first.json")
    intake.import_document(repeat_referral(), "newest.json")
    older = repeat_referral("ESAT-2026-15000", compiled_at="2026-09-10T11:00:00+01:00")
    older["family"]["address"] = {"line1": "22 Old Mill Row", "town": "Northtown", "postcode": "NT2 7BB"}
    older["family"]["members"][3]["lives_in_household"] = True  # the father was still at home then
    older["family"]["members"].append(
        {
            "member_id": "x1",
            "first_name": "Ngozi",
            "last_name": "Okonkwo-Hale",
            "role": "adult",
            "relationship": "aunt",
            "date_of_birth": "1990-01-05",
        }
    )
    [outcome] = intake.import_document(older, "older.json").imported
    assert outcome.repeat
    family = the_family(directory)
    assert (family.address_line1, family.postcode) == ("Flat 2, 14 Kingfisher Court", "NT5 1AA")
    assert household(directory) == {
        "Adaeze": True,
        "Tobi": True,
        "Zoë": True,
        "Emeka": False,
        "Chidi": True,
        "Ngozi": False,
    }  # known now, but not living there now
    with directory.reader() as s:
        assert s.scalar(select(func.count()).select_from(FamilyRecordVersion)) == 2
        assert (
            s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "family.record_updated"))
            == 1
        )


def test_in_one_file_the_newest_profile_wins_whatever_its_place(intake, directory):
    older = repeat_referral("ESAT-2026-15000", compiled_at="2026-09-10T11:00:00+01:00")
    older["family"]["address"] = {"line1": "22 Old Mill Row", "town": "Northtown", "postcode": "NT2 7BB"}
    intake.import_document([first_referral(), repeat_referral(), older], "all.json")
    family = the_family(directory)
    assert (family.address_line1, family.postcode) == ("Flat 2, 14 Kingfisher Court", "NT5 1AA")
    assert household(directory)["Emeka"] is False


def test_in_one_file_an_older_profile_after_the_one_that_made_the_family_changes_nothing(intake, directory):
    intake.import_document([repeat_referral(), first_referral()], "both.json")
    family = the_family(directory)
    assert (family.address_line1, family.postcode) == ("Flat 2, 14 Kingfisher Court", "NT5 1AA")
    assert household(directory)["Emeka"] is False
    with directory.reader() as s:
        assert s.scalar(select(func.count()).select_from(FamilyRecordVersion)) == 0


def test_the_same_household_at_the_same_address_writes_no_version(intake, directory):
    intake.import_document(first_referral(), "first.json")
    again = first_referral()
    again.update(profile_id="ESAT-2026-20002", compiled_at="2026-12-01T09:00:00+00:00")
    intake.import_document(again, "again.json")
    with directory.reader() as s:
        assert s.scalar(select(func.count()).select_from(FamilyRecordVersion)) == 0
        assert s.scalar(select(func.count()).select_from(Case).where(Case.is_repeat.is_(True))) == 1


def test_a_confirmed_match_takes_the_profile_if_it_is_the_newest(intake, directory, clerk):
    intake.import_document(first_referral(), "first.json")
    # Only the mother and the baby, across town: asked about, not merged.
    moved = repeat_referral()
    moved["family"]["members"] = [moved["family"]["members"][0], moved["family"]["members"][4]]
    moved["family"]["address"] = {"line1": "1 New Road", "town": "Southbridge", "postcode": "SB2 4XY"}
    moved["needs"] = [{"area": "housing", "level": "high", "summary": "Facing eviction."}]
    moved["agency_involvement"], moved["risks"] = [], []
    [outcome] = intake.import_document(moved, "second.json").imported
    assert outcome.match_to_confirm
    family_before = the_family_by_reference(directory)
    with directory.reader() as s:
        suggestion_id = s.scalar(select(MatchSuggestion.id))
    FrontDoorService(directory, clerk).confirm_match(suggestion_id)
    family = the_family(directory)
    assert family.id == family_before and (family.address_line1, family.town) == ("1 New Road", "Southbridge")
    # The children and the father are not in the newest profile: not living with the mother now.
    assert household(directory) == {"Adaeze": True, "Tobi": False, "Zoë": False, "Emeka": False, "Chidi": True}


def the_family_by_reference(db):
    with db.reader() as s:
        return s.scalar(select(Family.id).order_by(Family.reference).limit(1))


def test_correcting_the_newest_profile_corrects_the_record_and_an_older_one_does_not(intake, directory, clerk):
    intake.import_document(first_referral(), "first.json")
    intake.import_document(repeat_referral(), "second.json")
    editing = ProfileEditingService(directory, clerk)
    with directory.reader() as s:
        first_case, second_case = s.scalars(select(Case.id).order_by(Case.reference)).all()
    document, version = editing.document(second_case)
    document["family"]["address"]["line1"] = "Flat 3, 14 Kingfisher Court"  # a typo in the flat number
    editing.correct(second_case, version, document)
    assert the_family(directory).address_line1 == "Flat 3, 14 Kingfisher Court"

    document, version = editing.document(first_case)
    document["family"]["address"]["line1"] = "9 Heron Way"
    editing.correct(first_case, version, document)
    assert the_family(directory).address_line1 == "Flat 3, 14 Kingfisher Court"  # the older profile is history


def test_a_profile_linked_by_hand_takes_the_record_as_a_confirmed_match_does(directory, clerk, white):  # noqa: F811
    family, case, _ = white
    FamilyLinkService(directory, clerk).link(case.id, family.id, NOTE)
    with directory.reader() as s:
        linked = s.get(Family, family.id)
        at_home = {p.given_name: p.lives_in_household for p in s.scalars(select(Person))}
        [event] = s.scalars(select(AuditEvent).where(AuditEvent.action == "family.record_updated")).all()
    assert (linked.address_line1, linked.postcode) == (QUAY_STREET["line1"], QUAY_STREET["postcode"])
    assert at_home == {"Sharon": True, "Ella": False, "Leo": True}  # Ella is not in the newest profile
    assert json.loads(event.changes)["address_line1"] == ["Flat 3, Tower Court", "12 Quay Street"]
