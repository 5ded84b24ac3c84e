"""The family search connected as each person's login role: row-level
security and the service's own scope answer the same."""

from __future__ import annotations

from tafdesk.services.family_search import FamilySearchService


def _found(signed_in, who: str, text: str) -> set[str]:
    db, actor = signed_in(who)
    return {hit.family_name for hit in FamilySearchService(db, actor).search(text).hits}


def test_a_lead_professional_finds_only_the_families_they_lead_or_support(signed_in):
    assert _found(signed_in, "lp", "Mensha") == {"Mensah"}
    assert _found(signed_in, "lp", "Kowalczyk") == {"Kowalczyk"}  # supporting
    assert _found(signed_in, "lp", "Byrne") == set()  # South's
    assert _found(signed_in, "lp", "Okoro") == set()  # North's, not theirs


def test_a_manager_finds_the_families_of_their_locality_only(signed_in):
    assert _found(signed_in, "lm_north", "Byrne") == set()
    assert _found(signed_in, "lm_south", "Byrne") == {"Byrne"}
    assert _found(signed_in, "lm_south", "Mensah") == set()
