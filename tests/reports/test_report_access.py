"""Who may see the reports, and whose families: a locality's managers and
business support their own localities' figures and families; lead
professionals and administrators are refused (the reports are about whole
localities' families). On PostgreSQL row-level security narrows the same way
(test_reports_under_rls.py)."""

from __future__ import annotations

import pytest

from tafdesk.models import Role
from tafdesk.services.actor import Actor
from tafdesk.services.errors import PermissionDenied
from tafdesk.services.reports.figures import DrillDown, Figure
from tests.reports.conftest import PERIOD


def test_a_manager_of_north_counts_north_only(council):
    north = council.service(council.manager("North"))
    report = north.performance(PERIOD)
    assert report.reach.names == ("North",) and report.reach.words() == "North"
    assert report.referrals.received == 8
    assert [s.label for s in report.referrals.by_locality] == ["North"]
    assert {p.name for p in north.caseloads(PERIOD).figures.professionals} == {"Ada Quill", "Ben Rook"}


def test_a_manager_of_north_sees_no_south_family_in_a_drill_down(council):
    north = council.service(council.manager("North"))
    police = next(s for s in north.referrals(PERIOD).by_agency if s.label == "Police")
    assert {r.family_name for r in north.families(police.drill).rows} == {"Abbott", "Dunn", "Lloyd"}  # not Fox
    # A drill-down made up to reach South's families (by its locality's id) finds none.
    forged = DrillDown(
        Figure.REFERRALS, PERIOD, None, category="locality", subcategory=str(council.localities["South"])
    )
    assert north.families(forged).rows == ()
    everyone = north.families(DrillDown(Figure.CASELOAD, PERIOD, None))
    assert "Fox" not in {r.family_name for r in everyone.rows}


def test_a_manager_may_not_choose_another_locality(council):
    north = council.service(council.manager("North"))
    south = council.localities["South"]
    with pytest.raises(
        PermissionDenied, match="may not see the reports in South, which is not one of their localities"
    ):
        north.performance(PERIOD, south)
    with pytest.raises(PermissionDenied, match="South, which is not one of their localities"):
        north.families(DrillDown(Figure.REFERRALS, PERIOD, south))


def test_business_support_see_their_localitys_figures(council):
    support = council.service(council.manager("South", role=Role.BUSINESS_SUPPORT))
    report = support.performance(PERIOD)
    assert report.referrals.received == 1
    assert [r.family_name for r in support.families(report.referrals.drill).rows] == ["Fox"]


def test_a_manager_of_both_localities_sees_both(council):
    both = council.service(council.manager("North", "South")).performance(PERIOD)
    assert both.referrals.received == 9 and both.reach.words() == "North and South"


@pytest.mark.parametrize(
    ("role", "professional"), [(Role.LEAD_PROFESSIONAL, "Ada"), (Role.ADMIN, None)], ids=["lead", "admin"]
)
def test_lead_professionals_and_administrators_are_refused(council, role, professional):
    actor = Actor(None, "Sam Lee", role, professional_id=council.people.get(professional or ""))
    service = council.service(actor)
    refusal = "Sam Lee .* may not see the reports' figures and the families behind them"
    with pytest.raises(PermissionDenied, match=refusal):
        service.performance(PERIOD)
    with pytest.raises(PermissionDenied, match=refusal):
        service.caseloads(PERIOD)
    with pytest.raises(PermissionDenied, match=refusal):
        service.families(DrillDown(Figure.REFERRALS, PERIOD, None))
    with pytest.raises(PermissionDenied, match=refusal):
        service.localities()


def test_a_manager_with_no_locality_is_told_so(council):
    nobody = council.service(Actor(None, "Nia Nobody", Role.LOCALITY_MANAGER, localities=frozenset()))
    with pytest.raises(PermissionDenied, match="works in no locality"):
        nobody.referrals(PERIOD)


def test_the_localities_a_user_may_choose(council):
    assert council.service(council.manager("North")).localities() == [(council.localities["North"], "North")]
    assert [name for _, name in council.service().localities()] == ["North", "South"]
    assert council.service().locality_named(" south ") == council.localities["South"]
    assert council.service().locality_named("N") == council.localities["North"]
