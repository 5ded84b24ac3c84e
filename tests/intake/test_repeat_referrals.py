"""Repeat referrals through the import: linked when sure, asked when not."""

from __future__ import annotations

import copy

from sqlalchemy import func, select

from tafdesk.models import Case, Family, MatchSuggestion, Person, ProfileMember, SuggestionStatus
from tafdesk.services.front_door import FrontDoorService
from tests.intake.conftest import BASE_PROFILE, make_profile, write


def _second_referral(**family_changes) -> dict:
    profile = make_profile(profile_id="ESAT-2027-00001")
    profile["family"].update(copy.deepcopy(family_changes))
    return profile


def test_confident_match_links_to_the_known_family_as_a_repeat(intake, directory, tmp_path):
    intake.import_path(write(tmp_path / "first.json", BASE_PROFILE))
    again = _second_referral()
    again["family"]["members"][0]["last_name"] = "Okonkwo Hale"  # written without the hyphen this time
    again["family"]["members"].append(
        {
            "member_id": "b1",
            "first_name": "Chidi",
            "last_name": "Okonkwo-Hale",
            "role": "child",
            "date_of_birth": "2026-08-02",
        }
    )
    report = intake.import_path(write(tmp_path / "second.json", again))
    [outcome] = report.imported
    assert outcome.repeat and not outcome.match_to_confirm
    assert "1 repeat referral" in report.summary()
    with directory.reader() as s:
        assert s.scalar(select(func.count()).select_from(Family)) == 1
        assert s.scalar(select(func.count()).select_from(Person)) == 4  # the baby joined the family
        cases = s.scalars(select(Case).order_by(Case.reference)).all()
        assert [c.is_repeat for c in cases] == [False, True]
        assert cases[0].family_id == cases[1].family_id


def test_uncertain_match_is_kept_apart_until_confirmed(intake, directory, tmp_path, clerk):
    intake.import_path(write(tmp_path / "first.json", BASE_PROFILE))
    # Only the mother, at an address across town: worth asking about, not merging.
    again = _second_referral(
        members=[BASE_PROFILE["family"]["members"][0]], address={"line1": "1 New Road", "postcode": "SB2 4XY"}
    )
    again["needs"] = [{"area": "housing", "level": "high", "summary": "Facing eviction."}]
    again["agency_involvement"], again["risks"] = [], []
    [outcome] = intake.import_path(write(tmp_path / "second.json", again)).imported
    assert outcome.match_to_confirm and not outcome.repeat
    with directory.reader() as s:
        assert s.scalar(select(func.count()).select_from(Family)) == 2
        suggestion = s.scalar(select(MatchSuggestion))
        assert suggestion.status is SuggestionStatus.PENDING

    FrontDoorService(directory, clerk).confirm_match(suggestion.id)
    with directory.reader() as s:
        assert s.scalar(select(func.count()).select_from(Family)) == 1
        assert s.scalar(select(func.count()).select_from(Person)) == 3  # the mother is not duplicated
        assert len({m.person_id for m in s.scalars(select(ProfileMember).where(ProfileMember.member_ref == "m1"))}) == 1
        assert [c.is_repeat for c in s.scalars(select(Case).order_by(Case.reference))] == [False, True]
        assert s.scalar(select(MatchSuggestion.status)) is SuggestionStatus.CONFIRMED


def test_rejected_match_leaves_two_families(intake, directory, tmp_path, clerk):
    intake.import_path(write(tmp_path / "first.json", BASE_PROFILE))
    again = _second_referral(
        members=[BASE_PROFILE["family"]["members"][0]], address={"line1": "1 New Road", "postcode": "SB2 4XY"}
    )
    again["needs"] = [{"area": "housing", "level": "high", "summary": "Facing eviction."}]
    again["agency_involvement"], again["risks"] = [], []
    intake.import_path(write(tmp_path / "second.json", again))
    with directory.reader() as s:
        suggestion_id = s.scalar(select(MatchSuggestion.id))
    FrontDoorService(directory, clerk).reject_match(suggestion_id)
    with directory.reader() as s:
        assert s.scalar(select(func.count()).select_from(Family)) == 2
        assert s.scalar(select(MatchSuggestion.status)) is SuggestionStatus.REJECTED


def test_same_name_different_birthdays_is_a_new_family(intake, directory, tmp_path):
    intake.import_path(write(tmp_path / "first.json", BASE_PROFILE))
    again = _second_referral(address={"line1": "9 Far Lane", "postcode": "SB1 2CD"})
    for member, born in zip(again["family"]["members"], ("1979-01-01", "2010-05-05", "2019-12-12")):
        member["date_of_birth"] = born
    [outcome] = intake.import_path(write(tmp_path / "second.json", again)).imported
    assert not outcome.repeat and not outcome.match_to_confirm
    with directory.reader() as s:
        assert s.scalar(select(func.count()).select_from(Family)) == 2


def test_same_family_twice_in_one_file_is_recognised(intake, directory, tmp_path):
    report = intake.import_path(write(tmp_path / "both.json", [BASE_PROFILE, _second_referral()]))
    assert [p.repeat for p in report.imported] == [False, True]
    with directory.reader() as s:
        assert s.scalar(select(func.count()).select_from(Family)) == 1
