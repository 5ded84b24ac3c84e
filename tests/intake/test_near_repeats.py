"""Issue 11: an obvious repeat written a little differently (Whyte for
White, a date typed 30/04 for 03/04, the same flat) is put to business
support, on both databases; a neighbour in the same block is not."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from tafdesk.models import AuditEvent, Family, MatchSuggestion, SuggestionStatus
from tafdesk.services.intake import IntakeService
from tests.intake.conftest import make_profile, write

TOWER_COURT = {"line1": "Flat 3, Tower Court", "town": "Northtown", "postcode": "NT3 9QA"}


def household(profile_id: str, surname: str, address: dict, *people: tuple[str, str, str]) -> dict:
    """A profile of these people (first name, role, date of birth) under one surname."""
    members = [
        {"member_id": f"m{i}", "first_name": given, "last_name": surname, "role": role, "date_of_birth": born}
        for i, (given, role, born) in enumerate(people)
    ]
    profile = make_profile(profile_id=profile_id)
    profile["family"] = {"family_name": surname, "address": address, "members": members}
    profile["needs"] = [{"area": "housing", "level": "high", "summary": "Rent arrears."}]
    profile["agency_involvement"], profile["risks"] = [], []
    return profile


WHITE = household(
    "ESAT-2026-00001", "White", TOWER_COURT, ("Sharon", "parent", "1985-04-03"), ("Ella", "child", "2015-06-10")
)


def _import(db, clerk, tmp_path, profile):
    return IntakeService(db, clerk).import_path(write(tmp_path / f"{profile['profile_id']}.json", profile))


def _families(db) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(Family))


def test_whyte_at_the_white_familys_flat_is_a_match_to_confirm(any_db, clerk, tmp_path):
    _import(any_db, clerk, tmp_path, WHITE)
    whyte = household(
        "ESAT-2026-00002",
        "Whyte",
        dict(TOWER_COURT),
        ("Sharon", "parent", "1985-04-30"),
        ("Ella", "child", "2015-06-10"),
    )
    report = _import(any_db, clerk, tmp_path, whyte)
    [outcome] = report.imported
    assert outcome.match_to_confirm and not outcome.repeat
    assert "1 possible match to confirm" in report.summary()
    with any_db.reader() as s:
        suggestion = s.scalar(select(MatchSuggestion))
        white_id = s.scalar(select(Family.id).where(Family.family_name == "White"))
        imported = s.scalar(select(AuditEvent.changes).where(AuditEvent.entity_id == suggestion.profile_id))
    assert suggestion.status is SuggestionStatus.PENDING and suggestion.family_id == white_id
    assert suggestion.score == 95
    evidence = json.loads(suggestion.evidence)
    assert any("family name spelt differently but said the same (Whyte / White)" in line for line in evidence)
    assert any("two digits swapped (30 Apr 1985 / 03 Apr 1985)" in line for line in evidence)
    assert "+30 same address, Flat 3, Tower Court, NT3 9QA" in evidence
    assert "uncertain (95)" in imported
    assert _families(any_db) == 2  # kept apart until someone confirms


def test_a_family_that_moved_is_found_through_its_dates_typed_with_digits_swapped(any_db, clerk, tmp_path):
    _import(any_db, clerk, tmp_path, WHITE)
    moved = household(
        "ESAT-2026-00002",
        "White",
        {"line1": "12 Quay Street", "postcode": "SB9 1ZZ"},
        ("Sharon", "parent", "1985-04-30"),
        ("Ella", "child", "2015-06-01"),
    )
    [outcome] = _import(any_db, clerk, tmp_path, moved).imported
    assert outcome.match_to_confirm  # no postcode in common: only the swapped dates lead to the White family


def test_a_neighbour_in_the_same_block_is_not_suggested(any_db, clerk, tmp_path):
    _import(any_db, clerk, tmp_path, WHITE)
    for n, (flat, surname) in enumerate((("Flat 5, Tower Court", "Mensah"), ("Flat 3, Tower Court", "Wood"))):
        neighbours = household(
            f"ESAT-2026-0001{n}",
            surname,
            {**TOWER_COURT, "line1": flat},
            ("Amara", "parent", "1990-02-02"),
            ("Kofi", "child", "2015-07-07"),
        )
        [outcome] = _import(any_db, clerk, tmp_path, neighbours).imported
        assert not outcome.match_to_confirm and not outcome.repeat
    with any_db.reader() as s:
        assert s.scalar(select(func.count()).select_from(MatchSuggestion)) == 0
    assert _families(any_db) == 3
