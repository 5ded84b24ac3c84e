"""Each figure of the dashboard against a hand count of the small council in
conftest.py (period 2 Mar - 30 Apr 2026, today 5 May 2026), on the test run's
database (SQLite, or PostgreSQL with TAFDESK_TEST_BACKEND=postgresql)."""

from __future__ import annotations

import datetime as dt

import pytest

from tafdesk.services.actor import SYSTEM
from tafdesk.services.reports.figures import Stage
from tafdesk.services.shared_settings import SharedSettings, TimelinessTargets
from tests.reports.conftest import PERIOD

D = dt.date
WEEKS = tuple(D(2026, 3, 2) + dt.timedelta(weeks=n) for n in range(9))  # Mondays 2 Mar .. 27 Apr


def _series(group):
    return {s.label: (s.counts, s.total) for s in group}


def test_referrals_week_by_week_by_locality(council):
    figures = council.service().referrals(PERIOD)
    assert figures.weeks == WEEKS
    assert figures.received == 9
    # North: Abbott, Lloyd, Moss (wk 2 Mar), Clarke, Dunn, Evans, Baker (1 Apr), Grant (20 Apr); South: Fox.
    assert _series(figures.by_locality) == {
        "North": ((3, 1, 1, 1, 1, 0, 0, 1, 0), 8),
        "South": ((1, 0, 0, 0, 0, 0, 0, 0, 0), 1),
    }


def test_referrals_by_referring_agency_trimmed_and_self_referrals_named(council):
    by_agency = {s.label: s.total for s in council.service().referrals(PERIOD).by_agency}
    assert by_agency == {"Police": 4, "School": 3, "Not recorded": 1, "The family (self-referral)": 1}
    assert [s.label for s in council.service().referrals(PERIOD).by_agency][:2] == ["Police", "School"]


def test_referrals_by_need_area_count_each_area_a_profile_names(council):
    by_need = {s.key: s.total for s in council.service().referrals(PERIOD).by_need}
    assert len(by_need) == 10  # every area, for a steady chart
    assert {k: v for k, v in by_need.items() if v} == {"education": 3, "health": 2, "housing": 2, "crime": 2}


def test_repeat_referrals_count_and_rate(council):
    repeats = council.service().referrals(PERIOD).repeats
    assert (repeats.received, repeats.repeats) == (9, 1)  # Grant's, 10 months after its case closed
    assert repeats.rate == pytest.approx(1 / 9)
    north = council.service().referrals(PERIOD, council.localities["North"]).repeats
    assert (north.received, north.repeats) == (8, 1)


def _stages(figures):
    return {s.stage: (s.cases, s.median, s.percentile_90, s.target, s.within_target) for s in figures.stages}


def test_working_days_to_each_step(council):
    # Front door: Lloyd 0, Clarke 0, Baker 1 (sent 00:30 on 2 Apr in England), Moss 1, Abbott 2, Dunn 2,
    # Fox 2, Evans 5. Group: Abbott, Lloyd, Moss, Fox 6; Clarke 11; Baker 12 (Good Friday and Easter
    # Monday not counted). Allocation: the same but Clarke, stepped up.
    assert _stages(council.service().timeliness(PERIOD)) == {
        Stage.FRONT_DOOR: (8, 1, 5, 3, 7),
        Stage.MEETING_DECISION: (6, 6, 12, 10, 4),
        Stage.ALLOCATION: (5, 6, 12, 10, 4),
    }


@pytest.fixture
def other_targets(council):
    settings = SharedSettings(council.db, SYSTEM)
    settings.set_timeliness_targets(TimelinessTargets(1, 5, 12))
    yield
    settings.set_timeliness_targets(TimelinessTargets())


def test_timeliness_of_one_locality_and_the_targets_from_settings(council, other_targets):
    north = _stages(council.service().timeliness(PERIOD, council.localities["North"]))
    assert north[Stage.FRONT_DOOR] == (7, 1, 5, 1, 4)  # 0, 0, 1, 1, 2, 2, 5
    assert north[Stage.MEETING_DECISION] == (5, 6, 12, 5, 0)  # 6, 6, 6, 11, 12
    assert north[Stage.ALLOCATION] == (4, 6, 12, 12, 4)  # 6, 6, 6, 12
    rate = council.service().timeliness(PERIOD).stages[0].within_rate
    assert rate == pytest.approx(4 / 8)


def _counts(counts):
    return {c.key: c.count for c in counts if c.count}


def test_front_door_and_meeting_outcomes(council):
    outcomes = council.service().outcomes(PERIOD)
    assert outcomes.front_door_total == 8
    assert _counts(outcomes.front_door) == {"meeting": 6, "information_advice_guidance": 1, "stepped_down": 1}
    assert outcomes.meeting_total == 9
    assert _counts(outcomes.meeting) == {"allocate_lead": 5, "defer": 3, "step_up": 1}
    assert {c.key: c.share for c in outcomes.meeting}["defer"] == pytest.approx(3 / 9)


def test_step_ups_and_step_downs_by_where_decided(council):
    outcomes = council.service().outcomes(PERIOD)
    steps = {(s.direction, s.route): s.count for s in outcomes.steps if s.count}
    assert steps == {("stepped_up", "meeting"): 1, ("stepped_down", "front_door"): 1}
    assert len(outcomes.steps) == 6
    assert outcomes.into_early_help.count == 1  # Irwin's transition plan


def test_deferrals_and_how_often_each_family_is_deferred(council):
    deferrals = council.service().outcomes(PERIOD).deferrals
    assert (deferrals.decisions, deferrals.families, deferrals.average_times) == (3, 2, 1.5)
    assert _counts(deferrals.by_times) == {"1": 1, "2": 1}  # Baker once, Clarke twice
    assert council.service().outcomes(PERIOD, council.localities["South"]).deferrals.families == 0


