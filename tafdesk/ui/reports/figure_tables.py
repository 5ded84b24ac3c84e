"""The tables of the Reports page: each a spreadsheet Sheet (what the page
shows is what its Export writes, through exports/spreadsheet.py) and, for
every cell, the figure it stands for (a DrillDown, or None), so that any
figure leads to its families. Built from services/reports/sheets.py where
that has the table; rows there come in the figures' order, so the drills
are laid beside them here. No Qt here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from tafdesk.exports.spreadsheet import Sheet
from tafdesk.services.reports import sheets
from tafdesk.services.reports.figures import (
    CaseloadReport,
    ClosureFigures,
    Count,
    DrillDown,
    OutcomeFigures,
    PlanFigures,
    ReferralFigures,
    TimelinessFigures,
    WeeklySeries,
    rate,
)

Drill = DrillDown | None


@dataclass(frozen=True)
class FigureTable:
    sheet: Sheet
    drills: tuple[tuple[Drill, ...], ...]  # one for each cell of sheet.rows

    def drill(self, row: int, column: int) -> Drill:
        return self.drills[row][column]

    @property
    def name(self) -> str:
        return self.sheet.name


def _rows_alike(sheet: Sheet, drills: Sequence[Drill]) -> FigureTable:
    """Every cell of a row stands for the row's figure."""
    width = len(sheet.columns)
    return FigureTable(sheet, tuple((d,) * width for d in drills))


def _counts(sheet: Sheet, counts: Sequence[Count]) -> FigureTable:
    return _rows_alike(sheet, [c.drill for c in counts])


# -- referrals ------------------------------------------------------------------------------


def referral_tables(f: ReferralFigures) -> list[FigureTable]:
    by_locality, _agency, _need, repeats = sheets.referral_sheets(f)
    weekly = tuple(
        (
            f.drill.narrowed(week=week),
            *(s.drill_week(week) for s in f.by_locality),
            f.drill.narrowed(week=week),
        )
        for week in f.weeks
    )
    return [
        FigureTable(by_locality, weekly),
        _totals("Referrals by agency", "Referring agency", f.by_agency, f.received),
        _totals("Referrals by need area", "Need area", f.by_need, f.received),
        _rows_alike(repeats, [f.repeats.drill]),
    ]


def _totals(name: str, heading: str, series: Sequence[WeeklySeries], received: int) -> FigureTable:
    """Each group's referrals in the period, and its share of those received."""
    rows = [(s.label, s.total, sheets.percent(rate(s.total, received))) for s in series]
    return _rows_alike(Sheet(name, [heading, "Referrals", "Of those received (%)"], rows), [s.drill for s in series])


# -- timeliness ------------------------------------------------------------------------------

WITHIN_COLUMNS = ("Within target", "Within target (%)")


def timeliness_table(f: TimelinessFigures) -> FigureTable:
    sheet = sheets.timeliness_sheet(f)
    drills = tuple(
        tuple(
            s.drill.narrowed(subcategory="within") if column in WITHIN_COLUMNS else s.drill for column in sheet.columns
        )
        for s in f.stages
    )
    return FigureTable(sheet, drills)


# -- outcomes ------------------------------------------------------------------------------


def outcome_tables(f: OutcomeFigures) -> list[FigureTable]:
    front_door, meeting, steps, deferrals = sheets.outcome_sheets(f)
    return [
        _counts(front_door, f.front_door),
        _counts(meeting, f.meeting),
        _rows_alike(steps, [*(s.drill for s in f.steps), f.into_early_help.drill]),
        _counts(deferrals, f.deferrals.by_times),
    ]


# -- caseloads ------------------------------------------------------------------------------


def caseload_tables(report: CaseloadReport) -> list[FigureTable]:
    f = report.figures
    people, agencies, weekly, over = sheets.caseload_sheets(report)
    return [
        _rows_alike(agencies, [a.drill for a in f.agencies]),
        _rows_alike(people, [p.drill for p in f.professionals]),
        _rows_alike(weekly, [u.drill for u in f.utilisation]),
        _rows_alike(over, [f.over_capacity_drill] * len(f.over_capacity)),
    ]


# -- TAF plans ------------------------------------------------------------------------------


def plan_tables(f: PlanFigures) -> list[FigureTable]:
    timeliness, reviews, distance = sheets.plan_sheets(f)
    return [
        _counts(timeliness, f.timeliness.counts),
        _counts(reviews, f.reviews.counts),
        _rows_alike(distance, [d.drill for d in f.distance]),
    ]


# -- closures ------------------------------------------------------------------------------


def closure_table(f: ClosureFigures) -> FigureTable:
    sheet = sheets.closure_sheet(f)
    drills = tuple(
        (r.drill, r.drill, *(r.drill.narrowed(subcategory=length) for length in f.lengths), r.drill)
        for r in f.by_reason
    )
    return FigureTable(sheet, drills)


def week_words(week: dt.date) -> str:
    return f"week of {week.day} {week:%b %Y}"
