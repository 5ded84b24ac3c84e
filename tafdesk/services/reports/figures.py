"""What the report service returns: one frozen dataclass for each group of
figures on the Reports page, and the families behind a figure.

Every figure a person may click carries a `DrillDown`: hand it back to
`ReportService.families` to list the families behind it. Counts are whole
numbers; rates and shares are fractions from 0 to 1 (None where there is
nothing to divide by); working days, weights and scores are as counted in
the README's "How the reports count"."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import uuid
from dataclasses import dataclass
from typing import Any

from tafdesk.services.reports.period import Reach, ReportPeriod


class Figure(enum.StrEnum):
    REFERRALS = "referrals"
    REPEAT_REFERRALS = "repeat_referrals"
    TIMELINESS = "timeliness"
    FRONT_DOOR_OUTCOMES = "front_door_outcomes"
    MEETING_DECISIONS = "meeting_decisions"
    STEPS = "steps"
    INTO_EARLY_HELP = "into_early_help"
    DEFERRALS = "deferrals"
    CASELOAD = "caseload"
    OVER_CAPACITY = "over_capacity"
    PLAN_TIMELINESS = "plan_timeliness"
    REVIEWS = "reviews"
    DISTANCE_TRAVELLED = "distance_travelled"
    CLOSURES = "closures"


class Stage(enum.StrEnum):
    """The three waits timed from the day a family's profile was received."""

    FRONT_DOOR = "front_door"
    MEETING_DECISION = "meeting_decision"
    ALLOCATION = "allocation"

    @property
    def label(self) -> str:
        return STAGE_LABELS[self]


STAGE_LABELS = {
    Stage.FRONT_DOOR: "Profile received to front-door decision",
    Stage.MEETING_DECISION: "Profile received to the group's decision",
    Stage.ALLOCATION: "Profile received to allocation",
}


@dataclass(frozen=True)
class DrillDown:
    """Which families a figure stands for: the figure, its period and
    locality choice, and the part of it (a category such as a locality, an
    agency or an outcome, a subcategory, a week) where the figure has parts."""

    figure: Figure
    period: ReportPeriod
    locality_id: uuid.UUID | None  # as chosen: None for every locality the user may see
    category: str | None = None
    subcategory: str | None = None
    week: dt.date | None = None  # a week's Monday; for caseloads the day loads are counted on

    def narrowed(self, **parts: Any) -> DrillDown:
        """The same figure, down to a category, subcategory or week."""
        return dataclasses.replace(self, **parts)

    @property
    def named_category(self) -> str:
        """The category, for a figure that cannot be listed without one."""
        if not self.category:
            raise ValueError(f"{self.figure.value} is listed one category at a time")
        return self.category


@dataclass(frozen=True)
class Count:
    key: str  # stable: an enum's value, a locality's id, an agency's name as written
    label: str  # in words
    count: int
    share: float | None  # of the figure's total
    drill: DrillDown


# -- referrals ------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeeklySeries:
    """One line of a chart: a locality's, an agency's or a need area's referrals, week by week."""

    key: str
    label: str
    counts: tuple[int, ...]  # one for each week of ReferralFigures.weeks
    total: int
    drill: DrillDown

    def drill_week(self, week: dt.date) -> DrillDown:
        return self.drill.narrowed(week=week)


@dataclass(frozen=True)
class RepeatReferrals:
    received: int
    repeats: int  # of them, repeat referrals within 12 months
    rate: float | None
    drill: DrillDown


@dataclass(frozen=True)
class ReferralFigures:
    weeks: tuple[dt.date, ...]  # the Monday of each week the period touches
    received: int
    drill: DrillDown
    by_locality: tuple[WeeklySeries, ...]
    by_agency: tuple[WeeklySeries, ...]
    by_need: tuple[WeeklySeries, ...]  # a referral counts once in each need area its profile names
    repeats: RepeatReferrals


# -- timeliness -----------------------------------------------------------------------------


@dataclass(frozen=True)
class StageTimes:
    stage: Stage
    label: str
    cases: int
    median: int | None  # working days
    percentile_90: int | None
    target: int  # working days, a shared setting
    within_target: int
    within_rate: float | None
    drill: DrillDown  # every case; narrowed(subcategory="within" or "beyond") for either side of the target


@dataclass(frozen=True)
class TimelinessFigures:
    stages: tuple[StageTimes, ...]  # front door, meeting decision, allocation


# -- outcomes -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepCount:
    direction: str  # "stepped_up" or "stepped_down"
    direction_label: str
    route: str  # "front_door", "meeting" or "taf"
    route_label: str
    count: int
    drill: DrillDown


