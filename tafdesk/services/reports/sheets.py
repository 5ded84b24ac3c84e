"""Every table of figures as spreadsheet Sheets (tafdesk/exports/spreadsheet.py),
for CSV and XLSX, and the PDF's tables (report_files.py). One function per
group of figures, so a page can export one table; `performance_sheets` and
`caseload_sheets` give a whole report's. Rates are percentages to one
decimal place; a blank cell is a figure with nothing to divide by."""

from __future__ import annotations

from tafdesk.exports.spreadsheet import Sheet
from tafdesk.services.reports.figures import (
    CaseloadFigures,
    CaseloadReport,
    ClosureFigures,
    Count,
    OutcomeFigures,
    PerformanceReport,
    PlanFigures,
    ReferralFigures,
    TimelinessFigures,
    WeeklySeries,
)

# What each table counts, in a sentence (printed under its name in the PDF;
# the README's "How the reports count" has the whole definition).
NOTES = {
    "Summary": "The period's key figures; each table below has the detail.",
    "Referrals by locality": "Referrals received each week (Monday to Sunday), in the referral's locality.",
    "Referrals by agency": "Referrals received each week by the agency the referrer gave.",
    "Referrals by need area": "Referrals received each week in each need area their profile names.",
    "Repeat referrals": "Referrals of a family whose previous case had closed in the 12 months before.",
    "Timeliness": "Working days from the profile being received, for the cases that reached each step in the period.",
    "Front-door decisions": "The cases whose front-door decision fell in the period, by what was decided.",
    "Meeting decisions": "Every decision of the Case Management Groups held in the period.",
    "Step-ups and step-downs": "Cases closed in the period as stepped up or down, by where it was decided.",
    "Deferrals": "Families deferred in the period, by how many times they have been deferred.",
    "Plan timeliness": "Families allocated in the period: was their first plan agreed within 20 working days?",
    "Reviews": "Plan reviews that fell due in the period: held by the day due, late, or not yet.",
    "Distance travelled": "Families scored in a need area at two reviews or more: first and latest score.",
    "Closures": "Cases closed in the period, by reason and how long they were open.",
    "Professionals": "Each professional's load (cases led, and a quarter of those supported) against capacity.",
    "Agencies": "The professionals' loads and capacities added up by agency.",
    "Utilisation by week": "Load against capacity on the last day of each week.",
    "Allocations over capacity": "Leads allocated beyond their capacity, and the group's reason.",
}


def percent(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 1)