def test_plans_agreed_within_20_working_days_of_allocation(council):
    plans = council.service().plans(PERIOD).timeliness
    # Abbott 10 days (on time), Fox 23 (late), Lloyd none and long past, Baker 9 days so far, Moss closed.
    assert plans.allocated == 5
    assert _counts(plans.counts) == {"on_time": 1, "late": 1, "overdue": 1, "not_yet_due": 1, "closed": 1}
    assert plans.on_time_rate == pytest.approx(1 / 3)


def test_reviews_held_on_time(council):
    reviews = council.service().plans(PERIOD).reviews
    # Hill v1 due 16 Mar held 13 Mar; Hill v2 due 24 Apr held 28 Apr; Irwin due 20 Mar, never held.
    # Jones's plan closed unreviewed before its review: no longer due.
    assert reviews.due == 3
    assert _counts(reviews.counts) == {"on_time": 1, "late": 1, "overdue": 1}
    assert reviews.on_time_rate == pytest.approx(1 / 3)


def test_distance_travelled_by_need_area(council):
    distance = {d.area: d for d in council.service().plans(PERIOD).distance}
    education, health = distance["education"], distance["health"]
    assert (education.cases, education.first_average, education.latest_average, education.change_average) == (
        1,
        3.0,
        6.0,
        3.0,
    )
    assert (education.improved, education.same, education.worse) == (1, 0, 0)
    assert (health.change_average, health.worse) == (-1.0, 1)
    assert distance["housing"].cases == 0  # scored once only


def test_closures_by_reason_and_length(council):
    closures = council.service().closures(PERIOD)
    assert closures.closed == 5
    rows = {r.reason: (r.closed, r.by_length, r.median_days) for r in closures.by_reason if r.closed}
    assert rows == {
        "needs_met": (1, (0, 0, 1, 0), 313),  # Jones: 1 Jun 2025 to 10 Apr 2026
        "disengaged": (1, (1, 0, 0, 0), 18),  # Moss
        "stepped_up": (1, (1, 0, 0, 0), 15),  # Clarke
        "stepped_down": (1, (1, 0, 0, 0), 7),  # Evans
        "information_advice_guidance": (1, (1, 0, 0, 0), 2),  # Dunn
    }


def test_caseloads_by_professional_and_agency_on_the_last_day(council):
    figures = council.service().caseloads(PERIOD).figures
    assert figures.as_at == D(2026, 4, 30)
    people = {p.name: (p.led_cases, p.led_weight, p.supported_cases, p.load, p.capacity) for p in figures.professionals}
    assert people == {
        "Ada Quill": (3, 6.0, 0, 6.0, 20.0),  # Abbott 2, Lloyd 1, Hill 3 (Moss and Jones closed)
        "Ben Rook": (2, 2.0, 1, 2.75, 10.0),  # Baker, Irwin; a quarter of Hill's 3
        "Cara Sloe": (1, 1.5, 0, 1.5, 12.0),  # Fox (her own capacity)
    }  # Dan has left: not listed
    agencies = {a.agency: (a.professionals, a.capacity, a.load) for a in figures.agencies}
    assert agencies == {"Education Welfare": (1, 10.0, 2.75), "Family Support": (2, 32.0, 7.5)}
    north = council.service().caseloads(PERIOD, council.localities["North"]).figures
    assert {p.name for p in north.professionals} == {"Ada Quill", "Ben Rook"}


def test_utilisation_week_by_week(council):
    points = council.service().caseloads(PERIOD).figures.utilisation
    every = [(p.as_at, p.load) for p in points if p.agency_id is None]
    assert every == [
        (D(2026, 3, 8), 5.75),  # Hill 3, Jones 1, Irwin 1, a quarter of Hill for Ben
        (D(2026, 3, 15), 11.25),  # Abbott 2, Lloyd 1, Moss 1, Fox 1.5 allocated
        (D(2026, 3, 22), 10.25),  # Moss closed
        (D(2026, 3, 29), 10.25),
        (D(2026, 4, 5), 10.25),
        (D(2026, 4, 12), 9.25),  # Jones closed
        (D(2026, 4, 19), 9.25),
        (D(2026, 4, 26), 10.25),  # Baker allocated
        (D(2026, 4, 30), 10.25),
    ]
    last = points[-3:]
    assert [(p.agency, p.load, p.capacity) for p in last] == [
        ("All agencies", 10.25, 42.0),
        ("Education Welfare", 2.75, 10.0),
        ("Family Support", 7.5, 32.0),
    ]
    assert last[0].utilisation == pytest.approx(10.25 / 42)


def test_allocations_over_capacity_with_their_reasons(council):
    figures = council.service().caseloads(PERIOD).figures
    assert [(o.decided_on, o.case_reference, o.professional, o.agency, o.reason) for o in figures.over_capacity] == [
        (
            D(2026, 4, 21),
            council.references["Baker"],
            "Ben Rook",
            "Education Welfare",
            "Only worker who knows the school.",
        )
    ]


def test_an_empty_period_gives_zeros_and_no_rates(council):
    from tafdesk.services.reports.period import ReportPeriod

    quiet = council.service().performance(ReportPeriod(D(2024, 1, 1), D(2024, 1, 31)))
    assert quiet.referrals.received == 0 and quiet.referrals.repeats.rate is None
    assert all(s.cases == 0 and s.median is None and s.within_rate is None for s in quiet.timeliness.stages)
    assert quiet.plans.timeliness.on_time_rate is None and quiet.closures.closed == 0