@dataclass(frozen=True)
class DeferralFigures:
    decisions: int  # deferrals decided in the period
    families: int  # families deferred in the period
    average_times: float | None  # how often each of them has been deferred, on average
    by_times: tuple[Count, ...]  # once, twice, three times or more
    drill: DrillDown


@dataclass(frozen=True)
class OutcomeFigures:
    front_door_total: int
    front_door: tuple[Count, ...]
    meeting_total: int
    meeting: tuple[Count, ...]  # every decision the groups made, by outcome
    steps: tuple[StepCount, ...]
    into_early_help: Count  # families stepped down to early help from children's social care
    deferrals: DeferralFigures


# -- caseloads ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfessionalLoad:
    professional_id: uuid.UUID
    name: str
    agency: str
    locality: str
    capacity: float  # weight points
    led_cases: int
    led_weight: float
    supported_cases: int
    supported_weight: float
    load: float  # led weight + a quarter of the supported weight
    utilisation: float | None  # load / capacity
    drill: DrillDown


@dataclass(frozen=True)
class AgencyLoad:
    agency_id: uuid.UUID
    agency: str
    professionals: int
    capacity: float
    led_cases: int
    supported_cases: int
    load: float
    utilisation: float | None
    drill: DrillDown


@dataclass(frozen=True)
class UtilisationPoint:
    week: dt.date  # Monday
    as_at: dt.date  # the day loads are counted on: the week's Sunday, or the period's last day
    agency_id: uuid.UUID | None  # None: every agency
    agency: str
    load: float
    capacity: float
    utilisation: float | None
    drill: DrillDown


@dataclass(frozen=True)
class OverCapacityAllocation:
    decided_on: dt.date
    case_reference: str
    locality: str
    professional: str
    agency: str
    reason: str


@dataclass(frozen=True)
class CaseloadFigures:
    as_at: dt.date  # loads by professional and agency are counted on this day
    professionals: tuple[ProfessionalLoad, ...]
    agencies: tuple[AgencyLoad, ...]
    utilisation: tuple[UtilisationPoint, ...]  # week by week: every agency, then each agency
    over_capacity: tuple[OverCapacityAllocation, ...]
    over_capacity_drill: DrillDown


# -- TAF plans ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanTimeliness:
    allocated: int  # families allocated in the period
    counts: tuple[Count, ...]  # agreed on time, agreed late, overdue, not yet due
    on_time_rate: float | None  # on time / (on time + late + overdue)


@dataclass(frozen=True)
class ReviewTimeliness:
    due: int  # reviews due in the period
    counts: tuple[Count, ...]  # held on time, held late, overdue, not yet due
    on_time_rate: float | None


@dataclass(frozen=True)
class AreaDistance:
    area: str  # a NeedArea's value
    label: str
    cases: int  # families scored in this area at two reviews or more
    first_average: float | None
    latest_average: float | None
    change_average: float | None
    improved: int
    same: int
    worse: int
    drill: DrillDown


@dataclass(frozen=True)
class PlanFigures:
    timeliness: PlanTimeliness
    reviews: ReviewTimeliness
    distance: tuple[AreaDistance, ...]


# -- closures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClosureReasonRow:
    reason: str  # a ClosureReason's value
    label: str
    closed: int
    by_length: tuple[int, ...]  # one for each of ClosureFigures.lengths
    median_days: int | None
    drill: DrillDown  # narrowed(subcategory=length label) for one length


@dataclass(frozen=True)
class ClosureFigures:
    closed: int
    lengths: tuple[str, ...]  # "Under 3 months", …
    by_reason: tuple[ClosureReasonRow, ...]
    drill: DrillDown


# -- whole reports --------------------------------------------------------------------------


@dataclass(frozen=True)
class PerformanceReport:
    period: ReportPeriod
    reach: Reach
    referrals: ReferralFigures
    timeliness: TimelinessFigures
    outcomes: OutcomeFigures
    plans: PlanFigures
    closures: ClosureFigures


@dataclass(frozen=True)
class CaseloadReport:
    period: ReportPeriod
    reach: Reach
    figures: CaseloadFigures


# -- the families behind a figure -----------------------------------------------------------


@dataclass(frozen=True)
class FamilyRow:
    case_reference: str
    family_name: str
    locality: str
    value: int | float | str | dt.date | None  # what the figure counted for the family (FamilyList.value_heading)
    case_id: uuid.UUID | None = None  # to open the case's page from the list


@dataclass(frozen=True)
class FamilyList:
    title: str  # "Referrals received: Police, week of 2 Mar 2026"
    value_heading: str  # "Received", "Working days", …
    rows: tuple[FamilyRow, ...]
    more: bool  # there were more than the limit asked for


def rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None
