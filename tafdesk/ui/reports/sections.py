"""The Reports page's six sections, and how each is filled from the
figures read: its tables (figure_tables.py) and its charts (chart.py)."""

from __future__ import annotations

from tafdesk.services.reports.figures import (
    AgencyLoad,
    CaseloadReport,
    Count,
    PerformanceReport,
    ProfessionalLoad,
    ReferralFigures,
)
from tafdesk.ui.directory.load_delegate import NEAR_FULL
from tafdesk.ui.reports import figure_tables as ft
from tafdesk.ui.reports.chart import Bar, BarChart, Part
from tafdesk.ui.reports.section import Section
from tafdesk.ui.text import number

MOST_PROFESSIONALS = 12  # in the chart: the most loaded; every one is in the table


def build_sections() -> dict[str, Section]:
    referrals = Section(
        "referrals",
        "Referrals",
        "Referrals received each week, by locality, referring agency and need area; repeat referrals.",
    )
    referrals.add_chart(
        BarChart("Referrals received per week", empty="No referrals in this period."), "Referrals per week"
    )
    for name in ("Referrals by locality", "Referrals by agency", "Referrals by need area", "Repeat referrals"):
        referrals.add_table(name)
    timeliness = Section(
        "timeliness",
        "Timeliness",
        "Working days from the profile being received to the front door's decision, the group's and allocation.",
    )
    timeliness.add_chart(
        BarChart("Within target", rows=True, reference=100, reference_text="All", empty="No cases reached a step."),
        "Cases within their target (%)",
    )
    timeliness.add_table("Timeliness")
    outcomes = Section(
        "outcomes",
        "Outcomes",
        "What the front door and the groups decided; step-ups and step-downs; deferrals.",
    )
    outcomes.add_chart(BarChart("Meeting decisions by outcome", rows=True, empty="No decisions."), "Meeting decisions")
    for name in ("Front-door decisions", "Meeting decisions", "Step-ups and step-downs", "Deferrals"):
        outcomes.add_table(name)
    caseloads = Section(
        "caseloads",
        "Caseloads",
        "Load against capacity by agency and professional; allocations made over capacity, with the reasons.",
    )
    caseloads.add_chart(
        BarChart("Utilisation by agency", rows=True, reference=100, reference_text="Capacity"), "Utilisation by agency"
    )
    caseloads.add_chart(
        BarChart("Utilisation of the most loaded professionals", rows=True, reference=100, reference_text="Capacity"),
        f"The {MOST_PROFESSIONALS} most loaded professionals",
    )
    for name in ("Agencies", "Professionals", "Utilisation by week", "Allocations over capacity"):
        caseloads.add_table(name)
    plans = Section(
        "plans",
        "TAF plans",
        "Plans agreed within 20 working days of allocation, reviews held on time, and distance travelled.",
    )
    for name in ("Plan timeliness", "Reviews", "Distance travelled"):
        plans.add_table(name)
    closures = Section("closures", "Closures", "Cases closed in the period, by reason and length of involvement.")
    closures.add_table("Closures")
    sections = [referrals, timeliness, outcomes, caseloads, plans, closures]
    for section in sections:
        section.finish()
    return {s.key: s for s in sections}


def fill(sections: dict[str, Section], report: PerformanceReport, loads: CaseloadReport) -> None:
    sections["referrals"].set_tables(ft.referral_tables(report.referrals))
    sections["referrals"].charts[0].set_bars(*_weekly(report.referrals))
    sections["timeliness"].set_tables([ft.timeliness_table(report.timeliness)])
    stages = [
        Bar(
            s.label,
            (
                Part(
                    100 * (s.within_rate or 0),
                    f"{s.within_target} of {s.cases} within {s.target} working days",
                    s.drill.narrowed(subcategory="within"),
                ),
            ),
            "" if s.within_rate is None else f"{s.within_rate:.0%}",
        )
        for s in report.timeliness.stages
    ]
    sections["timeliness"].charts[0].set_bars(stages)
    outcomes = report.outcomes
    sections["outcomes"].set_tables(ft.outcome_tables(outcomes))
    sections["outcomes"].charts[0].set_bars(_counted(outcomes.meeting, "decision"))
    sections["caseloads"].set_tables(ft.caseload_tables(loads))
    figures = loads.figures
    sections["caseloads"].charts[0].set_bars(
        [_load(a.agency, a) for a in figures.agencies], summary=f"Counted on {figures.as_at:%d %B %Y}."
    )
    loaded = sorted(figures.professionals, key=lambda p: -(p.utilisation or 0))[:MOST_PROFESSIONALS]
    sections["caseloads"].charts[1].set_bars([_load(p.name, p) for p in loaded])
    sections["plans"].set_tables(ft.plan_tables(report.plans))
    sections["closures"].set_tables([ft.closure_table(report.closures)])


def _weekly(f: ReferralFigures) -> tuple[list[Bar], list[str]]:
    """A column a week, stacked by locality."""
    bars = []
    for n, week in enumerate(f.weeks):
        parts = tuple(
            Part(s.counts[n], f"{s.label} {s.counts[n]}", s.drill_week(week), series=i)
            for i, s in enumerate(f.by_locality)
        )
        bars.append(Bar(f"{week.day} {week:%b}", parts))
    return bars, [s.label for s in f.by_locality] if len(f.by_locality) > 1 else []


def _counted(counts: tuple[Count, ...], noun: str) -> list[Bar]:
    return [
        Bar(c.label, (Part(c.count, f"{c.count} {noun}{'s' * (c.count != 1)}", c.drill),), f"{c.count:,}")
        for c in counts
    ]


def _load(label: str, load: AgencyLoad | ProfessionalLoad) -> Bar:
    share = load.utilisation
    if share is None:
        return Bar(label, (Part(0, f"load {number(load.load)}, no capacity", load.drill),), "no capacity")
    colour = "load_over" if share > 1 else "load_near" if share >= NEAR_FULL else "load_ok"
    words = f"{share:.0%} of capacity: load {number(load.load)} of {number(load.capacity)}"
    return Bar(label, (Part(100 * share, words, load.drill, colour=colour),), f"{share:.0%}")
