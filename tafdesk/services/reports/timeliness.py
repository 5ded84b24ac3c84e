"""Working days from a family's profile being received to the front door's
decision, to the Case Management Group's decision and to allocation: the
median, the 90th percentile and how many within the target (a shared
setting, services/shared_settings.TimelinessTargets).

Each wait counts the cases whose step (case_days.py) fell in the period, in
the case's locality, one value per case; working days are counted as
tafdesk counts them everywhere (after the day received, up to and including
the day of the step; weekends and England's bank holidays out), in SQL
(days_sql.working_days)."""

from __future__ import annotations

from sqlalchemy import Select, select

from tafdesk.services.reports import case_days
from tafdesk.services.reports.context import ReportContext
from tafdesk.services.reports.days_sql import working_days
from tafdesk.services.reports.figures import DrillDown, Figure, Stage, StageTimes, TimelinessFigures, rate
from tafdesk.services.reports.ranks import spread
from tafdesk.services.shared_settings import TimelinessTargets

STEPS = {
    Stage.FRONT_DOOR: case_days.front_door_decisions,
    Stage.MEETING_DECISION: case_days.meeting_decisions,
    Stage.ALLOCATION: case_days.allocations,
}
WITHIN, BEYOND = "within", "beyond"


def durations(q: ReportContext, stage: Stage) -> Select:
    """(case_id, value): working days to the stage, for each case that reached it in the period."""
    step = STEPS[stage](q.period)
    return select(step.c.case_id, working_days(step.c.opened_on, step.c.day).label("value")).where(
        q.local(step.c.locality_id)
    )


def figures(q: ReportContext, targets: TimelinessTargets) -> TimelinessFigures:
    return TimelinessFigures(tuple(_stage(q, stage, getattr(targets, stage.value)) for stage in Stage))


def _stage(q: ReportContext, stage: Stage, target: int) -> StageTimes:
    found = spread(q.s, durations(q, stage).subquery("durations"), target)
    return StageTimes(
        stage,
        stage.label,
        found.count,
        found.median,
        found.percentile_90,
        target,
        found.within,
        rate(found.within, found.count),
        q.drill(Figure.TIMELINESS, category=stage.value),
    )


def families(q: ReportContext, drill: DrillDown, targets: TimelinessTargets) -> tuple[Select, str, str]:
    stage = Stage(drill.named_category)
    target = getattr(targets, stage.value)
    found = durations(q, stage).subquery("durations")
    query = select(found.c.case_id, found.c.value)
    title = stage.label
    if drill.subcategory == WITHIN:
        query, title = query.where(found.c.value <= target), f"{title}: within {target} working days"
    elif drill.subcategory == BEYOND:
        query, title = query.where(found.c.value > target), f"{title}: more than {target} working days"
    return query, "Working days", title
