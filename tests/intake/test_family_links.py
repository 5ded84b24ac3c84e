"""Business support link a waiting profile to a known family by hand: found
by reference or name, compared member by member, a note saying why; the
result is a repeat referral as a confirmed match makes, kept with the
profile and in the audit trail."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from tafdesk.models import AuditEvent, Case, Family, MatchSuggestion, Person, ProfileMember, Role, SuggestionStatus
from tafdesk.services.actor import Actor
from tafdesk.services.errors import ConflictError, PermissionDenied, ValidationError
from tafdesk.services.family_links import FamilyLinkService
from tafdesk.services.front_door import FrontDoorService
from tests.intake.conftest import BASE_PROFILE, write
from tests.intake.test_near_repeats import TOWER_COURT, WHITE, household

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
NOTE = "Mother confirmed on the phone she moved from Tower Court in October; same Sharon."
QUAY_STREET = {"line1": "12 Quay Street", "town": "Southtown", "postcode": "SB9 1ZZ"}


@pytest.fixture
def white(intake, directory, tmp_path):
    """The White family, known, and a profile the matcher did not link: Sharon
    (her birthday typed 30/04) at a new address with a baby since."""
    intake.import_path(write(tmp_path / "white.json", WHITE))
    moved = household(
        "ESAT-2026-00002", "White", QUAY_STREET, ("Sharon", "parent", "1985-04-30"), ("Leo", "child", "2026-08-01")
    )
    [outcome] = intake.import_path(write(tmp_path / "moved.json", moved)).imported
    assert not outcome.repeat and not outcome.match_to_confirm  # 25 points: not worth asking about by itself
    with directory.reader() as s:
        family = s.scalar(select(Family).where(Family.postcode == "NT3 9QA"))
        case = s.scalar(select(Case).where(Case.reference == outcome.case_reference))
        white_case = s.scalar(select(Case.reference).where(Case.family_id == family.id))
    return family, case, white_case


def test_search_by_reference_case_reference_and_name(directory, clerk, white):
    family, case, white_case = white
    links = FamilyLinkService(directory, clerk, now=NOW)
    for text in (
        family.reference,
        family.reference.lower(),
        white_case,
        "White",
        "whit",
        "Sharon White",
        "sharon  WHITE",
    ):
        assert [c.family_id for c in links.search(case.id, text)] == [family.id], text
    assert links.search(case.id, "Ella Mensah") == [] and links.search(case.id, "F-999999") == []
    assert links.search(case.id, case.reference) == []  # never its own family


def test_search_by_a_double_barrelled_name(directory, clerk, intake, white, tmp_path):
    _, case, _ = white
    intake.import_path(write(tmp_path / "okonkwo.json", BASE_PROFILE))
    links = FamilyLinkService(directory, clerk, now=NOW)
    for text in ("Okonkwo-Hale", "okonkwo hale", "Okonkwo", "Adaeze Okonkwo-Hale", "Zoe Okonkwo Hale"):
        assert [c.family_name for c in links.search(case.id, text)] == ["Okonkwo-Hale"], text


def test_with_no_text_the_families_the_matcher_looks_at_are_offered(directory, clerk, white):
    family, case, _ = white
    [choice] = FamilyLinkService(directory, clerk, now=NOW).search(case.id)  # found through the swapped birthday
    assert choice.family_id == family.id and choice.score == 25
    assert choice.title == "White (F-000001), Flat 3, Tower Court, Northtown, NT3 9QA"
    assert any("two digits swapped" in line for line in choice.evidence)
    sides = [(p.ours and p.ours.name, p.known and p.known.name) for p in choice.pairings]
    assert sides == [("Sharon White", "Sharon White"), ("Leo White", None), (None, "Ella White")]


def test_linking_by_hand_makes_a_repeat_referral_and_records_why(directory, clerk, white):
    family, case, _ = white
    FamilyLinkService(directory, clerk, now=NOW).link(case.id, family.id, f"  {NOTE} ")
    with directory.reader() as s:
        assert s.scalar(select(func.count()).select_from(Family)) == 1  # the family made on import has gone
        moved = s.get(Case, case.id)
        assert moved.family_id == family.id and moved.is_repeat
        people = {p.name: p for p in s.scalars(select(Person).where(Person.family_id == family.id))}
        assert sorted(people) == ["Ella White", "Leo White", "Sharon White"]  # Sharon once, the baby joined
        # both profiles' Sharon (m0) are now the one known person
        assert set(s.scalars(select(ProfileMember.person_id).where(ProfileMember.member_ref == "m0"))) == {
            people["Sharon White"].id
        }
        kept = s.scalar(select(MatchSuggestion))
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "match.linked_by_hand"))
    assert kept.status is SuggestionStatus.CONFIRMED and kept.family_id == family.id and kept.note == NOTE
    assert kept.decided_at is not None and kept.score == 25
    assert any("Sharon White ~ Sharon White" in line for line in json.loads(kept.evidence))
    assert event.actor_name == "Business Support Tester" and event.entity_id == kept.profile_id
    changes = json.loads(event.changes)
    assert changes["note"] == [None, NOTE] and changes["family_reference"] == [None, family.reference]
    assert changes["family"][1] == str(family.id) and changes["score"] == [None, 25]
    assert any("two digits swapped" in line for line in changes["evidence"][1])
    assert list(changes["pairs"][1]) == ["m0"]


def test_a_link_needs_a_reason(directory, clerk, white):
    family, case, _ = white
    links = FamilyLinkService(directory, clerk, now=NOW)
    for note in ("", "   ", "same"):
        with pytest.raises(ValidationError, match="Say why"):
            links.link(case.id, family.id, note)
    with directory.reader() as s:
        assert s.scalar(select(func.count()).select_from(Family)) == 2


def test_lead_professionals_may_not_link_or_search(directory, white):
    family, case, _ = white
    lead = FamilyLinkService(directory, Actor(None, "Lead Tester", Role.LEAD_PROFESSIONAL), now=NOW)
    with pytest.raises(
        PermissionDenied, match="may not confirm or reject family matches, or link a profile to a family by hand"
    ):
        lead.link(case.id, family.id, NOTE)
    with pytest.raises(PermissionDenied):
        lead.search(case.id, "White")
    manager = FamilyLinkService(directory, Actor(None, "Chair Tester", Role.LOCALITY_MANAGER, localities=None), now=NOW)
    manager.link(case.id, family.id, NOTE)


def test_refused_once_linked_or_decided(directory, clerk, white):
    family, case, white_case = white
    links = FamilyLinkService(directory, clerk, now=NOW)
    links.link(case.id, family.id, NOTE)
    with pytest.raises(ConflictError, match="already a referral of the White family"):
        links.link(case.id, family.id, NOTE)
    with directory.reader() as s:
        first = s.scalar(select(Case.id).where(Case.reference == white_case))
    FrontDoorService(
        directory, Actor(None, "Chair Tester", Role.LOCALITY_MANAGER, localities=None), now=NOW
    ).give_advice(first, "Advice on rent arrears given to the referrer.")
    with pytest.raises(ConflictError, match="has been decided"):
        links.search(first, "White")


def test_a_family_with_its_own_history_is_not_merged(directory, clerk, intake, white, tmp_path):
    family, case, white_case = white
    neighbours = household(
        "ESAT-2026-00003", "Mensah", {**TOWER_COURT, "line1": "Flat 5, Tower Court"}, ("Amara", "parent", "1990-02-02")
    )
    intake.import_path(write(tmp_path / "mensah.json", neighbours))
    links = FamilyLinkService(directory, clerk, now=NOW)
    links.link(case.id, family.id, NOTE)  # the White family now has two referrals
    with directory.reader() as s:
        mensah = s.scalar(select(Family.id).where(Family.family_name == "Mensah"))
        first = s.scalar(select(Case.id).where(Case.reference == white_case))
    with pytest.raises(ConflictError, match="earlier referrals of its own"):
        links.link(first, mensah, NOTE)
    with directory.reader() as s:
        assert s.scalar(select(func.count()).select_from(Case).where(Case.family_id == family.id)) == 2


def test_other_suggestions_for_the_profile_are_rejected_by_the_link(directory, clerk, intake, white, tmp_path):
    family, _, _ = white
    whyte = household(
        "ESAT-2026-00004",
        "Whyte",
        dict(TOWER_COURT),
        ("Sharon", "parent", "1985-04-30"),
        ("Ella", "child", "2015-06-10"),
    )
    [outcome] = intake.import_path(write(tmp_path / "whyte.json", whyte)).imported
    assert outcome.match_to_confirm
    with directory.reader() as s:
        case = s.scalar(select(Case).where(Case.reference == outcome.case_reference))
        other = s.scalar(select(Family.id).where(Family.postcode == "SB9 1ZZ"))
    FamilyLinkService(directory, clerk, now=NOW).link(case.id, other, NOTE)
    with directory.reader() as s:
        statuses = dict(s.execute(select(MatchSuggestion.family_id, MatchSuggestion.status)).all())
        event = s.scalar(select(AuditEvent.changes).where(AuditEvent.action == "match.linked_by_hand"))
    assert statuses == {family.id: SuggestionStatus.REJECTED, other: SuggestionStatus.CONFIRMED}
    assert json.loads(event)["suggestions_rejected"] == [None, [str(family.id)]]
