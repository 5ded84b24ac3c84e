"""Supporting Families: eligibility, claims and what is missing, counted by
hand on the small council of sf_world.py (its docstring has the counts)."""

from __future__ import annotations

import datetime as dt

import pytest

from tafdesk.models import NeedArea, OutcomeProgress, Role
from tafdesk.services.actor import Actor
from tafdesk.services.errors import ValidationError
from tafdesk.services.outcome_evidence import EvidenceInput, OutcomeEvidenceService
from tafdesk.services.reports.headline_needs import HEADLINE_NEEDS, MIN_NEEDS
from tafdesk.services.reports.supporting_families import SupportingFamiliesService
from tests.reports.sf_world import Q2, Q3, SfWorld

SYSTEM = Actor(None, "Report Tester", Role.LOCALITY_MANAGER, localities=None)


@pytest.fixture
def world(sf_world) -> SfWorld:
    return sf_world


def _report(world: SfWorld, period=Q2, locality: str | None = None, actor: Actor = SYSTEM):
    return SupportingFamiliesService(world.db, actor).report(*period, locality)


def _names(world: SfWorld, families) -> list[str]:
    surname = {ref: name for name, ref in world.references.items()}
    return [surname[f.family_reference] for f in families]


def test_every_need_area_has_one_of_the_ten_headlines():
    assert set(HEADLINE_NEEDS) == set(NeedArea)
    assert sorted(h.number for h in HEADLINE_NEEDS.values()) == list(range(1, 11))
    assert len({h.name for h in HEADLINE_NEEDS.values()}) == 10
    assert {h.months for h in HEADLINE_NEEDS.values()} == {6} and MIN_NEEDS == 3


def test_the_period_counted_by_hand(world):
    north = _report(world, locality="North")
    assert _names(world, north.eligible) == ["Ashdown", "Carrow", "Dunmore", "Fairholme"]
    assert _names(world, north.claims) == ["Ashdown", "Fairholme"]
    assert _names(world, north.incomplete) == ["Carrow", "Dunmore"]
    assert north.summary == (
        "Supporting Families in North, 01/04/2026 to 30/06/2026: 4 eligible families, 2 claims, "
        "2 with evidence incomplete (1 waiting only for their sustained period to end)."
    )
    south = _report(world, locality="s")  # a code, in any case
    assert (south.locality, _names(world, south.eligible), _names(world, south.claims)) == (
        "South",
        ["Elmfield"],
        ["Elmfield"],
    )
    assert len(_report(world).eligible) == 5


def test_three_headline_needs_make_a_family_eligible_two_do_not(world):
    """Brightwell has three outcomes sustained, but in two headline needs."""
    every = {f.family_reference: f for f in _report(world).eligible}
    assert world.references["Brightwell"] not in every
    ashdown = every[world.references["Ashdown"]]
    assert [(n.area, n.identified_in) for n in ashdown.needs] == [
        (NeedArea.EDUCATION, "Assessment and plan"),
        (NeedArea.HEALTH, "Assessment and plan"),
        (NeedArea.HOUSING, "Plan"),
    ]


def test_a_claim_carries_each_needs_evidence_through_the_plans_versions(world):
    ashdown = _report(world).claims[0]
    assert ashdown.family_reference == world.references["Ashdown"]
    assert ashdown.claim_from == dt.date(2026, 4, 1)
    evidence = [
        (o.progress, o.sustained_from, o.sustained_until, o.recorded_on, o.recorded_by)
        for n in ashdown.needs
        for o in n.outcomes
    ]
    october, april = dt.date(2025, 10, 1), dt.date(2026, 4, 1)
    sustained = OutcomeProgress.SUSTAINED
    assert evidence == [
        (sustained, october, april, dt.date(2026, 4, 10), "Ruth Adeyemi"),
        (sustained, october, april, dt.date(2026, 4, 10), "Ruth Adeyemi"),
        # recorded against version 1's outcome, counted for its copy in version 2
        (sustained, october, april, dt.date(2026, 4, 2), "Tomas Okafor"),
    ]


def test_missing_evidence_is_listed_exactly(world):
    dunmore = next(f for f in _report(world).incomplete if f.family_reference == world.references["Dunmore"])
    assert [m.text for m in dunmore.missing] == [
        "No whole-family Early Help Assessment completed by 30/06/2026.",
        "Crime prevention and tackling crime (outcome 2 of the plan): not achieved yet "
        "(the latest record says “Improving”, 02/05/2026, by Tomas Okafor).",
        "Safe from domestic abuse: identified in the assessment but the plan has no outcome for it, "
        "so nothing can evidence it.",
    ]
    assert dunmore.claim_from is None and not dunmore.only_waiting


def test_no_claim_before_the_sustained_period_ends(fresh_sf_world):
    """Carrow's three needs were achieved from 1 March 2026: six months on
    is 1 September, and a record made then must say they were sustained."""
    world = fresh_sf_world
    carrow = _carrow(world, _report(world, Q2))
    assert carrow.claim_from == dt.date(2026, 9, 1) and carrow.only_waiting
    assert carrow.missing[0].text == (
        "Improved family relationships (outcome 1 of the plan): sustained from 01/03/2026; "
        "its 6 months end on 01/09/2026."
    )
    carrow = _carrow(world, _report(world, Q3))
    assert not carrow.only_waiting and len(carrow.missing) == 3
    assert carrow.missing[0].text == (
        "Improved family relationships (outcome 1 of the plan): record it as “Achieved and sustained” on or "
        "after 01/09/2026, 6 months from 01/03/2026 (the latest record says “Achieved”, 10/03/2026, "
        "by Ruth Adeyemi)."
    )
    _sustain_carrow(world, dt.datetime(2026, 8, 31, 12, 0, tzinfo=dt.UTC))  # a day early: not yet
    assert not _carrow(world, _report(world, Q3)).claimable
    _sustain_carrow(world, dt.datetime(2026, 9, 2, 12, 0, tzinfo=dt.UTC))
    q3 = _report(world, Q3, "North")
    assert world.references["Carrow"] in [f.family_reference for f in q3.claims]
    assert _carrow(world, q3).claim_from == dt.date(2026, 9, 1)
    assert not _carrow(world, _report(world, Q2)).claimable  # the records came after Q2


def _carrow(world: SfWorld, report):
    return next(f for f in report.eligible if f.family_reference == world.references["Carrow"])


def _sustain_carrow(world: SfWorld, now: dt.datetime) -> None:
    service = OutcomeEvidenceService(world.db, SYSTEM, now=now)
    for outcome_id in world.outcomes["Carrow"]:
        service.record(outcome_id, EvidenceInput(OutcomeProgress.SUSTAINED, "Still going well.", dt.date(2026, 3, 1)))


def test_a_period_that_ends_before_it_starts_is_refused(world):
    with pytest.raises(ValidationError, match="The period ends .30/03/2026. before it starts .01/04/2026."):
        SupportingFamiliesService(world.db, SYSTEM).report(dt.date(2026, 4, 1), dt.date(2026, 3, 30))
    with pytest.raises(ValidationError, match="no locality called “East” .there are: North, South."):
        _report(world, locality="East")
