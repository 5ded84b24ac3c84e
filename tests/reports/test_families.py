"""The families behind each figure: the right ones, with the value counted
for each, as many as the figure says, and the listing in the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tafdesk.models import AuditEvent
from tafdesk.services.reports.figures import Figure, Stage
from tests.reports.conftest import PERIOD

D = dt.date


def _rows(council, drill, **kw):
    return [
        (r.case_reference, r.family_name, r.locality, r.value) for r in council.service().families(drill, **kw).rows
    ]


def test_the_referrals_from_one_agency_newest_first(council):
    police = next(s for s in council.service().referrals(PERIOD).by_agency if s.label == "Police")
    refs = council.references
    assert _rows(council, police.drill) == [
        (refs["Dunn"], "Dunn", "North", D(2026, 3, 16)),
        (refs["Fox"], "Fox", "South", D(2026, 3, 3)),
        (refs["Abbott"], "Abbott", "North", D(2026, 3, 2)),
        (refs["Lloyd"], "Lloyd", "North", D(2026, 3, 2)),
    ]
    first_week = _rows(council, police.drill_week(D(2026, 3, 2)))
    assert [row[1] for row in first_week] == ["Fox", "Abbott", "Lloyd"]


def test_the_waits_beyond_the_target_with_their_working_days(council):
    allocation = next(s for s in council.service().timeliness(PERIOD).stages if s.stage is Stage.ALLOCATION)
    assert _rows(council, allocation.drill.narrowed(subcategory="beyond")) == [
        (council.references["Baker"], "Baker", "North", 12)
    ]
    assert len(_rows(council, allocation.drill.narrowed(subcategory="within"))) == 4


def test_a_professionals_cases_with_the_weight_each_counts(council):
    ben = next(p for p in council.service().caseloads(PERIOD).figures.professionals if p.name == "Ben Rook")
    assert sorted((row[1], row[3]) for row in _rows(council, ben.drill)) == [
        ("Baker", 1.0),
        ("Hill", 0.75),
        ("Irwin", 1.0),
    ]


def test_a_weeks_utilisation_lists_every_case_carried_that_day(council):
    point = next(
        p
        for p in council.service().caseloads(PERIOD).figures.utilisation
        if p.as_at == D(2026, 3, 15) and not p.agency_id
    )
    rows = _rows(council, point.drill)
    assert sum(row[3] for row in rows) == pytest.approx(point.load) == 11.25
    assert sorted(row[1] for row in rows) == ["Abbott", "Fox", "Hill", "Hill", "Irwin", "Jones", "Lloyd", "Moss"]


@pytest.mark.parametrize(
    ("figure", "category", "expected"),
    [
        (Figure.REPEAT_REFERRALS, None, [("Grant", D(2026, 4, 20))]),
        (Figure.DEFERRALS, "2", [("Clarke", 2)]),
        (Figure.PLAN_TIMELINESS, "overdue", [("Lloyd", 37)]),  # working days 10 Mar to 5 May (3 holidays)
        (Figure.REVIEWS, "late", [("Hill", 2)]),  # due Fri 24 Apr, held Tue 28 Apr
        (Figure.DISTANCE_TRAVELLED, "education", [("Hill", 3)]),
        (Figure.CLOSURES, "needs_met", [("Jones", 313)]),
        (Figure.OVER_CAPACITY, None, [("Baker", D(2026, 4, 21))]),
        (Figure.INTO_EARLY_HELP, None, [("Irwin", D(2026, 4, 1))]),
        (Figure.FRONT_DOOR_OUTCOMES, "stepped_down", [("Evans", D(2026, 3, 30))]),
        (Figure.STEPS, "stepped_up", [("Clarke", D(2026, 3, 24))]),
    ],
)
def test_each_figures_families_and_values(council, figure, category, expected):
    from tafdesk.services.reports.figures import DrillDown

    drill = DrillDown(figure, PERIOD, None, category=category)
    assert [(row[1], row[3]) for row in _rows(council, drill)] == expected


def _drills_with_counts(report):
    """(drill, how many rows it stands for) for every countable figure of a performance report."""
    r, o, p = report.referrals, report.outcomes, report.plans
    yield r.drill, r.received
    yield r.repeats.drill, r.repeats.repeats
    for group in (r.by_locality, r.by_agency, r.by_need):
        for series in group:
            yield series.drill, series.total
    for stage in report.timeliness.stages:
        yield stage.drill, stage.cases
        yield stage.drill.narrowed(subcategory="within"), stage.within_target
    for count in (*o.front_door, *o.meeting, *o.deferrals.by_times, *p.timeliness.counts, *p.reviews.counts):
        yield count.drill, count.count
    for step in o.steps:
        yield step.drill, step.count
    yield o.deferrals.drill, o.deferrals.families
    for area in p.distance:
        yield area.drill, area.cases
    for row in report.closures.by_reason:
        yield row.drill, row.closed
        for length, n in zip(report.closures.lengths, row.by_length, strict=True):
            yield row.drill.narrowed(subcategory=length), n


def test_every_figure_lists_as_many_families_as_it_counts(council):
    report = council.service().performance(PERIOD)
    for drill, count in _drills_with_counts(report):
        assert len(council.service().families(drill).rows) == count, drill


def test_a_long_list_stops_at_the_limit_and_says_there_are_more(council):
    everything = council.service().referrals(PERIOD).drill
    found = council.service().families(everything, limit=3)
    assert len(found.rows) == 3 and found.more
    assert not council.service().families(everything, limit=9).more


def test_listing_families_is_in_the_audit_trail(council):
    manager = council.manager("North")
    council.service(manager).families(council.service(manager).referrals(PERIOD).drill)
    with council.db.reader() as s:
        event = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "report.families_listed").order_by(AuditEvent.occurred_at)
        ).all()[-1]
        assert event.actor_name == manager.name and '"referrals"' in (event.changes or "")


def test_a_part_the_figure_does_not_have_is_refused_in_a_sentence(council):
    from tafdesk.services.errors import ValidationError
    from tafdesk.services.reports.figures import DrillDown

    with pytest.raises(ValidationError, match="The timeliness figure has no such part to list"):
        council.service().families(DrillDown(Figure.TIMELINESS, PERIOD, None))
    with pytest.raises(ValidationError, match="The closures figure has no such part"):
        council.service().families(DrillDown(Figure.CLOSURES, PERIOD, None, category="bored"))