def _one(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def summary_sheet(report: PerformanceReport) -> Sheet:
    r, o, p = report.referrals, report.outcomes, report.plans
    rows: list[tuple[str, object]] = [
        ("Period", report.period.words()),
        ("Localities", report.reach.words()),
        ("Referrals received", r.received),
        ("Repeat referrals within 12 months", r.repeats.repeats),
        ("Repeat referrals within 12 months (%)", percent(r.repeats.rate)),
    ]
    for stage in report.timeliness.stages:
        rows += [
            (f"{stage.label}: cases", stage.cases),
            (f"{stage.label}: median working days", stage.median),
            (f"{stage.label}: 90th percentile, working days", stage.percentile_90),
            (f"{stage.label}: within {stage.target} working days (%)", percent(stage.within_rate)),
        ]
    rows += [
        ("Front-door decisions", o.front_door_total),
        ("Meeting decisions", o.meeting_total),
        ("Deferrals", o.deferrals.decisions),
        ("Families deferred", o.deferrals.families),
        ("Times each family deferred has been deferred (average)", _one(o.deferrals.average_times)),
        ("Families allocated", p.timeliness.allocated),
        ("Plans agreed within 20 working days (%)", percent(p.timeliness.on_time_rate)),
        ("Reviews due", p.reviews.due),
        ("Reviews held on time (%)", percent(p.reviews.on_time_rate)),
        ("Cases closed", report.closures.closed),
    ]
    return Sheet("Summary", ["Figure", "Value"], rows)


def referral_sheets(figures: ReferralFigures) -> list[Sheet]:
    localities = [s.label for s in figures.by_locality]
    weekly = [
        (week, *(s.counts[n] for s in figures.by_locality), sum(s.counts[n] for s in figures.by_locality))
        for n, week in enumerate(figures.weeks)
    ]
    repeats = figures.repeats
    return [
        Sheet("Referrals by locality", ["Week beginning", *localities, "Total"], weekly),
        _long("Referrals by agency", "Referring agency", figures.weeks, figures.by_agency),
        _long("Referrals by need area", "Need area", figures.weeks, figures.by_need),
        Sheet(
            "Repeat referrals",
            ["Referrals received", "Repeat referrals within 12 months", "Rate (%)"],
            [(repeats.received, repeats.repeats, percent(repeats.rate))],
        ),
    ]


def _long(name: str, heading: str, weeks: tuple, series: tuple[WeeklySeries, ...]) -> Sheet:
    """Week, group, count: one row for each week a group had referrals."""
    rows = [(week, s.label, s.counts[n]) for s in series for n, week in enumerate(weeks) if s.counts[n]]
    return Sheet(name, ["Week beginning", heading, "Referrals"], sorted(rows, key=lambda row: (row[0], row[1])))


def timeliness_sheet(figures: TimelinessFigures) -> Sheet:
    columns = [
        "Wait",
        "Cases",
        "Median (working days)",
        "90th percentile",
        "Target",
        "Within target",
        "Within target (%)",
    ]
    rows = [
        (s.label, s.cases, s.median, s.percentile_90, s.target, s.within_target, percent(s.within_rate))
        for s in figures.stages
    ]
    return Sheet("Timeliness", columns, rows)


def _counts(name: str, heading: str, unit: str, counts: tuple[Count, ...]) -> Sheet:
    return Sheet(name, [heading, unit, "%"], [(c.label, c.count, percent(c.share)) for c in counts])


def outcome_sheets(figures: OutcomeFigures) -> list[Sheet]:
    steps = [(s.direction_label, s.route_label, s.count) for s in figures.steps]
    steps.append((figures.into_early_help.label, "Transition plan recorded", figures.into_early_help.count))
    return [
        _counts("Front-door decisions", "Outcome", "Cases", figures.front_door),
        _counts("Meeting decisions", "Outcome", "Decisions", figures.meeting),
        Sheet("Step-ups and step-downs", ["Step", "Where decided", "Cases"], steps),
        _counts("Deferrals", "Times deferred", "Families", figures.deferrals.by_times),
    ]


def plan_sheets(figures: PlanFigures) -> list[Sheet]:
    distance = [
        (
            d.label,
            d.cases,
            _one(d.first_average),
            _one(d.latest_average),
            _one(d.change_average),
            d.improved,
            d.same,
            d.worse,
        )
        for d in figures.distance
    ]
    columns = ["Need area", "Families", "First score", "Latest score", "Change", "Improved", "Same", "Worse"]
    return [
        _counts("Plan timeliness", "Plan", "Families", figures.timeliness.counts),
        _counts("Reviews", "Review", "Reviews", figures.reviews.counts),
        Sheet("Distance travelled", columns, distance),
    ]


def closure_sheet(figures: ClosureFigures) -> Sheet:
    columns = ["Reason", "Closed", *figures.lengths, "Median days open"]
    rows = [(r.label, r.closed, *r.by_length, r.median_days) for r in figures.by_reason]
    return Sheet("Closures", columns, rows)


def performance_sheets(report: PerformanceReport) -> list[Sheet]:
    return [
        summary_sheet(report),
        *referral_sheets(report.referrals),
        timeliness_sheet(report.timeliness),
        *outcome_sheets(report.outcomes),
        *plan_sheets(report.plans),
        closure_sheet(report.closures),
    ]


def caseload_sheets(report: CaseloadReport) -> list[Sheet]:
    f: CaseloadFigures = report.figures
    people = [
        (
            p.name,
            p.agency,
            p.locality,
            p.capacity,
            p.led_cases,
            p.led_weight,
            p.supported_cases,
            p.supported_weight,
            _one(p.load),
            percent(p.utilisation),
        )
        for p in f.professionals
    ]
    agencies = [
        (a.agency, a.professionals, a.capacity, a.led_cases, a.supported_cases, _one(a.load), percent(a.utilisation))
        for a in f.agencies
    ]
    weekly = [(u.week, u.as_at, u.agency, _one(u.load), u.capacity, percent(u.utilisation)) for u in f.utilisation]
    over = [(o.decided_on, o.case_reference, o.locality, o.professional, o.agency, o.reason) for o in f.over_capacity]
    load = ["Capacity", "Cases led", "Weight led", "Cases supported", "Weight supported", "Load", "Utilisation (%)"]
    return [
        Sheet("Professionals", ["Professional", "Agency", "Locality", *load], people),
        Sheet(
            "Agencies",
            ["Agency", "Professionals", "Capacity", "Cases led", "Cases supported", "Load", "Utilisation (%)"],
            agencies,
        ),
        Sheet(
            "Utilisation by week",
            ["Week beginning", "Counted on", "Agency", "Load", "Capacity", "Utilisation (%)"],
            weekly,
        ),
        Sheet(
            "Allocations over capacity",
            ["Decided on", "Case", "Locality", "Lead professional", "Agency", "Reason"],
            over,
        ),
    ]
