"""The global family search and the case page's summary: found by a name
with a typo, a reference, a postcode or a date of birth; only the families
the person may see (the world's families: Mensah, Kowalczyk, Byrne in North,
Mensah allocated to Tomas with Ruth supporting)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from tafdesk.models import Case, Family, Person, Role
from tafdesk.services.actor import Actor
from tafdesk.services.case_page import CasePageService
from tafdesk.services.errors import PermissionDenied
from tafdesk.services.family_search import FamilySearchService, parse
from tests.notes.conftest import CLERK

NOW = dt.datetime(2026, 12, 14, 12, 0, tzinfo=dt.UTC)


def _found(db, actor, text) -> set[str]:
    return {hit.family_name for hit in FamilySearchService(db, actor, NOW).search(text).hits}


def test_the_query_is_read_as_a_reference_a_postcode_a_date_and_a_name():
    today = NOW.date()
    assert parse("n-2026-0012", today).reference == "N-2026-0012"
    query = parse("Sharon Whte nt3 9qa 3/4/85", today)
    assert (query.words, query.postcode, query.born) == (("sharon", "whte"), "NT39QA", dt.date(1985, 4, 3))
    assert parse("Zoë 3 Apr 2019", today).born == dt.date(2019, 4, 3)
    assert parse("NT3", today).outward == "NT3"
    assert parse("   ", today).empty


def test_a_lead_finds_their_family_by_a_name_with_a_typo_and_a_manager_by_every_key(allocated, lead):
    assert _found(allocated.db, lead, "Mensha") == {"Mensah"}
    assert _found(allocated.db, lead, "Kowalczyk") == set()  # not theirs
    with allocated.db.reader() as s:
        family = s.scalar(select(Family).join(Case, Case.family_id == Family.id).where(Case.id == allocated.case_id))
        person = s.scalars(select(Person).where(Person.family_id == family.id)).first()
        reference, case_reference, postcode = (
            family.reference,
            s.get(Case, allocated.case_id).reference,
            family.postcode,
        )
        given, born = person.given_name, person.date_of_birth
    manager = Actor(None, "Chair Tester", Role.LOCALITY_MANAGER, localities=None)
    assert _found(allocated.db, manager, "Kowalcyzk") == {"Kowalczyk"}  # two letters swapped
    assert _found(allocated.db, manager, reference) == {"Mensah"}
    assert _found(allocated.db, manager, case_reference.lower()) == {"Mensah"}
    assert _found(allocated.db, manager, postcode) == {"Mensah"}
    assert _found(allocated.db, manager, f"{given} Mensah {born:%d/%m/%Y}") == {"Mensah"}
    assert _found(allocated.db, manager, f"Mensah {given}") == {"Mensah"}  # given and family swapped
    hit = FamilySearchService(allocated.db, manager, NOW).search("mensah").hits[0]
    assert hit.case_id == allocated.case_id and hit.locality == "North"


def test_someone_who_may_not_see_a_family_finds_nothing_of_it(allocated, outsider):
    elsewhere = Actor(None, "Other Manager", Role.LOCALITY_MANAGER, localities=frozenset({uuid.uuid4()}))
    other_lead = Actor(None, "South Lead", Role.LEAD_PROFESSIONAL, professional_id=uuid.uuid4(), localities=frozenset())
    with allocated.db.reader() as s:
        postcode = s.scalar(select(Family.postcode).where(Family.family_name == "Mensah"))
    for actor in (outsider, elsewhere, other_lead):
        service = FamilySearchService(allocated.db, actor, NOW)
        for text in ("Mensah", "Mensha", postcode, "Byrne"):
            result = service.search(text)
            assert result.hits == () and "No family you may see" in result.summary
    admin = Actor(None, "Admin", Role.ADMIN, localities=frozenset())
    with pytest.raises(PermissionDenied):
        FamilySearchService(allocated.db, admin, NOW).search("Mensah")


def test_the_case_page_summary(allocated, lead, outsider):
    summary = CasePageService(allocated.db, lead, NOW).summary(allocated.case_id)
    assert summary.family_name == "Mensah" and summary.locality == "North"
    assert summary.lead == "Tomas Okafor (Education Welfare)"
    assert [m.name for m in summary.team] == ["Tomas Okafor", "Ruth Adeyemi"]
    assert summary.state.startswith("TAF open, allocated 1 Dec 2026")
    assert [p.what for p in summary.promises] == ["Contact the family", "Contact the referrer", "Agree a plan"]
    assert CasePageService(allocated.db, CLERK, NOW).summary(allocated.case_id).promises == ()  # reads no notes
    with pytest.raises(PermissionDenied):
        CasePageService(allocated.db, outsider, NOW).summary(allocated.case_id)
